//! The governor's rules as plain Rust: [`GovernorData`] holds proposals, tallies, receipts, the
//! checkpointed quorum numerator and the settings; its methods take the calling context, the
//! token's votes ([`VotesOracle`]) and the membership registry ([`CredentialOracle`]) and return
//! the events to emit, or a [`GovernorError`]. The `#[ink::contract]` shell in `lib.rs` supplies
//! the context and the real cross-contract oracles, runs a proposal's actions and emits events.
//!
//! Everything a running execution could change through a call back into the governor (a
//! settings proposal) is in its own storage cell (`Lazy` / `Mapping`), never in the root struct
//! the outer call writes back when it returns.

use ink::prelude::{vec, vec::Vec};
use ink::primitives::AccountId;
use ink::storage::{Lazy, Mapping};
use scale::Encode;
pub use sovra_kit::compliance::{ComplianceGate, CredentialOracle};
use sovra_kit::compliance;
use sovra_kit::checkpoints::Trace;
pub use sovra_kit::context::Ctx;
pub use sovra_interfaces::governance::*;
use sovra_kit::signing::{self, Domain, Nonces};

pub use sovra_kit::votes::VotesOracle;
use sovra_kit::blake2;

use crate::events::*;
#[cfg(test)]
#[path = "tests.rs"]
mod tests;

/// Domain tag that starts every payload the governor accepts a signature for.
pub const GOVERNOR_SIGNING_DOMAIN: [u8; 17] = *b"sovra-governor/v1";

/// What a voter signs for `cast_vote_by_sig` (`sovra_kit::signing`: `<Bytes>`-wrapped SCALE,
/// blake2b-256, secp256k1; the voter's account is blake2b-256 of its compressed public key).
/// The message is built by `sovra_kit::signing::signing_message` from the governor's domain
/// (tag, chain, address) and the rest: the same bytes as this struct's SCALE encoding.
#[derive(Debug, Clone, PartialEq, Eq)]
#[ink::scale_derive(Encode, Decode, TypeInfo)]
pub struct VoteSignedPayload {
    /// Always [`GOVERNOR_SIGNING_DOMAIN`].
    pub domain: [u8; 17],
    /// The chain the governor was constructed for (its genesis hash: no replay on another
    /// network or a fork).
    pub chain: [u8; 32],
    /// This governor's address (no replay on another governor).
    pub governor: AccountId,
    pub proposal: ProposalId,
    pub voter: AccountId,
    pub support: Support,
    pub reason: Vec<u8>,
    /// The voter's next nonce (no replay).
    pub nonce: u64,
    /// Last block in which it may be submitted.
    pub deadline: u32,
}

fn changed(change: SettingsChange) -> GovernorEvent {
    GovernorEvent::SettingsChanged(SettingsChanged { change })
}

/// A proposal as stored (its actions and tally are in their own cells).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[ink::scale_derive(Encode, Decode, TypeInfo)]
#[cfg_attr(feature = "std", derive(ink::storage::traits::StorageLayout))]
pub struct ProposalCore {
    pub proposer: AccountId,
    pub description_hash: [u8; 32],
    pub snapshot: u32,
    pub deadline: u32,
    /// Late-quorum protection moved the deadline (it moves once).
    pub extended: bool,
    pub counting: CountingMode,
    /// The membership gate voters are judged by: the one in force at the proposal's creation,
    /// so a later settings change cannot swap its electorate.
    pub membership: Option<ComplianceGate>,
    pub eta: Option<u32>,
    pub expires: Option<u32>,
    pub executed: bool,
    pub canceled: bool,
}

/// What the governor is configured with.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[ink::scale_derive(Encode, Decode, TypeInfo)]
#[cfg_attr(feature = "std", derive(ink::storage::traits::StorageLayout))]
pub struct Config {
    /// The chain signed votes must name (the genesis hash), fixed at construction.
    pub chain_id: [u8; 32],
    /// The governance token (`Votes`), fixed at construction.
    pub token: AccountId,
    pub settings: GovernorSettings,
    /// Only members (valid credential of its schema) propose and vote, if set.
    pub membership: Option<ComplianceGate>,
    /// May cancel any proposal until it is final, if set.
    pub guardian: Option<AccountId>,
}

/// The governor's storage and rules.
#[ink::storage_item]
#[derive(Debug, Default)]
pub struct GovernorData {
    /// Token, settings, membership gate and guardian: one cell, read once per call.
    config: Lazy<Config>,
    /// The quorum numerator's history (basis points; token-weighted proposals).
    quorum_numerator: Trace,
    /// The member quorum's history (members; one-member-one-vote and quadratic proposals).
    member_quorum: Trace,
    proposals: Mapping<ProposalId, ProposalCore>,
    actions: Mapping<ProposalId, Vec<Action>>,
    tallies: Mapping<ProposalId, Tally>,
    receipts: Mapping<(ProposalId, AccountId), VoteReceipt>,
    /// Proposal ids in creation order (enumeration for frontends).
    ids: Mapping<u32, ProposalId>,
    count: Lazy<u32>,
    nonces: Nonces,
}

/// Integer square root (the largest r with r² ≤ n), digit by digit in base 4: shifts, adds
/// and compares only (no 128-bit division in the Wasm).
pub fn isqrt(n: u128) -> u128 {
    let (mut rest, mut root) = (n, 0u128);
    // the largest power of four ≤ n
    let mut bit = 1u128 << (127u32.saturating_sub(n.leading_zeros()) & !1);
    while bit != 0 {
        // root < 2^64 and bit ≤ 2^126 here: the sum cannot overflow
        let candidate = root.saturating_add(bit);
        if rest >= candidate {
            rest = rest.saturating_sub(candidate);
            root = (root >> 1).saturating_add(bit);
        } else {
            root >>= 1;
        }
        bit >>= 2;
    }
    root
}

/// `x / d` for a 32-bit `d`, in four 64-bit steps (no 128-bit division routine in the Wasm).
fn div_small(x: u128, d: u32) -> u128 {
    let d = u64::from(d);
    let (mut quotient, mut remainder, mut shift) = (0u128, 0u64, 128u32);
    while shift > 0 {
        shift = shift.saturating_sub(32);
        let limb = u64::try_from((x >> shift) & 0xffff_ffff).unwrap_or(0);
        // remainder < d < 2^32, so this fits in 64 bits
        let current = (remainder << 32) | limb;
        quotient = (quotient << 32) | u128::from(current.checked_div(d).unwrap_or(0));
        remainder = current.checked_rem(d).unwrap_or(0);
    }
    quotient
}

fn quorum_of(supply: u128, numerator: u32) -> u128 {
    let n = u128::from(numerator.min(QUORUM_DENOMINATOR));
    let d = u128::from(QUORUM_DENOMINATOR);
    // supply = q·d + r: supply·n/d = q·n + r·n/d, with q·n ≤ supply and r·n < d²
    let q = div_small(supply, QUORUM_DENOMINATOR);
    let r = supply.saturating_sub(q.saturating_mul(d));
    q.saturating_mul(n).saturating_add(div_small(r.saturating_mul(n), QUORUM_DENOMINATOR))
}

impl GovernorData {
    /// A governor for the chain `chain_id` of `token` with `settings`, `quorum_numerator`
    /// (basis points) and `member_quorum` (members) from this block on, an optional membership
    /// gate and guardian. (The gate is not probed here — a deployment's dry run has no
    /// registry to ask; the deployment's verification asks it.) Errors: `InvalidSettings`.
    #[allow(clippy::too_many_arguments)]
    pub fn new(
        ctx: &Ctx,
        chain_id: [u8; 32],
        token: AccountId,
        settings: GovernorSettings,
        quorum_numerator: u32,
        member_quorum: u32,
        membership: Option<ComplianceGate>,
        guardian: Option<AccountId>,
    ) -> Result<(Self, Vec<GovernorEvent>), GovernorError> {
        Self::validate(&settings, membership.as_ref())?;
        let mut data = GovernorData::default();
        data.config.set(&Config { chain_id, token, settings, membership, guardian });
        let mut events = vec![changed(SettingsChange::Settings(settings))];
        events.push(data.set_numerator(ctx.block, quorum_numerator)?);
        data.member_quorum.push(ctx.block, u128::from(member_quorum))?;
        events.push(changed(SettingsChange::MemberQuorum(member_quorum)));
        events.push(changed(SettingsChange::Membership(membership)));
        events.push(changed(SettingsChange::Guardian(guardian)));
        Ok((data, events))
    }

    /// Every setting within its bounds (`MAX_*`: no passed proposal can freeze the DAO), and a
    /// gate where the counting mode needs members.
    fn validate(settings: &GovernorSettings, membership: Option<&ComplianceGate>) -> Result<(), GovernorError> {
        let needs_members = !matches!(settings.counting, CountingMode::TokenWeighted);
        let in_bounds = settings.voting_delay <= MAX_VOTING_DELAY
            && (1..=MAX_VOTING_PERIOD).contains(&settings.voting_period)
            && settings.timelock_delay <= MAX_TIMELOCK_DELAY
            && (1..=MAX_GRACE_PERIOD).contains(&settings.grace_period)
            && settings.vote_extension <= MAX_VOTE_EXTENSION;
        if !in_bounds || (needs_members && membership.is_none()) {
            return Err(GovernorError::InvalidSettings);
        }
        Ok(())
    }

    /// A gate is only accepted if its registry answers and knows its schema (a dead registry
    /// would refuse every proposer for ever).
    fn check_gate(credentials: &impl CredentialOracle, membership: Option<&ComplianceGate>) -> Result<(), GovernorError> {
        match membership {
            Some(gate) if !credentials.knows_schema(gate) => Err(GovernorError::MembershipUnavailable),
            _ => Ok(()),
        }
    }

    fn set_numerator(&mut self, block: u32, numerator: u32) -> Result<GovernorEvent, GovernorError> {
        if numerator > QUORUM_DENOMINATOR {
            return Err(GovernorError::InvalidSettings);
        }
        self.quorum_numerator.push(block, u128::from(numerator))?;
        Ok(changed(SettingsChange::QuorumNumerator(numerator)))
    }

    /// The governance token.
    pub fn token(&self) -> Option<AccountId> {
        self.config.get().map(|c| c.token)
    }

    /// The current settings.
    pub fn settings(&self) -> Option<GovernorSettings> {
        self.config.get().map(|c| c.settings)
    }

    /// The membership gate, if any.
    pub fn membership(&self) -> Option<ComplianceGate> {
        self.config.get().and_then(|c| c.membership)
    }

    /// The guardian, if any.
    pub fn guardian(&self) -> Option<AccountId> {
        self.config.get().and_then(|c| c.guardian)
    }

    /// The member quorum (members voting For or Abstain) in force at the end of `block`.
    pub fn member_quorum_at(&self, block: u32) -> u32 {
        u32::try_from(self.member_quorum.value_at(block)).unwrap_or(u32::MAX)
    }

    /// The quorum numerator (basis points) in force at the end of `block`.
    pub fn quorum_numerator_at(&self, block: u32) -> u32 {
        u32::try_from(self.quorum_numerator.value_at(block)).unwrap_or(QUORUM_DENOMINATOR)
    }

    /// How many proposals were made.
    pub fn proposal_count(&self) -> u32 {
        self.count.get().unwrap_or(0)
    }

    /// The id of the `index`-th proposal (0 = first).
    pub fn proposal_id_at(&self, index: u32) -> Option<ProposalId> {
        self.ids.get(index)
    }

    /// How `voter` voted on `id`, if it did.
    pub fn receipt(&self, id: ProposalId, voter: AccountId) -> Option<VoteReceipt> {
        self.receipts.get((id, voter))
    }

    /// The next nonce `voter` signs votes with.
    pub fn nonce_of(&self, voter: AccountId) -> u64 {
        self.nonces.next(voter)
    }

    /// Everything about proposal `id` at `block`.
    pub fn proposal(&self, id: ProposalId, block: u32) -> Option<ProposalView> {
        let core = self.proposals.get(id)?;
        let tally = self.tallies.get(id).unwrap_or_default();
        Some(ProposalView {
            id,
            proposer: core.proposer,
            actions: self.actions.get(id).unwrap_or_default(),
            description_hash: core.description_hash,
            snapshot: core.snapshot,
            deadline: core.deadline,
            eta: core.eta,
            expires: core.expires,
            counting: core.counting,
            membership: core.membership,
            tally,
            state: Self::derive_state(&core, &tally, block),
        })
    }

    /// The state of proposal `id` at `block`. Errors: `UnknownProposal`.
    pub fn state(&self, id: ProposalId, block: u32) -> Result<ProposalState, GovernorError> {
        let (core, tally) = self.load(id)?;
        Ok(Self::derive_state(&core, &tally, block))
    }

    /// Proposal `id` as stored and its tally: what its state derives from, read once.
    fn load(&self, id: ProposalId) -> Result<(ProposalCore, Tally), GovernorError> {
        let core = self.proposals.get(id).ok_or(GovernorError::UnknownProposal)?;
        Ok((core, self.tallies.get(id).unwrap_or_default()))
    }

    fn derive_state(core: &ProposalCore, tally: &Tally, block: u32) -> ProposalState {
        if core.executed {
            ProposalState::Executed
        } else if core.canceled {
            ProposalState::Canceled
        } else if block <= core.snapshot {
            ProposalState::Pending
        } else if block <= core.deadline {
            ProposalState::Active
        } else if !tally.succeeded() {
            ProposalState::Defeated
        } else {
            match core.expires {
                None => ProposalState::Succeeded,
                Some(expires) if block > expires => ProposalState::Expired,
                Some(_) => ProposalState::Queued,
            }
        }
    }

    /// The id `proposer` gets for `actions` and `description`.
    pub fn proposal_id(proposer: AccountId, actions: &[Action], description_hash: [u8; 32]) -> ProposalId {
        blake2(&(proposer, actions, description_hash).encode())
    }

    fn config(&self) -> Result<Config, GovernorError> {
        self.config.get().ok_or(GovernorError::InvalidSettings)
    }

    /// `account` passed the gate at the end of `block` (membership is judged at a block, like
    /// voting weight: a credential issued, suspended or revoked after it changes nothing).
    fn require_member(membership: Option<&ComplianceGate>, credentials: &impl CredentialOracle, account: AccountId, block: u32) -> Result<(), GovernorError> {
        if compliance::admitted_at(membership, credentials, account, block) {
            Ok(())
        } else {
            Err(GovernorError::NotMember)
        }
    }

    /// `ctx.caller` proposes `actions` with `description`. Needs membership (if gated) and
    /// token votes ≥ the proposal threshold, both at the previous block. Errors:
    /// `InvalidActionCount`, `InputTooLong`, `DescriptionTooLong`, `NotMember`,
    /// `BelowThreshold`, `TokenUnavailable`, `ProposalExists`, `Overflow`.
    pub fn propose(
        &mut self,
        ctx: &Ctx,
        votes: &impl VotesOracle,
        credentials: &impl CredentialOracle,
        actions: Vec<Action>,
        description: Vec<u8>,
    ) -> Result<(ProposalId, Vec<GovernorEvent>), GovernorError> {
        let count = u32::try_from(actions.len()).unwrap_or(u32::MAX);
        if count == 0 || count > MAX_ACTIONS {
            return Err(GovernorError::InvalidActionCount);
        }
        if actions.iter().any(|a| a.input.len() > MAX_INPUT_LEN as usize) {
            return Err(GovernorError::InputTooLong);
        }
        if let Some(index) = actions.iter().position(|a| a.selector.is_none() && (!a.input.is_empty() || a.value == 0)) {
            return Err(GovernorError::InvalidAction(u32::try_from(index).unwrap_or(u32::MAX)));
        }
        if description.len() > MAX_DESCRIPTION_LEN as usize {
            return Err(GovernorError::DescriptionTooLong);
        }
        let config = self.config()?;
        // a member at the previous block, as the threshold is counted there
        Self::require_member(config.membership.as_ref(), credentials, ctx.caller, ctx.block.saturating_sub(1))?;
        let settings = config.settings;
        if settings.proposal_threshold > 0 {
            let power = votes
                .past_votes(config.token, ctx.caller, ctx.block.saturating_sub(1))
                .ok_or(GovernorError::TokenUnavailable)?;
            if power < settings.proposal_threshold {
                return Err(GovernorError::BelowThreshold);
            }
        }
        let description_hash = blake2(&description);
        let id = Self::proposal_id(ctx.caller, &actions, description_hash);
        if self.proposals.contains(id) {
            return Err(GovernorError::ProposalExists);
        }
        let snapshot = ctx.block.checked_add(settings.voting_delay).ok_or(GovernorError::Overflow)?;
        let deadline = snapshot.checked_add(settings.voting_period).ok_or(GovernorError::Overflow)?;
        let index = self.proposal_count();
        self.count.set(&index.checked_add(1).ok_or(GovernorError::Overflow)?);
        self.ids.insert(index, &id);
        self.proposals.insert(
            id,
            &ProposalCore {
                proposer: ctx.caller,
                description_hash,
                snapshot,
                deadline,
                extended: false,
                counting: settings.counting,
                membership: config.membership,
                eta: None,
                expires: None,
                executed: false,
                canceled: false,
            },
        );
        self.actions.insert(id, &actions);
        let event = ProposalCreated {
            id,
            proposer: ctx.caller,
            actions,
            description,
            snapshot,
            deadline,
            counting: settings.counting,
            membership: config.membership,
        };
        Ok((id, vec![GovernorEvent::ProposalCreated(event)]))
    }

    /// `ctx.caller` votes `support` on `id` (see [`Self::vote_as`]).
    pub fn cast_vote(
        &mut self,
        ctx: &Ctx,
        votes: &impl VotesOracle,
        credentials: &impl CredentialOracle,
        id: ProposalId,
        support: Support,
        reason: Vec<u8>,
    ) -> Result<Vec<GovernorEvent>, GovernorError> {
        let config = self.config()?;
        self.vote_as(ctx, &config, votes, credentials, ctx.caller, id, support, reason)
    }

    /// The chain signed votes must name.
    pub fn chain_id(&self) -> [u8; 32] {
        self.config.get().map(|c| c.chain_id).unwrap_or_default()
    }

    fn domain(chain: [u8; 32], governor: AccountId) -> Domain {
        Domain { tag: &GOVERNOR_SIGNING_DOMAIN, chain, contract: governor }
    }

    /// The exact bytes `voter` signs to vote `support` on `id` at the governor `governor`
    /// (SCALE of [`VoteSignedPayload`], wrapped).
    #[allow(clippy::too_many_arguments)]
    pub fn signing_message(&self, governor: AccountId, proposal: ProposalId, voter: AccountId, support: Support, reason: Vec<u8>, nonce: u64, deadline: u32) -> Vec<u8> {
        signing::signing_message(&Self::domain(self.chain_id(), governor), &(proposal, voter, support, reason, nonce, deadline))
    }

    /// The caller uses up its next vote nonce, voiding every vote it signed and has not had
    /// submitted. Errors: `Overflow`.
    pub fn bump_nonce(&mut self, ctx: &Ctx) -> Result<Vec<GovernorEvent>, GovernorError> {
        Ok(vec![GovernorEvent::SignerNonceBumped(self.nonces.bump(ctx.caller)?)])
    }

    /// Casts `voter`'s vote on its signature (anyone may submit); uses up the voter's nonce.
    /// Errors: those of [`Self::vote_as`], `Expired`, `NonceUsed`, `InvalidNonce`,
    /// `NonCanonicalSignature`, `BadSignature`.
    #[allow(clippy::too_many_arguments)]
    pub fn cast_vote_by_sig(
        &mut self,
        ctx: &Ctx,
        votes: &impl VotesOracle,
        credentials: &impl CredentialOracle,
        governor: AccountId,
        id: ProposalId,
        voter: AccountId,
        support: Support,
        reason: Vec<u8>,
        nonce: u64,
        deadline: u32,
        signature: &[u8; 65],
    ) -> Result<Vec<GovernorEvent>, GovernorError> {
        if reason.len() > MAX_REASON_LEN as usize {
            return Err(GovernorError::ReasonTooLong);
        }
        // one read of the config serves the signature's domain and the vote
        let config = self.config()?;
        let domain = Self::domain(config.chain_id, governor);
        self.nonces.consume(&domain, voter, nonce, ctx.block, deadline, &(id, voter, support, &reason, nonce, deadline), signature)?;
        self.vote_as(ctx, &config, votes, credentials, voter, id, support, reason)
    }

    /// `voter` votes `support` on `id`, once, while it is Active: weight from its token votes at
    /// the snapshot in the proposal's counting mode; membership by the proposal's own gate, at
    /// the snapshot too. The first vote
    /// fixes the quorum; reaching it within the last `vote_extension` blocks moves the deadline
    /// (once). Errors: `UnknownProposal`, `UnexpectedState`, `ReasonTooLong`, `NotMember`,
    /// `AlreadyVoted`, `TokenUnavailable`, `Overflow`.
    #[allow(clippy::too_many_arguments)]
    fn vote_as(
        &mut self,
        ctx: &Ctx,
        config: &Config,
        votes: &impl VotesOracle,
        credentials: &impl CredentialOracle,
        voter: AccountId,
        id: ProposalId,
        support: Support,
        reason: Vec<u8>,
    ) -> Result<Vec<GovernorEvent>, GovernorError> {
        let (mut core, mut tally) = self.load(id)?;
        match Self::derive_state(&core, &tally, ctx.block) {
            ProposalState::Active => {}
            state => return Err(GovernorError::UnexpectedState(state)),
        }
        if reason.len() > MAX_REASON_LEN as usize {
            return Err(GovernorError::ReasonTooLong);
        }
        Self::require_member(core.membership.as_ref(), credentials, voter, core.snapshot)?;
        if self.receipts.contains((id, voter)) {
            return Err(GovernorError::AlreadyVoted);
        }
        let token = config.token;
        let raw = votes.past_votes(token, voter, core.snapshot).ok_or(GovernorError::TokenUnavailable)?;
        let weight = match core.counting {
            CountingMode::TokenWeighted => raw,
            CountingMode::OneMemberOneVote => 1,
            CountingMode::Quadratic => isqrt(raw),
        };
        // quorum in the mode's own unit: token votes, or members
        let member_based = core.counting != CountingMode::TokenWeighted;
        if tally.quorum.is_none() {
            tally.quorum = Some(if member_based {
                u128::from(self.member_quorum_at(core.snapshot))
            } else {
                let supply = votes.past_total_supply(token, core.snapshot).ok_or(GovernorError::TokenUnavailable)?;
                quorum_of(supply, self.quorum_numerator_at(core.snapshot))
            });
        }
        let reached_before = tally.quorum_reached();
        let add = |total: u128| total.checked_add(weight).ok_or(GovernorError::Overflow);
        match support {
            Support::For => tally.for_votes = add(tally.for_votes)?,
            Support::Against => tally.against_votes = add(tally.against_votes)?,
            Support::Abstain => tally.abstain_votes = add(tally.abstain_votes)?,
        }
        if support != Support::Against {
            let counted = if member_based { 1 } else { raw };
            tally.participation = tally.participation.checked_add(counted).ok_or(GovernorError::Overflow)?;
        }
        self.tallies.insert(id, &tally);
        self.receipts.insert((id, voter), &VoteReceipt { support, weight });
        let mut events = vec![GovernorEvent::VoteCast(VoteCast { id, voter, support, weight, votes: raw, reason })];
        let extension = config.settings.vote_extension;
        if !reached_before && tally.quorum_reached() && !core.extended && extension > 0 {
            // bounded settings keep this far from u32::MAX; saturating, a vote never fails here
            let extended = ctx.block.saturating_add(extension);
            if extended > core.deadline {
                core.deadline = extended;
                core.extended = true;
                self.proposals.insert(id, &core);
                events.push(GovernorEvent::ProposalExtended(ProposalExtended { id, deadline: extended }));
            }
        }
        Ok(events)
    }

    /// Queues a Succeeded proposal: executable from now + timelock delay until that + grace
    /// period (both fixed now). Anyone may call. Errors: `UnknownProposal`, `UnexpectedState`,
    /// `Overflow`.
    pub fn queue(&mut self, ctx: &Ctx, id: ProposalId) -> Result<Vec<GovernorEvent>, GovernorError> {
        let (mut core, tally) = self.load(id)?;
        match Self::derive_state(&core, &tally, ctx.block) {
            ProposalState::Succeeded => {}
            state => return Err(GovernorError::UnexpectedState(state)),
        }
        let settings = self.config()?.settings;
        let eta = ctx.block.checked_add(settings.timelock_delay).ok_or(GovernorError::Overflow)?;
        let expires = eta.checked_add(settings.grace_period).ok_or(GovernorError::Overflow)?;
        core.eta = Some(eta);
        core.expires = Some(expires);
        self.proposals.insert(id, &core);
        Ok(vec![GovernorEvent::ProposalQueued(ProposalQueued { id, eta, expires })])
    }

    /// Marks a Queued proposal whose eta has come as executed and returns its actions for the
    /// shell to run, in order (the shell reverts everything if one fails). Anyone may call.
    /// Errors: `UnknownProposal`, `UnexpectedState`, `TimelockNotPassed`.
    pub fn begin_execute(&mut self, ctx: &Ctx, id: ProposalId) -> Result<(Vec<Action>, Vec<GovernorEvent>), GovernorError> {
        let (mut core, tally) = self.load(id)?;
        match Self::derive_state(&core, &tally, ctx.block) {
            ProposalState::Queued => {}
            state => return Err(GovernorError::UnexpectedState(state)),
        }
        if core.eta.is_some_and(|eta| ctx.block < eta) {
            return Err(GovernorError::TimelockNotPassed);
        }
        // Marked before any action runs: an action calling `execute` again finds it Executed.
        core.executed = true;
        self.proposals.insert(id, &core);
        Ok((self.actions.get(id).unwrap_or_default(), vec![GovernorEvent::ProposalExecuted(ProposalExecuted { id })]))
    }

    /// Cancels `id`: its proposer while it is Pending, or the guardian until it is final
    /// (Defeated, Executed, Canceled or Expired: a final outcome is never rewritten). Errors:
    /// `UnknownProposal`, `NotAllowedToCancel`, `UnexpectedState`.
    pub fn cancel(&mut self, ctx: &Ctx, id: ProposalId) -> Result<Vec<GovernorEvent>, GovernorError> {
        let (mut core, tally) = self.load(id)?;
        let state = Self::derive_state(&core, &tally, ctx.block);
        let by_guardian = self.guardian() == Some(ctx.caller);
        if !by_guardian && ctx.caller != core.proposer {
            return Err(GovernorError::NotAllowedToCancel);
        }
        let allowed = if by_guardian {
            // a final outcome is never rewritten
            !matches!(state, ProposalState::Defeated | ProposalState::Executed | ProposalState::Canceled | ProposalState::Expired)
        } else {
            state == ProposalState::Pending
        };
        if !allowed {
            return Err(GovernorError::UnexpectedState(state));
        }
        core.canceled = true;
        self.proposals.insert(id, &core);
        Ok(vec![GovernorEvent::ProposalCanceled(ProposalCanceled { id, by: ctx.caller })])
    }

    fn only_governance(ctx: &Ctx, governor: AccountId) -> Result<(), GovernorError> {
        if ctx.caller == governor {
            Ok(())
        } else {
            Err(GovernorError::OnlyGovernance)
        }
    }

    /// Replaces the settings. Caller: the governor itself (a proposal). Errors:
    /// `OnlyGovernance`, `InvalidSettings`.
    pub fn set_settings(&mut self, ctx: &Ctx, governor: AccountId, settings: GovernorSettings) -> Result<Vec<GovernorEvent>, GovernorError> {
        Self::only_governance(ctx, governor)?;
        let config = self.config()?;
        Self::validate(&settings, config.membership.as_ref())?;
        self.config.set(&Config { settings, ..config });
        Ok(vec![changed(SettingsChange::Settings(settings))])
    }

    /// Sets the quorum numerator from this block on (proposals whose snapshot is past keep
    /// theirs). Caller: the governor itself. Errors: `OnlyGovernance`, `InvalidSettings`.
    pub fn set_quorum_numerator(&mut self, ctx: &Ctx, governor: AccountId, numerator: u32) -> Result<Vec<GovernorEvent>, GovernorError> {
        Self::only_governance(ctx, governor)?;
        Ok(vec![self.set_numerator(ctx.block, numerator)?])
    }

    /// Sets the member quorum from this block on (proposals whose snapshot is past keep
    /// theirs). Caller: the governor itself. Errors: `OnlyGovernance`.
    pub fn set_member_quorum(&mut self, ctx: &Ctx, governor: AccountId, members: u32) -> Result<Vec<GovernorEvent>, GovernorError> {
        Self::only_governance(ctx, governor)?;
        self.member_quorum.push(ctx.block, u128::from(members))?;
        Ok(vec![changed(SettingsChange::MemberQuorum(members))])
    }

    /// Sets or removes the guardian. Caller: the governor itself. Errors: `OnlyGovernance`.
    pub fn set_guardian(&mut self, ctx: &Ctx, governor: AccountId, guardian: Option<AccountId>) -> Result<Vec<GovernorEvent>, GovernorError> {
        Self::only_governance(ctx, governor)?;
        let config = self.config()?;
        self.config.set(&Config { guardian, ..config });
        Ok(vec![changed(SettingsChange::Guardian(guardian))])
    }

    /// Sets or removes the membership gate (removing it needs token-weighted counting) for
    /// proposals made from now on. Caller: the governor itself. Errors: `OnlyGovernance`,
    /// `InvalidSettings`, `MembershipUnavailable`.
    pub fn set_membership(
        &mut self,
        ctx: &Ctx,
        credentials: &impl CredentialOracle,
        governor: AccountId,
        membership: Option<ComplianceGate>,
    ) -> Result<Vec<GovernorEvent>, GovernorError> {
        Self::only_governance(ctx, governor)?;
        let config = self.config()?;
        Self::validate(&config.settings, membership.as_ref())?;
        Self::check_gate(credentials, membership.as_ref())?;
        self.config.set(&Config { membership, ..config });
        Ok(vec![changed(SettingsChange::Membership(membership))])
    }
}
