//! The vault's events, with the asset id and the accounts as topics, the role and upgrade events
//! of `sovra-kit`, and [`VaultEvent`], the list the rules in `data.rs` return for the shell.

use ink::prelude::vec::Vec;
use ink::primitives::AccountId;
use sovra_interfaces::psp34::Id;

use crate::data::AssetId;
pub use sovra_kit::access::{RoleEvent, RoleGranted, RoleRevoked};
pub use sovra_kit::upgrade::{CodeUpgraded, Migrated};

/// An NFT was deposited and `shares` (a new Sovra token) minted to the depositor. (Topics:
/// the asset, the share token, the depositor — pallet-contracts allows four with the
/// signature; the collection is in the data.)
#[ink::event]
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Fractionalized {
    #[ink(topic)]
    pub asset: AssetId,
    pub nft: AccountId,
    pub id: Id,
    #[ink(topic)]
    pub shares: AccountId,
    #[ink(topic)]
    pub depositor: AccountId,
    pub supply: u128,
    pub reserve_price: u128,
}

/// The holder of every share burned them and took the NFT back.
#[ink::event]
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Redeemed {
    #[ink(topic)]
    pub asset: AssetId,
    #[ink(topic)]
    pub by: AccountId,
    pub supply: u128,
}

/// A buyout auction opened with `bid` (≥ the reserve price) until block `ends_at`.
#[ink::event]
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BuyoutStarted {
    #[ink(topic)]
    pub asset: AssetId,
    #[ink(topic)]
    pub bidder: AccountId,
    pub bid: u128,
    pub ends_at: u32,
}

/// A higher bid; the outbid bidder's amount became withdrawable.
#[ink::event]
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Bid {
    #[ink(topic)]
    pub asset: AssetId,
    #[ink(topic)]
    pub bidder: AccountId,
    pub bid: u128,
    #[ink(topic)]
    pub outbid: AccountId,
    pub ends_at: u32,
}

/// The auction closed: `buyer` bought the asset for `price`, now claimable by the holders.
#[ink::event]
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BuyoutEnded {
    #[ink(topic)]
    pub asset: AssetId,
    #[ink(topic)]
    pub buyer: AccountId,
    pub price: u128,
    /// Whether the NFT reached the buyer (else `deliver` retries).
    pub delivered: bool,
}

/// The sold NFT reached its buyer (on a later try).
#[ink::event]
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Delivered {
    #[ink(topic)]
    pub asset: AssetId,
    #[ink(topic)]
    pub buyer: AccountId,
}

/// A holder burned `shares` for `paid` of the sale price.
#[ink::event]
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Claimed {
    #[ink(topic)]
    pub asset: AssetId,
    #[ink(topic)]
    pub holder: AccountId,
    pub shares: u128,
    pub paid: u128,
    /// Whether the payment was sent (else it is withdrawable).
    pub sent: bool,
}

/// An account took out what it was due (outbid bids, failed payments).
#[ink::event]
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Withdrawn {
    #[ink(topic)]
    pub account: AccountId,
    pub amount: u128,
}

/// A holder proposed a new reserve price; holders vote with their share votes at `snapshot`.
#[ink::event]
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ReservePriceProposed {
    #[ink(topic)]
    pub asset: AssetId,
    #[ink(topic)]
    pub proposer: AccountId,
    pub price: u128,
    pub snapshot: u32,
    pub deadline: u32,
}

/// A holder voted for the open reserve-price proposal with `weight`.
#[ink::event]
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ReservePriceVoted {
    #[ink(topic)]
    pub asset: AssetId,
    #[ink(topic)]
    pub voter: AccountId,
    pub weight: u128,
    pub total: u128,
}

/// Holders of more than half the shares agreed: the reserve price is now `price`.
#[ink::event]
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ReservePriceChanged {
    #[ink(topic)]
    pub asset: AssetId,
    pub previous: u128,
    pub price: u128,
}

/// The admin changed the share token code or the auction settings.
#[ink::event]
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SettingsChanged {
    pub share_code: [u8; 32],
    pub auction_blocks: u32,
    pub vote_blocks: u32,
    #[ink(topic)]
    pub by: AccountId,
}

sovra_kit::event_list! {
    /// An event the shell must emit.
    #[derive(Debug, Clone, PartialEq, Eq)]
    pub enum VaultEvent {
        Fractionalized(Fractionalized),
        Redeemed(Redeemed),
        BuyoutStarted(BuyoutStarted),
        Bid(Bid),
        BuyoutEnded(BuyoutEnded),
        Delivered(Delivered),
        Claimed(Claimed),
        Withdrawn(Withdrawn),
        ReservePriceProposed(ReservePriceProposed),
        ReservePriceVoted(ReservePriceVoted),
        ReservePriceChanged(ReservePriceChanged),
        SettingsChanged(SettingsChanged),
        RoleGranted(RoleGranted),
        RoleRevoked(RoleRevoked),
        CodeUpgraded(CodeUpgraded),
        Migrated(Migrated),
    }
}

impl From<RoleEvent> for VaultEvent {
    fn from(event: RoleEvent) -> Self {
        match event {
            RoleEvent::Granted(e) => VaultEvent::RoleGranted(e),
            RoleEvent::Revoked(e) => VaultEvent::RoleRevoked(e),
        }
    }
}

/// What a rule returns for the shell to emit.
pub type Events = Vec<VaultEvent>;
