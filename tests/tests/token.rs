//! End-to-end tests of the governance token: the built `token.contract` driven through real
//! calls, in the in-process runtime (`sandbox::*`) and on the local node (`node::*`).

use psp22::PSP22Error;
use sovra_e2e::*;
use sovra_traits::checkpoints::Checkpoint;
use sovra_traits::votes::{DelegateChanged, DelegateVotesChanged, VotesError};

type R<T> = Result<T, PSP22Error>;

e2e_tests!(a_transfer_moves_votes_and_past_votes_survive_later_transfers, only_the_pauser_pauses_and_a_paused_token_moves_nothing);

/// Given a token whose deployer (Alice) holds 1,000,000 and every role.
fn deploy(chain: &mut Chain) -> Contract {
    let args = (Some(String::from("Sovra")), Some(String::from("SOV")), 12u8, 1_000_000u128, None::<u128>);
    let token = chain.deploy(&Bundle::load("token"), "new", args, ALICE);
    assert_eq!(chain.query::<u128>(&token, "PSP22::total_supply", ()), 1_000_000);
    assert_eq!(chain.query::<Option<String>>(&token, "PSP22Metadata::token_symbol", ()), Some(String::from("SOV")));
    token
}

fn a_transfer_moves_votes_and_past_votes_survive_later_transfers(mut chain: Chain) {
    let token = deploy(&mut chain);
    // the deployer votes with its balance without delegating
    assert_eq!(chain.query::<u128>(&token, "Votes::get_votes", ink_account(ALICE)), 1_000_000);
    // when Alice sends Bob 400,000
    let out = chain.call::<R<()>>(&token, ALICE, "PSP22::transfer", (ink_account(BOB), 400_000u128, Vec::<u8>::new()));
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
    assert_eq!(chain.query::<u128>(&token, "Votes::get_votes", ink_account(BOB)), 400_000);
    // a past lookup of the current block is refused
    let now = chain.block();
    let refused: Result<u128, VotesError> = chain.query(&token, "Votes::get_past_votes", (ink_account(BOB), now + 1));
    assert_eq!(refused, Err(VotesError::FutureLookup));
    // when Bob then delegates to Charlie and sends everything back, later
    chain.advance_blocks(1);
    assert_eq!(chain.call::<Result<(), VotesError>>(&token, BOB, "Votes::delegate", ink_account(CHARLIE)).value, Ok(()));
    assert_eq!(chain.call::<R<()>>(&token, BOB, "PSP22::transfer", (ink_account(ALICE), 400_000u128, Vec::<u8>::new())).value, Ok(()));
    chain.advance_blocks(1);
    // then the votes at the transfer block are unchanged
    let past: Result<u128, VotesError> = chain.query(&token, "Votes::get_past_votes", (ink_account(BOB), transfer_block));
    assert_eq!(past, Ok(400_000));
    let before: Result<u128, VotesError> = chain.query(&token, "Votes::get_past_votes", (ink_account(BOB), transfer_block - 1));
    assert_eq!(before, Ok(0));
    assert_eq!(chain.query::<u128>(&token, "Votes::get_votes", ink_account(CHARLIE)), 0);
    assert_eq!(chain.query::<u128>(&token, "Votes::get_votes", ink_account(ALICE)), 1_000_000);
    let supply: Result<u128, VotesError> = chain.query(&token, "Votes::get_past_total_supply", transfer_block);
    assert_eq!(supply, Ok(1_000_000));
    assert!(chain.query::<u32>(&token, "num_checkpoints", ink_account(BOB)) >= 2);
    let first: Option<Checkpoint> = chain.query(&token, "checkpoints", (ink_account(BOB), 0u32));
    assert_eq!(first, Some(Checkpoint { block: transfer_block, value: 400_000 }));
}

fn only_the_pauser_pauses_and_a_paused_token_moves_nothing(mut chain: Chain) {
    let token = deploy(&mut chain);
    let out = chain.call::<Result<(), token::data::TokenError>>(&token, BOB, "pause", ());
    assert_eq!(out.value, Err(token::data::TokenError::MissingRole));
    assert!(out.reverted);
    assert_eq!(chain.call::<Result<(), token::data::TokenError>>(&token, ALICE, "pause", ()).value, Ok(()));
    let out = chain.call::<R<()>>(&token, ALICE, "PSP22::transfer", (ink_account(BOB), 1u128, Vec::<u8>::new()));
    assert_eq!(out.value, Err(PSP22Error::Custom(String::from("Paused"))));
    assert!(out.reverted);
    let out = chain.call::<R<()>>(&token, ALICE, "PSP22Mintable::mint", 5u128);
    assert_eq!(out.value, Err(PSP22Error::Custom(String::from("Paused"))));
    assert_eq!(chain.call::<Result<(), token::data::TokenError>>(&token, ALICE, "unpause", ()).value, Ok(()));
    assert_eq!(chain.call::<R<()>>(&token, ALICE, "PSP22Mintable::mint", 5u128).value, Ok(()));
    assert_eq!(chain.query::<u128>(&token, "PSP22::total_supply", ()), 1_000_005);
}
