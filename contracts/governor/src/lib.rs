//! # Sovra DAO governor
//!
//! Token holders (or credentialed members) govern the suite: proposals are bounded lists of
//! cross-contract calls, voted on with the token's checkpointed votes at a snapshot block
//! (`sovra_interfaces::votes::Votes::get_past_votes`), counted token-weighted, one member one vote
//! or quadratically, with a checkpointed quorum fraction, late-quorum protection, a timelock
//! with a grace period, an optional guardian, vote-by-signature and enumeration for frontends.
//! After deployment the governor holds the other contracts' admin roles and uses them only
//! through proposals; its own settings change the same way (a proposal calling the governor).
//!
//! The rules live in [`data::GovernorData`]; this module is the thin `#[ink::contract]` shell,
//! which also runs a proposal's actions (atomically: one failure reverts them all).
#![cfg_attr(not(feature = "std"), no_std, no_main)]

pub mod data;
pub mod errors;
pub mod events;

/// The contract, and `GovernorRef`: a typed reference to a deployed instance whose generated call
/// builders (`call_mut().<message>(..)`) other contracts and clients call it through.
pub use self::governor::{Governor, GovernorRef};

#[ink::contract]
mod governor {
    use crate::data::{
        Action, ComplianceGate, Ctx, GovernorData, GovernorError, GovernorSettings, ProposalId, ProposalState, ProposalView, Support,
        VoteReceipt,
    };
    use crate::events::GovernorEvent;
    use ink::prelude::vec::Vec;
    use sovra_kit::compliance::Registry;
    use sovra_kit::raw;
    use sovra_kit::votes::Token;

    /// The governor's storage: every field is in its own cell (see `data`).
    #[ink(storage)]
    pub struct Governor {
        data: GovernorData,
    }

    impl Governor {
        /// Deploys a governor for the network `chain_id` (its genesis hash: every signed vote
        /// names it) of the `Votes` token at `token` with `settings` (each within its
        /// documented maximum), a quorum of `quorum_numerator` basis points of the past total
        /// supply for token-weighted proposals and of `member_quorum` members voting For or
        /// Abstain for one-member-one-vote and quadratic ones, an optional membership gate (only members propose and vote; needed by the
        /// member-based counting modes; `scripts/deploy.sh` verifies that its registry knows
        /// the schema, `set_membership` refuses one that does not) and an
        /// optional guardian (may cancel any proposal that is not final yet). Fails (reverts)
        /// with `InvalidSettings`. Events: `SettingsChanged` ×5.
        #[ink(constructor)]
        pub fn new(
            chain_id: [u8; 32],
            token: AccountId,
            settings: GovernorSettings,
            quorum_numerator: u32,
            member_quorum: u32,
            membership: Option<ComplianceGate>,
            guardian: Option<AccountId>,
        ) -> Result<Self, GovernorError> {
            let ctx = Ctx { caller: Self::env().caller(), block: Self::env().block_number(), now: 0 };
            let (data, events) = GovernorData::new(&ctx, chain_id, token, settings, quorum_numerator, member_quorum, membership, guardian)?;
            let governor = Self { data };
            GovernorEvent::emit_all(events);
            Ok(governor)
        }

        /// Proposes `actions` (1–10 calls or plain transfers; input ≤ 512 bytes each) with
        /// `description` (≤ 1,024 bytes; its hash is stored, the text is in the event) and
        /// returns the proposal id (blake2b-256 of proposer, actions and description hash:
        /// nobody else can take it). The counting mode and membership gate in force now are
        /// fixed for the proposal. Caller: a member (if gated) with token votes ≥ the proposal
        /// threshold, both at the previous block. Voting opens after `voting_delay` blocks. Errors:
        /// `InvalidActionCount`, `InputTooLong`, `InvalidAction` (a plain transfer with input or
        /// without value), `DescriptionTooLong`, `NotMember`, `BelowThreshold`,
        /// `TokenUnavailable`, `ProposalExists`, `Overflow`. Events: `ProposalCreated`.
        #[ink(message)]
        pub fn propose(&mut self, actions: Vec<Action>, description: Vec<u8>) -> Result<ProposalId, GovernorError> {
            let (id, events) = self.data.propose(&Ctx::current_block(), &Token, &Registry, actions, description)?;
            GovernorEvent::emit_all(events);
            Ok(id)
        }

        /// The caller votes `support` on Active proposal `id`, once, with an optional `reason`
        /// (≤ 256 bytes). Weight: its token votes at the snapshot, in the proposal's counting
        /// mode; membership at the snapshot too, by the proposal's own gate (the one in force
        /// when it was made): a credential issued after the snapshot gives no vote, one
        /// suspended or revoked after it takes none away — as with tokens. Errors:
        /// `UnknownProposal`, `UnexpectedState`, `ReasonTooLong`, `NotMember`, `AlreadyVoted`,
        /// `TokenUnavailable`, `Overflow`. Events: `VoteCast`,
        /// `ProposalExtended` (late quorum).
        #[ink(message)]
        pub fn cast_vote(&mut self, id: ProposalId, support: Support, reason: Vec<u8>) -> Result<(), GovernorError> {
            let events = self.data.cast_vote(&Ctx::current_block(), &Token, &Registry, id, support, reason)?;
            GovernorEvent::emit_all(events);
            Ok(())
        }

        /// Casts `voter`'s vote on its secp256k1 signature over
        /// `vote_signing_payload(id, voter, support, reason, nonce, deadline)` (naming this
        /// chain and governor); anyone may submit. To withdraw a signed vote not yet
        /// submitted, the voter calls `bump_nonce`. Errors: those of `cast_vote`, `Expired`, `NonceUsed`, `InvalidNonce`,
        /// `NonCanonicalSignature`, `BadSignature`. Events: as `cast_vote`.
        #[ink(message)]
        #[allow(clippy::too_many_arguments)]
        pub fn cast_vote_by_sig(
            &mut self,
            id: ProposalId,
            voter: AccountId,
            support: Support,
            reason: Vec<u8>,
            nonce: u64,
            deadline: BlockNumber,
            signature: [u8; 65],
        ) -> Result<(), GovernorError> {
            let governor = self.env().account_id();
            let events = self.data.cast_vote_by_sig(&Ctx::current_block(), &Token, &Registry, governor, id, voter, support, reason, nonce, deadline, &signature)?;
            GovernorEvent::emit_all(events);
            Ok(())
        }

        /// The exact bytes `voter` signs for `cast_vote_by_sig`: `<Bytes>` ++ SCALE(domain
        /// `sovra-governor/v1`, chain id, this governor, id, voter, support, reason, nonce,
        /// deadline) ++ `</Bytes>`. Read-only.
        #[ink(message)]
        pub fn vote_signing_payload(&self, id: ProposalId, voter: AccountId, support: Support, reason: Vec<u8>, nonce: u64, deadline: BlockNumber) -> Vec<u8> {
            self.data.signing_message(self.env().account_id(), id, voter, support, reason, nonce, deadline)
        }

        /// The caller uses up its next vote nonce: every vote it signed and has not had
        /// submitted becomes void. Anyone may call, for itself. Errors: `Overflow`. Events:
        /// `SignerNonceBumped`.
        #[ink(message)]
        pub fn bump_nonce(&mut self) -> Result<(), GovernorError> {
            let events = self.data.bump_nonce(&Ctx::current_block())?;
            GovernorEvent::emit_all(events);
            Ok(())
        }

        /// The network identifier every signed vote names (the genesis hash given at
        /// construction). Read-only.
        #[ink(message)]
        pub fn chain_id(&self) -> [u8; 32] {
            self.data.chain_id()
        }

        /// The treasury: the governor's native balance, which proposals spend (plain
        /// transfers, or value sent with a call). Read-only.
        #[ink(message)]
        pub fn treasury(&self) -> Balance {
            self.env().balance()
        }

        /// The next nonce `voter` signs votes with. Read-only.
        #[ink(message)]
        pub fn nonces(&self, voter: AccountId) -> u64 {
            self.data.nonce_of(voter)
        }

        /// Queues Succeeded proposal `id`: executable from now + timelock delay (eta) until
        /// eta + grace period. Anyone may call. Errors: `UnknownProposal`, `UnexpectedState`,
        /// `Overflow`. Events: `ProposalQueued`.
        #[ink(message)]
        pub fn queue(&mut self, id: ProposalId) -> Result<(), GovernorError> {
            let events = self.data.queue(&Ctx::current_block(), id)?;
            GovernorEvent::emit_all(events);
            Ok(())
        }

        /// Executes Queued proposal `id` once its eta has come: runs its actions in order (a
        /// call, or a plain transfer from the treasury for an action without a selector).
        /// If one fails, returns `ActionFailed(index)` and every effect is rolled back (the
        /// proposal stays Queued). Actions may call the governor itself (settings); no other
        /// contract may call back into it meanwhile. Anyone may call; value sent with the call
        /// stays with the governor. Errors: `UnknownProposal`, `UnexpectedState`,
        /// `TimelockNotPassed`, `ActionFailed`. Events: `ProposalExecuted` (after the actions'
        /// own).
        #[ink(message, payable)]
        pub fn execute(&mut self, id: ProposalId) -> Result<(), GovernorError> {
            let (actions, events) = self.data.begin_execute(&Ctx::current_block(), id)?;
            let me = self.env().account_id();
            for (index, action) in actions.iter().enumerate() {
                // the call's return code, not its output, tells success (see `sovra_kit::raw`)
                let done = match action.selector {
                    Some(selector) => raw::call(&action.callee, selector, &action.input, action.value, action.callee == me),
                    None => self.env().transfer(action.callee, action.value).is_ok(),
                };
                if !done {
                    return Err(GovernorError::ActionFailed(u32::try_from(index).unwrap_or(u32::MAX)));
                }
            }
            GovernorEvent::emit_all(events);
            Ok(())
        }

        /// Cancels proposal `id`. Caller: its proposer while it is Pending, or the guardian
        /// until it is final (Pending, Active, Succeeded or Queued). Errors: `UnknownProposal`, `NotAllowedToCancel`,
        /// `UnexpectedState`. Events: `ProposalCanceled`.
        #[ink(message)]
        pub fn cancel(&mut self, id: ProposalId) -> Result<(), GovernorError> {
            let events = self.data.cancel(&Ctx::current_block(), id)?;
            GovernorEvent::emit_all(events);
            Ok(())
        }

        /// The state of proposal `id` now. Read-only. Errors: `UnknownProposal`.
        #[ink(message)]
        pub fn state(&self, id: ProposalId) -> Result<ProposalState, GovernorError> {
            self.data.state(id, self.env().block_number())
        }

        /// Everything about proposal `id` (actions, proposer, snapshot, deadline, eta,
        /// tallies, state). Read-only.
        #[ink(message)]
        pub fn proposal(&self, id: ProposalId) -> Option<ProposalView> {
            self.data.proposal(id, self.env().block_number())
        }

        /// How many proposals were made. Read-only.
        #[ink(message)]
        pub fn proposal_count(&self) -> u32 {
            self.data.proposal_count()
        }

        /// The id of the `index`-th proposal (0 = first). Read-only.
        #[ink(message)]
        pub fn proposal_id_at(&self, index: u32) -> Option<ProposalId> {
            self.data.proposal_id_at(index)
        }

        /// The id `proposer` would get for `actions` and `description`. Read-only.
        #[ink(message)]
        pub fn hash_proposal(&self, proposer: AccountId, actions: Vec<Action>, description: Vec<u8>) -> ProposalId {
            GovernorData::proposal_id(proposer, &actions, sovra_kit::blake2(&description))
        }

        /// How `voter` voted on `id`, if it did. Read-only.
        #[ink(message)]
        pub fn receipt(&self, id: ProposalId, voter: AccountId) -> Option<VoteReceipt> {
            self.data.receipt(id, voter)
        }

        /// The governance token. Read-only.
        #[ink(message)]
        pub fn token(&self) -> Option<AccountId> {
            self.data.token()
        }

        /// The current settings. Read-only.
        #[ink(message)]
        pub fn settings(&self) -> Option<GovernorSettings> {
            self.data.settings()
        }

        /// The quorum numerator (basis points of the past total supply) in force at the end
        /// of `block`. Read-only.
        #[ink(message)]
        pub fn quorum_numerator(&self, block: BlockNumber) -> u32 {
            self.data.quorum_numerator_at(block)
        }

        /// The member quorum (members voting For or Abstain on a one-member-one-vote or
        /// quadratic proposal) in force at the end of `block`. Read-only.
        #[ink(message)]
        pub fn member_quorum(&self, block: BlockNumber) -> u32 {
            self.data.member_quorum_at(block)
        }

        /// The membership gate, if any. Read-only.
        #[ink(message)]
        pub fn membership(&self) -> Option<ComplianceGate> {
            self.data.membership()
        }

        /// The guardian, if any. Read-only.
        #[ink(message)]
        pub fn guardian(&self) -> Option<AccountId> {
            self.data.guardian()
        }

        /// Replaces the settings (existing proposals keep their snapshot, deadline, counting
        /// mode and membership gate; queued ones their eta and expiry). Each block count must
        /// be within its maximum (`MAX_VOTING_DELAY` 7 days, `MAX_VOTING_PERIOD` 30 days,
        /// `MAX_TIMELOCK_DELAY` 30 days, `MAX_GRACE_PERIOD` 30 days, `MAX_VOTE_EXTENSION` 7
        /// days, at 6-second blocks). Caller: the governor itself (a proposal). Errors:
        /// `OnlyGovernance`, `InvalidSettings`. Events: `SettingsChanged`.
        #[ink(message)]
        pub fn set_settings(&mut self, settings: GovernorSettings) -> Result<(), GovernorError> {
            let events = self.data.set_settings(&Ctx::current_block(), self.env().account_id(), settings)?;
            GovernorEvent::emit_all(events);
            Ok(())
        }

        /// Sets the quorum numerator (basis points, ≤ 10,000) from this block on; proposals
        /// whose snapshot is past keep theirs. Caller: the governor itself. Errors:
        /// `OnlyGovernance`, `InvalidSettings`. Events: `SettingsChanged`.
        #[ink(message)]
        pub fn set_quorum_numerator(&mut self, numerator: u32) -> Result<(), GovernorError> {
            let events = self.data.set_quorum_numerator(&Ctx::current_block(), self.env().account_id(), numerator)?;
            GovernorEvent::emit_all(events);
            Ok(())
        }

        /// Sets the member quorum (members voting For or Abstain on member-based proposals)
        /// from this block on; proposals whose snapshot is past keep theirs. Caller: the
        /// governor itself. Errors: `OnlyGovernance`. Events: `SettingsChanged`.
        #[ink(message)]
        pub fn set_member_quorum(&mut self, members: u32) -> Result<(), GovernorError> {
            let events = self.data.set_member_quorum(&Ctx::current_block(), self.env().account_id(), members)?;
            GovernorEvent::emit_all(events);
            Ok(())
        }

        /// Sets or removes the guardian. Caller: the governor itself. Errors:
        /// `OnlyGovernance`. Events: `SettingsChanged`.
        #[ink(message)]
        pub fn set_guardian(&mut self, guardian: Option<AccountId>) -> Result<(), GovernorError> {
            let events = self.data.set_guardian(&Ctx::current_block(), self.env().account_id(), guardian)?;
            GovernorEvent::emit_all(events);
            Ok(())
        }

        /// Sets or removes the membership gate (removing it needs token-weighted counting) for
        /// proposals made from now on (each proposal keeps the gate it was made under). The
        /// gate's registry must answer and know its schema. Caller: the governor itself.
        /// Errors: `OnlyGovernance`, `InvalidSettings`, `MembershipUnavailable`. Events:
        /// `SettingsChanged`.
        #[ink(message)]
        pub fn set_membership(&mut self, membership: Option<ComplianceGate>) -> Result<(), GovernorError> {
            let events = self.data.set_membership(&Ctx::current_block(), &Registry, self.env().account_id(), membership)?;
            GovernorEvent::emit_all(events);
            Ok(())
        }

    }
}
