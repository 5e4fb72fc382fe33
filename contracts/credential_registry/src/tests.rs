//! Off-chain unit tests of every credential registry rule and error path, with a table-driven
//! DID registry.
// Test code: small constant arithmetic and casts are fine here (the contract code is linted).
#![allow(clippy::arithmetic_side_effects, clippy::cast_possible_truncation, clippy::cast_sign_loss)]

use super::*;
use std::cell::RefCell;
use std::collections::HashMap;

const T0: u64 = 5_000_000;

fn acc(n: u8) -> AccountId {
    AccountId::from([n; 32])
}

fn ctx(caller: u8) -> Ctx {
    Ctx { caller: acc(caller), block: 7, now: T0 }
}


/// A DID registry as a table: which DIDs are active and who is authorised for what.
#[derive(Default)]
struct Dids {
    active: RefCell<HashMap<DidId, bool>>,
    authorized: RefCell<HashMap<(DidId, AccountId), Vec<Relationship>>>,
}

impl Dids {
    fn with_issuer(did: DidId, account: u8, rels: &[Relationship]) -> Self {
        let dids = Dids::default();
        dids.add(did, account, rels);
        dids
    }
    fn add(&self, did: DidId, account: u8, rels: &[Relationship]) {
        self.active.borrow_mut().insert(did, true);
        self.authorized.borrow_mut().insert((did, acc(account)), rels.to_vec());
    }
    fn deactivate(&self, did: DidId) {
        self.active.borrow_mut().insert(did, false);
    }
}

impl DidOracle for Dids {
    fn is_active(&self, did: DidId) -> bool {
        self.active.borrow().get(&did).copied().unwrap_or(false)
    }
    fn is_authorized(&self, did: DidId, account: AccountId, relationship: Relationship) -> bool {
        self.is_active(did)
            && self
                .authorized
                .borrow()
                .get(&(did, account))
                .is_some_and(|r| r.contains(&relationship))
    }
}

const ISSUER: DidId = [0x11; 32];
const OTHER_ISSUER: DidId = [0x22; 32];
const ADMIN: u8 = 1;
const ISSUER_KEY: u8 = 2;
const HOLDER: u8 = 3;
const STRANGER: u8 = 4;
const ASSERT: Relationship = Relationship::AssertionMethod;

struct Env {
    data: CredentialData,
    dids: Dids,
    schema: SchemaId,
    fixed_schema: SchemaId,
}

/// A registry with ADMIN holding the roles, a revocable and a non-revocable schema, and ISSUER
/// (key: ISSUER_KEY) trusted for both.
fn setup() -> Env {
    let mut data = CredentialData::default();
    data.init(acc(ADMIN));
    let dids = Dids::with_issuer(ISSUER, ISSUER_KEY, &[ASSERT]);
    let (schema, _) = data.register_schema(&ctx(9), [1; 32], b"KYC".to_vec(), b"ipfs://kyc".to_vec(), true).unwrap();
    let (fixed_schema, _) = data.register_schema(&ctx(9), [2; 32], b"Diploma".to_vec(), vec![], false).unwrap();
    data.add_trusted_issuer(&ctx(ADMIN), schema, ISSUER).unwrap();
    data.add_trusted_issuer(&ctx(ADMIN), fixed_schema, ISSUER).unwrap();
    Env { data, dids, schema, fixed_schema }
}

fn request(id: u8, schema: SchemaId) -> IssueRequest {
    IssueRequest {
        credential_id: [id; 32],
        schema,
        subject_account: Some(acc(HOLDER)),
        subject_did: None,
        expires_at: None,
        claims_root: None,
    }
}

fn issue(env: &mut Env, id: u8) -> CredentialId {
    let req = request(id, env.schema);
    env.data.issue(&ctx(ISSUER_KEY), &env.dids, ISSUER, req).unwrap();
    [id; 32]
}

// ---------------------------------------------------------------- access control

#[ink::test]
fn the_constructor_admin_holds_both_roles() {
    let mut data = CredentialData::default();
    let events = data.init(acc(ADMIN));
    assert_eq!(events.len(), 2);
    assert!(data.has_role(DEFAULT_ADMIN_ROLE, acc(ADMIN)));
    assert!(data.has_role(TRUST_ADMIN_ROLE, acc(ADMIN)));
    assert!(!data.has_role(TRUST_ADMIN_ROLE, acc(STRANGER)));
}

#[ink::test]
fn roles_are_granted_revoked_and_renounced_by_the_rules() {
    let mut env = setup();
    let d = &mut env.data;
    assert_eq!(d.grant_role(&ctx(STRANGER), TRUST_ADMIN_ROLE, acc(STRANGER)), Err(CredentialError::MissingRole));
    assert_eq!(
        d.grant_role(&ctx(ADMIN), TRUST_ADMIN_ROLE, acc(5)).unwrap(),
        vec![CredentialEvent::RoleGranted(RoleGranted { role: TRUST_ADMIN_ROLE, account: acc(5), sender: acc(ADMIN) })]
    );
    // granting again is a no-op without event
    assert_eq!(d.grant_role(&ctx(ADMIN), TRUST_ADMIN_ROLE, acc(5)).unwrap(), vec![]);
    assert_eq!(d.revoke_role(&ctx(5), TRUST_ADMIN_ROLE, acc(ADMIN)), Err(CredentialError::MissingRole));
    assert_eq!(
        d.revoke_role(&ctx(ADMIN), TRUST_ADMIN_ROLE, acc(5)).unwrap(),
        vec![CredentialEvent::RoleRevoked(RoleRevoked { role: TRUST_ADMIN_ROLE, account: acc(5), sender: acc(ADMIN) })]
    );
    assert!(!d.has_role(TRUST_ADMIN_ROLE, acc(5)));
    assert_eq!(d.renounce_role(&ctx(5), TRUST_ADMIN_ROLE), Err(CredentialError::MissingRole));
    d.renounce_role(&ctx(ADMIN), DEFAULT_ADMIN_ROLE).unwrap();
    assert!(!d.has_role(DEFAULT_ADMIN_ROLE, acc(ADMIN)));
    assert_eq!(d.grant_role(&ctx(ADMIN), TRUST_ADMIN_ROLE, acc(5)), Err(CredentialError::MissingRole));
}

// ---------------------------------------------------------------- schemas & trust

#[ink::test]
fn schemas_are_registered_by_content_once() {
    let mut data = CredentialData::default();
    let (id, events) = data.register_schema(&ctx(9), [3; 32], b"Age".to_vec(), b"https://s/age".to_vec(), true).unwrap();
    assert_eq!(id, CredentialData::schema_id(&[3; 32], true));
    assert_eq!(
        events,
        vec![CredentialEvent::SchemaRegistered(SchemaRegistered { schema: id, registrant: acc(9), name: b"Age".to_vec(), revocable: true })]
    );
    let schema = data.schema(id).unwrap();
    assert_eq!((schema.name.as_slice(), schema.revocable, schema.registrant), (&b"Age"[..], true, acc(9)));
    assert_eq!(
        data.register_schema(&ctx(8), [3; 32], b"Other name".to_vec(), vec![], true),
        Err(CredentialError::SchemaExists)
    );
    // the revocable flag is part of the content
    assert!(data.register_schema(&ctx(8), [3; 32], b"Age".to_vec(), vec![], false).is_ok());
}

#[ink::test]
fn schema_fields_are_bounded() {
    let mut data = CredentialData::default();
    let name = |n: usize| vec![b'n'; n];
    assert_eq!(data.register_schema(&ctx(9), [1; 32], name(0), vec![], true), Err(CredentialError::InvalidSchemaName));
    assert_eq!(
        data.register_schema(&ctx(9), [1; 32], name(MAX_SCHEMA_NAME_LEN as usize + 1), vec![], true),
        Err(CredentialError::InvalidSchemaName)
    );
    assert_eq!(
        data.register_schema(&ctx(9), [1; 32], name(3), vec![b'u'; MAX_SCHEMA_URI_LEN as usize + 1], true),
        Err(CredentialError::SchemaUriTooLong)
    );
    data.register_schema(&ctx(9), [1; 32], name(MAX_SCHEMA_NAME_LEN as usize), vec![b'u'; MAX_SCHEMA_URI_LEN as usize], true)
        .unwrap();
}

#[ink::test]
fn trusted_issuers_are_administered_by_the_trust_admin() {
    let mut env = setup();
    let d = &mut env.data;
    assert_eq!(d.add_trusted_issuer(&ctx(STRANGER), env.schema, OTHER_ISSUER), Err(CredentialError::MissingRole));
    assert_eq!(d.add_trusted_issuer(&ctx(ADMIN), [0xEE; 32], OTHER_ISSUER), Err(CredentialError::SchemaNotFound));
    assert_eq!(d.add_trusted_issuer(&ctx(ADMIN), env.schema, ISSUER), Err(CredentialError::AlreadyTrusted));
    assert_eq!(
        d.add_trusted_issuer(&ctx(ADMIN), env.schema, OTHER_ISSUER).unwrap(),
        vec![CredentialEvent::TrustedIssuerAdded(TrustedIssuerAdded { schema: env.schema, issuer: OTHER_ISSUER })]
    );
    assert_eq!(d.trusted_issuers(env.schema), vec![ISSUER, OTHER_ISSUER]);
    assert_eq!(d.remove_trusted_issuer(&ctx(STRANGER), env.schema, ISSUER), Err(CredentialError::MissingRole));
    assert_eq!(
        d.remove_trusted_issuer(&ctx(ADMIN), env.schema, ISSUER).unwrap(),
        vec![CredentialEvent::TrustedIssuerRemoved(TrustedIssuerRemoved { schema: env.schema, issuer: ISSUER })]
    );
    assert!(!d.is_trusted(env.schema, ISSUER));
    assert_eq!(d.trusted_issuers(env.schema), vec![OTHER_ISSUER]);
    assert_eq!(d.remove_trusted_issuer(&ctx(ADMIN), env.schema, ISSUER), Err(CredentialError::NotTrusted));
}

#[ink::test]
fn trusted_issuers_are_bounded_per_schema() {
    let mut env = setup();
    for n in 1..MAX_TRUSTED_ISSUERS {
        env.data.add_trusted_issuer(&ctx(ADMIN), env.schema, [n as u8 + 100; 32]).unwrap();
    }
    assert_eq!(env.data.trusted_issuers(env.schema).len(), MAX_TRUSTED_ISSUERS as usize);
    assert_eq!(
        env.data.add_trusted_issuer(&ctx(ADMIN), env.schema, [0xFF; 32]),
        Err(CredentialError::TooManyTrustedIssuers)
    );
}

// ---------------------------------------------------------------- issuing

#[ink::test]
fn an_authorised_issuer_key_anchors_a_credential() {
    let mut env = setup();
    let mut req = request(1, env.schema);
    req.subject_did = Some([0x33; 32]);
    req.expires_at = Some(T0 + 1);
    req.claims_root = Some([0x44; 32]);
    let events = env.data.issue(&ctx(ISSUER_KEY), &env.dids, ISSUER, req).unwrap();
    assert_eq!(
        events,
        vec![CredentialEvent::Issued(CredentialIssued {
            credential: [1; 32],
            issuer: ISSUER,
            schema: env.schema,
            subject_account: Some(acc(HOLDER)),
            subject_did: Some([0x33; 32]),
        })]
    );
    let record = env.data.credential([1; 32]).unwrap();
    assert_eq!(record.issuer, ISSUER);
    assert_eq!((record.issued_at, record.issued_block), (T0, 7));
    assert_eq!(record.expires_at, Some(T0 + 1));
    assert_eq!(record.claims_root, Some([0x44; 32]));
    assert_eq!(record.state, CredentialState::Active);
    assert_eq!(env.data.verify(&env.dids, [1; 32], T0), CredentialStatus::Valid);
}

#[ink::test]
fn issuing_needs_an_assertion_key_of_an_active_issuer() {
    let mut env = setup();
    env.dids.add(ISSUER, 6, &[Relationship::Authentication]);
    let req = request(1, env.schema);
    assert_eq!(env.data.issue(&ctx(STRANGER), &env.dids, ISSUER, req.clone()), Err(CredentialError::NotAuthorizedForIssuer));
    assert_eq!(env.data.issue(&ctx(6), &env.dids, ISSUER, req.clone()), Err(CredentialError::NotAuthorizedForIssuer));
    assert_eq!(env.data.issue(&ctx(ISSUER_KEY), &env.dids, [0x99; 32], req.clone()), Err(CredentialError::IssuerInactive));
    env.dids.deactivate(ISSUER);
    assert_eq!(env.data.issue(&ctx(ISSUER_KEY), &env.dids, ISSUER, req), Err(CredentialError::IssuerInactive));
    assert_eq!(env.data.credential([1; 32]), None);
}

#[ink::test]
fn issue_requests_are_validated() {
    let mut env = setup();
    let mut bad_schema = request(1, [0xAB; 32]);
    assert_eq!(env.data.issue(&ctx(ISSUER_KEY), &env.dids, ISSUER, bad_schema.clone()), Err(CredentialError::SchemaNotFound));
    bad_schema.schema = env.schema;
    bad_schema.subject_account = None;
    assert_eq!(env.data.issue(&ctx(ISSUER_KEY), &env.dids, ISSUER, bad_schema), Err(CredentialError::MissingSubject));
    let mut expired = request(1, env.schema);
    expired.expires_at = Some(T0);
    assert_eq!(env.data.issue(&ctx(ISSUER_KEY), &env.dids, ISSUER, expired), Err(CredentialError::InvalidExpiry));
    issue(&mut env, 1);
    assert_eq!(
        env.data.issue(&ctx(ISSUER_KEY), &env.dids, ISSUER, request(1, env.schema)),
        Err(CredentialError::CredentialExists)
    );
}

// ---------------------------------------------------------------- status changes

#[ink::test]
fn suspension_is_reversible_and_revocation_is_final() {
    let mut env = setup();
    let id = issue(&mut env, 1);
    let events = env.data.change_state(&ctx(ISSUER_KEY), &env.dids, ISSUER, &[id], StateChange::Suspend(b"audit".to_vec())).unwrap();
    assert_eq!(
        events,
        vec![CredentialEvent::StateChanged(CredentialStateChanged { credential: id, issuer: ISSUER, state: CredentialState::Suspended(b"audit".to_vec()) })]
    );
    assert_eq!(env.data.verify(&env.dids, id, T0), CredentialStatus::Suspended(b"audit".to_vec()));
    assert_eq!(
        env.data.change_state(&ctx(ISSUER_KEY), &env.dids, ISSUER, &[id], StateChange::Suspend(vec![])),
        Err(CredentialError::AlreadySuspended)
    );
    env.data.change_state(&ctx(ISSUER_KEY), &env.dids, ISSUER, &[id], StateChange::Reinstate).unwrap();
    assert_eq!(env.data.verify(&env.dids, id, T0), CredentialStatus::Valid);
    assert_eq!(
        env.data.change_state(&ctx(ISSUER_KEY), &env.dids, ISSUER, &[id], StateChange::Reinstate),
        Err(CredentialError::NotSuspended)
    );
    env.data.change_state(&ctx(ISSUER_KEY), &env.dids, ISSUER, &[id], StateChange::Revoke(b"fraud".to_vec())).unwrap();
    assert_eq!(env.data.verify(&env.dids, id, T0), CredentialStatus::Revoked(b"fraud".to_vec()));
    for change in [StateChange::Reinstate, StateChange::Suspend(vec![]), StateChange::Revoke(vec![])] {
        assert_eq!(
            env.data.change_state(&ctx(ISSUER_KEY), &env.dids, ISSUER, &[id], change),
            Err(CredentialError::AlreadyRevoked)
        );
    }
}

#[ink::test]
fn non_revocable_schemas_reject_revocation_but_allow_suspension() {
    let mut env = setup();
    let req = request(1, env.fixed_schema);
    env.data.issue(&ctx(ISSUER_KEY), &env.dids, ISSUER, req).unwrap();
    assert_eq!(
        env.data.change_state(&ctx(ISSUER_KEY), &env.dids, ISSUER, &[[1; 32]], StateChange::Revoke(vec![])),
        Err(CredentialError::NotRevocable)
    );
    env.data.change_state(&ctx(ISSUER_KEY), &env.dids, ISSUER, &[[1; 32]], StateChange::Suspend(vec![])).unwrap();
}

#[ink::test]
fn status_changes_are_checked_per_issuer_and_batch() {
    let mut env = setup();
    let a = issue(&mut env, 1);
    let b = issue(&mut env, 2);
    let d = &mut env.data;
    let dids = &env.dids;
    let suspend = || StateChange::Suspend(b"r".to_vec());
    assert_eq!(d.change_state(&ctx(STRANGER), dids, ISSUER, &[a], suspend()), Err(CredentialError::NotAuthorizedForIssuer));
    assert_eq!(d.change_state(&ctx(ISSUER_KEY), dids, ISSUER, &[], suspend()), Err(CredentialError::InvalidBatchSize));
    let too_many = vec![a; MAX_BATCH as usize + 1];
    assert_eq!(d.change_state(&ctx(ISSUER_KEY), dids, ISSUER, &too_many, suspend()), Err(CredentialError::InvalidBatchSize));
    assert_eq!(
        d.change_state(&ctx(ISSUER_KEY), dids, ISSUER, &[a], StateChange::Suspend(vec![b'r'; MAX_REASON_LEN as usize + 1])),
        Err(CredentialError::ReasonTooLong)
    );
    assert_eq!(d.change_state(&ctx(ISSUER_KEY), dids, ISSUER, &[a, [9; 32]], suspend()), Err(CredentialError::CredentialNotFound));
    dids.add(OTHER_ISSUER, 6, &[ASSERT]);
    assert_eq!(d.change_state(&ctx(6), dids, OTHER_ISSUER, &[a], suspend()), Err(CredentialError::WrongIssuer));
    // all or nothing: a failing member leaves the others untouched
    assert_eq!(d.credential(a).unwrap().state, CredentialState::Active);
    // a batch changes every member, one event each
    let events = d.change_state(&ctx(ISSUER_KEY), dids, ISSUER, &[a, b], StateChange::Revoke(b"batch".to_vec())).unwrap();
    assert_eq!(events.len(), 2);
    assert_eq!(d.verify(dids, b, T0), CredentialStatus::Revoked(b"batch".to_vec()));
    let max_batch: Vec<CredentialId> = (0..MAX_BATCH).map(|i| [i as u8 + 50; 32]).collect();
    for id in &max_batch {
        d.issue(&ctx(ISSUER_KEY), dids, ISSUER, request(id[0], env.schema)).unwrap();
    }
    assert_eq!(d.change_state(&ctx(ISSUER_KEY), dids, ISSUER, &max_batch, suspend()).unwrap().len(), MAX_BATCH as usize);
}

// ---------------------------------------------------------------- verification

#[ink::test]
fn verify_reports_every_reason() {
    let mut env = setup();
    assert_eq!(env.data.verify(&env.dids, [0x77; 32], T0), CredentialStatus::Unknown);
    let mut req = request(1, env.schema);
    req.expires_at = Some(T0 + 100);
    env.data.issue(&ctx(ISSUER_KEY), &env.dids, ISSUER, req).unwrap();
    assert_eq!(env.data.verify(&env.dids, [1; 32], T0 + 99), CredentialStatus::Valid);
    assert_eq!(env.data.verify(&env.dids, [1; 32], T0 + 100), CredentialStatus::Expired);
    let id = issue(&mut env, 2);
    env.data.remove_trusted_issuer(&ctx(ADMIN), env.schema, ISSUER).unwrap();
    assert_eq!(env.data.verify(&env.dids, id, T0), CredentialStatus::IssuerNotTrusted);
    env.data.add_trusted_issuer(&ctx(ADMIN), env.schema, ISSUER).unwrap();
    env.dids.deactivate(ISSUER);
    assert_eq!(env.data.verify(&env.dids, id, T0), CredentialStatus::IssuerDeactivated);
}

#[ink::test]
fn has_valid_credential_follows_the_subjects_latest_credential() {
    let mut env = setup();
    assert!(!env.data.has_valid_credential(&env.dids, acc(HOLDER), env.schema, T0));
    let id = issue(&mut env, 1);
    assert!(env.data.has_valid_credential(&env.dids, acc(HOLDER), env.schema, T0));
    assert!(!env.data.has_valid_credential(&env.dids, acc(STRANGER), env.schema, T0));
    assert!(!env.data.has_valid_credential(&env.dids, acc(HOLDER), env.fixed_schema, T0));
    // untrusted issuer
    env.data.remove_trusted_issuer(&ctx(ADMIN), env.schema, ISSUER).unwrap();
    assert!(!env.data.has_valid_credential(&env.dids, acc(HOLDER), env.schema, T0));
    env.data.add_trusted_issuer(&ctx(ADMIN), env.schema, ISSUER).unwrap();
    // suspended, then revoked
    env.data.change_state(&ctx(ISSUER_KEY), &env.dids, ISSUER, &[id], StateChange::Suspend(vec![])).unwrap();
    assert!(!env.data.has_valid_credential(&env.dids, acc(HOLDER), env.schema, T0));
    env.data.change_state(&ctx(ISSUER_KEY), &env.dids, ISSUER, &[id], StateChange::Revoke(vec![])).unwrap();
    assert!(!env.data.has_valid_credential(&env.dids, acc(HOLDER), env.schema, T0));
    // a new credential replaces it
    issue(&mut env, 2);
    assert!(env.data.has_valid_credential(&env.dids, acc(HOLDER), env.schema, T0));
    // issuer deactivated
    env.dids.deactivate(ISSUER);
    assert!(!env.data.has_valid_credential(&env.dids, acc(HOLDER), env.schema, T0));
}

#[ink::test]
fn an_untrusted_issuer_cannot_shadow_a_valid_credential() {
    let mut env = setup();
    issue(&mut env, 1);
    env.dids.add(OTHER_ISSUER, 6, &[ASSERT]);
    // anyone with a DID may attest about the holder, but it does not replace the trusted one
    env.data.issue(&ctx(6), &env.dids, OTHER_ISSUER, request(2, env.schema)).unwrap();
    assert_eq!(env.data.verify(&env.dids, [2; 32], T0), CredentialStatus::IssuerNotTrusted);
    assert!(env.data.has_valid_credential(&env.dids, acc(HOLDER), env.schema, T0));
    // once trusted, its newer credential is the one that counts
    env.data.add_trusted_issuer(&ctx(ADMIN), env.schema, OTHER_ISSUER).unwrap();
    env.data.issue(&ctx(6), &env.dids, OTHER_ISSUER, request(3, env.schema)).unwrap();
    env.data.change_state(&ctx(6), &env.dids, OTHER_ISSUER, &[[3; 32]], StateChange::Suspend(vec![])).unwrap();
    assert!(!env.data.has_valid_credential(&env.dids, acc(HOLDER), env.schema, T0));
}

// ---------------------------------------------------------------- selective disclosure

#[ink::test]
fn one_claim_is_proved_without_the_others() {
    let mut env = setup();
    let digests: Vec<[u8; 32]> = (0..5u8).map(|i| claim_digest(&[i; 16], b"claim", &[i])).collect();
    let (root, proofs) = claims_tree(&digests);
    let mut req = request(1, env.schema);
    req.claims_root = Some(root);
    env.data.issue(&ctx(ISSUER_KEY), &env.dids, ISSUER, req).unwrap();
    for (digest, proof) in digests.iter().zip(&proofs) {
        assert_eq!(env.data.verify_disclosure([1; 32], *digest, proof), Ok(true));
    }
    // a forged claim, or a proof for another leaf, fails
    let forged = claim_digest(&[0; 16], b"claim", &[9]);
    assert_eq!(env.data.verify_disclosure([1; 32], forged, &proofs[0]), Ok(false));
    assert_eq!(env.data.verify_disclosure([1; 32], digests[1], &proofs[0]), Ok(false));
    assert_eq!(env.data.verify_disclosure([1; 32], digests[0], &vec![[0; 32]; MAX_PROOF_LEN as usize + 1]), Err(CredentialError::ProofTooLong));
    assert_eq!(env.data.verify_disclosure([2; 32], digests[0], &proofs[0]), Err(CredentialError::CredentialNotFound));
    issue(&mut env, 3);
    assert_eq!(env.data.verify_disclosure([3; 32], digests[0], &proofs[0]), Err(CredentialError::NoCommitment));
}

/// The test vectors published in docs/selective-disclosure.md.
#[ink::test]
fn selective_disclosure_test_vectors() {
    let hex = |b: &[u8]| b.iter().map(|x| format!("{x:02x}")).collect::<String>();
    let d0 = claim_digest(&[0x01; 16], b"age_over_18", b"true");
    let d1 = claim_digest(&[0x02; 16], b"nationality", b"DE");
    let d2 = claim_digest(&[0x03; 16], b"name", b"Erika Mustermann");
    let (root, proofs) = claims_tree(&[d0, d1, d2]);
    let actual = format!(
        "d0={}\nd1={}\nd2={}\nleaf0={}\nroot={}\nproof0=[{}, {}]",
        hex(&d0),
        hex(&d1),
        hex(&d2),
        hex(&disclosure_leaf(&d0)),
        hex(&root),
        hex(&proofs[0][0]),
        hex(&proofs[0][1]),
    );
    let doc = include_str!("../../../docs/selective-disclosure.md");
    for line in actual.lines() {
        assert!(doc.contains(line), "docs/selective-disclosure.md lacks `{line}`; vectors:\n{actual}");
    }
}

// ---------------------------------------------------------------- status lists

fn small_list(env: &mut Env, purpose: StatusPurpose) -> ListId {
    env.data.create_status_list(&ctx(ISSUER_KEY), &env.dids, ISSUER, purpose, 256, true).unwrap().0
}

#[ink::test]
fn status_lists_have_herd_privacy_sizes_unless_flagged() {
    let mut env = setup();
    let d = &mut env.data;
    let dids = &env.dids;
    for (size, small) in [(0, true), (100, true), (MIN_STATUS_LIST_SIZE - 128, false), (MAX_STATUS_LIST_SIZE + 128, true)] {
        assert_eq!(
            d.create_status_list(&ctx(ISSUER_KEY), dids, ISSUER, StatusPurpose::Revocation, size, small),
            Err(CredentialError::InvalidListSize),
            "size {size}"
        );
    }
    let (id, events) = d.create_status_list(&ctx(ISSUER_KEY), dids, ISSUER, StatusPurpose::Revocation, MIN_STATUS_LIST_SIZE, false).unwrap();
    assert_eq!(id, 0);
    assert_eq!(
        events,
        vec![CredentialEvent::ListCreated(StatusListCreated { list: 0, issuer: ISSUER, purpose: StatusPurpose::Revocation, size: MIN_STATUS_LIST_SIZE })]
    );
    assert_eq!(d.create_status_list(&ctx(ISSUER_KEY), dids, ISSUER, StatusPurpose::Suspension, 128, true).unwrap().0, 1);
    assert_eq!(
        d.create_status_list(&ctx(STRANGER), dids, ISSUER, StatusPurpose::Suspension, 128, true),
        Err(CredentialError::NotAuthorizedForIssuer)
    );
    let header = d.status_list(0).unwrap();
    assert_eq!((header.issuer, header.size, header.created_block), (ISSUER, MIN_STATUS_LIST_SIZE, 7));
}

#[ink::test]
fn status_bits_are_set_read_and_listed_word_by_word() {
    let mut env = setup();
    let list = small_list(&mut env, StatusPurpose::Suspension);
    let events = env.data.update_status_list(&ctx(ISSUER_KEY), &env.dids, ISSUER, list, vec![0, 5, 127, 128, 255], true).unwrap();
    assert_eq!(
        events,
        vec![CredentialEvent::ListUpdated(StatusListUpdated { list, issuer: ISSUER, indices: vec![0, 5, 127, 128, 255], value: true })]
    );
    for (index, expected) in [(0, true), (1, false), (5, true), (127, true), (128, true), (200, false), (255, true)] {
        assert_eq!(env.data.status_bit(list, index), Ok(expected), "bit {index}");
    }
    assert_eq!(
        env.data.status_list_words(list, 0, 2),
        Ok(vec![1u128 | (1 << 5) | (1 << 127), 1u128 | (1 << 127)])
    );
    env.data.update_status_list(&ctx(ISSUER_KEY), &env.dids, ISSUER, list, vec![5, 255], false).unwrap();
    assert_eq!(env.data.status_list_words(list, 0, 2), Ok(vec![1u128 | (1 << 127), 1u128]));
    assert_eq!(env.data.status_bit(list, 256), Err(CredentialError::IndexOutOfRange));
    assert_eq!(env.data.status_bit(9, 0), Err(CredentialError::ListNotFound));
    assert_eq!(env.data.status_list_words(list, 1, 2), Err(CredentialError::IndexOutOfRange));
    assert_eq!(env.data.status_list_words(list, 0, 0), Err(CredentialError::InvalidUpdateSize));
    assert_eq!(env.data.status_list_words(list, u32::MAX, 1), Err(CredentialError::IndexOutOfRange));
}

#[ink::test]
fn status_list_updates_are_validated() {
    let mut env = setup();
    let list = small_list(&mut env, StatusPurpose::Revocation);
    let d = &mut env.data;
    let dids = &env.dids;
    let k = ctx(ISSUER_KEY);
    assert_eq!(d.update_status_list(&k, dids, ISSUER, 9, vec![1], true), Err(CredentialError::ListNotFound));
    dids.add(OTHER_ISSUER, 6, &[ASSERT]);
    assert_eq!(d.update_status_list(&ctx(6), dids, OTHER_ISSUER, list, vec![1], true), Err(CredentialError::WrongIssuer));
    assert_eq!(d.update_status_list(&ctx(STRANGER), dids, ISSUER, list, vec![1], true), Err(CredentialError::NotAuthorizedForIssuer));
    assert_eq!(d.update_status_list(&k, dids, ISSUER, list, vec![], true), Err(CredentialError::InvalidUpdateSize));
    assert_eq!(
        d.update_status_list(&k, dids, ISSUER, list, vec![0; MAX_STATUS_UPDATES as usize + 1], true),
        Err(CredentialError::InvalidUpdateSize)
    );
    assert_eq!(d.update_status_list(&k, dids, ISSUER, list, vec![1, 256], true), Err(CredentialError::IndexOutOfRange));
    assert_eq!(d.status_bit(list, 1), Ok(false));
    d.update_status_list(&k, dids, ISSUER, list, vec![1], true).unwrap();
    assert_eq!(d.update_status_list(&k, dids, ISSUER, list, vec![1], false), Err(CredentialError::RevocationIsPermanent));
    assert_eq!(d.status_bit(list, 1), Ok(true));
    dids.deactivate(ISSUER);
    assert_eq!(d.update_status_list(&k, dids, ISSUER, list, vec![2], true), Err(CredentialError::IssuerInactive));
}

/// Property: over random sequences of updates, a revocation list's bits never flip back to 0,
/// and a suspension list's bits always equal the last value written (they do flip back).
#[ink::test]
fn property_revocation_bits_never_clear_suspension_bits_follow_updates() {
    let mut env = setup();
    let revocation = small_list(&mut env, StatusPurpose::Revocation);
    let suspension = small_list(&mut env, StatusPurpose::Suspension);
    let mut seed: u64 = 0x9E37_79B9_7F4A_7C15;
    let mut next = move || {
        seed ^= seed << 13;
        seed ^= seed >> 7;
        seed ^= seed << 17;
        seed
    };
    let mut revoked = [false; 256];
    let mut suspended = [false; 256];
    let mut cleared_some = false;
    for _ in 0..300 {
        let count = (next() % 8 + 1) as usize;
        let indices: Vec<u32> = (0..count).map(|_| (next() % 256) as u32).collect();
        let value = next() % 2 == 0;
        let k = ctx(ISSUER_KEY);
        let r = env.data.update_status_list(&k, &env.dids, ISSUER, revocation, indices.clone(), value);
        if value {
            r.unwrap();
            indices.iter().for_each(|&i| revoked[i as usize] = true);
        } else {
            assert_eq!(r, Err(CredentialError::RevocationIsPermanent));
        }
        env.data.update_status_list(&k, &env.dids, ISSUER, suspension, indices.clone(), value).unwrap();
        for &i in &indices {
            cleared_some |= suspended[i as usize] && !value;
            suspended[i as usize] = value;
        }
        for i in 0..256u32 {
            assert_eq!(env.data.status_bit(revocation, i), Ok(revoked[i as usize]));
            assert_eq!(env.data.status_bit(suspension, i), Ok(suspended[i as usize]));
        }
    }
    assert!(cleared_some, "the sequence exercised clearing suspension bits");
}
