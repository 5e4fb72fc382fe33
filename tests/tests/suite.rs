//! The suite deployed exactly as `scripts/deploy.sh` wires it (`sovra_client::deployment::deploy`
//! with the committed `local` profile), in the in-process runtime and on the local node: every
//! wiring reads back as the profile says, the governor holds every role and the deployer none,
//! and the deployer can no longer do what its roles allowed.

use psp22::PSP22Error;
use sovra_client::governance::{self, Governance, StepError};
use sovra_e2e::suite::{self, Profile, RoleRow};
use sovra_e2e::*;
use sovra_kit::access::{DEFAULT_ADMIN_ROLE, MINTER_ROLE};
use credential_registry::events::DidRegistryChanged;
use sovra_interfaces::access::RoleError;
use sovra_interfaces::credential::CredentialError;
use sovra_interfaces::governance::{Action, GovernorError, ProposalId, ProposalState, Support};
use token::errors::TokenError;
use credential_registry::CredentialRegistryRef;
use did_registry::DidRegistryContractRef;
use governor::GovernorRef;
use nft::NftRef;
use token::TokenRef;
use psp22::PSP22;
use sovra_interfaces::access::AccessControl;

e2e_tests!(
    the_suite_deploys_as_one_dao_with_every_role_at_the_governor,
    the_dao_moves_the_credential_registry_to_a_new_did_registry,
    the_dao_replaces_its_governor_by_handing_over_every_role,
    verification_fails_when_the_deployer_holds_a_role,
    verification_names_a_third_holder_an_extra_issuer_and_a_pause,
    a_deployment_survives_a_squatted_schema_and_resumes_after_a_failure,
    a_settings_change_does_not_swap_a_proposals_electorate,
    the_dao_pays_contributors_from_its_treasury,
);

fn profile() -> Profile {
    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../deployments/profiles/local.json");
    Profile::load(&path).expect("the local profile")
}

fn the_suite_deploys_as_one_dao_with_every_role_at_the_governor(mut chain: Chain) {
    // given the local profile
    let profile = profile();
    let mut log = Vec::new();
    // when the suite is deployed as deploy.sh does it, by Alice
    let suite = suite::deploy(chain.client(), &profile, ALICE, &mut Default::default(), &mut |line| log.push(line), &mut |_| Ok(())).expect("deployed");
    // then every check of the verification passes
    let suite::Verification { checks, roles, .. } = suite::verify(chain.client(), &suite, &profile).expect("verified");
    let failed: Vec<_> = checks.iter().filter(|c| !c.ok).collect();
    assert!(failed.is_empty(), "failed checks: {failed:#?}");
    assert_eq!(checks.len(), 6 + 14 + 8 + 9, "code hashes, wiring, state (the vault's: share code, windows, no assets), one per role");
    // and the role table is: the governor holds all nine roles, the deployer none
    let expected: Vec<RoleRow> = [
        ("credential_registry", "admin"),
        ("credential_registry", "trust admin"),
        ("token", "admin"),
        ("token", "minter"),
        ("token", "pauser"),
        ("nft", "admin"),
        ("nft", "minter"),
        ("nft", "pauser"),
        ("vault", "admin"),
    ]
    .into_iter()
    .map(|(contract, role)| RoleRow { contract, role, holders: vec![suite.governor.address], governor: true, deployer: false })
    .collect();
    assert_eq!(roles, expected);
    // and the log names each step in order, ending with the handovers
    assert!(log[0].starts_with("deployed did_registry"), "{log:?}");
    assert!(log.last().is_some_and(|l| l.starts_with("handed vault's roles")), "{log:?}");

    // and the deployer can no longer use any of them
    let denied = chain.call(ALICE, suite.token.calls::<TokenRef>().mint_to(ink_account(ALICE), 1u128));
    assert_eq!(denied.value, Err(TokenError::MissingRole));
    let denied = chain.call(ALICE, suite.token.calls::<TokenRef>().grant_role(MINTER_ROLE, ink_account(ALICE)));
    assert_eq!(denied.value, Err(RoleError::MissingRole));
    let denied = chain.call(ALICE, suite.credential_registry.calls::<CredentialRegistryRef>().add_trusted_issuer(suite.schema, [9u8; 32]));
    assert_eq!(denied.value, Err(CredentialError::MissingRole));
    let denied = chain.call(ALICE, suite.nft.calls::<NftRef>().grant_role(DEFAULT_ADMIN_ROLE, ink_account(ALICE)));
    assert_eq!(denied.value, Err(RoleError::MissingRole));

    // and the gate is live: the supply sits with the deployer, and a receiver without a
    // membership credential is refused until the founding issuer (Bob's DID) credentials it
    assert_eq!(chain.read(suite.token.calls::<TokenRef>().balance_of(ink_account(ALICE))), profile.initial_supply);
    let transfer = |chain: &mut Chain| {
        chain.call(ALICE, suite.token.calls::<TokenRef>().transfer(ink_account(CHARLIE), 5u128, Vec::<u8>::new())).value
    };
    assert_eq!(transfer(&mut chain), Err(PSP22Error::Custom(String::from("ComplianceFailed"))));
    let (account, salt) = profile.founding_issuer;
    assert_eq!(account, BOB);
    let did = chain.call(BOB, suite.did_registry.calls::<DidRegistryContractRef>().create_did(salt)).value;
    assert_eq!(did, Ok(suite.founding_issuer));
    let request = account_credential(0x51, suite.schema, CHARLIE);
    let issued = chain.call(BOB, suite.credential_registry.calls::<CredentialRegistryRef>().issue(suite.founding_issuer, request)).value;
    assert_eq!(issued, Ok(()));
    assert_eq!(transfer(&mut chain), Ok(()));
}

/// The suite deployed from `profile`; Bob's founding DID created, Charlie credentialed by it and
/// holding the whole supply (its votes in the past). Returns the suite and the founding salt.
fn with_one_member(chain: &mut Chain, profile: &Profile) -> (suite::Suite, [u8; 32]) {
    let suite = suite::deploy(chain.client(), profile, ALICE, &mut Default::default(), &mut |_| (), &mut |_| Ok(())).expect("deployed");
    let (_, salt) = profile.founding_issuer;
    let did = chain.call(BOB, suite.did_registry.calls::<DidRegistryContractRef>().create_did(salt)).value;
    assert_eq!(did, Ok(suite.founding_issuer));
    let request = account_credential(0x61, suite.schema, CHARLIE);
    let issued = chain.call(BOB, suite.credential_registry.calls::<CredentialRegistryRef>().issue(suite.founding_issuer, request));
    assert_eq!(issued.value, Ok(()));
    let moved = chain.call(ALICE, suite.token.calls::<TokenRef>().transfer(ink_account(CHARLIE), profile.initial_supply, Vec::<u8>::new()));
    assert_eq!(moved.value, Ok(()));
    // membership and votes count at past blocks: let this one pass
    chain.advance_blocks(1);
    (suite, salt)
}

/// `proposer`'s proposal of `actions` on `gov`, voted For by the proposer alone, queued, and
/// executed once the timelock passed (`sovra_client::governance`); the execution's outcome.
fn enact(chain: &mut Chain, gov: &Contract, proposer: [u8; 32], actions: Vec<Action>, description: &str) -> Outcome<()> {
    let (id, executed) = Governance::new(chain.client(), gov).enact(proposer, actions, description).unwrap_or_else(|e| panic!("{e}"));
    let state = chain.read(gov.calls::<GovernorRef>().state(id));
    assert_eq!(state, Ok(ProposalState::Executed));
    executed
}


/// The DID-registry migration path of `docs/threat-model.md` ("Upgrades"): the DID registry is
/// immutable, so the DAO replaces it by deploying a new one and repointing the credential
/// registry through a proposal; issuers are checked against the new registry from then on.
fn the_dao_moves_the_credential_registry_to_a_new_did_registry(mut chain: Chain) {
    // given the suite, with Charlie a member holding the whole supply
    let profile = profile();
    let (suite, salt) = with_one_member(&mut chain, &profile);
    let issue = |chain: &mut Chain, id: u8, who: [u8; 32]| {
        let request = account_credential(id, suite.schema, who);
        chain.call(BOB, suite.credential_registry.calls::<CredentialRegistryRef>().issue(suite.founding_issuer, request)).value
    };
    // and a new DID registry on the same chain id
    let chain_id = chain.read(suite.did_registry.calls::<DidRegistryContractRef>().chain_id());
    let new_dids = chain.deploy(&bundle("did_registry"), "new", chain_id, DAVE);
    // the deployer cannot repoint the credential registry (nor can anyone but the governor)
    let denied = chain.call(ALICE, suite.credential_registry.calls::<CredentialRegistryRef>().set_did_registry(new_dids.address));
    assert_eq!(denied.value, Err(CredentialError::MissingRole));

    // when Charlie's proposal to repoint it passes the vote and the timelock
    let action = governance::action(suite.credential_registry.calls::<CredentialRegistryRef>().set_did_registry(new_dids.address), 0);
    let gov = suite.governor.clone();
    let executed = enact(&mut chain, &gov, CHARLIE, vec![action], "Move to the new DID registry");

    // then the credential registry trusts the new DID registry, and says so to indexers
    assert_eq!(chain.read(suite.credential_registry.calls::<CredentialRegistryRef>().did_registry()), new_dids.address);
    let changed = executed.events_of::<DidRegistryChanged>(&suite.credential_registry);
    assert_eq!(changed, vec![DidRegistryChanged { previous: suite.did_registry.address, new: new_dids.address, by: gov.address }]);
    assert_eq!(
        executed.topics_of::<DidRegistryChanged>(&suite.credential_registry),
        vec![vec![signature_topic::<DidRegistryChanged>(), *suite.did_registry.address.as_ref(), *new_dids.address.as_ref()]]
    );
    // and the founding issuer cannot issue until Bob re-creates its DID there (same id: it is
    // derived from Bob's account and the salt, not from the registry)
    assert_eq!(issue(&mut chain, 0x62, DAVE), Err(CredentialError::IssuerInactive));
    let recreated = chain.call(BOB, new_dids.calls::<DidRegistryContractRef>().create_did(salt)).value;
    assert_eq!(recreated, Ok(suite.founding_issuer));
    assert_eq!(issue(&mut chain, 0x62, DAVE), Ok(()));
}

/// The governor's own replacement (it is not upgradable in place, see `docs/threat-model.md`):
/// one proposal of the old governor hands every role of every contract to a new governor
/// (`hand_over`, one action per contract), atomically — never two governors half-way;
/// afterwards only the new governor's proposals can use them.
fn the_dao_replaces_its_governor_by_handing_over_every_role(mut chain: Chain) {
    // given the suite with one member, and a second governor of the same token
    let profile = profile();
    let (suite, _) = with_one_member(&mut chain, &profile);
    let old = suite.governor.clone();
    let args = (chain.genesis_hash(), suite.token.address, profile.settings, profile.quorum_bps, profile.member_quorum, Some(suite.gate()), None::<AccountId>);
    let new = chain.deploy(&bundle("governor"), "new", args, DAVE);
    // when one proposal of the old governor hands each contract's roles over
    let actions: Vec<Action> = suite::ROLES
        .iter()
        .map(|(name, _)| {
            let contract = suite.contract(name).expect("a contract of the suite");
            governance::action(contract.calls::<sovra_client::refs::AccessControl>().hand_over(new.address), 0)
        })
        .collect();
    assert_eq!(actions.len(), 4, "one action per contract with roles");
    enact(&mut chain, &old, CHARLIE, actions, "Hand every role over to the new governor");
    // then the new governor holds every role and the old one none
    for (name, roles) in suite::ROLES {
        let contract = suite.contract(name).expect("a contract of the suite").clone();
        for (role, role_name) in roles.iter() {
            let roles = contract.calls::<sovra_client::refs::AccessControl>();
            assert!(chain.read(roles.has_role(*role, new.address)), "{name} {role_name}");
            assert!(!chain.read(roles.has_role(*role, old.address)), "{name} {role_name}");
        }
    }
    // and the new governor mints through its own proposal, while the old one's proposal fails
    let mint = governance::action(suite.token.calls::<TokenRef>().mint_to(ink_account(CHARLIE), 5), 0);
    let supply = chain.read(suite.token.calls::<TokenRef>().total_supply());
    enact(&mut chain, &new, CHARLIE, vec![mint.clone()], "Mint 5 through the new governor");
    assert_eq!(chain.read(suite.token.calls::<TokenRef>().total_supply()), supply + 5);
    let mut old_gov = Governance::new(chain.client(), &old);
    let id = old_gov.propose(CHARLIE, vec![mint], "Mint 5 through the old governor").expect("proposed").value;
    old_gov.open(id).expect("voting opens");
    old_gov.vote(CHARLIE, id, Support::For, "").expect("voted");
    assert_eq!(old_gov.close(id).expect("voting ends"), ProposalState::Succeeded);
    old_gov.queue(CHARLIE, id).expect("queued");
    old_gov.wait_for_eta(id).expect("the timelock passes");
    let failed = old_gov.execute(CHARLIE, id).err();
    assert_eq!(failed, Some(StepError::Refused("execute", GovernorError::ActionFailed(0))));
    assert_eq!(chain.read(suite.token.calls::<TokenRef>().total_supply()), supply + 5);
}

/// The verification deploy.sh prints and fails on: a role back in the deployer's hands (here
/// granted by a proposal, the only way after the handover) is reported and fails the check.
fn verification_fails_when_the_deployer_holds_a_role(mut chain: Chain) {
    // given the suite, verified clean
    let profile = profile();
    let (suite, _) = with_one_member(&mut chain, &profile);
    assert!(suite::verify(chain.client(), &suite, &profile).expect("verified").checks.iter().all(|c| c.ok));
    // when a proposal gives the deployer the token's pauser role
    let grant = governance::action(suite.token.calls::<TokenRef>().grant_role(sovra_kit::access::PAUSER_ROLE, ink_account(ALICE)), 0);
    enact(&mut chain, &suite.governor, CHARLIE, vec![grant], "Alice pauses in emergencies");
    // then exactly that check fails, naming both holders, and the role table shows it
    let suite::Verification { checks, roles, .. } = suite::verify(chain.client(), &suite, &profile).expect("verified");
    let failed: Vec<_> = checks.iter().filter(|c| !c.ok).map(|c| (c.what.as_str(), c.found.as_str())).collect();
    // (the proposal that did it is on record too)
    assert_eq!(failed, vec![("governor has no proposals", "1"), ("token pauser held by the governor alone", "governor, deployer")]);
    let pauser = roles.iter().find(|r| r.contract == "token" && r.role == "pauser").expect("a row");
    assert_eq!((pauser.governor, pauser.deployer), (true, true));
}

/// Verification reads every holder of every role and the whole trusted state: a minter role
/// granted to a third account, a second trusted issuer and a paused token each fail, naming
/// what is wrong.
fn verification_names_a_third_holder_an_extra_issuer_and_a_pause(mut chain: Chain) {
    let profile = profile();
    let (suite, _) = with_one_member(&mut chain, &profile);
    let other = chain.call(DAVE, suite.did_registry.calls::<DidRegistryContractRef>().create_did([0x0d; 32])).value.expect("a DID");
    let actions = vec![
        governance::action(suite.token.calls::<TokenRef>().grant_role(MINTER_ROLE, ink_account(EVE)), 0),
        governance::action(suite.credential_registry.calls::<CredentialRegistryRef>().add_trusted_issuer(suite.schema, other), 0),
        governance::action(suite.token.calls::<TokenRef>().pause(), 0),
    ];
    enact(&mut chain, &suite.governor, CHARLIE, actions, "Eve mints, Dave issues, the token pauses");
    let suite::Verification { checks, .. } = suite::verify(chain.client(), &suite, &profile).expect("verified");
    let failed: Vec<(String, String)> = checks.iter().filter(|c| !c.ok).map(|c| (c.what.clone(), c.found.clone())).collect();
    let eve = sovra_e2e::resolver::ss58(&EVE, 42);
    let issuers = format!("{}, {}", sovra_e2e::resolver::did_string(&suite.founding_issuer), sovra_e2e::resolver::did_string(&other));
    let expected: Vec<(String, String)> = [
        ("membership schema trusts exactly the founding issuer", issuers.as_str()),
        ("token not paused", "true"),
        ("governor has no proposals", "1"),
        ("token minter held by the governor alone", &format!("governor, {eve}")),
    ]
    .into_iter()
    .map(|(a, b)| (a.to_string(), b.to_string()))
    .collect();
    assert_eq!(failed, expected);
}

/// Anyone may register the membership schema before the deployer does (its id is its
/// content's hash): the deployment takes it as it is. A deployment interrupted (a lost
/// connection, a refused call) resumes from its saved progress with the contracts already
/// there.
fn a_deployment_survives_a_squatted_schema_and_resumes_after_a_failure(mut chain: Chain) {
    let profile = profile();
    let mut progress = suite::Progress::default();
    // a run that stops once `contracts` are deployed
    let run = |chain: &mut Chain, progress: &mut suite::Progress, contracts: usize, log: &mut Vec<String>| {
        let mut save = |p: &suite::Progress| if p.deployed.len() == contracts { Err("connection lost".to_string()) } else { Ok(()) };
        suite::deploy(chain.client(), &profile, ALICE, progress, &mut |line| log.push(line), &mut save)
    };
    // the first run stops right after deploying the credential registry
    let mut log = Vec::new();
    assert_eq!(run(&mut chain, &mut progress, 2, &mut log).err(), Some("connection lost".to_string()));
    assert_eq!(progress.deployed.len(), 2);
    // meanwhile Eve registers the membership schema there first
    let creds = chain.attach(&bundle("credential_registry"), progress.deployed[1]);
    let register = creds.calls::<CredentialRegistryRef>().register_schema(
        profile.schema_hash,
        profile.schema_name.clone(),
        profile.schema_uri.clone(),
        profile.schema_revocable,
    );
    let squatted = chain.call(EVE, register);
    assert_eq!(squatted.value, Ok(suite::schema_id(&profile)));
    // the second run resumes, takes the schema as registered, and stops after the token
    let mut log = Vec::new();
    assert_eq!(run(&mut chain, &mut progress, 3, &mut log).err(), Some("connection lost".to_string()));
    let resumed = |log: &[String]| log.iter().filter(|l| l.starts_with("resumed")).count();
    assert_eq!(resumed(&log), 2, "{log:?}");
    assert!(log.iter().any(|l| l.contains("registered already")), "{log:?}");
    let saved = progress.clone();
    assert_eq!(saved.deployed.len(), 3);
    // the third run completes with the contracts deployed before
    let mut log = Vec::new();
    let suite = suite::deploy(chain.client(), &profile, ALICE, &mut progress, &mut |line| log.push(line), &mut |_| Ok(())).expect("resumed");
    assert_eq!([suite.did_registry.address, suite.credential_registry.address, suite.token.address], saved.deployed[..]);
    assert_eq!(resumed(&log), 3, "{log:?}");
    assert_eq!(log.iter().filter(|l| l.starts_with("deployed")).count(), 3, "{log:?}");
    let suite::Verification { checks, .. } = suite::verify(chain.client(), &suite, &profile).expect("verified");
    let failed: Vec<_> = checks.iter().filter(|c| !c.ok).collect();
    assert!(failed.is_empty(), "failed checks: {failed:#?}");
}

/// A proposal keeps the membership gate it was made under: a settings proposal that removes the
/// gate mid-vote opens new proposals to every holder, not the ones already running.
fn a_settings_change_does_not_swap_a_proposals_electorate(mut chain: Chain) {
    let profile = profile();
    let (suite, _) = with_one_member(&mut chain, &profile);
    let gov = suite.governor.clone();
    let propose = |chain: &mut Chain, actions: Vec<Action>, description: &str| {
        chain.call(CHARLIE, gov.calls::<GovernorRef>().propose(actions, description.as_bytes().to_vec())).value
    };
    let view = |chain: &mut Chain, id: ProposalId| chain.read(gov.calls::<GovernorRef>().proposal(id)).expect("a proposal");
    // Charlie's proposal Q removes the membership gate; it passes and waits in the timelock
    let ungate = governance::action(gov.calls::<GovernorRef>().set_membership(None), 0);
    let q = propose(&mut chain, vec![ungate], "Open the DAO to every holder").expect("proposed");
    let block = view(&mut chain, q).snapshot;
    chain.pass(block);
    assert_eq!(chain.call(CHARLIE, gov.calls::<GovernorRef>().cast_vote(q, Support::For, Vec::<u8>::new())).value, Ok(()));
    let block = view(&mut chain, q).deadline;
    chain.pass(block);
    assert_eq!(chain.call(CHARLIE, gov.calls::<GovernorRef>().queue(q)).value, Ok(()));
    let block = view(&mut chain, q).eta.expect("queued");
    chain.pass(block);
    // P is made while the gate is in force, then Q executes
    let mint = governance::action(suite.token.calls::<TokenRef>().mint_to(ink_account(CHARLIE), 1), 0);
    let p = propose(&mut chain, vec![mint.clone()], "Mint 1").expect("proposed");
    assert_eq!(view(&mut chain, p).membership, Some(suite.gate()));
    assert_eq!(chain.call(CHARLIE, gov.calls::<GovernorRef>().execute(q)).value, Ok(()));
    assert_eq!(chain.read(gov.calls::<GovernorRef>().membership()), None);
    // Dave, no member, still cannot vote on P; on a proposal made now he can
    let block = view(&mut chain, p).snapshot;
    chain.pass(block);
    let dave_votes = |chain: &mut Chain, id: ProposalId| chain.call(DAVE, gov.calls::<GovernorRef>().cast_vote(id, Support::Against, Vec::<u8>::new())).value;
    assert_eq!(dave_votes(&mut chain, p), Err(GovernorError::NotMember));
    assert_eq!(view(&mut chain, p).membership, Some(suite.gate()));
    let open = propose(&mut chain, vec![mint], "Mint 1 again").expect("proposed");
    assert_eq!(view(&mut chain, open).membership, None);
    let block = view(&mut chain, open).snapshot;
    chain.pass(block);
    assert_eq!(dave_votes(&mut chain, open), Ok(()));
}

/// The treasury pays: a plain native transfer to an account that is no contract, and a PSP22
/// payment of the governor's own tokens, in one proposal; `treasury` shows the balance.
fn the_dao_pays_contributors_from_its_treasury(mut chain: Chain) {
    let profile = profile();
    let (suite, _) = with_one_member(&mut chain, &profile);
    let gov = suite.governor.clone();
    // the treasury receives native currency, and tokens (the governor and Dave are credentialed:
    // the token is gated)
    for (id, who) in [(0x71u8, *gov.address.as_ref()), (0x72, DAVE)] {
        let request = account_credential(id, suite.schema, who);
        let issued = chain.call(BOB, suite.credential_registry.calls::<CredentialRegistryRef>().issue(suite.founding_issuer, request));
        assert_eq!(issued.value, Ok(()));
    }
    let before = chain.read(gov.calls::<GovernorRef>().treasury());
    chain.transfer(ALICE, gov.address, 5_000_000);
    assert_eq!(chain.read(gov.calls::<GovernorRef>().treasury()), before + 5_000_000);
    let sent = chain.call(CHARLIE, suite.token.calls::<TokenRef>().transfer(gov.address, 1_000u128, Vec::<u8>::new()));
    assert_eq!(sent.value, Ok(()));
    // when a proposal pays Eve (a plain account) 1,500,000 and Dave 400 tokens
    let eve_before = chain.balance(ink_account(EVE));
    let pay_eve = Action { callee: ink_account(EVE), selector: None, input: vec![], value: 1_500_000 };
    let pay_dave = governance::action(suite.token.calls::<TokenRef>().transfer(ink_account(DAVE), 400, Vec::new()), 0);
    enact(&mut chain, &gov, CHARLIE, vec![pay_eve, pay_dave], "Pay Eve and Dave for their work");
    // then both are paid from the treasury
    assert_eq!(chain.balance(ink_account(EVE)), eve_before + 1_500_000);
    assert_eq!(chain.read(gov.calls::<GovernorRef>().treasury()), before + 3_500_000);
    assert_eq!(chain.read(suite.token.calls::<TokenRef>().balance_of(ink_account(DAVE))), 400);
    assert_eq!(chain.read(suite.token.calls::<TokenRef>().balance_of(gov.address)), 600);
}
