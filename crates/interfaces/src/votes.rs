//! The `Votes` interface of the governance token (OpenZeppelin ERC20Votes semantics, block-number
//! clock), which the governor calls for voting weight and quorum, and its error.

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
