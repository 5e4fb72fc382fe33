//! Off-chain unit tests of every credential registry rule and error path, with a table-driven
//! DID registry.
// Test code: small constant arithmetic and casts are fine here (the contract code is linted).
#![allow(clippy::arithmetic_side_effects, clippy::cast_possible_truncation, clippy::cast_sign_loss)]

use super::*;
use sovra_kit::access::RoleError;
use std::cell::RefCell;
use std::collections::HashMap;
use sovra_kit::testing::Rng;

const T0: u64 = 5_000_000;

fn acc(n: u8) -> AccountId {
    AccountId::from([n; 32])
}

fn ctx(caller: u8) -> Ctx {
    Ctx { caller: acc(caller), block: 7, now: T0 }
}


/// A DID registry as a table: which DIDs are active, who is authorised for what through which
/// method, and which methods are compromised since when.
#[derive(Default)]
struct Dids {
    active: RefCell<HashMap<DidId, bool>>,
    authorized: RefCell<HashMap<(DidId, AccountId), Vec<Relationship>>>,
    compromised: RefCell<HashMap<(DidId, Vec<u8>), u64>>,
}

/// The method id the table gives account `n`'s key.
fn key_id(n: u8) -> Vec<u8> {
    format!("key-{n}").into_bytes()
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
    /// Marks account `n`'s key of `did` compromised since `since`; it stops authorising.
    fn compromise(&self, did: DidId, n: u8, since: u64) {
        self.compromised.borrow_mut().insert((did, key_id(n)), since);
        self.authorized.borrow_mut().remove(&(did, acc(n)));
    }
}

impl DidOracle for Dids {
    fn is_active(&self, did: DidId) -> bool {
        self.active.borrow().get(&did).copied().unwrap_or(false)
    }
    fn authority(&self, did: DidId, account: AccountId, relationship: Relationship) -> Option<Authority> {
        let authorised = self.is_active(did)
            && self.authorized.borrow().get(&(did, account)).is_some_and(|r| r.contains(&relationship));
        let raw: &[u8; 32] = account.as_ref();
        authorised.then(|| Authority::Method(key_id(raw[0])))
    }
    fn key_status(&self, did: DidId, key: &Authority) -> KeyStatus {
        let compromised_since = match key {
            Authority::Method(id) => self.compromised.borrow().get(&(did, id.clone())).copied(),
            Authority::Controller(_) => None,
        };
        KeyStatus { did_active: self.is_active(did), compromised_since }
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
        credential: [id; 32],
        schema,
        subject_account: Some(acc(HOLDER)),
        subject_did: None,
        expires_at: None,
        claims_root: None,
        revocation: None,
        suspension: None,
    }
}

fn issue(env: &mut Env, id: u8) -> CredentialHash {
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
    assert!(data.roles.has(DEFAULT_ADMIN_ROLE, acc(ADMIN)));
    assert!(data.roles.has(TRUST_ADMIN_ROLE, acc(ADMIN)));
    assert!(!data.roles.has(TRUST_ADMIN_ROLE, acc(STRANGER)));
}

#[ink::test]
fn roles_are_granted_revoked_and_renounced_by_the_rules() {
    let mut env = setup();
    let d = &mut env.data;
    assert_eq!(d.roles.grant_role::<CredentialEvent>(ctx(STRANGER).caller, TRUST_ADMIN_ROLE, acc(STRANGER)), Err(RoleError::MissingRole));
    assert_eq!(
        d.roles.grant_role::<CredentialEvent>(ctx(ADMIN).caller, TRUST_ADMIN_ROLE, acc(5)).unwrap(),
        vec![CredentialEvent::RoleGranted(RoleGranted { role: TRUST_ADMIN_ROLE, account: acc(5), sender: acc(ADMIN) })]
    );
    // granting again is a no-op without event
    assert_eq!(d.roles.grant_role::<CredentialEvent>(ctx(ADMIN).caller, TRUST_ADMIN_ROLE, acc(5)).unwrap(), vec![]);
    assert_eq!(d.roles.revoke_role::<CredentialEvent>(ctx(5).caller, TRUST_ADMIN_ROLE, acc(ADMIN)), Err(RoleError::MissingRole));
    assert_eq!(
        d.roles.revoke_role::<CredentialEvent>(ctx(ADMIN).caller, TRUST_ADMIN_ROLE, acc(5)).unwrap(),
        vec![CredentialEvent::RoleRevoked(RoleRevoked { role: TRUST_ADMIN_ROLE, account: acc(5), sender: acc(ADMIN) })]
    );
    assert!(!d.roles.has(TRUST_ADMIN_ROLE, acc(5)));
    assert_eq!(d.roles.renounce_role::<CredentialEvent>(ctx(5).caller, TRUST_ADMIN_ROLE), Err(RoleError::MissingRole));
    // the last admin stays: renouncing or revoking it would freeze the registry for ever
    assert_eq!(d.roles.renounce_role::<CredentialEvent>(ctx(ADMIN).caller, DEFAULT_ADMIN_ROLE), Err(RoleError::LastAdmin));
    assert_eq!(d.roles.revoke_role::<CredentialEvent>(ctx(ADMIN).caller, DEFAULT_ADMIN_ROLE, acc(ADMIN)), Err(RoleError::LastAdmin));
    // with a successor it may go; the holders are listed
    d.roles.grant_role::<CredentialEvent>(ctx(ADMIN).caller, DEFAULT_ADMIN_ROLE, acc(5)).unwrap();
    assert_eq!((d.roles.member_count(DEFAULT_ADMIN_ROLE), d.roles.member(DEFAULT_ADMIN_ROLE, 1)), (2, Some(acc(5))));
    d.roles.renounce_role::<CredentialEvent>(ctx(ADMIN).caller, DEFAULT_ADMIN_ROLE).unwrap();
    assert!(!d.roles.has(DEFAULT_ADMIN_ROLE, acc(ADMIN)));
    assert_eq!((d.roles.member_count(DEFAULT_ADMIN_ROLE), d.roles.member(DEFAULT_ADMIN_ROLE, 0)), (1, Some(acc(5))));
    assert_eq!(d.roles.grant_role::<CredentialEvent>(ctx(ADMIN).caller, TRUST_ADMIN_ROLE, acc(5)), Err(RoleError::MissingRole));
    // an admin hands every role it holds over in one call
    d.roles.grant_role::<CredentialEvent>(ctx(5).caller, TRUST_ADMIN_ROLE, acc(5)).unwrap();
    d.roles.hand_over::<CredentialEvent>(ctx(5).caller, acc(6), CREDENTIAL_REGISTRY_ROLES).unwrap();
    for role in CREDENTIAL_REGISTRY_ROLES {
        assert!(d.roles.has(*role, acc(6)) && !d.roles.has(*role, acc(5)), "role {role}");
    }
    // the trust admin the setup made is left alone
    assert!(d.roles.has(TRUST_ADMIN_ROLE, acc(ADMIN)));
}

// ---------------------------------------------------------------- schemas & trust

#[ink::test]
fn schemas_are_registered_by_content_once() {
    let mut data = CredentialData::default();
    let (id, events) = data.register_schema(&ctx(9), [3; 32], b"Age".to_vec(), b"https://s/age".to_vec(), true).unwrap();
    assert_eq!(id, CredentialData::schema_id(&[3; 32], b"Age", b"https://s/age", true));
    assert_eq!(
        events,
        vec![CredentialEvent::SchemaRegistered(SchemaRegistered {
            schema: id,
            registrant: acc(9),
            schema_hash: [3; 32],
            name: b"Age".to_vec(),
            uri: b"https://s/age".to_vec(),
            revocable: true,
        })]
    );
    let schema = data.schema(id).unwrap();
    assert_eq!((schema.name.as_slice(), schema.revocable, schema.registrant), (&b"Age"[..], true, acc(9)));
    assert_eq!(
        data.register_schema(&ctx(8), [3; 32], b"Age".to_vec(), b"https://s/age".to_vec(), true),
        Err(CredentialError::SchemaExists)
    );
}

/// Attack: registering the schema document first under a misleading name or URI. Every field
/// users are shown is part of the id, so the squatter gets a different schema.
#[ink::test]
fn a_schema_name_or_uri_cannot_be_squatted() {
    let mut data = CredentialData::default();
    let (squatted, _) = data.register_schema(&ctx(6), [3; 32], b"Age (fake)".to_vec(), b"https://evil".to_vec(), true).unwrap();
    let (real, _) = data.register_schema(&ctx(9), [3; 32], b"Age".to_vec(), b"https://s/age".to_vec(), true).unwrap();
    assert_ne!(squatted, real);
    assert_eq!(data.schema(real).unwrap().name, b"Age".to_vec());
    for (name, uri, revocable) in [(&b"Age"[..], &b"https://s/age2"[..], true), (b"Age", b"https://s/age", false)] {
        assert!(data.register_schema(&ctx(8), [3; 32], name.to_vec(), uri.to_vec(), revocable).is_ok());
    }
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
        vec![CredentialEvent::TrustedIssuerAdded(TrustedIssuerAdded { schema: env.schema, issuer: OTHER_ISSUER, epoch: 3 })]
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
            issuer: ISSUER,
            credential: [1; 32],
            subject_account: Some(acc(HOLDER)),
            schema: env.schema,
            subject_did: Some([0x33; 32]),
            issued_by: Authority::Method(key_id(ISSUER_KEY)),
            expires_at: Some(T0 + 1),
            claims_root: Some([0x44; 32]),
            revocation: None,
            suspension: None,
        })]
    );
    let record = env.data.credential(ISSUER, [1; 32]).unwrap();
    assert_eq!(record.issued_by, Authority::Method(key_id(ISSUER_KEY)));
    assert_eq!((record.issued_at, record.issued_block, record.trust_epoch), (T0, 7, 1));
    assert_eq!(record.expires_at, Some(T0 + 1));
    assert_eq!(record.claims_root, Some([0x44; 32]));
    assert_eq!(record.state, CredentialState::Active);
    assert_eq!(env.data.verify(&env.dids, ISSUER, [1; 32], T0), CredentialStatus::Valid);
    assert_eq!(env.data.verify(&env.dids, OTHER_ISSUER, [1; 32], T0), CredentialStatus::Unknown);
}

/// Attack (item 1): an attacker with a DID of its own anchors the hash the real issuer is
/// about to anchor. Records are scoped to their issuer, so the issuer is unaffected.
#[ink::test]
fn a_credential_hash_cannot_be_squatted_by_another_issuer() {
    let mut env = setup();
    env.dids.add(OTHER_ISSUER, 6, &[ASSERT]);
    env.data.issue(&ctx(6), &env.dids, OTHER_ISSUER, request(1, env.schema)).unwrap();
    // the real issuer anchors, suspends and revokes its credential as if nothing happened
    env.data.issue(&ctx(ISSUER_KEY), &env.dids, ISSUER, request(1, env.schema)).unwrap();
    assert_eq!(env.data.verify(&env.dids, ISSUER, [1; 32], T0), CredentialStatus::Valid);
    env.data.change_state(&ctx(ISSUER_KEY), &env.dids, ISSUER, &[[1; 32]], StateChange::Revoke(b"x".to_vec())).unwrap();
    assert_eq!(env.data.verify(&env.dids, ISSUER, [1; 32], T0), CredentialStatus::Revoked(b"x".to_vec()));
    // the squatter's record is its own, and untrusted
    assert_eq!(env.data.verify(&env.dids, OTHER_ISSUER, [1; 32], T0), CredentialStatus::IssuerNotTrusted);
    // nor can the squatter touch the issuer's record
    assert_eq!(
        env.data.change_state(&ctx(6), &env.dids, ISSUER, &[[1; 32]], StateChange::Suspend(vec![])),
        Err(CredentialError::NotAuthorizedForIssuer)
    );
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
    assert_eq!(env.data.credential(ISSUER, [1; 32]), None);
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
        vec![CredentialEvent::StateChanged(CredentialStateChanged { issuer: ISSUER, credential: id, state: CredentialState::Suspended(b"audit".to_vec()) })]
    );
    assert_eq!(env.data.verify(&env.dids, ISSUER, id, T0), CredentialStatus::Suspended(b"audit".to_vec()));
    assert_eq!(
        env.data.change_state(&ctx(ISSUER_KEY), &env.dids, ISSUER, &[id], StateChange::Suspend(vec![])),
        Err(CredentialError::AlreadySuspended)
    );
    env.data.change_state(&ctx(ISSUER_KEY), &env.dids, ISSUER, &[id], StateChange::Reinstate).unwrap();
    assert_eq!(env.data.verify(&env.dids, ISSUER, id, T0), CredentialStatus::Valid);
    assert_eq!(
        env.data.change_state(&ctx(ISSUER_KEY), &env.dids, ISSUER, &[id], StateChange::Reinstate),
        Err(CredentialError::NotSuspended)
    );
    env.data.change_state(&ctx(ISSUER_KEY), &env.dids, ISSUER, &[id], StateChange::Revoke(b"fraud".to_vec())).unwrap();
    assert_eq!(env.data.verify(&env.dids, ISSUER, id, T0), CredentialStatus::Revoked(b"fraud".to_vec()));
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
    let too_many: Vec<CredentialHash> = (0..=MAX_BATCH).map(|i| [i as u8 + 100; 32]).collect();
    assert_eq!(d.change_state(&ctx(ISSUER_KEY), dids, ISSUER, &too_many, suspend()), Err(CredentialError::InvalidBatchSize));
    assert_eq!(
        d.change_state(&ctx(ISSUER_KEY), dids, ISSUER, &[a], StateChange::Suspend(vec![b'r'; MAX_REASON_LEN as usize + 1])),
        Err(CredentialError::ReasonTooLong)
    );
    assert_eq!(d.change_state(&ctx(ISSUER_KEY), dids, ISSUER, &[a, [9; 32]], suspend()), Err(CredentialError::CredentialNotFound));
    dids.add(OTHER_ISSUER, 6, &[ASSERT]);
    // another issuer's key finds no such credential under its own DID
    assert_eq!(d.change_state(&ctx(6), dids, OTHER_ISSUER, &[a], suspend()), Err(CredentialError::CredentialNotFound));
    // all or nothing: a failing member leaves the others untouched
    assert_eq!(d.credential(ISSUER, a).unwrap().state, CredentialState::Active);
    // item 6: the same credential twice in one batch is rejected (it would emit two events)
    assert_eq!(d.change_state(&ctx(ISSUER_KEY), dids, ISSUER, &[a, b, a], suspend()), Err(CredentialError::DuplicateInBatch));
    assert_eq!(d.credential(ISSUER, a).unwrap().state, CredentialState::Active);
    // a batch changes every member, one event each
    let events = d.change_state(&ctx(ISSUER_KEY), dids, ISSUER, &[a, b], StateChange::Revoke(b"batch".to_vec())).unwrap();
    assert_eq!(events.len(), 2);
    assert_eq!(d.verify(dids, ISSUER, b, T0), CredentialStatus::Revoked(b"batch".to_vec()));
    let max_batch: Vec<CredentialHash> = (0..MAX_BATCH).map(|i| [i as u8 + 50; 32]).collect();
    for id in &max_batch {
        d.issue(&ctx(ISSUER_KEY), dids, ISSUER, request(id[0], env.schema)).unwrap();
    }
    assert_eq!(d.change_state(&ctx(ISSUER_KEY), dids, ISSUER, &max_batch, suspend()).unwrap().len(), MAX_BATCH as usize);
}

// ---------------------------------------------------------------- verification

#[ink::test]
fn verify_reports_every_reason() {
    let mut env = setup();
    assert_eq!(env.data.verify(&env.dids, ISSUER, [0x77; 32], T0), CredentialStatus::Unknown);
    let mut req = request(1, env.schema);
    req.expires_at = Some(T0 + 100);
    env.data.issue(&ctx(ISSUER_KEY), &env.dids, ISSUER, req).unwrap();
    assert_eq!(env.data.verify(&env.dids, ISSUER, [1; 32], T0 + 99), CredentialStatus::Valid);
    assert_eq!(env.data.verify(&env.dids, ISSUER, [1; 32], T0 + 100), CredentialStatus::Expired);
    let id = issue(&mut env, 2);
    env.dids.deactivate(ISSUER);
    assert_eq!(env.data.verify(&env.dids, ISSUER, id, T0), CredentialStatus::IssuerDeactivated);
    env.data.remove_trusted_issuer(&ctx(ADMIN), env.schema, ISSUER).unwrap();
    assert_eq!(env.data.verify(&env.dids, ISSUER, id, T0), CredentialStatus::IssuerNotTrusted);
}

/// Item 6: trust has a start. A credential anchored while its issuer was not trusted does not
/// become valid when the issuer is trusted later; one anchored under a grant stops counting
/// when the grant ends and does not come back with a new grant.
#[ink::test]
fn trust_applies_only_to_credentials_issued_under_the_current_grant() {
    let mut env = setup();
    env.dids.add(OTHER_ISSUER, 6, &[ASSERT]);
    env.data.issue(&ctx(6), &env.dids, OTHER_ISSUER, request(1, env.schema)).unwrap();
    assert_eq!(env.data.credential(OTHER_ISSUER, [1; 32]).unwrap().trust_epoch, 0);
    env.data.add_trusted_issuer(&ctx(ADMIN), env.schema, OTHER_ISSUER).unwrap();
    assert_eq!(env.data.verify(&env.dids, OTHER_ISSUER, [1; 32], T0), CredentialStatus::IssuerNotTrusted);
    assert!(!env.data.has_valid_credential(&env.dids, acc(HOLDER), env.schema, T0));
    // issued under the grant: valid
    env.data.issue(&ctx(6), &env.dids, OTHER_ISSUER, request(2, env.schema)).unwrap();
    assert_eq!(env.data.verify(&env.dids, OTHER_ISSUER, [2; 32], T0), CredentialStatus::Valid);
    assert!(env.data.has_valid_credential(&env.dids, acc(HOLDER), env.schema, T0));
    // trust withdrawn and granted again: the earlier grant's credential stays untrusted
    env.data.remove_trusted_issuer(&ctx(ADMIN), env.schema, OTHER_ISSUER).unwrap();
    env.data.add_trusted_issuer(&ctx(ADMIN), env.schema, OTHER_ISSUER).unwrap();
    assert_eq!(env.data.verify(&env.dids, OTHER_ISSUER, [2; 32], T0), CredentialStatus::IssuerNotTrusted);
    assert!(!env.data.has_valid_credential(&env.dids, acc(HOLDER), env.schema, T0));
}

/// Item 5: a leaked assertion key is contained. Credentials it issued at or after the
/// compromise time verify as `IssuerKeyCompromised`; earlier ones stay valid, and so do other
/// keys' credentials.
#[ink::test]
fn credentials_of_a_compromised_key_from_its_compromise_on_are_rejected() {
    let mut env = setup();
    env.dids.add(ISSUER, 6, &[ASSERT]);
    let before = issue(&mut env, 1);
    let mut later = ctx(ISSUER_KEY);
    later.now = T0 + 1_000;
    env.data.issue(&later, &env.dids, ISSUER, request(2, env.schema)).unwrap();
    env.data.issue(&ctx(6), &env.dids, ISSUER, request(3, env.schema)).unwrap();
    env.dids.compromise(ISSUER, ISSUER_KEY, T0 + 500);
    assert_eq!(env.data.verify(&env.dids, ISSUER, before, T0 + 2_000), CredentialStatus::Valid);
    assert_eq!(env.data.verify(&env.dids, ISSUER, [2; 32], T0 + 2_000), CredentialStatus::IssuerKeyCompromised);
    assert_eq!(env.data.verify(&env.dids, ISSUER, [3; 32], T0 + 2_000), CredentialStatus::Valid);
    // at exactly `since` it counts as compromised
    env.dids.compromise(ISSUER, ISSUER_KEY, T0 + 1_000);
    assert_eq!(env.data.verify(&env.dids, ISSUER, [2; 32], T0 + 2_000), CredentialStatus::IssuerKeyCompromised);
    // and the compromised key can issue nothing more
    assert_eq!(
        env.data.issue(&ctx(ISSUER_KEY), &env.dids, ISSUER, request(4, env.schema)),
        Err(CredentialError::NotAuthorizedForIssuer)
    );
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
    assert_eq!(env.data.verify(&env.dids, OTHER_ISSUER, [2; 32], T0), CredentialStatus::IssuerNotTrusted);
    assert!(env.data.has_valid_credential(&env.dids, acc(HOLDER), env.schema, T0));
}

/// Attack (item 2): a second trusted issuer gives the subject a short-lived or suspended
/// credential. The subject's valid credential from the first still counts — also after the
/// second issuer loses trust.
#[ink::test]
fn one_trusted_issuer_cannot_shadow_anothers_valid_credential() {
    let mut env = setup();
    issue(&mut env, 1);
    env.dids.add(OTHER_ISSUER, 6, &[ASSERT]);
    env.data.add_trusted_issuer(&ctx(ADMIN), env.schema, OTHER_ISSUER).unwrap();
    let mut short = request(2, env.schema);
    short.expires_at = Some(T0 + 10);
    env.data.issue(&ctx(6), &env.dids, OTHER_ISSUER, short).unwrap();
    env.data.issue(&ctx(6), &env.dids, OTHER_ISSUER, request(3, env.schema)).unwrap();
    env.data.change_state(&ctx(6), &env.dids, OTHER_ISSUER, &[[3; 32]], StateChange::Suspend(vec![])).unwrap();
    assert!(env.data.has_valid_credential(&env.dids, acc(HOLDER), env.schema, T0 + 20));
    env.data.remove_trusted_issuer(&ctx(ADMIN), env.schema, OTHER_ISSUER).unwrap();
    assert!(env.data.has_valid_credential(&env.dids, acc(HOLDER), env.schema, T0 + 20));
    // and the answer does not depend on the order issuers were trusted in
    env.data.change_state(&ctx(ISSUER_KEY), &env.dids, ISSUER, &[[1; 32]], StateChange::Suspend(vec![])).unwrap();
    assert!(!env.data.has_valid_credential(&env.dids, acc(HOLDER), env.schema, T0 + 20));
    env.data.add_trusted_issuer(&ctx(ADMIN), env.schema, OTHER_ISSUER).unwrap();
    env.data.issue(&ctx(6), &env.dids, OTHER_ISSUER, request(4, env.schema)).unwrap();
    assert!(env.data.has_valid_credential(&env.dids, acc(HOLDER), env.schema, T0 + 20));
}

// ---------------------------------------------------------------- selective disclosure

fn claim(i: u8) -> Claim {
    Claim { salt: [i; 16], name: b"claim".to_vec(), value: vec![i] }
}

/// A credential with a claims root over five claims, issued to HOLDER (account) and to the
/// subject DID [0x33; 32] (whose authentication key is account 8).
fn disclosed(env: &mut Env) -> Vec<Vec<[u8; 32]>> {
    let digests: Vec<[u8; 32]> = (0..5u8).map(|i| claim_digest(&[i; 16], b"claim", &[i])).collect();
    let (root, proofs) = claims_tree(&digests);
    let mut req = request(1, env.schema);
    req.claims_root = Some(root);
    req.subject_did = Some([0x33; 32]);
    env.dids.add([0x33; 32], 8, &[Relationship::Authentication]);
    env.data.issue(&ctx(ISSUER_KEY), &env.dids, ISSUER, req).unwrap();
    proofs
}

#[ink::test]
fn the_holder_proves_one_claim_without_the_others() {
    let mut env = setup();
    let proofs = disclosed(&mut env);
    let valid = Presentation { status: CredentialStatus::Valid, claim_valid: true };
    for (i, proof) in proofs.iter().enumerate() {
        let p = env.data.verify_presentation(&ctx(HOLDER), &env.dids, ISSUER, [1; 32], &claim(i as u8), proof);
        assert_eq!(p, Ok(valid.clone()));
    }
    // the subject DID's authentication key presents too
    assert_eq!(env.data.verify_presentation(&ctx(8), &env.dids, ISSUER, [1; 32], &claim(0), &proofs[0]), Ok(valid));
    // a forged value, another leaf's proof: claim_valid is false
    let forged = Claim { value: vec![9], ..claim(0) };
    let p = env.data.verify_presentation(&ctx(HOLDER), &env.dids, ISSUER, [1; 32], &forged, &proofs[0]).unwrap();
    assert!(!p.claim_valid);
    assert!(!env.data.verify_presentation(&ctx(HOLDER), &env.dids, ISSUER, [1; 32], &claim(1), &proofs[0]).unwrap().claim_valid);
}

/// Attack (item 4): presentations were accepted for revoked, suspended, expired and untrusted
/// credentials, and anyone could replay one from public calldata.
#[ink::test]
fn a_presentation_carries_the_status_and_is_bound_to_its_holder() {
    let mut env = setup();
    let proofs = disclosed(&mut env);
    let present = |env: &Env, who: u8, now: u64| {
        let mut c = ctx(who);
        c.now = now;
        env.data.verify_presentation(&c, &env.dids, ISSUER, [1; 32], &claim(0), &proofs[0])
    };
    // replayed by someone else (or by the DID's non-authentication key)
    assert_eq!(present(&env, STRANGER, T0), Err(CredentialError::NotHolder));
    assert_eq!(present(&env, ISSUER_KEY, T0), Err(CredentialError::NotHolder));
    env.data.change_state(&ctx(ISSUER_KEY), &env.dids, ISSUER, &[[1; 32]], StateChange::Suspend(b"s".to_vec())).unwrap();
    assert_eq!(present(&env, HOLDER, T0), Ok(Presentation { status: CredentialStatus::Suspended(b"s".to_vec()), claim_valid: true }));
    env.data.change_state(&ctx(ISSUER_KEY), &env.dids, ISSUER, &[[1; 32]], StateChange::Revoke(b"r".to_vec())).unwrap();
    assert_eq!(present(&env, HOLDER, T0).unwrap().status, CredentialStatus::Revoked(b"r".to_vec()));
    env.data.remove_trusted_issuer(&ctx(ADMIN), env.schema, ISSUER).unwrap();
    let mut expiring = request(2, env.schema);
    expiring.expires_at = Some(T0 + 5);
    expiring.claims_root = Some(disclosure_leaf(&claim_digest(&[0; 16], b"claim", &[0])));
    env.data.issue(&ctx(ISSUER_KEY), &env.dids, ISSUER, expiring).unwrap();
    let p = env.data.verify_presentation(&ctx(HOLDER), &env.dids, ISSUER, [2; 32], &claim(0), &[]).unwrap();
    assert_eq!(p, Presentation { status: CredentialStatus::IssuerNotTrusted, claim_valid: true });
    let mut late = ctx(HOLDER);
    late.now = T0 + 5;
    assert_eq!(env.data.verify_presentation(&late, &env.dids, ISSUER, [2; 32], &claim(0), &[]).unwrap().status, CredentialStatus::Expired);
}

#[ink::test]
fn presentations_are_validated() {
    let mut env = setup();
    let proofs = disclosed(&mut env);
    let h = ctx(HOLDER);
    let d = &env.data;
    let long = vec![[0; 32]; MAX_PROOF_LEN as usize + 1];
    assert_eq!(d.verify_presentation(&h, &env.dids, ISSUER, [1; 32], &claim(0), &long), Err(CredentialError::ProofTooLong));
    let long_name = Claim { name: vec![b'n'; MAX_CLAIM_NAME_LEN as usize + 1], ..claim(0) };
    assert_eq!(d.verify_presentation(&h, &env.dids, ISSUER, [1; 32], &long_name, &proofs[0]), Err(CredentialError::ClaimTooLong));
    let long_value = Claim { value: vec![b'v'; MAX_CLAIM_VALUE_LEN as usize + 1], ..claim(0) };
    assert_eq!(d.verify_presentation(&h, &env.dids, ISSUER, [1; 32], &long_value, &proofs[0]), Err(CredentialError::ClaimTooLong));
    assert_eq!(d.verify_presentation(&h, &env.dids, ISSUER, [2; 32], &claim(0), &proofs[0]), Err(CredentialError::CredentialNotFound));
    issue(&mut env, 3);
    assert_eq!(
        env.data.verify_presentation(&h, &env.dids, ISSUER, [3; 32], &claim(0), &proofs[0]),
        Err(CredentialError::NoCommitment)
    );
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
        vec![CredentialEvent::ListCreated(StatusListCreated { issuer: ISSUER, list: 0, purpose: StatusPurpose::Revocation, size: MIN_STATUS_LIST_SIZE })]
    );
    assert_eq!(d.create_status_list(&ctx(ISSUER_KEY), dids, ISSUER, StatusPurpose::Suspension, 128, true).unwrap().0, 1);
    assert_eq!(
        d.create_status_list(&ctx(STRANGER), dids, ISSUER, StatusPurpose::Suspension, 128, true),
        Err(CredentialError::NotAuthorizedForIssuer)
    );
    let view = d.status_list(dids, ISSUER, 0).unwrap();
    assert_eq!((view.list.size, view.list.created_block, view.issuer_active), (MIN_STATUS_LIST_SIZE, 7, true));
    // list numbers are per issuer: another issuer's first list is its own 0
    dids.add(OTHER_ISSUER, 6, &[ASSERT]);
    assert_eq!(d.create_status_list(&ctx(6), dids, OTHER_ISSUER, StatusPurpose::Suspension, 128, true).unwrap().0, 0);
    assert_eq!(d.status_list(dids, ISSUER, 0).unwrap().list.purpose, StatusPurpose::Revocation);
    // a reader sees when the issuer DID is gone
    dids.deactivate(ISSUER);
    assert!(!d.status_list(dids, ISSUER, 0).unwrap().issuer_active);
    assert_eq!(d.status_list(dids, ISSUER, 5), None);
}

#[ink::test]
fn status_bits_are_set_read_and_listed_word_by_word() {
    let mut env = setup();
    let list = small_list(&mut env, StatusPurpose::Suspension);
    let events = env.data.update_status_list(&ctx(ISSUER_KEY), &env.dids, ISSUER, list, vec![0, 5, 127, 128, 255], true).unwrap();
    assert_eq!(
        events,
        vec![CredentialEvent::ListUpdated(StatusListUpdated { issuer: ISSUER, list, indices: vec![0, 5, 127, 128, 255], value: true })]
    );
    for (index, expected) in [(0, true), (1, false), (5, true), (127, true), (128, true), (200, false), (255, true)] {
        assert_eq!(env.data.status_bit(ISSUER, list, index), Ok(expected), "bit {index}");
    }
    assert_eq!(
        env.data.status_list_words(ISSUER, list, 0, 2),
        Ok(vec![1u128 | (1 << 5) | (1 << 127), 1u128 | (1 << 127)])
    );
    env.data.update_status_list(&ctx(ISSUER_KEY), &env.dids, ISSUER, list, vec![5, 255], false).unwrap();
    assert_eq!(env.data.status_list_words(ISSUER, list, 0, 2), Ok(vec![1u128 | (1 << 127), 1u128]));
    assert_eq!(env.data.status_bit(ISSUER, list, 256), Err(CredentialError::IndexOutOfRange));
    assert_eq!(env.data.status_bit(ISSUER, 9, 0), Err(CredentialError::ListNotFound));
    assert_eq!(env.data.status_list_words(ISSUER, list, 1, 2), Err(CredentialError::IndexOutOfRange));
    assert_eq!(env.data.status_list_words(ISSUER, list, 0, 0), Err(CredentialError::InvalidUpdateSize));
    assert_eq!(env.data.status_list_words(ISSUER, list, u32::MAX, 1), Err(CredentialError::IndexOutOfRange));
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
    // another issuer names its own (absent) list of that number
    assert_eq!(d.update_status_list(&ctx(6), dids, OTHER_ISSUER, list, vec![1], true), Err(CredentialError::ListNotFound));
    assert_eq!(d.update_status_list(&ctx(6), dids, ISSUER, list, vec![1], true), Err(CredentialError::NotAuthorizedForIssuer));
    assert_eq!(d.update_status_list(&ctx(STRANGER), dids, ISSUER, list, vec![1], true), Err(CredentialError::NotAuthorizedForIssuer));
    assert_eq!(d.update_status_list(&k, dids, ISSUER, list, vec![], true), Err(CredentialError::InvalidUpdateSize));
    assert_eq!(
        d.update_status_list(&k, dids, ISSUER, list, vec![0; MAX_STATUS_UPDATES as usize + 1], true),
        Err(CredentialError::InvalidUpdateSize)
    );
    assert_eq!(d.update_status_list(&k, dids, ISSUER, list, vec![1, 256], true), Err(CredentialError::IndexOutOfRange));
    assert_eq!(d.update_status_list(&k, dids, ISSUER, list, vec![1, 2, 1], true), Err(CredentialError::DuplicateInBatch));
    assert_eq!(d.status_bit(ISSUER, list, 1), Ok(false));
    d.update_status_list(&k, dids, ISSUER, list, vec![1], true).unwrap();
    assert_eq!(d.update_status_list(&k, dids, ISSUER, list, vec![1], false), Err(CredentialError::RevocationIsPermanent));
    assert_eq!(d.status_bit(ISSUER, list, 1), Ok(true));
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
        let mut indices: Vec<u32> = Vec::new();
        while indices.len() < count {
            let i = (next() % 256) as u32;
            if !indices.contains(&i) {
                indices.push(i);
            }
        }
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
            assert_eq!(env.data.status_bit(ISSUER, revocation, i), Ok(revoked[i as usize]));
            assert_eq!(env.data.status_bit(ISSUER, suspension, i), Ok(suspended[i as usize]));
        }
    }
    assert!(cleared_some, "the sequence exercised clearing suspension bits");
}

// ---------------------------------------------------------------- one status truth (item 3)

/// A credential bound to entry 7 of a revocation list and entry 9 of a suspension list.
fn bound(env: &mut Env, id: u8) -> (ListId, ListId) {
    let revocation = small_list(env, StatusPurpose::Revocation);
    let suspension = small_list(env, StatusPurpose::Suspension);
    let mut req = request(id, env.schema);
    req.revocation = Some(StatusEntry { list: revocation, index: 7 });
    req.suspension = Some(StatusEntry { list: suspension, index: 9 });
    env.data.issue(&ctx(ISSUER_KEY), &env.dids, ISSUER, req).unwrap();
    (revocation, suspension)
}

/// Attack (item 3): an issuer revoking the W3C way, through its status list, still got `Valid`.
#[ink::test]
fn a_status_list_bit_is_the_bound_credentials_status() {
    let mut env = setup();
    let (revocation, suspension) = bound(&mut env, 1);
    let k = ctx(ISSUER_KEY);
    env.data.update_status_list(&k, &env.dids, ISSUER, suspension, vec![9], true).unwrap();
    assert_eq!(env.data.verify(&env.dids, ISSUER, [1; 32], T0), CredentialStatus::Suspended(vec![]));
    assert!(!env.data.has_valid_credential(&env.dids, acc(HOLDER), env.schema, T0));
    env.data.update_status_list(&k, &env.dids, ISSUER, suspension, vec![9], false).unwrap();
    assert_eq!(env.data.verify(&env.dids, ISSUER, [1; 32], T0), CredentialStatus::Valid);
    env.data.update_status_list(&k, &env.dids, ISSUER, revocation, vec![7], true).unwrap();
    assert_eq!(env.data.verify(&env.dids, ISSUER, [1; 32], T0), CredentialStatus::Revoked(vec![]));
    assert!(!env.data.has_valid_credential(&env.dids, acc(HOLDER), env.schema, T0));
    assert_eq!(
        env.data.change_state(&k, &env.dids, ISSUER, &[[1; 32]], StateChange::Reinstate),
        Err(CredentialError::AlreadyRevoked)
    );
}

#[ink::test]
fn suspend_reinstate_and_revoke_set_the_bound_bits() {
    let mut env = setup();
    let (revocation, suspension) = bound(&mut env, 1);
    let k = ctx(ISSUER_KEY);
    let events = env.data.change_state(&k, &env.dids, ISSUER, &[[1; 32]], StateChange::Suspend(b"s".to_vec())).unwrap();
    assert_eq!(events[1], CredentialEvent::ListUpdated(StatusListUpdated { issuer: ISSUER, list: suspension, indices: vec![9], value: true }));
    assert_eq!(env.data.status_bit(ISSUER, suspension, 9), Ok(true));
    assert_eq!(env.data.verify(&env.dids, ISSUER, [1; 32], T0), CredentialStatus::Suspended(b"s".to_vec()));
    env.data.change_state(&k, &env.dids, ISSUER, &[[1; 32]], StateChange::Reinstate).unwrap();
    assert_eq!(env.data.status_bit(ISSUER, suspension, 9), Ok(false));
    // cleared through the list, the record's suspension no longer counts
    env.data.change_state(&k, &env.dids, ISSUER, &[[1; 32]], StateChange::Suspend(b"s".to_vec())).unwrap();
    env.data.update_status_list(&k, &env.dids, ISSUER, suspension, vec![9], false).unwrap();
    assert_eq!(env.data.verify(&env.dids, ISSUER, [1; 32], T0), CredentialStatus::Valid);
    env.data.change_state(&k, &env.dids, ISSUER, &[[1; 32]], StateChange::Revoke(b"r".to_vec())).unwrap();
    assert_eq!(env.data.status_bit(ISSUER, revocation, 7), Ok(true));
    assert_eq!(env.data.verify(&env.dids, ISSUER, [1; 32], T0), CredentialStatus::Revoked(b"r".to_vec()));
}

#[ink::test]
fn status_entries_are_checked_at_issuance() {
    let mut env = setup();
    let (revocation, suspension) = bound(&mut env, 1);
    let entry = |list, index| Some(StatusEntry { list, index });
    let cases = [
        (entry(revocation, 7), None, CredentialError::EntryInUse),
        (entry(suspension, 8), None, CredentialError::WrongListPurpose),
        (entry(9, 1), None, CredentialError::ListNotFound),
        (entry(revocation, 256), None, CredentialError::IndexOutOfRange),
        (None, entry(suspension, 9), CredentialError::EntryInUse),
        (None, entry(revocation, 8), CredentialError::WrongListPurpose),
    ];
    for (rev, sus, err) in cases {
        let mut req = request(2, env.schema);
        req.revocation = rev;
        req.suspension = sus;
        assert_eq!(env.data.issue(&ctx(ISSUER_KEY), &env.dids, ISSUER, req), Err(err));
    }
    // a bit already set (revoked through the list, unbound) is not a free entry
    env.data.update_status_list(&ctx(ISSUER_KEY), &env.dids, ISSUER, revocation, vec![20], true).unwrap();
    let mut req = request(2, env.schema);
    req.revocation = entry(revocation, 20);
    assert_eq!(env.data.issue(&ctx(ISSUER_KEY), &env.dids, ISSUER, req), Err(CredentialError::EntryInUse));
    // a non-revocable schema's credential cannot be bound to a revocation entry
    let mut req = request(2, env.fixed_schema);
    req.revocation = entry(revocation, 21);
    assert_eq!(env.data.issue(&ctx(ISSUER_KEY), &env.dids, ISSUER, req), Err(CredentialError::NotRevocable));
    // another issuer cannot bind to this issuer's lists: it names its own
    env.dids.add(OTHER_ISSUER, 6, &[ASSERT]);
    let mut req = request(2, env.schema);
    req.revocation = entry(revocation, 22);
    assert_eq!(env.data.issue(&ctx(6), &env.dids, OTHER_ISSUER, req), Err(CredentialError::ListNotFound));
}

// ---------------------------------------------------------------- properties over random operations

const B_KEY: u8 = 6;
/// Credentials per issuer in the random runs; each bound to entry i of its issuer's lists.
const N: u8 = 6;

/// A registry where ISSUER (key ISSUER_KEY) and OTHER_ISSUER (key B_KEY) are both trusted, each
/// with a revocation list and a suspension list, and each has issued N credentials to HOLDER,
/// bound to entries 0..N of its own lists.
fn two_issuers() -> Env {
    let mut env = setup();
    env.dids.add(OTHER_ISSUER, B_KEY, &[ASSERT]);
    env.data.add_trusted_issuer(&ctx(ADMIN), env.schema, OTHER_ISSUER).unwrap();
    for (issuer, key) in [(ISSUER, ISSUER_KEY), (OTHER_ISSUER, B_KEY)] {
        let k = ctx(key);
        let (r, _) = env.data.create_status_list(&k, &env.dids, issuer, StatusPurpose::Revocation, 128, true).unwrap();
        let (s, _) = env.data.create_status_list(&k, &env.dids, issuer, StatusPurpose::Suspension, 128, true).unwrap();
        for i in 0..N {
            let mut req = request(i, env.schema);
            req.revocation = Some(StatusEntry { list: r, index: i.into() });
            req.suspension = Some(StatusEntry { list: s, index: i.into() });
            env.data.issue(&k, &env.dids, issuer, req).unwrap();
        }
    }
    env
}

/// One operation by issuer `who` (0 = ISSUER, 1 = OTHER_ISSUER), or by the trust admin on
/// OTHER_ISSUER's trust, drawn from `op_seed`. Its result is ignored: failing operations must
/// change nothing.
fn random_op(env: &mut Env, who: u8, op_seed: u64) {
    random_op_at(env, who, op_seed, ctx(ADMIN).block)
}

/// [`random_op`] in `block`.
fn random_op_at(env: &mut Env, who: u8, op_seed: u64, block: u32) {
    let mut rng = Rng(op_seed | 1);
    let (issuer, key) = if who == 0 { (ISSUER, ISSUER_KEY) } else { (OTHER_ISSUER, B_KEY) };
    let k = Ctx { block, ..ctx(key) };
    let admin = Ctx { block, ..ctx(ADMIN) };
    let id = [rng.below(N.into()) as u8; 32];
    let index = rng.below(N.into()) as u32;
    let _ = match rng.below(8) {
        0 => env.data.change_state(&k, &env.dids, issuer, &[id], StateChange::Suspend(b"s".to_vec())),
        1 => env.data.change_state(&k, &env.dids, issuer, &[id], StateChange::Reinstate),
        2 => env.data.change_state(&k, &env.dids, issuer, &[id], StateChange::Revoke(b"r".to_vec())),
        3 => env.data.update_status_list(&k, &env.dids, issuer, 0, vec![index], true),
        4 => env.data.update_status_list(&k, &env.dids, issuer, 1, vec![index], rng.below(2) == 0),
        5 => {
            let mut req = request(rng.below(200) as u8 + 50, env.schema);
            req.expires_at = Some(T0 + rng.below(3));
            env.data.issue(&k, &env.dids, issuer, req)
        }
        6 if who == 1 => env.data.remove_trusted_issuer(&admin, env.schema, OTHER_ISSUER),
        _ if who == 1 => env.data.add_trusted_issuer(&admin, env.schema, OTHER_ISSUER),
        _ => Ok(vec![]),
    };
}

/// A random script of (who, operation seed) steps.
fn script(seed: u64, steps: usize) -> Vec<(u8, u64)> {
    let mut rng = Rng(seed);
    (0..steps).map(|_| (rng.below(2) as u8, rng.next_u64())).collect()
}

/// Runs `f` in a fresh off-chain environment (its own storage).
fn fresh<T>(f: impl FnOnce() -> T) -> T {
    let mut out = None;
    ink::env::test::run_test::<ink::env::DefaultEnvironment, _>(|_| {
        out = Some(f());
        Ok(())
    })
    .expect("off-chain test environment");
    out.expect("ran")
}

/// After each step of `steps`: ISSUER's credential statuses, whether ISSUER's newest credential
/// for HOLDER is valid, and whether HOLDER holds a valid credential at all; `only_issuer` skips
/// OTHER_ISSUER's steps.
fn run_script(steps: &[(u8, u64)], only_issuer: bool) -> Vec<(Vec<CredentialStatus>, bool, bool)> {
    fresh(|| {
        let mut env = two_issuers();
        steps
            .iter()
            .map(|&(who, op)| {
                if who == 0 || !only_issuer {
                    random_op(&mut env, who, op);
                }
                let newest = env.data.latest.get((acc(HOLDER), env.schema, ISSUER)).expect("issued in two_issuers");
                let issuer_gives = env.data.verify(&env.dids, ISSUER, newest, T0) == CredentialStatus::Valid;
                let holds = env.data.has_valid_credential(&env.dids, acc(HOLDER), env.schema, T0);
                (statuses(&env, ISSUER), issuer_gives, holds)
            })
            .collect()
    })
}

fn statuses(env: &Env, issuer: DidId) -> Vec<CredentialStatus> {
    (0..N).map(|i| env.data.verify(&env.dids, issuer, [i; 32], T0)).collect()
}

/// Property: the validity of ISSUER's credentials never depends on what OTHER_ISSUER (or the
/// trust admin about OTHER_ISSUER) does. The same random script runs twice, in fresh
/// registries: with every step, and with ISSUER's steps only. ISSUER's statuses agree after
/// every step, and whenever ISSUER alone gives HOLDER a valid credential, `has_valid_credential`
/// is true with the other issuer active too.
#[test]
fn property_an_issuers_credentials_never_depend_on_another_issuer() {
    for seed in 1..=20u64 {
        let steps = script(0x9E37_79B9_7F4A_7C15 ^ seed, 60);
        let both = run_script(&steps, false);
        let alone = run_script(&steps, true);
        for (step, (with_other, without)) in both.iter().zip(&alone).enumerate() {
            assert_eq!((&with_other.0, with_other.1), (&without.0, without.1), "seed {seed}, step {step}");
            // ISSUER's valid credential counts whatever OTHER_ISSUER does
            assert!(!without.1 || with_other.2, "seed {seed}, step {step}");
        }
        assert!(alone.iter().any(|(s, ..)| s.iter().any(|x| matches!(x, CredentialStatus::Revoked(_)))), "seed {seed} revoked nothing");
    }
}

/// Properties: revocation is final (once `Revoked`, always `Revoked`), and a bound credential's
/// status and its list bits never disagree: revoked ⇔ revocation bit set; suspended (when not
/// revoked) ⇔ suspension bit set.
#[test]
fn property_revocation_is_final_and_lists_and_records_agree() {
    let (mut suspended_seen, mut revoked_seen) = (false, false);
    for seed in 1..=20u64 {
        fresh(|| {
            let mut env = two_issuers();
            let mut revoked = [false; N as usize];
            for (who, op) in script(0xD1B5_4A32_D192_ED03 ^ seed, 80) {
                random_op(&mut env, who, op);
                for i in 0..N {
                    let status = env.data.verify(&env.dids, ISSUER, [i; 32], T0);
                    let revocation_bit = env.data.status_bit(ISSUER, 0, i.into()).unwrap();
                    let suspension_bit = env.data.status_bit(ISSUER, 1, i.into()).unwrap();
                    let is_revoked = matches!(status, CredentialStatus::Revoked(_));
                    assert!(!revoked[i as usize] || is_revoked, "seed {seed}: revocation of {i} undone");
                    revoked[i as usize] = is_revoked;
                    assert_eq!(is_revoked, revocation_bit, "seed {seed}: credential {i}");
                    if !is_revoked {
                        let is_suspended = matches!(status, CredentialStatus::Suspended(_));
                        suspended_seen |= is_suspended;
                        assert_eq!(is_suspended, suspension_bit, "seed {seed}: credential {i}");
                    }
                }
            }
            revoked_seen |= revoked.contains(&true);
        });
    }
    assert!(suspended_seen && revoked_seen, "the runs exercised suspension and revocation");
}

/// Property: membership at a past block is what `has_valid_credential` answered at the end of
/// that block — over random issuance, suspension, reinstatement, revocation, status-list
/// writes and trust changes by two issuers across blocks (expiry and the DIDs, judged now,
/// do not change here).
#[ink::test]
fn property_membership_at_a_block_is_the_live_answer_of_that_block() {
    let mut changes_seen = 0;
    for seed in 1..=24u64 {
        fresh(|| {
            let mut env = two_issuers();
            let mut rng = Rng(0x005E_ED0F_B10C ^ seed);
            // (block, live answer at its end)
            let mut past: Vec<(u32, bool)> = Vec::new();
            let mut block = 8u32;
            for (who, op) in script(0xA11C_E5ED ^ seed, 120) {
                random_op_at(&mut env, who, op, block);
                let live = env.data.has_valid_credential(&env.dids, acc(HOLDER), env.schema, T0);
                match past.last_mut() {
                    Some(last) if last.0 == block => last.1 = live,
                    _ => past.push((block, live)),
                }
                for &(b, expected) in &past {
                    let at = env.data.has_valid_credential_at(&env.dids, acc(HOLDER), env.schema, b, T0);
                    assert_eq!(at, expected, "seed {seed}: block {b}");
                }
                block += rng.below(3) as u32;
            }
            changes_seen += past.windows(2).filter(|w| w[0].1 != w[1].1).count();
            // before the first credential, nobody was a member
            assert!(!env.data.has_valid_credential_at(&env.dids, acc(HOLDER), env.schema, 6, T0));
        });
    }
    assert!(changes_seen > 20, "membership changed often across the runs ({changes_seen})");
}

/// Membership at a block follows issuance, trust grants, suspension and revocation as they
/// were then — the governor's rule at a proposal's snapshot. Attacks on a live check: an
/// issuer credentials fresh accounts during a vote; suspends a whale for the window.
#[ink::test]
fn membership_at_a_block_follows_issuance_trust_and_status_then() {
    let mut env = setup();
    let at_block = |caller: u8, block: u32| Ctx { block, ..ctx(caller) };
    let member_at = |env: &Env, block: u32| env.data.has_valid_credential_at(&env.dids, acc(HOLDER), env.schema, block, T0);
    let list = env.data.create_status_list(&at_block(ISSUER_KEY, 8), &env.dids, ISSUER, StatusPurpose::Suspension, 128, true).unwrap().0;
    let mut first = request(1, env.schema);
    first.suspension = Some(StatusEntry { list, index: 3 });
    env.data.issue(&at_block(ISSUER_KEY, 10), &env.dids, ISSUER, first).unwrap();
    let change = |env: &mut Env, block: u32, id: u8, change: StateChange| {
        env.data.change_state(&at_block(ISSUER_KEY, block), &env.dids, ISSUER, &[[id; 32]], change).unwrap();
    };
    change(&mut env, 12, 1, StateChange::Suspend(b"window".to_vec()));
    change(&mut env, 14, 1, StateChange::Reinstate);
    // the bound suspension bit written directly
    env.data.update_status_list(&at_block(ISSUER_KEY, 15), &env.dids, ISSUER, list, vec![3], true).unwrap();
    env.data.update_status_list(&at_block(ISSUER_KEY, 16), &env.dids, ISSUER, list, vec![3], false).unwrap();
    change(&mut env, 17, 1, StateChange::Revoke(b"left".to_vec()));
    env.data.issue(&at_block(ISSUER_KEY, 19), &env.dids, ISSUER, request(2, env.schema)).unwrap();
    env.data.remove_trusted_issuer(&at_block(ADMIN, 21), env.schema, ISSUER).unwrap();
    env.data.add_trusted_issuer(&at_block(ADMIN, 23), env.schema, ISSUER).unwrap();
    for (block, member) in [
        (6, false),  // before trust: the issuer was trusted at 7
        (9, false),  // before issuance
        (10, true),
        (11, true),
        (12, false), // suspended
        (13, false),
        (14, true),  // reinstated
        (15, false), // the bound bit set
        (16, true),  // and cleared
        (17, false), // revoked
        (18, false),
        (19, true),  // a new credential
        (20, true),
        (21, false), // the issuer not trusted
        (22, false),
        (23, false), // trusted again under a new grant: earlier credentials do not revive
        (1_000, false),
    ] {
        assert_eq!(member_at(&env, block), member, "block {block}");
    }
    assert_eq!(member_at(&env, 1_000), env.data.has_valid_credential(&env.dids, acc(HOLDER), env.schema, T0));
    // judged now: an issuer deactivated later voids even the past membership
    env.data.issue(&at_block(ISSUER_KEY, 25), &env.dids, ISSUER, request(3, env.schema)).unwrap();
    assert!(member_at(&env, 25));
    env.dids.deactivate(ISSUER);
    assert!(!member_at(&env, 25));
}

#[ink::test]
fn only_the_admin_upgrades_and_the_first_layout_has_nothing_to_migrate() {
    let mut env = setup();
    assert_eq!(env.data.storage_version(), STORAGE_VERSION);
    // (the admin's code change itself is a host call: end to end)
    assert!(matches!(env.data.set_code(&ctx(STRANGER), [9; 32].into()), Err(UpgradeError::MissingRole)));
    assert!(matches!(env.data.migrate(&ctx(STRANGER)), Err(UpgradeError::MissingRole)));
    // nothing to migrate: succeeds as a no-op (an upgrade keeping the layout ends with it)
    let events = env.data.migrate(&ctx(ADMIN)).unwrap();
    assert!(matches!(&events[..], [CredentialEvent::Migrated(m)] if m.from == STORAGE_VERSION && m.to == STORAGE_VERSION));
}

#[ink::test]
fn only_the_admin_repoints_the_did_registry() {
    let env = setup();
    let (old, new) = (AccountId::from([0xD1; 32]), AccountId::from([0xD2; 32]));
    assert_eq!(env.data.change_did_registry(&ctx(STRANGER), old, new), Err(CredentialError::MissingRole));
    assert_eq!(env.data.change_did_registry(&ctx(ADMIN), old, old), Err(CredentialError::SameDidRegistry));
    let events = env.data.change_did_registry(&ctx(ADMIN), old, new).expect("admin may");
    assert_eq!(
        events,
        vec![CredentialEvent::DidRegistryChanged(DidRegistryChanged { previous: old, new, by: AccountId::from([ADMIN; 32]) })]
    );
}
