//! Pause, shared by the token and the NFT: holders of `PAUSER_ROLE` stop and resume the moving
//! of assets (transfers, mints, burns); each change emits `PausedChanged`.

use crate::access::{Roles, PAUSER_ROLE};
use ink::primitives::AccountId;

/// Emitted when a contract is paused or unpaused.
#[ink::event]
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PausedChanged {
    /// Paused (true) or running (false).
    pub paused: bool,
    /// Who changed it.
    #[ink(topic)]
    pub by: AccountId,
}

/// Why a pause change failed; contracts map it to their own error.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PauseError {
    /// The caller lacks `PAUSER_ROLE`.
    MissingRole,
    /// Pausing a paused contract, or unpausing a running one.
    AlreadyInThatState,
}

/// `caller` sets `*flag` to `paused`: needs `PAUSER_ROLE` in `roles` and a change.
pub fn set_paused(roles: &Roles, flag: &mut bool, caller: AccountId, paused: bool) -> Result<PausedChanged, PauseError> {
    roles.require(PAUSER_ROLE, caller).map_err(|_| PauseError::MissingRole)?;
    if *flag == paused {
        return Err(PauseError::AlreadyInThatState);
    }
    *flag = paused;
    Ok(PausedChanged { paused, by: caller })
}
