//! The token's rules as plain Rust: [`TokenData`] holds balances, allowances, supply, roles, cap,
//! pause and the vote histories; its methods take the calling context and return the events to
//! emit, or a [`TokenError`]. The `#[ink::contract]` shell in `lib.rs` supplies the context,
//! maps errors of the standard messages to `PSP22Error`, and emits the events.
//!
//! Votes follow OpenZeppelin ERC20Votes with a block-number clock: an account's votes are the
//! balances of the accounts that delegate to it. **A holder delegates to itself automatically on
//! first receipt** unless it chose a delegate before, so balances vote without a `delegate` call.

use ink::prelude::{vec, vec::Vec};
use ink::primitives::AccountId;
use ink::storage::{Lazy, Mapping};
pub use sovra_kit::access::{RoleId, DEFAULT_ADMIN_ROLE, MINTER_ROLE, PAUSER_ROLE};
use sovra_kit::access::Roles;
use sovra_kit::checkpoints::{Checkpoint, Checkpoints, Trace};
pub use sovra_kit::compliance::{ComplianceGate, CredentialOracle};
use sovra_kit::compliance::{self, NoCredentials};
pub use sovra_kit::context::Ctx;
use sovra_kit::pause;
use sovra_kit::signing::{self, Domain, Nonces};
use sovra_kit::upgrade::{self, MigrationError, StorageVersion};
pub use sovra_kit::upgrade::UpgradeError;

use crate::errors::TokenError;
use crate::events::*;

/// The storage-layout version this code reads and writes (`migrate` moves stored data to it).
/// The `next-storage-version` feature builds the next one (a second build for the upgrade test;
/// its step from 1 leaves the layout as it is).
pub const STORAGE_VERSION: u32 = if cfg!(feature = "next-storage-version") { 2 } else { 1 };

#[cfg(test)]
#[path = "tests.rs"]
mod tests;

/// Every role the token has.
pub const ROLES: &[RoleId] = &[DEFAULT_ADMIN_ROLE, MINTER_ROLE, PAUSER_ROLE];

/// Domain tag that starts every payload the token accepts a signature for.
pub const TOKEN_SIGNING_DOMAIN: [u8; 14] = *b"sovra-token/v1";

/// What a signature authorises: the purpose is part of the signed payload, so a permit is never
/// a delegation and the other way round.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[ink::scale_derive(Encode, Decode, TypeInfo)]
#[allow(clippy::cast_possible_truncation)] // the SCALE derive's `index as u8` for variants
pub enum SignedAction {
    /// `owner` lets `spender` move up to `value` (sets the allowance, as `approve`).
    #[codec(index = 0)]
    Permit { owner: AccountId, spender: AccountId, value: u128 },
    /// `delegator` delegates its votes to `delegatee` (as `delegate`).
    #[codec(index = 1)]
    Delegation { delegator: AccountId, delegatee: AccountId },
}

/// What the owner signs (see `sovra_kit::signing`: `<Bytes>`-wrapped SCALE, blake2b-256,
/// secp256k1; the owner's account is blake2b-256 of its compressed public key). The message is
/// built by `sovra_kit::signing::signing_message` from the token's domain (tag, chain,
/// address) and `(action, nonce, deadline)`: the same bytes as this struct's SCALE encoding.
#[derive(Debug, Clone, PartialEq, Eq)]
#[ink::scale_derive(Encode, Decode, TypeInfo)]
pub struct TokenSignedPayload {
    /// Always [`TOKEN_SIGNING_DOMAIN`].
    pub domain: [u8; 14],
    /// The chain the token was constructed for (its genesis hash: no replay on another network
    /// or a fork).
    pub chain: [u8; 32],
    /// This token's address (no replay on another contract).
    pub token: AccountId,
    /// What is authorised.
    pub action: SignedAction,
    /// The signer's next nonce (shared by both purposes: no replay).
    pub nonce: u64,
    /// Last block in which it may execute.
    pub deadline: u32,
}

/// The token's storage and rules.
#[ink::storage_item]
#[derive(Debug, Default)]
pub struct TokenData {
    supply: u128,
    balances: Mapping<AccountId, u128>,
    allowances: Mapping<(AccountId, AccountId), u128>,
    /// Largest total supply, if capped (fixed at construction).
    cap: Option<u128>,
    paused: bool,
    /// Who holds which role (the `AccessControl` messages reach it directly).
    pub roles: Roles,
    /// Each account's delegate, once it has one (chosen, or itself on first receipt).
    delegates: Mapping<AccountId, AccountId>,
    /// Votes per delegate.
    votes: Checkpoints,
    /// The total supply's history: its own storage, which no account id addresses.
    supply_history: Trace,
    /// The chain signed payloads must name (the genesis hash, fixed at construction).
    chain_id: Lazy<[u8; 32]>,
    /// Next nonce of each signer of permits and delegations.
    nonces: Nonces,
    /// Receivers must hold a valid credential, if set.
    compliance: Option<ComplianceGate>,
    /// The stored layout's version (`STORAGE_VERSION` at construction).
    version: StorageVersion,
}

impl TokenData {
    /// A token with `cap` and compliance gate whose `admin` holds every role and receives
    /// `initial_supply` (subject to the gate, like every receiver).
    pub fn new(
        ctx: &Ctx,
        credentials: &impl CredentialOracle,
        chain_id: [u8; 32],
        admin: AccountId,
        initial_supply: u128,
        cap: Option<u128>,
        compliance: Option<ComplianceGate>,
    ) -> Result<(Self, Vec<TokenEvent>), TokenError> {
        let mut data = TokenData { cap, compliance, ..Default::default() };
        data.version.set(STORAGE_VERSION);
        data.chain_id.set(&chain_id);
        let mut events: Vec<TokenEvent> = data.roles.init(admin, ROLES);
        if compliance.is_some() {
            events.push(TokenEvent::ComplianceChanged(ComplianceChanged { gate: compliance, by: admin }));
        }
        events.extend(data.update(ctx, credentials, None, Some(admin), initial_supply)?);
        Ok((data, events))
    }

    // ------------------------------------------------------------------ reads

    /// Total supply.
    pub fn total_supply(&self) -> u128 {
        self.supply
    }

    /// Balance of `owner`.
    pub fn balance_of(&self, owner: AccountId) -> u128 {
        self.balances.get(owner).unwrap_or(0)
    }

    /// What `spender` may still move from `owner`.
    pub fn allowance(&self, owner: AccountId, spender: AccountId) -> u128 {
        self.allowances.get((owner, spender)).unwrap_or(0)
    }

    /// The supply cap, if any.
    pub fn cap(&self) -> Option<u128> {
        self.cap
    }

    /// Whether transfers, mints and burns are paused.
    pub fn paused(&self) -> bool {
        self.paused
    }


    // ------------------------------------------------------------------ transfers

    fn set_balance(&mut self, who: AccountId, value: u128) {
        if value == 0 {
            self.balances.remove(who);
        } else {
            self.balances.insert(who, &value);
        }
    }

    /// The one place balances and supply change: moves `value` from `from` (None = mint) to
    /// `to` (None = burn), checks pause and cap, moves the votes, returns the events.
    /// The receiver is checked against the compliance gate: a revoked, suspended or expired
    /// credential stops receiving, never sending (held funds are not frozen).
    fn update(
        &mut self,
        ctx: &Ctx,
        credentials: &impl CredentialOracle,
        from: Option<AccountId>,
        to: Option<AccountId>,
        value: u128,
    ) -> Result<Vec<TokenEvent>, TokenError> {
        if self.paused {
            return Err(TokenError::Paused);
        }
        if value == 0 || from == to {
            return Ok(vec![]);
        }
        if let Some(receiver) = to {
            if !compliance::admits(self.compliance.as_ref(), credentials, receiver) {
                return Err(TokenError::ComplianceFailed);
            }
        }
        let mut events = Vec::new();
        match from {
            Some(from) => {
                let left = self.balance_of(from).checked_sub(value).ok_or(TokenError::InsufficientBalance)?;
                self.set_balance(from, left);
            }
            None => {
                let supply = self.supply.checked_add(value).ok_or(TokenError::Overflow)?;
                if self.cap.is_some_and(|cap| supply > cap) {
                    return Err(TokenError::CapExceeded);
                }
                self.supply = supply;
                self.supply_history.push(ctx.block, supply)?;
            }
        }
        match to {
            Some(to) => {
                // the sum of balances is the supply, which did not overflow
                let balance = self.balance_of(to).saturating_add(value);
                self.set_balance(to, balance);
            }
            None => {
                self.supply = self.supply.saturating_sub(value);
                self.supply_history.push(ctx.block, self.supply)?;
            }
        }
        events.push(TokenEvent::Transfer(Transfer { from, to, value }));
        // A first-time receiver votes with its balance: it becomes its own delegate.
        if let Some(to) = to {
            if !self.delegates.contains(to) {
                self.delegates.insert(to, &to);
                events.push(TokenEvent::DelegateChanged(DelegateChanged { delegator: to, from_delegate: None, to_delegate: to }));
            }
        }
        let source = from.and_then(|f| self.delegates.get(f));
        let target = to.and_then(|t| self.delegates.get(t));
        events.extend(self.move_votes(ctx, source, target, value)?);
        Ok(events)
    }

    /// Moves `value` votes from delegate `source` to delegate `target` (None = nobody).
    fn move_votes(&mut self, ctx: &Ctx, source: Option<AccountId>, target: Option<AccountId>, value: u128) -> Result<Vec<TokenEvent>, TokenError> {
        let mut events = Vec::new();
        if source == target || value == 0 {
            return Ok(events);
        }
        if let Some(delegate) = source {
            let previous = self.votes.latest(delegate);
            // a delegate's votes include this delegator's balance, so they cover `value`
            let new_votes = previous.saturating_sub(value);
            self.votes.push(delegate, ctx.block, new_votes)?;
            events.push(TokenEvent::DelegateVotesChanged(DelegateVotesChanged { delegate, previous_votes: previous, new_votes }));
        }
        if let Some(delegate) = target {
            let previous = self.votes.latest(delegate);
            let new_votes = previous.checked_add(value).ok_or(TokenError::Overflow)?;
            self.votes.push(delegate, ctx.block, new_votes)?;
            events.push(TokenEvent::DelegateVotesChanged(DelegateVotesChanged { delegate, previous_votes: previous, new_votes }));
        }
        Ok(events)
    }

    /// The caller sends `value` to `to`. Errors: `Paused`, `ComplianceFailed`,
    /// `InsufficientBalance`, `Overflow`.
    pub fn transfer(&mut self, ctx: &Ctx, credentials: &impl CredentialOracle, to: AccountId, value: u128) -> Result<Vec<TokenEvent>, TokenError> {
        self.update(ctx, credentials, Some(ctx.caller), Some(to), value)
    }

    /// The caller moves `value` from `from` to `to` within its allowance (unlimited for
    /// itself). Errors: `InsufficientAllowance`, `InsufficientBalance`, `Paused`,
    /// `ComplianceFailed`, `Overflow`.
    pub fn transfer_from(
        &mut self,
        ctx: &Ctx,
        credentials: &impl CredentialOracle,
        from: AccountId,
        to: AccountId,
        value: u128,
    ) -> Result<Vec<TokenEvent>, TokenError> {
        let spent = ctx.caller != from && from != to && value != 0;
        let left = if spent {
            Some(self.allowance(from, ctx.caller).checked_sub(value).ok_or(TokenError::InsufficientAllowance)?)
        } else {
            None
        };
        // The transfer first: it changes nothing unless every check passes, so a refused call
        // leaves the allowance as it was.
        let mut events = self.update(ctx, credentials, Some(from), Some(to), value)?;
        if let Some(left) = left {
            events.insert(0, self.set_allowance(from, ctx.caller, left));
        }
        Ok(events)
    }

    fn set_allowance(&mut self, owner: AccountId, spender: AccountId, amount: u128) -> TokenEvent {
        if amount == 0 {
            self.allowances.remove((owner, spender));
        } else {
            self.allowances.insert((owner, spender), &amount);
        }
        TokenEvent::Approval(Approval { owner, spender, amount })
    }

    /// The caller lets `spender` move up to `value` of its tokens (replacing any allowance).
    pub fn approve(&mut self, ctx: &Ctx, spender: AccountId, value: u128) -> Vec<TokenEvent> {
        if ctx.caller == spender {
            return vec![];
        }
        vec![self.set_allowance(ctx.caller, spender, value)]
    }

    /// Raises the caller's allowance for `spender` by `delta` (saturating).
    pub fn increase_allowance(&mut self, ctx: &Ctx, spender: AccountId, delta: u128) -> Vec<TokenEvent> {
        if ctx.caller == spender || delta == 0 {
            return vec![];
        }
        let amount = self.allowance(ctx.caller, spender).saturating_add(delta);
        vec![self.set_allowance(ctx.caller, spender, amount)]
    }

    /// Lowers the caller's allowance for `spender` by `delta`. Errors: `InsufficientAllowance`.
    pub fn decrease_allowance(&mut self, ctx: &Ctx, spender: AccountId, delta: u128) -> Result<Vec<TokenEvent>, TokenError> {
        if ctx.caller == spender || delta == 0 {
            return Ok(vec![]);
        }
        let amount = self.allowance(ctx.caller, spender).checked_sub(delta).ok_or(TokenError::InsufficientAllowance)?;
        Ok(vec![self.set_allowance(ctx.caller, spender, amount)])
    }

    /// Mints `value` to `to`; the caller needs `MINTER_ROLE`. Errors: `MissingRole`, `Paused`,
    /// `ComplianceFailed`, `CapExceeded`, `Overflow`.
    pub fn mint(&mut self, ctx: &Ctx, credentials: &impl CredentialOracle, to: AccountId, value: u128) -> Result<Vec<TokenEvent>, TokenError> {
        self.roles.require(MINTER_ROLE, ctx.caller)?;
        self.update(ctx, credentials, None, Some(to), value)
    }

    /// Burns `value` of the caller's tokens (no receiver, so no compliance check). Errors:
    /// `Paused`, `InsufficientBalance`.
    pub fn burn(&mut self, ctx: &Ctx, value: u128) -> Result<Vec<TokenEvent>, TokenError> {
        self.update(ctx, &NoCredentials, Some(ctx.caller), None, value)
    }

    /// The compliance gate, if any.
    pub fn compliance(&self) -> Option<ComplianceGate> {
        self.compliance
    }

    /// Sets, changes or removes the compliance gate; the caller needs `DEFAULT_ADMIN_ROLE`.
    /// Errors: `MissingRole`.
    pub fn set_compliance(&mut self, ctx: &Ctx, gate: Option<ComplianceGate>) -> Result<Vec<TokenEvent>, TokenError> {
        self.roles.require(DEFAULT_ADMIN_ROLE, ctx.caller)?;
        self.compliance = gate;
        Ok(vec![TokenEvent::ComplianceChanged(ComplianceChanged { gate, by: ctx.caller })])
    }

    // ------------------------------------------------------------------ upgrades

    /// The stored layout's version.
    pub fn storage_version(&self) -> u32 {
        self.version.get()
    }

    /// The admin replaces the running code (`sovra_kit::upgrade::set_code`). Errors:
    /// `MissingRole`, `CodeNotFound`.
    pub fn set_code(&self, ctx: &Ctx, code_hash: ink::primitives::Hash) -> Result<Vec<TokenEvent>, UpgradeError> {
        Ok(vec![TokenEvent::CodeUpgraded(upgrade::set_code(&self.roles, ctx.caller, code_hash)?)])
    }

    /// The admin migrates the stored layout to [`STORAGE_VERSION`]. Errors: `MissingRole`,
    /// `MigrationFailed` (nothing to migrate succeeds as a no-op).
    pub fn migrate(&mut self, ctx: &Ctx) -> Result<Vec<TokenEvent>, UpgradeError> {
        let migrated = upgrade::migrate(&self.roles, &mut self.version, ctx.caller, STORAGE_VERSION, |from| match from {
            // 1 → 2 keeps every cell as it is (the next build only bumps the version)
            1 => Ok(()),
            _ => Err(MigrationError::StepFailed),
        })?;
        Ok(vec![TokenEvent::Migrated(migrated)])
    }

    // ------------------------------------------------------------------ pause & roles

    /// Pauses (`true`) or resumes transfers, mints and burns; the caller needs `PAUSER_ROLE`.
    /// Errors: `MissingRole`, `AlreadyInThatState`.
    pub fn set_paused(&mut self, ctx: &Ctx, paused: bool) -> Result<Vec<TokenEvent>, TokenError> {
        let event = pause::set_paused(&self.roles, &mut self.paused, ctx.caller, paused)?;
        Ok(vec![TokenEvent::PausedChanged(event)])
    }







    // ------------------------------------------------------------------ votes

    /// The delegate of `account`, if it has one.
    pub fn delegates(&self, account: AccountId) -> Option<AccountId> {
        self.delegates.get(account)
    }

    /// The caller delegates its votes (its whole balance, now and as it changes) to
    /// `delegatee`. Allowed while paused (no tokens move). Errors: `Overflow`.
    pub fn delegate(&mut self, ctx: &Ctx, delegatee: AccountId) -> Result<Vec<TokenEvent>, TokenError> {
        let previous = self.delegates.get(ctx.caller);
        if previous == Some(delegatee) {
            return Ok(vec![]);
        }
        self.delegates.insert(ctx.caller, &delegatee);
        let mut events = vec![TokenEvent::DelegateChanged(DelegateChanged {
            delegator: ctx.caller,
            from_delegate: previous,
            to_delegate: delegatee,
        })];
        let balance = self.balance_of(ctx.caller);
        events.extend(self.move_votes(ctx, previous, Some(delegatee), balance)?);
        Ok(events)
    }

    // ------------------------------------------------------------------ signed actions

    /// The next nonce `owner` must sign with.
    pub fn nonce_of(&self, owner: AccountId) -> u64 {
        self.nonces.next(owner)
    }

    /// The chain signed payloads must name.
    pub fn chain_id(&self) -> [u8; 32] {
        self.chain_id.get().unwrap_or_default()
    }

    fn domain(&self, token: AccountId) -> Domain {
        Domain { tag: &TOKEN_SIGNING_DOMAIN, chain: self.chain_id(), contract: token }
    }

    /// The exact bytes to sign for `action` on the token at `token` (SCALE of
    /// [`TokenSignedPayload`], wrapped).
    pub fn signing_message(&self, token: AccountId, action: SignedAction, nonce: u64, deadline: u32) -> Vec<u8> {
        signing::signing_message(&self.domain(token), &(action, nonce, deadline))
    }

    /// The caller uses up its next nonce, voiding every permit and delegation it signed and
    /// has not had submitted. Errors: `Overflow`.
    pub fn bump_nonce(&mut self, ctx: &Ctx) -> Result<Vec<TokenEvent>, TokenError> {
        Ok(vec![TokenEvent::SignerNonceBumped(self.nonces.bump(ctx.caller)?)])
    }

    /// Executes `action` for its owner (the permit's `owner`, the delegation's `delegator`),
    /// who signed it; anyone may submit. Consumes the owner's nonce. Errors: `Expired`,
    /// `NonceUsed`, `InvalidNonce`, `NonCanonicalSignature`, `BadSignature`, `Overflow`.
    pub fn execute_signed(
        &mut self,
        ctx: &Ctx,
        token: AccountId,
        action: SignedAction,
        nonce: u64,
        deadline: u32,
        signature: &[u8; 65],
    ) -> Result<Vec<TokenEvent>, TokenError> {
        let owner = match action {
            SignedAction::Permit { owner, .. } => owner,
            SignedAction::Delegation { delegator, .. } => delegator,
        };
        let domain = self.domain(token);
        self.nonces.consume(&domain, owner, nonce, ctx.block, deadline, &(action, nonce, deadline), signature)?;
        let acting = Ctx { caller: owner, ..*ctx };
        match action {
            SignedAction::Permit { spender, value, .. } => Ok(self.approve(&acting, spender, value)),
            SignedAction::Delegation { delegatee, .. } => self.delegate(&acting, delegatee),
        }
    }

    /// Current votes of `account`.
    pub fn get_votes(&self, account: AccountId) -> u128 {
        self.votes.latest(account)
    }

    /// Votes of `account` at the end of `block`, which must be past. Errors: `FutureLookup`.
    pub fn get_past_votes(&self, ctx: &Ctx, account: AccountId, block: u32) -> Result<u128, TokenError> {
        if block >= ctx.block {
            return Err(TokenError::FutureLookup);
        }
        Ok(self.votes.value_at(account, block))
    }

    /// Total supply at the end of `block`, which must be past. Errors: `FutureLookup`.
    pub fn get_past_total_supply(&self, ctx: &Ctx, block: u32) -> Result<u128, TokenError> {
        if block >= ctx.block {
            return Err(TokenError::FutureLookup);
        }
        Ok(self.supply_history.value_at(block))
    }

    /// How many vote checkpoints `account` has.
    pub fn num_checkpoints(&self, account: AccountId) -> u32 {
        self.votes.len(account)
    }

    /// The `index`-th vote checkpoint of `account` (0 = oldest).
    pub fn checkpoint(&self, account: AccountId, index: u32) -> Option<Checkpoint> {
        self.votes.get(account, index)
    }
}
