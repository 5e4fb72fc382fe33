//! End-to-end tests of the NFT: the built `nft.contract` driven through real calls, in the
//! in-process runtime (`sandbox::*`) and on the local node (`node::*`).

use nft::data::Royalty;
use nft::errors::NftError;
use nft::events::Locked;
use sovra_e2e::*;
use sovra_kit::compliance::ComplianceGate;
use nft::events::{Approval, Transfer};
use sovra_interfaces::psp34::{Id, PSP34Error};
use nft::NftRef;
use sovra_interfaces::psp34::PSP34;
use sovra_interfaces::psp34::PSP34Burnable;
use sovra_interfaces::psp34::PSP34Enumerable;
use sovra_interfaces::psp34::PSP34Mintable;

type R = Result<(), PSP34Error>;

e2e_tests!(
    enumeration_follows_transfers_and_burns,
    soulbound_tokens_cannot_be_transferred_and_are_locked,
    royalties_and_the_compliance_gate_on_the_real_registries,
);

fn deploy(chain: &mut Chain, soulbound: bool, gate: Option<ComplianceGate>) -> Contract {
    chain.deploy(&bundle("nft"), "new", (soulbound, None::<Royalty>, gate), ALICE)
}

fn mint(chain: &mut Chain, nft: &Contract, to: [u8; 32], id: Id) -> Outcome<R> {
    chain.call(ALICE, nft.calls::<NftRef>().mint(ink_account(to), id))
}

/// The tokens of `owner` as `owners_token_by_index` lists them.
fn listed(chain: &mut Chain, nft: &Contract, owner: [u8; 32]) -> Vec<Id> {
    let n = chain.read(nft.calls::<NftRef>().balance_of(ink_account(owner)));
    (0..u128::from(n))
        .map(|i| chain.read(nft.calls::<NftRef>().owners_token_by_index(ink_account(owner), i)).expect("listed"))
        .collect()
}

fn enumeration_follows_transfers_and_burns(mut chain: Chain) {
    // given Bob holds tokens 1, 2, 3
    let nft = deploy(&mut chain, false, None);
    for i in 1..=3u32 {
        let out = mint(&mut chain, &nft, BOB, Id::U32(i));
        assert_eq!(out.value, Ok(()));
        assert_eq!(out.events_of::<Transfer>(&nft), vec![Transfer { from: None, to: Some(ink_account(BOB)), id: Id::U32(i) }]);
    }
    assert_eq!(listed(&mut chain, &nft, BOB), vec![Id::U32(1), Id::U32(2), Id::U32(3)]);
    // when Bob approves Charlie for token 1 and Charlie moves it to Dave
    let out = chain.call(BOB, nft.calls::<NftRef>().approve(ink_account(CHARLIE), Some(Id::U32(1)), true));
    assert_eq!(
        out.events_of::<Approval>(&nft),
        vec![Approval { owner: ink_account(BOB), operator: ink_account(CHARLIE), id: Some(Id::U32(1)), approved: true }]
    );
    let out = chain.call(CHARLIE, nft.calls::<NftRef>().transfer(ink_account(DAVE), Id::U32(1), Vec::<u8>::new()));
    assert_eq!(out.value, Ok(()));
    // indexers filter transfers by sender, receiver and token
    let topics = out.topics_of::<Transfer>(&nft);
    let mut id_topic = [0u8; 32];
    id_topic[..5].copy_from_slice(&[2, 1, 0, 0, 0]); // SCALE of Id::U32(1), zero-padded
    assert_eq!(topics, vec![vec![signature_topic::<Transfer>(), BOB, DAVE, id_topic]]);
    // then the last token fills the gap in Bob's list, Dave lists his, the approval is spent
    assert_eq!(listed(&mut chain, &nft, BOB), vec![Id::U32(3), Id::U32(2)]);
    assert_eq!(listed(&mut chain, &nft, DAVE), vec![Id::U32(1)]);
    assert!(!chain.read(nft.calls::<NftRef>().allowance(ink_account(DAVE), ink_account(CHARLIE), Some(Id::U32(1)))));
    let again = chain.call(CHARLIE, nft.calls::<NftRef>().transfer(ink_account(CHARLIE), Id::U32(1), Vec::<u8>::new()));
    assert_eq!(again.value, Err(PSP34Error::NotApproved));
    // when Bob burns token 3
    let out = chain.call(BOB, nft.calls::<NftRef>().burn(ink_account(BOB), Id::U32(3)));
    assert_eq!(out.events_of::<Transfer>(&nft), vec![Transfer { from: Some(ink_account(BOB)), to: None, id: Id::U32(3) }]);
    // then both enumerations list exactly what exists
    assert_eq!(listed(&mut chain, &nft, BOB), vec![Id::U32(2)]);
    assert_eq!(chain.read(nft.calls::<NftRef>().total_supply()), 2);
    let all: Vec<Option<Id>> = (0..3u128).map(|i| chain.read(nft.calls::<NftRef>().token_by_index(i))).collect();
    assert_eq!(all, vec![Some(Id::U32(1)), Some(Id::U32(2)), None]);
    assert_eq!(chain.read(nft.calls::<NftRef>().owner_of(Id::U32(3))), None);
    // a stranger burns nothing
    let out = chain.call(EVE, nft.calls::<NftRef>().burn(ink_account(BOB), Id::U32(2)));
    assert_eq!(out.value, Err(PSP34Error::NotApproved));
}

fn soulbound_tokens_cannot_be_transferred_and_are_locked(mut chain: Chain) {
    // given a soulbound collection and Bob's membership token
    let nft = deploy(&mut chain, true, None);
    assert!(chain.read(nft.calls::<NftRef>().soulbound()));
    let out = mint(&mut chain, &nft, BOB, Id::U32(7));
    assert_eq!(out.events_of::<Locked>(&nft), vec![Locked { id: Id::U32(7) }]);
    assert_eq!(chain.read(nft.calls::<NftRef>().locked(Id::U32(7))), Ok(true));
    assert_eq!(chain.read(nft.calls::<NftRef>().locked(Id::U32(8))), Err(NftError::TokenNotExists));
    // when Bob tries to transfer or approve it: rejected, nothing changes
    let out = chain.call(BOB, nft.calls::<NftRef>().transfer(ink_account(CHARLIE), Id::U32(7), Vec::<u8>::new()));
    assert_eq!(out.value, Err(PSP34Error::Custom(String::from("Soulbound"))));
    assert!(out.events.is_empty());
    let out = chain.call(BOB, nft.calls::<NftRef>().approve(ink_account(CHARLIE), None::<Id>, true));
    assert_eq!(out.value, Err(PSP34Error::Custom(String::from("Soulbound"))));
    assert_eq!(chain.read(nft.calls::<NftRef>().owner_of(Id::U32(7))), Some(ink_account(BOB)));
    // the issuer (minter) revokes it by burning
    let out = chain.call(ALICE, nft.calls::<NftRef>().burn(ink_account(BOB), Id::U32(7)));
    assert_eq!(out.value, Ok(()));
    assert_eq!(chain.read(nft.calls::<NftRef>().balance_of(ink_account(BOB))), 0);
}

fn royalties_and_the_compliance_gate_on_the_real_registries(mut chain: Chain) {
    // given a collection gated on a membership credential, Bob a member, with a 2.5% royalty
    let members = Membership::set_up(&mut chain);
    let nft = deploy(&mut chain, false, Some(members.gate()));
    let failed = Err(PSP34Error::Custom(String::from("ComplianceFailed")));
    // no credential: the mint is rejected; issued: accepted
    assert_eq!(mint(&mut chain, &nft, BOB, Id::U8(1)).value, failed);
    members.issue(&mut chain, BOB, 1);
    assert_eq!(mint(&mut chain, &nft, BOB, Id::U8(1)).value, Ok(()));
    // Charlie is no member: Bob cannot send him the token; once a member, he can receive it
    let send = |chain: &mut Chain, from: [u8; 32], to: [u8; 32]| {
        chain.call(from, nft.calls::<NftRef>().transfer(ink_account(to), Id::U8(1), Vec::<u8>::new())).value
    };
    assert_eq!(send(&mut chain, BOB, CHARLIE), failed);
    members.issue(&mut chain, CHARLIE, 2);
    assert_eq!(send(&mut chain, BOB, CHARLIE), Ok(()));
    // Bob's credential suspended: he cannot receive it back; Charlie keeps what he holds
    members.set_status(&mut chain, "suspend", 1);
    assert_eq!(send(&mut chain, CHARLIE, BOB), failed);
    // royalties: the default, then the token's own
    let royalty = Royalty { receiver: ink_account(EVE), bps: 250 };
    assert_eq!(chain.call(ALICE, nft.calls::<NftRef>().set_default_royalty(Some(royalty))).value, Ok(()));
    let info: Result<Option<(AccountId, u128)>, NftError> = chain.read(nft.calls::<NftRef>().royalty_info(Id::U8(1), 10_000u128));
    assert_eq!(info, Ok(Some((ink_account(EVE), 250))));
    let own = Royalty { receiver: ink_account(DAVE), bps: 10_001 };
    let out = chain.call(ALICE, nft.calls::<NftRef>().set_token_royalty(Id::U8(1), Some(own)));
    assert_eq!(out.value, Err(NftError::RoyaltyTooHigh));
    let out = chain.call(BOB, nft.calls::<NftRef>().set_default_royalty(None::<Royalty>));
    assert_eq!(out.value, Err(NftError::MissingRole));
}
