//! The DAO governor's public types: proposals and their actions, states, vote options, counting
//! modes, settings, errors and events. They live here so that the governor, the end-to-end
//! tests, the deployment script and frontends agree on their SCALE encoding.
//!
//! Lifecycle (block numbers; `state` is always derived from stored data and the current block):
//!
//! ```text
//! propose ──► Pending ──(block > snapshot)──► Active ──(block > deadline)──► Defeated
//!               │                               │                        └─► Succeeded ──queue──► Queued
//!               └─ cancel (proposer) ─┐         │  quorum first reached in the last                │
//!                                     ▼         │  `vote_extension` blocks: deadline moves once    │
//!                                 Canceled ◄────┴── cancel (guardian, until final) ◄────────────────┤
//!                                                                                                  │
//!                            Expired ◄──(block > eta + grace period)── Queued ──execute (block ≥ eta)──► Executed
//! ```

use ink::prelude::vec::Vec;
use ink::primitives::AccountId;

use crate::checkpoint::CheckpointError;
use crate::compliance::ComplianceGate;

/// A proposal's id: blake2b-256 of SCALE(proposer, actions, blake2b-256(description)).
pub type ProposalId = [u8; 32];

/// At most this many actions per proposal.
pub const MAX_ACTIONS: u32 = 10;
/// At most this many bytes of SCALE-encoded input per action.
pub const MAX_INPUT_LEN: u32 = 512;
/// At most this many bytes of proposal description.
pub const MAX_DESCRIPTION_LEN: u32 = 1024;
/// At most this many bytes of vote reason.
pub const MAX_REASON_LEN: u32 = 256;
/// The quorum numerator's denominator: the numerator is in basis points of the past total
/// supply.
pub const QUORUM_DENOMINATOR: u32 = 10_000;

/// Blocks in a day at the 6-second block time the settings' maxima assume.
pub const BLOCKS_PER_DAY: u32 = 14_400;
/// Longest voting delay: 7 days.
pub const MAX_VOTING_DELAY: u32 = 7 * BLOCKS_PER_DAY;
/// Longest voting period: 30 days.
pub const MAX_VOTING_PERIOD: u32 = 30 * BLOCKS_PER_DAY;
/// Longest timelock delay: 30 days.
pub const MAX_TIMELOCK_DELAY: u32 = 30 * BLOCKS_PER_DAY;
/// Longest grace period: 30 days.
pub const MAX_GRACE_PERIOD: u32 = 30 * BLOCKS_PER_DAY;
/// Longest late-quorum extension: 7 days.
pub const MAX_VOTE_EXTENSION: u32 = 7 * BLOCKS_PER_DAY;

/// One step a proposal takes when executed: a call of `callee`'s message `selector` with
/// `input` (the message's arguments, SCALE-encoded, without the selector), transferring `value`
/// from the governor's balance (the treasury); or, without a selector, a plain transfer of
/// `value` (> 0, no input) to `callee`, any account — how a DAO pays a contributor.
#[derive(Debug, Clone, PartialEq, Eq)]
#[ink::scale_derive(Encode, Decode, TypeInfo)]
#[cfg_attr(feature = "std", derive(ink::storage::traits::StorageLayout))]
pub struct Action {
    /// The contract called (the governor itself for settings changes).
    pub callee: AccountId,
    /// The message's 4-byte selector (from the callee's metadata); `None` = a plain transfer.
    pub selector: Option<[u8; 4]>,
    /// The message's SCALE-encoded arguments (≤ [`MAX_INPUT_LEN`] bytes).
    pub input: Vec<u8>,
    /// Native balance transferred with the call.
    pub value: u128,
}

/// A vote's option (OpenZeppelin's order).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[ink::scale_derive(Encode, Decode, TypeInfo)]
#[cfg_attr(feature = "std", derive(ink::storage::traits::StorageLayout))]
#[allow(clippy::cast_possible_truncation)] // the SCALE derive's `index as u8` for variants
pub enum Support {
    Against,
    For,
    Abstain,
}

/// Where a proposal is in its lifecycle (see the module docs).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[ink::scale_derive(Encode, Decode, TypeInfo)]
#[allow(clippy::cast_possible_truncation)]
pub enum ProposalState {
    /// Created; voting starts after the snapshot block.
    Pending,
    /// Voting is open (snapshot < block ≤ deadline).
    Active,
    /// Canceled by its proposer (while Pending) or the guardian (until final).
    Canceled,
    /// Voting ended without quorum, or with For ≤ Against.
    Defeated,
    /// Voting ended with quorum and For > Against; may be queued.
    Succeeded,
    /// In the timelock, executable from its eta until eta + grace period.
    Queued,
    /// Queued but not executed within the grace period.
    Expired,
    /// Executed.
    Executed,
}

/// How a vote's weight is counted.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[ink::scale_derive(Encode, Decode, TypeInfo)]
#[cfg_attr(feature = "std", derive(ink::storage::traits::StorageLayout))]
#[allow(clippy::cast_possible_truncation)]
pub enum CountingMode {
    /// Weight = the voter's token votes at the snapshot.
    TokenWeighted,
    /// Weight = 1 per member (needs a membership gate).
    OneMemberOneVote,
    /// Weight = integer square root of the voter's token votes at the snapshot (needs a
    /// membership gate: quadratic voting is only sound when one person cannot split tokens
    /// across accounts, which the membership credential's issuer attests).
    Quadratic,
}

/// The governor's settings; they change only through governance (a proposal calling
/// `set_settings` on the governor itself). Block counts are in blocks.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[ink::scale_derive(Encode, Decode, TypeInfo)]
#[cfg_attr(feature = "std", derive(ink::storage::traits::StorageLayout))]
pub struct GovernorSettings {
    /// Blocks from proposal to snapshot (votes are weighed at the snapshot; ≤
    /// [`MAX_VOTING_DELAY`]).
    pub voting_delay: u32,
    /// Blocks of voting after the snapshot (1 to [`MAX_VOTING_PERIOD`]).
    pub voting_period: u32,
    /// Token votes (at the previous block) a proposer needs.
    pub proposal_threshold: u128,
    /// Blocks between queueing and the earliest execution (≤ [`MAX_TIMELOCK_DELAY`]).
    pub timelock_delay: u32,
    /// Blocks after the eta during which a queued proposal may execute (1 to
    /// [`MAX_GRACE_PERIOD`]).
    pub grace_period: u32,
    /// Late-quorum protection: if quorum is first reached within the last `vote_extension`
    /// blocks, the deadline moves to that block + `vote_extension` (once; ≤
    /// [`MAX_VOTE_EXTENSION`]). 0 disables it.
    pub vote_extension: u32,
    /// How votes are weighed (fixed per proposal at its creation).
    pub counting: CountingMode,
}

/// Votes counted on a proposal, in the proposal's counting mode, and the quorum figures.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
#[ink::scale_derive(Encode, Decode, TypeInfo)]
#[cfg_attr(feature = "std", derive(ink::storage::traits::StorageLayout))]
pub struct Tally {
    pub for_votes: u128,
    pub against_votes: u128,
    pub abstain_votes: u128,
    /// What quorum is measured in, counted over the accounts that voted For or Abstain: their
    /// token votes at the snapshot (token-weighted), or their number (one member one vote and
    /// quadratic: members, whatever they hold).
    pub participation: u128,
    /// The quorum in the same unit: past total supply × quorum numerator at the snapshot /
    /// [`QUORUM_DENOMINATOR`] (token-weighted), or the member quorum at the snapshot (member
    /// modes); fixed by the first vote (`None` before it).
    pub quorum: Option<u128>,
}

impl Tally {
    /// Whether quorum is reached (participation ≥ quorum).
    pub fn quorum_reached(&self) -> bool {
        self.quorum.is_some_and(|quorum| self.participation >= quorum)
    }

    /// Whether the vote succeeds: quorum reached and For > Against.
    pub fn succeeded(&self) -> bool {
        self.quorum_reached() && self.for_votes > self.against_votes
    }
}

/// Everything about a proposal, for frontends (`proposal(id)`).
#[derive(Debug, Clone, PartialEq, Eq)]
#[ink::scale_derive(Encode, Decode, TypeInfo)]
pub struct ProposalView {
    pub id: ProposalId,
    pub proposer: AccountId,
    pub actions: Vec<Action>,
    /// blake2b-256 of the description (the text is in `ProposalCreated`).
    pub description_hash: [u8; 32],
    /// Votes are weighed at the end of this block; voting opens after it.
    pub snapshot: u32,
    /// Last block of voting (moved once by late-quorum protection).
    pub deadline: u32,
    /// First block it may execute in, once queued.
    pub eta: Option<u32>,
    /// Last block it may execute in, once queued.
    pub expires: Option<u32>,
    pub counting: CountingMode,
    /// The membership gate its voters are judged by (fixed at its creation).
    pub membership: Option<ComplianceGate>,
    pub tally: Tally,
    pub state: ProposalState,
}

/// How an account voted.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[ink::scale_derive(Encode, Decode, TypeInfo)]
#[cfg_attr(feature = "std", derive(ink::storage::traits::StorageLayout))]
pub struct VoteReceipt {
    pub support: Support,
    /// Its weight in the proposal's counting mode.
    pub weight: u128,
}

/// Every way a governor call can fail.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[ink::scale_derive(Encode, Decode, TypeInfo)]
#[allow(clippy::cast_possible_truncation)]
pub enum GovernorError {
    /// No proposal has this id.
    UnknownProposal,
    /// The same proposer already made the same proposal (same actions and description).
    ProposalExists,
    /// A proposal needs 1 to [`MAX_ACTIONS`] actions.
    InvalidActionCount,
    /// An action's input exceeds [`MAX_INPUT_LEN`].
    InputTooLong,
    /// The description exceeds [`MAX_DESCRIPTION_LEN`].
    DescriptionTooLong,
    /// The vote reason exceeds [`MAX_REASON_LEN`].
    ReasonTooLong,
    /// The proposer's votes at the previous block are below the proposal threshold.
    BelowThreshold,
    /// The membership gate is set and the account holds no valid membership credential (or
    /// the credential registry did not answer: the gate fails closed).
    NotMember,
    /// The proposal is not in a state that allows this (its current state).
    UnexpectedState(ProposalState),
    /// Queued, but its eta has not come yet.
    TimelockNotPassed,
    /// The account already voted on this proposal.
    AlreadyVoted,
    /// Only the proposer (while Pending) or the guardian may cancel.
    NotAllowedToCancel,
    /// Settings change only through governance: the caller must be the governor itself.
    OnlyGovernance,
    /// Invalid settings: voting period or grace period 0, a block count above its maximum
    /// (`MAX_*`), quorum numerator above [`QUORUM_DENOMINATOR`], or a member-based counting
    /// mode without a membership gate.
    InvalidSettings,
    /// The membership gate's registry does not answer, or does not know its schema.
    MembershipUnavailable,
    /// Action `index` (0-based) is a plain transfer with input or without value.
    InvalidAction(u32),
    /// The token did not answer a votes query (or refused it).
    TokenUnavailable,
    /// Action `index` (0-based) of the proposal failed; nothing of the execution remains.
    ActionFailed(u32),
    /// A signed vote's deadline block has passed.
    Expired,
    /// The signed nonce was already used (replay).
    NonceUsed,
    /// The signed nonce is ahead of the voter's next one.
    InvalidNonce,
    /// The signature is not canonical (high S, or v not 0/1).
    NonCanonicalSignature,
    /// No key recovers from the signature, or it recovers to someone other than the voter.
    BadSignature,
    /// A block number or tally would overflow.
    Overflow,
}

crate::signature_errors!(GovernorError);

impl From<CheckpointError> for GovernorError {
    fn from(_: CheckpointError) -> Self {
        GovernorError::Overflow
    }
}

/// What a settings change set.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[ink::scale_derive(Encode, Decode, TypeInfo)]
#[allow(clippy::cast_possible_truncation)]
pub enum SettingsChange {
    Settings(GovernorSettings),
    /// New quorum numerator (basis points), from the given block on.
    QuorumNumerator(u32),
    /// New member quorum (members voting For or Abstain, in the member-based modes).
    MemberQuorum(u32),
    Guardian(Option<AccountId>),
    Membership(Option<ComplianceGate>),
}
