//! The suite deployed exactly as `scripts/deploy.sh` wires it (`sovra_e2e::suite::deploy`
//! with the committed `local` profile), in the in-process runtime and on the local node: every
//! wiring reads back as the profile says, the governor holds every role and the deployer none,
//! and the deployer can no longer do what its roles allowed.

use psp22::PSP22Error;
use sovra_e2e::suite::{self, Profile, RoleRow};
use sovra_e2e::*;
use sovra_traits::access::{DEFAULT_ADMIN_ROLE, MINTER_ROLE};
use sovra_traits::credential::CredentialError;
use token::data::TokenError;

e2e_tests!(the_suite_deploys_as_one_dao_with_every_role_at_the_governor);

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
    let (checks, roles) = suite::verify(&mut chain, &suite, &profile);
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
