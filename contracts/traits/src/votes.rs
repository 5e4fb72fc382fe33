//! The `Votes` interface of the governance token (OpenZeppelin ERC20Votes semantics, block-number
//! clock), which the governor calls for voting weight and quorum; its errors and events.

use ink::primitives::AccountId;

/// Why a votes query or delegation failed.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[ink::scale_derive(Encode, Decode, TypeInfo)]
pub enum VotesError {
    /// A past lookup was asked for the current or a future block (its value can still change).
    FutureLookup,
    /// A counter would overflow.
    Overflow,
}

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

/// Checkpointed voting power. Votes are tokens delegated to an account (holders are their own
/// delegate by default); past values are fixed once their block is over.
#[ink::trait_definition]
pub trait Votes {
    /// Current votes of `account`.
    #[ink(message)]
    fn get_votes(&self, account: AccountId) -> u128;

    /// Votes of `account` at the end of `block`; `FutureLookup` unless `block` is in the past.
    #[ink(message)]
    fn get_past_votes(&self, account: AccountId, block: u32) -> Result<u128, VotesError>;

    /// Total supply at the end of `block`; `FutureLookup` unless `block` is in the past.
    #[ink(message)]
    fn get_past_total_supply(&self, block: u32) -> Result<u128, VotesError>;

    /// The delegate of `account`, if it has one.
    #[ink(message)]
    fn delegates(&self, account: AccountId) -> Option<AccountId>;

    /// The caller delegates its votes to `delegatee` (itself to vote directly).
    #[ink(message)]
    fn delegate(&mut self, delegatee: AccountId) -> Result<(), VotesError>;
}

/// Answers the governor's votes queries: the governor passes [`Token`] (the real cross-contract
/// call); unit tests pass a table. `None` when the token does not answer (or refuses).
pub trait VotesOracle {
    /// `account`'s votes at the end of past block `block` on the token at `token`.
    fn past_votes(&self, token: AccountId, account: AccountId, block: u32) -> Option<u128>;
    /// The total supply at the end of past block `block` on the token at `token`.
    fn past_total_supply(&self, token: AccountId, block: u32) -> Option<u128>;
}

/// The governance token reached through its [`Votes`] interface (`crate::raw::query`).
pub struct Token;

impl VotesOracle for Token {
    fn past_votes(&self, token: AccountId, account: AccountId, block: u32) -> Option<u128> {
        crate::raw::query::<Result<u128, VotesError>>(&token, ink::selector_bytes!("Votes::get_past_votes"), &(account, block))?.ok()
    }

    fn past_total_supply(&self, token: AccountId, block: u32) -> Option<u128> {
        crate::raw::query::<Result<u128, VotesError>>(&token, ink::selector_bytes!("Votes::get_past_total_supply"), &block)?.ok()
    }
}
