//! The vault's rules, in plain Rust: assets (an NFT held, its share token), redemption by the
//! holder of every share, the buyout auction (reserve price, outbids refunded by pull, the
//! winner receives the NFT, holders claim the price pro rata by burning shares) and the
//! share-weighted reserve-price vote. The other contracts are reached through [`World`], which
//! the `#[ink::contract]` shell implements with cross-contract calls and the unit tests with
//! an in-memory model; every rule returns the events the shell emits.

use ink::prelude::{string::String, vec};
use ink::primitives::AccountId;
use ink::storage::Mapping;
use sovra_interfaces::compliance::ComplianceGate;
use sovra_interfaces::psp34::Id;
use sovra_kit::access::{RoleId, Roles, DEFAULT_ADMIN_ROLE};
pub use sovra_kit::context::Ctx;
use sovra_kit::upgrade::{self, StorageVersion};
pub use sovra_kit::upgrade::UpgradeError;

use crate::errors::VaultError;
use crate::events::*;

#[cfg(test)]
#[path = "tests.rs"]
mod tests;

/// The storage-layout version this code reads and writes.
pub const STORAGE_VERSION: u32 = 1;
/// An asset's id: its index in the vault (0, 1, 2, …).
pub type AssetId = u32;
/// A bid must beat the current one by at least this many basis points (5%), so an auction
/// cannot be extended for ever by raises of one unit.
pub const MIN_RAISE_BPS: u128 = 500;
/// A bid in the last `SNIPE_BLOCKS` blocks moves the end to `SNIPE_BLOCKS` blocks after it.
pub const SNIPE_BLOCKS: u32 = 10;
/// Longest auction window and reserve-price vote: 7 days of 6-second blocks.
pub const MAX_WINDOW_BLOCKS: u32 = 100_800;
/// Longest share token name or symbol (bytes).
pub const MAX_NAME_LEN: usize = 64;
/// The vault's roles: the admin (settings, upgrades, roles).
pub const ROLES: &[RoleId] = &[DEFAULT_ADMIN_ROLE];
/// The decimals of every share token: shares are whole units.
pub const SHARE_DECIMALS: u8 = 0;

/// Where an asset is in its life.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[ink::scale_derive(Encode, Decode, TypeInfo)]
#[cfg_attr(feature = "std", derive(ink::storage::traits::StorageLayout))]
pub enum AssetState {
    /// In the vault, its shares in circulation; redeemable, auctionable.
    Held,
    /// A buyout auction runs: no redemption, no reserve-price change.
    Auction,
    /// Sold: the buyer has (or will be handed) the NFT; holders claim the price.
    Sold,
    /// The holder of every share took the NFT back.
    Redeemed,
}

/// An NFT in the vault and its shares.
#[derive(Debug, Clone, PartialEq, Eq)]
#[ink::scale_derive(Encode, Decode, TypeInfo)]
#[cfg_attr(feature = "std", derive(ink::storage::traits::StorageLayout))]
pub struct Asset {
    /// The PSP34 collection.
    pub nft: AccountId,
    /// The token's id in it.
    pub id: Id,
    /// The share token (a Sovra token created for this asset).
    pub shares: AccountId,
    /// Shares minted (the supply can only shrink: holders may burn theirs).
    pub supply: u128,
    /// Who deposited the NFT.
    pub depositor: AccountId,
    /// The lowest price a buyout may start at (native currency).
    pub reserve_price: u128,
    pub state: AssetState,
    /// The collection's compliance gate when the NFT was deposited, also the shares' gate.
    pub gate: Option<ComplianceGate>,
    pub created_block: u32,
}

/// A running buyout auction.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[ink::scale_derive(Encode, Decode, TypeInfo)]
#[cfg_attr(feature = "std", derive(ink::storage::traits::StorageLayout))]
pub struct Auction {
    pub bidder: AccountId,
    /// The highest bid, held by the vault.
    pub bid: u128,
    /// The last block in which a bid counts.
    pub ends_at: u32,
}

/// A finished buyout.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[ink::scale_derive(Encode, Decode, TypeInfo)]
#[cfg_attr(feature = "std", derive(ink::storage::traits::StorageLayout))]
pub struct Sale {
    pub buyer: AccountId,
    pub price: u128,
    /// The part of the price no holder has claimed yet.
    pub unclaimed: u128,
    /// Whether the NFT reached the buyer.
    pub delivered: bool,
}

/// An open reserve-price proposal of an asset's holders.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[ink::scale_derive(Encode, Decode, TypeInfo)]
#[cfg_attr(feature = "std", derive(ink::storage::traits::StorageLayout))]
pub struct ReserveProposal {
    pub price: u128,
    /// Votes are the share token's votes at the end of this block (before the proposal).
    pub snapshot: u32,
    /// The last block to vote in.
    pub deadline: u32,
    /// Share votes for it so far.
    pub votes: u128,
    /// Which proposal of the asset this is (1, 2, …): receipts are per round.
    pub round: u32,
}

/// The vault's settings (the admin's).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[ink::scale_derive(Encode, Decode, TypeInfo)]
#[cfg_attr(feature = "std", derive(ink::storage::traits::StorageLayout))]
pub struct Settings {
    /// The code every share token is instantiated from (the Sovra token's).
    pub share_code: [u8; 32],
    /// How many blocks a buyout auction runs from its start.
    pub auction_blocks: u32,
    /// How many blocks a reserve-price proposal stays open.
    pub vote_blocks: u32,
}

/// The share token's constructor arguments (the Sovra token's `new`).
#[derive(Debug, Clone, PartialEq, Eq)]
#[ink::scale_derive(Encode)]
pub struct ShareArgs {
    pub chain_id: [u8; 32],
    pub name: Option<String>,
    pub symbol: Option<String>,
    pub decimals: u8,
    pub initial_supply: u128,
    pub cap: Option<u128>,
    pub compliance: Option<ComplianceGate>,
}

/// What the vault asks of the chain and the other contracts.
pub trait World {
    /// The vault's own account.
    fn vault(&self) -> AccountId;
    /// PSP34 `owner_of`.
    fn nft_owner(&self, nft: AccountId, id: &Id) -> Option<AccountId>;
    /// PSP34 `transfer` by the vault (as owner or approved operator); whether it succeeded.
    fn nft_transfer(&mut self, nft: AccountId, to: AccountId, id: &Id) -> bool;
    /// The collection's compliance gate (Sovra's NFT `compliance`), `None` for any other PSP34.
    fn nft_gate(&self, nft: AccountId) -> Option<ComplianceGate>;
    /// Whether `who` holds a valid credential of `gate`'s schema.
    fn passes(&self, gate: &ComplianceGate, who: AccountId) -> bool;
    /// Instantiates a share token from `code` with `args` and `salt`; its account.
    fn create_shares(&mut self, code: &[u8; 32], args: &ShareArgs, salt: &[u8]) -> Option<AccountId>;
    /// The share token mints `amount` to `to` (the vault is its minter).
    fn mint_shares(&mut self, token: AccountId, to: AccountId, amount: u128) -> bool;
    /// The vault hands every role it holds on the share token (admin, minter, pauser) to the
    /// share token itself — a contract that never calls itself: no share is ever minted again,
    /// and no account can pause the token, change its gate, grant a role or upgrade its code.
    fn seal_shares(&mut self, token: AccountId) -> bool;
    fn share_balance(&self, token: AccountId, who: AccountId) -> u128;
    fn share_supply(&self, token: AccountId) -> u128;
    /// `transfer_from(from, vault, amount)` (`from` approved the vault).
    fn take_shares(&mut self, token: AccountId, from: AccountId, amount: u128) -> bool;
    /// The vault burns `amount` of its own shares.
    fn burn_shares(&mut self, token: AccountId, amount: u128) -> bool;
    /// The share token's votes of `who` at the end of past block `block`.
    fn past_votes(&self, token: AccountId, who: AccountId, block: u32) -> Option<u128>;
    /// The share token's supply at the end of past block `block`.
    fn past_supply(&self, token: AccountId, block: u32) -> Option<u128>;
    /// The share token's current votes of `who`.
    fn votes(&self, token: AccountId, who: AccountId) -> u128;
    /// Sends `amount` of the native currency from the vault to `to`; whether it arrived.
    fn pay(&mut self, to: AccountId, amount: u128) -> bool;
}

/// `a × b / c`, rounded down, exact for every `u128` input (a 256-bit product): `None` if `c`
/// is 0 or the quotient does not fit in `u128`.
pub fn mul_div(a: u128, b: u128, c: u128) -> Option<u128> {
    if c == 0 {
        return None;
    }
    // 256-bit product (hi, lo) from 64-bit limbs
    let mask = u128::from(u64::MAX);
    let (a1, a0, b1, b0) = (a >> 64, a & mask, b >> 64, b & mask);
    let (p00, p01, p10, p11) = (a0.wrapping_mul(b0), a0.wrapping_mul(b1), a1.wrapping_mul(b0), a1.wrapping_mul(b1));
    let middle = (p00 >> 64).wrapping_add(p01 & mask).wrapping_add(p10 & mask);
    let lo = (p00 & mask) | (middle << 64);
    let hi = p11.wrapping_add(p01 >> 64).wrapping_add(p10 >> 64).wrapping_add(middle >> 64);
    if hi >= c {
        return None;
    }
    // long division of (hi, lo) by c, one bit at a time; the remainder stays below c
    let (mut rem, mut quotient) = (hi, 0u128);
    for i in (0..128).rev() {
        let carry = rem >> 127;
        rem = (rem << 1) | ((lo >> i) & 1);
        quotient <<= 1;
        if carry == 1 || rem >= c {
            rem = rem.wrapping_sub(c);
            quotient |= 1;
        }
    }
    Some(quotient)
}

/// What a holder of `shares` of `supply` shares in circulation is paid of `unclaimed`: its
/// pro-rata part, rounded down; the holder of every remaining share gets all of it, so the
/// claims of all holders add up to the price exactly. The supply is the one at the claim, so
/// shares burned outside the vault (forfeited) leave their part to the others and no price
/// goes stale.
pub fn payout(unclaimed: u128, shares: u128, supply: u128) -> Option<u128> {
    if shares == 0 || shares > supply {
        return None;
    }
    if shares == supply {
        return Some(unclaimed);
    }
    mul_div(unclaimed, shares, supply)
}

/// `MIN_RAISE_BPS` divides 10,000: a raise is the bid divided by this, rounded up.
const RAISE_DIVISOR: u128 = 10_000 / MIN_RAISE_BPS;
const _: () = assert!(10_000 % MIN_RAISE_BPS == 0, "MIN_RAISE_BPS must divide 10,000");

/// The lowest bid that beats `bid`: `MIN_RAISE_BPS` more, rounded up (never less than the full
/// percentage), and at least one unit. `None` on overflow.
pub fn min_raise(bid: u128) -> Option<u128> {
    // rounded up as ⌊(bid + d − 1) / d⌋, divided by `mul_div`'s long division: `/` on u128
    // would link the compiler's division routine into the Wasm
    let raise = mul_div(bid.checked_add(RAISE_DIVISOR - 1)?, 1, RAISE_DIVISOR)?;
    bid.checked_add(raise.max(1))
}

/// (asset, proposal round, voter).
type VoteKey = (AssetId, u32, AccountId);

/// The vault's storage. A rule that fails writes nothing (every check comes before the first
/// write), so its answer holds off chain as on chain, where the failed message reverts anyway.
#[ink::storage_item]
#[derive(Debug, Default)]
pub struct VaultData {
    pub roles: Roles,
    chain_id: [u8; 32],
    settings: Option<Settings>,
    assets: Mapping<AssetId, Asset>,
    count: u32,
    auctions: Mapping<AssetId, Auction>,
    sales: Mapping<AssetId, Sale>,
    /// Native amounts each account may withdraw (outbid bids, payments that failed).
    due: Mapping<AccountId, u128>,
    proposals: Mapping<AssetId, ReserveProposal>,
    /// (asset, round, voter) present: voted on that round's proposal.
    voted: Mapping<VoteKey, ()>,
    version: StorageVersion,
}

fn check_settings(settings: &Settings) -> Result<(), VaultError> {
    let window = |blocks: u32| (1..=MAX_WINDOW_BLOCKS).contains(&blocks);
    if window(settings.auction_blocks) && window(settings.vote_blocks) {
        Ok(())
    } else {
        Err(VaultError::InvalidSettings)
    }
}

fn settings_changed(settings: &Settings, by: AccountId) -> VaultEvent {
    VaultEvent::SettingsChanged(SettingsChanged {
        share_code: settings.share_code,
        auction_blocks: settings.auction_blocks,
        vote_blocks: settings.vote_blocks,
        by,
    })
}

impl VaultData {
    /// A vault on network `chain_id` (every share token's chain id) whose `admin` holds the
    /// admin role. Errors: `InvalidSettings`.
    pub fn new(chain_id: [u8; 32], admin: AccountId, settings: Settings) -> Result<(VaultData, Events), VaultError> {
        check_settings(&settings)?;
        let mut data = VaultData { chain_id, settings: Some(settings), ..Default::default() };
        data.version.set(STORAGE_VERSION);
        let mut events: Events = data.roles.init(admin, ROLES);
        events.push(settings_changed(&settings, admin));
        Ok((data, events))
    }

    /// The settings.
    pub fn settings(&self) -> Settings {
        self.settings.unwrap_or(Settings { share_code: [0; 32], auction_blocks: 1, vote_blocks: 1 })
    }

    /// The admin changes the settings (running auctions and proposals keep their ends).
    /// Errors: `MissingRole`, `InvalidSettings`.
    pub fn set_settings(&mut self, ctx: &Ctx, settings: Settings) -> Result<Events, VaultError> {
        self.roles.require(DEFAULT_ADMIN_ROLE, ctx.caller)?;
        check_settings(&settings)?;
        self.settings = Some(settings);
        Ok(vec![settings_changed(&settings, ctx.caller)])
    }

    pub fn asset(&self, asset: AssetId) -> Option<Asset> {
        self.assets.get(asset)
    }

    pub fn asset_count(&self) -> u32 {
        self.count
    }

    pub fn auction(&self, asset: AssetId) -> Option<Auction> {
        self.auctions.get(asset)
    }

    pub fn sale(&self, asset: AssetId) -> Option<Sale> {
        self.sales.get(asset)
    }

    pub fn due(&self, account: AccountId) -> u128 {
        self.due.get(account).unwrap_or(0)
    }

    pub fn reserve_proposal(&self, asset: AssetId) -> Option<ReserveProposal> {
        self.proposals.get(asset)
    }

    fn held(&self, asset: AssetId, state: AssetState) -> Result<Asset, VaultError> {
        let found = self.assets.get(asset).ok_or(VaultError::UnknownAsset)?;
        if found.state == state {
            Ok(found)
        } else {
            Err(VaultError::WrongState)
        }
    }

    fn credit(&mut self, account: AccountId, amount: u128) -> Result<(), VaultError> {
        let total = self.due(account).checked_add(amount).ok_or(VaultError::Overflow)?;
        self.due.insert(account, &total);
        Ok(())
    }

    /// The caller deposits `nft`'s token `id` (the vault approved for it) and receives `shares`
    /// of a new Sovra token (instantiated from the share code, gated like the collection,
    /// sealed once the shares exist: see [`World::seal_shares`]). Errors: `ZeroShares`, `InvalidSettings`
    /// (a name or symbol over `MAX_NAME_LEN` bytes), `NotOwner`, `NotReceived`,
    /// `SharesNotCreated`, `MintFailed`, `Overflow`.
    #[allow(clippy::too_many_arguments)]
    pub fn fractionalize(
        &mut self,
        ctx: &Ctx,
        world: &mut impl World,
        nft: AccountId,
        id: Id,
        shares: u128,
        name: String,
        symbol: String,
        reserve_price: u128,
    ) -> Result<(AssetId, Events), VaultError> {
        if shares == 0 {
            return Err(VaultError::ZeroShares);
        }
        if name.len() > MAX_NAME_LEN || symbol.len() > MAX_NAME_LEN {
            return Err(VaultError::InvalidSettings);
        }
        if world.nft_owner(nft, &id) != Some(ctx.caller) {
            return Err(VaultError::NotOwner);
        }
        let vault = world.vault();
        // the NFT must really be here, whatever the collection's transfer answered
        if !world.nft_transfer(nft, vault, &id) || world.nft_owner(nft, &id) != Some(vault) {
            return Err(VaultError::NotReceived);
        }
        let gate = world.nft_gate(nft);
        let asset = self.count;
        let args = ShareArgs {
            chain_id: self.chain_id,
            name: Some(name),
            symbol: Some(symbol),
            decimals: SHARE_DECIMALS,
            initial_supply: 0,
            cap: Some(shares),
            compliance: gate,
        };
        let token = world.create_shares(&self.settings().share_code, &args, &asset.to_le_bytes()).ok_or(VaultError::SharesNotCreated)?;
        if !world.mint_shares(token, ctx.caller, shares) || !world.seal_shares(token) {
            return Err(VaultError::MintFailed);
        }
        self.count = asset.checked_add(1).ok_or(VaultError::Overflow)?;
        let record = Asset {
            nft,
            id: id.clone(),
            shares: token,
            supply: shares,
            depositor: ctx.caller,
            reserve_price,
            state: AssetState::Held,
            gate,
            created_block: ctx.block,
        };
        self.assets.insert(asset, &record);
        let event = Fractionalized { asset, nft, id, shares: token, depositor: ctx.caller, supply: shares, reserve_price };
        Ok((asset, vec![VaultEvent::Fractionalized(event)]))
    }

    /// The holder of every share in circulation (approving the vault for them) burns them and
    /// takes the NFT. Not during an auction or after a sale. Errors: `UnknownAsset`,
    /// `WrongState`, `NotAllShares`, `SharesNotTaken`, `DeliveryFailed`.
    pub fn redeem(&mut self, ctx: &Ctx, world: &mut impl World, asset: AssetId) -> Result<Events, VaultError> {
        let mut record = self.held(asset, AssetState::Held)?;
        let supply = world.share_supply(record.shares);
        if supply == 0 || world.share_balance(record.shares, ctx.caller) < supply {
            return Err(VaultError::NotAllShares);
        }
        if !world.take_shares(record.shares, ctx.caller, supply) || !world.burn_shares(record.shares, supply) {
            return Err(VaultError::SharesNotTaken);
        }
        if !world.nft_transfer(record.nft, ctx.caller, &record.id) {
            return Err(VaultError::DeliveryFailed);
        }
        record.state = AssetState::Redeemed;
        self.assets.insert(asset, &record);
        self.proposals.remove(asset);
        Ok(vec![VaultEvent::Redeemed(Redeemed { asset, by: ctx.caller, supply })])
    }

    fn check_gate(world: &impl World, record: &Asset, who: AccountId) -> Result<(), VaultError> {
        match &record.gate {
            Some(gate) if !world.passes(gate, who) => Err(VaultError::ComplianceFailed),
            _ => Ok(()),
        }
    }

    /// Anyone (who may receive the NFT) opens a buyout auction by sending `value` ≥ the reserve
    /// price (and > 0). Errors: `UnknownAsset`, `WrongState`, `BelowReserve`,
    /// `ComplianceFailed`, `Overflow`.
    pub fn start_buyout(&mut self, ctx: &Ctx, world: &impl World, asset: AssetId, value: u128) -> Result<Events, VaultError> {
        let mut record = self.held(asset, AssetState::Held)?;
        if value == 0 || value < record.reserve_price {
            return Err(VaultError::BelowReserve);
        }
        Self::check_gate(world, &record, ctx.caller)?;
        let ends_at = ctx.block.checked_add(self.settings().auction_blocks).ok_or(VaultError::Overflow)?;
        self.auctions.insert(asset, &Auction { bidder: ctx.caller, bid: value, ends_at });
        record.state = AssetState::Auction;
        self.assets.insert(asset, &record);
        // a reserve-price vote cannot change a running auction's floor
        self.proposals.remove(asset);
        Ok(vec![VaultEvent::BuyoutStarted(BuyoutStarted { asset, bidder: ctx.caller, bid: value, ends_at })])
    }

    /// Anyone (who may receive the NFT) outbids by sending `value` ≥ the bid + `MIN_RAISE_BPS`
    /// before the window closes; the outbid amount becomes withdrawable by its bidder. A bid in
    /// the last `SNIPE_BLOCKS` blocks extends the window. Errors: `UnknownAsset`, `WrongState`,
    /// `AuctionClosed`, `BidTooLow`, `ComplianceFailed`, `Overflow`.
    pub fn bid(&mut self, ctx: &Ctx, world: &impl World, asset: AssetId, value: u128) -> Result<Events, VaultError> {
        let record = self.held(asset, AssetState::Auction)?;
        let mut auction = self.auctions.get(asset).ok_or(VaultError::WrongState)?;
        if ctx.block > auction.ends_at {
            return Err(VaultError::AuctionClosed);
        }
        if value < min_raise(auction.bid).ok_or(VaultError::Overflow)? {
            return Err(VaultError::BidTooLow);
        }
        Self::check_gate(world, &record, ctx.caller)?;
        let outbid = auction.bidder;
        self.credit(outbid, auction.bid)?;
        let late = ctx.block.checked_add(SNIPE_BLOCKS).ok_or(VaultError::Overflow)?;
        auction = Auction { bidder: ctx.caller, bid: value, ends_at: auction.ends_at.max(late) };
        self.auctions.insert(asset, &auction);
        Ok(vec![VaultEvent::Bid(Bid { asset, bidder: ctx.caller, bid: value, outbid, ends_at: auction.ends_at })])
    }

    /// Anyone closes an auction whose window has passed: the highest bidder buys the asset for
    /// its bid and the NFT is handed to it (if that fails — the buyer lost its credential, say
    /// — `deliver` retries; the holders' claims do not wait). Errors: `UnknownAsset`,
    /// `WrongState`, `AuctionOpen`.
    pub fn end_buyout(&mut self, ctx: &Ctx, world: &mut impl World, asset: AssetId) -> Result<Events, VaultError> {
        let mut record = self.held(asset, AssetState::Auction)?;
        let auction = self.auctions.get(asset).ok_or(VaultError::WrongState)?;
        if ctx.block <= auction.ends_at {
            return Err(VaultError::AuctionOpen);
        }
        let delivered = world.nft_transfer(record.nft, auction.bidder, &record.id);
        self.sales.insert(asset, &Sale { buyer: auction.bidder, price: auction.bid, unclaimed: auction.bid, delivered });
        self.auctions.remove(asset);
        record.state = AssetState::Sold;
        self.assets.insert(asset, &record);
        Ok(vec![VaultEvent::BuyoutEnded(BuyoutEnded { asset, buyer: auction.bidder, price: auction.bid, delivered })])
    }

    /// Anyone retries handing a sold NFT to its buyer. Errors: `UnknownAsset`, `WrongState`
    /// (not sold, or delivered), `DeliveryFailed`.
    pub fn deliver(&mut self, world: &mut impl World, asset: AssetId) -> Result<Events, VaultError> {
        let record = self.held(asset, AssetState::Sold)?;
        let mut sale = self.sales.get(asset).ok_or(VaultError::WrongState)?;
        if sale.delivered {
            return Err(VaultError::WrongState);
        }
        if !world.nft_transfer(record.nft, sale.buyer, &record.id) {
            return Err(VaultError::DeliveryFailed);
        }
        sale.delivered = true;
        self.sales.insert(asset, &sale);
        Ok(vec![VaultEvent::Delivered(Delivered { asset, buyer: sale.buyer })])
    }

    /// A holder of a sold asset's shares (approving the vault for them) burns `shares` of
    /// them for its part of the price (see [`payout`]); if sending it fails it becomes
    /// withdrawable. Errors: `UnknownAsset`, `WrongState`, `NothingDue` (0 shares, or more than
    /// exist), `SharesNotTaken`, `Overflow`.
    pub fn claim(&mut self, ctx: &Ctx, world: &mut impl World, asset: AssetId, shares: u128) -> Result<Events, VaultError> {
        let record = self.held(asset, AssetState::Sold)?;
        let mut sale = self.sales.get(asset).ok_or(VaultError::WrongState)?;
        let supply = world.share_supply(record.shares);
        let paid = payout(sale.unclaimed, shares, supply).ok_or(VaultError::NothingDue)?;
        if !world.take_shares(record.shares, ctx.caller, shares) || !world.burn_shares(record.shares, shares) {
            return Err(VaultError::SharesNotTaken);
        }
        sale.unclaimed = sale.unclaimed.checked_sub(paid).ok_or(VaultError::Overflow)?;
        self.sales.insert(asset, &sale);
        let sent = paid == 0 || world.pay(ctx.caller, paid);
        if !sent {
            self.credit(ctx.caller, paid)?;
        }
        Ok(vec![VaultEvent::Claimed(Claimed { asset, holder: ctx.caller, shares, paid, sent })])
    }

    /// The caller takes out everything it is due (outbid bids, claims whose payment failed).
    /// A receiver that refuses funds blocks only itself. Errors: `NothingDue`, `PaymentFailed`.
    pub fn withdraw(&mut self, ctx: &Ctx, world: &mut impl World) -> Result<Events, VaultError> {
        let amount = self.due(ctx.caller);
        if amount == 0 {
            return Err(VaultError::NothingDue);
        }
        self.due.remove(ctx.caller);
        if !world.pay(ctx.caller, amount) {
            self.due.insert(ctx.caller, &amount);
            return Err(VaultError::PaymentFailed);
        }
        Ok(vec![VaultEvent::Withdrawn(Withdrawn { account: ctx.caller, amount })])
    }

    /// A holder proposes `price` as the asset's reserve price and votes for it with its share
    /// votes at the end of the previous block; the price changes once the votes for it exceed
    /// half the shares at that block. Not during an auction; one open proposal at a time.
    /// Errors: `UnknownAsset`, `WrongState`, `ProposalState`, `NoVotes`, `Overflow`.
    pub fn propose_reserve_price(&mut self, ctx: &Ctx, world: &impl World, asset: AssetId, price: u128) -> Result<Events, VaultError> {
        let record = self.held(asset, AssetState::Held)?;
        let previous = self.proposals.get(asset);
        if previous.is_some_and(|p| ctx.block <= p.deadline) {
            return Err(VaultError::ProposalState);
        }
        let snapshot = ctx.block.checked_sub(1).ok_or(VaultError::ProposalState)?;
        let weight = Self::share_votes(world, &record, ctx.caller, snapshot)?;
        let deadline = ctx.block.checked_add(self.settings().vote_blocks).ok_or(VaultError::Overflow)?;
        let round = previous.map_or(Ok(1), |p| p.round.checked_add(1).ok_or(VaultError::Overflow))?;
        let proposal = ReserveProposal { price, snapshot, deadline, votes: 0, round };
        let mut events = vec![VaultEvent::ReservePriceProposed(ReservePriceProposed { asset, proposer: ctx.caller, price, snapshot, deadline })];
        events.extend(self.count_vote(ctx, world, asset, record, proposal, weight)?);
        Ok(events)
    }

    /// A holder votes for the open reserve-price proposal with its share votes at the
    /// proposal's snapshot (shares bought later count nothing), once per proposal. Errors:
    /// `UnknownAsset`, `WrongState`, `ProposalState` (none open), `AlreadyVoted`, `NoVotes`,
    /// `Overflow`.
    pub fn vote_reserve_price(&mut self, ctx: &Ctx, world: &impl World, asset: AssetId) -> Result<Events, VaultError> {
        let record = self.held(asset, AssetState::Held)?;
        let proposal = self.proposals.get(asset).filter(|p| ctx.block <= p.deadline).ok_or(VaultError::ProposalState)?;
        if self.voted.contains((asset, proposal.round, ctx.caller)) {
            return Err(VaultError::AlreadyVoted);
        }
        let weight = Self::share_votes(world, &record, ctx.caller, proposal.snapshot)?;
        self.count_vote(ctx, world, asset, record, proposal, weight)
    }

    /// `voter`'s votes in the asset's share token at the end of `snapshot`. Errors: `NoVotes`.
    fn share_votes(world: &impl World, record: &Asset, voter: AccountId, snapshot: u32) -> Result<u128, VaultError> {
        world.past_votes(record.shares, voter, snapshot).filter(|w| *w > 0).ok_or(VaultError::NoVotes)
    }

    /// Adds the caller's `weight` to `proposal` and records the receipt; the price changes when
    /// the votes exceed half the shares at the snapshot. Errors: `Overflow` (before any write).
    fn count_vote(
        &mut self,
        ctx: &Ctx,
        world: &impl World,
        asset: AssetId,
        mut record: Asset,
        mut proposal: ReserveProposal,
        weight: u128,
    ) -> Result<Events, VaultError> {
        proposal.votes = proposal.votes.checked_add(weight).ok_or(VaultError::Overflow)?;
        self.voted.insert((asset, proposal.round, ctx.caller), &());
        let mut events = vec![VaultEvent::ReservePriceVoted(ReservePriceVoted { asset, voter: ctx.caller, weight, total: proposal.votes })];
        let supply = world.past_supply(record.shares, proposal.snapshot).unwrap_or(u128::MAX);
        if proposal.votes > supply / 2 {
            let previous = record.reserve_price;
            record.reserve_price = proposal.price;
            self.assets.insert(asset, &record);
            self.proposals.remove(asset);
            events.push(VaultEvent::ReservePriceChanged(ReservePriceChanged { asset, previous, price: proposal.price }));
        } else {
            self.proposals.insert(asset, &proposal);
        }
        Ok(events)
    }

    /// The stored layout's version.
    pub fn storage_version(&self) -> u32 {
        self.version.get()
    }

    /// The admin replaces the running code. Errors: `MissingRole`, `CodeNotFound`.
    pub fn set_code(&self, ctx: &Ctx, code_hash: ink::primitives::Hash) -> Result<Events, UpgradeError> {
        Ok(vec![VaultEvent::CodeUpgraded(upgrade::set_code(&self.roles, ctx.caller, code_hash)?)])
    }

    /// The admin migrates the stored layout to [`STORAGE_VERSION`] (the first layout: nothing
    /// to step from). Errors: `MissingRole`, `MigrationFailed`.
    pub fn migrate(&mut self, ctx: &Ctx) -> Result<Events, UpgradeError> {
        let migrated = upgrade::migrate(&self.roles, &mut self.version, ctx.caller, STORAGE_VERSION, upgrade::no_steps)?;
        Ok(vec![VaultEvent::Migrated(migrated)])
    }
}
