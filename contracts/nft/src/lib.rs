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

#[ink::contract]
mod nft {
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
        let name = match e {
            NftError::TokenExists => return PSP34Error::TokenExists,
            NftError::TokenNotExists => return PSP34Error::TokenNotExists,
            NftError::NotApproved => return PSP34Error::NotApproved,
            NftError::SelfApprove => return PSP34Error::SelfApprove,
            NftError::NotOwner => "NotOwner",
            NftError::MissingRole => "MissingRole",
            NftError::Paused => "Paused",
            NftError::Soulbound => "Soulbound",
            NftError::ComplianceFailed => "ComplianceFailed",
            NftError::AlreadyInThatState => "AlreadyInThatState",
            NftError::InvalidId => "InvalidId",
            NftError::AttributeTooLong => "AttributeTooLong",
            NftError::TooManyAttributes => "TooManyAttributes",
            NftError::RoyaltyTooHigh => "RoyaltyTooHigh",
            NftError::Overflow => "Overflow",
            NftError::TooManyRoleMembers => "TooManyRoleMembers",
            NftError::LastAdmin => "LastAdmin",
        };
        PSP34Error::Custom(String::from(name))
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
            nft.emit(events);
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
            let events = self.data.set_default_royalty(&self.ctx(), royalty)?;
            self.emit(events);
            Ok(())
        }

        /// Sets or removes token `id`'s own royalty. Caller: admin. Errors: `MissingRole`,
        /// `TokenNotExists`, `RoyaltyTooHigh`. Events: `RoyaltySet`.
        #[ink(message)]
        pub fn set_token_royalty(&mut self, id: Id, royalty: Option<Royalty>) -> Result<(), NftError> {
            let events = self.data.set_token_royalty(&self.ctx(), id, royalty)?;
            self.emit(events);
            Ok(())
        }

        /// Sets attribute `key` of token `id` (caller: minter) or of the collection (`id` =
        /// `collection_id()`, caller: admin); an empty `value` removes it. At most 8
        /// attributes per id, keys 1–32 bytes, values ≤ 256 bytes. Errors: `MissingRole`,
        /// `TokenNotExists`, `AttributeTooLong`, `TooManyAttributes`. Events: `AttributeSet`.
        #[ink(message)]
        pub fn set_attribute(&mut self, id: Id, key: Vec<u8>, value: Vec<u8>) -> Result<(), NftError> {
            let events = self.data.set_attribute(&self.ctx(), id, key, value)?;
            self.emit(events);
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
            let events = self.data.set_compliance(&self.ctx(), gate)?;
            self.emit(events);
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
            let events = self.data.set_paused(&self.ctx(), true)?;
            self.emit(events);
            Ok(())
        }

        /// Resumes transfers, mints and burns. Caller: pauser. Errors: `MissingRole`,
        /// `AlreadyInThatState`. Events: `PausedChanged`.
        #[ink(message)]
        pub fn unpause(&mut self) -> Result<(), NftError> {
            let events = self.data.set_paused(&self.ctx(), false)?;
            self.emit(events);
            Ok(())
        }

        /// Whether `account` holds `role` (0 admin, 2 minter, 3 pauser). Read-only.
        #[ink(message)]
        pub fn has_role(&self, role: RoleId, account: AccountId) -> bool {
            self.data.has_role(role, account)
        }

        /// Grants `role` to `account`. Caller: admin. Errors: `MissingRole`,
        /// `TooManyRoleMembers`. Events: `RoleGranted` (none if held).
        #[ink(message)]
        pub fn grant_role(&mut self, role: RoleId, account: AccountId) -> Result<(), NftError> {
            let events = self.data.grant_role(&self.ctx(), role, account)?;
            self.emit(events);
            Ok(())
        }

        /// Revokes `role` from `account`. Caller: admin. Errors: `MissingRole`,
        /// `LastAdmin`. Events: `RoleRevoked` (none if not held).
        #[ink(message)]
        pub fn revoke_role(&mut self, role: RoleId, account: AccountId) -> Result<(), NftError> {
            let events = self.data.revoke_role(&self.ctx(), role, account)?;
            self.emit(events);
            Ok(())
        }

        /// The caller gives up `role`. Errors: `MissingRole`, `LastAdmin` (the last admin stays). Events:
        /// `RoleRevoked`.
        #[ink(message)]
        pub fn renounce_role(&mut self, role: RoleId) -> Result<(), NftError> {
            let events = self.data.renounce_role(&self.ctx(), role)?;
            self.emit(events);
            Ok(())
        }

        /// How many accounts hold `role` (at most `MAX_ROLE_MEMBERS`, 8). Read-only.
        #[ink(message)]
        pub fn role_member_count(&self, role: RoleId) -> u32 {
            self.data.role_member_count(role)
        }

        /// The `index`-th holder of `role` (0-based, below `role_member_count`; the order
        /// changes when a holder leaves). Read-only.
        #[ink(message)]
        pub fn role_member(&self, role: RoleId, index: u32) -> Option<AccountId> {
            self.data.role_member(role, index)
        }

        /// The caller hands every role it holds to `successor` and gives them up, the admin
        /// role last — how one proposal moves the contract to a new governor. Caller: admin.
        /// Errors: `MissingRole`, `TooManyRoleMembers`, `LastAdmin` (successor = caller).
        /// Events: `RoleGranted` per role, then `RoleRevoked` per role.
        #[ink(message)]
        pub fn hand_over(&mut self, successor: AccountId) -> Result<(), NftError> {
            let events = self.data.hand_over(&self.ctx(), successor)?;
            self.emit(events);
            Ok(())
        }

        fn ctx(&self) -> Ctx {
            Ctx { caller: self.env().caller(), block: self.env().block_number(), now: 0 }
        }

        fn emit(&self, events: Vec<NftEvent>) {
            for event in events {
                match event {
                    NftEvent::Transfer(e) => self.env().emit_event(e),
                    NftEvent::Approval(e) => self.env().emit_event(e),
                    NftEvent::AttributeSet(e) => self.env().emit_event(e),
                    NftEvent::Locked(e) => self.env().emit_event(e),
                    NftEvent::RoyaltySet(e) => self.env().emit_event(e),
                    NftEvent::PausedChanged(e) => self.env().emit_event(e),
                    NftEvent::ComplianceChanged(e) => self.env().emit_event(e),
                    NftEvent::RoleGranted(e) => self.env().emit_event(e),
                    NftEvent::RoleRevoked(e) => self.env().emit_event(e),
                    NftEvent::CodeUpgraded(e) => self.env().emit_event(e),
                    NftEvent::Migrated(e) => self.env().emit_event(e),
                }
            }
        }

        fn run(&mut self, result: Result<Vec<NftEvent>, NftError>) -> Result<(), PSP34Error> {
            self.emit(result.map_err(psp34_error)?);
            Ok(())
        }
    }

    impl Upgradeable for Nft {
        /// Replaces the code with the uploaded `code_hash`, keeping the storage; `migrate`
        /// next (a proposal does both). Caller: admin (the governor). Errors: `MissingRole`,
        /// `CodeNotFound`. Events: `CodeUpgraded`.
        #[ink(message)]
        fn set_code_hash(&mut self, code_hash: Hash) -> Result<(), UpgradeError> {
            let events = self.data.set_code(&self.ctx(), code_hash)?;
            self.emit(events);
            Ok(())
        }

        /// Migrates the stored layout to this code's version. Caller: admin. Errors:
        /// `MissingRole`, `MigrationFailed`. Events: `Migrated`.
        #[ink(message)]
        fn migrate(&mut self) -> Result<(), UpgradeError> {
            let events = self.data.migrate(&self.ctx())?;
            self.emit(events);
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
            let result = self.data.approve(&self.ctx(), operator, id, approved);
            self.run(result)
        }

        /// Moves token `id` to `to` (caller: the owner, approved for the token, or the owner's
        /// operator); clears the token's approval. `data` is ignored (no receiver callback).
        /// Errors: `TokenNotExists`, `NotApproved`, `Custom("Paused" | "Soulbound" |
        /// "ComplianceFailed")`. Events: `Transfer`.
        #[ink(message)]
        fn transfer(&mut self, to: AccountId, id: Id, _data: Vec<u8>) -> Result<(), PSP34Error> {
            let result = self.data.transfer(&self.ctx(), &Registry, to, id);
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
            let result = self.data.mint(&self.ctx(), &Registry, account, id);
            self.run(result)
        }
    }

    impl PSP34Burnable for Nft {
        /// Burns token `id` of `account` with its attributes and royalty (caller: the owner,
        /// approved, the owner's operator, or in a soulbound collection a minter). Errors:
        /// `TokenNotExists`, `NotApproved`, `Custom("NotOwner" | "Paused")`. Events: `Transfer`.
        #[ink(message)]
        fn burn(&mut self, account: AccountId, id: Id) -> Result<(), PSP34Error> {
            let result = self.data.burn(&self.ctx(), account, id);
            self.run(result)
        }
    }
}
