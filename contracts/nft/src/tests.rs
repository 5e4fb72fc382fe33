//! Off-chain unit tests of the NFT's rules: mint, transfer and approvals, enumeration, burn,
//! attributes, royalties, soulbound collections, pause, roles and the compliance gate, with a
//! property test over random operation sequences.
// Test code: small constant arithmetic and casts are fine here (the contract code is linted).
#![allow(clippy::arithmetic_side_effects, clippy::cast_possible_truncation)]

use super::*;
use sovra_kit::access::RoleError;
use sovra_kit::testing::{acc, CredentialTable, Rng, Ungated};

const ADMIN: u8 = 1;
const BOB: u8 = 2;
const CAROL: u8 = 3;
const DAVE: u8 = 4;

fn by(caller: u8) -> Ctx {
    Ctx { caller: acc(caller), block: 1, now: 0 }
}

fn collection() -> Id {
    Id::Bytes(vec![0xc0; 32])
}

fn address() -> AccountId {
    acc(0xc0)
}

fn nft(soulbound: bool) -> NftData {
    NftData::new(address(), acc(ADMIN), soulbound, None, None).expect("collection").0
}

/// `nft(soulbound)` with tokens `U32(1..=n)` minted to `owner`.
fn minted(soulbound: bool, owner: u8, n: u32) -> NftData {
    let mut c = nft(soulbound);
    for i in 1..=n {
        c.mint(&by(ADMIN), &Ungated, acc(owner), Id::U32(i)).expect("mint");
    }
    c
}

/// The tokens of `owner`, by index, as the enumeration lists them.
fn listed(c: &NftData, owner: u8) -> Vec<Id> {
    (0..u128::from(c.balance_of(acc(owner)))).map(|i| c.owners_token_by_index(acc(owner), i).expect("listed")).collect()
}

fn sorted(mut ids: Vec<Id>) -> Vec<Id> {
    ids.sort();
    ids
}

fn transfer_event(from: Option<u8>, to: Option<u8>, id: Id) -> NftEvent {
    NftEvent::Transfer(Transfer { from: from.map(acc), to: to.map(acc), id })
}

#[ink::test]
fn the_deployer_holds_every_role_and_the_settings() {
    let royalty = Royalty { receiver: acc(DAVE), bps: 250 };
    let gate = ComplianceGate { registry: acc(9), schema: [0x5c; 32] };
    let (c, events) = NftData::new(address(), acc(ADMIN), true, Some(royalty), Some(gate)).unwrap();
    for role in [DEFAULT_ADMIN_ROLE, MINTER_ROLE, PAUSER_ROLE] {
        assert!(c.roles.has(role, acc(ADMIN)));
    }
    assert!(c.soulbound());
    assert_eq!(c.default_royalty(), Some(royalty));
    assert_eq!(c.compliance(), Some(gate));
    assert_eq!(c.collection_id(), collection());
    assert_eq!(c.total_supply(), 0);
    assert_eq!(events.len(), 5);
    assert!(events.contains(&NftEvent::RoyaltySet(RoyaltySet { id: None, royalty: Some(royalty), by: acc(ADMIN) })));
    assert!(events.contains(&NftEvent::ComplianceChanged(ComplianceChanged { gate: Some(gate), by: acc(ADMIN) })));
    let too_high = Royalty { receiver: acc(DAVE), bps: 10_001 };
    assert_eq!(NftData::new(address(), acc(ADMIN), false, Some(too_high), None).err(), Some(NftError::RoyaltyTooHigh));
}

#[ink::test]
fn minters_mint_unique_valid_ids() {
    let mut c = nft(false);
    let events = c.mint(&by(ADMIN), &Ungated, acc(BOB), Id::U8(7)).unwrap();
    assert_eq!(events, vec![transfer_event(None, Some(BOB), Id::U8(7))]);
    assert_eq!(c.owner_of(&Id::U8(7)), Some(acc(BOB)));
    assert_eq!(c.balance_of(acc(BOB)), 1);
    assert_eq!(c.total_supply(), 1);
    // the same id again, even of another variant's equal number, is another token
    assert_eq!(c.mint(&by(ADMIN), &Ungated, acc(CAROL), Id::U8(7)), Err(NftError::TokenExists));
    c.mint(&by(ADMIN), &Ungated, acc(CAROL), Id::U16(7)).unwrap();
    // only minters mint
    assert_eq!(c.mint(&by(BOB), &Ungated, acc(BOB), Id::U8(8)), Err(NftError::MissingRole));
    // ids are bounded and the collection's own id is reserved for its attributes
    assert_eq!(c.mint(&by(ADMIN), &Ungated, acc(BOB), Id::Bytes(vec![1; MAX_ID_BYTES + 1])), Err(NftError::InvalidId));
    assert_eq!(c.mint(&by(ADMIN), &Ungated, acc(BOB), collection()), Err(NftError::InvalidId));
    c.mint(&by(ADMIN), &Ungated, acc(BOB), Id::Bytes(vec![1; MAX_ID_BYTES])).unwrap();
    assert_eq!(c.total_supply(), 3);
    // a minter that lost its role mints nothing
    c.roles.grant_role::<NftEvent>(by(ADMIN).caller, MINTER_ROLE, acc(DAVE)).unwrap();
    c.mint(&by(DAVE), &Ungated, acc(DAVE), Id::U64(1)).unwrap();
    c.roles.revoke_role::<NftEvent>(by(ADMIN).caller, MINTER_ROLE, acc(DAVE)).unwrap();
    assert_eq!(c.mint(&by(DAVE), &Ungated, acc(DAVE), Id::U64(2)), Err(NftError::MissingRole));
}

#[ink::test]
fn owners_approved_accounts_and_operators_transfer_others_do_not() {
    let mut c = minted(false, BOB, 3);
    // a stranger cannot move Bob's token
    assert_eq!(c.transfer(&by(CAROL), &Ungated, acc(CAROL), Id::U32(1)), Err(NftError::NotApproved));
    assert_eq!(c.transfer(&by(BOB), &Ungated, acc(CAROL), Id::U32(9)), Err(NftError::TokenNotExists));
    // the owner can
    let events = c.transfer(&by(BOB), &Ungated, acc(CAROL), Id::U32(1)).unwrap();
    assert_eq!(events, vec![transfer_event(Some(BOB), Some(CAROL), Id::U32(1))]);
    assert_eq!(c.owner_of(&Id::U32(1)), Some(acc(CAROL)));
    assert_eq!((c.balance_of(acc(BOB)), c.balance_of(acc(CAROL))), (2, 1));
    // an account approved for one token moves that token only, once: the transfer clears it
    c.approve(&by(BOB), acc(DAVE), Some(Id::U32(2)), true).unwrap();
    assert!(c.allowance(acc(BOB), acc(DAVE), Some(&Id::U32(2))));
    assert!(!c.allowance(acc(BOB), acc(DAVE), None));
    assert_eq!(c.transfer(&by(DAVE), &Ungated, acc(DAVE), Id::U32(3)), Err(NftError::NotApproved));
    c.transfer(&by(DAVE), &Ungated, acc(DAVE), Id::U32(2)).unwrap();
    assert_eq!(c.record(&Id::U32(2)).unwrap().approved, None);
    c.transfer(&by(DAVE), &Ungated, acc(BOB), Id::U32(2)).unwrap();
    // back with Bob, the old approval does not revive
    assert!(!c.allowance(acc(BOB), acc(DAVE), Some(&Id::U32(2))));
    assert_eq!(c.transfer(&by(DAVE), &Ungated, acc(DAVE), Id::U32(2)), Err(NftError::NotApproved));
    // an operator moves any of the owner's tokens until unapproved
    c.approve(&by(BOB), acc(CAROL), None, true).unwrap();
    assert!(c.allowance(acc(BOB), acc(CAROL), Some(&Id::U32(3))));
    c.transfer(&by(CAROL), &Ungated, acc(CAROL), Id::U32(3)).unwrap();
    c.approve(&by(BOB), acc(CAROL), None, false).unwrap();
    assert_eq!(c.transfer(&by(CAROL), &Ungated, acc(CAROL), Id::U32(2)), Err(NftError::NotApproved));
    // a transfer to the owner itself changes nothing
    assert_eq!(c.transfer(&by(BOB), &Ungated, acc(BOB), Id::U32(2)), Ok(vec![]));
    assert_eq!(c.balance_of(acc(BOB)), 1);
}

#[ink::test]
fn approvals_are_checked_and_reported() {
    let mut c = minted(false, BOB, 2);
    assert_eq!(c.approve(&by(BOB), acc(BOB), None, true), Err(NftError::SelfApprove));
    assert_eq!(c.approve(&by(BOB), acc(CAROL), Some(Id::U32(5)), true), Err(NftError::TokenNotExists));
    assert_eq!(c.approve(&by(CAROL), acc(DAVE), Some(Id::U32(1)), true), Err(NftError::NotApproved));
    let events = c.approve(&by(BOB), acc(CAROL), Some(Id::U32(1)), true).unwrap();
    assert_eq!(
        events,
        vec![NftEvent::Approval(Approval { owner: acc(BOB), operator: acc(CAROL), id: Some(Id::U32(1)), approved: true })]
    );
    // a new approval replaces the previous one (one approved account per token)
    c.approve(&by(BOB), acc(DAVE), Some(Id::U32(1)), true).unwrap();
    assert!(!c.allowance(acc(BOB), acc(CAROL), Some(&Id::U32(1))));
    assert!(c.allowance(acc(BOB), acc(DAVE), Some(&Id::U32(1))));
    // unapproving someone else leaves the approved account in place
    c.approve(&by(BOB), acc(CAROL), Some(Id::U32(1)), false).unwrap();
    assert!(c.allowance(acc(BOB), acc(DAVE), Some(&Id::U32(1))));
    c.approve(&by(BOB), acc(DAVE), Some(Id::U32(1)), false).unwrap();
    assert!(!c.allowance(acc(BOB), acc(DAVE), Some(&Id::U32(1))));
    // an operator may approve single tokens for the owner, but not the owner itself
    c.approve(&by(BOB), acc(CAROL), None, true).unwrap();
    c.approve(&by(CAROL), acc(DAVE), Some(Id::U32(2)), true).unwrap();
    assert!(c.allowance(acc(BOB), acc(DAVE), Some(&Id::U32(2))));
    assert_eq!(c.approve(&by(CAROL), acc(BOB), Some(Id::U32(2)), true), Err(NftError::SelfApprove));
    // an account approved for one token cannot pass the approval on
    assert_eq!(c.approve(&by(DAVE), acc(CAROL), Some(Id::U32(2)), true), Err(NftError::NotApproved));
}

/// `allowance(owner, operator, Some(id))` is about `owner`'s token: an operator of Dave is not
/// allowed Bob's token through Dave, and nobody is allowed a token that does not exist.
#[ink::test]
fn allowance_for_a_token_needs_the_named_owner_to_own_it() {
    let mut c = minted(false, BOB, 1);
    c.approve(&by(DAVE), acc(CAROL), None, true).unwrap();
    assert!(c.allowance(acc(DAVE), acc(CAROL), None));
    assert!(!c.allowance(acc(DAVE), acc(CAROL), Some(&Id::U32(1))), "Dave does not own token 1");
    assert!(!c.allowance(acc(DAVE), acc(CAROL), Some(&Id::U32(9))), "token 9 does not exist");
    // the owner's own operator is allowed it, token by token
    c.approve(&by(BOB), acc(CAROL), None, true).unwrap();
    assert!(c.allowance(acc(BOB), acc(CAROL), Some(&Id::U32(1))));
    assert!(!c.allowance(acc(BOB), acc(CAROL), Some(&Id::U32(9))));
}

#[ink::test]
fn enumeration_lists_exactly_the_owned_tokens_after_transfers_and_burns() {
    let mut c = minted(false, BOB, 5);
    assert_eq!(listed(&c, BOB), (1..=5).map(Id::U32).collect::<Vec<_>>());
    // Bob's 2nd token leaves: his last token fills the gap
    c.transfer(&by(BOB), &Ungated, acc(CAROL), Id::U32(2)).unwrap();
    assert_eq!(listed(&c, BOB), vec![Id::U32(1), Id::U32(5), Id::U32(3), Id::U32(4)]);
    assert_eq!(listed(&c, CAROL), vec![Id::U32(2)]);
    assert_eq!(c.record(&Id::U32(5)).unwrap().owner_index, 1);
    // burning the first token of the collection moves the collection's last into its place
    c.burn(&by(BOB), acc(BOB), Id::U32(1)).unwrap();
    assert_eq!(c.total_supply(), 4);
    let all: Vec<Id> = (0..4).map(|i| c.token_by_index(i).unwrap()).collect();
    assert_eq!(all, vec![Id::U32(5), Id::U32(2), Id::U32(3), Id::U32(4)]);
    assert_eq!(c.token_by_index(4), None);
    assert_eq!(sorted(listed(&c, BOB)), vec![Id::U32(3), Id::U32(4), Id::U32(5)]);
    assert_eq!(c.owners_token_by_index(acc(BOB), 3), None);
    assert_eq!(c.owners_token_by_index(acc(BOB), u128::MAX), None);
    // the last token of an owner leaves: nothing is listed, balance zero
    c.burn(&by(CAROL), acc(CAROL), Id::U32(2)).unwrap();
    assert_eq!(c.balance_of(acc(CAROL)), 0);
    assert_eq!(c.owners_token_by_index(acc(CAROL), 0), None);
}

#[ink::test]
fn burning_needs_the_owner_or_an_approval_and_clears_the_token() {
    let mut c = minted(false, BOB, 2);
    c.set_attribute(&by(ADMIN), Id::U32(1), b"image".to_vec(), b"ipfs://a".to_vec()).unwrap();
    c.set_token_royalty(&by(ADMIN), Id::U32(1), Some(Royalty { receiver: acc(DAVE), bps: 500 })).unwrap();
    assert_eq!(c.burn(&by(BOB), acc(BOB), Id::U32(9)), Err(NftError::TokenNotExists));
    assert_eq!(c.burn(&by(BOB), acc(CAROL), Id::U32(1)), Err(NftError::NotOwner));
    assert_eq!(c.burn(&by(CAROL), acc(BOB), Id::U32(1)), Err(NftError::NotApproved));
    // not even a minter burns others' tokens in a transferable collection
    assert_eq!(c.burn(&by(ADMIN), acc(BOB), Id::U32(1)), Err(NftError::NotApproved));
    c.approve(&by(BOB), acc(CAROL), Some(Id::U32(1)), true).unwrap();
    let events = c.burn(&by(CAROL), acc(BOB), Id::U32(1)).unwrap();
    assert_eq!(events, vec![transfer_event(Some(BOB), None, Id::U32(1))]);
    assert_eq!(c.owner_of(&Id::U32(1)), None);
    assert_eq!(c.balance_of(acc(BOB)), 1);
    // minted again, the id carries nothing of the burned token
    c.mint(&by(ADMIN), &Ungated, acc(DAVE), Id::U32(1)).unwrap();
    assert_eq!(c.attribute(Id::U32(1), b"image".to_vec()), None);
    assert_eq!(c.royalty_info(&Id::U32(1), 10_000), Ok(None));
    assert!(!c.allowance(acc(DAVE), acc(CAROL), Some(&Id::U32(1))));
}

#[ink::test]
fn soulbound_tokens_are_minted_locked_and_never_move() {
    let mut c = nft(true);
    let events = c.mint(&by(ADMIN), &Ungated, acc(BOB), Id::U32(1)).unwrap();
    assert_eq!(events, vec![transfer_event(None, Some(BOB), Id::U32(1)), NftEvent::Locked(Locked { id: Id::U32(1) })]);
    assert_eq!(c.locked(&Id::U32(1)), Ok(true));
    assert_eq!(c.locked(&Id::U32(2)), Err(NftError::TokenNotExists));
    assert_eq!(c.transfer(&by(BOB), &Ungated, acc(CAROL), Id::U32(1)), Err(NftError::Soulbound));
    assert_eq!(c.approve(&by(BOB), acc(CAROL), Some(Id::U32(1)), true), Err(NftError::Soulbound));
    assert_eq!(c.approve(&by(BOB), acc(CAROL), None, true), Err(NftError::Soulbound));
    assert_eq!(c.owner_of(&Id::U32(1)), Some(acc(BOB)));
    // the holder may give it up, the issuer (a minter) may revoke it, nobody else may burn it
    c.mint(&by(ADMIN), &Ungated, acc(BOB), Id::U32(2)).unwrap();
    assert_eq!(c.burn(&by(CAROL), acc(BOB), Id::U32(1)), Err(NftError::NotApproved));
    c.burn(&by(BOB), acc(BOB), Id::U32(1)).unwrap();
    c.burn(&by(ADMIN), acc(BOB), Id::U32(2)).unwrap();
    assert_eq!(c.balance_of(acc(BOB)), 0);
    // a transferable collection's tokens are not locked
    let t = minted(false, BOB, 1);
    assert_eq!(t.locked(&Id::U32(1)), Ok(false));
}

#[ink::test]
fn royalties_follow_erc2981_with_a_default_and_overrides() {
    let mut c = minted(false, BOB, 2);
    assert_eq!(c.royalty_info(&Id::U32(1), 1_000), Ok(None));
    assert_eq!(c.royalty_info(&Id::U32(7), 1_000), Err(NftError::TokenNotExists));
    let default = Royalty { receiver: acc(ADMIN), bps: 250 };
    let events = c.set_default_royalty(&by(ADMIN), Some(default)).unwrap();
    assert_eq!(events, vec![NftEvent::RoyaltySet(RoyaltySet { id: None, royalty: Some(default), by: acc(ADMIN) })]);
    assert_eq!(c.royalty_info(&Id::U32(1), 1_000), Ok(Some((acc(ADMIN), 25))));
    let own = Royalty { receiver: acc(DAVE), bps: 10_000 };
    c.set_token_royalty(&by(ADMIN), Id::U32(2), Some(own)).unwrap();
    assert_eq!(c.royalty_info(&Id::U32(2), 1_000), Ok(Some((acc(DAVE), 1_000))));
    assert_eq!(c.royalty_info(&Id::U32(1), 1_000), Ok(Some((acc(ADMIN), 25))));
    // no overflow at the largest price; rounding is down
    assert_eq!(c.royalty_info(&Id::U32(2), u128::MAX), Ok(Some((acc(DAVE), u128::MAX))));
    assert_eq!(Royalty { receiver: acc(DAVE), bps: 3 }.amount(u128::MAX), u128::MAX / 10_000 * 3); // the remainder part rounds to 0
    assert_eq!(Royalty { receiver: acc(DAVE), bps: 7_000 }.amount(19_999), 13_999);
    assert_eq!(Royalty { receiver: acc(DAVE), bps: 1 }.amount(9_999), 0);
    // removing the override falls back to the default
    c.set_token_royalty(&by(ADMIN), Id::U32(2), None).unwrap();
    assert_eq!(c.royalty_info(&Id::U32(2), 1_000), Ok(Some((acc(ADMIN), 25))));
    // bounded, admin only, existing tokens only
    let too_high = Some(Royalty { receiver: acc(DAVE), bps: 10_001 });
    assert_eq!(c.set_default_royalty(&by(ADMIN), too_high), Err(NftError::RoyaltyTooHigh));
    assert_eq!(c.set_token_royalty(&by(ADMIN), Id::U32(1), too_high), Err(NftError::RoyaltyTooHigh));
    assert_eq!(c.set_default_royalty(&by(BOB), None), Err(NftError::MissingRole));
    assert_eq!(c.set_token_royalty(&by(BOB), Id::U32(1), None), Err(NftError::MissingRole));
    assert_eq!(c.set_token_royalty(&by(ADMIN), Id::U32(9), None), Err(NftError::TokenNotExists));
}

#[ink::test]
fn attributes_are_bounded_and_set_by_the_right_role() {
    let mut c = minted(false, BOB, 1);
    let t = Id::U32(1);
    let events = c.set_attribute(&by(ADMIN), collection(), b"name".to_vec(), b"Members".to_vec()).unwrap();
    assert_eq!(events, vec![NftEvent::AttributeSet(AttributeSet { id: collection(), key: b"name".to_vec(), data: b"Members".to_vec() })]);
    assert_eq!(c.attribute(collection(), b"name".to_vec()), Some(b"Members".to_vec()));
    // collection attributes: admin; token attributes: minter; never the holder
    c.roles.grant_role::<NftEvent>(by(ADMIN).caller, MINTER_ROLE, acc(DAVE)).unwrap();
    assert_eq!(c.set_attribute(&by(DAVE), collection(), b"name".to_vec(), b"x".to_vec()), Err(NftError::MissingRole));
    assert_eq!(c.set_attribute(&by(BOB), t.clone(), b"image".to_vec(), b"x".to_vec()), Err(NftError::MissingRole));
    c.set_attribute(&by(DAVE), t.clone(), b"image".to_vec(), b"ipfs://a".to_vec()).unwrap();
    assert_eq!(c.set_attribute(&by(DAVE), Id::U32(2), b"image".to_vec(), b"x".to_vec()), Err(NftError::TokenNotExists));
    // bounds
    let long_key = vec![b'k'; MAX_ATTRIBUTE_KEY + 1];
    assert_eq!(c.set_attribute(&by(ADMIN), t.clone(), long_key, b"x".to_vec()), Err(NftError::AttributeTooLong));
    assert_eq!(c.set_attribute(&by(ADMIN), t.clone(), vec![], b"x".to_vec()), Err(NftError::AttributeTooLong));
    let long_value = vec![0; MAX_ATTRIBUTE_VALUE + 1];
    assert_eq!(c.set_attribute(&by(ADMIN), t.clone(), b"k".to_vec(), long_value), Err(NftError::AttributeTooLong));
    for i in 1..MAX_ATTRIBUTES as u8 {
        c.set_attribute(&by(ADMIN), t.clone(), vec![i], vec![i]).unwrap();
    }
    assert_eq!(c.set_attribute(&by(ADMIN), t.clone(), b"one-more".to_vec(), b"x".to_vec()), Err(NftError::TooManyAttributes));
    // overwriting stays within the count; removing (empty value) frees a slot
    c.set_attribute(&by(ADMIN), t.clone(), b"image".to_vec(), b"ipfs://b".to_vec()).unwrap();
    assert_eq!(c.attribute(t.clone(), b"image".to_vec()), Some(b"ipfs://b".to_vec()));
    let removed = c.set_attribute(&by(ADMIN), t.clone(), b"image".to_vec(), vec![]).unwrap();
    assert_eq!(removed, vec![NftEvent::AttributeSet(AttributeSet { id: t.clone(), key: b"image".to_vec(), data: vec![] })]);
    assert_eq!(c.attribute(t.clone(), b"image".to_vec()), None);
    c.set_attribute(&by(ADMIN), t.clone(), b"one-more".to_vec(), b"x".to_vec()).unwrap();
    // removing an absent attribute is a no-op
    assert_eq!(c.set_attribute(&by(ADMIN), t, b"absent".to_vec(), vec![]), Ok(vec![]));
}

#[ink::test]
fn pause_stops_moving_tokens_only() {
    let mut c = minted(false, BOB, 2);
    assert_eq!(c.set_paused(&by(BOB), true), Err(NftError::MissingRole));
    assert_eq!(c.set_paused(&by(ADMIN), false), Err(NftError::AlreadyInThatState));
    let events = c.set_paused(&by(ADMIN), true).unwrap();
    assert_eq!(events, vec![NftEvent::PausedChanged(PausedChanged { paused: true, by: acc(ADMIN) })]);
    assert!(c.paused());
    assert_eq!(c.transfer(&by(BOB), &Ungated, acc(CAROL), Id::U32(1)), Err(NftError::Paused));
    assert_eq!(c.mint(&by(ADMIN), &Ungated, acc(CAROL), Id::U32(3)), Err(NftError::Paused));
    assert_eq!(c.burn(&by(BOB), acc(BOB), Id::U32(1)), Err(NftError::Paused));
    // approvals and metadata still work
    c.approve(&by(BOB), acc(CAROL), None, true).unwrap();
    c.set_attribute(&by(ADMIN), Id::U32(1), b"k".to_vec(), b"v".to_vec()).unwrap();
    c.set_paused(&by(ADMIN), false).unwrap();
    c.transfer(&by(CAROL), &Ungated, acc(CAROL), Id::U32(1)).unwrap();
}

#[ink::test]
fn the_compliance_gate_checks_receivers_and_never_freezes_holders() {
    let gate = ComplianceGate { registry: acc(9), schema: [0x5c; 32] };
    let creds = CredentialTable::new([0x5c; 32]);
    let mut c = NftData::new(address(), acc(ADMIN), false, None, Some(gate)).unwrap().0;
    // no credential: cannot receive a mint
    assert_eq!(c.mint(&by(ADMIN), &creds, acc(BOB), Id::U32(1)), Err(NftError::ComplianceFailed));
    creds.set(acc(BOB), true);
    c.mint(&by(ADMIN), &creds, acc(BOB), Id::U32(1)).unwrap();
    c.mint(&by(ADMIN), &creds, acc(BOB), Id::U32(2)).unwrap();
    // Carol holds no credential: Bob cannot send her a token
    assert_eq!(c.transfer(&by(BOB), &creds, acc(CAROL), Id::U32(1)), Err(NftError::ComplianceFailed));
    creds.set(acc(CAROL), true);
    c.transfer(&by(BOB), &creds, acc(CAROL), Id::U32(1)).unwrap();
    // Bob loses his credential: he can still send and burn what he holds
    creds.set(acc(BOB), false);
    c.transfer(&by(BOB), &creds, acc(CAROL), Id::U32(2)).unwrap();
    assert_eq!(c.transfer(&by(CAROL), &creds, acc(BOB), Id::U32(2)), Err(NftError::ComplianceFailed));
    c.burn(&by(CAROL), acc(CAROL), Id::U32(2)).unwrap();
    // only the admin changes the gate; without it anyone receives
    assert_eq!(c.set_compliance(&by(BOB), None), Err(NftError::MissingRole));
    let events = c.set_compliance(&by(ADMIN), None).unwrap();
    assert_eq!(events, vec![NftEvent::ComplianceChanged(ComplianceChanged { gate: None, by: acc(ADMIN) })]);
    c.transfer(&by(CAROL), &Ungated, acc(BOB), Id::U32(1)).unwrap();
}

#[ink::test]
fn roles_are_granted_revoked_and_renounced_by_the_rules() {
    let mut c = nft(false);
    assert_eq!(c.roles.grant_role::<NftEvent>(by(BOB).caller, MINTER_ROLE, acc(BOB)), Err(RoleError::MissingRole));
    let events = c.roles.grant_role::<NftEvent>(by(ADMIN).caller, PAUSER_ROLE, acc(BOB)).unwrap();
    assert_eq!(events, vec![NftEvent::RoleGranted(RoleGranted { role: PAUSER_ROLE, account: acc(BOB), sender: acc(ADMIN) })]);
    c.set_paused(&by(BOB), true).unwrap();
    c.roles.renounce_role::<NftEvent>(by(BOB).caller, PAUSER_ROLE).unwrap();
    assert_eq!(c.set_paused(&by(BOB), false), Err(NftError::MissingRole));
    assert_eq!(c.roles.renounce_role::<NftEvent>(by(BOB).caller, PAUSER_ROLE), Err(RoleError::MissingRole));
    assert_eq!(c.roles.revoke_role::<NftEvent>(by(BOB).caller, DEFAULT_ADMIN_ROLE, acc(ADMIN)), Err(RoleError::MissingRole));
}

/// Random mints, transfers, burns and approvals among a few accounts: every owner's enumeration
/// lists exactly the tokens it owns (each once, at its recorded position), the collection's
/// enumeration lists exactly the existing tokens, and the balances sum to the supply.
#[ink::test]
fn property_enumeration_always_lists_exactly_the_owned_tokens() {
    const N: u8 = 4;
    const IDS: u32 = 24;
    let mut c = nft(false);
    let mut rng = Rng(0x2545_F491_4F6C_DD1D);
    let mut owners: std::collections::BTreeMap<u32, u8> = Default::default();
    for step in 0..600 {
        let who = rng.below(u64::from(N)) as u8 + 1;
        let other = rng.below(u64::from(N)) as u8 + 1;
        let id = rng.below(u64::from(IDS)) as u32;
        let result = match rng.below(5) {
            0 | 1 => c.mint(&by(ADMIN), &Ungated, acc(other), Id::U32(id)).map(|_| {
                owners.insert(id, other);
            }),
            2 => c.transfer(&by(who), &Ungated, acc(other), Id::U32(id)).map(|_| {
                owners.insert(id, other);
            }),
            3 => c.burn(&by(who), acc(who), Id::U32(id)).map(|_| {
                owners.remove(&id);
            }),
            _ => c.approve(&by(who), acc(other), if rng.below(2) == 0 { None } else { Some(Id::U32(id)) }, rng.below(3) != 0).map(|_| ()),
        };
        let _ = result;
        for a in 1..=N {
            let expected: Vec<Id> = owners.iter().filter(|(_, o)| **o == a).map(|(i, _)| Id::U32(*i)).collect();
            let got = listed(&c, a);
            for (i, id) in got.iter().enumerate() {
                let record = c.record(id).expect("listed tokens exist");
                assert_eq!((record.owner, record.owner_index), (acc(a), i as u32), "step {step}");
            }
            assert_eq!(sorted(got), expected, "step {step}, owner {a}");
        }
        let all: Vec<Id> = (0..c.total_supply()).map(|i| c.token_by_index(i).expect("indexed")).collect();
        for (i, id) in all.iter().enumerate() {
            assert_eq!(c.record(id).expect("exists").index, i as u128, "step {step}");
        }
        assert_eq!(sorted(all), owners.keys().map(|i| Id::U32(*i)).collect::<Vec<_>>(), "step {step}");
        let balances: u128 = (1..=N).map(|a| u128::from(c.balance_of(acc(a)))).sum();
        assert_eq!(balances, c.total_supply(), "step {step}");
    }
    assert!(c.total_supply() > 0, "the run ends with tokens");
}

#[ink::test]
fn only_the_admin_upgrades_and_the_first_layout_has_nothing_to_migrate() {
    let mut n = nft(false);
    assert_eq!(n.storage_version(), STORAGE_VERSION);
    // (the admin's code change itself is a host call: end to end)
    assert!(matches!(n.set_code(&by(BOB), [9; 32].into()), Err(UpgradeError::MissingRole)));
    assert!(matches!(n.migrate(&by(BOB)), Err(UpgradeError::MissingRole)));
    // nothing to migrate: succeeds as a no-op (an upgrade keeping the layout ends with it)
    let events = n.migrate(&by(ADMIN)).unwrap();
    assert!(matches!(&events[..], [NftEvent::Migrated(m)] if m.from == STORAGE_VERSION && m.to == STORAGE_VERSION));
}
