//! End-to-end tests of the DAO governor with the real token, DID and credential registries: the
//! built bundles driven through real calls, in the in-process runtime (`sandbox::*`) and on the
//! local node (`node::*`). Every privileged change goes through a proposal; the deployer keeps
//! no role.

use governor::data::{VoteSignedPayload, GOVERNOR_SIGNING_DOMAIN};
use scale::Encode;
use sovra_e2e::*;
use sovra_client::governance::{self, Governance};
use sovra_client::refs;
use sovra_kit::access::{DEFAULT_ADMIN_ROLE, MINTER_ROLE};
use sovra_kit::compliance::ComplianceGate;
use sovra_interfaces::credential::{CredentialError, TRUST_ADMIN_ROLE};
use governor::events::*;
use sovra_interfaces::governance::*;
use sovra_kit::signing::test_signer::EcdsaSigner;
use sovra_kit::upgrade::{CodeUpgraded, Migrated, UpgradeError};
use token::errors::TokenError;
use credential_registry::CredentialRegistryRef;
use governor::GovernorRef;
use token::TokenRef;
use psp22::PSP22;
use sovra_interfaces::access::AccessControl;
use sovra_interfaces::credential::CredentialVerifier;
use sovra_interfaces::upgrade::Upgradeable;
use sovra_interfaces::votes::Votes;

type G<T = ()> = Result<T, GovernorError>;

e2e_tests!(
    a_proposal_trusts_an_issuer_and_mints_with_the_governors_roles,
    defeated_expired_and_a_failing_action_rolls_everything_back,
    votes_count_at_the_snapshot_once_and_signatures_once,
    a_quorum_change_by_proposal_leaves_existing_proposals_alone,
    late_quorum_extends_the_deadline_and_the_guardian_cancels,
    a_member_dao_counts_quadratically_and_members_at_the_snapshot,
    a_proposal_upgrades_the_token_and_its_state_survives,
    no_other_contract_reenters_a_governor_during_execution,
    an_upgrade_ends_in_the_new_code_and_is_rolled_back_if_it_cannot_run,
);

/// Voting opens 1 block after proposing and lasts 10; timelock 3, grace 5; no extension.
fn settings() -> GovernorSettings {
    GovernorSettings {
        voting_delay: 1,
        voting_period: 10,
        proposal_threshold: 0,
        timelock_delay: 3,
        grace_period: 5,
        vote_extension: 0,
        counting: CountingMode::TokenWeighted,
    }
}

/// The suite wired as a DAO: the registries (membership schema, Bob's issuer DID trusted for
/// it), a token of 1,000,000 held by Alice 400,000, Bob 300,000, Charlie 200,000, Dave 100,000
/// (each self-delegated by default), and a governor with a 40% quorum (one member in the member modes) that holds the token's
/// admin and minter roles and the credential registry's admin and trust-admin roles — Alice,
/// the deployer, renounced hers.
struct Dao {
    members: Membership,
    token: Contract,
    governor: Contract,
}

fn dao(chain: &mut Chain, settings: GovernorSettings, membership: bool, guardian: Option<[u8; 32]>) -> Dao {
    let members = Membership::set_up(chain);
    let args = (chain.genesis_hash(), Some(String::from("Sovra")), Some(String::from("SOV")), 12u8, 1_000_000u128, None::<u128>, None::<ComplianceGate>);
    let token = chain.deploy(&bundle("token"), "new", args, ALICE);
    for (who, value) in [(BOB, 300_000u128), (CHARLIE, 200_000), (DAVE, 100_000)] {
        let out = chain.call(ALICE, token.calls::<TokenRef>().transfer(ink_account(who), value, Vec::<u8>::new()));
        assert_eq!(out.value, Ok(()));
    }
    let gate = membership.then(|| members.gate());
    let genesis = chain.genesis_hash();
    let governor = chain.deploy(&bundle("governor"), "new", (genesis, token.address, settings, 4_000u32, 1u32, gate, guardian.map(ink_account)), ALICE);
    // the role handover
    for (contract, roles) in [(&token, [DEFAULT_ADMIN_ROLE, MINTER_ROLE]), (&members.creds, [DEFAULT_ADMIN_ROLE, TRUST_ADMIN_ROLE])] {
        for role in roles {
            assert!(!chain.call(ALICE, contract.calls::<refs::AccessControl>().grant_role(role, governor.address)).reverted);
        }
        for role in roles {
            let roles = contract.calls::<refs::AccessControl>();
            assert!(!chain.call(ALICE, contract.calls::<refs::AccessControl>().renounce_role(role)).reverted);
            assert!(chain.read(roles.has_role(role, governor.address)));
            assert!(!chain.read(roles.has_role(role, ink_account(ALICE))));
        }
    }
    // the balances are in the past before anyone proposes
    chain.advance_blocks(1);
    Dao { members, token, governor }
}

/// The call `message` makes, as a proposal action.
fn action<M: Message>(message: M) -> Action {
    governance::action(message, 0)
}

fn propose(chain: &mut Chain, dao: &Dao, who: [u8; 32], actions: Vec<Action>, description: &str) -> ProposalId {
    let out = chain.call(who, dao.governor.calls::<GovernorRef>().propose(actions.clone(), description.as_bytes().to_vec()));
    let id = out.value.expect("proposed");
    let created = out.events_of::<ProposalCreated>(&dao.governor);
    assert_eq!(created.len(), 1);
    assert_eq!((created[0].id, created[0].proposer, &created[0].actions, &created[0].description[..]), (id, ink_account(who), &actions, description.as_bytes()));
    // indexers filter proposals by id and proposer
    assert_eq!(out.topics_of::<ProposalCreated>(&dao.governor), vec![vec![signature_topic::<ProposalCreated>(), id, who]]);
    id
}

fn vote(chain: &mut Chain, dao: &Dao, who: [u8; 32], id: ProposalId, support: Support) -> Outcome<G> {
    chain.call(who, dao.governor.calls::<GovernorRef>().cast_vote(id, support, Vec::<u8>::new()))
}

fn state(chain: &mut Chain, dao: &Dao, id: ProposalId) -> ProposalState {
    chain.read(dao.governor.calls::<GovernorRef>().state(id)).expect("a proposal")
}

fn view(chain: &mut Chain, dao: &Dao, id: ProposalId) -> ProposalView {
    chain.read(dao.governor.calls::<GovernorRef>().proposal(id)).expect("a proposal")
}

/// The lifecycle's waiting and voting steps of `sovra_client::governance`, on `dao`'s governor.
fn governance<'a>(chain: &'a mut Chain, dao: &'a Dao) -> Governance<'a> {
    Governance::new(chain.client(), &dao.governor)
}

/// Builds blocks until voting on `id` is open.
fn open(chain: &mut Chain, dao: &Dao, id: ProposalId) {
    governance(chain, dao).open(id).unwrap_or_else(|e| panic!("{e}"));
}

/// Votes `ballots`, ends the voting, and returns the final state.
fn decide(chain: &mut Chain, dao: &Dao, id: ProposalId, ballots: &[([u8; 32], Support)]) -> ProposalState {
    let mut governance = governance(chain, dao);
    governance.open(id).unwrap_or_else(|e| panic!("{e}"));
    for (who, support) in ballots {
        governance.vote(*who, id, *support, "").unwrap_or_else(|e| panic!("{e}"));
    }
    governance.close(id).unwrap_or_else(|e| panic!("{e}"))
}

/// Queues `id` and returns (eta, expires).
fn queue(chain: &mut Chain, dao: &Dao, id: ProposalId) -> (u32, u32) {
    let out = chain.call(CHARLIE, dao.governor.calls::<GovernorRef>().queue(id));
    assert_eq!(out.value, Ok(()));
    let queued = out.events_of::<ProposalQueued>(&dao.governor);
    assert_eq!(queued.len(), 1);
    (queued[0].eta, queued[0].expires)
}

fn execute(chain: &mut Chain, dao: &Dao, id: ProposalId) -> Outcome<G> {
    chain.call(EVE, dao.governor.calls::<GovernorRef>().execute(id))
}

fn a_proposal_trusts_an_issuer_and_mints_with_the_governors_roles(mut chain: Chain) {
    let dao = dao(&mut chain, settings(), false, None);
    let Dao { members, token, .. } = &dao;
    // given a second schema Bob's issuer DID is not trusted for
    let skills = chain
        .call(BOB, members.creds.calls::<CredentialRegistryRef>().register_schema([4u8; 32], b"Skill".to_vec(), Vec::<u8>::new(), true))
        .value
        .expect("schema");
    // the deployer can no longer do either itself
    let out = chain.call(ALICE, members.creds.calls::<CredentialRegistryRef>().add_trusted_issuer(skills, members.issuer));
    assert_eq!(out.value, Err(CredentialError::MissingRole));
    let out = chain.call(ALICE, token.calls::<TokenRef>().mint_to(ink_account(EVE), 500u128));
    assert_eq!(out.value, Err(TokenError::MissingRole));

    // when Charlie proposes both, and Alice and Bob vote for it
    let actions = vec![
        action(members.creds.calls::<CredentialRegistryRef>().add_trusted_issuer(skills, members.issuer)),
        action(token.calls::<TokenRef>().mint_to(ink_account(EVE), 500)),
    ];
    let id = propose(&mut chain, &dao, CHARLIE, actions.clone(), "Trust Bob for skills; pay Eve 500");
    assert_eq!(state(&mut chain, &dao, id), ProposalState::Pending);
    assert_eq!(vote(&mut chain, &dao, ALICE, id, Support::For).value, Err(GovernorError::UnexpectedState(ProposalState::Pending)));
    open(&mut chain, &dao, id);
    assert_eq!(state(&mut chain, &dao, id), ProposalState::Active);
    let out = chain.call(ALICE, dao.governor.calls::<GovernorRef>().cast_vote(id, Support::For, b"good for us".to_vec()));
    assert_eq!(out.value, Ok(()));
    let cast = out.events_of::<VoteCast>(&dao.governor);
    assert_eq!((cast[0].voter, cast[0].weight, &cast[0].reason[..]), (ink_account(ALICE), 400_000, &b"good for us"[..]));
    assert_eq!(out.topics_of::<VoteCast>(&dao.governor), vec![vec![signature_topic::<VoteCast>(), id, ALICE]]);
    assert_eq!(vote(&mut chain, &dao, BOB, id, Support::For).value, Ok(()));
    assert_eq!(vote(&mut chain, &dao, DAVE, id, Support::Against).value, Ok(()));
    let deadline = view(&mut chain, &dao, id).deadline;
    chain.pass(deadline);
    // then it succeeded, and after queueing it cannot run before its eta
    let p = view(&mut chain, &dao, id);
    assert_eq!((p.state, p.tally.for_votes, p.tally.against_votes, p.tally.quorum), (ProposalState::Succeeded, 700_000, 100_000, Some(400_000)));
    assert_eq!(p.actions, actions);
    let (eta, expires) = queue(&mut chain, &dao, id);
    assert_eq!(expires, eta + 5);
    assert_eq!(execute(&mut chain, &dao, id).value, Err(GovernorError::TimelockNotPassed));
    // when the timelock has passed, anyone executes it
    chain.pass(eta - 1);
    let out = execute(&mut chain, &dao, id);
    assert_eq!(out.value, Ok(()));
    assert_eq!(out.events_of::<ProposalExecuted>(&dao.governor), vec![ProposalExecuted { id }]);
    // then the governor's roles did both
    assert!(chain.read(members.creds.calls::<CredentialRegistryRef>().is_trusted(skills, members.issuer)));
    assert_eq!(chain.read(token.calls::<TokenRef>().balance_of(ink_account(EVE))), 500);
    assert_eq!(state(&mut chain, &dao, id), ProposalState::Executed);
    assert_eq!(execute(&mut chain, &dao, id).value, Err(GovernorError::UnexpectedState(ProposalState::Executed)));
    // and frontends list it without an indexer
    assert_eq!(chain.read(dao.governor.calls::<GovernorRef>().proposal_count()), 1);
    assert_eq!(chain.read(dao.governor.calls::<GovernorRef>().proposal_id_at(0u32)), Some(id));
}

fn defeated_expired_and_a_failing_action_rolls_everything_back(mut chain: Chain) {
    let dao = dao(&mut chain, settings(), false, None);
    let mint = action(dao.token.calls::<TokenRef>().mint_to(ink_account(EVE), 500));
    // quorum not met: Bob's 300,000 < 40% of 1,000,000
    let lonely = propose(&mut chain, &dao, BOB, vec![mint.clone()], "Bob alone");
    assert_eq!(decide(&mut chain, &dao, lonely, &[(BOB, Support::For)]), ProposalState::Defeated);
    assert_eq!(chain.call(BOB, dao.governor.calls::<GovernorRef>().queue(lonely)).value, Err(GovernorError::UnexpectedState(ProposalState::Defeated)));

    // a second action the governor has no role for (pause: it is no pauser) fails
    let failing = propose(&mut chain, &dao, ALICE, vec![mint.clone(), action(dao.token.calls::<TokenRef>().pause())], "mint, then pause");
    assert_eq!(decide(&mut chain, &dao, failing, &[(ALICE, Support::For)]), ProposalState::Succeeded);
    let (eta, expires) = queue(&mut chain, &dao, failing);
    chain.pass(eta - 1);
    let out = execute(&mut chain, &dao, failing);
    assert_eq!(out.value, Err(GovernorError::ActionFailed(1)));
    assert!(out.reverted);
    // the first action's mint is rolled back, and the proposal is still queued
    assert_eq!(chain.read(dao.token.calls::<TokenRef>().total_supply()), 1_000_000);
    assert_eq!(chain.read(dao.token.calls::<TokenRef>().balance_of(ink_account(EVE))), 0);
    assert_eq!(state(&mut chain, &dao, failing), ProposalState::Queued);
    // after the grace period it has expired
    chain.pass(expires);
    assert_eq!(state(&mut chain, &dao, failing), ProposalState::Expired);
    assert_eq!(execute(&mut chain, &dao, failing).value, Err(GovernorError::UnexpectedState(ProposalState::Expired)));
}

fn votes_count_at_the_snapshot_once_and_signatures_once(mut chain: Chain) {
    let dao = dao(&mut chain, settings(), false, None);
    // given an ECDSA holder of 50,000 who votes by signature through a relayer (Bob)
    let voter = EcdsaSigner::new(77);
    let out = chain.call(DAVE, dao.token.calls::<TokenRef>().transfer(voter.account(), 50_000u128, Vec::<u8>::new()));
    assert_eq!(out.value, Ok(()));
    chain.advance_blocks(1);
    let id = propose(&mut chain, &dao, ALICE, vec![action(dao.token.calls::<TokenRef>().mint_to(ink_account(EVE), 1))], "flash");
    open(&mut chain, &dao, id);
    // when Charlie, after the snapshot, gets Alice's 400,000 (a flash loan's shape)
    let out = chain.call(ALICE, dao.token.calls::<TokenRef>().transfer(ink_account(CHARLIE), 400_000u128, Vec::<u8>::new()));
    assert_eq!(out.value, Ok(()));
    // then his vote weighs what he held at the snapshot, and Alice still votes with hers
    assert_eq!(vote(&mut chain, &dao, CHARLIE, id, Support::Against).value, Ok(()));
    assert_eq!(chain.read(dao.governor.calls::<GovernorRef>().receipt(id, ink_account(CHARLIE))), Some(VoteReceipt { support: Support::Against, weight: 200_000 }));
    assert_eq!(vote(&mut chain, &dao, ALICE, id, Support::For).value, Ok(()));
    // each account votes once
    let again = vote(&mut chain, &dao, CHARLIE, id, Support::For);
    assert_eq!(again.value, Err(GovernorError::AlreadyVoted));
    assert!(again.reverted);
    // a signed vote is accepted once
    let deadline = chain.block() + 20;
    let payload: Vec<u8> = chain.read(dao.governor.calls::<GovernorRef>().vote_signing_payload(id, voter.account(), Support::For, Vec::<u8>::new(), 0u64, deadline));
    let documented = VoteSignedPayload {
        domain: GOVERNOR_SIGNING_DOMAIN,
        chain: chain.genesis_hash(),
        governor: dao.governor.address,
        proposal: id,
        voter: voter.account(),
        support: Support::For,
        reason: Vec::new(),
        nonce: 0,
        deadline,
    };
    assert_eq!(payload, [b"<Bytes>".to_vec(), documented.encode(), b"</Bytes>".to_vec()].concat());
    // signed for a staging fork that kept this governor's address: `<Bytes>` (7) ++ tag (17) ++
    // chain (32) ++ …
    let mut on_fork = payload.clone();
    on_fork[24..56].copy_from_slice(&[0x57; 32]);
    let forked = voter.sign(&on_fork);
    let out = chain.call(BOB, dao.governor.calls::<GovernorRef>().cast_vote_by_sig(id, voter.account(), Support::For, Vec::<u8>::new(), 0u64, deadline, forked));
    assert_eq!(out.value, Err(GovernorError::BadSignature), "signed for another chain");
    let signature = voter.sign(&payload);
    let by_sig = |chain: &mut Chain, support: Support| {
        chain.call(BOB, dao.governor.calls::<GovernorRef>().cast_vote_by_sig(id, voter.account(), support, Vec::<u8>::new(), 0u64, deadline, signature))
    };
    assert_eq!(by_sig(&mut chain, Support::Against).value, Err(GovernorError::BadSignature), "not what was signed");
    let out = by_sig(&mut chain, Support::For);
    assert_eq!(out.value, Ok(()));
    let cast = out.events_of::<VoteCast>(&dao.governor);
    assert_eq!((cast[0].voter, cast[0].weight), (voter.account(), 50_000));
    assert_eq!(chain.read(dao.governor.calls::<GovernorRef>().nonces(voter.account())), 1);
    // and its replay is refused
    assert_eq!(by_sig(&mut chain, Support::For).value, Err(GovernorError::NonceUsed));
    let p = view(&mut chain, &dao, id);
    assert_eq!((p.tally.for_votes, p.tally.against_votes), (450_000, 200_000));
}

fn a_quorum_change_by_proposal_leaves_existing_proposals_alone(mut chain: Chain) {
    let dao = dao(&mut chain, GovernorSettings { timelock_delay: 0, ..settings() }, false, None);
    // given a proposal to raise the quorum to 90% (a call to the governor itself)
    let raise = propose(&mut chain, &dao, ALICE, vec![action(dao.governor.calls::<GovernorRef>().set_quorum_numerator(9_000))], "quorum 90%");
    assert_eq!(decide(&mut chain, &dao, raise, &[(ALICE, Support::For), (BOB, Support::For)]), ProposalState::Succeeded);
    // and a proposal made before the change takes effect
    let before = propose(&mut chain, &dao, BOB, vec![action(dao.token.calls::<TokenRef>().mint_to(ink_account(EVE), 1))], "made under 40%");
    let snapshot = view(&mut chain, &dao, before).snapshot;
    chain.pass(snapshot);
    // when the raise executes (after that proposal's snapshot)
    queue(&mut chain, &dao, raise);
    let out = execute(&mut chain, &dao, raise);
    assert_eq!(out.value, Ok(()));
    let changed = out.events_of::<SettingsChanged>(&dao.governor);
    assert_eq!(changed, vec![SettingsChanged { change: SettingsChange::QuorumNumerator(9_000) }]);
    let now = chain.block();
    assert_eq!(chain.read(dao.governor.calls::<GovernorRef>().quorum_numerator(now)), 9_000);
    // then the earlier proposal is still decided under 40%: 500,000 votes carry it
    assert_eq!(decide(&mut chain, &dao, before, &[(BOB, Support::For), (CHARLIE, Support::For)]), ProposalState::Succeeded);
    assert_eq!(view(&mut chain, &dao, before).tally.quorum, Some(400_000));
    // while a new one needs 900,000
    let after = propose(&mut chain, &dao, BOB, vec![action(dao.token.calls::<TokenRef>().mint_to(ink_account(EVE), 2))], "made under 90%");
    assert_eq!(decide(&mut chain, &dao, after, &[(BOB, Support::For), (CHARLIE, Support::For)]), ProposalState::Defeated);
    assert_eq!(view(&mut chain, &dao, after).tally.quorum, Some(900_000));
    // settings change only through governance
    let out = chain.call(ALICE, dao.governor.calls::<GovernorRef>().set_quorum_numerator(1u32));
    assert_eq!(out.value, Err(GovernorError::OnlyGovernance));
}

fn late_quorum_extends_the_deadline_and_the_guardian_cancels(mut chain: Chain) {
    let dao = dao(&mut chain, GovernorSettings { vote_extension: 6, ..settings() }, false, Some(EVE));
    // given a proposal nobody votes on until 2 blocks before its deadline
    let id = propose(&mut chain, &dao, BOB, vec![action(dao.token.calls::<TokenRef>().mint_to(ink_account(EVE), 1))], "late");
    let deadline = view(&mut chain, &dao, id).deadline;
    chain.pass(deadline - 3);
    // when Alice's vote reaches the quorum
    let out = vote(&mut chain, &dao, ALICE, id, Support::For);
    assert_eq!(out.value, Ok(()));
    // then the deadline moves to 6 blocks after that vote
    let extended = out.events_of::<ProposalExtended>(&dao.governor);
    assert_eq!(extended.len(), 1);
    assert!(extended[0].deadline > deadline);
    assert_eq!(view(&mut chain, &dao, id).deadline, extended[0].deadline);
    chain.pass(deadline);
    assert_eq!(state(&mut chain, &dao, id), ProposalState::Active);
    // and the others can still answer
    assert_eq!(vote(&mut chain, &dao, BOB, id, Support::Against).value, Ok(()));
    assert_eq!(vote(&mut chain, &dao, CHARLIE, id, Support::Against).value, Ok(()));
    chain.pass(extended[0].deadline);
    assert_eq!(state(&mut chain, &dao, id), ProposalState::Defeated);

    // the guardian cancels a queued proposal; nobody else can
    let queued = propose(&mut chain, &dao, BOB, vec![action(dao.token.calls::<TokenRef>().mint_to(ink_account(EVE), 2))], "to cancel");
    assert_eq!(decide(&mut chain, &dao, queued, &[(ALICE, Support::For)]), ProposalState::Succeeded);
    queue(&mut chain, &dao, queued);
    assert_eq!(chain.call(BOB, dao.governor.calls::<GovernorRef>().cancel(queued)).value, Err(GovernorError::UnexpectedState(ProposalState::Queued)));
    assert_eq!(chain.call(DAVE, dao.governor.calls::<GovernorRef>().cancel(queued)).value, Err(GovernorError::NotAllowedToCancel));
    let out = chain.call(EVE, dao.governor.calls::<GovernorRef>().cancel(queued));
    assert_eq!(out.value, Ok(()));
    assert_eq!(out.events_of::<ProposalCanceled>(&dao.governor), vec![ProposalCanceled { id: queued, by: ink_account(EVE) }]);
    assert_eq!(state(&mut chain, &dao, queued), ProposalState::Canceled);
    assert_eq!(execute(&mut chain, &dao, queued).value, Err(GovernorError::UnexpectedState(ProposalState::Canceled)));
}

fn a_member_dao_counts_quadratically_and_members_at_the_snapshot(mut chain: Chain) {
    let dao = dao(&mut chain, GovernorSettings { counting: CountingMode::Quadratic, ..settings() }, true, None);
    // given members Alice, Bob and Charlie; Dave holds tokens but no membership credential
    for (who, credential) in [(ALICE, 1u8), (BOB, 2), (CHARLIE, 3)] {
        dao.members.issue(&mut chain, who, credential);
    }
    // Charlie's credential is revoked before the proposal is made (membership for proposing
    // is judged at the previous block: the changes are in the past first)
    dao.members.set_status(&mut chain, "revoke", 3);
    chain.advance_blocks(1);
    let mint = vec![action(dao.token.calls::<TokenRef>().mint_to(ink_account(EVE), 1))];
    let out = chain.call(DAVE, dao.governor.calls::<GovernorRef>().propose(mint.clone(), b"Dave".to_vec()));
    assert_eq!(out.value, Err(GovernorError::NotMember));
    let id = propose(&mut chain, &dao, ALICE, mint, "quadratic");
    open(&mut chain, &dao, id);
    // membership is judged at the snapshot: Charlie (revoked before it) cannot vote, and Dave,
    // credentialed during the voting window, cannot either
    assert_eq!(vote(&mut chain, &dao, CHARLIE, id, Support::Against).value, Err(GovernorError::NotMember));
    dao.members.issue(&mut chain, DAVE, 4);
    assert_eq!(vote(&mut chain, &dao, DAVE, id, Support::Against).value, Err(GovernorError::NotMember));
    // Bob, a member at the snapshot, is suspended during the window: his vote still counts
    dao.members.set_status(&mut chain, "suspend", 2);
    let live = chain.read(dao.members.creds.calls::<CredentialRegistryRef>().has_valid_credential(ink_account(BOB), dao.members.gate().schema));
    assert!(!live, "suspended now");
    // members' votes weigh the square root of their tokens: √400,000 = 632, √300,000 = 547
    assert_eq!(vote(&mut chain, &dao, ALICE, id, Support::For).value, Ok(()));
    assert_eq!(vote(&mut chain, &dao, BOB, id, Support::Against).value, Ok(()));
    let deadline = view(&mut chain, &dao, id).deadline;
    chain.pass(deadline);
    let p = view(&mut chain, &dao, id);
    // quorum counts members (1 here), not tokens
    assert_eq!((p.counting, p.tally.for_votes, p.tally.against_votes, p.tally.participation), (CountingMode::Quadratic, 632, 547, 1));
    assert_eq!(p.tally.quorum, Some(1));
    assert_eq!(p.state, ProposalState::Succeeded);
}

fn a_proposal_upgrades_the_token_and_its_state_survives(mut chain: Chain) {
    let dao = dao(&mut chain, settings(), false, None);
    let token = &dao.token;
    // given the token's next build (storage layout 2) uploaded, and the state it must keep
    let next = chain.upload(&bundle("token_next_storage_version"), DAVE);
    let current = chain.upload(&bundle("token"), DAVE);
    assert_ne!(next, current);
    assert_eq!(chain.read(token.calls::<TokenRef>().storage_version()), (1, 1));
    let balances = |chain: &mut Chain| ACCOUNTS.map(|who| chain.read(token.calls::<TokenRef>().balance_of(ink_account(who))));
    let before = balances(&mut chain);
    let past_block = chain.block() - 1;
    let past = |chain: &mut Chain| chain.read(token.calls::<TokenRef>().get_past_votes(ink_account(BOB), past_block));
    assert_eq!(past(&mut chain), Ok(300_000));
    // the deployer cannot upgrade it
    let out = chain.call(ALICE, token.calls::<TokenRef>().set_code_hash(next.into()));
    assert_eq!(out.value, Err(UpgradeError::MissingRole));

    // when a proposal replaces the code and migrates, atomically
    let upgrade = vec![action(token.calls::<TokenRef>().set_code_hash(next.into())), action(token.calls::<TokenRef>().migrate())];
    let id = propose(&mut chain, &dao, ALICE, upgrade, "Token storage layout 2");
    assert_eq!(decide(&mut chain, &dao, id, &[(ALICE, Support::For), (BOB, Support::For)]), ProposalState::Succeeded);
    let (eta, _) = queue(&mut chain, &dao, id);
    chain.pass(eta - 1);
    let out = execute(&mut chain, &dao, id);
    assert_eq!(out.value, Ok(()));
    let by = dao.governor.address;
    assert_eq!(out.events_of::<CodeUpgraded>(token), vec![CodeUpgraded { code_hash: next.into(), by }]);
    assert_eq!(out.events_of::<Migrated>(token), vec![Migrated { from: 1, to: 2 }]);
    // then the new code runs on the old state: balances, past votes, supply, roles
    assert_eq!(chain.read(token.calls::<TokenRef>().storage_version()), (2, 2));
    assert_eq!(balances(&mut chain), before);
    assert_eq!(past(&mut chain), Ok(300_000));
    assert_eq!(chain.read(token.calls::<TokenRef>().total_supply()), 1_000_000);
    assert!(chain.read(token.calls::<TokenRef>().has_role(DEFAULT_ADMIN_ROLE, by)));
    let out = chain.call(BOB, token.calls::<TokenRef>().transfer(ink_account(EVE), 5u128, Vec::<u8>::new()));
    assert_eq!(out.value, Ok(()));

    // a downgrade whose migration fails rolls the code change back with it
    let downgrade = vec![action(token.calls::<TokenRef>().set_code_hash(current.into())), action(token.calls::<TokenRef>().migrate())];
    let id = propose(&mut chain, &dao, ALICE, downgrade, "back to layout 1");
    assert_eq!(decide(&mut chain, &dao, id, &[(ALICE, Support::For), (BOB, Support::For)]), ProposalState::Succeeded);
    let (eta, _) = queue(&mut chain, &dao, id);
    chain.pass(eta - 1);
    assert_eq!(execute(&mut chain, &dao, id).value, Err(GovernorError::ActionFailed(1)));
    assert_eq!(chain.read(token.calls::<TokenRef>().storage_version()), (2, 2));
}

/// Every upgrade is `[set_code_hash, migrate]`: a fix that keeps the layout migrates as a no-op
/// (proving the new code runs on the stored state), and new code that cannot read the stored
/// root traps in `migrate`, which rolls the code change back with the whole proposal.
fn an_upgrade_ends_in_the_new_code_and_is_rolled_back_if_it_cannot_run(mut chain: Chain) {
    let dao = dao(&mut chain, settings(), false, None);
    let token = &dao.token;
    let current = chain.upload(&bundle("token"), DAVE);
    let broken = chain.upload(&bundle("token_incompatible_storage"), DAVE);
    assert_eq!(chain.code_hash(token.address), Some(current));
    let enact = |chain: &mut Chain, code: [u8; 32], description: &str| {
        let upgrade = vec![action(token.calls::<TokenRef>().set_code_hash(code.into())), action(token.calls::<TokenRef>().migrate())];
        let id = propose(chain, &dao, ALICE, upgrade, description);
        assert_eq!(decide(chain, &dao, id, &[(ALICE, Support::For), (BOB, Support::For)]), ProposalState::Succeeded);
        let (eta, _) = queue(chain, &dao, id);
        chain.pass(eta - 1);
        execute(chain, &dao, id)
    };
    // a same-layout upgrade (here: the same code again) succeeds, ending in a no-op migration
    let out = enact(&mut chain, current, "Bug fix, same layout");
    assert_eq!(out.value, Ok(()));
    assert_eq!(out.events_of::<Migrated>(token), vec![Migrated { from: 1, to: 1 }]);
    // code that cannot decode the stored root: its migrate traps, everything is rolled back
    let out = enact(&mut chain, broken, "Broken build");
    assert_eq!(out.value, Err(GovernorError::ActionFailed(1)));
    assert_eq!(chain.code_hash(token.address), Some(current));
    assert_eq!(chain.read(token.calls::<TokenRef>().total_supply()), 1_000_000);
    let sent = chain.call(BOB, token.calls::<TokenRef>().transfer(ink_account(EVE), 5u128, Vec::<u8>::new()));
    assert_eq!(sent.value, Ok(()));
}

/// A second governor B (same token) holds a proposal that calls governor A's `queue`. Run
/// directly it works; run from inside A's own execution (A's proposal executes B's) it is a
/// re-entry into A, which A refuses — and A's execution fails whole.
fn no_other_contract_reenters_a_governor_during_execution(mut chain: Chain) {
    let dao = dao(&mut chain, GovernorSettings { grace_period: 50, ..settings() }, false, None);
    let a = &dao.governor;
    let b_args = (chain.genesis_hash(), dao.token.address, GovernorSettings { grace_period: 50, ..settings() }, 4_000u32, 2u32, None::<ComplianceGate>, Some(ink_account(EVE)));
    let b_dao = Dao { members: dao.members.clone(), token: dao.token.clone(), governor: chain.deploy(&bundle("governor"), "new", b_args, ALICE) };
    let b = &b_dao.governor;
    // given: A's proposal P (to be queued), B's proposal Q queueing P on A, A's proposal R
    // executing Q on B — all three carried by Alice and Bob
    let p = propose(&mut chain, &dao, ALICE, vec![action(dao.token.calls::<TokenRef>().mint_to(ink_account(EVE), 1))], "P");
    let q = propose(&mut chain, &b_dao, ALICE, vec![action(a.calls::<GovernorRef>().queue(p))], "Q: queue P on A");
    let r = propose(&mut chain, &dao, ALICE, vec![action(b.calls::<GovernorRef>().execute(q))], "R: execute Q on B");
    open(&mut chain, &dao, r);
    for (governor, id) in [(&dao, p), (&b_dao, q), (&dao, r)] {
        for who in [ALICE, BOB] {
            assert_eq!(vote(&mut chain, governor, who, id, Support::For).value, Ok(()));
        }
    }
    let deadline = view(&mut chain, &dao, r).deadline;
    chain.pass(deadline);
    let (eta_q, _) = queue(&mut chain, &b_dao, q);
    let (eta_r, _) = queue(&mut chain, &dao, r);
    chain.pass(eta_q.max(eta_r));
    // when A executes R, B's Q calls back into A: refused, and R fails whole
    let out = execute(&mut chain, &dao, r);
    assert_eq!(out.value, Err(GovernorError::ActionFailed(0)));
    assert_eq!(state(&mut chain, &dao, p), ProposalState::Succeeded);
    assert_eq!(state(&mut chain, &b_dao, q), ProposalState::Queued);
    // then the same call, not nested in A's execution, goes through
    assert_eq!(execute(&mut chain, &b_dao, q).value, Ok(()));
    assert_eq!(state(&mut chain, &dao, p), ProposalState::Queued);
}
