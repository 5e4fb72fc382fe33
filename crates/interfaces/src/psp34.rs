//! The PSP34 non-fungible token standard (w3f PSP-34) as ink! trait definitions, so the NFT's
//! messages get the standard's selectors (`blake2b_256("PSP34::transfer")[..4]`, …), plus its
//! `Id`, `PSP34Error` and events, and the `PSP34Mintable` / `PSP34Burnable` extensions. Any
//! contract (a marketplace, the fractional vault) calls an NFT through these traits with
//! `contract_ref!`.

// The SCALE derives expand `index as u8` casts for data-carrying enum variants.
#![allow(clippy::cast_possible_truncation)]

use ink::prelude::{string::String, vec::Vec};
use ink::primitives::AccountId;

/// A token id: any of the standard's variants. `Bytes` ids are bounded by each contract.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
#[ink::scale_derive(Encode, Decode, TypeInfo)]
#[cfg_attr(feature = "std", derive(ink::storage::traits::StorageLayout))]
pub enum Id {
    U8(u8),
    U16(u16),
    U32(u32),
    U64(u64),
    U128(u128),
    Bytes(Vec<u8>),
}

/// The standard's errors. Contract-specific failures are `Custom(<name>)`.
#[derive(Debug, Clone, PartialEq, Eq)]
#[ink::scale_derive(Encode, Decode, TypeInfo)]
pub enum PSP34Error {
    /// A failure the standard does not name (the contract's own error, by name).
    Custom(String),
    /// An owner tried to approve itself.
    SelfApprove,
    /// The caller is neither the owner nor approved.
    NotApproved,
    /// A token with this id exists.
    TokenExists,
    /// No token with this id exists.
    TokenNotExists,
    /// The receiver refused the token (never returned here: no receiver callback).
    SafeTransferCheckFailed(String),
}

/// The PSP34 core.
#[ink::trait_definition]
pub trait PSP34 {
    /// The collection's id.
    #[ink(message)]
    fn collection_id(&self) -> Id;

    /// How many tokens `owner` holds.
    #[ink(message)]
    fn balance_of(&self, owner: AccountId) -> u32;

    /// The owner of token `id`, if it exists.
    #[ink(message)]
    fn owner_of(&self, id: Id) -> Option<AccountId>;

    /// Whether `operator` may move token `id` (`Some`) or all tokens (`None`) of `owner`.
    #[ink(message)]
    fn allowance(&self, owner: AccountId, operator: AccountId, id: Option<Id>) -> bool;

    /// Approves or unapproves `operator` for token `id` (`Some`) or all the caller's tokens.
    #[ink(message)]
    fn approve(&mut self, operator: AccountId, id: Option<Id>, approved: bool) -> Result<(), PSP34Error>;

    /// Moves token `id` from its owner to `to`; the caller is the owner or approved.
    #[ink(message)]
    fn transfer(&mut self, to: AccountId, id: Id, data: Vec<u8>) -> Result<(), PSP34Error>;

    /// How many tokens exist.
    #[ink(message)]
    fn total_supply(&self) -> u128;
}

/// PSP34 metadata: attributes of tokens and of the collection.
#[ink::trait_definition]
pub trait PSP34Metadata {
    /// The attribute `key` of token `id` (or of the collection, for `collection_id()`).
    #[ink(message)]
    fn get_attribute(&self, id: Id, key: Vec<u8>) -> Option<Vec<u8>>;
}

/// PSP34 enumeration of all tokens and of each owner's tokens.
#[ink::trait_definition]
pub trait PSP34Enumerable {
    /// The `index`-th token of `owner` (`index < balance_of(owner)`).
    #[ink(message)]
    fn owners_token_by_index(&self, owner: AccountId, index: u128) -> Option<Id>;

    /// The `index`-th token of the collection (`index < total_supply()`).
    #[ink(message)]
    fn token_by_index(&self, index: u128) -> Option<Id>;
}

/// Minting extension.
#[ink::trait_definition]
pub trait PSP34Mintable {
    /// Mints token `id` to `account`.
    #[ink(message)]
    fn mint(&mut self, account: AccountId, id: Id) -> Result<(), PSP34Error>;
}

/// Burning extension.
#[ink::trait_definition]
pub trait PSP34Burnable {
    /// Burns token `id` of `account`.
    #[ink(message)]
    fn burn(&mut self, account: AccountId, id: Id) -> Result<(), PSP34Error>;
}
