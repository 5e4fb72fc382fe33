//! End-to-end tests of the vault with the real NFT and token bundles: the share token is
//! instantiated from the token's uploaded code, the NFT really moves, bids are real native
//! transfers. In the in-process runtime (`sandbox::*`) and on the local node (`node::*`).

use nft::NftRef;
use psp22::{PSP22, PSP22Metadata};
use sovra_client::refs;
use sovra_e2e::*;
use psp22::PSP22Error;
use sovra_interfaces::access::{AccessControl, MINTER_ROLE};
use sovra_interfaces::psp34::{Id, PSP34Mintable, PSP34};
use token::TokenRef;
use vault::data::{AssetState, Sale};
use vault::errors::VaultError;
use vault::events::{Claimed, ReservePriceChanged, Withdrawn};
use vault::VaultRef;

e2e_tests!(
    fractionalized_shares_trade_and_only_the_holder_of_every_share_redeems,
    a_buyout_with_an_outbid_pays_every_holder_its_part_of_the_price,
    a_gated_collection_gives_gated_shares_and_admits_only_credentialed_buyers,
    holders_set_the_reserve_price_with_their_share_votes_at_a_snapshot,
);

const AUCTION_BLOCKS: u32 = 5;

/// A collection with NFT #1 of Bob's, a vault (Alice admin) making shares from the token's
/// code, and Bob's NFT fractionalized into `shares` shares with reserve price `reserve`.
fn fractionalized(chain: &mut Chain, shares: u128, reserve: u128) -> (Contract, Contract, Contract) {
    let collection = chain.deploy(&bundle("nft"), "new", (false, None::<nft::data::Royalty>, None::<nft::data::ComplianceGate>), ALICE);
    assert_eq!(chain.call(ALICE, collection.calls::<NftRef>().mint(ink_account(BOB), Id::U32(1))).value, Ok(()));
    let token_code = chain.upload(&bundle("token"), ALICE);
    let genesis = chain.genesis_hash();
    let vault = chain.deploy(&bundle("vault"), "new", (genesis, token_code, AUCTION_BLOCKS, 10u32), ALICE);
    assert_eq!(chain.call(BOB, collection.calls::<NftRef>().approve(vault.address, Some(Id::U32(1)), true)).value, Ok(()));
    let made = chain.call(BOB, vault.calls::<VaultRef>().fractionalize(collection.address, Id::U32(1), shares, "Painting".into(), "PNT".into(), reserve));
    assert_eq!(made.value, Ok(0));
    let asset = chain.read(vault.calls::<VaultRef>().asset(0)).expect("asset 0");
    assert_eq!((asset.state, asset.supply, asset.depositor), (AssetState::Held, shares, ink_account(BOB)));
    let share = chain.attach(&bundle("token"), asset.shares);
    (collection, vault, share)
}

fn fractionalized_shares_trade_and_only_the_holder_of_every_share_redeems(mut chain: Chain) {
    let (collection, vault, share) = fractionalized(&mut chain, 1_000, 0);
    // the vault holds the NFT, Bob every share, and no one can mint more
    assert_eq!(chain.read(collection.calls::<NftRef>().owner_of(Id::U32(1))), Some(vault.address));
    assert_eq!(chain.read(share.calls::<TokenRef>().balance_of(ink_account(BOB))), 1_000);
    assert_eq!(chain.read(share.calls::<TokenRef>().total_supply()), 1_000);
    assert!(!chain.read(share.calls::<refs::AccessControl>().has_role(MINTER_ROLE, vault.address)));
    assert_eq!(chain.read(share.calls::<TokenRef>().token_symbol()), Some("PNT".into()));
    // shares trade like any Sovra token
    assert_eq!(chain.call(BOB, share.calls::<TokenRef>().transfer(ink_account(CHARLIE), 300, Vec::new())).value, Ok(()));
    assert_eq!(chain.call(BOB, share.calls::<TokenRef>().approve(vault.address, 700)).value, Ok(()));
    // a partial holder cannot redeem
    assert_eq!(chain.call(BOB, vault.calls::<VaultRef>().redeem(0)).value, Err(VaultError::NotAllShares));
    assert_eq!(chain.read(collection.calls::<NftRef>().owner_of(Id::U32(1))), Some(vault.address));
    // the holder of every share does
    assert_eq!(chain.call(CHARLIE, share.calls::<TokenRef>().transfer(ink_account(BOB), 300, Vec::new())).value, Ok(()));
    assert_eq!(chain.call(BOB, share.calls::<TokenRef>().approve(vault.address, 1_000)).value, Ok(()));
    assert_eq!(chain.call(BOB, vault.calls::<VaultRef>().redeem(0)).value, Ok(()));
    assert_eq!(chain.read(collection.calls::<NftRef>().owner_of(Id::U32(1))), Some(ink_account(BOB)));
    assert_eq!(chain.read(share.calls::<TokenRef>().total_supply()), 0);
    assert_eq!(chain.read(vault.calls::<VaultRef>().asset(0)).map(|a| a.state), Some(AssetState::Redeemed));
}

fn a_buyout_with_an_outbid_pays_every_holder_its_part_of_the_price(mut chain: Chain) {
    let reserve = 1_000_000_000;
    let (collection, vault, share) = fractionalized(&mut chain, 1_000, reserve);
    for (to, amount) in [(CHARLIE, 250u128), (DAVE, 250)] {
        assert_eq!(chain.call(BOB, share.calls::<TokenRef>().transfer(ink_account(to), amount, Vec::new())).value, Ok(()));
    }
    // below the reserve: refused; at it: the auction opens (Ferdie, a non-holder)
    let low = chain.call(FERDIE, vault.calls::<VaultRef>().start_buyout(0).transferred_value(reserve - 1));
    assert_eq!(low.value, Err(VaultError::BelowReserve));
    assert_eq!(chain.call(FERDIE, vault.calls::<VaultRef>().start_buyout(0).transferred_value(reserve)).value, Ok(()));
    // anyone outbids by 5% or more; the outbid bid waits for its bidder
    let meagre = chain.call(EVE, vault.calls::<VaultRef>().bid(0).transferred_value(reserve + 1));
    assert_eq!(meagre.value, Err(VaultError::BidTooLow));
    let price = reserve * 2;
    assert_eq!(chain.call(EVE, vault.calls::<VaultRef>().bid(0).transferred_value(price)).value, Ok(()));
    assert_eq!(chain.read(vault.calls::<VaultRef>().due(ink_account(FERDIE))), reserve);
    let withdrawn = chain.call(FERDIE, vault.calls::<VaultRef>().withdraw());
    assert_eq!(withdrawn.events_of::<Withdrawn>(&vault), vec![Withdrawn { account: ink_account(FERDIE), amount: reserve }]);
    assert_eq!(chain.call(EVE, vault.calls::<VaultRef>().end_buyout(0)).value, Err(VaultError::AuctionOpen));
    // a bid in the last blocks extended the auction: it closes after its (new) last block
    let ends_at = chain.read(vault.calls::<VaultRef>().auction(0)).expect("running").ends_at;
    chain.pass(ends_at);
    assert_eq!(chain.call(DAVE, vault.calls::<VaultRef>().end_buyout(0)).value, Ok(()));
    assert_eq!(chain.read(collection.calls::<NftRef>().owner_of(Id::U32(1))), Some(ink_account(EVE)));
    // every holder claims its part by burning its shares: together, the whole price
    let mut paid = 0;
    for (holder, shares) in [(CHARLIE, 250u128), (BOB, 500), (DAVE, 250)] {
        assert_eq!(chain.call(holder, share.calls::<TokenRef>().approve(vault.address, shares)).value, Ok(()));
        let out = chain.call(holder, vault.calls::<VaultRef>().claim(0, shares));
        assert_eq!(out.value, Ok(()));
        let claimed = out.events_of::<Claimed>(&vault);
        assert_eq!(claimed, vec![Claimed { asset: 0, holder: ink_account(holder), shares, paid: price * shares / 1_000, sent: true }]);
        paid += claimed[0].paid;
    }
    assert_eq!(paid, price);
    assert_eq!(chain.read(vault.calls::<VaultRef>().sale(0)), Some(Sale { buyer: ink_account(EVE), price, unclaimed: 0, delivered: true }));
    assert_eq!(chain.read(share.calls::<TokenRef>().total_supply()), 0);
}

fn a_gated_collection_gives_gated_shares_and_admits_only_credentialed_buyers(mut chain: Chain) {
    let members = Membership::set_up(&mut chain);
    let collection = chain.deploy(&bundle("nft"), "new", (false, None::<nft::data::Royalty>, Some(members.gate())), ALICE);
    members.issue(&mut chain, BOB, 1);
    members.issue(&mut chain, DAVE, 3);
    assert_eq!(chain.call(ALICE, collection.calls::<NftRef>().mint(ink_account(BOB), Id::U32(1))).value, Ok(()));
    let token_code = chain.upload(&bundle("token"), ALICE);
    let genesis = chain.genesis_hash();
    let vault = chain.deploy(&bundle("vault"), "new", (genesis, token_code, AUCTION_BLOCKS, 10u32), ALICE);
    assert_eq!(chain.call(BOB, collection.calls::<NftRef>().approve(vault.address, Some(Id::U32(1)), true)).value, Ok(()));
    // the collection admits only credentialed receivers, the vault included
    let refused = chain.call(BOB, vault.calls::<VaultRef>().fractionalize(collection.address, Id::U32(1), 100, "Deed".into(), "DEED".into(), 10));
    assert_eq!(refused.value, Err(VaultError::NotReceived));
    members.issue(&mut chain, *vault.address.as_ref(), 2);
    let made = chain.call(BOB, vault.calls::<VaultRef>().fractionalize(collection.address, Id::U32(1), 100, "Deed".into(), "DEED".into(), 10));
    assert_eq!(made.value, Ok(0));
    let asset = chain.read(vault.calls::<VaultRef>().asset(0)).expect("asset");
    assert_eq!(asset.gate, Some(members.gate()));
    // the shares carry the collection's gate
    let share = chain.attach(&bundle("token"), asset.shares);
    assert_eq!(chain.read(share.calls::<TokenRef>().compliance()), Some(members.gate()));
    let to_stranger = chain.call(BOB, share.calls::<TokenRef>().transfer(ink_account(CHARLIE), 10, Vec::new()));
    assert_eq!(to_stranger.value, Err(PSP22Error::Custom("ComplianceFailed".into())));
    assert_eq!(chain.call(BOB, share.calls::<TokenRef>().transfer(ink_account(DAVE), 10, Vec::new())).value, Ok(()));
    // and a buyer must be able to receive the NFT
    let outsider = chain.call(EVE, vault.calls::<VaultRef>().start_buyout(0).transferred_value(1_000));
    assert_eq!(outsider.value, Err(VaultError::ComplianceFailed));
    assert_eq!(chain.call(DAVE, vault.calls::<VaultRef>().start_buyout(0).transferred_value(1_000)).value, Ok(()));
}

fn holders_set_the_reserve_price_with_their_share_votes_at_a_snapshot(mut chain: Chain) {
    let (_, vault, share) = fractionalized(&mut chain, 1_000, 5_000);
    assert_eq!(chain.call(BOB, share.calls::<TokenRef>().transfer(ink_account(CHARLIE), 400, Vec::new())).value, Ok(()));
    chain.advance_blocks(1);
    // no shares, no say
    assert_eq!(chain.call(DAVE, vault.calls::<VaultRef>().propose_reserve_price(0, 9_000)).value, Err(VaultError::NoVotes));
    // Charlie's 400 of 1,000 are not a majority
    assert_eq!(chain.call(CHARLIE, vault.calls::<VaultRef>().propose_reserve_price(0, 9_000)).value, Ok(()));
    assert_eq!(chain.read(vault.calls::<VaultRef>().asset(0)).map(|a| a.reserve_price), Some(5_000));
    assert_eq!(chain.call(CHARLIE, vault.calls::<VaultRef>().vote_reserve_price(0)).value, Err(VaultError::AlreadyVoted));
    // shares moved after the snapshot vote nowhere: Dave gets Charlie's, still no votes there
    assert_eq!(chain.call(CHARLIE, share.calls::<TokenRef>().transfer(ink_account(DAVE), 400, Vec::new())).value, Ok(()));
    assert_eq!(chain.call(DAVE, vault.calls::<VaultRef>().vote_reserve_price(0)).value, Err(VaultError::NoVotes));
    // Bob's 600 carry it
    let passed = chain.call(BOB, vault.calls::<VaultRef>().vote_reserve_price(0));
    assert_eq!(passed.value, Ok(()));
    assert_eq!(passed.events_of::<ReservePriceChanged>(&vault), vec![ReservePriceChanged { asset: 0, previous: 5_000, price: 9_000 }]);
    assert_eq!(chain.call(EVE, vault.calls::<VaultRef>().start_buyout(0).transferred_value(8_999)).value, Err(VaultError::BelowReserve));
}
