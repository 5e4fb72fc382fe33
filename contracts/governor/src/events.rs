//! The governor's events: the proposal lifecycle and settings changes, `sovra-kit`'s
//! `SignerNonceBumped`, and [`GovernorEvent`], the list of them the rules in `data.rs` return for
//! the shell to emit.

use ink::prelude::vec::Vec;
use ink::primitives::AccountId;
use sovra_interfaces::compliance::ComplianceGate;
use sovra_interfaces::governance::*;
pub use sovra_kit::signing::SignerNonceBumped;

/// Emitted when a proposal is created; carries everything needed to vote on and execute it.
#[ink::event]
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ProposalCreated {
    #[ink(topic)]
    pub id: ProposalId,
    #[ink(topic)]
    pub proposer: AccountId,
    pub actions: Vec<Action>,
    pub description: Vec<u8>,
    pub snapshot: u32,
    pub deadline: u32,
    pub counting: CountingMode,
    /// The membership gate its voters are judged by, if any.
    pub membership: Option<ComplianceGate>,
}

/// Emitted for every vote.
#[ink::event]
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct VoteCast {
    #[ink(topic)]
    pub id: ProposalId,
    #[ink(topic)]
    pub voter: AccountId,
    pub support: Support,
    /// Weight in the proposal's counting mode.
    pub weight: u128,
    /// The voter's token votes at the snapshot.
    pub votes: u128,
    pub reason: Vec<u8>,
}

/// Emitted when late-quorum protection moves a proposal's deadline.
#[ink::event]
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ProposalExtended {
    #[ink(topic)]
    pub id: ProposalId,
    pub deadline: u32,
}

/// Emitted when a succeeded proposal enters the timelock.
#[ink::event]
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ProposalQueued {
    #[ink(topic)]
    pub id: ProposalId,
    pub eta: u32,
    pub expires: u32,
}

/// Emitted when every action of a proposal ran.
#[ink::event]
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ProposalExecuted {
    #[ink(topic)]
    pub id: ProposalId,
}

/// Emitted when a proposal is canceled.
#[ink::event]
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ProposalCanceled {
    #[ink(topic)]
    pub id: ProposalId,
    #[ink(topic)]
    pub by: AccountId,
}

/// Emitted when a setting changes (through governance, or at construction).
#[ink::event]
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SettingsChanged {
    pub change: SettingsChange,
}

sovra_kit::event_list! {
    /// An event the shell must emit.
    #[derive(Debug, Clone, PartialEq, Eq)]
    pub enum GovernorEvent {
        ProposalCreated(ProposalCreated),
        VoteCast(VoteCast),
        ProposalExtended(ProposalExtended),
        ProposalQueued(ProposalQueued),
        ProposalExecuted(ProposalExecuted),
        ProposalCanceled(ProposalCanceled),
        SettingsChanged(SettingsChanged),
        SignerNonceBumped(SignerNonceBumped),
    }
}
