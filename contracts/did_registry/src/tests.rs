//! Off-chain unit tests of every DID registry rule, error path and bound.
// Test code: small constant arithmetic and casts are fine here (the contract code is linted).
#![allow(clippy::arithmetic_side_effects, clippy::cast_possible_truncation, clippy::cast_sign_loss)]

use super::*;
use sovra_kit::signing::test_signer::{malleate, EcdsaSigner};

const T0: u64 = 1_000_000;

fn acc(n: u8) -> AccountId {
    AccountId::from([n; 32])
}

fn ctx(caller: u8) -> Ctx {
    Ctx { caller: acc(caller), block: 10, now: T0 }
}

fn at(caller: u8, block: u32, now: u64) -> Ctx {
    Ctx { caller: acc(caller), block, now }
}

fn new_did(data: &mut DidData, owner: u8) -> DidId {
    data.create(&ctx(owner), [7; 32]).unwrap().0
}

fn method(id: &str, key_type: KeyType, rels: &[Relationship]) -> VerificationMethod {
    VerificationMethod {
        id: id.as_bytes().to_vec(),
        key_type,
        public_key: vec![9; key_type.key_len()],
        relationships: Relationships::of(rels),
        valid_from: None,
        valid_until: None,
    }
}

fn account_method(id: &str, account: u8, rels: &[Relationship]) -> VerificationMethod {
    VerificationMethod {
        public_key: vec![account; 32],
        ..method(id, KeyType::Account, rels)
    }
}

fn service(id: &str) -> Service {
    Service {
        id: id.as_bytes().to_vec(),
        service_type: b"LinkedDomains".to_vec(),
        endpoint: b"https://issuer.example".to_vec(),
    }
}

fn add(data: &mut DidData, did: DidId, m: VerificationMethod) -> Result<Vec<DidEvent>, DidError> {
    data.execute(&ctx(1), did, DidOperation::AddVerificationMethod(m))
}

const ASSERT: Relationship = Relationship::AssertionMethod;
const AUTH: Relationship = Relationship::Authentication;

// ---------------------------------------------------------------- create

#[ink::test]
fn create_derives_id_from_creator_and_salt_and_sets_metadata() {
    let mut data = DidData::default();
    let (did, events) = data.create(&at(1, 5, 777), [3; 32]).unwrap();
    assert_eq!(did, DidData::did_id(&acc(1), &[3; 32]));
    assert_ne!(did, DidData::did_id(&acc(2), &[3; 32]));
    assert_eq!(
        events,
        vec![DidEvent::Created(DidCreated { did, controller: acc(1), version_id: 1 })]
    );
    let doc = data.resolve(did).unwrap();
    assert_eq!(doc.controllers, vec![acc(1)]);
    assert_eq!(
        doc.metadata,
        DidMetadata {
            created_block: 5,
            created_at: 777,
            updated_block: 5,
            updated_at: 777,
            version_id: 1,
            deactivated: false,
        }
    );
    assert_eq!(doc.next_nonce, 0);
    assert!(doc.verification_methods.is_empty() && doc.services.is_empty());
}

#[ink::test]
fn one_account_creates_many_dids_with_different_salts() {
    let mut data = DidData::default();
    let a = data.create(&ctx(1), [1; 32]).unwrap().0;
    let b = data.create(&ctx(1), [2; 32]).unwrap().0;
    assert_ne!(a, b);
    assert!(data.is_controller(a, acc(1)) && data.is_controller(b, acc(1)));
}

#[ink::test]
fn creating_an_existing_id_fails() {
    let mut data = DidData::default();
    new_did(&mut data, 1);
    assert_eq!(data.create(&ctx(1), [7; 32]), Err(DidError::AlreadyExists));
}

#[ink::test]
fn a_deactivated_id_can_never_be_created_again() {
    let mut data = DidData::default();
    let did = new_did(&mut data, 1);
    data.execute(&ctx(1), did, DidOperation::Deactivate).unwrap();
    assert_eq!(data.create(&ctx(1), [7; 32]), Err(DidError::AlreadyExists));
}

#[ink::test]
fn resolving_an_unknown_did_fails() {
    let data = DidData::default();
    assert_eq!(data.resolve([0; 32]), Err(DidError::NotFound));
}

// ---------------------------------------------------------------- authority

#[ink::test]
fn changes_to_an_unknown_did_fail_with_not_found() {
    let mut data = DidData::default();
    assert_eq!(
        data.execute(&ctx(1), [5; 32], DidOperation::Deactivate),
        Err(DidError::NotFound)
    );
}

#[ink::test]
fn non_controllers_cannot_change_a_did() {
    let mut data = DidData::default();
    let did = new_did(&mut data, 1);
    for op in [
        DidOperation::AddController(acc(2)),
        DidOperation::AddVerificationMethod(method("k", KeyType::Ed25519, &[AUTH])),
        DidOperation::AddService(service("s")),
        DidOperation::Deactivate,
    ] {
        assert_eq!(data.execute(&ctx(2), did, op), Err(DidError::NotController));
    }
    assert_eq!(data.resolve(did).unwrap().metadata.version_id, 1);
}

// ---------------------------------------------------------------- controllers

#[ink::test]
fn controllers_are_added_up_to_the_bound() {
    let mut data = DidData::default();
    let did = new_did(&mut data, 1);
    for n in 2..=MAX_CONTROLLERS as u8 {
        let events = data.execute(&ctx(1), did, DidOperation::AddController(acc(n))).unwrap();
        assert_eq!(
            events,
            vec![DidEvent::ControllerAdded(ControllerAdded {
                did,
                controller: acc(n),
                version_id: u32::from(n),
            })]
        );
    }
    assert_eq!(data.resolve(did).unwrap().controllers.len(), MAX_CONTROLLERS as usize);
    assert_eq!(
        data.execute(&ctx(1), did, DidOperation::AddController(acc(99))),
        Err(DidError::TooManyControllers)
    );
}

#[ink::test]
fn adding_an_existing_controller_fails() {
    let mut data = DidData::default();
    let did = new_did(&mut data, 1);
    assert_eq!(
        data.execute(&ctx(1), did, DidOperation::AddController(acc(1))),
        Err(DidError::ControllerExists)
    );
}

#[ink::test]
fn any_controller_may_change_the_document() {
    let mut data = DidData::default();
    let did = new_did(&mut data, 1);
    data.execute(&ctx(1), did, DidOperation::AddController(acc(2))).unwrap();
    data.execute(&ctx(2), did, DidOperation::AddService(service("s"))).unwrap();
    assert_eq!(data.resolve(did).unwrap().services, vec![service("s")]);
}

#[ink::test]
fn removing_controllers_and_the_last_one_rule() {
    let mut data = DidData::default();
    let did = new_did(&mut data, 1);
    data.execute(&ctx(1), did, DidOperation::AddController(acc(2))).unwrap();
    assert_eq!(
        data.execute(&ctx(1), did, DidOperation::RemoveController(acc(3))),
        Err(DidError::ControllerNotFound)
    );
    let events = data.execute(&ctx(2), did, DidOperation::RemoveController(acc(1))).unwrap();
    assert_eq!(
        events,
        vec![DidEvent::ControllerRemoved(ControllerRemoved { did, controller: acc(1), version_id: 3 })]
    );
    assert!(!data.is_controller(did, acc(1)));
    assert_eq!(
        data.execute(&ctx(1), did, DidOperation::AddService(service("s"))),
        Err(DidError::NotController)
    );
    assert_eq!(
        data.execute(&ctx(2), did, DidOperation::RemoveController(acc(2))),
        Err(DidError::LastController)
    );
    assert_eq!(data.resolve(did).unwrap().controllers, vec![acc(2)]);
}

// ---------------------------------------------------------------- verification methods

#[ink::test]
fn key_lengths_are_checked_per_type() {
    let mut data = DidData::default();
    let did = new_did(&mut data, 1);
    let cases = [
        (KeyType::Sr25519, 32, AUTH),
        (KeyType::Ed25519, 32, AUTH),
        (KeyType::EcdsaSecp256k1, 33, AUTH),
        (KeyType::X25519, 32, Relationship::KeyAgreement),
        (KeyType::Account, 32, ASSERT),
    ];
    for (i, (key_type, len, rel)) in cases.into_iter().enumerate() {
        for bad in [len - 1, len + 1, 0] {
            let mut m = method(&format!("k{i}"), key_type, &[rel]);
            m.public_key = vec![4; bad];
            assert_eq!(add(&mut data, did, m), Err(DidError::InvalidKeyLength), "{key_type:?} {bad}");
        }
        let mut m = method(&format!("k{i}"), key_type, &[rel]);
        m.public_key = vec![i as u8; len];
        add(&mut data, did, m).unwrap();
    }
    assert_eq!(data.resolve(did).unwrap().verification_methods.len(), 5);
}

#[ink::test]
fn relationships_must_be_non_empty_defined_and_fit_the_key_type() {
    let mut data = DidData::default();
    let did = new_did(&mut data, 1);
    let mut empty = method("k", KeyType::Ed25519, &[]);
    assert_eq!(add(&mut data, did, empty.clone()), Err(DidError::InvalidRelationships));
    empty.relationships = Relationships(32);
    assert_eq!(add(&mut data, did, empty), Err(DidError::InvalidRelationships));
    let x_auth = method("x", KeyType::X25519, &[Relationship::KeyAgreement, AUTH]);
    assert_eq!(add(&mut data, did, x_auth), Err(DidError::InvalidRelationships));
    let ed_ka = method("e", KeyType::Ed25519, &[Relationship::KeyAgreement]);
    assert_eq!(add(&mut data, did, ed_ka), Err(DidError::InvalidRelationships));
    let all_but_ka = method(
        "ok",
        KeyType::Sr25519,
        &[
            AUTH,
            ASSERT,
            Relationship::CapabilityInvocation,
            Relationship::CapabilityDelegation,
        ],
    );
    let events = add(&mut data, did, all_but_ka).unwrap();
    assert_eq!(
        events,
        vec![DidEvent::MethodAdded(VerificationMethodAdded {
            did,
            account: None,
            method_id: b"ok".to_vec(),
            key_type: KeyType::Sr25519,
            public_key: vec![9; 32],
            relationships: Relationships(27),
            valid_from: None,
            valid_until: None,
            version_id: 2,
        })]
    );
}

#[ink::test]
fn an_account_method_event_names_the_account_and_the_whole_method() {
    let mut data = DidData::default();
    let did = new_did(&mut data, 1);
    let m = VerificationMethod { valid_from: Some(T0), valid_until: Some(T0 + 10), ..account_method("a", 5, &[ASSERT]) };
    assert_eq!(
        add(&mut data, did, m).unwrap(),
        vec![DidEvent::MethodAdded(VerificationMethodAdded {
            did,
            account: Some(acc(5)),
            method_id: b"a".to_vec(),
            key_type: KeyType::Account,
            public_key: vec![5; 32],
            relationships: Relationships::of(&[ASSERT]),
            valid_from: Some(T0),
            valid_until: Some(T0 + 10),
            version_id: 2,
        })]
    );
    let events = data.execute(&ctx(1), did, DidOperation::AddService(service("s"))).unwrap();
    assert_eq!(
        events,
        vec![DidEvent::ServiceAdded(ServiceAdded {
            did,
            service_id: b"s".to_vec(),
            service_type: b"LinkedDomains".to_vec(),
            endpoint: b"https://issuer.example".to_vec(),
            version_id: 3,
        })]
    );
}

#[ink::test]
fn method_ids_are_bounded_and_unique() {
    let mut data = DidData::default();
    let did = new_did(&mut data, 1);
    assert_eq!(add(&mut data, did, method("", KeyType::Ed25519, &[AUTH])), Err(DidError::EmptyField));
    let long = "a".repeat(MAX_FRAGMENT_LEN as usize + 1);
    assert_eq!(
        add(&mut data, did, method(&long, KeyType::Ed25519, &[AUTH])),
        Err(DidError::FragmentTooLong)
    );
    let max = "a".repeat(MAX_FRAGMENT_LEN as usize);
    add(&mut data, did, method(&max, KeyType::Ed25519, &[AUTH])).unwrap();
    assert_eq!(
        add(&mut data, did, method(&max, KeyType::Sr25519, &[AUTH])),
        Err(DidError::MethodExists)
    );
}

#[ink::test]
fn methods_are_bounded_in_number() {
    let mut data = DidData::default();
    let did = new_did(&mut data, 1);
    for i in 0..MAX_METHODS {
        add(&mut data, did, method(&format!("k{i}"), KeyType::Ed25519, &[AUTH])).unwrap();
    }
    assert_eq!(
        add(&mut data, did, method("one-more", KeyType::Ed25519, &[AUTH])),
        Err(DidError::TooManyMethods)
    );
    data.execute(&ctx(1), did, DidOperation::RemoveVerificationMethod(b"k0".to_vec()))
        .unwrap();
    add(&mut data, did, method("one-more", KeyType::Ed25519, &[AUTH])).unwrap();
}

#[ink::test]
fn an_account_acts_for_a_did_through_one_method_only() {
    let mut data = DidData::default();
    let did = new_did(&mut data, 1);
    add(&mut data, did, account_method("a1", 5, &[ASSERT])).unwrap();
    assert_eq!(
        add(&mut data, did, account_method("a2", 5, &[AUTH])),
        Err(DidError::AccountMethodExists)
    );
    data.execute(&ctx(1), did, DidOperation::RemoveVerificationMethod(b"a1".to_vec()))
        .unwrap();
    add(&mut data, did, account_method("a2", 5, &[AUTH])).unwrap();
    assert!(data.is_authorized(did, acc(5), AUTH, T0));
    assert!(!data.is_authorized(did, acc(5), ASSERT, T0));
}

#[ink::test]
fn validity_windows_are_checked() {
    let mut data = DidData::default();
    let did = new_did(&mut data, 1);
    let mut m = account_method("a", 5, &[ASSERT]);
    m.valid_from = Some(T0 + 10);
    m.valid_until = Some(T0 + 10);
    assert_eq!(add(&mut data, did, m.clone()), Err(DidError::InvalidValidityWindow));
    m.valid_from = None;
    m.valid_until = Some(T0);
    assert_eq!(add(&mut data, did, m.clone()), Err(DidError::InvalidValidityWindow));
    m.valid_until = Some(T0 + 1);
    add(&mut data, did, m).unwrap();
}

#[ink::test]
fn removing_an_unknown_method_fails() {
    let mut data = DidData::default();
    let did = new_did(&mut data, 1);
    assert_eq!(
        data.execute(&ctx(1), did, DidOperation::RemoveVerificationMethod(b"x".to_vec())),
        Err(DidError::MethodNotFound)
    );
    assert_eq!(
        data.execute(
            &ctx(1),
            did,
            DidOperation::SetMethodValidity { id: b"x".to_vec(), valid_from: None, valid_until: None }
        ),
        Err(DidError::MethodNotFound)
    );
}

// ---------------------------------------------------------------- authorisation & rotation

#[ink::test]
fn is_authorized_follows_controllers_relationships_and_windows() {
    let mut data = DidData::default();
    let did = new_did(&mut data, 1);
    let mut m = account_method("a", 5, &[ASSERT]);
    m.valid_from = Some(T0 + 100);
    m.valid_until = Some(T0 + 200);
    add(&mut data, did, m).unwrap();
    // controllers hold every relationship
    assert!(data.is_authorized(did, acc(1), Relationship::CapabilityDelegation, T0));
    // the window: from inclusive, until exclusive
    assert!(!data.is_authorized(did, acc(5), ASSERT, T0 + 99));
    assert!(data.is_authorized(did, acc(5), ASSERT, T0 + 100));
    assert!(data.is_authorized(did, acc(5), ASSERT, T0 + 199));
    assert!(!data.is_authorized(did, acc(5), ASSERT, T0 + 200));
    // the relationship must be held
    assert!(!data.is_authorized(did, acc(5), AUTH, T0 + 150));
    // strangers and unknown DIDs
    assert!(!data.is_authorized(did, acc(6), ASSERT, T0 + 150));
    assert!(!data.is_authorized([0; 32], acc(1), ASSERT, T0));
    // non-Account keys never authorise an account
    add(&mut data, did, method("ed", KeyType::Ed25519, &[ASSERT])).unwrap();
    assert!(!data.is_authorized(did, AccountId::from([9; 32]), ASSERT, T0));
}

#[ink::test]
fn key_rotation_with_overlap() {
    let mut data = DidData::default();
    let did = new_did(&mut data, 1);
    add(&mut data, did, account_method("key-1", 5, &[ASSERT])).unwrap();
    add(&mut data, did, account_method("key-2", 6, &[ASSERT])).unwrap();
    // grace period: key-1 stays valid for 1000 ms more
    let events = data
        .execute(
            &ctx(1),
            did,
            DidOperation::SetMethodValidity {
                id: b"key-1".to_vec(),
                valid_from: None,
                valid_until: Some(T0 + 1000),
            },
        )
        .unwrap();
    assert_eq!(
        events,
        vec![DidEvent::MethodValidityChanged(VerificationMethodValidityChanged {
            did,
            method_id: b"key-1".to_vec(),
            valid_from: None,
            valid_until: Some(T0 + 1000),
            version_id: 4,
        })]
    );
    assert!(data.is_authorized(did, acc(5), ASSERT, T0 + 999));
    assert!(data.is_authorized(did, acc(6), ASSERT, T0 + 999));
    assert!(!data.is_authorized(did, acc(5), ASSERT, T0 + 1000));
    assert!(data.is_authorized(did, acc(6), ASSERT, T0 + 1000));
    // then the old key is removed
    data.execute(&ctx(1), did, DidOperation::RemoveVerificationMethod(b"key-1".to_vec()))
        .unwrap();
    let ids: Vec<_> = data.resolve(did).unwrap().verification_methods.into_iter().map(|m| m.id).collect();
    assert_eq!(ids, vec![b"key-2".to_vec()]);
    assert!(!data.is_authorized(did, acc(5), ASSERT, T0));
}

// ---------------------------------------------------------------- services

#[ink::test]
fn services_are_bounded_in_number_and_length() {
    let mut data = DidData::default();
    let did = new_did(&mut data, 1);
    let svc = |f: &dyn Fn(&mut Service)| {
        let mut s = service("s");
        f(&mut s);
        DidOperation::AddService(s)
    };
    let cases: [(DidOperation, DidError); 6] = [
        (svc(&|s| s.id.clear()), DidError::EmptyField),
        (svc(&|s| s.service_type.clear()), DidError::EmptyField),
        (svc(&|s| s.endpoint.clear()), DidError::EmptyField),
        (svc(&|s| s.id = vec![b'i'; MAX_FRAGMENT_LEN as usize + 1]), DidError::FragmentTooLong),
        (svc(&|s| s.service_type = vec![b't'; MAX_SERVICE_TYPE_LEN as usize + 1]), DidError::ServiceTypeTooLong),
        (svc(&|s| s.endpoint = vec![b'e'; MAX_ENDPOINT_LEN as usize + 1]), DidError::EndpointTooLong),
    ];
    for (op, err) in cases {
        assert_eq!(data.execute(&ctx(1), did, op), Err(err));
    }
    data.execute(
        &ctx(1),
        did,
        svc(&|s| {
            s.service_type = vec![b't'; MAX_SERVICE_TYPE_LEN as usize];
            s.endpoint = vec![b'e'; MAX_ENDPOINT_LEN as usize];
        }),
    )
    .unwrap();
    assert_eq!(
        data.execute(&ctx(1), did, DidOperation::AddService(service("s"))),
        Err(DidError::ServiceExists)
    );
    for i in 1..MAX_SERVICES {
        data.execute(&ctx(1), did, DidOperation::AddService(service(&format!("s{i}")))).unwrap();
    }
    assert_eq!(
        data.execute(&ctx(1), did, DidOperation::AddService(service("more"))),
        Err(DidError::TooManyServices)
    );
}

#[ink::test]
fn services_are_removed() {
    let mut data = DidData::default();
    let did = new_did(&mut data, 1);
    data.execute(&ctx(1), did, DidOperation::AddService(service("a"))).unwrap();
    data.execute(&ctx(1), did, DidOperation::AddService(service("b"))).unwrap();
    let events = data.execute(&ctx(1), did, DidOperation::RemoveService(b"a".to_vec())).unwrap();
    assert_eq!(
        events,
        vec![DidEvent::ServiceRemoved(ServiceRemoved { did, service_id: b"a".to_vec(), version_id: 4 })]
    );
    assert_eq!(data.resolve(did).unwrap().services, vec![service("b")]);
    assert_eq!(
        data.execute(&ctx(1), did, DidOperation::RemoveService(b"a".to_vec())),
        Err(DidError::ServiceNotFound)
    );
}

// ---------------------------------------------------------------- metadata & deactivation

#[ink::test]
fn every_change_bumps_the_version_and_updated_metadata() {
    let mut data = DidData::default();
    let did = data.create(&at(1, 1, 100), [0; 32]).unwrap().0;
    data.execute(&at(1, 2, 200), did, DidOperation::AddService(service("s"))).unwrap();
    data.execute(&at(1, 3, 300), did, DidOperation::AddController(acc(2))).unwrap();
    let meta = data.resolve(did).unwrap().metadata;
    assert_eq!((meta.created_block, meta.created_at), (1, 100));
    assert_eq!((meta.updated_block, meta.updated_at), (3, 300));
    assert_eq!(meta.version_id, 3);
    // every change consumed a nonce (a signature made before it no longer applies)
    assert_eq!(data.resolve(did).unwrap().next_nonce, 2);
    // a failed change leaves the metadata alone
    let _ = data.execute(&at(1, 4, 400), did, DidOperation::AddController(acc(2)));
    assert_eq!(data.resolve(did).unwrap().metadata, meta);
}

#[ink::test]
fn version_overflow_is_an_error() {
    let mut data = DidData::default();
    let did = new_did(&mut data, 1);
    let mut record = data.records.get(did).unwrap();
    record.metadata.version_id = u32::MAX;
    data.records.insert(did, &record);
    assert_eq!(
        data.execute(&ctx(1), did, DidOperation::AddService(service("s"))),
        Err(DidError::Overflow)
    );
}

#[ink::test]
fn deactivation_is_irreversible_and_rejects_every_change() {
    let mut data = DidData::default();
    let did = new_did(&mut data, 1);
    data.execute(&ctx(1), did, DidOperation::AddController(acc(2))).unwrap();
    add(&mut data, did, account_method("a", 5, &[ASSERT])).unwrap();
    let events = data.execute(&ctx(1), did, DidOperation::Deactivate).unwrap();
    assert_eq!(events, vec![DidEvent::Deactivated(DidDeactivated { did, version_id: 4 })]);
    for op in [
        DidOperation::AddController(acc(3)),
        DidOperation::RemoveController(acc(2)),
        DidOperation::AddVerificationMethod(method("k", KeyType::Ed25519, &[AUTH])),
        DidOperation::RemoveVerificationMethod(b"a".to_vec()),
        DidOperation::SetMethodValidity { id: b"a".to_vec(), valid_from: None, valid_until: None },
        DidOperation::AddService(service("s")),
        DidOperation::RemoveService(b"s".to_vec()),
        DidOperation::Deactivate,
        DidOperation::MarkCompromised { id: b"a".to_vec(), since: T0 },
    ] {
        assert_eq!(data.execute(&ctx(1), did, op), Err(DidError::Deactivated));
    }
    let doc = data.resolve(did).unwrap();
    assert!(doc.metadata.deactivated);
    assert_eq!(doc.metadata.version_id, 4);
    assert!(!data.is_active(did));
    assert!(!data.is_controller(did, acc(1)));
    assert!(!data.is_authorized(did, acc(1), AUTH, T0));
    assert!(!data.is_authorized(did, acc(5), ASSERT, T0));
}

// ---------------------------------------------------------------- compromised keys

#[ink::test]
fn a_compromised_method_leaves_the_document_and_its_id_is_burned() {
    let mut data = DidData::default();
    let did = new_did(&mut data, 1);
    add(&mut data, did, account_method("key-1", 5, &[ASSERT])).unwrap();
    assert_eq!(data.authority(did, acc(5), ASSERT, T0), Some(Authority::Method(b"key-1".to_vec())));
    assert_eq!(data.authority(did, acc(1), ASSERT, T0), Some(Authority::Controller(acc(1))));
    // since may not be in the future
    let mark = |since| DidOperation::MarkCompromised { id: b"key-1".to_vec(), since };
    assert_eq!(data.execute(&ctx(1), did, mark(T0 + 1)), Err(DidError::InvalidCompromiseTime));
    assert_eq!(data.execute(&ctx(2), did, mark(T0 - 50)), Err(DidError::NotController));
    let events = data.execute(&ctx(1), did, mark(T0 - 50)).unwrap();
    assert_eq!(
        events,
        vec![DidEvent::MethodCompromised(MethodCompromised { did, method_id: b"key-1".to_vec(), since: T0 - 50, version_id: 3 })]
    );
    // it stops authorising and leaves the document, listed as compromised
    assert!(!data.is_authorized(did, acc(5), ASSERT, T0));
    assert_eq!(data.authority(did, acc(5), ASSERT, T0), None);
    let doc = data.resolve(did).unwrap();
    assert!(doc.verification_methods.is_empty());
    assert_eq!(doc.compromised, vec![CompromisedKey { method_id: b"key-1".to_vec(), since: T0 - 50 }]);
    assert_eq!(
        data.key_status(did, &Authority::Method(b"key-1".to_vec())),
        KeyStatus { did_active: true, compromised_since: Some(T0 - 50) }
    );
    assert_eq!(data.key_status(did, &Authority::Controller(acc(1))), KeyStatus { did_active: true, compromised_since: None });
    // the id can never be used again
    assert_eq!(add(&mut data, did, account_method("key-1", 6, &[ASSERT])), Err(DidError::MethodCompromised));
    // a later mark may only move the time earlier
    assert_eq!(data.execute(&ctx(1), did, mark(T0 - 50)), Err(DidError::InvalidCompromiseTime));
    data.execute(&ctx(1), did, mark(T0 - 80)).unwrap();
    assert_eq!(data.compromised_since(did, b"key-1"), Some(T0 - 80));
    // a key removed earlier can be marked too (what it issued before removal is then caught)
    add(&mut data, did, account_method("key-2", 6, &[ASSERT])).unwrap();
    data.execute(&ctx(1), did, DidOperation::RemoveVerificationMethod(b"key-2".to_vec())).unwrap();
    data.execute(&ctx(1), did, DidOperation::MarkCompromised { id: b"key-2".to_vec(), since: T0 - 10 }).unwrap();
    assert_eq!(data.compromised_since(did, b"key-2"), Some(T0 - 10));
}

#[ink::test]
fn compromised_records_are_bounded() {
    let mut data = DidData::default();
    let did = new_did(&mut data, 1);
    for i in 0..MAX_COMPROMISED {
        let op = DidOperation::MarkCompromised { id: format!("k{i}").into_bytes(), since: T0 };
        data.execute(&ctx(1), did, op).unwrap();
    }
    let op = DidOperation::MarkCompromised { id: b"more".to_vec(), since: T0 };
    assert_eq!(data.execute(&ctx(1), did, op), Err(DidError::TooManyCompromised));
}

#[ink::test]
fn rotation_without_compromise_leaves_the_old_key_uncompromised() {
    let mut data = DidData::default();
    let did = new_did(&mut data, 1);
    add(&mut data, did, account_method("key-1", 5, &[ASSERT])).unwrap();
    data.execute(&ctx(1), did, DidOperation::RemoveVerificationMethod(b"key-1".to_vec())).unwrap();
    assert_eq!(
        data.key_status(did, &Authority::Method(b"key-1".to_vec())),
        KeyStatus { did_active: true, compromised_since: None }
    );
}

// ---------------------------------------------------------------- signed operations

/// A controller's key signing the registry's payloads.
struct Signer(EcdsaSigner);

impl Signer {
    fn new(seed: u8) -> Self {
        Signer(EcdsaSigner::new(seed))
    }

    fn account(&self) -> AccountId {
        self.0.account()
    }

    fn sign(&self, data: &DidData, did: DidId, op: &DidOperation, nonce: u64, deadline: u32) -> [u8; 65] {
        self.sign_for(data, REGISTRY.into(), did, op, nonce, deadline)
    }

    fn sign_for(&self, data: &DidData, registry: AccountId, did: DidId, op: &DidOperation, nonce: u64, deadline: u32) -> [u8; 65] {
        self.0.sign(&data.signing_message(registry, did, op.clone(), nonce, deadline))
    }
}

const REGISTRY: [u8; 32] = [0xEE; 32];
const CHAIN: [u8; 32] = [0xC1; 32];

/// A registry on CHAIN with a DID controlled by acc(1) and the signer (next nonce: 1, as
/// adding the signer consumed nonce 0).
fn signed_setup() -> (DidData, DidId, Signer) {
    let mut data = DidData::new(CHAIN);
    let did = new_did(&mut data, 1);
    let signer = Signer::new(42);
    data.execute(&ctx(1), did, DidOperation::AddController(signer.account())).unwrap();
    assert_eq!(data.resolve(did).unwrap().next_nonce, 1);
    (data, did, signer)
}

#[ink::test]
fn signing_message_is_the_wrapped_scale_payload_bound_to_the_chain() {
    let data = DidData::new(CHAIN);
    assert_eq!(data.chain_id(), CHAIN);
    let op = DidOperation::Deactivate;
    let msg = data.signing_message(REGISTRY.into(), [1; 32], op.clone(), 3, 9);
    let inner = SignedPayload {
        domain: *b"sovra-did/v2",
        chain: CHAIN,
        registry: REGISTRY.into(),
        did: [1; 32],
        operation: op,
        nonce: 3,
        deadline: 9,
    }
    .encode();
    assert_eq!(&msg[..7], b"<Bytes>");
    assert_eq!(&msg[7..msg.len() - 8], &inner[..]);
    assert_eq!(&msg[msg.len() - 8..], b"</Bytes>");
}

#[ink::test]
fn a_relayed_signed_operation_executes_once() {
    let (mut data, did, signer) = signed_setup();
    let op = DidOperation::AddService(service("relayed"));
    let sig = signer.sign(&data, did, &op, 1, 20);
    let events = data
        .execute_signed(&ctx(9), REGISTRY.into(), did, op.clone(), 1, 20, &sig)
        .unwrap();
    assert_eq!(
        events,
        vec![
            DidEvent::ServiceAdded(ServiceAdded {
                did,
                service_id: b"relayed".to_vec(),
                service_type: b"LinkedDomains".to_vec(),
                endpoint: b"https://issuer.example".to_vec(),
                version_id: 3,
            }),
            DidEvent::SignedOperationExecuted(SignedOperationExecuted {
                did,
                signer: signer.account(),
                relayer: acc(9),
                nonce: 1,
            }),
        ]
    );
    let doc = data.resolve(did).unwrap();
    assert_eq!(doc.next_nonce, 2);
    assert_eq!(doc.services, vec![service("relayed")]);
    assert_eq!(
        data.execute_signed(&ctx(9), REGISTRY.into(), did, op, 1, 20, &sig),
        Err(DidError::NonceUsed)
    );
}

#[ink::test]
fn a_signature_from_another_chain_is_rejected() {
    let (mut data, did, signer) = signed_setup();
    let staging = DidData::new([0x57; 32]);
    let op = DidOperation::Deactivate;
    let sig = signer.sign(&staging, did, &op, 1, 20);
    // recovers to some other key, which is not a controller
    assert_eq!(data.execute_signed(&ctx(9), REGISTRY.into(), did, op, 1, 20, &sig), Err(DidError::NotController));
    assert!(data.is_active(did));
}

#[ink::test]
fn a_direct_change_invalidates_a_pending_signature() {
    let (mut data, did, signer) = signed_setup();
    add(&mut data, did, account_method("key-1", 5, &[ASSERT])).unwrap();
    // signed while key-1 was the old key; nonce 2 is next
    let remove = DidOperation::RemoveVerificationMethod(b"key-1".to_vec());
    let sig = signer.sign(&data, did, &remove, 2, 20);
    // the controller replaces key-1 directly: remove + add consume nonces 2 and 3
    data.execute(&ctx(1), did, remove.clone()).unwrap();
    add(&mut data, did, account_method("key-1", 6, &[ASSERT])).unwrap();
    // the pending signature cannot remove the new key-1
    assert_eq!(data.execute_signed(&ctx(9), REGISTRY.into(), did, remove, 2, 20, &sig), Err(DidError::NonceUsed));
    assert!(data.is_authorized(did, acc(6), ASSERT, T0));
}

#[ink::test]
fn bump_nonce_invalidates_pending_signatures() {
    let (mut data, did, signer) = signed_setup();
    let op = DidOperation::Deactivate;
    let sig = signer.sign(&data, did, &op, 1, 20);
    assert_eq!(data.bump_nonce(&ctx(7), did), Err(DidError::NotController));
    assert_eq!(data.bump_nonce(&ctx(9), [3; 32]), Err(DidError::NotFound));
    let version = data.resolve(did).unwrap().metadata.version_id;
    assert_eq!(
        data.bump_nonce(&ctx(1), did).unwrap(),
        vec![DidEvent::NonceBumped(NonceBumped { did, controller: acc(1), next_nonce: 2 })]
    );
    assert_eq!(data.resolve(did).unwrap().metadata.version_id, version);
    assert_eq!(data.execute_signed(&ctx(9), REGISTRY.into(), did, op, 1, 20, &sig), Err(DidError::NonceUsed));
    assert!(data.is_active(did));
    data.execute(&ctx(1), did, DidOperation::Deactivate).unwrap();
    assert_eq!(data.bump_nonce(&ctx(1), did), Err(DidError::Deactivated));
}

#[ink::test]
fn malleated_signatures_are_rejected() {
    let (mut data, did, signer) = signed_setup();
    let op = DidOperation::AddService(service("m"));
    let sig = signer.sign(&data, did, &op, 1, 20);
    assert!(signing::is_canonical(&sig), "secp256k1 signs low-S");
    // (r, n - s, v ^ 1) recovers the same key: it must not be accepted
    assert_eq!(
        data.execute_signed(&ctx(9), REGISTRY.into(), did, op.clone(), 1, 20, &malleate(sig)),
        Err(DidError::NonCanonicalSignature)
    );
    // v = 27/28 (the Ethereum convention the host function also accepts)
    let mut v27 = sig;
    v27[64] += 27;
    assert_eq!(
        data.execute_signed(&ctx(9), REGISTRY.into(), did, op.clone(), 1, 20, &v27),
        Err(DidError::NonCanonicalSignature)
    );
    data.execute_signed(&ctx(9), REGISTRY.into(), did, op, 1, 20, &sig).unwrap();
}

#[ink::test]
fn a_nonce_ahead_of_the_next_one_is_rejected() {
    let (mut data, did, signer) = signed_setup();
    let op = DidOperation::Deactivate;
    let sig = signer.sign(&data, did, &op, 2, 20);
    assert_eq!(
        data.execute_signed(&ctx(9), REGISTRY.into(), did, op, 2, 20, &sig),
        Err(DidError::InvalidNonce)
    );
}

#[ink::test]
fn the_deadline_block_is_the_last_one_accepted() {
    let (mut data, did, signer) = signed_setup();
    let op = DidOperation::AddService(service("s"));
    let sig = signer.sign(&data, did, &op, 1, 10);
    assert_eq!(
        data.execute_signed(&at(9, 11, T0), REGISTRY.into(), did, op.clone(), 1, 10, &sig),
        Err(DidError::Expired)
    );
    data.execute_signed(&at(9, 10, T0), REGISTRY.into(), did, op, 1, 10, &sig).unwrap();
}

#[ink::test]
fn a_signature_by_a_non_controller_is_rejected() {
    let (mut data, did, _) = signed_setup();
    let stranger = Signer::new(43);
    let op = DidOperation::Deactivate;
    let sig = stranger.sign(&data, did, &op, 1, 20);
    assert_eq!(
        data.execute_signed(&ctx(9), REGISTRY.into(), did, op, 1, 20, &sig),
        Err(DidError::NotController)
    );
    assert!(data.is_active(did));
    assert_eq!(data.resolve(did).unwrap().next_nonce, 1);
}

#[ink::test]
fn a_signature_over_other_content_recovers_another_signer() {
    let (mut data, did, signer) = signed_setup();
    let signed_op = DidOperation::AddService(service("a"));
    let sig = signer.sign(&data, did, &signed_op, 1, 20);
    // different operation, different registry: the signer recovered is someone else
    assert_eq!(
        data.execute_signed(&ctx(9), REGISTRY.into(), did, DidOperation::Deactivate, 1, 20, &sig),
        Err(DidError::NotController)
    );
    assert_eq!(
        data.execute_signed(&ctx(9), [0xAB; 32].into(), did, signed_op.clone(), 1, 20, &sig),
        Err(DidError::NotController)
    );
    let other_registry = signer.sign_for(&data, [0xAB; 32].into(), did, &signed_op, 1, 20);
    assert_eq!(
        data.execute_signed(&ctx(9), REGISTRY.into(), did, signed_op, 1, 20, &other_registry),
        Err(DidError::NotController)
    );
}

#[ink::test]
fn a_malformed_signature_is_rejected() {
    let (mut data, did, _) = signed_setup();
    assert_eq!(
        data.execute_signed(&ctx(9), REGISTRY.into(), did, DidOperation::Deactivate, 1, 20, &[0; 65]),
        Err(DidError::BadSignature)
    );
}

#[ink::test]
fn signed_operations_on_unknown_dids_fail() {
    let mut data = DidData::default();
    assert_eq!(
        data.execute_signed(&ctx(9), REGISTRY.into(), [3; 32], DidOperation::Deactivate, 0, 20, &[0; 65]),
        Err(DidError::NotFound)
    );
}

#[ink::test]
fn nonce_overflow_is_an_error() {
    let (mut data, did, signer) = signed_setup();
    let mut record = data.records.get(did).unwrap();
    record.nonce = u64::MAX;
    data.records.insert(did, &record);
    let op = DidOperation::AddService(service("s"));
    let sig = signer.sign(&data, did, &op, u64::MAX, 20);
    assert_eq!(
        data.execute_signed(&ctx(9), REGISTRY.into(), did, op, u64::MAX, 20, &sig),
        Err(DidError::Overflow)
    );
    assert_eq!(data.bump_nonce(&ctx(1), did), Err(DidError::Overflow));
}
