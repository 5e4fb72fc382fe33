//! The governor's reading of the token's votes (`Votes::get_past_votes`,
//! `Votes::get_past_total_supply`) through one raw call path.

use ink::primitives::AccountId;
pub use sovra_interfaces::votes::{Votes, VotesError};

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
