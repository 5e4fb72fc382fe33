//! Role-based access control, shared by every contract with privileged messages (the credential
//! registry's trust admin; the token's and NFT's minter and pauser). One model everywhere:
//! numbered roles, `DEFAULT_ADMIN_ROLE` grants and revokes every role, any holder may renounce
//! its own role, and each change emits `RoleGranted` / `RoleRevoked` with the role and account as
//! topics. After deployment the DAO governor holds the admin roles and the deployer renounces.
//!
//! Holders are enumerable (at most [`MAX_ROLE_MEMBERS`] per role), so anyone can read a role's
//! complete holder list — what a deployment's verification checks — and the last holder of
//! `DEFAULT_ADMIN_ROLE` can neither renounce nor be revoked ([`RoleError::LastAdmin`]): a
//! contract never ends up with nobody able to upgrade it, change its gate or grant roles. An
//! admin hands every role it holds to a successor in one call ([`Roles::hand_over`]), which is
//! how one proposal moves a contract to a new governor.

use ink::prelude::vec::Vec;
use ink::primitives::AccountId;
use ink::storage::Mapping;
pub use sovra_interfaces::access::*;

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

/// Who holds which role, enumerable. Embed it in a contract's storage.
#[ink::storage_item]
#[derive(Debug, Default)]
pub struct Roles {
    /// (role, holder) → the holder's position in the role's list.
    members: Mapping<(RoleId, AccountId), u32>,
    /// (role, position) → holder; positions 0..count, kept dense (swap-remove).
    holders: Mapping<(RoleId, u32), AccountId>,
    counts: Mapping<RoleId, u32>,
}

impl Roles {
    /// Gives each of `roles` to `admin` (constructors), with the events in the contract's own
    /// event type (anything `From<RoleEvent>`), as every method here returns them.
    pub fn init<E: From<RoleEvent>>(&mut self, admin: AccountId, roles: &[RoleId]) -> Vec<E> {
        // a new contract's roles are empty: the bound cannot be hit
        roles.iter().filter_map(|&role| self.grant(role, admin, admin).ok().flatten()).map(E::from).collect()
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

    /// How many accounts hold `role`.
    pub fn member_count(&self, role: RoleId) -> u32 {
        self.counts.get(role).unwrap_or(0)
    }

    /// The `index`-th holder of `role` (order changes when a holder leaves).
    pub fn member(&self, role: RoleId, index: u32) -> Option<AccountId> {
        self.holders.get((role, index))
    }

    fn grant(&mut self, role: RoleId, account: AccountId, sender: AccountId) -> Result<Option<RoleEvent>, RoleError> {
        if self.has(role, account) {
            return Ok(None);
        }
        let count = self.member_count(role);
        if count >= MAX_ROLE_MEMBERS {
            return Err(RoleError::TooManyMembers);
        }
        self.members.insert((role, account), &count);
        self.holders.insert((role, count), &account);
        // count < MAX_ROLE_MEMBERS
        self.counts.insert(role, &count.saturating_add(1));
        Ok(Some(RoleEvent::Granted(RoleGranted { role, account, sender })))
    }

    fn revoke(&mut self, role: RoleId, account: AccountId, sender: AccountId) -> Result<Option<RoleEvent>, RoleError> {
        let Some(index) = self.members.get((role, account)) else {
            return Ok(None);
        };
        let count = self.member_count(role);
        if role == DEFAULT_ADMIN_ROLE && count <= 1 {
            return Err(RoleError::LastAdmin);
        }
        // the last holder moves into the leaver's place
        let last = count.saturating_sub(1);
        if index != last {
            if let Some(moved) = self.holders.get((role, last)) {
                self.holders.insert((role, index), &moved);
                self.members.insert((role, moved), &index);
            }
        }
        self.holders.remove((role, last));
        self.members.remove((role, account));
        self.counts.insert(role, &last);
        Ok(Some(RoleEvent::Revoked(RoleRevoked { role, account, sender })))
    }

    /// `caller` (needs `DEFAULT_ADMIN_ROLE`) grants `role` to `account`; no event if held.
    /// Errors: `MissingRole`, `TooManyMembers`.
    pub fn grant_role<E: From<RoleEvent>>(&mut self, caller: AccountId, role: RoleId, account: AccountId) -> Result<Vec<E>, RoleError> {
        self.require(DEFAULT_ADMIN_ROLE, caller)?;
        Ok(self.grant(role, account, caller)?.map(E::from).into_iter().collect())
    }

    /// `caller` (needs `DEFAULT_ADMIN_ROLE`) revokes `role` from `account`; no event if not
    /// held. Errors: `MissingRole`, `LastAdmin`.
    pub fn revoke_role<E: From<RoleEvent>>(&mut self, caller: AccountId, role: RoleId, account: AccountId) -> Result<Vec<E>, RoleError> {
        self.require(DEFAULT_ADMIN_ROLE, caller)?;
        Ok(self.revoke(role, account, caller)?.map(E::from).into_iter().collect())
    }

    /// `caller` gives up `role`. Errors: `MissingRole` (not held), `LastAdmin`.
    pub fn renounce_role<E: From<RoleEvent>>(&mut self, caller: AccountId, role: RoleId) -> Result<Vec<E>, RoleError> {
        self.require(role, caller)?;
        Ok(self.revoke(role, caller, caller)?.map(E::from).into_iter().collect())
    }

    /// `caller` (needs `DEFAULT_ADMIN_ROLE`) hands every role of `roles` it holds to
    /// `successor` and gives them up: grants first, the admin role's renounce last, so the
    /// contract always has an admin. Errors: `MissingRole`, `TooManyMembers`, `LastAdmin`
    /// (the successor is the caller).
    pub fn hand_over<E: From<RoleEvent>>(&mut self, caller: AccountId, successor: AccountId, roles: &[RoleId]) -> Result<Vec<E>, RoleError> {
        self.require(DEFAULT_ADMIN_ROLE, caller)?;
        if successor == caller {
            return Err(RoleError::LastAdmin);
        }
        let held: Vec<RoleId> = roles.iter().copied().filter(|&role| self.has(role, caller)).collect();
        // every check before the first change: refused, it changes nothing
        if held.iter().any(|&role| !self.has(role, successor) && self.member_count(role) >= MAX_ROLE_MEMBERS) {
            return Err(RoleError::TooManyMembers);
        }
        let mut events = Vec::new();
        for &role in &held {
            events.extend(self.grant(role, successor, caller)?);
        }
        // the admin role last: the successor holds it by then
        for &role in held.iter().filter(|&&r| r != DEFAULT_ADMIN_ROLE).chain(core::iter::once(&DEFAULT_ADMIN_ROLE)) {
            events.extend(self.revoke(role, caller, caller)?);
        }
        Ok(events.into_iter().map(E::from).collect())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn acc(n: u8) -> AccountId {
        AccountId::from([n; 32])
    }

    fn holders(r: &Roles, role: RoleId) -> Vec<AccountId> {
        let mut list: Vec<AccountId> = (0..r.member_count(role)).filter_map(|i| r.member(role, i)).collect();
        list.sort();
        list
    }

    #[ink::test]
    fn holders_are_enumerable_and_bounded() {
        let mut r = Roles::default();
        let _: Vec<RoleEvent> = r.init(acc(1), &[DEFAULT_ADMIN_ROLE, MINTER_ROLE]);
        for n in 2..=8 {
            let _: Vec<RoleEvent> = r.grant_role(acc(1), MINTER_ROLE, acc(n)).unwrap();
        }
        assert_eq!(r.member_count(MINTER_ROLE), MAX_ROLE_MEMBERS);
        assert_eq!(r.grant_role::<RoleEvent>(acc(1), MINTER_ROLE, acc(9)), Err(RoleError::TooManyMembers));
        // granting a holder again is no change, even when full
        assert_eq!(r.grant_role::<RoleEvent>(acc(1), MINTER_ROLE, acc(8)), Ok(vec![]));
        // leaving keeps the list dense and exact
        let _: Vec<RoleEvent> = r.revoke_role(acc(1), MINTER_ROLE, acc(3)).unwrap();
        let _: Vec<RoleEvent> = r.renounce_role(acc(1), MINTER_ROLE).unwrap();
        assert_eq!(holders(&r, MINTER_ROLE), [2, 4, 5, 6, 7, 8].map(acc).to_vec());
        assert_eq!(r.member(MINTER_ROLE, 6), None);
        for n in [2, 4, 5, 6, 7, 8] {
            assert!(r.has(MINTER_ROLE, acc(n)));
        }
        assert!(!r.has(MINTER_ROLE, acc(3)));
        assert_eq!(holders(&r, DEFAULT_ADMIN_ROLE), vec![acc(1)]);
    }

    #[ink::test]
    fn the_last_admin_stays() {
        let mut r = Roles::default();
        let _: Vec<RoleEvent> = r.init(acc(1), &[DEFAULT_ADMIN_ROLE, MINTER_ROLE]);
        assert_eq!(r.renounce_role::<RoleEvent>(acc(1), DEFAULT_ADMIN_ROLE), Err(RoleError::LastAdmin));
        assert_eq!(r.revoke_role::<RoleEvent>(acc(1), DEFAULT_ADMIN_ROLE, acc(1)), Err(RoleError::LastAdmin));
        assert!(r.has(DEFAULT_ADMIN_ROLE, acc(1)));
        // other roles may be emptied
        assert!(r.renounce_role::<RoleEvent>(acc(1), MINTER_ROLE).is_ok());
        // with a second admin, either may leave, but not both
        let _: Vec<RoleEvent> = r.grant_role(acc(1), DEFAULT_ADMIN_ROLE, acc(2)).unwrap();
        let _: Vec<RoleEvent> = r.revoke_role(acc(2), DEFAULT_ADMIN_ROLE, acc(1)).unwrap();
        assert_eq!(r.renounce_role::<RoleEvent>(acc(2), DEFAULT_ADMIN_ROLE), Err(RoleError::LastAdmin));
    }

    #[ink::test]
    fn an_admin_hands_every_role_it_holds_to_a_successor() {
        let mut r = Roles::default();
        let all = [DEFAULT_ADMIN_ROLE, MINTER_ROLE, PAUSER_ROLE];
        let _: Vec<RoleEvent> = r.init(acc(1), &all);
        let _: Vec<RoleEvent> = r.grant_role(acc(1), PAUSER_ROLE, acc(3)).unwrap();
        assert_eq!(r.hand_over::<RoleEvent>(acc(2), acc(9), &all), Err(RoleError::MissingRole));
        assert_eq!(r.hand_over::<RoleEvent>(acc(1), acc(1), &all), Err(RoleError::LastAdmin));
        let events: Vec<RoleEvent> = r.hand_over(acc(1), acc(9), &all).unwrap();
        for role in all {
            assert!(holders(&r, role).contains(&acc(9)), "role {role}");
            assert!(!r.has(role, acc(1)), "role {role}");
        }
        // a third party's role is left alone
        assert!(r.has(PAUSER_ROLE, acc(3)));
        let granted = events.iter().filter(|e| matches!(e, RoleEvent::Granted(g) if g.account == acc(9))).count();
        let revoked: Vec<RoleId> = events.iter().filter_map(|e| match e { RoleEvent::Revoked(v) if v.account == acc(1) => Some(v.role), _ => None }).collect();
        assert_eq!((granted, revoked), (3, vec![MINTER_ROLE, PAUSER_ROLE, DEFAULT_ADMIN_ROLE]));
    }
}
