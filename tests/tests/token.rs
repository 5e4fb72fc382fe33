//! End-to-end tests of the governance token: the built `token.contract` driven through real
//! calls, in the in-process runtime (`sandbox::*`) and on the local node (`node::*`).

use psp22::PSP22Error;
use sovra_e2e::*;
use sovra_kit::checkpoints::Checkpoint;
use sovra_kit::signing::test_signer::EcdsaSigner;
use sovra_interfaces::votes::VotesError;
use token::events::{DelegateChanged, DelegateVotesChanged};
use token::data::{ComplianceGate, SignedAction};
use token::errors::TokenError;
use token::events::ComplianceChanged;
use token::TokenRef;
use psp22::PSP22;
use psp22::PSP22Burnable;
use psp22::PSP22Metadata;
use psp22::PSP22Mintable;
use sovra_interfaces::votes::Votes;


e2e_tests!(
    a_transfer_moves_votes_and_past_votes_survive_later_transfers,
    only_the_pauser_pauses_and_a_paused_token_moves_nothing,
    permit_and_delegate_by_sig_are_accepted_once_and_never_for_the_other_purpose,
    the_compliance_gate_follows_the_receivers_credential_in_the_real_registries,
    no_holder_can_rewrite_the_past_total_supply,
    a_permit_signed_for_another_chain_is_refused,
    a_dry_run_at_the_best_block_asks_enough_weight_for_the_next_block,
);

/// Given a token whose deployer (Alice) holds 1,000,000 and every role.
fn deploy(chain: &mut Chain) -> Contract {
    let args = (chain.genesis_hash(), Some(String::from("Sovra")), Some(String::from("SOV")), 12u8, 1_000_000u128, None::<u128>, None::<ComplianceGate>);
    let token = chain.deploy(&bundle("token"), "new", args, ALICE);
    assert_eq!(chain.read(token.calls::<TokenRef>().total_supply()), 1_000_000);
    assert_eq!(chain.read(token.calls::<TokenRef>().token_symbol()), Some(String::from("SOV")));
    token
}

fn a_transfer_moves_votes_and_past_votes_survive_later_transfers(mut chain: Chain) {
    let token = deploy(&mut chain);
    // the deployer votes with its balance without delegating
    assert_eq!(chain.read(token.calls::<TokenRef>().get_votes(ink_account(ALICE))), 1_000_000);
    // when Alice sends Bob 400,000
    let out = chain.call(ALICE, token.calls::<TokenRef>().transfer(ink_account(BOB), 400_000u128, Vec::<u8>::new()));
    assert_eq!(out.value, Ok(()));
    let transfer_block = chain.block();
    // then Bob, a first-time receiver, delegates to himself and the votes move
    assert_eq!(
        out.events_of::<DelegateChanged>(&token),
        vec![DelegateChanged { delegator: ink_account(BOB), from_delegate: None, to_delegate: ink_account(BOB) }]
    );
    assert_eq!(
        out.events_of::<DelegateVotesChanged>(&token),
        vec![
            DelegateVotesChanged { delegate: ink_account(ALICE), previous_votes: 1_000_000, new_votes: 600_000 },
            DelegateVotesChanged { delegate: ink_account(BOB), previous_votes: 0, new_votes: 400_000 },
        ]
    );
    // indexers filter votes by delegate
    assert_eq!(out.topics_of::<DelegateVotesChanged>(&token)[1], vec![signature_topic::<DelegateVotesChanged>(), BOB]);
    assert_eq!(chain.read(token.calls::<TokenRef>().get_votes(ink_account(BOB))), 400_000);
    // a past lookup of the current block is refused
    let now = chain.block();
    let refused: Result<u128, VotesError> = chain.read(token.calls::<TokenRef>().get_past_votes(ink_account(BOB), now + 1));
    assert_eq!(refused, Err(VotesError::FutureLookup));
    // when Bob then delegates to Charlie and sends everything back, later
    chain.advance_blocks(1);
    assert_eq!(chain.call(BOB, token.calls::<TokenRef>().delegate(ink_account(CHARLIE))).value, Ok(()));
    assert_eq!(chain.call(BOB, token.calls::<TokenRef>().transfer(ink_account(ALICE), 400_000u128, Vec::<u8>::new())).value, Ok(()));
    chain.advance_blocks(1);
    // then the votes at the transfer block are unchanged
    let past: Result<u128, VotesError> = chain.read(token.calls::<TokenRef>().get_past_votes(ink_account(BOB), transfer_block));
    assert_eq!(past, Ok(400_000));
    let before: Result<u128, VotesError> = chain.read(token.calls::<TokenRef>().get_past_votes(ink_account(BOB), transfer_block - 1));
    assert_eq!(before, Ok(0));
    assert_eq!(chain.read(token.calls::<TokenRef>().get_votes(ink_account(CHARLIE))), 0);
    assert_eq!(chain.read(token.calls::<TokenRef>().get_votes(ink_account(ALICE))), 1_000_000);
    let supply: Result<u128, VotesError> = chain.read(token.calls::<TokenRef>().get_past_total_supply(transfer_block));
    assert_eq!(supply, Ok(1_000_000));
    assert!(chain.read(token.calls::<TokenRef>().num_checkpoints(ink_account(BOB))) >= 2);
    let first: Option<Checkpoint> = chain.read(token.calls::<TokenRef>().checkpoints(ink_account(BOB), 0u32));
    assert_eq!(first, Some(Checkpoint { block: transfer_block, value: 400_000 }));
}

fn only_the_pauser_pauses_and_a_paused_token_moves_nothing(mut chain: Chain) {
    let token = deploy(&mut chain);
    let out = chain.call(BOB, token.calls::<TokenRef>().pause());
    assert_eq!(out.value, Err(TokenError::MissingRole));
    assert!(out.reverted);
    assert_eq!(chain.call(ALICE, token.calls::<TokenRef>().pause()).value, Ok(()));
    let out = chain.call(ALICE, token.calls::<TokenRef>().transfer(ink_account(BOB), 1u128, Vec::<u8>::new()));
    assert_eq!(out.value, Err(PSP22Error::Custom(String::from("Paused"))));
    assert!(out.reverted);
    let out = chain.call(ALICE, token.calls::<TokenRef>().mint(5u128));
    assert_eq!(out.value, Err(PSP22Error::Custom(String::from("Paused"))));
    assert_eq!(chain.call(ALICE, token.calls::<TokenRef>().unpause()).value, Ok(()));
    assert_eq!(chain.call(ALICE, token.calls::<TokenRef>().mint(5u128)).value, Ok(()));
    assert_eq!(chain.read(token.calls::<TokenRef>().total_supply()), 1_000_005);
}

fn permit_and_delegate_by_sig_are_accepted_once_and_never_for_the_other_purpose(mut chain: Chain) {
    let token = deploy(&mut chain);
    // given an ECDSA holder without funds for fees: a relayer (Bob) submits for it
    let owner = EcdsaSigner::new(42);
    assert_eq!(chain.call(ALICE, token.calls::<TokenRef>().transfer(owner.account(), 500u128, Vec::<u8>::new())).value, Ok(()));
    let deadline = chain.block() + 20;
    let sign = |chain: &mut Chain, action: SignedAction, nonce: u64| {
        let payload: Vec<u8> = chain.read(token.calls::<TokenRef>().signing_payload(action, nonce, deadline));
        owner.sign(&payload)
    };
    let permit = SignedAction::Permit { owner: owner.account(), spender: ink_account(CHARLIE), value: 120 };
    let delegation = SignedAction::Delegation { delegator: owner.account(), delegatee: ink_account(DAVE) };
    let permit_sig = sign(&mut chain, permit, 0);
    // a permit signature does not delegate
    let out = chain.call(BOB, token.calls::<TokenRef>().delegate_by_sig(owner.account(), ink_account(DAVE), 0u64, deadline, permit_sig));
    assert_eq!(out.value, Err(TokenError::BadSignature));
    assert!(out.reverted);
    // the permit is accepted once
    let out = chain.call(BOB, token.calls::<TokenRef>().permit(owner.account(), ink_account(CHARLIE), 120u128, 0u64, deadline, permit_sig));
    assert_eq!(out.value, Ok(()));
    assert_eq!(out.events_of::<psp22::Approval>(&token).len(), 1);
    assert_eq!(chain.read(token.calls::<TokenRef>().allowance(owner.account(), ink_account(CHARLIE))), 120);
    let replay = chain.call(BOB, token.calls::<TokenRef>().permit(owner.account(), ink_account(CHARLIE), 120u128, 0u64, deadline, permit_sig));
    assert_eq!(replay.value, Err(TokenError::NonceUsed));
    // the spender uses it
    assert_eq!(chain.call(CHARLIE, token.calls::<TokenRef>().transfer_from(owner.account(), ink_account(CHARLIE), 100u128, Vec::<u8>::new())).value, Ok(()));
    // delegation by signature, nonce 1
    let sig = sign(&mut chain, delegation, 1);
    let out = chain.call(BOB, token.calls::<TokenRef>().delegate_by_sig(owner.account(), ink_account(DAVE), 1u64, deadline, sig));
    assert_eq!(out.value, Ok(()));
    assert_eq!(chain.read(token.calls::<TokenRef>().delegates(owner.account())), Some(ink_account(DAVE)));
    assert_eq!(chain.read(token.calls::<TokenRef>().get_votes(ink_account(DAVE))), 400);
    assert_eq!(chain.read(token.calls::<TokenRef>().nonces(owner.account())), 2);
    // an expired signature is rejected
    let late = SignedAction::Delegation { delegator: owner.account(), delegatee: ink_account(EVE) };
    let expired_at = chain.block();
    let payload: Vec<u8> = chain.read(token.calls::<TokenRef>().signing_payload(late, 2u64, expired_at));
    let sig = owner.sign(&payload);
    chain.advance_blocks(2);
    let out = chain.call(BOB, token.calls::<TokenRef>().delegate_by_sig(owner.account(), ink_account(EVE), 2u64, expired_at, sig));
    assert_eq!(out.value, Err(TokenError::Expired));
}

/// The supply's history once shared the votes map under a public key: delegating to that id,
/// burning and delegating back in one block moved the past total supply (every quorum is a
/// fraction of it). It has its own storage now.
fn no_holder_can_rewrite_the_past_total_supply(mut chain: Chain) {
    let token = deploy(&mut chain);
    assert_eq!(chain.call(ALICE, token.calls::<TokenRef>().transfer(ink_account(BOB), 400_000u128, Vec::<u8>::new())).value, Ok(()));
    chain.advance_blocks(1);
    let old_supply_key = AccountId::from(sovra_kit::blake2(b"sovra-token/total-supply"));
    // Bob delegates to the key, burns 1, delegates back (one block in the sandbox, a block per
    // call on the node): on the old layout the key's votes and the supply were one history,
    // and the supply at the end of that block read 599,999
    let first = chain.block();
    let delegate = |chain: &mut Chain, to: AccountId| chain.call(BOB, token.calls::<TokenRef>().delegate(to)).value;
    assert_eq!(delegate(&mut chain, old_supply_key), Ok(()));
    assert_eq!(chain.call(BOB, token.calls::<TokenRef>().burn(1u128)).value, Ok(()));
    assert_eq!(delegate(&mut chain, ink_account(BOB)), Ok(()));
    let last = chain.block();
    chain.advance_blocks(1);
    for block in first..=last {
        let supply = chain.read(token.calls::<TokenRef>().get_past_total_supply(block));
        assert!(matches!(supply, Ok(1_000_000 | 999_999)), "block {block}: {supply:?}");
    }
    assert_eq!(chain.read(token.calls::<TokenRef>().get_past_total_supply(last)), Ok(999_999));
    // the key's own votes are an account's like any other: delegated and taken back
    assert_eq!(chain.read(token.calls::<TokenRef>().get_votes(old_supply_key)), 0);
    assert_eq!(chain.read(token.calls::<TokenRef>().get_votes(ink_account(BOB))), 399_999);
}

/// A permit made for a staging fork that kept the token's address and nonces (the real token's
/// payload with the fork's genesis hash in it) does not verify here.
fn a_permit_signed_for_another_chain_is_refused(mut chain: Chain) {
    let token = deploy(&mut chain);
    assert_eq!(chain.read(token.calls::<TokenRef>().chain_id()), chain.genesis_hash());
    let owner = EcdsaSigner::new(43);
    let deadline = chain.block() + 20;
    let permit = SignedAction::Permit { owner: owner.account(), spender: ink_account(CHARLIE), value: 7 };
    let payload: Vec<u8> = chain.read(token.calls::<TokenRef>().signing_payload(permit, 0u64, deadline));
    // `<Bytes>` (7) ++ tag `sovra-token/v1` (14) ++ chain (32) ++ …
    assert_eq!(&payload[21..53], &chain.genesis_hash()[..]);
    let mut on_fork = payload.clone();
    on_fork[21..53].copy_from_slice(&[0x57; 32]);
    let permit = |sig: [u8; 65]| token.calls::<TokenRef>().permit(owner.account(), ink_account(CHARLIE), 7u128, 0u64, deadline, sig);
    let out = chain.call(BOB, permit(owner.sign(&on_fork)));
    assert_eq!(out.value, Err(TokenError::BadSignature));
    // the genuine one is accepted
    let out = chain.call(BOB, permit(owner.sign(&payload)));
    assert_eq!(out.value, Ok(()));
    assert_eq!(chain.read(token.calls::<TokenRef>().allowance(owner.account(), ink_account(CHARLIE))), 7);
}

/// The gate against the real DID and credential registries: no credential → rejected, issued →
/// accepted, suspended → rejected, reinstated → accepted, revoked → rejected; the holder can
/// always send what it has.
fn the_compliance_gate_follows_the_receivers_credential_in_the_real_registries(mut chain: Chain) {
    // given the registries, an issuer DID (Bob) trusted for a membership schema, and Alice a member
    let members = Membership::set_up(&mut chain);
    members.issue(&mut chain, ALICE, 1);
    // and a gated token (the deployer's initial supply passes the gate)
    let gate = members.gate();
    let args = (chain.genesis_hash(), Some(String::from("Member")), Some(String::from("MBR")), 0u8, 1_000u128, None::<u128>, Some(gate));
    let token = chain.deploy(&bundle("token"), "new", args, ALICE);
    assert_eq!(chain.read(token.calls::<TokenRef>().compliance()), Some(gate));
    let send = |chain: &mut Chain, from: [u8; 32], to: [u8; 32], value: u128| {
        chain.call(from, token.calls::<TokenRef>().transfer(ink_account(to), value, Vec::<u8>::new())).value
    };
    let failed = || Err(PSP22Error::Custom(String::from("ComplianceFailed")));
    // no credential: rejected
    assert_eq!(send(&mut chain, ALICE, CHARLIE, 10), failed());
    // issued: accepted
    members.issue(&mut chain, CHARLIE, 2);
    assert_eq!(send(&mut chain, ALICE, CHARLIE, 10), Ok(()));
    // suspended: rejected; reinstated: accepted; revoked: rejected
    members.set_status(&mut chain, "suspend", 2);
    assert_eq!(send(&mut chain, ALICE, CHARLIE, 10), failed());
    members.set_status(&mut chain, "reinstate", 2);
    assert_eq!(send(&mut chain, ALICE, CHARLIE, 10), Ok(()));
    members.set_status(&mut chain, "revoke", 2);
    assert_eq!(send(&mut chain, ALICE, CHARLIE, 10), failed());
    // held funds are not frozen: Charlie still sends to a member
    assert_eq!(send(&mut chain, CHARLIE, ALICE, 20), Ok(()));
    assert_eq!(chain.read(token.calls::<TokenRef>().balance_of(ink_account(CHARLIE))), 0);
    // the admin may lift the gate
    let out = chain.call(ALICE, token.calls::<TokenRef>().set_compliance(None::<ComplianceGate>));
    assert_eq!(out.events_of::<ComplianceChanged>(&token), vec![ComplianceChanged { gate: None, by: ink_account(ALICE) }]);
    assert_eq!(send(&mut chain, ALICE, CHARLIE, 10), Ok(()));
}

/// A wallet dry-runs at the best block and submits in the next one. A vote-moving transfer right
/// after another (in the best block) overwrites that block's checkpoints in the dry run but
/// appends new ones on chain: the client's gas limit for the dry run (+1%) must cover it — it
/// fell 6.9% short while overwrites did not write the checkpoint count —, and the storage
/// deposit the dry run misses is exactly the client's documented margin: two checkpoints.
fn a_dry_run_at_the_best_block_asks_enough_weight_for_the_next_block(mut chain: Chain) {
    let token = deploy(&mut chain);
    // Alice's and Bob's votes change in the best block
    assert_eq!(chain.call(ALICE, token.calls::<TokenRef>().transfer(ink_account(BOB), 1_000u128, Vec::<u8>::new())).value, Ok(()));
    let best = chain.block();
    let transfer = || token.calls::<TokenRef>().transfer(ink_account(BOB), 2_000u128, Vec::<u8>::new());
    // the wallet's dry run: at the best block, overwriting its checkpoints
    let at_best = chain.dry_run(ALICE, transfer());
    assert_eq!((at_best.value, chain.block()), (Ok(()), best));
    // the same transfer in the next block appends two checkpoints
    chain.advance_blocks(1);
    let before = chain.read(token.calls::<TokenRef>().num_checkpoints(ink_account(ALICE)));
    let next = chain.dry_run(ALICE, transfer());
    assert_eq!(next.value, Ok(()));
    // the limit a client submits for the best block's dry run covers the next block
    let (need, limit) = (next.gas_required, gas_limit(at_best.gas_required));
    assert!(
        limit.ref_time() >= need.ref_time() && limit.proof_size() >= need.proof_size(),
        "the limit for the dry run at the best block is {limit:?}, the next block needs {need:?}"
    );
    assert_eq!(next.storage_deposit - at_best.storage_deposit, chain.deposit_margin());
    let out = chain.call(ALICE, transfer());
    assert_eq!(out.value, Ok(()));
    assert_eq!(chain.read(token.calls::<TokenRef>().num_checkpoints(ink_account(ALICE))), before + 1);
}
