//! End-to-end tests of the vault with the real NFT and token bundles: the share token is
//! instantiated from the token's uploaded code, the NFT really moves, bids are real native
//! transfers. In the in-process runtime (`sandbox::*`) and on the local node (`node::*`).

use nft::NftRef;
use psp22::{PSP22, PSP22Metadata};
use sovra_client::deployment::role_holders;
use sovra_client::refs;
use sovra_e2e::*;
use psp22::PSP22Error;
use sovra_interfaces::access::{AccessControl, RoleError, DEFAULT_ADMIN_ROLE, MINTER_ROLE, PAUSER_ROLE};
use sovra_interfaces::psp34::{Id, PSP34Mintable, PSP34};
use token::errors::TokenError;
use token::TokenRef;
use vault::data::{AssetState, Sale};
use vault::errors::VaultError;
use vault::events::{BuyoutEnded, Claimed, Delivered, ReservePriceChanged, Withdrawn};
use vault::VaultRef;

e2e_tests!(
    fractionalized_shares_trade_and_only_the_holder_of_every_share_redeems,
    a_buyout_with_an_outbid_pays_every_holder_its_part_of_the_price,
    a_gated_collection_gives_gated_shares_and_admits_only_credentialed_buyers,
    holders_set_the_reserve_price_with_their_share_votes_at_a_snapshot,
    a_buyer_that_refuses_the_nft_blocks_neither_the_auction_nor_the_claims,
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
    // sealed: every role held by the share token itself, which never calls itself
    for role in [DEFAULT_ADMIN_ROLE, MINTER_ROLE, PAUSER_ROLE] {
        assert_eq!(role_holders(chain.client(), &share, role).expect("roles"), vec![share.address]);
    }
    // neither the vault's admin nor the depositor can mint or take a role
    for who in [ALICE, BOB] {
        assert_eq!(chain.call(who, share.calls::<TokenRef>().mint_to(ink_account(who), 1)).value, Err(TokenError::MissingRole));
        assert_eq!(chain.call(who, share.calls::<refs::AccessControl>().grant_role(MINTER_ROLE, ink_account(who))).value, Err(RoleError::MissingRole));
    }
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

/// A collection gated by a membership schema (Bob holds NFT #1 and credential 1, Dave 3), a
/// vault (Alice admin) admitted with credential 2, and Bob's NFT fractionalized into 100 shares
/// with reserve price 10.
fn gated_asset(chain: &mut Chain) -> (Membership, Contract, Contract, Contract) {
    let members = Membership::set_up(chain);
    let collection = chain.deploy(&bundle("nft"), "new", (false, None::<nft::data::Royalty>, Some(members.gate())), ALICE);
    members.issue(chain, BOB, 1);
    members.issue(chain, DAVE, 3);
    assert_eq!(chain.call(ALICE, collection.calls::<NftRef>().mint(ink_account(BOB), Id::U32(1))).value, Ok(()));
    let token_code = chain.upload(&bundle("token"), ALICE);
    let genesis = chain.genesis_hash();
    let vault = chain.deploy(&bundle("vault"), "new", (genesis, token_code, AUCTION_BLOCKS, 10u32), ALICE);
    assert_eq!(chain.call(BOB, collection.calls::<NftRef>().approve(vault.address, Some(Id::U32(1)), true)).value, Ok(()));
    // the collection admits only credentialed receivers, the vault included
    let refused = chain.call(BOB, vault.calls::<VaultRef>().fractionalize(collection.address, Id::U32(1), 100, "Deed".into(), "DEED".into(), 10));
    assert_eq!(refused.value, Err(VaultError::NotReceived));
    members.issue(chain, *vault.address.as_ref(), 2);
    let made = chain.call(BOB, vault.calls::<VaultRef>().fractionalize(collection.address, Id::U32(1), 100, "Deed".into(), "DEED".into(), 10));
    assert_eq!(made.value, Ok(0));
    let asset = chain.read(vault.calls::<VaultRef>().asset(0)).expect("asset");
    assert_eq!(asset.gate, Some(members.gate()));
    let share = chain.attach(&bundle("token"), asset.shares);
    (members, collection, vault, share)
}

fn a_gated_collection_gives_gated_shares_and_admits_only_credentialed_buyers(mut chain: Chain) {
    let (members, _, vault, share) = gated_asset(&mut chain);
    // the shares carry the collection's gate
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

/// The buyer is the one receiver the vault hands something to that it did not ask for at that
/// moment: a winner that cannot take the NFT (here: its membership suspended after its bid)
/// delays only its own delivery. The auction ends, every holder is paid, the outbid bidder's
/// money waits for it (never pushed), and the NFT goes out once the buyer can receive it.
fn a_buyer_that_refuses_the_nft_blocks_neither_the_auction_nor_the_claims(mut chain: Chain) {
    let (members, collection, vault, share) = gated_asset(&mut chain);
    members.issue(&mut chain, FERDIE, 4);
    assert_eq!(chain.call(BOB, share.calls::<TokenRef>().transfer(ink_account(DAVE), 10, Vec::new())).value, Ok(()));
    assert_eq!(chain.call(FERDIE, vault.calls::<VaultRef>().start_buyout(0).transferred_value(1_000)).value, Ok(()));
    let ferdie_before = chain.balance(ink_account(FERDIE));
    assert_eq!(chain.call(DAVE, vault.calls::<VaultRef>().bid(0).transferred_value(1_100)).value, Ok(()));
    // the outbid bid is credited, not sent: no receiver can make an outbid fail
    assert_eq!(chain.balance(ink_account(FERDIE)), ferdie_before);
    assert_eq!(chain.read(vault.calls::<VaultRef>().due(ink_account(FERDIE))), 1_000);
    // the winner can no longer receive the NFT
    members.set_status(&mut chain, "suspend", 3);
    let ends_at = chain.read(vault.calls::<VaultRef>().auction(0)).expect("running").ends_at;
    chain.pass(ends_at);
    let ended = chain.call(EVE, vault.calls::<VaultRef>().end_buyout(0));
    assert_eq!(ended.value, Ok(()));
    assert_eq!(ended.events_of::<BuyoutEnded>(&vault), vec![BuyoutEnded { asset: 0, buyer: ink_account(DAVE), price: 1_100, delivered: false }]);
    assert_eq!(chain.read(collection.calls::<NftRef>().owner_of(Id::U32(1))), Some(vault.address));
    // the holders are paid all the same: Bob 90 shares, Dave (the buyer) 10
    for (holder, shares, paid) in [(BOB, 90u128, 990u128), (DAVE, 10, 110)] {
        assert_eq!(chain.call(holder, share.calls::<TokenRef>().approve(vault.address, shares)).value, Ok(()));
        let out = chain.call(holder, vault.calls::<VaultRef>().claim(0, shares));
        assert_eq!(out.events_of::<Claimed>(&vault), vec![Claimed { asset: 0, holder: ink_account(holder), shares, paid, sent: true }]);
    }
    assert_eq!(chain.read(vault.calls::<VaultRef>().sale(0)), Some(Sale { buyer: ink_account(DAVE), price: 1_100, unclaimed: 0, delivered: false }));
    // the NFT waits for its buyer: refused while Dave cannot receive it, sent once he can
    assert_eq!(chain.call(EVE, vault.calls::<VaultRef>().deliver(0)).value, Err(VaultError::DeliveryFailed));
    members.set_status(&mut chain, "reinstate", 3);
    let delivered = chain.call(EVE, vault.calls::<VaultRef>().deliver(0));
    assert_eq!(delivered.events_of::<Delivered>(&vault), vec![Delivered { asset: 0, buyer: ink_account(DAVE) }]);
    assert_eq!(chain.read(collection.calls::<NftRef>().owner_of(Id::U32(1))), Some(ink_account(DAVE)));
    // and the outbid bidder takes its money when it wants
    let withdrawn = chain.call(FERDIE, vault.calls::<VaultRef>().withdraw());
    assert_eq!(withdrawn.events_of::<Withdrawn>(&vault), vec![Withdrawn { account: ink_account(FERDIE), amount: 1_000 }]);
    assert_eq!(chain.read(vault.calls::<VaultRef>().due(ink_account(FERDIE))), 0);
}
