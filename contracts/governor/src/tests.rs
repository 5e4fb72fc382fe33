//! Off-chain unit tests of the governor's rules: the proposal state machine at every boundary
//! block, voting weight at the snapshot, quorum (checkpointed numerator), late-quorum
//! extension, timelock and grace period, cancel rules, governance-only settings, membership and
//! the member-based counting modes, vote-by-signature. (Running actions is a cross-contract call:
//! tested end to end in `tests/`.)
// Test code: small constant arithmetic and casts are fine here (the contract code is linted).
#![allow(clippy::arithmetic_side_effects, clippy::cast_possible_truncation)]

use super::*;
use sovra_kit::signing::test_signer::{malleate, EcdsaSigner};
use sovra_kit::testing::{acc, CredentialTable, Rng, Ungated};
use std::cell::{Cell, RefCell};
use std::collections::HashMap;

const TOKEN: [u8; 32] = [0x70; 32];
/// The chain the governors under test are constructed for.
const CHAIN: [u8; 32] = [0xc1; 32];
const GOVERNOR: [u8; 32] = [0x60; 32];
const SCHEMA: [u8; 32] = [0x50; 32];
const GUARDIAN: u8 = 9;
const ALICE: u8 = 1;
const BOB: u8 = 2;
const CAROL: u8 = 3;

fn at(caller: u8, block: u32) -> Ctx {
    Ctx { caller: acc(caller), block, now: 0 }
}

fn governance(block: u32) -> Ctx {
    Ctx { caller: GOVERNOR.into(), block, now: 0 }
}

/// The token's vote histories as a table: (block, value) steps per account and for the supply.
#[derive(Default)]
struct VotesTable {
    votes: RefCell<HashMap<AccountId, Vec<(u32, u128)>>>,
    supply: RefCell<Vec<(u32, u128)>>,
    down: Cell<bool>,
}

fn value_at(steps: &[(u32, u128)], block: u32) -> u128 {
    steps.iter().rfind(|(b, _)| *b <= block).map_or(0, |(_, v)| *v)
}

impl VotesTable {
    /// `who` has `votes` from `block` on (add in block order).
    fn set(&self, who: u8, block: u32, votes: u128) -> &Self {
        self.votes.borrow_mut().entry(acc(who)).or_default().push((block, votes));
        self
    }

    /// The total supply is `value` from `block` on.
    fn supply(&self, block: u32, value: u128) -> &Self {
        self.supply.borrow_mut().push((block, value));
        self
    }
}

impl VotesOracle for VotesTable {
    fn past_votes(&self, token: AccountId, account: AccountId, block: u32) -> Option<u128> {
        assert_eq!(token, AccountId::from(TOKEN), "the governor asks its token");
        (!self.down.get()).then(|| self.votes.borrow().get(&account).map_or(0, |steps| value_at(steps, block)))
    }

    fn past_total_supply(&self, token: AccountId, block: u32) -> Option<u128> {
        assert_eq!(token, AccountId::from(TOKEN));
        (!self.down.get()).then(|| value_at(&self.supply.borrow(), block))
    }
}

/// Delay 2, period 5, no threshold, timelock 3, grace 4, no extension, token-weighted.
fn settings() -> GovernorSettings {
    GovernorSettings {
        voting_delay: 2,
        voting_period: 5,
        proposal_threshold: 0,
        timelock_delay: 3,
        grace_period: 4,
        vote_extension: 0,
        counting: CountingMode::TokenWeighted,
    }
}

/// A governor made at block 1 with `settings`, a 10% quorum (2 members in the member modes)
/// and a guardian.
fn governor(settings: GovernorSettings, membership: Option<ComplianceGate>) -> GovernorData {
    GovernorData::new(&at(ALICE, 1), CHAIN, TOKEN.into(), settings, 1_000, 2, membership, Some(acc(GUARDIAN)))
        .expect("governor")
        .0
}

fn gate() -> ComplianceGate {
    ComplianceGate { registry: [0x40; 32].into(), schema: SCHEMA }
}

fn action(n: u8) -> Action {
    Action { callee: [0x30; 32].into(), selector: Some([n; 4]), input: vec![n; 3], value: 0 }
}

/// Supply 1,000 from block 1: Alice 400, Bob 300, Carol 300.
fn holders() -> VotesTable {
    let votes = VotesTable::default();
    votes.supply(1, 1_000).set(ALICE, 1, 400).set(BOB, 1, 300).set(CAROL, 1, 300);
    votes
}

/// Alice proposes `action(n)` at `block`.
fn propose_at(g: &mut GovernorData, votes: &VotesTable, block: u32, n: u8) -> ProposalId {
    g.propose(&at(ALICE, block), votes, &Ungated, vec![action(n)], b"proposal".to_vec()).expect("propose").0
}

fn vote(g: &mut GovernorData, votes: &VotesTable, who: u8, block: u32, id: ProposalId, support: Support) -> Result<Vec<GovernorEvent>, GovernorError> {
    g.cast_vote(&at(who, block), votes, &Ungated, id, support, Vec::new())
}

// ---------------------------------------------------------------- construction and settings

#[ink::test]
fn construction_records_and_validates_the_settings() {
    let (g, events) = GovernorData::new(&at(ALICE, 1), CHAIN, TOKEN.into(), settings(), 1_000, 2, None, Some(acc(GUARDIAN))).unwrap();
    assert_eq!((g.token(), g.settings(), g.guardian(), g.membership()), (Some(TOKEN.into()), Some(settings()), Some(acc(GUARDIAN)), None));
    assert_eq!((g.quorum_numerator_at(1), g.quorum_numerator_at(100), g.proposal_count()), (1_000, 1_000, 0));
    let changes: Vec<_> = events
        .iter()
        .map(|e| match e {
            GovernorEvent::SettingsChanged(c) => c.change,
            other => panic!("unexpected {other:?}"),
        })
        .collect();
    assert_eq!(
        changes,
        vec![
            SettingsChange::Settings(settings()),
            SettingsChange::QuorumNumerator(1_000),
            SettingsChange::MemberQuorum(2),
            SettingsChange::Membership(None),
            SettingsChange::Guardian(Some(acc(GUARDIAN)))
        ]
    );
    let invalid = |s: GovernorSettings, numerator: u32, membership: Option<ComplianceGate>| {
        GovernorData::new(&at(ALICE, 1), CHAIN, TOKEN.into(), s, numerator, 2, membership, None).err()
    };
    assert_eq!(invalid(GovernorSettings { voting_period: 0, ..settings() }, 1_000, None), Some(GovernorError::InvalidSettings));
    assert_eq!(invalid(GovernorSettings { grace_period: 0, ..settings() }, 1_000, None), Some(GovernorError::InvalidSettings));
    assert_eq!(invalid(settings(), 10_001, None), Some(GovernorError::InvalidSettings));
    for counting in [CountingMode::OneMemberOneVote, CountingMode::Quadratic] {
        assert_eq!(invalid(GovernorSettings { counting, ..settings() }, 1_000, None), Some(GovernorError::InvalidSettings));
        assert_eq!(invalid(GovernorSettings { counting, ..settings() }, 1_000, Some(gate())), None);
    }
    assert_eq!(invalid(settings(), 10_000, None), None);
}

#[ink::test]
fn settings_change_only_through_governance() {
    let votes = holders();
    let mut g = governor(settings(), None);
    let id = propose_at(&mut g, &votes, 10, 1);
    let quadratic = GovernorSettings { counting: CountingMode::Quadratic, voting_period: 50, ..settings() };
    // nobody but the governor itself — not the deployer, not the guardian
    for who in [ALICE, GUARDIAN] {
        assert_eq!(g.set_settings(&at(who, 11), GOVERNOR.into(), settings()).err(), Some(GovernorError::OnlyGovernance));
        assert_eq!(g.set_quorum_numerator(&at(who, 11), GOVERNOR.into(), 5).err(), Some(GovernorError::OnlyGovernance));
        assert_eq!(g.set_guardian(&at(who, 11), GOVERNOR.into(), None).err(), Some(GovernorError::OnlyGovernance));
        assert_eq!(g.set_membership(&at(who, 11), &Ungated, GOVERNOR.into(), Some(gate())).err(), Some(GovernorError::OnlyGovernance));
    }
    // a member-based mode needs the membership gate first; then it cannot be removed
    assert_eq!(g.set_settings(&governance(11), GOVERNOR.into(), quadratic).err(), Some(GovernorError::InvalidSettings));
    g.set_membership(&governance(11), &CredentialTable::new(SCHEMA), GOVERNOR.into(), Some(gate())).unwrap();
    let events = g.set_settings(&governance(11), GOVERNOR.into(), quadratic).unwrap();
    assert_eq!(events, vec![GovernorEvent::SettingsChanged(SettingsChanged { change: SettingsChange::Settings(quadratic) })]);
    assert_eq!(g.set_membership(&governance(11), &Ungated, GOVERNOR.into(), None).err(), Some(GovernorError::InvalidSettings));
    assert_eq!(g.set_quorum_numerator(&governance(11), GOVERNOR.into(), 10_001).err(), Some(GovernorError::InvalidSettings));
    g.set_guardian(&governance(11), GOVERNOR.into(), None).unwrap();
    assert_eq!((g.settings(), g.guardian(), g.membership()), (Some(quadratic), None, Some(gate())));
    // the existing proposal keeps its snapshot, deadline and counting mode
    let p = g.proposal(id, 11).unwrap();
    assert_eq!((p.snapshot, p.deadline, p.counting), (12, 17, CountingMode::TokenWeighted));
}

// ---------------------------------------------------------------- proposing

#[ink::test]
fn proposals_are_bounded_and_need_the_threshold() {
    let votes = holders();
    let mut g = governor(GovernorSettings { proposal_threshold: 300, ..settings() }, None);
    let propose = |g: &mut GovernorData, who: u8, block: u32, actions: Vec<Action>, description: Vec<u8>| {
        g.propose(&at(who, block), &votes, &Ungated, actions, description).map(|(id, _)| id)
    };
    assert_eq!(propose(&mut g, ALICE, 10, vec![], vec![]).err(), Some(GovernorError::InvalidActionCount));
    assert_eq!(propose(&mut g, ALICE, 10, (0..11).map(action).collect(), vec![]).err(), Some(GovernorError::InvalidActionCount));
    let long_input = Action { input: vec![0; MAX_INPUT_LEN as usize + 1], ..action(1) };
    assert_eq!(propose(&mut g, ALICE, 10, vec![long_input], vec![]).err(), Some(GovernorError::InputTooLong));
    assert_eq!(propose(&mut g, ALICE, 10, vec![action(1)], vec![0; MAX_DESCRIPTION_LEN as usize + 1]).err(), Some(GovernorError::DescriptionTooLong));
    // the limits themselves are fine
    let full = (0..10).map(|n| Action { input: vec![n; MAX_INPUT_LEN as usize], ..action(n) }).collect();
    propose(&mut g, ALICE, 10, full, vec![b'x'; MAX_DESCRIPTION_LEN as usize]).unwrap();
    // threshold at the previous block: votes gained in the proposing block do not count
    votes.set(4, 20, 299).set(4, 30, 300);
    assert_eq!(propose(&mut g, 4, 21, vec![action(1)], vec![]).err(), Some(GovernorError::BelowThreshold));
    assert_eq!(propose(&mut g, 4, 30, vec![action(1)], vec![]).err(), Some(GovernorError::BelowThreshold));
    propose(&mut g, 4, 31, vec![action(1)], vec![]).unwrap();
    // an unreachable token fails closed
    votes.down.set(true);
    assert_eq!(propose(&mut g, BOB, 32, vec![action(1)], vec![]).err(), Some(GovernorError::TokenUnavailable));
}

#[ink::test]
fn ids_bind_the_proposer_and_proposals_are_enumerated() {
    let votes = holders();
    let mut g = governor(settings(), None);
    let (id, events) = g.propose(&at(ALICE, 10), &votes, &Ungated, vec![action(1), action(2)], b"mint".to_vec()).unwrap();
    assert_eq!(id, GovernorData::proposal_id(acc(ALICE), &[action(1), action(2)], blake2(b"mint")));
    assert_eq!(
        events,
        vec![GovernorEvent::ProposalCreated(ProposalCreated {
            id,
            proposer: acc(ALICE),
            actions: vec![action(1), action(2)],
            description: b"mint".to_vec(),
            snapshot: 12,
            deadline: 17,
            counting: CountingMode::TokenWeighted,
            membership: None,
        })]
    );
    // the same proposal again: refused; by Bob (front-running Alice's id): a different id
    assert_eq!(g.propose(&at(ALICE, 11), &votes, &Ungated, vec![action(1), action(2)], b"mint".to_vec()).err(), Some(GovernorError::ProposalExists));
    let (bobs, _) = g.propose(&at(BOB, 11), &votes, &Ungated, vec![action(1), action(2)], b"mint".to_vec()).unwrap();
    assert_ne!(bobs, id);
    assert_eq!((g.proposal_count(), g.proposal_id_at(0), g.proposal_id_at(1), g.proposal_id_at(2)), (2, Some(id), Some(bobs), None));
    let view = g.proposal(id, 11).unwrap();
    assert_eq!((view.proposer, view.actions.len(), view.description_hash, view.state), (acc(ALICE), 2, blake2(b"mint"), ProposalState::Pending));
    assert_eq!((g.proposal([0; 32], 11), g.state([0; 32], 11)), (None, Err(GovernorError::UnknownProposal)));
}

// ---------------------------------------------------------------- the state machine

#[ink::test]
fn states_follow_the_blocks_at_every_boundary() {
    let votes = holders();
    let mut g = governor(settings(), None);
    // proposed at 10: snapshot 12, deadline 17
    let id = propose_at(&mut g, &votes, 10, 1);
    let state = |g: &GovernorData, block: u32| g.state(id, block).unwrap();
    for block in 10..=12 {
        assert_eq!(state(&g, block), ProposalState::Pending, "block {block}");
    }
    assert_eq!(vote(&mut g, &votes, ALICE, 12, id, Support::For).err(), Some(GovernorError::UnexpectedState(ProposalState::Pending)));
    assert_eq!(state(&g, 13), ProposalState::Active);
    assert_eq!(state(&g, 17), ProposalState::Active);
    vote(&mut g, &votes, ALICE, 13, id, Support::For).unwrap();
    vote(&mut g, &votes, BOB, 17, id, Support::Against).unwrap();
    assert_eq!(vote(&mut g, &votes, CAROL, 18, id, Support::For).err(), Some(GovernorError::UnexpectedState(ProposalState::Succeeded)));
    assert_eq!(state(&g, 18), ProposalState::Succeeded);
    assert_eq!(g.begin_execute(&at(CAROL, 18), id).err(), Some(GovernorError::UnexpectedState(ProposalState::Succeeded)));
    // queued at 18: eta 21, executable through 25
    let events = g.queue(&at(CAROL, 18), id).unwrap();
    assert_eq!(events, vec![GovernorEvent::ProposalQueued(ProposalQueued { id, eta: 21, expires: 25 })]);
    assert_eq!(g.queue(&at(CAROL, 19), id).err(), Some(GovernorError::UnexpectedState(ProposalState::Queued)));
    assert_eq!((state(&g, 20), state(&g, 25), state(&g, 26)), (ProposalState::Queued, ProposalState::Queued, ProposalState::Expired));
    assert_eq!(g.begin_execute(&at(CAROL, 20), id).err(), Some(GovernorError::TimelockNotPassed));
    assert_eq!(g.begin_execute(&at(CAROL, 26), id).err(), Some(GovernorError::UnexpectedState(ProposalState::Expired)));
    let (actions, events) = g.begin_execute(&at(CAROL, 21), id).unwrap();
    assert_eq!((actions, events), (vec![action(1)], vec![GovernorEvent::ProposalExecuted(ProposalExecuted { id })]));
    assert_eq!(state(&g, 21), ProposalState::Executed);
    assert_eq!(state(&g, 1_000), ProposalState::Executed);
    assert_eq!(g.begin_execute(&at(CAROL, 22), id).err(), Some(GovernorError::UnexpectedState(ProposalState::Executed)));

    // the last block of the grace period still executes
    let late = propose_at(&mut g, &votes, 30, 2);
    vote(&mut g, &votes, ALICE, 33, late, Support::For).unwrap();
    g.queue(&at(CAROL, 38), late).unwrap();
    assert_eq!(g.proposal(late, 38).map(|p| (p.eta, p.expires)), Some((Some(41), Some(45))));
    assert!(g.begin_execute(&at(CAROL, 45), late).is_ok());
    // a zero timelock executes in the queueing block
    g.set_settings(&governance(50), GOVERNOR.into(), GovernorSettings { timelock_delay: 0, ..settings() }).unwrap();
    let now = propose_at(&mut g, &votes, 50, 3);
    vote(&mut g, &votes, ALICE, 53, now, Support::For).unwrap();
    g.queue(&at(CAROL, 58), now).unwrap();
    assert!(g.begin_execute(&at(CAROL, 58), now).is_ok());
}

#[ink::test]
fn quorum_and_majority_decide_the_outcome() {
    let votes = holders();
    // quorum 10% of 1,000 = 100
    let mut g = governor(settings(), None);
    let outcome = |g: &mut GovernorData, n: u8, ballots: &[(u8, Support)]| {
        let id = propose_at(g, &votes, 10, n);
        for (who, support) in ballots {
            vote(g, &votes, *who, 13, id, *support).unwrap();
        }
        g.state(id, 18).unwrap()
    };
    votes.set(5, 1, 99).set(6, 1, 1).set(7, 1, 99);
    assert_eq!(outcome(&mut g, 1, &[]), ProposalState::Defeated, "nobody voted");
    assert_eq!(outcome(&mut g, 2, &[(5, Support::For)]), ProposalState::Defeated, "99 < quorum 100");
    assert_eq!(outcome(&mut g, 3, &[(5, Support::For), (6, Support::Abstain)]), ProposalState::Succeeded, "abstain counts to quorum");
    assert_eq!(outcome(&mut g, 4, &[(5, Support::For), (6, Support::Against)]), ProposalState::Defeated, "against does not count to quorum");
    assert_eq!(outcome(&mut g, 5, &[(BOB, Support::For), (CAROL, Support::Against)]), ProposalState::Defeated, "a tie is not a majority");
    assert_eq!(outcome(&mut g, 6, &[(ALICE, Support::For), (BOB, Support::Against)]), ProposalState::Succeeded);
    let tally = g.proposal(GovernorData::proposal_id(acc(ALICE), &[action(6)], blake2(b"proposal")), 18).unwrap().tally;
    assert_eq!(tally, Tally { for_votes: 400, against_votes: 300, abstain_votes: 0, participation: 400, quorum: Some(100) });
}

#[ink::test]
fn each_account_votes_once_with_its_votes_at_the_snapshot() {
    let votes = holders();
    let mut g = governor(settings(), None);
    let id = propose_at(&mut g, &votes, 10, 1);
    // Dave buys 5,000 votes after the snapshot (block 12): they weigh nothing here
    votes.set(4, 13, 5_000);
    let events = g.cast_vote(&at(4, 14), &votes, &Ungated, id, Support::Against, b"flash".to_vec()).unwrap();
    assert_eq!(
        events,
        vec![GovernorEvent::VoteCast(VoteCast { id, voter: acc(4), support: Support::Against, weight: 0, votes: 0, reason: b"flash".to_vec() })]
    );
    vote(&mut g, &votes, ALICE, 14, id, Support::For).unwrap();
    assert_eq!(vote(&mut g, &votes, ALICE, 15, id, Support::Against).err(), Some(GovernorError::AlreadyVoted));
    assert_eq!(vote(&mut g, &votes, 4, 15, id, Support::For).err(), Some(GovernorError::AlreadyVoted));
    assert_eq!(g.receipt(id, acc(ALICE)), Some(VoteReceipt { support: Support::For, weight: 400 }));
    assert_eq!(g.receipt(id, acc(BOB)), None);
    assert_eq!(g.state(id, 18), Ok(ProposalState::Succeeded));
    assert_eq!(
        g.cast_vote(&at(BOB, 15), &votes, &Ungated, id, Support::For, vec![0; MAX_REASON_LEN as usize + 1]).err(),
        Some(GovernorError::ReasonTooLong)
    );
    assert_eq!(vote(&mut g, &votes, BOB, 15, [7; 32], Support::For).err(), Some(GovernorError::UnknownProposal));
    votes.down.set(true);
    assert_eq!(vote(&mut g, &votes, BOB, 15, id, Support::For).err(), Some(GovernorError::TokenUnavailable));
}

#[ink::test]
fn a_quorum_change_does_not_alter_existing_proposals() {
    let votes = holders();
    let mut g = governor(settings(), None);
    let id = propose_at(&mut g, &votes, 10, 1);
    // the quorum rises to 50% at block 14, after this proposal's snapshot (12)
    g.set_quorum_numerator(&governance(14), GOVERNOR.into(), 5_000).unwrap();
    assert_eq!((g.quorum_numerator_at(12), g.quorum_numerator_at(13), g.quorum_numerator_at(14)), (1_000, 1_000, 5_000));
    vote(&mut g, &votes, ALICE, 15, id, Support::For).unwrap();
    assert_eq!(g.state(id, 18), Ok(ProposalState::Succeeded), "400 ≥ 10% of 1,000");
    // a proposal whose snapshot is after the change needs 500
    let later = propose_at(&mut g, &votes, 15, 2);
    vote(&mut g, &votes, ALICE, 18, later, Support::For).unwrap();
    assert_eq!(g.proposal(later, 23).map(|p| (p.tally.quorum, p.state)), Some((Some(500), ProposalState::Defeated)));
    // the earlier proposal still succeeds, however late it is looked at
    assert_eq!(g.state(id, 1_000), Ok(ProposalState::Succeeded));
}

#[ink::test]
fn late_quorum_extends_the_deadline_once() {
    let votes = holders();
    let mut g = governor(GovernorSettings { vote_extension: 4, ..settings() }, None);
    // deadline 17; quorum (100) first reached at 15: 15 + 4 = 19 > 17
    let id = propose_at(&mut g, &votes, 10, 1);
    votes.set(5, 1, 60).set(6, 1, 60);
    vote(&mut g, &votes, 5, 14, id, Support::For).unwrap();
    let events = vote(&mut g, &votes, 6, 15, id, Support::For).unwrap();
    assert_eq!(events.last(), Some(&GovernorEvent::ProposalExtended(ProposalExtended { id, deadline: 19 })));
    assert_eq!((g.state(id, 19), g.state(id, 20)), (Ok(ProposalState::Active), Ok(ProposalState::Succeeded)));
    // once: more votes do not move it again
    assert_eq!(vote(&mut g, &votes, ALICE, 19, id, Support::Against).unwrap().len(), 1);
    assert_eq!(g.proposal(id, 19).map(|p| p.deadline), Some(19));
    assert_eq!(g.state(id, 20), Ok(ProposalState::Defeated));
    // quorum reached early (13 + 4 ≤ 17): no extension
    let early = propose_at(&mut g, &votes, 10, 2);
    assert_eq!(vote(&mut g, &votes, ALICE, 13, early, Support::For).unwrap().len(), 1);
    assert_eq!(g.proposal(early, 13).map(|p| p.deadline), Some(17));
}

#[ink::test]
fn proposers_cancel_pending_proposals_and_the_guardian_any_until_final() {
    let votes = holders();
    let mut g = governor(settings(), None);
    let id = propose_at(&mut g, &votes, 10, 1);
    assert_eq!(g.cancel(&at(BOB, 11), id).err(), Some(GovernorError::NotAllowedToCancel));
    let events = g.cancel(&at(ALICE, 12), id).unwrap();
    assert_eq!(events, vec![GovernorEvent::ProposalCanceled(ProposalCanceled { id, by: acc(ALICE) })]);
    assert_eq!(g.state(id, 13), Ok(ProposalState::Canceled));
    assert_eq!(vote(&mut g, &votes, ALICE, 13, id, Support::For).err(), Some(GovernorError::UnexpectedState(ProposalState::Canceled)));
    assert_eq!(g.cancel(&at(GUARDIAN, 13), id).err(), Some(GovernorError::UnexpectedState(ProposalState::Canceled)));

    // once voting opens the proposer cannot; the guardian can, even when queued
    let queued = propose_at(&mut g, &votes, 20, 2);
    assert_eq!(g.cancel(&at(ALICE, 23), queued).err(), Some(GovernorError::UnexpectedState(ProposalState::Active)));
    vote(&mut g, &votes, ALICE, 23, queued, Support::For).unwrap();
    g.queue(&at(BOB, 28), queued).unwrap();
    g.cancel(&at(GUARDIAN, 31), queued).unwrap();
    assert_eq!(g.begin_execute(&at(BOB, 31), queued).err(), Some(GovernorError::UnexpectedState(ProposalState::Canceled)));

    // not once final: defeated, executed, expired
    let defeated = propose_at(&mut g, &votes, 32, 9);
    assert_eq!(g.cancel(&at(GUARDIAN, 40), defeated).err(), Some(GovernorError::UnexpectedState(ProposalState::Defeated)));
    let done = propose_at(&mut g, &votes, 40, 3);
    vote(&mut g, &votes, ALICE, 43, done, Support::For).unwrap();
    g.queue(&at(BOB, 48), done).unwrap();
    let expired = propose_at(&mut g, &votes, 40, 4);
    vote(&mut g, &votes, ALICE, 43, expired, Support::For).unwrap();
    g.queue(&at(BOB, 48), expired).unwrap();
    g.begin_execute(&at(BOB, 51), done).unwrap();
    assert_eq!(g.cancel(&at(GUARDIAN, 52), done).err(), Some(GovernorError::UnexpectedState(ProposalState::Executed)));
    assert_eq!(g.cancel(&at(GUARDIAN, 56), expired).err(), Some(GovernorError::UnexpectedState(ProposalState::Expired)));
    // without a guardian, only the proposer
    g.set_guardian(&governance(60), GOVERNOR.into(), None).unwrap();
    let last = propose_at(&mut g, &votes, 60, 5);
    assert_eq!(g.cancel(&at(GUARDIAN, 61), last).err(), Some(GovernorError::NotAllowedToCancel));
}

// ---------------------------------------------------------------- identity-aware governance

/// Membership is judged at a block, like weight: proposing at the previous block, voting at
/// the snapshot. The attacks on the old live check: (a) an issuer credentials fresh accounts
/// during the voting window, each adding a vote; (b) an issuer suspends a whale for the window
/// and reinstates it after, silencing its snapshot votes.
#[ink::test]
fn membership_counts_at_the_snapshot() {
    let votes = holders();
    let members = CredentialTable::new(SCHEMA);
    members.set(acc(ALICE), true);
    members.set(acc(BOB), true);
    let mut g = governor(GovernorSettings { counting: CountingMode::OneMemberOneVote, ..settings() }, Some(gate()));
    assert_eq!(g.propose(&at(CAROL, 10), &votes, &members, vec![action(1)], vec![]).err(), Some(GovernorError::NotMember));
    // credentialed in block 10: a member from the next block on, not for a proposal in this one
    members.set_at(acc(CAROL), 10, true);
    assert_eq!(g.propose(&at(CAROL, 10), &votes, &members, vec![action(1)], vec![]).err(), Some(GovernorError::NotMember));
    let (id, _) = g.propose(&at(ALICE, 10), &votes, &members, vec![action(1)], vec![]).unwrap();
    assert_eq!(g.proposal(id, 10).unwrap().snapshot, 12);
    // (a) fresh members credentialed during the voting window do not vote
    members.set_at(acc(4), 13, true);
    assert_eq!(g.cast_vote(&at(4, 13), &votes, &members, id, Support::For, vec![]).err(), Some(GovernorError::NotMember));
    // (b) Bob, a member at the snapshot, suspended during the window: still votes (as tokens
    // sold after the snapshot still vote); and Carol, credentialed before it, votes
    members.set_at(acc(BOB), 13, false);
    g.cast_vote(&at(BOB, 13), &votes, &members, id, Support::Against, vec![]).unwrap();
    g.cast_vote(&at(CAROL, 13), &votes, &members, id, Support::Against, vec![]).unwrap();
    g.cast_vote(&at(ALICE, 13), &votes, &members, id, Support::For, vec![]).unwrap();
    let p = g.proposal(id, 18).unwrap();
    assert_eq!((p.tally.for_votes, p.tally.against_votes, p.state), (1, 2, ProposalState::Defeated));
    // and Bob, suspended now, cannot propose
    assert_eq!(g.propose(&at(BOB, 14), &votes, &members, vec![action(2)], vec![]).err(), Some(GovernorError::NotMember));
}

#[ink::test]
fn member_based_counting_weighs_one_per_member_or_the_square_root() {
    let votes = holders();
    votes.set(4, 1, 0);
    let members = CredentialTable::new(SCHEMA);
    for who in [ALICE, BOB, CAROL, 4] {
        members.set(acc(who), true);
    }
    // (off chain, every governor here shares one storage: each run proposes something new)
    let runs = Cell::new(0u8);
    let tally_of = |counting: CountingMode, ballots: &[(u8, Support)]| {
        let mut g = governor(GovernorSettings { counting, ..settings() }, Some(gate()));
        runs.set(runs.get() + 1);
        let (id, _) = g.propose(&at(ALICE, 10), &votes, &members, vec![action(runs.get())], vec![]).unwrap();
        let mut weights = Vec::new();
        for (who, support) in ballots {
            match g.cast_vote(&at(*who, 13), &votes, &members, id, *support, vec![]).unwrap().first() {
                Some(GovernorEvent::VoteCast(v)) => weights.push(v.weight),
                other => panic!("{other:?}"),
            }
        }
        (weights, g.proposal(id, 18).unwrap())
    };
    let ballots = [(ALICE, Support::For), (BOB, Support::Against), (CAROL, Support::Against), (4, Support::For)];
    // one member one vote: 2 for, 2 against — a tie; a member without tokens weighs 1 too
    let (weights, p) = tally_of(CountingMode::OneMemberOneVote, &ballots);
    assert_eq!(weights, vec![1, 1, 1, 1]);
    assert_eq!((p.tally.for_votes, p.tally.against_votes, p.tally.participation, p.state), (2, 2, 2, ProposalState::Defeated));
    // quadratic: √400 = 20 for against √300 + √300 = 17 + 17
    let (weights, p) = tally_of(CountingMode::Quadratic, &ballots);
    assert_eq!(weights, vec![20, 17, 17, 0]);
    assert_eq!((p.tally.for_votes, p.tally.against_votes, p.state), (20, 34, ProposalState::Defeated));
    // token-weighted: 400 for against 600
    let (weights, p) = tally_of(CountingMode::TokenWeighted, &ballots);
    assert_eq!(weights, vec![400, 300, 300, 0]);
    assert_eq!(p.state, ProposalState::Defeated);
    let (_, p) = tally_of(CountingMode::OneMemberOneVote, &ballots[..2].iter().chain(&ballots[3..]).copied().collect::<Vec<_>>());
    assert_eq!((p.tally.for_votes, p.tally.against_votes, p.state), (2, 1, ProposalState::Succeeded));
}

/// The attack on the old rule: quorum was counted in tokens whatever the mode, so one holder
/// with the quorum's worth of tokens made any member vote quorate by abstaining, and members
/// without tokens could never reach it. In the member modes quorum counts members.
#[ink::test]
fn member_modes_count_quorum_in_members() {
    let votes = holders();
    votes.set(4, 1, 0);
    let members = CredentialTable::new(SCHEMA);
    for who in [ALICE, BOB, CAROL, 4] {
        members.set(acc(who), true);
    }
    let mut g = governor(GovernorSettings { counting: CountingMode::OneMemberOneVote, ..settings() }, Some(gate()));
    g.set_member_quorum(&governance(2), GOVERNOR.into(), 3).unwrap();
    assert_eq!((g.member_quorum_at(1), g.member_quorum_at(2)), (2, 3));
    assert_eq!(g.set_member_quorum(&at(ALICE, 2), GOVERNOR.into(), 1).err(), Some(GovernorError::OnlyGovernance));
    // the whale abstains and one member votes For: 2 of the 3 members needed
    let (whale, _) = g.propose(&at(ALICE, 10), &votes, &members, vec![action(1)], vec![]).unwrap();
    g.cast_vote(&at(ALICE, 13), &votes, &members, whale, Support::Abstain, vec![]).unwrap();
    g.cast_vote(&at(BOB, 13), &votes, &members, whale, Support::For, vec![]).unwrap();
    let p = g.proposal(whale, 18).unwrap();
    assert_eq!((p.tally.participation, p.tally.quorum, p.state), (2, Some(3), ProposalState::Defeated));
    // three members without a token between them but one reach it
    let (members_only, _) = g.propose(&at(ALICE, 10), &votes, &members, vec![action(2)], vec![]).unwrap();
    for who in [4, BOB, CAROL] {
        g.cast_vote(&at(who, 13), &votes, &members, members_only, Support::For, vec![]).unwrap();
    }
    let p = g.proposal(members_only, 18).unwrap();
    assert_eq!((p.tally.participation, p.tally.quorum, p.state), (3, Some(3), ProposalState::Succeeded));
    // a later member-quorum change leaves both alone
    g.set_member_quorum(&governance(19), GOVERNOR.into(), 4).unwrap();
    assert_eq!(g.proposal(members_only, 19).unwrap().tally.quorum, Some(3));
}

#[ink::test]
fn isqrt_is_the_floor_of_the_square_root() {
    for (n, root) in [(0u128, 0u128), (1, 1), (2, 1), (3, 1), (4, 2), (15, 3), (16, 4), (u128::MAX, u128::from(u64::MAX))] {
        assert_eq!(isqrt(n), root, "√{n}");
    }
    let mut rng = Rng(0x5eed);
    for _ in 0..10_000 {
        let n = (u128::from(rng.next_u64()) << rng.below(64)) | u128::from(rng.next_u64());
        let r = isqrt(n);
        assert!(r * r <= n && (r + 1).checked_mul(r + 1).is_none_or(|sq| sq > n), "√{n} = {r}");
    }
}

#[ink::test]
fn the_quorum_never_overflows() {
    assert_eq!(quorum_of(u128::MAX, QUORUM_DENOMINATOR), u128::MAX);
    assert_eq!(quorum_of(u128::MAX, 5_000), u128::MAX / 2);
    assert_eq!(quorum_of(1_000, 1_000), 100);
    assert_eq!(quorum_of(9_999, 1), 0);
    assert_eq!(quorum_of(10_000, 1), 1);
    // = ⌊supply × n / 10,000⌋ exactly, wherever the product fits in 128 bits
    let mut rng = Rng(0xc0ffee);
    for _ in 0..10_000 {
        let supply = (u128::from(rng.next_u64()) << rng.below(64)) | u128::from(rng.next_u64());
        let n = rng.below(u64::from(QUORUM_DENOMINATOR) + 1) as u32;
        if let Some(product) = supply.checked_mul(u128::from(n)) {
            assert_eq!(quorum_of(supply, n), product / 10_000, "{supply} × {n}");
        }
        assert_eq!(div_small(supply, 7), supply / 7);
    }
}

// ---------------------------------------------------------------- votes by signature

/// What `voter` signs to vote `support` with reason "yes" on `id` at `governor` of `chain`.
fn vote_message(chain: [u8; 32], governor: [u8; 32], id: ProposalId, voter: AccountId, support: Support, nonce: u64, deadline: u32) -> Vec<u8> {
    let domain = signing::Domain { tag: &GOVERNOR_SIGNING_DOMAIN, chain, contract: governor.into() };
    signing::signing_message(&domain, &(id, voter, support, b"yes".to_vec(), nonce, deadline))
}

#[ink::test]
fn votes_by_signature_are_accepted_once() {
    let votes = holders();
    let voter = EcdsaSigner::new(7);
    votes.votes.borrow_mut().insert(voter.account(), vec![(1, 250)]);
    let mut g = governor(settings(), None);
    let id = propose_at(&mut g, &votes, 10, 1);
    let sign = |support: Support, nonce: u64, deadline: u32| voter.sign(&vote_message(CHAIN, GOVERNOR, id, voter.account(), support, nonce, deadline));
    let by_sig = |g: &mut GovernorData, block: u32, support: Support, nonce: u64, deadline: u32, signature: [u8; 65]| {
        g.cast_vote_by_sig(&at(CAROL, block), &votes, &Ungated, GOVERNOR.into(), id, voter.account(), support, b"yes".to_vec(), nonce, deadline, &signature)
    };
    let sig = sign(Support::For, 0, 20);
    // expired, nonce ahead, malleated, for the other option, for another governor, by another key
    assert_eq!(by_sig(&mut g, 21, Support::For, 0, 20, sig).err(), Some(GovernorError::Expired));
    assert_eq!(by_sig(&mut g, 13, Support::For, 1, 20, sign(Support::For, 1, 20)).err(), Some(GovernorError::InvalidNonce));
    assert_eq!(by_sig(&mut g, 13, Support::For, 0, 20, malleate(sig)).err(), Some(GovernorError::NonCanonicalSignature));
    assert_eq!(by_sig(&mut g, 13, Support::Against, 0, 20, sig).err(), Some(GovernorError::BadSignature));
    let elsewhere = voter.sign(&vote_message(CHAIN, [0x61; 32], id, voter.account(), Support::For, 0, 20));
    assert_eq!(by_sig(&mut g, 13, Support::For, 0, 20, elsewhere).err(), Some(GovernorError::BadSignature));
    let stranger = EcdsaSigner::new(8);
    let forged = stranger.sign(&vote_message(CHAIN, GOVERNOR, id, voter.account(), Support::For, 0, 20));
    assert_eq!(by_sig(&mut g, 13, Support::For, 0, 20, forged).err(), Some(GovernorError::BadSignature));
    assert_eq!(g.nonce_of(voter.account()), 0, "refused signatures use no nonce");
    // accepted: the vote is the signer's, whoever submits it
    let events = by_sig(&mut g, 13, Support::For, 0, 20, sig).unwrap();
    assert!(matches!(&events[..], [GovernorEvent::VoteCast(v)] if v.voter == voter.account() && v.weight == 250 && v.reason == b"yes"));
    assert_eq!(g.receipt(id, acc(CAROL)), None);
    assert_eq!(g.nonce_of(voter.account()), 1);
    // replayed: the nonce is used
    assert_eq!(by_sig(&mut g, 14, Support::For, 0, 20, sig).err(), Some(GovernorError::NonceUsed));
    // a fresh signature cannot vote twice either
    assert_eq!(by_sig(&mut g, 14, Support::For, 1, 20, sign(Support::For, 1, 20)).err(), Some(GovernorError::AlreadyVoted));
}

#[ink::test]
fn a_vote_signed_for_another_chain_is_refused_and_a_bumped_nonce_voids_a_signed_vote() {
    let votes = holders();
    let voter = EcdsaSigner::new(7);
    votes.votes.borrow_mut().insert(voter.account(), vec![(1, 250)]);
    let mut g = governor(settings(), None);
    assert_eq!(g.chain_id(), CHAIN);
    let id = propose_at(&mut g, &votes, 10, 1);
    let by_sig = |g: &mut GovernorData, signature: [u8; 65]| {
        g.cast_vote_by_sig(&at(CAROL, 13), &votes, &Ungated, GOVERNOR.into(), id, voter.account(), Support::For, b"yes".to_vec(), 0, 20, &signature)
    };
    // the same governor address and nonces on a fork with another genesis hash
    let on_fork = voter.sign(&vote_message([0xf0; 32], GOVERNOR, id, voter.account(), Support::For, 0, 20));
    assert_eq!(by_sig(&mut g, on_fork).err(), Some(GovernorError::BadSignature));
    // the message is the documented payload's SCALE, chain included
    let payload = VoteSignedPayload {
        domain: GOVERNOR_SIGNING_DOMAIN,
        chain: CHAIN,
        governor: GOVERNOR.into(),
        proposal: id,
        voter: voter.account(),
        support: Support::For,
        reason: b"yes".to_vec(),
        nonce: 0,
        deadline: 20,
    };
    let expected = [b"<Bytes>".to_vec(), scale::Encode::encode(&payload), b"</Bytes>".to_vec()].concat();
    assert_eq!(g.signing_message(GOVERNOR.into(), id, voter.account(), Support::For, b"yes".to_vec(), 0, 20), expected);
    // a signed vote not yet submitted is withdrawn by bumping the nonce
    let signed = voter.sign(&expected);
    let events = g.bump_nonce(&Ctx { caller: voter.account(), block: 12, now: 0 }).unwrap();
    assert_eq!(events, vec![GovernorEvent::SignerNonceBumped(SignerNonceBumped { signer: voter.account(), next_nonce: 1 })]);
    assert_eq!(by_sig(&mut g, signed).err(), Some(GovernorError::NonceUsed));
    assert_eq!(g.receipt(id, voter.account()), None);
}

/// The attack on the old rule: the gate was read live, so a proposal counting one member one
/// vote could be opened to anyone by a settings proposal removing (or repointing) the gate.
#[ink::test]
fn a_proposal_keeps_the_electorate_it_was_made_under() {
    let votes = holders();
    let members = CredentialTable::new(SCHEMA);
    members.set(acc(ALICE), true);
    let mut g = governor(GovernorSettings { counting: CountingMode::OneMemberOneVote, ..settings() }, Some(gate()));
    let (id, events) = g.propose(&at(ALICE, 10), &votes, &members, vec![action(1)], vec![]).unwrap();
    assert!(matches!(&events[..], [GovernorEvent::ProposalCreated(c)] if c.membership == Some(gate()) && c.counting == CountingMode::OneMemberOneVote));
    // mid-vote: token-weighted counting and no gate for new proposals
    g.set_settings(&governance(11), GOVERNOR.into(), settings()).unwrap();
    g.set_membership(&governance(11), &members, GOVERNOR.into(), None).unwrap();
    // Bob (no credential) still cannot vote on the member proposal
    assert_eq!(g.cast_vote(&at(BOB, 13), &votes, &members, id, Support::Against, vec![]).err(), Some(GovernorError::NotMember));
    g.cast_vote(&at(ALICE, 13), &votes, &members, id, Support::For, vec![]).unwrap();
    let p = g.proposal(id, 13).unwrap();
    assert_eq!((p.counting, p.membership, p.tally.for_votes), (CountingMode::OneMemberOneVote, Some(gate()), 1));
    // a proposal made now is open to every holder
    let open = propose_at(&mut g, &votes, 14, 2);
    assert_eq!(g.proposal(open, 14).unwrap().membership, None);
    vote(&mut g, &votes, BOB, 17, open, Support::For).unwrap();
}

#[ink::test]
fn a_gate_must_answer_and_know_its_schema() {
    let unknown = ComplianceGate { registry: gate().registry, schema: [0x51; 32] };
    let members = CredentialTable::new(SCHEMA);
    let mut g = governor(settings(), None);
    assert_eq!(g.set_membership(&governance(2), &members, GOVERNOR.into(), Some(unknown)).err(), Some(GovernorError::MembershipUnavailable));
    assert_eq!(g.membership(), None);
    // a registry that does not answer (no contract there) knows nothing
    assert!(!sovra_kit::compliance::Registry.knows_schema(&gate()));
    g.set_membership(&governance(2), &members, GOVERNOR.into(), Some(gate())).unwrap();
    assert_eq!(g.membership(), Some(gate()));
}

#[ink::test]
fn every_setting_is_bounded() {
    let invalid = |s: GovernorSettings| GovernorData::new(&at(ALICE, 1), CHAIN, TOKEN.into(), s, 1_000, 2, None, None).err();
    let at_max = GovernorSettings {
        voting_delay: MAX_VOTING_DELAY,
        voting_period: MAX_VOTING_PERIOD,
        timelock_delay: MAX_TIMELOCK_DELAY,
        grace_period: MAX_GRACE_PERIOD,
        vote_extension: MAX_VOTE_EXTENSION,
        ..settings()
    };
    assert_eq!(invalid(at_max), None);
    for over in [
        GovernorSettings { voting_delay: MAX_VOTING_DELAY + 1, ..at_max },
        GovernorSettings { voting_period: MAX_VOTING_PERIOD + 1, ..at_max },
        GovernorSettings { timelock_delay: MAX_TIMELOCK_DELAY + 1, ..at_max },
        GovernorSettings { grace_period: MAX_GRACE_PERIOD + 1, ..at_max },
        GovernorSettings { vote_extension: MAX_VOTE_EXTENSION + 1, ..at_max },
        GovernorSettings { vote_extension: u32::MAX, ..at_max },
    ] {
        assert_eq!(invalid(over), Some(GovernorError::InvalidSettings), "{over:?}");
        let mut g = governor(settings(), None);
        assert_eq!(g.set_settings(&governance(2), GOVERNOR.into(), over).err(), Some(GovernorError::InvalidSettings));
    }
    // 30 days of voting at 6-second blocks
    assert_eq!(MAX_VOTING_PERIOD, 432_000);
}

/// A quorum-crossing vote near the end of the block range never fails on the extension's
/// arithmetic (it saturates).
#[ink::test]
fn a_quorum_crossing_vote_never_fails_on_the_extension() {
    let votes = holders();
    let mut g = governor(GovernorSettings { vote_extension: MAX_VOTE_EXTENSION, ..settings() }, None);
    let start = u32::MAX - 10;
    let id = propose_at(&mut g, &votes, start, 1);
    let events = vote(&mut g, &votes, ALICE, start + 3, id, Support::For).unwrap();
    assert!(events.iter().any(|e| matches!(e, GovernorEvent::ProposalExtended(x) if x.deadline == u32::MAX)));
}

#[ink::test]
fn a_plain_transfer_action_carries_value_and_nothing_else() {
    let votes = holders();
    let mut g = governor(settings(), None);
    let pay = Action { callee: acc(CAROL), selector: None, input: vec![], value: 5 };
    let with_input = Action { input: vec![1], ..pay.clone() };
    let without_value = Action { value: 0, ..pay.clone() };
    for (i, bad) in [with_input, without_value].into_iter().enumerate() {
        let actions = vec![action(1), bad];
        assert_eq!(g.propose(&at(ALICE, 10), &votes, &Ungated, actions, vec![i as u8]).err(), Some(GovernorError::InvalidAction(1)));
    }
    let (id, _) = g.propose(&at(ALICE, 10), &votes, &Ungated, vec![pay.clone()], vec![]).unwrap();
    assert_eq!(g.proposal(id, 10).unwrap().actions, vec![pay]);
}

// ---------------------------------------------------------------- properties

/// Random proposals, votes, queues, executions, cancels, quorum changes and — mid-vote —
/// counting-mode and membership-gate changes over 400 blocks, with members and non-members:
/// tallies always equal the receipts' weights in each proposal's own counting mode, a vote
/// lands only on an Active proposal and only from a voter its own gate admits (whatever the gate
/// is now), final states stay final, and the enumeration lists exactly the proposals made.
#[ink::test]
fn property_tallies_match_receipts_and_final_states_stay_final() {
    let votes = VotesTable::default();
    votes.supply(1, 10_000);
    // 1–8 are members; 10 and 11 hold tokens but no credential
    let voters: Vec<u8> = (1..=8).chain([10, 11]).collect();
    let members = CredentialTable::new(SCHEMA);
    for &who in &voters {
        votes.set(who, 1, u128::from(who) * 100);
        members.set(acc(who), who <= 8);
    }
    let is_member = |who: u8| who <= 8;
    let mut g = governor(GovernorSettings { vote_extension: 3, ..settings() }, None);
    let mut rng = Rng(0x60fe);
    // each proposal with the counting mode and gate it was made under
    let mut made: Vec<(ProposalId, CountingMode, bool)> = Vec::new();
    let mut ballots: HashMap<ProposalId, Vec<(u8, Support)>> = HashMap::new();
    let mut finals: HashMap<ProposalId, ProposalState> = HashMap::new();
    let mut block = 2u32;
    let mut n = 0u8;
    let mut gate_changes = 0;
    let mut swapped_refused = 0;
    while block < 400 {
        let who = voters[rng.below(voters.len() as u64) as usize];
        let pick = |rng: &mut Rng, made: &[(ProposalId, CountingMode, bool)]| made.get(rng.below(made.len().max(1) as u64) as usize).copied();
        match rng.below(12) {
            0 | 1 => {
                n = n.wrapping_add(1);
                let gated = g.membership().is_some();
                match g.propose(&at(who, block), &votes, &members, vec![action(n)], vec![n]) {
                    Ok((id, _)) => {
                        assert!(!gated || is_member(who), "a non-member proposed under a gate");
                        made.push((id, g.settings().unwrap().counting, gated));
                    }
                    Err(GovernorError::NotMember) => assert!(gated && !is_member(who)),
                    Err(e) => panic!("unexpected {e:?}"),
                }
            }
            2..=5 => {
                // mostly the recent proposals, which are the ones still open
                let recent = &made[made.len().saturating_sub(4)..];
                if let Some((id, _, gated)) = pick(&mut rng, recent) {
                    let support = [Support::For, Support::Against, Support::Abstain][rng.below(3) as usize];
                    let before = g.state(id, block).unwrap();
                    let voted = ballots.get(&id).is_some_and(|b| b.iter().any(|(v, _)| *v == who));
                    match g.cast_vote(&at(who, block), &votes, &members, id, support, Vec::new()) {
                        Ok(_) => {
                            assert_eq!(before, ProposalState::Active, "a vote landed on a {before:?} proposal");
                            assert!(!voted, "a second vote landed");
                            assert!(!gated || is_member(who), "a non-member voted on a gated proposal");
                            ballots.entry(id).or_default().push((who, support));
                        }
                        Err(GovernorError::AlreadyVoted) => assert!(voted),
                        Err(GovernorError::NotMember) => {
                            assert!(gated && !is_member(who) && before == ProposalState::Active);
                            // the attack's shape: the gate is gone now, the proposal keeps it
                            swapped_refused += usize::from(g.membership().is_none());
                        }
                        Err(GovernorError::UnexpectedState(state)) => assert_eq!(state, before),
                        Err(e) => panic!("unexpected {e:?}"),
                    }
                }
            }
            6 => {
                if let Some((id, ..)) = pick(&mut rng, &made) {
                    let ok = g.queue(&at(who, block), id).is_ok();
                    assert_eq!(ok, g.state(id, block).unwrap() == ProposalState::Queued && g.proposal(id, block).unwrap().eta == Some(block + 3));
                }
            }
            7 => {
                if let Some((id, ..)) = pick(&mut rng, &made) {
                    let _ = g.begin_execute(&at(who, block), id);
                }
            }
            8 => {
                if let Some((id, ..)) = pick(&mut rng, &made) {
                    let guardian = rng.below(4) == 0;
                    let _ = g.cancel(&at(if guardian { GUARDIAN } else { who }, block), id);
                }
            }
            9 => {
                // the counting mode changes (member-based modes need the gate)
                let counting = [CountingMode::TokenWeighted, CountingMode::OneMemberOneVote, CountingMode::Quadratic][rng.below(3) as usize];
                let result = g.set_settings(&governance(block), GOVERNOR.into(), GovernorSettings { counting, vote_extension: 3, ..settings() });
                let allowed = counting == CountingMode::TokenWeighted || g.membership().is_some();
                assert_eq!(result.is_ok(), allowed, "{counting:?}");
            }
            10 => {
                // the gate is removed (token-weighted counting first, as removing needs it), or set
                if g.membership().is_some() {
                    if g.settings().unwrap().counting != CountingMode::TokenWeighted {
                        let result = g.set_membership(&governance(block), &members, GOVERNOR.into(), None);
                        assert_eq!(result.err(), Some(GovernorError::InvalidSettings));
                        g.set_settings(&governance(block), GOVERNOR.into(), GovernorSettings { vote_extension: 3, ..settings() }).unwrap();
                    }
                    g.set_membership(&governance(block), &members, GOVERNOR.into(), None).unwrap();
                } else {
                    g.set_membership(&governance(block), &members, GOVERNOR.into(), Some(gate())).unwrap();
                }
                gate_changes += 1;
            }
            _ => {
                let numerator = rng.below(u64::from(QUORUM_DENOMINATOR) + 1) as u32;
                g.set_quorum_numerator(&governance(block), GOVERNOR.into(), numerator).unwrap();
            }
        }
        // invariants, for every proposal
        for (id, counting, gated) in &made {
            let p = g.proposal(*id, block).unwrap();
            assert_eq!((p.counting, p.membership.is_some()), (*counting, *gated), "a proposal's electorate changed");
            let cast = ballots.get(id).cloned().unwrap_or_default();
            let raw = |v: u8| u128::from(v) * 100;
            let weight = |v: u8| match counting {
                CountingMode::TokenWeighted => raw(v),
                CountingMode::OneMemberOneVote => 1,
                CountingMode::Quadratic => isqrt(raw(v)),
            };
            let sum = |s: Support| cast.iter().filter(|(_, x)| *x == s).map(|(v, _)| weight(*v)).sum::<u128>();
            assert_eq!((p.tally.for_votes, p.tally.against_votes, p.tally.abstain_votes), (sum(Support::For), sum(Support::Against), sum(Support::Abstain)));
            let participating = cast.iter().filter(|(_, x)| *x != Support::Against);
            let participation: u128 = match counting {
                CountingMode::TokenWeighted => participating.map(|(v, _)| raw(*v)).sum(),
                _ => participating.count() as u128,
            };
            assert_eq!(p.tally.participation, participation);
            for (voter, support) in &cast {
                assert_eq!(g.receipt(*id, acc(*voter)).map(|r| (r.support, r.weight)), Some((*support, weight(*voter))));
            }
            if let Some(state) = finals.get(id) {
                assert_eq!(p.state, *state, "a final state changed");
            } else if matches!(p.state, ProposalState::Defeated | ProposalState::Executed | ProposalState::Canceled | ProposalState::Expired) {
                finals.insert(*id, p.state);
            }
        }
        block += rng.below(3) as u32;
    }
    assert_eq!(g.proposal_count() as usize, made.len());
    for (i, (id, ..)) in made.iter().enumerate() {
        assert_eq!(g.proposal_id_at(i as u32), Some(*id));
    }
    assert!(finals.len() > 10, "the run reached final states ({} of {})", finals.len(), made.len());
    assert!(gate_changes > 5 && made.iter().any(|m| m.2) && made.iter().any(|m| !m.2), "gates changed mid-vote");
    assert!(swapped_refused > 0, "non-members tried gated proposals after the gate was removed");
    assert!(made.iter().any(|m| m.1 == CountingMode::OneMemberOneVote) && made.iter().any(|m| m.1 == CountingMode::Quadratic));
}
