//! The NFT's rules as plain Rust: [`NftData`] holds owners, approvals, the enumeration indexes,
//! attributes, royalties, roles, pause and the compliance gate; its methods take the calling
//! context and return the events to emit, or an [`NftError`]. The `#[ink::contract]` shell in
//! `lib.rs` supplies the context, maps errors of the standard messages to `PSP34Error`, and
//! emits the events.
//!
//! Enumeration costs O(1) per transfer, mint and burn: each owner's tokens and the collection's
//! tokens are dense index maps (`(owner, i) → id`, `i → id`), and a token leaving a list is
//! replaced by the list's last token (swap and remove), whose stored position is updated.

use ink::prelude::{vec, vec::Vec};
use ink::primitives::AccountId;
use ink::storage::Mapping;
pub use sovra_interfaces::psp34::Id;
pub use sovra_kit::access::{RoleId, DEFAULT_ADMIN_ROLE, MINTER_ROLE, PAUSER_ROLE};
use sovra_kit::access::Roles;
pub use sovra_kit::compliance::{self, ComplianceGate, CredentialOracle};
pub use sovra_kit::context::Ctx;
use sovra_kit::pause;
use sovra_kit::upgrade::{self, StorageVersion};
pub use sovra_kit::upgrade::UpgradeError;

use crate::errors::NftError;
use crate::events::*;

/// The storage-layout version this code reads and writes (`migrate` moves stored data to it).
pub const STORAGE_VERSION: u32 = 1;

#[cfg(test)]
#[path = "tests.rs"]
mod tests;

/// Longest `Id::Bytes` id.
pub const MAX_ID_BYTES: usize = 32;
/// Longest attribute key.
pub const MAX_ATTRIBUTE_KEY: usize = 32;
/// Longest attribute value.
pub const MAX_ATTRIBUTE_VALUE: usize = 256;
/// Most attributes per token, and for the collection.
pub const MAX_ATTRIBUTES: usize = 8;
/// Every role the NFT has.
pub const ROLES: &[RoleId] = &[DEFAULT_ADMIN_ROLE, MINTER_ROLE, PAUSER_ROLE];
/// A royalty's basis points are at most the whole sale price.
pub const MAX_ROYALTY_BPS: u16 = 10_000;

/// A royalty (ERC-2981): `bps` basis points of a sale price go to `receiver`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[ink::scale_derive(Encode, Decode, TypeInfo)]
#[cfg_attr(feature = "std", derive(ink::storage::traits::StorageLayout))]
pub struct Royalty {
    /// Who is paid.
    pub receiver: AccountId,
    /// Share of the sale price in basis points (1/10,000), at most `MAX_ROYALTY_BPS`.
    pub bps: u16,
}

impl Royalty {
    /// The royalty on `sale_price`: `sale_price × bps / 10,000`, rounded down, without overflow.
    pub fn amount(&self, sale_price: u128) -> u128 {
        let bps = u128::from(self.bps.min(MAX_ROYALTY_BPS));
        // (q·10,000 + r)·bps / 10,000 = q·bps + r·bps / 10,000; q·bps ≤ sale_price, r·bps < 10^8
        let whole = (sale_price / 10_000).saturating_mul(bps);
        let part = (sale_price % 10_000).saturating_mul(bps) / 10_000;
        whole.saturating_add(part)
    }
}

/// An attribute's storage key: the token (or collection) id and the attribute key.
type AttributeKey = (Id, Vec<u8>);

/// Where a token is and who may move it: one storage cell per token.
#[derive(Debug, Clone, PartialEq, Eq)]
#[ink::scale_derive(Encode, Decode, TypeInfo)]
#[cfg_attr(feature = "std", derive(ink::storage::traits::StorageLayout))]
pub struct TokenRecord {
    /// The owner.
    pub owner: AccountId,
    /// Position in the owner's list (`owners_token_by_index`).
    pub owner_index: u32,
    /// Position in the collection's list (`token_by_index`).
    pub index: u128,
    /// The one account approved for this token (ERC-721 semantics), cleared by every transfer.
    pub approved: Option<AccountId>,
}

/// The NFT's storage and rules.
#[ink::storage_item]
#[derive(Debug, Default)]
pub struct NftData {
    /// The contract's address: the collection's id is `Id::Bytes(address)`; attributes of the
    /// collection are stored under it, so no token may have it. (A fixed-size field: the root
    /// cell every message decodes holds no `Vec`.)
    collection: [u8; 32],
    tokens: Mapping<Id, TokenRecord>,
    balances: Mapping<AccountId, u32>,
    /// `(owner, i)` → the owner's `i`-th token.
    owned: Mapping<(AccountId, u32), Id>,
    /// `i` → the collection's `i`-th token.
    all: Mapping<u128, Id>,
    supply: u128,
    /// `(owner, operator)` present: the operator may move all of the owner's tokens.
    operators: Mapping<(AccountId, AccountId), ()>,
    attributes: Mapping<AttributeKey, Vec<u8>>,
    /// The attribute keys of each token and of the collection (≤ `MAX_ATTRIBUTES`), so a burn
    /// removes them all.
    attribute_keys: Mapping<Id, Vec<Vec<u8>>>,
    default_royalty: Option<Royalty>,
    royalties: Mapping<Id, Royalty>,
    /// Fixed at construction.
    soulbound: bool,
    paused: bool,
    /// Who holds which role (the `AccessControl` messages reach it directly).
    pub roles: Roles,
    compliance: Option<ComplianceGate>,
    /// The stored layout's version (`STORAGE_VERSION` at construction).
    version: StorageVersion,
}

fn check_royalty(royalty: Option<Royalty>) -> Result<(), NftError> {
    if royalty.is_some_and(|r| r.bps > MAX_ROYALTY_BPS) {
        return Err(NftError::RoyaltyTooHigh);
    }
    Ok(())
}

impl NftData {
    // ------------------------------------------------------------------ upgrades

    /// The stored layout's version.
    pub fn storage_version(&self) -> u32 {
        self.version.get()
    }

    /// The admin replaces the running code (`sovra_kit::upgrade::set_code`). Errors:
    /// `MissingRole`, `CodeNotFound`.
    pub fn set_code(&self, ctx: &Ctx, code_hash: ink::primitives::Hash) -> Result<Vec<NftEvent>, UpgradeError> {
        Ok(vec![NftEvent::CodeUpgraded(upgrade::set_code(&self.roles, ctx.caller, code_hash)?)])
    }

    /// The admin migrates the stored layout to [`STORAGE_VERSION`] (the first layout: nothing
    /// to step from yet). Errors: `MissingRole`, `MigrationFailed`.
    pub fn migrate(&mut self, ctx: &Ctx) -> Result<Vec<NftEvent>, UpgradeError> {
        let migrated = upgrade::migrate(&self.roles, &mut self.version, ctx.caller, STORAGE_VERSION, upgrade::no_steps)?;
        Ok(vec![NftEvent::Migrated(migrated)])
    }

    /// A collection at address `collection` (its id is `Id::Bytes(collection)`) whose `admin` holds every role (admin, minter,
    /// pauser); `soulbound` is fixed for ever. Errors: `RoyaltyTooHigh`.
    pub fn new(
        collection: AccountId,
        admin: AccountId,
        soulbound: bool,
        default_royalty: Option<Royalty>,
        compliance: Option<ComplianceGate>,
    ) -> Result<(Self, Vec<NftEvent>), NftError> {
        check_royalty(default_royalty)?;
        let mut data = NftData { collection: *<AccountId as AsRef<[u8; 32]>>::as_ref(&collection), soulbound, default_royalty, compliance, ..Default::default() };
        data.version.set(STORAGE_VERSION);
        let mut events: Vec<NftEvent> = data.roles.init(admin, ROLES);
        if default_royalty.is_some() {
            events.push(NftEvent::RoyaltySet(RoyaltySet { id: None, royalty: default_royalty, by: admin }));
        }
        if compliance.is_some() {
            events.push(NftEvent::ComplianceChanged(ComplianceChanged { gate: compliance, by: admin }));
        }
        Ok((data, events))
    }

    // ------------------------------------------------------------------ reads

    /// The collection's id.
    pub fn collection_id(&self) -> Id {
        Id::Bytes(self.collection.to_vec())
    }

    /// Whether `id` is the collection's own id.
    fn is_collection(&self, id: &Id) -> bool {
        matches!(id, Id::Bytes(bytes) if bytes.as_slice() == self.collection.as_slice())
    }

    /// How many tokens `owner` holds.
    pub fn balance_of(&self, owner: AccountId) -> u32 {
        self.balances.get(owner).unwrap_or(0)
    }

    /// The owner of `id`, if it exists.
    pub fn owner_of(&self, id: &Id) -> Option<AccountId> {
        self.tokens.get(id).map(|t| t.owner)
    }

    /// Where token `id` is and who is approved for it.
    pub fn record(&self, id: &Id) -> Option<TokenRecord> {
        self.tokens.get(id)
    }

    /// How many tokens exist.
    pub fn total_supply(&self) -> u128 {
        self.supply
    }

    /// Whether `operator` may move token `id` (`Some`) or all tokens (`None`) of `owner`.
    pub fn allowance(&self, owner: AccountId, operator: AccountId, id: Option<&Id>) -> bool {
        match id {
            // for one token: only if `owner` owns it, and `operator` may move it for `owner`
            Some(id) => self
                .tokens
                .get(id)
                .is_some_and(|t| t.owner == owner && (t.approved == Some(operator) || self.operators.contains((owner, operator)))),
            None => self.operators.contains((owner, operator)),
        }
    }

    /// Whether `caller` may move the token of `record`: its owner, the account approved for it,
    /// or the owner's operator (the `allowance` rule, on a record already read).
    fn may_move(&self, record: &TokenRecord, caller: AccountId) -> bool {
        caller == record.owner || record.approved == Some(caller) || self.operators.contains((record.owner, caller))
    }

    /// The `index`-th token of `owner`.
    pub fn owners_token_by_index(&self, owner: AccountId, index: u128) -> Option<Id> {
        let index = u32::try_from(index).ok()?;
        self.owned.get((owner, index))
    }

    /// The `index`-th token of the collection.
    pub fn token_by_index(&self, index: u128) -> Option<Id> {
        self.all.get(index)
    }

    /// Attribute `key` of token (or collection) `id`.
    pub fn attribute(&self, id: Id, key: Vec<u8>) -> Option<Vec<u8>> {
        self.attributes.get((id, key))
    }

    /// Whether the collection is soulbound.
    pub fn soulbound(&self) -> bool {
        self.soulbound
    }

    /// Whether token `id` is locked (ERC-5192): every token of a soulbound collection.
    /// Errors: `TokenNotExists`.
    pub fn locked(&self, id: &Id) -> Result<bool, NftError> {
        if !self.tokens.contains(id) {
            return Err(NftError::TokenNotExists);
        }
        Ok(self.soulbound)
    }

    /// Whether transfers, mints and burns are paused.
    pub fn paused(&self) -> bool {
        self.paused
    }


    /// The compliance gate, if any.
    pub fn compliance(&self) -> Option<ComplianceGate> {
        self.compliance
    }

    /// The collection's default royalty.
    pub fn default_royalty(&self) -> Option<Royalty> {
        self.default_royalty
    }

    /// ERC-2981: who receives how much of `sale_price` for token `id` (its own royalty, else
    /// the collection's default; `None` if neither). Errors: `TokenNotExists`.
    pub fn royalty_info(&self, id: &Id, sale_price: u128) -> Result<Option<(AccountId, u128)>, NftError> {
        if !self.tokens.contains(id) {
            return Err(NftError::TokenNotExists);
        }
        let royalty = self.royalties.get(id).or(self.default_royalty);
        Ok(royalty.map(|r| (r.receiver, r.amount(sale_price))))
    }

    // ------------------------------------------------------------------ enumeration

    /// Appends `id` to `owner`'s list; returns its position.
    fn push_owned(&mut self, owner: AccountId, id: &Id) -> Result<u32, NftError> {
        let position = self.balance_of(owner);
        self.owned.insert((owner, position), id);
        self.balances.insert(owner, &position.checked_add(1).ok_or(NftError::Overflow)?);
        Ok(position)
    }

    /// Removes position `position` from `owner`'s list, moving the last token into the gap.
    fn remove_owned(&mut self, owner: AccountId, position: u32) -> Result<(), NftError> {
        let last = self.balance_of(owner).checked_sub(1).ok_or(NftError::Overflow)?;
        if position != last {
            let moved = self.owned.get((owner, last)).ok_or(NftError::Overflow)?;
            let mut record = self.tokens.get(&moved).ok_or(NftError::Overflow)?;
            record.owner_index = position;
            self.tokens.insert(&moved, &record);
            self.owned.insert((owner, position), &moved);
        }
        self.owned.remove((owner, last));
        if last == 0 {
            self.balances.remove(owner);
        } else {
            self.balances.insert(owner, &last);
        }
        Ok(())
    }

    /// Removes position `index` from the collection's list, moving the last token into the gap.
    fn remove_from_all(&mut self, index: u128) -> Result<(), NftError> {
        let last = self.supply.checked_sub(1).ok_or(NftError::Overflow)?;
        if index != last {
            let moved = self.all.get(last).ok_or(NftError::Overflow)?;
            let mut record = self.tokens.get(&moved).ok_or(NftError::Overflow)?;
            record.index = index;
            self.tokens.insert(&moved, &record);
            self.all.insert(index, &moved);
        }
        self.all.remove(last);
        self.supply = last;
        Ok(())
    }

    // ------------------------------------------------------------------ moving tokens

    fn check_receiver(&self, credentials: &impl CredentialOracle, to: AccountId) -> Result<(), NftError> {
        if !compliance::admits(self.compliance.as_ref(), credentials, to) {
            return Err(NftError::ComplianceFailed);
        }
        Ok(())
    }

    fn check_moving(&self) -> Result<(), NftError> {
        if self.paused {
            return Err(NftError::Paused);
        }
        Ok(())
    }

    /// The caller moves token `id` from its owner to `to`: the caller is the owner, approved
    /// for the token, or the owner's operator. Clears the token's approval. A transfer to the
    /// owner itself changes nothing. Errors: `TokenNotExists`, `Paused`, `Soulbound`,
    /// `NotApproved`, `ComplianceFailed`, `Overflow`.
    pub fn transfer(&mut self, ctx: &Ctx, credentials: &impl CredentialOracle, to: AccountId, id: Id) -> Result<Vec<NftEvent>, NftError> {
        let mut record = self.tokens.get(&id).ok_or(NftError::TokenNotExists)?;
        self.check_moving()?;
        if self.soulbound {
            return Err(NftError::Soulbound);
        }
        let from = record.owner;
        if !self.may_move(&record, ctx.caller) {
            return Err(NftError::NotApproved);
        }
        if to == from {
            return Ok(vec![]);
        }
        self.check_receiver(credentials, to)?;
        self.remove_owned(from, record.owner_index)?;
        record.owner_index = self.push_owned(to, &id)?;
        record.owner = to;
        record.approved = None;
        self.tokens.insert(&id, &record);
        Ok(vec![NftEvent::Transfer(Transfer { from: Some(from), to: Some(to), id })])
    }

    /// Mints token `id` to `to`; the caller needs `MINTER_ROLE`. In a soulbound collection the
    /// token is locked (`Locked` event). Errors: `MissingRole`, `Paused`, `InvalidId`,
    /// `TokenExists`, `ComplianceFailed`, `Overflow`.
    pub fn mint(&mut self, ctx: &Ctx, credentials: &impl CredentialOracle, to: AccountId, id: Id) -> Result<Vec<NftEvent>, NftError> {
        self.roles.require(MINTER_ROLE, ctx.caller)?;
        self.check_moving()?;
        if matches!(&id, Id::Bytes(bytes) if bytes.len() > MAX_ID_BYTES) || self.is_collection(&id) {
            return Err(NftError::InvalidId);
        }
        if self.tokens.contains(&id) {
            return Err(NftError::TokenExists);
        }
        self.check_receiver(credentials, to)?;
        let index = self.supply;
        self.supply = index.checked_add(1).ok_or(NftError::Overflow)?;
        self.all.insert(index, &id);
        let owner_index = self.push_owned(to, &id)?;
        self.tokens.insert(&id, &TokenRecord { owner: to, owner_index, index, approved: None });
        let mut events = vec![NftEvent::Transfer(Transfer { from: None, to: Some(to), id: id.clone() })];
        if self.soulbound {
            events.push(NftEvent::Locked(Locked { id }));
        }
        Ok(events)
    }

    /// Burns token `id` of `account`, with its attributes and royalty. The caller is the owner,
    /// approved for the token, the owner's operator, or — in a soulbound collection, where
    /// holders cannot approve — a minter (the issuer revoking a membership). Errors:
    /// `TokenNotExists`, `NotOwner`, `Paused`, `NotApproved`, `Overflow`.
    pub fn burn(&mut self, ctx: &Ctx, account: AccountId, id: Id) -> Result<Vec<NftEvent>, NftError> {
        let record = self.tokens.get(&id).ok_or(NftError::TokenNotExists)?;
        if record.owner != account {
            return Err(NftError::NotOwner);
        }
        self.check_moving()?;
        let issuer_revokes = self.soulbound && self.roles.has(MINTER_ROLE, ctx.caller);
        if !issuer_revokes && !self.may_move(&record, ctx.caller) {
            return Err(NftError::NotApproved);
        }
        self.remove_owned(account, record.owner_index)?;
        self.remove_from_all(record.index)?;
        self.tokens.remove(&id);
        self.royalties.remove(&id);
        for key in self.attribute_keys.take(&id).unwrap_or_default() {
            self.attributes.remove((id.clone(), key));
        }
        Ok(vec![NftEvent::Transfer(Transfer { from: Some(account), to: None, id })])
    }

    /// The caller approves (or unapproves) `operator` for token `id` (`Some`: the caller is its
    /// owner or the owner's operator; one approved account per token, replaced by the next
    /// approval) or for all its tokens (`None`). Errors: `SelfApprove`, `Soulbound`,
    /// `TokenNotExists`, `NotApproved`.
    pub fn approve(&mut self, ctx: &Ctx, operator: AccountId, id: Option<Id>, approved: bool) -> Result<Vec<NftEvent>, NftError> {
        if operator == ctx.caller {
            return Err(NftError::SelfApprove);
        }
        if self.soulbound {
            return Err(NftError::Soulbound);
        }
        let owner = match &id {
            None => {
                if approved {
                    self.operators.insert((ctx.caller, operator), &());
                } else {
                    self.operators.remove((ctx.caller, operator));
                }
                ctx.caller
            }
            Some(id) => {
                let mut record = self.tokens.get(id).ok_or(NftError::TokenNotExists)?;
                let owner = record.owner;
                if ctx.caller != owner && !self.operators.contains((owner, ctx.caller)) {
                    return Err(NftError::NotApproved);
                }
                if operator == owner {
                    return Err(NftError::SelfApprove);
                }
                if approved {
                    record.approved = Some(operator);
                } else if record.approved == Some(operator) {
                    record.approved = None;
                }
                self.tokens.insert(id, &record);
                owner
            }
        };
        Ok(vec![NftEvent::Approval(Approval { owner, operator, id, approved })])
    }

    // ------------------------------------------------------------------ metadata & royalties

    /// Sets attribute `key` of token `id` (caller: minter) or of the collection (`id` =
    /// `collection_id()`; caller: admin) to `value`; an empty `value` removes it. Errors:
    /// `MissingRole`, `TokenNotExists`, `AttributeTooLong`, `TooManyAttributes`.
    pub fn set_attribute(&mut self, ctx: &Ctx, id: Id, key: Vec<u8>, value: Vec<u8>) -> Result<Vec<NftEvent>, NftError> {
        if self.is_collection(&id) {
            self.roles.require(DEFAULT_ADMIN_ROLE, ctx.caller)?;
        } else {
            self.roles.require(MINTER_ROLE, ctx.caller)?;
            if !self.tokens.contains(&id) {
                return Err(NftError::TokenNotExists);
            }
        }
        if key.is_empty() || key.len() > MAX_ATTRIBUTE_KEY || value.len() > MAX_ATTRIBUTE_VALUE {
            return Err(NftError::AttributeTooLong);
        }
        let mut keys = self.attribute_keys.get(&id).unwrap_or_default();
        let known = keys.iter().position(|k| *k == key);
        // the key list is written only when a key joins or leaves it, not on an overwrite
        let keys_changed = match (known, value.is_empty()) {
            (None, true) => return Ok(vec![]),
            (None, false) if keys.len() >= MAX_ATTRIBUTES => return Err(NftError::TooManyAttributes),
            (None, false) => {
                keys.push(key.clone());
                true
            }
            (Some(i), true) => {
                keys.swap_remove(i);
                true
            }
            (Some(_), false) => false,
        };
        if value.is_empty() {
            self.attributes.remove((id.clone(), key.clone()));
        } else {
            self.attributes.insert((id.clone(), key.clone()), &value);
        }
        if keys_changed && keys.is_empty() {
            self.attribute_keys.remove(&id);
        } else if keys_changed {
            self.attribute_keys.insert(&id, &keys);
        }
        Ok(vec![NftEvent::AttributeSet(AttributeSet { id, key, data: value })])
    }

    /// Sets or removes the collection's default royalty (caller: admin). Errors:
    /// `MissingRole`, `RoyaltyTooHigh`.
    pub fn set_default_royalty(&mut self, ctx: &Ctx, royalty: Option<Royalty>) -> Result<Vec<NftEvent>, NftError> {
        self.roles.require(DEFAULT_ADMIN_ROLE, ctx.caller)?;
        check_royalty(royalty)?;
        self.default_royalty = royalty;
        Ok(vec![NftEvent::RoyaltySet(RoyaltySet { id: None, royalty, by: ctx.caller })])
    }

    /// Sets or removes (back to the default) token `id`'s own royalty (caller: admin). Errors:
    /// `MissingRole`, `TokenNotExists`, `RoyaltyTooHigh`.
    pub fn set_token_royalty(&mut self, ctx: &Ctx, id: Id, royalty: Option<Royalty>) -> Result<Vec<NftEvent>, NftError> {
        self.roles.require(DEFAULT_ADMIN_ROLE, ctx.caller)?;
        if !self.tokens.contains(&id) {
            return Err(NftError::TokenNotExists);
        }
        check_royalty(royalty)?;
        if let Some(r) = royalty {
            self.royalties.insert(&id, &r);
        } else {
            self.royalties.remove(&id);
        }
        Ok(vec![NftEvent::RoyaltySet(RoyaltySet { id: Some(id), royalty, by: ctx.caller })])
    }

    // ------------------------------------------------------------------ admin

    /// Sets, changes or removes the compliance gate (caller: admin). Errors: `MissingRole`.
    pub fn set_compliance(&mut self, ctx: &Ctx, gate: Option<ComplianceGate>) -> Result<Vec<NftEvent>, NftError> {
        self.roles.require(DEFAULT_ADMIN_ROLE, ctx.caller)?;
        self.compliance = gate;
        Ok(vec![NftEvent::ComplianceChanged(ComplianceChanged { gate, by: ctx.caller })])
    }

    /// Pauses (`true`) or resumes transfers, mints and burns (caller: pauser). Errors:
    /// `MissingRole`, `AlreadyInThatState`.
    pub fn set_paused(&mut self, ctx: &Ctx, paused: bool) -> Result<Vec<NftEvent>, NftError> {
        let event = pause::set_paused(&self.roles, &mut self.paused, ctx.caller, paused)?;
        Ok(vec![NftEvent::PausedChanged(event)])
    }






}
