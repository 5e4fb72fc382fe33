//! Role-based access control: the roles, the `AccessControl` interface every Sovra contract with
//! privileged messages implements (the credential registry, the token, the NFT), and its error.
//! The logic (enumerable holders, the last admin, hand-over) is `sovra_kit::access`.

use ink::primitives::AccountId;

/// An access-control role.
pub type RoleId = u32;

/// May grant and revoke every role.
pub const DEFAULT_ADMIN_ROLE: RoleId = 0;
/// May mint (the token within its cap; the NFT).
pub const MINTER_ROLE: RoleId = 2;
/// May pause and unpause the moving of assets (`crate::pause`).
pub const PAUSER_ROLE: RoleId = 3;

/// At most this many holders per role.
pub const MAX_ROLE_MEMBERS: u32 = 8;

/// The caller lacks the role a message requires; contracts map it to their own error.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct MissingRole;

/// Why a role change was refused (the `AccessControl` messages' error).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[ink::scale_derive(Encode, Decode, TypeInfo)]
pub enum RoleError {
    /// The caller lacks the role the change requires.
    MissingRole,
    /// The role already has [`MAX_ROLE_MEMBERS`] holders.
    TooManyMembers,
    /// It would leave `DEFAULT_ADMIN_ROLE` without a holder.
    LastAdmin,
}

impl From<MissingRole> for RoleError {
    fn from(_: MissingRole) -> Self {
        RoleError::MissingRole
    }
}

/// Who holds which role, and changes to it: the same selectors on every Sovra contract with
/// roles, so a deployment's verification, a frontend and the governor's proposals reach them all
/// through one interface (`contract_ref!(AccessControl)`).
///
/// Holders are enumerable (at most [`MAX_ROLE_MEMBERS`] per role) and the last holder of
/// [`DEFAULT_ADMIN_ROLE`] can neither renounce nor be revoked. Each change emits `RoleGranted` /
/// `RoleRevoked` (role and account as topics).
#[ink::trait_definition]
pub trait AccessControl {
    /// Whether `account` holds `role`. Read-only.
    #[ink(message)]
    fn has_role(&self, role: RoleId, account: AccountId) -> bool;

    /// Grants `role` to `account` (no change, no event when it holds it). Caller: a holder of
    /// `DEFAULT_ADMIN_ROLE`. Errors: `MissingRole`, `TooManyMembers`. Events: `RoleGranted`.
    #[ink(message)]
    fn grant_role(&mut self, role: RoleId, account: AccountId) -> Result<(), RoleError>;

    /// Revokes `role` from `account` (no change, no event when it does not hold it). Caller: a
    /// holder of `DEFAULT_ADMIN_ROLE`. Errors: `MissingRole`, `LastAdmin`. Events: `RoleRevoked`.
    #[ink(message)]
    fn revoke_role(&mut self, role: RoleId, account: AccountId) -> Result<(), RoleError>;

    /// The caller gives up `role`. Errors: `MissingRole` (not held), `LastAdmin`. Events:
    /// `RoleRevoked`.
    #[ink(message)]
    fn renounce_role(&mut self, role: RoleId) -> Result<(), RoleError>;

    /// How many accounts hold `role` (≤ [`MAX_ROLE_MEMBERS`]). Read-only.
    #[ink(message)]
    fn role_member_count(&self, role: RoleId) -> u32;

    /// The `index`-th holder of `role`, `0 ≤ index < role_member_count(role)`; the order
    /// changes when a holder leaves. Read-only.
    #[ink(message)]
    fn role_member(&self, role: RoleId, index: u32) -> Option<AccountId>;

    /// Hands every role the caller holds to `successor` and gives them up: grants first, the
    /// admin role last, so the contract always has an admin (how one proposal moves a contract
    /// to a new governor). Caller: a holder of `DEFAULT_ADMIN_ROLE`. Errors: `MissingRole`,
    /// `TooManyMembers`, `LastAdmin` (the successor is the caller). Events: `RoleGranted`,
    /// `RoleRevoked`.
    #[ink(message)]
    fn hand_over(&mut self, successor: AccountId) -> Result<(), RoleError>;
}
