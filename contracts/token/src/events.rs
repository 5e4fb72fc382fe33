//! The token's events: PSP22's `Transfer` and `Approval` (the `psp22` crate's), the votes
//! events (`DelegateChanged`, `DelegateVotesChanged`), the role, pause, compliance, nonce and
//! upgrade events of `sovra-kit`, and [`TokenEvent`], the list of them the rules in `data.rs`
//! return for the shell to emit.

use ink::primitives::AccountId;
pub use psp22::{Approval, Transfer};
pub use sovra_kit::access::{RoleEvent, RoleGranted, RoleRevoked};
pub use sovra_kit::compliance::ComplianceChanged;
pub use sovra_kit::pause::PausedChanged;
pub use sovra_kit::signing::SignerNonceBumped;
pub use sovra_kit::upgrade::{CodeUpgraded, Migrated};

/// Emitted when an account's delegate changes (also when a holder is self-delegated by default
/// on first receipt).
#[ink::event]
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DelegateChanged {
    /// The account whose votes move.
    #[ink(topic)]
    pub delegator: AccountId,
    /// Its previous delegate, if any.
    #[ink(topic)]
    pub from_delegate: Option<AccountId>,
    /// Its new delegate.
    #[ink(topic)]
    pub to_delegate: AccountId,
}

/// Emitted when a delegate's voting power changes.
#[ink::event]
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DelegateVotesChanged {
    /// The delegate.
    #[ink(topic)]
    pub delegate: AccountId,
    /// Votes before.
    pub previous_votes: u128,
    /// Votes after.
    pub new_votes: u128,
}

sovra_kit::event_list! {
    /// An event the shell must emit. (psp22's `Transfer` / `Approval` derive no comparison, so
    /// neither does this; tests look inside.)
    pub enum TokenEvent {
        Transfer(Transfer),
        Approval(Approval),
        DelegateChanged(DelegateChanged),
        DelegateVotesChanged(DelegateVotesChanged),
        PausedChanged(PausedChanged),
        ComplianceChanged(ComplianceChanged),
        RoleGranted(RoleGranted),
        RoleRevoked(RoleRevoked),
        CodeUpgraded(CodeUpgraded),
        Migrated(Migrated),
        SignerNonceBumped(SignerNonceBumped),
    }
}

impl From<RoleEvent> for TokenEvent {
    fn from(event: RoleEvent) -> Self {
        match event {
            RoleEvent::Granted(e) => TokenEvent::RoleGranted(e),
            RoleEvent::Revoked(e) => TokenEvent::RoleRevoked(e),
        }
    }
}
