//! Role-based access control, shared by every contract with privileged messages (the credential
//! registry's trust admin; the token's and NFT's minter and pauser). One model everywhere:
//! numbered roles, `DEFAULT_ADMIN_ROLE` grants and revokes every role, any holder may renounce
//! its own role, and each change emits `RoleGranted` / `RoleRevoked` with the role and account as
//! topics. After deployment the DAO governor holds the admin roles and the deployer renounces.

use ink::prelude::vec::Vec;
use ink::primitives::AccountId;
use ink::storage::Mapping;

/// An access-control role.
pub type RoleId = u32;

/// May grant and revoke every role.
pub const DEFAULT_ADMIN_ROLE: RoleId = 0;
/// May mint (the token within its cap; the NFT).
pub const MINTER_ROLE: RoleId = 2;
/// May pause and unpause the moving of assets (`crate::pause`).
pub const PAUSER_ROLE: RoleId = 3;

/// The caller lacks the role a message requires; contracts map it to their own error.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct MissingRole;

/// Emitted when a role is granted.
#[ink::event]
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RoleGranted {
    /// The role.
    #[ink(topic)]
    pub role: RoleId,
    /// Who got it.
    #[ink(topic)]
    pub account: AccountId,
    /// Who granted it.
    pub sender: AccountId,
}

/// Emitted when a role is revoked or renounced.
#[ink::event]
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RoleRevoked {
    /// The role.
    #[ink(topic)]
    pub role: RoleId,
    /// Who lost it.
    #[ink(topic)]
    pub account: AccountId,
    /// Who revoked it (the account itself when renounced).
    pub sender: AccountId,
}

/// A role change to emit.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum RoleEvent {
    Granted(RoleGranted),
    Revoked(RoleRevoked),
}

/// Who holds which role. Embed it in a contract's storage.
#[ink::storage_item]
#[derive(Debug, Default)]
pub struct Roles {
    members: Mapping<(RoleId, AccountId), ()>,
}

impl Roles {
    /// Gives each of `roles` to `admin` (constructors), with the events in the contract's own
    /// event type (anything `From<RoleEvent>`), as every method here returns them.
    pub fn init<E: From<RoleEvent>>(&mut self, admin: AccountId, roles: &[RoleId]) -> Vec<E> {
        roles.iter().filter_map(|&role| self.grant(role, admin, admin)).map(E::from).collect()
    }

    /// Whether `account` holds `role`.
    pub fn has(&self, role: RoleId, account: AccountId) -> bool {
        self.members.contains((role, account))
    }

    /// `Ok` if `account` holds `role`.
    pub fn require(&self, role: RoleId, account: AccountId) -> Result<(), MissingRole> {
        if self.has(role, account) {
            Ok(())
        } else {
            Err(MissingRole)
        }
    }

    fn grant(&mut self, role: RoleId, account: AccountId, sender: AccountId) -> Option<RoleEvent> {
        if self.has(role, account) {
            return None;
        }
        self.members.insert((role, account), &());
        Some(RoleEvent::Granted(RoleGranted { role, account, sender }))
    }

    fn revoke(&mut self, role: RoleId, account: AccountId, sender: AccountId) -> Option<RoleEvent> {
        if !self.has(role, account) {
            return None;
        }
        self.members.remove((role, account));
        Some(RoleEvent::Revoked(RoleRevoked { role, account, sender }))
    }

    /// `caller` (needs `DEFAULT_ADMIN_ROLE`) grants `role` to `account`; no event if held.
    pub fn grant_role<E: From<RoleEvent>>(&mut self, caller: AccountId, role: RoleId, account: AccountId) -> Result<Vec<E>, MissingRole> {
        self.require(DEFAULT_ADMIN_ROLE, caller)?;
        Ok(self.grant(role, account, caller).map(E::from).into_iter().collect())
    }

    /// `caller` (needs `DEFAULT_ADMIN_ROLE`) revokes `role` from `account`; no event if not held.
    pub fn revoke_role<E: From<RoleEvent>>(&mut self, caller: AccountId, role: RoleId, account: AccountId) -> Result<Vec<E>, MissingRole> {
        self.require(DEFAULT_ADMIN_ROLE, caller)?;
        Ok(self.revoke(role, account, caller).map(E::from).into_iter().collect())
    }

    /// `caller` gives up `role`; `MissingRole` if it does not hold it.
    pub fn renounce_role<E: From<RoleEvent>>(&mut self, caller: AccountId, role: RoleId) -> Result<Vec<E>, MissingRole> {
        self.require(role, caller)?;
        Ok(self.revoke(role, caller, caller).map(E::from).into_iter().collect())
    }
}
