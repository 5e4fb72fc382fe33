//! The NFT's events: PSP34's `Transfer`, `Approval` and `AttributeSet`, its own (`Locked`,
//! `RoyaltySet`), the role, pause, compliance and upgrade events of `sovra-kit`, and [`NftEvent`],
//! the list of them the rules in `data.rs` return for the shell to emit.

use ink::prelude::vec::Vec;
use ink::primitives::AccountId;
use sovra_interfaces::psp34::Id;

use crate::data::Royalty;
pub use sovra_kit::access::{RoleEvent, RoleGranted, RoleRevoked};
pub use sovra_kit::compliance::ComplianceChanged;
pub use sovra_kit::pause::PausedChanged;
pub use sovra_kit::upgrade::{CodeUpgraded, Migrated};

/// Emitted when a token is minted (`from: None`), transferred or burned (`to: None`).
#[ink::event]
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Transfer {
    #[ink(topic)]
    pub from: Option<AccountId>,
    #[ink(topic)]
    pub to: Option<AccountId>,
    #[ink(topic)]
    pub id: Id,
}

/// Emitted when `operator` is approved (or unapproved) for one token (`id: Some`) or for all of
/// `owner`'s tokens (`id: None`).
#[ink::event]
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Approval {
    #[ink(topic)]
    pub owner: AccountId,
    #[ink(topic)]
    pub operator: AccountId,
    #[ink(topic)]
    pub id: Option<Id>,
    pub approved: bool,
}

/// Emitted when an attribute of a token (or of the collection: `id` = `collection_id()`) is set;
/// empty `data` means removed.
#[ink::event]
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AttributeSet {
    pub id: Id,
    pub key: Vec<u8>,
    pub data: Vec<u8>,
}

/// Emitted (ERC-5192) when a token of a soulbound collection is minted: it is locked for ever.
#[ink::event]
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Locked {
    /// The token.
    #[ink(topic)]
    pub id: Id,
}

/// Emitted when the collection's default royalty (`id: None`) or a token's royalty is set or
/// removed.
#[ink::event]
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RoyaltySet {
    /// The token, or `None` for the collection's default.
    #[ink(topic)]
    pub id: Option<Id>,
    /// The new royalty (`None`: removed; a token then falls back to the default).
    pub royalty: Option<Royalty>,
    /// Who set it.
    #[ink(topic)]
    pub by: AccountId,
}

sovra_kit::event_list! {
    /// An event the shell must emit.
    #[derive(Debug, Clone, PartialEq, Eq)]
    pub enum NftEvent {
        Transfer(Transfer),
        Approval(Approval),
        AttributeSet(AttributeSet),
        Locked(Locked),
        RoyaltySet(RoyaltySet),
        PausedChanged(PausedChanged),
        ComplianceChanged(ComplianceChanged),
        RoleGranted(RoleGranted),
        RoleRevoked(RoleRevoked),
        CodeUpgraded(CodeUpgraded),
        Migrated(Migrated),
    }
}

impl From<RoleEvent> for NftEvent {
    fn from(event: RoleEvent) -> Self {
        match event {
            RoleEvent::Granted(e) => NftEvent::RoleGranted(e),
            RoleEvent::Revoked(e) => NftEvent::RoleRevoked(e),
        }
    }
}
