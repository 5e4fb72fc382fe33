//! The suite deployed exactly as `scripts/deploy.sh` wires it (`sovra_e2e::suite::deploy`
//! with the committed `local` profile), in the in-process runtime and on the local node: every
//! wiring reads back as the profile says, the governor holds every role and the deployer none,
//! and the deployer can no longer do what its roles allowed.

use psp22::PSP22Error;
use sovra_e2e::suite::{self, Profile, RoleRow};
use sovra_e2e::*;
use sovra_traits::access::{DEFAULT_ADMIN_ROLE, MINTER_ROLE};
use scale::Encode;
use sovra_traits::credential::{CredentialError, DidRegistryChanged};
use sovra_traits::did::DidError;
use sovra_traits::governance::{Action, GovernorError, ProposalId, ProposalState, ProposalView, Support};
use token::data::TokenError;

e2e_tests!(
    the_suite_deploys_as_one_dao_with_every_role_at_the_governor,
    the_dao_moves_the_credential_registry_to_a_new_did_registry,
    the_dao_replaces_its_governor_by_handing_over_every_role,
    verification_fails_when_the_deployer_holds_a_role,
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
    let suite = suite::deploy(&mut chain, &profile, ALICE, &mut |line| log.push(line)).expect("deployed");
    // then every check of the verification passes
    let suite::Verification { checks, roles, .. } = suite::verify(&mut chain, &suite, &profile);
    let failed: Vec<_> = checks.iter().filter(|c| !c.ok).collect();
    assert!(failed.is_empty(), "failed checks: {failed:#?}");
    assert_eq!(checks.len(), 5 + 10 + 8, "code hashes, wiring, one per role");
    // and the role table is: the governor holds all eight roles, the deployer none
    let expected: Vec<RoleRow> = [
        ("credential_registry", "admin"),
        ("credential_registry", "trust admin"),
        ("token", "admin"),
        ("token", "minter"),
        ("token", "pauser"),
        ("nft", "admin"),
        ("nft", "minter"),
        ("nft", "pauser"),
    ]
    .into_iter()
    .map(|(contract, role)| RoleRow { contract, role, governor: true, deployer: false })
    .collect();
    assert_eq!(roles, expected);
    // and the log names each step in order, ending with the handovers
    assert!(log[0].starts_with("deployed did_registry"), "{log:?}");
    assert!(log.last().is_some_and(|l| l.starts_with("handed nft's roles")), "{log:?}");

    // and the deployer can no longer use any of them
    let denied = chain.call::<Result<(), TokenError>>(&suite.token, ALICE, "mint_to", (ink_account(ALICE), 1u128));
    assert_eq!(denied.value, Err(TokenError::MissingRole));
    let denied = chain.call::<Result<(), TokenError>>(&suite.token, ALICE, "grant_role", (MINTER_ROLE, ink_account(ALICE)));
    assert_eq!(denied.value, Err(TokenError::MissingRole));
    let denied = chain.call::<Result<(), CredentialError>>(&suite.credential_registry, ALICE, "add_trusted_issuer", (suite.schema, [9u8; 32]));
    assert_eq!(denied.value, Err(CredentialError::MissingRole));
    let denied = chain.call::<Result<(), nft::data::NftError>>(&suite.nft, ALICE, "grant_role", (DEFAULT_ADMIN_ROLE, ink_account(ALICE)));
    assert_eq!(denied.value, Err(nft::data::NftError::MissingRole));

    // and the gate is live: the supply sits with the deployer, and a receiver without a
    // membership credential is refused until the founding issuer (Bob's DID) credentials it
    assert_eq!(chain.query::<u128>(&suite.token, "PSP22::balance_of", ink_account(ALICE)), profile.initial_supply);
    let transfer = |chain: &mut Chain| {
        chain.call::<Result<(), PSP22Error>>(&suite.token, ALICE, "PSP22::transfer", (ink_account(CHARLIE), 5u128, Vec::<u8>::new())).value
    };
    assert_eq!(transfer(&mut chain), Err(PSP22Error::Custom(String::from("ComplianceFailed"))));
    let (account, salt) = profile.founding_issuer;
    assert_eq!(account, BOB);
    let did = chain.call::<Result<[u8; 32], sovra_traits::did::DidError>>(&suite.did_registry, BOB, "create_did", salt).value;
    assert_eq!(did, Ok(suite.founding_issuer));
    let request = account_credential(0x51, suite.schema, CHARLIE);
    let issued = chain.call::<Result<(), CredentialError>>(&suite.credential_registry, BOB, "issue", (suite.founding_issuer, request)).value;
    assert_eq!(issued, Ok(()));
    assert_eq!(transfer(&mut chain), Ok(()));
}

/// The suite deployed from `profile`; Bob's founding DID created, Charlie credentialed by it and
/// holding the whole supply (its votes in the past). Returns the suite and the founding salt.
fn with_one_member(chain: &mut Chain, profile: &Profile) -> (suite::Suite, [u8; 32]) {
    let suite = suite::deploy(chain, profile, ALICE, &mut |_| ()).expect("deployed");
    let (_, salt) = profile.founding_issuer;
    let did = chain.call::<Result<[u8; 32], DidError>>(&suite.did_registry, BOB, "create_did", salt).value;
    assert_eq!(did, Ok(suite.founding_issuer));
    let request = account_credential(0x61, suite.schema, CHARLIE);
    let issued = chain.call::<Result<(), CredentialError>>(&suite.credential_registry, BOB, "issue", (suite.founding_issuer, request));
    assert_eq!(issued.value, Ok(()));
    let moved = chain.call::<Result<(), PSP22Error>>(&suite.token, ALICE, "PSP22::transfer", (ink_account(CHARLIE), profile.initial_supply, Vec::<u8>::new()));
    assert_eq!(moved.value, Ok(()));
    (suite, salt)
}

/// `proposer`'s proposal of `actions` on `gov`, voted For by the proposer alone, queued, and
/// executed once the timelock passed; the execution's outcome.
fn enact(chain: &mut Chain, gov: &Contract, proposer: [u8; 32], actions: Vec<Action>, description: &str) -> Outcome<Result<(), GovernorError>> {
    let id = chain
        .call::<Result<ProposalId, GovernorError>>(gov, proposer, "propose", (actions, description.as_bytes().to_vec()))
        .value
        .expect("proposed");
    let view = |chain: &mut Chain| chain.query::<Option<ProposalView>>(gov, "proposal", id).expect("a proposal");
    let snapshot = view(chain).snapshot;
    pass(chain, snapshot);
    let voted = chain.call::<Result<(), GovernorError>>(gov, proposer, "cast_vote", (id, Support::For, Vec::<u8>::new()));
    assert_eq!(voted.value, Ok(()));
    let deadline = view(chain).deadline;
    pass(chain, deadline);
    assert_eq!(chain.call::<Result<(), GovernorError>>(gov, proposer, "queue", id).value, Ok(()));
    let eta = view(chain).eta.expect("queued");
    if chain.block() < eta {
        let blocks = eta - chain.block();
        chain.advance_blocks(blocks);
    }
    let executed = chain.call::<Result<(), GovernorError>>(gov, proposer, "execute", id);
    assert_eq!(executed.value, Ok(()));
    assert_eq!(view(chain).state, ProposalState::Executed);
    executed
}

/// Builds blocks until calls run after `block`.
fn pass(chain: &mut Chain, block: u32) {
    let now = chain.block();
    if now <= block {
        chain.advance_blocks(block - now + 1);
    }
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
        chain.call::<Result<(), CredentialError>>(&suite.credential_registry, BOB, "issue", (suite.founding_issuer, request)).value
    };
    // and a new DID registry on the same chain id
    let chain_id = chain.query::<[u8; 32]>(&suite.did_registry, "chain_id", ());
    let new_dids = chain.deploy(&Bundle::load("did_registry"), "new", chain_id, DAVE);
    // the deployer cannot repoint the credential registry (nor can anyone but the governor)
    let denied = chain.call::<Result<(), CredentialError>>(&suite.credential_registry, ALICE, "set_did_registry", new_dids.address);
    assert_eq!(denied.value, Err(CredentialError::MissingRole));

    // when Charlie's proposal to repoint it passes the vote and the timelock
    let action = Action {
        callee: suite.credential_registry.address,
        selector: suite.credential_registry.selector("set_did_registry"),
        input: new_dids.address.encode(),
        value: 0,
    };
    let gov = suite.governor.clone();
    let executed = enact(&mut chain, &gov, CHARLIE, vec![action], "Move to the new DID registry");

    // then the credential registry trusts the new DID registry, and says so to indexers
    assert_eq!(chain.query::<AccountId>(&suite.credential_registry, "did_registry", ()), new_dids.address);
    let changed = executed.events_of::<DidRegistryChanged>(&suite.credential_registry);
    assert_eq!(changed, vec![DidRegistryChanged { previous: suite.did_registry.address, new: new_dids.address, by: gov.address }]);
    assert_eq!(
        executed.topics_of::<DidRegistryChanged>(&suite.credential_registry),
        vec![vec![signature_topic::<DidRegistryChanged>(), *suite.did_registry.address.as_ref(), *new_dids.address.as_ref()]]
    );
    // and the founding issuer cannot issue until Bob re-creates its DID there (same id: it is
    // derived from Bob's account and the salt, not from the registry)
    assert_eq!(issue(&mut chain, 0x62, DAVE), Err(CredentialError::IssuerInactive));
    let recreated = chain.call::<Result<[u8; 32], DidError>>(&new_dids, BOB, "create_did", salt).value;
    assert_eq!(recreated, Ok(suite.founding_issuer));
    assert_eq!(issue(&mut chain, 0x62, DAVE), Ok(()));
}

/// The governor's own replacement (it is not upgradable in place, see `docs/threat-model.md`):
/// a proposal of the old governor grants every role to a new governor and renounces its own,
/// atomically; afterwards only the new governor's proposals can use them.
fn the_dao_replaces_its_governor_by_handing_over_every_role(mut chain: Chain) {
    // given the suite with one member, and a second governor of the same token
    let profile = profile();
    let (suite, _) = with_one_member(&mut chain, &profile);
    let old = suite.governor.clone();
    let args = (suite.token.address, profile.settings, profile.quorum_bps, Some(suite.gate()), None::<AccountId>);
    let new = chain.deploy(&Bundle::load("governor"), "new", args, DAVE);
    // when the old governor enacts the handover: grant every role to the new one, then renounce
    let mut actions = Vec::new();
    for (name, roles) in suite::ROLES {
        let contract = suite.contract(name);
        for (role, _) in roles.iter() {
            let input = (*role, new.address).encode();
            actions.push(Action { callee: contract.address, selector: contract.selector("grant_role"), input, value: 0 });
        }
        for (role, _) in roles.iter().rev() {
            actions.push(Action { callee: contract.address, selector: contract.selector("renounce_role"), input: role.encode(), value: 0 });
        }
    }
    assert_eq!(actions.len(), 16, "8 roles granted and renounced");
    let mut executed = None;
    // at most 10 actions per proposal: two proposals, the admin roles renounced in the last
    for (i, batch) in [actions[..10].to_vec(), actions[10..].to_vec()].into_iter().enumerate() {
        executed = Some(enact(&mut chain, &old, CHARLIE, batch, &format!("Hand over to the new governor, part {}", i + 1)));
    }
    assert!(executed.is_some());
    // then the new governor holds every role and the old one none
    for (name, roles) in suite::ROLES {
        let contract = suite.contract(name).clone();
        for (role, role_name) in roles.iter() {
            assert!(chain.query::<bool>(&contract, "has_role", (*role, new.address)), "{name} {role_name}");
            assert!(!chain.query::<bool>(&contract, "has_role", (*role, old.address)), "{name} {role_name}");
        }
    }
    // and the new governor mints through its own proposal, while the old one's proposal fails
    let mint = Action {
        callee: suite.token.address,
        selector: suite.token.selector("mint_to"),
        input: (ink_account(CHARLIE), 5u128).encode(),
        value: 0,
    };
    let supply = chain.query::<u128>(&suite.token, "PSP22::total_supply", ());
    enact(&mut chain, &new, CHARLIE, vec![mint.clone()], "Mint 5 through the new governor");
    assert_eq!(chain.query::<u128>(&suite.token, "PSP22::total_supply", ()), supply + 5);
    let id = chain
        .call::<Result<ProposalId, GovernorError>>(&old, CHARLIE, "propose", (vec![mint], b"Mint 5 through the old governor".to_vec()))
        .value
        .expect("proposed");
    let view = |chain: &mut Chain| chain.query::<Option<ProposalView>>(&old, "proposal", id).expect("a proposal");
    let snapshot = view(&mut chain).snapshot;
    pass(&mut chain, snapshot);
    assert_eq!(chain.call::<Result<(), GovernorError>>(&old, CHARLIE, "cast_vote", (id, Support::For, Vec::<u8>::new())).value, Ok(()));
    let deadline = view(&mut chain).deadline;
    pass(&mut chain, deadline);
    assert_eq!(chain.call::<Result<(), GovernorError>>(&old, CHARLIE, "queue", id).value, Ok(()));
    let eta = view(&mut chain).eta.expect("queued");
    pass(&mut chain, eta.saturating_sub(1));
    let failed = chain.call::<Result<(), GovernorError>>(&old, CHARLIE, "execute", id);
    assert_eq!(failed.value, Err(GovernorError::ActionFailed(0)));
    assert_eq!(chain.query::<u128>(&suite.token, "PSP22::total_supply", ()), supply + 5);
}

/// The verification deploy.sh prints and fails on: a role back in the deployer's hands (here
/// granted by a proposal, the only way after the handover) is reported and fails the check.
fn verification_fails_when_the_deployer_holds_a_role(mut chain: Chain) {
    // given the suite, verified clean
    let profile = profile();
    let (suite, _) = with_one_member(&mut chain, &profile);
    assert!(suite::verify(&mut chain, &suite, &profile).checks.iter().all(|c| c.ok));
    // when a proposal gives the deployer the token's pauser role
    let grant = Action {
        callee: suite.token.address,
        selector: suite.token.selector("grant_role"),
        input: (sovra_traits::access::PAUSER_ROLE, ink_account(ALICE)).encode(),
        value: 0,
    };
    enact(&mut chain, &suite.governor, CHARLIE, vec![grant], "Alice pauses in emergencies");
    // then exactly that check fails, naming both holders, and the role table shows it
    let suite::Verification { checks, roles, .. } = suite::verify(&mut chain, &suite, &profile);
    let failed: Vec<_> = checks.iter().filter(|c| !c.ok).map(|c| (c.what.as_str(), c.found.as_str())).collect();
    assert_eq!(failed, vec![("token pauser held by the governor alone", "governor and deployer")]);
    let pauser = roles.iter().find(|r| r.contract == "token" && r.role == "pauser").expect("a row");
    assert_eq!((pauser.governor, pauser.deployer), (true, true));
}
