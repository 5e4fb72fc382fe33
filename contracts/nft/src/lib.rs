//! # Sovra NFT
//!
//! A PSP34 non-fungible token collection (standard selectors, `Id` and events from
//! `sovra_interfaces::psp34`) with enumeration at O(1) per transfer, bounded metadata attributes,
//! ERC-2981 royalties (collection default and per-token override), an optional soulbound mode
//! fixed at construction (ERC-5192 `locked`: mint and burn only), roles (admin, minter,
//! pauser; the shared `sovra_kit::access` model), pause, and the optional compliance gate on
//! receivers shared with the token.
//!
//! The rules live in [`data::NftData`]; this module is the thin `#[ink::contract]` shell.
#![cfg_attr(not(feature = "std"), no_std, no_main)]

pub mod data;
pub mod errors;
pub mod events;

/// The contract, and `NftRef`: a typed reference to a deployed instance whose generated call
/// builders (`call_mut().<message>(..)`) other contracts and clients call it through.
pub use self::nft::{Nft, NftRef};

#[ink::contract]
mod nft {
    use sovra_interfaces::access::{AccessControl, RoleError};
    use crate::data::{ComplianceGate, Ctx, Id, NftData, RoleId, Royalty};
    use crate::errors::NftError;
    use crate::events::NftEvent;
    use ink::prelude::{string::String, vec::Vec};
    use sovra_kit::compliance::Registry;
    use sovra_kit::upgrade::{UpgradeError, Upgradeable};
    use sovra_interfaces::psp34::{PSP34Burnable, PSP34Enumerable, PSP34Error, PSP34Metadata, PSP34Mintable, PSP34};

    /// The collection's storage.
    #[ink(storage)]
    pub struct Nft {
        data: NftData,
    }

    /// A standard message's error: the standard's own variants where they exist, else
    /// `Custom(<NftError name>)`.
    fn psp34_error(e: NftError) -> PSP34Error {
        match e {
            NftError::TokenExists => PSP34Error::TokenExists,
            NftError::TokenNotExists => PSP34Error::TokenNotExists,
            NftError::NotApproved => PSP34Error::NotApproved,
            NftError::SelfApprove => PSP34Error::SelfApprove,
            other => PSP34Error::Custom(String::from(other.name())),
        }
    }

    impl Nft {
        /// Deploys a collection; the caller holds every role (admin, minter, pauser) — hand
        /// them to the governor. `soulbound` (fixed for ever) makes tokens mint-and-burn only.
        /// `default_royalty` applies to tokens without their own. `compliance` (changeable by
        /// the admin) makes every receiver hold a valid credential of its schema. Fails
        /// (reverts) with `RoyaltyTooHigh`. Events: `RoleGranted` ×3, `RoyaltySet` and
        /// `ComplianceChanged` (if set).
        #[ink(constructor)]
        pub fn new(soulbound: bool, default_royalty: Option<Royalty>, compliance: Option<ComplianceGate>) -> Result<Self, NftError> {
            let (data, events) = NftData::new(Self::env().account_id(), Self::env().caller(), soulbound, default_royalty, compliance)?;
            let nft = Self { data };
            NftEvent::emit_all(events);
            Ok(nft)
        }

        /// Whether the collection is soulbound (fixed at construction). Read-only.
        #[ink(message)]
        pub fn soulbound(&self) -> bool {
            self.data.soulbound()
        }

        /// ERC-5192: whether token `id` is locked (every token of a soulbound collection).
        /// Read-only. Errors: `TokenNotExists`.
        #[ink(message)]
        pub fn locked(&self, id: Id) -> Result<bool, NftError> {
            self.data.locked(&id)
        }

        /// ERC-2981: the royalty receiver and amount for selling token `id` at `sale_price`
        /// (the token's own royalty, else the collection default; `None`: no royalty).
        /// Read-only. Errors: `TokenNotExists`.
        #[ink(message)]
        pub fn royalty_info(&self, id: Id, sale_price: Balance) -> Result<Option<(AccountId, Balance)>, NftError> {
            self.data.royalty_info(&id, sale_price)
        }

        /// The collection's default royalty. Read-only.
        #[ink(message)]
        pub fn default_royalty(&self) -> Option<Royalty> {
            self.data.default_royalty()
        }

        /// Sets or removes the default royalty. Caller: admin. Errors: `MissingRole`,
        /// `RoyaltyTooHigh`. Events: `RoyaltySet` (`id: None`).
        #[ink(message)]
        pub fn set_default_royalty(&mut self, royalty: Option<Royalty>) -> Result<(), NftError> {
            let events = self.data.set_default_royalty(&Ctx::current_block(), royalty)?;
            NftEvent::emit_all(events);
            Ok(())
        }

        /// Sets or removes token `id`'s own royalty. Caller: admin. Errors: `MissingRole`,
        /// `TokenNotExists`, `RoyaltyTooHigh`. Events: `RoyaltySet`.
        #[ink(message)]
        pub fn set_token_royalty(&mut self, id: Id, royalty: Option<Royalty>) -> Result<(), NftError> {
            let events = self.data.set_token_royalty(&Ctx::current_block(), id, royalty)?;
            NftEvent::emit_all(events);
            Ok(())
        }

        /// Sets attribute `key` of token `id` (caller: minter) or of the collection (`id` =
        /// `collection_id()`, caller: admin); an empty `value` removes it. At most 8
        /// attributes per id, keys 1–32 bytes, values ≤ 256 bytes. Errors: `MissingRole`,
        /// `TokenNotExists`, `AttributeTooLong`, `TooManyAttributes`. Events: `AttributeSet`.
        #[ink(message)]
        pub fn set_attribute(&mut self, id: Id, key: Vec<u8>, value: Vec<u8>) -> Result<(), NftError> {
            let events = self.data.set_attribute(&Ctx::current_block(), id, key, value)?;
            NftEvent::emit_all(events);
            Ok(())
        }

        /// The compliance gate, if any. Read-only.
        #[ink(message)]
        pub fn compliance(&self) -> Option<ComplianceGate> {
            self.data.compliance()
        }

        /// Sets, changes or removes (`None`) the compliance gate. Caller: admin. Errors:
        /// `MissingRole`. Events: `ComplianceChanged`.
        #[ink(message)]
        pub fn set_compliance(&mut self, gate: Option<ComplianceGate>) -> Result<(), NftError> {
            let events = self.data.set_compliance(&Ctx::current_block(), gate)?;
            NftEvent::emit_all(events);
            Ok(())
        }

        /// Whether transfers, mints and burns are paused. Read-only.
        #[ink(message)]
        pub fn paused(&self) -> bool {
            self.data.paused()
        }

        /// Pauses transfers, mints and burns (not approvals or metadata). Caller: pauser.
        /// Errors: `MissingRole`, `AlreadyInThatState`. Events: `PausedChanged`.
        #[ink(message)]
        pub fn pause(&mut self) -> Result<(), NftError> {
            let events = self.data.set_paused(&Ctx::current_block(), true)?;
            NftEvent::emit_all(events);
            Ok(())
        }

        /// Resumes transfers, mints and burns. Caller: pauser. Errors: `MissingRole`,
        /// `AlreadyInThatState`. Events: `PausedChanged`.
        #[ink(message)]
        pub fn unpause(&mut self) -> Result<(), NftError> {
            let events = self.data.set_paused(&Ctx::current_block(), false)?;
            NftEvent::emit_all(events);
            Ok(())
        }

        fn run(&mut self, result: Result<Vec<NftEvent>, NftError>) -> Result<(), PSP34Error> {
            NftEvent::emit_all(result.map_err(psp34_error)?);
            Ok(())
        }
    }

    /// Roles (0 admin, 2 minter, 3 pauser): the suite's one `AccessControl` interface (`sovra_kit::access`).
    impl AccessControl for Nft {
        /// Whether `account` holds `role`. Read-only.
        #[ink(message)]
        fn has_role(&self, role: RoleId, account: AccountId) -> bool {
            self.data.roles.has(role, account)
        }

        /// Grants `role` to `account`. Caller: admin. Errors: `MissingRole`, `TooManyMembers`.
        /// Events: `RoleGranted` (none if held).
        #[ink(message)]
        fn grant_role(&mut self, role: RoleId, account: AccountId) -> Result<(), RoleError> {
            NftEvent::emit_all(self.data.roles.grant_role(self.env().caller(), role, account)?);
            Ok(())
        }

        /// Revokes `role` from `account`. Caller: admin. Errors: `MissingRole`, `LastAdmin`.
        /// Events: `RoleRevoked` (none if not held).
        #[ink(message)]
        fn revoke_role(&mut self, role: RoleId, account: AccountId) -> Result<(), RoleError> {
            NftEvent::emit_all(self.data.roles.revoke_role(self.env().caller(), role, account)?);
            Ok(())
        }

        /// The caller gives up `role`. Errors: `MissingRole`, `LastAdmin` (the last admin
        /// stays). Events: `RoleRevoked`.
        #[ink(message)]
        fn renounce_role(&mut self, role: RoleId) -> Result<(), RoleError> {
            NftEvent::emit_all(self.data.roles.renounce_role(self.env().caller(), role)?);
            Ok(())
        }

        /// How many accounts hold `role` (at most `MAX_ROLE_MEMBERS`, 8). Read-only.
        #[ink(message)]
        fn role_member_count(&self, role: RoleId) -> u32 {
            self.data.roles.member_count(role)
        }

        /// The `index`-th holder of `role` (below `role_member_count`; the order changes when a
        /// holder leaves). Read-only.
        #[ink(message)]
        fn role_member(&self, role: RoleId, index: u32) -> Option<AccountId> {
            self.data.roles.member(role, index)
        }

        /// The caller hands every role it holds to `successor` and gives them up, the admin
        /// role last — how one proposal moves the contract to a new governor. Caller: admin.
        /// Errors: `MissingRole`, `TooManyMembers`, `LastAdmin` (successor = caller). Events:
        /// `RoleGranted` per role, then `RoleRevoked` per role.
        #[ink(message)]
        fn hand_over(&mut self, successor: AccountId) -> Result<(), RoleError> {
            NftEvent::emit_all(self.data.roles.hand_over(self.env().caller(), successor, crate::data::ROLES)?);
            Ok(())
        }
    }

    impl Upgradeable for Nft {
        /// Replaces the code with the uploaded `code_hash`, keeping the storage; `migrate`
        /// next (a proposal does both). Caller: admin (the governor). Errors: `MissingRole`,
        /// `CodeNotFound`. Events: `CodeUpgraded`.
        #[ink(message)]
        fn set_code_hash(&mut self, code_hash: Hash) -> Result<(), UpgradeError> {
            let events = self.data.set_code(&Ctx::current_block(), code_hash)?;
            NftEvent::emit_all(events);
            Ok(())
        }

        /// Migrates the stored layout to this code's version. Caller: admin. Errors:
        /// `MissingRole`, `MigrationFailed`. Events: `Migrated`.
        #[ink(message)]
        fn migrate(&mut self) -> Result<(), UpgradeError> {
            let events = self.data.migrate(&Ctx::current_block())?;
            NftEvent::emit_all(events);
            Ok(())
        }

        /// (stored layout version, this code's version). Read-only.
        #[ink(message)]
        fn storage_version(&self) -> (u32, u32) {
            (self.data.storage_version(), crate::data::STORAGE_VERSION)
        }
    }

    impl PSP34 for Nft {
        /// The collection's id: `Id::Bytes(<this contract's address>)`. Read-only.
        #[ink(message)]
        fn collection_id(&self) -> Id {
            self.data.collection_id()
        }

        /// How many tokens `owner` holds. Read-only.
        #[ink(message)]
        fn balance_of(&self, owner: AccountId) -> u32 {
            self.data.balance_of(owner)
        }

        /// The owner of token `id`, if it exists. Read-only.
        #[ink(message)]
        fn owner_of(&self, id: Id) -> Option<AccountId> {
            self.data.owner_of(&id)
        }

        /// Whether `operator` may move token `id` (`Some`) or all tokens (`None`) of `owner`.
        /// Read-only.
        #[ink(message)]
        fn allowance(&self, owner: AccountId, operator: AccountId, id: Option<Id>) -> bool {
            self.data.allowance(owner, operator, id.as_ref())
        }

        /// Approves or unapproves `operator` for token `id` (caller: its owner or the owner's
        /// operator; one approved account per token) or for all the caller's tokens (`None`).
        /// Errors: `SelfApprove`, `TokenNotExists`, `NotApproved`, `Custom("Soulbound")`.
        /// Events: `Approval`.
        #[ink(message)]
        fn approve(&mut self, operator: AccountId, id: Option<Id>, approved: bool) -> Result<(), PSP34Error> {
            let result = self.data.approve(&Ctx::current_block(), operator, id, approved);
            self.run(result)
        }

        /// Moves token `id` to `to` (caller: the owner, approved for the token, or the owner's
        /// operator); clears the token's approval. `data` is ignored (no receiver callback).
        /// Errors: `TokenNotExists`, `NotApproved`, `Custom("Paused" | "Soulbound" |
        /// "ComplianceFailed")`. Events: `Transfer`.
        #[ink(message)]
        fn transfer(&mut self, to: AccountId, id: Id, _data: Vec<u8>) -> Result<(), PSP34Error> {
            let result = self.data.transfer(&Ctx::current_block(), &Registry, to, id);
            self.run(result)
        }

        /// How many tokens exist. Read-only.
        #[ink(message)]
        fn total_supply(&self) -> Balance {
            self.data.total_supply()
        }
    }

    impl PSP34Metadata for Nft {
        /// Attribute `key` of token `id`, or of the collection when `id` is `collection_id()`.
        /// Read-only.
        #[ink(message)]
        fn get_attribute(&self, id: Id, key: Vec<u8>) -> Option<Vec<u8>> {
            self.data.attribute(id, key)
        }
    }

    impl PSP34Enumerable for Nft {
        /// The `index`-th token of `owner` (`index < balance_of(owner)`; the order changes as
        /// tokens leave). Read-only.
        #[ink(message)]
        fn owners_token_by_index(&self, owner: AccountId, index: u128) -> Option<Id> {
            self.data.owners_token_by_index(owner, index)
        }

        /// The `index`-th token of the collection (`index < total_supply()`). Read-only.
        #[ink(message)]
        fn token_by_index(&self, index: u128) -> Option<Id> {
            self.data.token_by_index(index)
        }
    }

    impl PSP34Mintable for Nft {
        /// Mints token `id` to `account`. Caller: minter. Errors: `TokenExists`,
        /// `Custom("MissingRole" | "Paused" | "InvalidId" | "ComplianceFailed")`. Events:
        /// `Transfer`, `Locked` (soulbound collections).
        #[ink(message)]
        fn mint(&mut self, account: AccountId, id: Id) -> Result<(), PSP34Error> {
            let result = self.data.mint(&Ctx::current_block(), &Registry, account, id);
            self.run(result)
        }
    }

    impl PSP34Burnable for Nft {
        /// Burns token `id` of `account` with its attributes and royalty (caller: the owner,
        /// approved, the owner's operator, or in a soulbound collection a minter). Errors:
        /// `TokenNotExists`, `NotApproved`, `Custom("NotOwner" | "Paused")`. Events: `Transfer`.
        #[ink(message)]
        fn burn(&mut self, account: AccountId, id: Id) -> Result<(), PSP34Error> {
            let result = self.data.burn(&Ctx::current_block(), account, id);
            self.run(result)
        }
    }
}
