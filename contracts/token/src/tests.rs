//! Off-chain unit tests of the token's rules: transfers and allowances, mint/burn with roles,
//! cap and pause, and votes (default self-delegation, delegation, past lookups), with property
//! tests over random operation sequences.
// Test code: small constant arithmetic and casts are fine here (the contract code is linted).
#![allow(clippy::arithmetic_side_effects, clippy::cast_possible_truncation)]

use super::*;
use sovra_kit::access::RoleError;
use sovra_kit::testing::{acc, CredentialTable, Rng, Ungated};

fn at(caller: u8, block: u32) -> Ctx {
    Ctx { caller: acc(caller), block, now: 0 }
}

/// The chain the tokens under test are constructed for.
const CHAIN: [u8; 32] = [0xc1; 32];

const ADMIN: u8 = 1;
const BOB: u8 = 2;
const CAROL: u8 = 3;
const DAVE: u8 = 4;

/// A token whose admin (all roles) holds 1,000 from block 1, capped at `cap`.
fn token(cap: Option<u128>) -> TokenData {
    TokenData::new(&at(ADMIN, 1), &Ungated, CHAIN, acc(ADMIN), 1_000, cap, None).expect("token").0
}

/// The transfers among `events`, as (from, to, value).
fn transfers(events: &[TokenEvent]) -> Vec<(Option<AccountId>, Option<AccountId>, u128)> {
    events
        .iter()
        .filter_map(|e| match e {
            TokenEvent::Transfer(t) => Some((t.from, t.to, t.value)),
            _ => None,
        })
        .collect()
}

/// The vote changes among `events`, as (delegate, previous, new).
fn vote_changes(events: &[TokenEvent]) -> Vec<(AccountId, u128, u128)> {
    events
        .iter()
        .filter_map(|e| match e {
            TokenEvent::DelegateVotesChanged(v) => Some((v.delegate, v.previous_votes, v.new_votes)),
            _ => None,
        })
        .collect()
}

// ---------------------------------------------------------------- construction, roles

#[ink::test]
fn the_deployer_holds_the_supply_every_role_and_its_votes() {
    let (t, events) = TokenData::new(&at(ADMIN, 1), &Ungated, CHAIN, acc(ADMIN), 1_000, Some(5_000), None).unwrap();
    assert_eq!((t.total_supply(), t.balance_of(acc(ADMIN)), t.cap()), (1_000, 1_000, Some(5_000)));
    for role in [DEFAULT_ADMIN_ROLE, MINTER_ROLE, PAUSER_ROLE] {
        assert!(t.roles.has(role, acc(ADMIN)));
    }
    assert_eq!(transfers(&events), vec![(None, Some(acc(ADMIN)), 1_000)]);
    assert_eq!(vote_changes(&events), vec![(acc(ADMIN), 0, 1_000)]);
    assert_eq!(t.delegates(acc(ADMIN)), Some(acc(ADMIN)));
    assert_eq!(t.get_votes(acc(ADMIN)), 1_000);
    // an initial supply over the cap cannot be deployed
    assert!(matches!(TokenData::new(&at(ADMIN, 1), &Ungated, CHAIN, acc(ADMIN), 6_000, Some(5_000), None), Err(TokenError::CapExceeded)));
}

#[ink::test]
fn roles_follow_the_shared_model() {
    let mut t = token(None);
    assert!(matches!(t.roles.grant_role::<TokenEvent>(at(BOB, 2).caller, MINTER_ROLE, acc(BOB)), Err(RoleError::MissingRole)));
    assert_eq!(t.roles.grant_role::<TokenEvent>(at(ADMIN, 2).caller, MINTER_ROLE, acc(BOB)).unwrap().len(), 1);
    assert!(t.roles.has(MINTER_ROLE, acc(BOB)));
    assert_eq!(t.roles.revoke_role::<TokenEvent>(at(ADMIN, 2).caller, MINTER_ROLE, acc(BOB)).unwrap().len(), 1);
    assert!(matches!(t.roles.renounce_role::<TokenEvent>(at(BOB, 2).caller, MINTER_ROLE), Err(RoleError::MissingRole)));
    t.roles.renounce_role::<TokenEvent>(at(ADMIN, 2).caller, MINTER_ROLE).unwrap();
    assert!(matches!(t.mint(&at(ADMIN, 2), &Ungated, acc(ADMIN), 1), Err(TokenError::MissingRole)));
}

// ---------------------------------------------------------------- transfers and allowances

#[ink::test]
fn transfers_move_balances_and_reject_overdrafts() {
    let mut t = token(None);
    let events = t.transfer(&at(ADMIN, 2), &Ungated, acc(BOB), 300).unwrap();
    assert_eq!(transfers(&events), vec![(Some(acc(ADMIN)), Some(acc(BOB)), 300)]);
    assert_eq!((t.balance_of(acc(ADMIN)), t.balance_of(acc(BOB))), (700, 300));
    assert!(matches!(t.transfer(&at(BOB, 2), &Ungated, acc(CAROL), 301), Err(TokenError::InsufficientBalance)));
    // zero and self transfers change nothing and emit nothing
    assert!(t.transfer(&at(BOB, 2), &Ungated, acc(CAROL), 0).unwrap().is_empty());
    assert!(t.transfer(&at(BOB, 2), &Ungated, acc(BOB), 10).unwrap().is_empty());
    assert_eq!(t.total_supply(), 1_000);
}

#[ink::test]
fn allowances_are_set_raised_lowered_and_spent() {
    let mut t = token(None);
    t.approve(&at(ADMIN, 2), acc(BOB), 100);
    assert_eq!(t.allowance(acc(ADMIN), acc(BOB)), 100);
    t.increase_allowance(&at(ADMIN, 2), acc(BOB), 50);
    assert!(matches!(t.decrease_allowance(&at(ADMIN, 2), acc(BOB), 151), Err(TokenError::InsufficientAllowance)));
    t.decrease_allowance(&at(ADMIN, 2), acc(BOB), 30).unwrap();
    assert_eq!(t.allowance(acc(ADMIN), acc(BOB)), 120);
    assert!(matches!(t.transfer_from(&at(BOB, 2), &Ungated, acc(ADMIN), acc(CAROL), 121), Err(TokenError::InsufficientAllowance)));
    let events = t.transfer_from(&at(BOB, 2), &Ungated, acc(ADMIN), acc(CAROL), 120).unwrap();
    assert_eq!(transfers(&events), vec![(Some(acc(ADMIN)), Some(acc(CAROL)), 120)]);
    assert_eq!((t.allowance(acc(ADMIN), acc(BOB)), t.balance_of(acc(CAROL))), (0, 120));
    // the owner needs no allowance for itself
    t.transfer_from(&at(ADMIN, 2), &Ungated, acc(ADMIN), acc(CAROL), 10).unwrap();
    // allowance without balance
    t.approve(&at(CAROL, 2), acc(BOB), 1_000);
    assert!(matches!(t.transfer_from(&at(BOB, 2), &Ungated, acc(CAROL), acc(DAVE), 500), Err(TokenError::InsufficientBalance)));
    assert_eq!(t.allowance(acc(CAROL), acc(BOB)), 1_000);
}

// ---------------------------------------------------------------- mint, burn, cap, pause

#[ink::test]
fn minting_needs_the_role_and_respects_the_cap() {
    let mut t = token(Some(1_500));
    assert!(matches!(t.mint(&at(BOB, 2), &Ungated, acc(BOB), 1), Err(TokenError::MissingRole)));
    let events = t.mint(&at(ADMIN, 2), &Ungated, acc(BOB), 500).unwrap();
    assert_eq!(transfers(&events), vec![(None, Some(acc(BOB)), 500)]);
    assert_eq!(t.total_supply(), 1_500);
    assert!(matches!(t.mint(&at(ADMIN, 2), &Ungated, acc(BOB), 1), Err(TokenError::CapExceeded)));
    // burning makes room again
    t.burn(&at(BOB, 3), 100).unwrap();
    assert_eq!(t.total_supply(), 1_400);
    t.mint(&at(ADMIN, 3), &Ungated, acc(BOB), 100).unwrap();
    assert!(matches!(t.burn(&at(CAROL, 3), 1), Err(TokenError::InsufficientBalance)));
}

#[ink::test]
fn an_uncapped_supply_still_cannot_overflow() {
    let mut t = token(None);
    assert!(matches!(t.mint(&at(ADMIN, 2), &Ungated, acc(BOB), u128::MAX), Err(TokenError::Overflow)));
    assert_eq!(t.total_supply(), 1_000);
}

#[ink::test]
fn pause_stops_transfers_mints_and_burns_but_not_delegation() {
    let mut t = token(None);
    assert!(matches!(t.set_paused(&at(BOB, 2), true), Err(TokenError::MissingRole)));
    t.set_paused(&at(ADMIN, 2), true).unwrap();
    assert!(t.paused());
    assert!(matches!(t.set_paused(&at(ADMIN, 2), true), Err(TokenError::AlreadyInThatState)));
    assert!(matches!(t.transfer(&at(ADMIN, 2), &Ungated, acc(BOB), 1), Err(TokenError::Paused)));
    t.approve(&at(ADMIN, 2), acc(BOB), 5);
    assert!(matches!(t.transfer_from(&at(BOB, 2), &Ungated, acc(ADMIN), acc(BOB), 1), Err(TokenError::Paused)));
    assert!(matches!(t.mint(&at(ADMIN, 2), &Ungated, acc(BOB), 1), Err(TokenError::Paused)));
    assert!(matches!(t.burn(&at(ADMIN, 2), 1), Err(TokenError::Paused)));
    t.delegate(&at(ADMIN, 2), acc(DAVE)).unwrap();
    assert_eq!(t.get_votes(acc(DAVE)), 1_000);
    t.set_paused(&at(ADMIN, 3), false).unwrap();
    t.transfer(&at(ADMIN, 3), &Ungated, acc(BOB), 1).unwrap();
}

// ---------------------------------------------------------------- votes

#[ink::test]
fn holders_vote_with_their_balance_without_delegating() {
    let mut t = token(None);
    let events = t.transfer(&at(ADMIN, 2), &Ungated, acc(BOB), 300).unwrap();
    assert!(events.iter().any(|e| matches!(e, TokenEvent::DelegateChanged(d) if d.delegator == acc(BOB) && d.to_delegate == acc(BOB) && d.from_delegate.is_none())));
    assert_eq!(vote_changes(&events), vec![(acc(ADMIN), 1_000, 700), (acc(BOB), 0, 300)]);
    assert_eq!((t.get_votes(acc(ADMIN)), t.get_votes(acc(BOB))), (700, 300));
    assert_eq!(t.delegates(acc(BOB)), Some(acc(BOB)));
}

#[ink::test]
fn a_chosen_delegate_is_kept_on_receipt_and_votes_follow_it() {
    let mut t = token(None);
    // Bob chooses Dave before holding anything
    t.delegate(&at(BOB, 2), acc(DAVE)).unwrap();
    t.transfer(&at(ADMIN, 3), &Ungated, acc(BOB), 300).unwrap();
    assert_eq!(t.delegates(acc(BOB)), Some(acc(DAVE)));
    assert_eq!((t.get_votes(acc(BOB)), t.get_votes(acc(DAVE))), (0, 300));
    // re-delegating moves the whole balance
    let events = t.delegate(&at(BOB, 4), acc(CAROL)).unwrap();
    assert_eq!(vote_changes(&events), vec![(acc(DAVE), 300, 0), (acc(CAROL), 0, 300)]);
    assert!(t.delegate(&at(BOB, 4), acc(CAROL)).unwrap().is_empty());
    // mint and burn move the delegate's votes and the supply history
    t.mint(&at(ADMIN, 5), &Ungated, acc(BOB), 50).unwrap();
    t.burn(&at(BOB, 6), 20).unwrap();
    assert_eq!(t.get_votes(acc(CAROL)), 330);
    assert_eq!(t.get_past_total_supply(&at(ADMIN, 7), 5), Ok(1_050));
    assert_eq!(t.get_past_total_supply(&at(ADMIN, 7), 6), Ok(1_030));
}

#[ink::test]
fn past_votes_are_fixed_and_future_lookups_fail() {
    let mut t = token(None);
    t.transfer(&at(ADMIN, 5), &Ungated, acc(BOB), 100).unwrap();
    t.transfer(&at(ADMIN, 5), &Ungated, acc(BOB), 100).unwrap();
    t.transfer(&at(ADMIN, 9), &Ungated, acc(BOB), 100).unwrap();
    // one checkpoint per block
    assert_eq!(t.num_checkpoints(acc(BOB)), 2);
    assert_eq!(t.checkpoint(acc(BOB), 0), Some(Checkpoint { block: 5, value: 200 }));
    let now = at(CAROL, 12);
    assert_eq!(t.get_past_votes(&now, acc(BOB), 4), Ok(0));
    assert_eq!(t.get_past_votes(&now, acc(BOB), 5), Ok(200));
    assert_eq!(t.get_past_votes(&now, acc(BOB), 8), Ok(200));
    assert_eq!(t.get_past_votes(&now, acc(BOB), 11), Ok(300));
    assert_eq!(t.get_past_votes(&now, acc(BOB), 12), Err(TokenError::FutureLookup));
    assert_eq!(t.get_past_total_supply(&now, 13), Err(TokenError::FutureLookup));
    assert_eq!(t.get_past_total_supply(&now, 0), Ok(0));
    assert_eq!(t.get_past_total_supply(&now, 1), Ok(1_000));
}

/// The flash-loan shape: tokens received after a snapshot block give no votes at it.
#[ink::test]
fn tokens_bought_after_the_snapshot_give_no_votes_at_it() {
    let mut t = token(None);
    let snapshot = 10;
    t.transfer(&at(ADMIN, snapshot + 1), &Ungated, acc(BOB), 900).unwrap();
    let later = at(CAROL, snapshot + 2);
    assert_eq!(t.get_past_votes(&later, acc(BOB), snapshot), Ok(0));
    assert_eq!(t.get_past_votes(&later, acc(ADMIN), snapshot), Ok(1_000));
    // and returning them afterwards does not change the past either
    t.transfer(&at(BOB, snapshot + 3), &Ungated, acc(ADMIN), 900).unwrap();
    assert_eq!(t.get_past_votes(&at(CAROL, snapshot + 4), acc(BOB), snapshot + 1), Ok(900));
}

// ---------------------------------------------------------------- properties

/// Properties over random transfers, mints, burns, delegations and approvals across blocks:
/// the balances sum to the total supply; the delegates' votes sum to the balances of holders
/// that have a delegate; each delegate's votes are the balances delegated to it; and a past
/// block's votes and total supply never change once that block is over.
#[ink::test]
fn property_supply_votes_and_the_past_stay_consistent() {
    const N: u8 = 5;
    let mut t = token(None);
    // Besides the N holders, delegation and transfer targets include arbitrary 32-byte ids —
    // among them the key the total supply's history once lived under in the votes map — whose
    // votes and balances count like anyone's and never touch the supply's history.
    let old_supply_key = AccountId::from(sovra_kit::blake2(b"sovra-token/total-supply"));
    let mut rng = Rng(0x9E37_79B9_7F4A_7C15);
    let strangers: Vec<AccountId> = [old_supply_key, AccountId::from([0; 32]), AccountId::from([0xff; 32])]
        .into_iter()
        .chain((0..3).map(|_| {
            let mut id = [0u8; 32];
            for chunk in id.chunks_mut(8) {
                chunk.copy_from_slice(&rng.next_u64().to_le_bytes());
            }
            AccountId::from(id)
        }))
        .collect();
    let target = |rng: &mut Rng| -> AccountId {
        let i = rng.below(u64::from(N) + strangers.len() as u64) as usize;
        if i < N as usize { acc(i as u8 + 1) } else { strangers[i - N as usize] }
    };
    let everyone: Vec<AccountId> = (1..=N).map(acc).chain(strangers.iter().copied()).collect();
    // block → (everyone's votes, supply), as observed once the block was over
    let mut past: Vec<(u32, Vec<u128>, u128)> = Vec::new();
    let mut block = 2u32;
    for step in 0..600 {
        if rng.below(4) == 0 {
            let snapshot: Vec<u128> = everyone.iter().map(|&a| t.get_votes(a)).collect();
            past.push((block, snapshot, t.total_supply()));
            block += 1;
        }
        // the N holders act (the strangers' keys are unknown); anyone may be a target
        let who = rng.below(u64::from(N)) as u8 + 1;
        let other = target(&mut rng);
        let value = u128::from(rng.below(300));
        let ctx = at(who, block);
        let _ = match rng.below(5) {
            0 | 1 => t.transfer(&ctx, &Ungated, other, value),
            2 => t.mint(&at(ADMIN, block), &Ungated, other, value),
            3 => t.burn(&ctx, value),
            _ => t.delegate(&ctx, other),
        };
        let balances: u128 = everyone.iter().map(|&a| t.balance_of(a)).sum();
        assert_eq!(balances, t.total_supply(), "step {step}");
        for &d in &everyone {
            let delegated: u128 = everyone.iter().filter(|&&a| t.delegates(a) == Some(d)).map(|&a| t.balance_of(a)).sum();
            assert_eq!(t.get_votes(d), delegated, "step {step}");
        }
        let now = at(ADMIN, block);
        for (b, votes, supply) in &past {
            assert_eq!(t.get_past_total_supply(&now, *b), Ok(*supply), "step {step}, block {b}");
            for (i, &a) in everyone.iter().enumerate() {
                assert_eq!(t.get_past_votes(&now, a, *b), Ok(votes[i]), "step {step}, block {b}");
            }
        }
    }
    assert!(past.iter().any(|(_, votes, _)| votes[N as usize] > 0), "the old supply key held votes in some block");
    assert!(past.len() > 50, "the run covered many blocks");
}

// ---------------------------------------------------------------- signed permits and delegation

use sovra_kit::signing::test_signer::{malleate, EcdsaSigner};

const TOKEN: [u8; 32] = [0x70; 32];

/// The message for `action` on the token at `TOKEN` of the chain `chain`.
fn message_on(chain: [u8; 32], action: SignedAction, nonce: u64, deadline: u32) -> Vec<u8> {
    let domain = signing::Domain { tag: &TOKEN_SIGNING_DOMAIN, chain, contract: TOKEN.into() };
    signing::signing_message(&domain, &(action, nonce, deadline))
}

fn sign(signer: &EcdsaSigner, action: SignedAction, nonce: u64, deadline: u32) -> [u8; 65] {
    signer.sign(&message_on(CHAIN, action, nonce, deadline))
}

#[ink::test]
fn a_permit_is_accepted_once_and_replays_expiry_and_strangers_fail() {
    let mut t = token(None);
    let owner = EcdsaSigner::new(9);
    let permit = SignedAction::Permit { owner: owner.account(), spender: acc(BOB), value: 77 };
    let sig = sign(&owner, permit, 0, 20);
    // expired, ahead of the nonce, malleated, signed by someone else
    assert_eq!(t.execute_signed(&at(CAROL, 21), TOKEN.into(), permit, 0, 20, &sig).err(), Some(TokenError::Expired));
    assert_eq!(t.execute_signed(&at(CAROL, 5), TOKEN.into(), permit, 1, 20, &sign(&owner, permit, 1, 20)).err(), Some(TokenError::InvalidNonce));
    assert_eq!(t.execute_signed(&at(CAROL, 5), TOKEN.into(), permit, 0, 20, &malleate(sig)).err(), Some(TokenError::NonCanonicalSignature));
    let stranger = EcdsaSigner::new(10);
    assert_eq!(t.execute_signed(&at(CAROL, 5), TOKEN.into(), permit, 0, 20, &sign(&stranger, permit, 0, 20)).err(), Some(TokenError::BadSignature));
    // a signature for another token
    let elsewhere = owner.sign(&t.signing_message([0x71; 32].into(), permit, 0, 20));
    assert_eq!(t.execute_signed(&at(CAROL, 5), TOKEN.into(), permit, 0, 20, &elsewhere).err(), Some(TokenError::BadSignature));
    // accepted once
    let events = t.execute_signed(&at(CAROL, 20), TOKEN.into(), permit, 0, 20, &sig).unwrap();
    assert!(matches!(&events[..], [TokenEvent::Approval(a)] if a.owner == owner.account() && a.spender == acc(BOB) && a.amount == 77));
    assert_eq!(t.allowance(owner.account(), acc(BOB)), 77);
    assert_eq!(t.nonce_of(owner.account()), 1);
    assert_eq!(t.execute_signed(&at(CAROL, 20), TOKEN.into(), permit, 0, 20, &sig).err(), Some(TokenError::NonceUsed));
}

#[ink::test]
fn a_signature_for_one_purpose_is_no_good_for_the_other() {
    let mut t = token(None);
    let owner = EcdsaSigner::new(11);
    t.transfer(&at(ADMIN, 2), &Ungated, owner.account(), 100).unwrap();
    let permit = SignedAction::Permit { owner: owner.account(), spender: acc(DAVE), value: 5 };
    let delegation = SignedAction::Delegation { delegator: owner.account(), delegatee: acc(DAVE) };
    let permit_sig = sign(&owner, permit, 0, 20);
    assert_eq!(t.execute_signed(&at(CAROL, 3), TOKEN.into(), delegation, 0, 20, &permit_sig).err(), Some(TokenError::BadSignature));
    let events = t.execute_signed(&at(CAROL, 3), TOKEN.into(), delegation, 0, 20, &sign(&owner, delegation, 0, 20)).unwrap();
    assert_eq!(vote_changes(&events), vec![(owner.account(), 100, 0), (acc(DAVE), 0, 100)]);
    assert_eq!(t.delegates(owner.account()), Some(acc(DAVE)));
    // the delegation consumed the nonce the permit was signed with
    assert_eq!(t.execute_signed(&at(CAROL, 3), TOKEN.into(), permit, 0, 20, &permit_sig).err(), Some(TokenError::NonceUsed));
}

/// The attack on the old layout: the supply's history lived in the votes map under a public
/// constant, so a holder delegating to that id and burning moved the past total supply (and
/// with it every quorum). The supply now has its own history.
#[ink::test]
fn no_account_can_rewrite_the_past_total_supply() {
    let mut t = token(None);
    t.transfer(&at(ADMIN, 2), &Ungated, acc(BOB), 400).unwrap();
    let old_supply_key = AccountId::from(sovra_kit::blake2(b"sovra-token/total-supply"));
    // in the snapshot block 3: delegate to the key, burn 1, delegate back
    t.delegate(&at(BOB, 3), old_supply_key).unwrap();
    t.burn(&at(BOB, 3), 1).unwrap();
    t.delegate(&at(BOB, 3), acc(BOB)).unwrap();
    assert_eq!(t.get_past_total_supply(&at(ADMIN, 4), 3), Ok(999));
    // and kept over the block's end: the key's votes are its own, the supply is unmoved
    t.delegate(&at(BOB, 4), old_supply_key).unwrap();
    assert_eq!(t.get_past_total_supply(&at(ADMIN, 5), 4), Ok(999));
    assert_eq!(t.get_past_votes(&at(ADMIN, 5), old_supply_key, 4), Ok(399));
    assert_eq!(t.get_past_total_supply(&at(ADMIN, 5), 2), Ok(1_000));
}

#[ink::test]
fn a_signature_made_for_another_chain_is_refused() {
    let owner = EcdsaSigner::new(12);
    let permit = SignedAction::Permit { owner: owner.account(), spender: acc(BOB), value: 5 };
    // the same token address and nonces on a fork with another genesis hash
    let signed_on_fork = owner.sign(&message_on([0xf0; 32], permit, 0, 20));
    let mut t = token(None);
    assert_eq!(t.chain_id(), CHAIN);
    assert_eq!(t.execute_signed(&at(CAROL, 5), TOKEN.into(), permit, 0, 20, &signed_on_fork).err(), Some(TokenError::BadSignature));
    assert_eq!(t.allowance(owner.account(), acc(BOB)), 0);
    // the message is the documented payload's SCALE, chain included
    let payload = TokenSignedPayload { domain: TOKEN_SIGNING_DOMAIN, chain: CHAIN, token: TOKEN.into(), action: permit, nonce: 0, deadline: 20 };
    let mut expected = b"<Bytes>".to_vec();
    expected.extend(scale::Encode::encode(&payload));
    expected.extend(b"</Bytes>");
    assert_eq!(t.signing_message(TOKEN.into(), permit, 0, 20), expected);
}

#[ink::test]
fn bumping_the_nonce_withdraws_a_pending_permit() {
    let mut t = token(None);
    let owner = EcdsaSigner::new(13);
    t.transfer(&at(ADMIN, 2), &Ungated, owner.account(), 100).unwrap();
    let permit = SignedAction::Permit { owner: owner.account(), spender: acc(BOB), value: 50 };
    let sig = sign(&owner, permit, 0, 20);
    // approve(spender, 0) does not stop a signed permit
    t.approve(&Ctx { caller: owner.account(), block: 3, now: 0 }, acc(BOB), 0);
    let events = t.bump_nonce(&Ctx { caller: owner.account(), block: 3, now: 0 }).unwrap();
    assert!(matches!(&events[..], [TokenEvent::SignerNonceBumped(b)] if b.signer == owner.account() && b.next_nonce == 1));
    assert_eq!(t.nonce_of(owner.account()), 1);
    assert_eq!(t.execute_signed(&at(BOB, 4), TOKEN.into(), permit, 0, 20, &sig).err(), Some(TokenError::NonceUsed));
    assert_eq!(t.allowance(owner.account(), acc(BOB)), 0);
}

#[ink::test]
fn a_refused_transfer_from_leaves_the_allowance() {
    let mut t = token(None);
    t.approve(&at(ADMIN, 2), acc(BOB), 100);
    t.set_paused(&at(ADMIN, 2), true).unwrap();
    assert!(matches!(t.transfer_from(&at(BOB, 2), &Ungated, acc(ADMIN), acc(CAROL), 60), Err(TokenError::Paused)));
    assert_eq!(t.allowance(acc(ADMIN), acc(BOB)), 100);
    t.set_paused(&at(ADMIN, 2), false).unwrap();
    let creds = CredentialTable::new([0x5c; 32]);
    t.set_compliance(&at(ADMIN, 2), Some(gate())).unwrap();
    assert!(matches!(t.transfer_from(&at(BOB, 2), &creds, acc(ADMIN), acc(CAROL), 60), Err(TokenError::ComplianceFailed)));
    assert_eq!(t.allowance(acc(ADMIN), acc(BOB)), 100);
    t.set_compliance(&at(ADMIN, 2), None).unwrap();
    let events = t.transfer_from(&at(BOB, 2), &Ungated, acc(ADMIN), acc(CAROL), 60).unwrap();
    assert!(matches!(&events[0], TokenEvent::Approval(a) if a.amount == 40));
    assert_eq!((t.allowance(acc(ADMIN), acc(BOB)), t.balance_of(acc(CAROL))), (40, 60));
}

// ---------------------------------------------------------------- compliance gate

fn gate() -> ComplianceGate {
    ComplianceGate { registry: acc(0xcc), schema: [0x5c; 32] }
}

#[ink::test]
fn receivers_need_a_valid_credential_and_senders_are_never_frozen() {
    let creds = CredentialTable::new([0x5c; 32]);
    // the deployer's initial supply is a receipt too
    assert!(matches!(TokenData::new(&at(ADMIN, 1), &creds, CHAIN, acc(ADMIN), 1_000, None, Some(gate())), Err(TokenError::ComplianceFailed)));
    creds.set(acc(ADMIN), true);
    let (mut t, events) = TokenData::new(&at(ADMIN, 1), &creds, CHAIN, acc(ADMIN), 1_000, None, Some(gate())).unwrap();
    assert!(events.iter().any(|e| matches!(e, TokenEvent::ComplianceChanged(c) if c.gate == Some(gate()))));
    assert_eq!(t.compliance(), Some(gate()));
    // no credential: no transfer, no mint, no transfer_from to it
    assert!(matches!(t.transfer(&at(ADMIN, 2), &creds, acc(BOB), 10), Err(TokenError::ComplianceFailed)));
    assert!(matches!(t.mint(&at(ADMIN, 2), &creds, acc(BOB), 10), Err(TokenError::ComplianceFailed)));
    t.approve(&at(ADMIN, 2), acc(CAROL), 50);
    assert!(matches!(t.transfer_from(&at(CAROL, 2), &creds, acc(ADMIN), acc(BOB), 10), Err(TokenError::ComplianceFailed)));
    // issued: accepted
    creds.set(acc(BOB), true);
    t.transfer(&at(ADMIN, 2), &creds, acc(BOB), 10).unwrap();
    // revoked (or suspended, expired): Bob receives nothing more, but may still send and burn
    creds.set(acc(BOB), false);
    assert!(matches!(t.transfer(&at(ADMIN, 3), &creds, acc(BOB), 1), Err(TokenError::ComplianceFailed)));
    t.transfer(&at(BOB, 3), &creds, acc(ADMIN), 4).unwrap();
    t.burn(&at(BOB, 3), 1).unwrap();
    assert_eq!(t.balance_of(acc(BOB)), 5);
}

#[ink::test]
fn only_the_admin_changes_the_gate() {
    let mut t = token(None);
    assert!(matches!(t.set_compliance(&at(BOB, 2), Some(gate())), Err(TokenError::MissingRole)));
    let events = t.set_compliance(&at(ADMIN, 2), Some(gate())).unwrap();
    assert!(matches!(&events[..], [TokenEvent::ComplianceChanged(c)] if c.gate == Some(gate()) && c.by == acc(ADMIN)));
    let creds = CredentialTable::new([0x5c; 32]);
    assert!(matches!(t.transfer(&at(ADMIN, 3), &creds, acc(BOB), 1), Err(TokenError::ComplianceFailed)));
    t.set_compliance(&at(ADMIN, 3), None).unwrap();
    t.transfer(&at(ADMIN, 3), &Ungated, acc(BOB), 1).unwrap();
}

// ---------------------------------------------------------------- upgrades

#[ink::test]
fn only_the_admin_upgrades_and_migrations_run_once() {
    let mut t = token(None);
    assert_eq!(t.storage_version(), STORAGE_VERSION);
    // (the admin's code change itself is a host call: end to end, tests/tests/governor.rs)
    assert!(matches!(t.set_code(&at(BOB, 2), [9; 32].into()), Err(UpgradeError::MissingRole)));
    assert!(matches!(t.migrate(&at(BOB, 2)), Err(UpgradeError::MissingRole)));
    // this build's layout is already the stored one
    // nothing to migrate: succeeds as a no-op (an upgrade keeping the layout ends with it)
    let events = t.migrate(&at(ADMIN, 2)).unwrap();
    assert!(matches!(&events[..], [TokenEvent::Migrated(m)] if m.from == STORAGE_VERSION && m.to == STORAGE_VERSION));
}
