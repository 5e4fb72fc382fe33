//! Unit tests of the vault's rules against an in-memory model of the other contracts
//! ([`Model`]): fractionalization, redemption, the buyout auction, claims, withdrawals, the
//! reserve-price vote, and each attack of the Fractional v2 audit the issue names.
#![allow(clippy::arithmetic_side_effects, clippy::cast_possible_truncation)]

use super::*;
use ink::prelude::collections::{BTreeMap, BTreeSet};
use sovra_kit::testing::{acc, Rng};

const VAULT: u8 = 99;
const NFT: u8 = 50;

/// One share token: balances, allowances, minting, and past votes the test sets.
#[derive(Default, Clone)]
struct Token {
    balances: BTreeMap<AccountId, u128>,
    allowances: BTreeMap<(AccountId, AccountId), u128>,
    supply: u128,
    cap: Option<u128>,
    minting_open: bool,
    gate: Option<ComplianceGate>,
    past_votes: BTreeMap<(AccountId, u32), u128>,
    past_supply: BTreeMap<u32, u128>,
}

/// The chain around the vault.
#[derive(Default)]
struct Model {
    owners: BTreeMap<(AccountId, Id), AccountId>,
    approvals: BTreeSet<(AccountId, Id, AccountId)>,
    gates: BTreeMap<AccountId, ComplianceGate>,
    credentialed: BTreeSet<AccountId>,
    tokens: BTreeMap<AccountId, Token>,
    created: u8,
    /// Accounts whose native payments fail (a receiver that refuses funds).
    refusing: BTreeSet<AccountId>,
    paid: BTreeMap<AccountId, u128>,
    /// What the vault holds in native currency.
    balance: u128,
    code_exists: bool,
    /// The collection answers every transfer with success and moves nothing.
    lying_collection: bool,
}

fn model() -> Model {
    Model { code_exists: true, balance: 0, ..Default::default() }
}

impl Model {
    fn token(&mut self, token: AccountId) -> &mut Token {
        self.tokens.get_mut(&token).expect("a share token")
    }
    fn approve_nft(&mut self, id: &Id, operator: AccountId) {
        self.approvals.insert((acc(NFT), id.clone(), operator));
    }
    fn mint_nft(&mut self, id: Id, to: AccountId) {
        self.owners.insert((acc(NFT), id), to);
    }
    fn approve_shares(&mut self, token: AccountId, owner: AccountId, amount: u128) {
        self.token(token).allowances.insert((owner, acc(VAULT)), amount);
    }
    fn send_shares(&mut self, token: AccountId, from: AccountId, to: AccountId, amount: u128) {
        let t = self.token(token);
        *t.balances.entry(from).or_default() -= amount;
        *t.balances.entry(to).or_default() += amount;
    }
    fn holder_burns(&mut self, token: AccountId, holder: AccountId, amount: u128) {
        let t = self.token(token);
        *t.balances.entry(holder).or_default() -= amount;
        t.supply -= amount;
    }
}

impl World for Model {
    fn vault(&self) -> AccountId {
        acc(VAULT)
    }
    fn nft_owner(&self, nft: AccountId, id: &Id) -> Option<AccountId> {
        self.owners.get(&(nft, id.clone())).copied()
    }
    fn nft_transfer(&mut self, nft: AccountId, to: AccountId, id: &Id) -> bool {
        if self.lying_collection {
            return true;
        }
        let Some(owner) = self.nft_owner(nft, id) else { return false };
        let allowed = owner == acc(VAULT) || self.approvals.contains(&(nft, id.clone(), acc(VAULT)));
        // a gated collection refuses receivers without the credential
        let admitted = self.gates.get(&nft).is_none_or(|_| self.credentialed.contains(&to));
        if !allowed || !admitted {
            return false;
        }
        self.approvals.remove(&(nft, id.clone(), acc(VAULT)));
        self.owners.insert((nft, id.clone()), to);
        true
    }
    fn nft_gate(&self, nft: AccountId) -> Option<ComplianceGate> {
        self.gates.get(&nft).copied()
    }
    fn passes(&self, _gate: &ComplianceGate, who: AccountId) -> bool {
        self.credentialed.contains(&who)
    }
    fn create_shares(&mut self, _code: &[u8; 32], args: &ShareArgs, _salt: &[u8]) -> Option<AccountId> {
        if !self.code_exists || args.initial_supply != 0 {
            return None;
        }
        self.created += 1;
        let token = acc(200 - self.created);
        let t = Token { cap: args.cap, minting_open: true, gate: args.compliance, ..Default::default() };
        self.tokens.insert(token, t);
        Some(token)
    }
    fn mint_shares(&mut self, token: AccountId, to: AccountId, amount: u128) -> bool {
        let credentialed = self.credentialed.contains(&to);
        let t = self.token(token);
        if !t.minting_open || t.cap.is_some_and(|cap| t.supply + amount > cap) || (t.gate.is_some() && !credentialed) {
            return false;
        }
        t.supply += amount;
        *t.balances.entry(to).or_default() += amount;
        true
    }
    fn seal_shares(&mut self, token: AccountId) -> bool {
        self.token(token).minting_open = false;
        true
    }
    fn share_balance(&self, token: AccountId, who: AccountId) -> u128 {
        self.tokens.get(&token).and_then(|t| t.balances.get(&who).copied()).unwrap_or(0)
    }
    fn share_supply(&self, token: AccountId) -> u128 {
        self.tokens.get(&token).map_or(0, |t| t.supply)
    }
    fn take_shares(&mut self, token: AccountId, from: AccountId, amount: u128) -> bool {
        let t = self.token(token);
        let allowance = t.allowances.get(&(from, acc(VAULT))).copied().unwrap_or(0);
        let balance = t.balances.get(&from).copied().unwrap_or(0);
        if allowance < amount || balance < amount {
            return false;
        }
        t.allowances.insert((from, acc(VAULT)), allowance - amount);
        t.balances.insert(from, balance - amount);
        *t.balances.entry(acc(VAULT)).or_default() += amount;
        true
    }
    fn burn_shares(&mut self, token: AccountId, amount: u128) -> bool {
        let t = self.token(token);
        let held = t.balances.get(&acc(VAULT)).copied().unwrap_or(0);
        if held < amount {
            return false;
        }
        t.balances.insert(acc(VAULT), held - amount);
        t.supply -= amount;
        true
    }
    fn past_votes(&self, token: AccountId, who: AccountId, block: u32) -> Option<u128> {
        self.tokens.get(&token).map(|t| t.past_votes.get(&(who, block)).copied().unwrap_or(0))
    }
    fn past_supply(&self, token: AccountId, block: u32) -> Option<u128> {
        self.tokens.get(&token).and_then(|t| t.past_supply.get(&block).copied())
    }
    fn votes(&self, token: AccountId, who: AccountId) -> u128 {
        self.share_balance(token, who)
    }
    fn pay(&mut self, to: AccountId, amount: u128) -> bool {
        if self.refusing.contains(&to) || self.balance < amount {
            return false;
        }
        self.balance -= amount;
        *self.paid.entry(to).or_default() += amount;
        true
    }
}

fn ctx(caller: u8, block: u32) -> Ctx {
    Ctx { caller: acc(caller), block, now: 0 }
}

const ALICE: u8 = 1;
const BOB: u8 = 2;
const CAROL: u8 = 3;
const DAN: u8 = 4;
const SETTINGS: Settings = Settings { share_code: [7; 32], auction_blocks: 100, vote_blocks: 50 };

fn vault() -> VaultData {
    VaultData::new([1; 32], acc(ALICE), SETTINGS).expect("vault").0
}

/// A vault holding NFT #1 of Bob's, fractionalized into `shares` shares (reserve `reserve`).
fn with_asset(shares: u128, reserve: u128) -> (VaultData, Model, AccountId) {
    let mut v = vault();
    let mut m = model();
    m.mint_nft(Id::U32(1), acc(BOB));
    m.approve_nft(&Id::U32(1), acc(VAULT));
    let (asset, _) = v.fractionalize(&ctx(BOB, 10), &mut m, acc(NFT), Id::U32(1), shares, "Painting".into(), "PNT".into(), reserve).expect("fractionalized");
    assert_eq!(asset, 0);
    let token = v.asset(0).expect("asset").shares;
    (v, m, token)
}

#[ink::test]
fn fractionalizing_gives_the_depositor_every_share_and_the_vault_the_nft() {
    let mut v = vault();
    let mut m = model();
    m.mint_nft(Id::U32(1), acc(BOB));
    m.approve_nft(&Id::U32(1), acc(VAULT));
    let (asset, events) = v.fractionalize(&ctx(BOB, 10), &mut m, acc(NFT), Id::U32(1), 1_000, "Painting".into(), "PNT".into(), 5_000).unwrap();
    let record = v.asset(asset).unwrap();
    assert_eq!(m.nft_owner(acc(NFT), &Id::U32(1)), Some(acc(VAULT)));
    assert_eq!((m.share_balance(record.shares, acc(BOB)), m.share_supply(record.shares)), (1_000, 1_000));
    // the share token's minting is closed for good: no more shares, ever
    assert!(!m.mint_shares(record.shares, acc(BOB), 1));
    assert_eq!((record.state, record.reserve_price, record.depositor, v.asset_count()), (AssetState::Held, 5_000, acc(BOB), 1));
    assert_eq!(
        events,
        vec![VaultEvent::Fractionalized(Fractionalized {
            asset: 0,
            nft: acc(NFT),
            id: Id::U32(1),
            shares: record.shares,
            depositor: acc(BOB),
            supply: 1_000,
            reserve_price: 5_000
        })]
    );
}

#[ink::test]
fn fractionalizing_refuses_what_is_not_deposited_whole() {
    let mut v = vault();
    let mut m = model();
    m.mint_nft(Id::U32(1), acc(BOB));
    let go = |v: &mut VaultData, m: &mut Model, who: u8, shares: u128| {
        v.fractionalize(&ctx(who, 10), m, acc(NFT), Id::U32(1), shares, "P".into(), "P".into(), 0).map(|(a, _)| a)
    };
    assert_eq!(go(&mut v, &mut m, BOB, 0), Err(VaultError::ZeroShares));
    assert_eq!(go(&mut v, &mut m, CAROL, 10), Err(VaultError::NotOwner));
    // not approved: the NFT does not arrive
    assert_eq!(go(&mut v, &mut m, BOB, 10), Err(VaultError::NotReceived));
    // a collection that answers success without moving the NFT gives no shares
    m.lying_collection = true;
    assert_eq!(go(&mut v, &mut m, BOB, 10), Err(VaultError::NotReceived));
    m.lying_collection = false;
    m.approve_nft(&Id::U32(1), acc(VAULT));
    m.code_exists = false;
    assert_eq!(go(&mut v, &mut m, BOB, 10), Err(VaultError::SharesNotCreated));
    let long = "x".repeat(MAX_NAME_LEN + 1);
    assert_eq!(v.fractionalize(&ctx(BOB, 10), &mut m, acc(NFT), Id::U32(1), 10, long, "P".into(), 0).map(|(a, _)| a), Err(VaultError::InvalidSettings));
    assert_eq!(v.asset_count(), 0);
}

#[ink::test]
fn a_gated_collection_gives_gated_shares_and_gated_buyers() {
    let gate = ComplianceGate { registry: acc(60), schema: [9; 32] };
    let mut v = vault();
    let mut m = model();
    m.gates.insert(acc(NFT), gate);
    m.mint_nft(Id::U32(1), acc(BOB));
    m.approve_nft(&Id::U32(1), acc(VAULT));
    // the collection admits only credentialed receivers: the vault too needs a credential
    assert_eq!(v.fractionalize(&ctx(BOB, 10), &mut m, acc(NFT), Id::U32(1), 10, "P".into(), "P".into(), 1).map(|(a, _)| a), Err(VaultError::NotReceived));
    m.credentialed.insert(acc(VAULT));
    // the depositor lacks the credential: the gated share token will not mint to it
    assert_eq!(v.fractionalize(&ctx(BOB, 10), &mut m, acc(NFT), Id::U32(1), 10, "P".into(), "P".into(), 1).map(|(a, _)| a), Err(VaultError::MintFailed));
    // (on chain the failed message reverts: the NFT is Bob's again, still approved)
    m.mint_nft(Id::U32(1), acc(BOB));
    m.approve_nft(&Id::U32(1), acc(VAULT));
    m.credentialed.insert(acc(BOB));
    v.fractionalize(&ctx(BOB, 10), &mut m, acc(NFT), Id::U32(1), 10, "P".into(), "P".into(), 1).unwrap();
    let record = v.asset(0).unwrap();
    assert_eq!((record.gate, m.tokens[&record.shares].gate), (Some(gate), Some(gate)));
    // a buyer without the credential can neither start nor outbid
    assert_eq!(v.start_buyout(&ctx(CAROL, 20), &m, 0, 100), Err(VaultError::ComplianceFailed));
    m.credentialed.insert(acc(DAN));
    v.start_buyout(&ctx(DAN, 20), &m, 0, 100).unwrap();
    assert_eq!(v.bid(&ctx(CAROL, 21), &m, 0, 200), Err(VaultError::ComplianceFailed));
}

#[ink::test]
fn only_the_holder_of_every_share_redeems() {
    let (mut v, mut m, token) = with_asset(1_000, 0);
    m.send_shares(token, acc(BOB), acc(CAROL), 1);
    m.approve_shares(token, acc(BOB), 999);
    assert_eq!(v.redeem(&ctx(BOB, 20), &mut m, 0), Err(VaultError::NotAllShares));
    m.send_shares(token, acc(CAROL), acc(BOB), 1);
    // holding all but not approving the vault
    assert_eq!(v.redeem(&ctx(BOB, 20), &mut m, 0), Err(VaultError::SharesNotTaken));
    m.approve_shares(token, acc(BOB), 1_000);
    assert_eq!(v.redeem(&ctx(BOB, 20), &mut m, 0), Ok(vec![VaultEvent::Redeemed(Redeemed { asset: 0, by: acc(BOB), supply: 1_000 })]));
    assert_eq!((m.nft_owner(acc(NFT), &Id::U32(1)), m.share_supply(token)), (Some(acc(BOB)), 0));
    assert_eq!(v.asset(0).unwrap().state, AssetState::Redeemed);
    assert_eq!(v.redeem(&ctx(BOB, 21), &mut m, 0), Err(VaultError::WrongState));
    assert_eq!(v.redeem(&ctx(BOB, 21), &mut m, 7), Err(VaultError::UnknownAsset));
}

#[ink::test]
fn a_buyout_needs_the_reserve_and_stops_redemption() {
    let (mut v, mut m, token) = with_asset(1_000, 5_000);
    assert_eq!(v.start_buyout(&ctx(CAROL, 20), &m, 0, 4_999), Err(VaultError::BelowReserve));
    assert_eq!(
        v.start_buyout(&ctx(CAROL, 20), &m, 0, 5_000),
        Ok(vec![VaultEvent::BuyoutStarted(BuyoutStarted { asset: 0, bidder: acc(CAROL), bid: 5_000, ends_at: 120 })])
    );
    m.approve_shares(token, acc(BOB), 1_000);
    assert_eq!(v.redeem(&ctx(BOB, 21), &mut m, 0), Err(VaultError::WrongState));
    assert_eq!(v.start_buyout(&ctx(DAN, 21), &m, 0, 9_000), Err(VaultError::WrongState));
    // a zero reserve still needs a real bid
    let (mut free, model_free, _) = with_asset(10, 0);
    assert_eq!(free.start_buyout(&ctx(CAROL, 20), &model_free, 0, 0), Err(VaultError::BelowReserve));
}

/// The audit's front-running: a lowball buyout started at the reserve the moment it opens.
/// Anyone — not only holders — outbids it, the front-runner gets its money back by pull, and
/// the auction cannot be dragged on by one-unit raises.
#[ink::test]
fn a_front_run_buyout_is_outbid_by_anyone_and_refunded_by_pull() {
    let (mut v, mut m, _) = with_asset(1_000, 5_000);
    v.start_buyout(&ctx(CAROL, 20), &m, 0, 5_000).unwrap();
    assert_eq!(v.bid(&ctx(DAN, 21), &m, 0, 5_001), Err(VaultError::BidTooLow));
    assert_eq!(v.bid(&ctx(DAN, 21), &m, 0, 5_249), Err(VaultError::BidTooLow));
    assert_eq!(
        v.bid(&ctx(DAN, 21), &m, 0, 5_250),
        Ok(vec![VaultEvent::Bid(Bid { asset: 0, bidder: acc(DAN), bid: 5_250, outbid: acc(CAROL), ends_at: 120 })])
    );
    assert_eq!(v.due(acc(CAROL)), 5_000);
    m.balance = 10_250;
    assert_eq!(v.withdraw(&ctx(CAROL, 22), &mut m), Ok(vec![VaultEvent::Withdrawn(Withdrawn { account: acc(CAROL), amount: 5_000 })]));
    assert_eq!((m.paid[&acc(CAROL)], v.due(acc(CAROL))), (5_000, 0));
    assert_eq!(v.withdraw(&ctx(CAROL, 22), &mut m), Err(VaultError::NothingDue));
}

/// A raise is never below the full 5%, however small the bid: rounding down would let a 30 be
/// raised to 31 (3.3%), and raises of small bids would drag an auction on for less.
#[ink::test]
fn a_raise_is_at_least_five_percent_rounded_up() {
    assert_eq!(min_raise(30), Some(32));
    assert_eq!(min_raise(19), Some(20));
    let mut rng = Rng(7);
    for _ in 0..1_000 {
        let bid = u128::from(rng.next_u64() % 10_000) + 1;
        let raise = min_raise(bid).unwrap() - bid;
        // at least 5%, and the smallest such whole raise
        assert!(raise * 20 >= bid && (raise - 1) * 20 < bid.max(20), "bid {bid}: raise {raise}");
    }
    let (mut v, m, _) = with_asset(1_000, 30);
    v.start_buyout(&ctx(CAROL, 20), &m, 0, 30).unwrap();
    assert_eq!(v.bid(&ctx(DAN, 21), &m, 0, 31), Err(VaultError::BidTooLow));
    assert!(v.bid(&ctx(DAN, 21), &m, 0, 32).is_ok());
}

#[ink::test]
fn a_late_bid_extends_the_auction_and_the_end_waits_for_it() {
    let (mut v, mut m, _) = with_asset(1_000, 100);
    v.start_buyout(&ctx(CAROL, 20), &m, 0, 100).unwrap();
    assert_eq!(v.end_buyout(&ctx(DAN, 120), &mut m, 0), Err(VaultError::AuctionOpen));
    v.bid(&ctx(DAN, 115), &m, 0, 200).unwrap();
    assert_eq!(v.auction(0).unwrap().ends_at, 125);
    assert_eq!(v.bid(&ctx(CAROL, 126), &m, 0, 1_000), Err(VaultError::AuctionClosed));
    let ended = v.end_buyout(&ctx(BOB, 126), &mut m, 0).unwrap();
    assert_eq!(ended, vec![VaultEvent::BuyoutEnded(BuyoutEnded { asset: 0, buyer: acc(DAN), price: 200, delivered: true })]);
    assert_eq!(m.nft_owner(acc(NFT), &Id::U32(1)), Some(acc(DAN)));
    assert_eq!(v.sale(0), Some(Sale { buyer: acc(DAN), price: 200, unclaimed: 200, delivered: true }));
    assert_eq!(v.auction(0), None);
}

/// The audit's "payouts that fail and lock funds": a bidder or holder that refuses payments
/// blocks neither the auction nor the other holders; its money waits for it.
#[ink::test]
fn a_receiver_that_refuses_funds_blocks_only_itself() {
    let (mut v, mut m, token) = with_asset(100, 100);
    m.refusing.insert(acc(CAROL));
    v.start_buyout(&ctx(CAROL, 20), &m, 0, 100).unwrap();
    v.bid(&ctx(DAN, 21), &m, 0, 1_000).unwrap();
    v.end_buyout(&ctx(BOB, 200), &mut m, 0).unwrap();
    m.balance = 1_100;
    assert_eq!(v.withdraw(&ctx(CAROL, 201), &mut m), Err(VaultError::PaymentFailed));
    assert_eq!(v.due(acc(CAROL)), 100);
    // Bob's claim is paid although Carol's payment fails
    m.approve_shares(token, acc(BOB), 100);
    m.refusing.insert(acc(BOB));
    v.claim(&ctx(BOB, 202), &mut m, 0, 40).unwrap();
    assert_eq!(v.due(acc(BOB)), 400, "a failed claim payment becomes withdrawable");
    m.refusing.remove(&acc(BOB));
    v.claim(&ctx(BOB, 203), &mut m, 0, 60).unwrap();
    v.withdraw(&ctx(BOB, 204), &mut m).unwrap();
    assert_eq!(m.paid[&acc(BOB)], 1_000);
    m.refusing.remove(&acc(CAROL));
    v.withdraw(&ctx(CAROL, 205), &mut m).unwrap();
    assert_eq!((m.paid[&acc(CAROL)], m.balance), (100, 0));
}

#[ink::test]
fn a_buyer_who_cannot_receive_the_nft_does_not_hold_up_the_holders() {
    let gate = ComplianceGate { registry: acc(60), schema: [9; 32] };
    let mut v = vault();
    let mut m = model();
    m.gates.insert(acc(NFT), gate);
    m.credentialed.extend([acc(VAULT), acc(BOB), acc(DAN)]);
    m.mint_nft(Id::U32(1), acc(BOB));
    m.approve_nft(&Id::U32(1), acc(VAULT));
    v.fractionalize(&ctx(BOB, 10), &mut m, acc(NFT), Id::U32(1), 10, "P".into(), "P".into(), 50).unwrap();
    v.start_buyout(&ctx(DAN, 20), &m, 0, 50).unwrap();
    // Dan's credential lapses before the end
    m.credentialed.remove(&acc(DAN));
    let ended = v.end_buyout(&ctx(BOB, 200), &mut m, 0).unwrap();
    assert_eq!(ended, vec![VaultEvent::BuyoutEnded(BuyoutEnded { asset: 0, buyer: acc(DAN), price: 50, delivered: false })]);
    let token = v.asset(0).unwrap().shares;
    m.balance = 50;
    m.approve_shares(token, acc(BOB), 10);
    v.claim(&ctx(BOB, 201), &mut m, 0, 10).unwrap();
    assert_eq!(m.paid[&acc(BOB)], 50);
    assert_eq!(v.deliver(&mut m, 0), Err(VaultError::DeliveryFailed));
    m.credentialed.insert(acc(DAN));
    assert_eq!(v.deliver(&mut m, 0), Ok(vec![VaultEvent::Delivered(Delivered { asset: 0, buyer: acc(DAN) })]));
    assert_eq!(v.deliver(&mut m, 0), Err(VaultError::WrongState));
}

/// The audit's "share price rounding to 0": a holder of a tiny share of a huge supply gets
/// what its share is worth rounded down — never more — and the rounding stays for the others.
#[ink::test]
fn tiny_shares_are_paid_their_rounded_down_part_and_nothing_is_lost() {
    let (mut v, mut m, token) = with_asset(1_000_000, 10);
    v.start_buyout(&ctx(CAROL, 20), &m, 0, 999).unwrap();
    v.end_buyout(&ctx(CAROL, 200), &mut m, 0).unwrap();
    m.balance = 999;
    m.send_shares(token, acc(BOB), acc(DAN), 1);
    m.approve_shares(token, acc(DAN), 1);
    v.claim(&ctx(DAN, 201), &mut m, 0, 1).unwrap();
    assert_eq!(m.paid.get(&acc(DAN)), None, "1 share of 1,000,000 is worth 0.000999: paid 0");
    m.approve_shares(token, acc(BOB), 999_999);
    v.claim(&ctx(BOB, 202), &mut m, 0, 999_999).unwrap();
    assert_eq!((m.paid[&acc(BOB)], v.sale(0).unwrap().unclaimed), (999, 0));
}

/// The audit's stale price: the supply changes after the sale (a holder burns shares outside
/// the vault). Claims read the supply at each claim, so the burned part goes to the remaining
/// holders instead of being locked, and nobody is paid at an old per-share price.
#[ink::test]
fn burned_shares_leave_their_part_to_the_other_holders() {
    let (mut v, mut m, token) = with_asset(300, 10);
    m.send_shares(token, acc(BOB), acc(CAROL), 100);
    m.send_shares(token, acc(BOB), acc(DAN), 100);
    v.start_buyout(&ctx(ALICE, 20), &m, 0, 3_000).unwrap();
    v.end_buyout(&ctx(ALICE, 200), &mut m, 0).unwrap();
    m.balance = 3_000;
    m.holder_burns(token, acc(DAN), 100);
    for who in [BOB, CAROL] {
        m.approve_shares(token, acc(who), 100);
        v.claim(&ctx(who, 201), &mut m, 0, 100).unwrap();
    }
    assert_eq!((m.paid[&acc(BOB)], m.paid[&acc(CAROL)], m.balance), (1_500, 1_500, 0));
}

#[ink::test]
fn claims_need_a_sale_and_shares() {
    let (mut v, mut m, token) = with_asset(10, 10);
    assert_eq!(v.claim(&ctx(BOB, 20), &mut m, 0, 1), Err(VaultError::WrongState));
    v.start_buyout(&ctx(CAROL, 20), &m, 0, 10).unwrap();
    v.end_buyout(&ctx(CAROL, 200), &mut m, 0).unwrap();
    assert_eq!(v.claim(&ctx(BOB, 201), &mut m, 0, 0), Err(VaultError::NothingDue));
    assert_eq!(v.claim(&ctx(BOB, 201), &mut m, 0, 11), Err(VaultError::NothingDue));
    assert_eq!(v.claim(&ctx(CAROL, 201), &mut m, 0, 5), Err(VaultError::SharesNotTaken));
    m.approve_shares(token, acc(BOB), 10);
    m.balance = 10;
    assert_eq!(
        v.claim(&ctx(BOB, 201), &mut m, 0, 4),
        Ok(vec![VaultEvent::Claimed(Claimed { asset: 0, holder: acc(BOB), shares: 4, paid: 4, sent: true })])
    );
}

/// Property: whatever the holders, their shares and the order they claim in, claims never pay
/// more than the price, pay all of it once every share is claimed, and each holder gets its
/// exact pro-rata part rounded down, plus at most one unit per holder who claimed before it.
#[ink::test]
fn claims_pay_the_price_exactly_and_fairly() {
    let mut rng = Rng(0x5eed_0ca7);
    for _ in 0..300 {
        let holders = 1 + rng.below(8) as usize;
        let shares: Vec<u128> = (0..holders).map(|_| 1 + u128::from(rng.below(1_000_000))).collect();
        let supply: u128 = shares.iter().sum();
        let price = u128::from(rng.next_u64()) * u128::from(1 + rng.below(1_000));
        let mut order: Vec<usize> = (0..holders).collect();
        for i in (1..holders).rev() {
            order.swap(i, rng.below(i as u64 + 1) as usize);
        }
        let (mut unclaimed, mut left, mut total) = (price, supply, 0u128);
        for (k, &h) in order.iter().enumerate() {
            let paid = payout(unclaimed, shares[h], left).unwrap();
            let exact_floor = mul_div(price, shares[h], supply).unwrap();
            assert!(paid >= exact_floor && paid <= exact_floor + k as u128 + 1, "holder {h}: paid {paid}, exact {exact_floor}");
            assert!(paid <= unclaimed);
            unclaimed -= paid;
            left -= shares[h];
            total += paid;
        }
        assert_eq!((total, unclaimed), (price, 0));
    }
}

#[ink::test]
fn mul_div_is_exact_beyond_u128_products() {
    assert_eq!(mul_div(u128::MAX, u128::MAX, u128::MAX), Some(u128::MAX));
    assert_eq!(mul_div(1 << 127, 4, 8), Some(1 << 126));
    assert_eq!(mul_div(u128::MAX, 3, 4), Some(u128::MAX / 4 * 3 + 2));
    assert_eq!(mul_div(u128::MAX, 2, 1), None);
    assert_eq!(mul_div(5, 5, 0), None);
    let mut rng = Rng(42);
    for _ in 0..1_000 {
        let (a, b, c) = (u128::from(rng.next_u64()), u128::from(rng.next_u64()), 1 + u128::from(rng.next_u64()));
        assert_eq!(mul_div(a, b, c), Some(a * b / c));
    }
    assert_eq!(min_raise(100), Some(105));
    assert_eq!(min_raise(1), Some(2));
    assert_eq!(min_raise(u128::MAX), None);
}

/// The reserve price moves only by more than half the shares' votes at the snapshot: shares
/// bought after the proposal count nothing, nobody votes twice, and no vote runs during an
/// auction.
#[ink::test]
fn holders_set_the_reserve_price_by_a_share_weighted_vote() {
    let (mut v, mut m, token) = with_asset(1_000, 5_000);
    let t = m.token(token);
    t.past_supply.insert(29, 1_000);
    t.past_votes.insert((acc(BOB), 29), 400);
    t.past_votes.insert((acc(CAROL), 29), 150);
    // Dan bought shares after the snapshot: none at block 29
    assert_eq!(v.propose_reserve_price(&ctx(DAN, 30), &m, 0, 1), Err(VaultError::NoVotes));
    let events = v.propose_reserve_price(&ctx(BOB, 30), &m, 0, 8_000).unwrap();
    assert_eq!(
        events,
        vec![
            VaultEvent::ReservePriceProposed(ReservePriceProposed { asset: 0, proposer: acc(BOB), price: 8_000, snapshot: 29, deadline: 80 }),
            VaultEvent::ReservePriceVoted(ReservePriceVoted { asset: 0, voter: acc(BOB), weight: 400, total: 400 }),
        ]
    );
    assert_eq!(v.vote_reserve_price(&ctx(BOB, 31), &m, 0), Err(VaultError::AlreadyVoted));
    assert_eq!(v.vote_reserve_price(&ctx(DAN, 31), &m, 0), Err(VaultError::NoVotes));
    assert_eq!(v.propose_reserve_price(&ctx(CAROL, 31), &m, 0, 1), Err(VaultError::ProposalState));
    let passed = v.vote_reserve_price(&ctx(CAROL, 32), &m, 0).unwrap();
    assert_eq!(passed[1], VaultEvent::ReservePriceChanged(ReservePriceChanged { asset: 0, previous: 5_000, price: 8_000 }));
    assert_eq!((v.asset(0).unwrap().reserve_price, v.reserve_proposal(0)), (8_000, None));
    // during an auction the floor is fixed
    v.start_buyout(&ctx(DAN, 40), &m, 0, 8_000).unwrap();
    assert_eq!(v.propose_reserve_price(&ctx(BOB, 41), &m, 0, 1), Err(VaultError::WrongState));
}

#[ink::test]
fn a_proposal_without_a_majority_expires_and_a_new_round_starts() {
    let (mut v, mut m, token) = with_asset(1_000, 5_000);
    let t = m.token(token);
    t.past_supply.insert(29, 1_000);
    t.past_votes.insert((acc(BOB), 29), 500);
    v.propose_reserve_price(&ctx(BOB, 30), &m, 0, 1).unwrap();
    // exactly half is not more than half
    assert_eq!(v.asset(0).unwrap().reserve_price, 5_000);
    assert_eq!(v.vote_reserve_price(&ctx(BOB, 81), &m, 0), Err(VaultError::ProposalState));
    m.token(token).past_votes.insert((acc(BOB), 80), 500);
    v.propose_reserve_price(&ctx(BOB, 81), &m, 0, 2).unwrap();
    assert_eq!(v.reserve_proposal(0).unwrap().round, 2);
}

#[ink::test]
fn only_the_admin_changes_settings_within_bounds() {
    let mut v = vault();
    let bad = Settings { auction_blocks: 0, ..SETTINGS };
    assert_eq!(v.set_settings(&ctx(BOB, 1), SETTINGS), Err(VaultError::MissingRole));
    assert_eq!(v.set_settings(&ctx(ALICE, 1), bad), Err(VaultError::InvalidSettings));
    assert_eq!(v.set_settings(&ctx(ALICE, 1), Settings { vote_blocks: MAX_WINDOW_BLOCKS + 1, ..SETTINGS }), Err(VaultError::InvalidSettings));
    let next = Settings { auction_blocks: 7, ..SETTINGS };
    assert_eq!(
        v.set_settings(&ctx(ALICE, 1), next),
        Ok(vec![VaultEvent::SettingsChanged(SettingsChanged { share_code: [7; 32], auction_blocks: 7, vote_blocks: 50, by: acc(ALICE) })])
    );
    assert_eq!(v.settings(), next);
    assert!(VaultData::new([0; 32], acc(ALICE), bad).is_err());
}
