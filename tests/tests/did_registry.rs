//! End-to-end tests of the DID registry: the built `did_registry.contract` deployed and driven
//! through real calls, in the in-process runtime (`sandbox::*`) and on the local node
//! (`node::*`).

use sovra_e2e::*;
use did_registry::events::*;
use sovra_interfaces::did::*;
use sovra_kit::signing::test_signer::{malleate, EcdsaSigner};
use did_registry::DidRegistryContractRef;
use sovra_interfaces::did::DidRegistry;

type R<T> = Result<T, DidError>;

/// The network identifier the registry under test is deployed with.
const CHAIN_ID: [u8; 32] = [0xC1; 32];

fn deploy(mut chain: Chain) -> (Chain, Contract) {
    let registry = chain.deploy(&bundle("did_registry"), "new", CHAIN_ID, ALICE);
    assert_eq!(chain.read(registry.calls::<DidRegistryContractRef>().chain_id()), CHAIN_ID);
    (chain, registry)
}

fn create(chain: &mut Chain, registry: &Contract, who: [u8; 32], salt: [u8; 32]) -> DidId {
    let out = chain.call(who, registry.calls::<DidRegistryContractRef>().create_did(salt));
    assert!(!out.reverted);
    out.value.expect("create_did")
}

const ASSERT: Relationship = Relationship::AssertionMethod;

e2e_tests!(
    did_lifecycle_create_key_rotate_resolve_deactivate,
    non_controllers_and_unknown_dids_are_rejected,
    relayed_signed_operation_succeeds_once_and_its_replay_fails,
    signatures_are_bound_to_the_chain_the_document_state_and_one_encoding,
    a_relayer_pays_the_deposit_of_one_bounded_item,
);

fn did_lifecycle_create_key_rotate_resolve_deactivate(chain: Chain) {
    // given a deployed registry
    let (mut chain, registry) = deploy(chain);

    // when Alice creates a DID
    let out = chain.call(ALICE, registry.calls::<DidRegistryContractRef>().create_did([9u8; 32]));
    let did = out.value.expect("created");
    let created_block = chain.block();
    // then its id is derived from (creator, salt) and the event names it
    let expected: DidId = chain.read(registry.calls::<DidRegistryContractRef>().did_id_for(ink_account(ALICE), [9u8; 32]));
    assert_eq!(did, expected);
    assert_eq!(
        out.events_of::<DidCreated>(&registry),
        vec![DidCreated { did, controller: ink_account(ALICE), version_id: 1 }]
    );
    // and indexers can filter it by DID and by controller
    assert_eq!(out.topics_of::<DidCreated>(&registry), vec![vec![signature_topic::<DidCreated>(), did, ALICE]]);
    assert!(chain.read(registry.calls::<DidRegistryContractRef>().is_active(did)));

    // when she adds an Account assertion key for Bob
    let out = chain.call(ALICE, registry.calls::<DidRegistryContractRef>().add_verification_method(did, account_key("key-1", BOB, &[ASSERT], None)));
    assert_eq!(out.value, Ok(()));
    let added = &out.events_of::<VerificationMethodAdded>(&registry)[0];
    assert_eq!((added.version_id, added.account, added.public_key.clone()), (2, Some(ink_account(BOB)), BOB.to_vec()));
    // a wallet finds the DIDs that authorise its account by the second topic (the account)
    assert_eq!(out.topics_of::<VerificationMethodAdded>(&registry), vec![vec![signature_topic::<VerificationMethodAdded>(), did, BOB]]);
    // then Bob is authorised for assertions, not for authentication
    assert!(chain.read(registry.calls::<DidRegistryContractRef>().is_authorized(did, ink_account(BOB), ASSERT)));
    assert!(!chain.read(registry.calls::<DidRegistryContractRef>().is_authorized(did, ink_account(BOB), Relationship::Authentication)));

    // when the key is rotated: Charlie's key added, Bob's expires after a 6 s grace period
    chain.advance_blocks(2);
    assert_eq!(
        chain.call(ALICE, registry.calls::<DidRegistryContractRef>().add_verification_method(did, account_key("key-2", CHARLIE, &[ASSERT], None))).value,
        Ok(())
    );
    let grace_end = chain.now() + 6_000;
    let out = chain.call(ALICE, registry.calls::<DidRegistryContractRef>().set_method_validity(did, b"key-1".to_vec(), None::<u64>, Some(grace_end)));
    assert_eq!(out.value, Ok(()));
    let updated_block = chain.block();
    assert!(updated_block >= created_block + 2);
    assert_eq!(
        out.events_of::<VerificationMethodValidityChanged>(&registry),
        vec![VerificationMethodValidityChanged {
            did,
            method_id: b"key-1".to_vec(),
            valid_from: None,
            valid_until: Some(grace_end),
            version_id: 4,
        }]
    );
    // then both keys work during the overlap
    chain.advance_time(3_000);
    assert!(chain.read(registry.calls::<DidRegistryContractRef>().is_authorized(did, ink_account(BOB), ASSERT)));
    assert!(chain.read(registry.calls::<DidRegistryContractRef>().is_authorized(did, ink_account(CHARLIE), ASSERT)));
    // and only the new one after it
    chain.advance_time(3_000);
    assert!(!chain.read(registry.calls::<DidRegistryContractRef>().is_authorized(did, ink_account(BOB), ASSERT)));
    assert!(chain.read(registry.calls::<DidRegistryContractRef>().is_authorized(did, ink_account(CHARLIE), ASSERT)));

    // then resolution shows both methods and the metadata of the last change
    let doc = chain.read(registry.calls::<DidRegistryContractRef>().resolve(did)).expect("resolves");
    assert_eq!(doc.controllers, vec![ink_account(ALICE)]);
    assert_eq!(doc.verification_methods.len(), 2);
    assert_eq!(doc.verification_methods[0].valid_until, Some(grace_end));
    assert_eq!(doc.metadata.version_id, 4);
    assert_eq!(doc.metadata.created_block, created_block);
    assert_eq!(doc.metadata.updated_block, updated_block);
    assert!(!doc.metadata.deactivated);

    // when Alice deactivates the DID
    let out = chain.call(ALICE, registry.calls::<DidRegistryContractRef>().deactivate(did));
    assert_eq!(out.value, Ok(()));
    assert_eq!(out.events_of::<DidDeactivated>(&registry), vec![DidDeactivated { did, version_id: 5 }]);

    // then every change is rejected, and reverted
    let rejected: Vec<Outcome<R<()>>> = vec![
        chain.call(ALICE, registry.calls::<DidRegistryContractRef>().add_controller(did, ink_account(DAVE))),
        chain.call(ALICE, registry.calls::<DidRegistryContractRef>().remove_controller(did, ink_account(ALICE))),
        chain.call(ALICE, registry.calls::<DidRegistryContractRef>().add_verification_method(did, account_key("key-3", DAVE, &[ASSERT], None))),
        chain.call(ALICE, registry.calls::<DidRegistryContractRef>().remove_verification_method(did, b"key-2".to_vec())),
        chain.call(ALICE, registry.calls::<DidRegistryContractRef>().set_method_validity(did, b"key-2".to_vec(), None::<u64>, None::<u64>)),
        chain.call(ALICE, registry.calls::<DidRegistryContractRef>().add_service(did, Service { id: b"s".to_vec(), service_type: b"t".to_vec(), endpoint: b"e".to_vec() })),
        chain.call(ALICE, registry.calls::<DidRegistryContractRef>().remove_service(did, b"s".to_vec())),
        chain.call(ALICE, registry.calls::<DidRegistryContractRef>().deactivate(did)),
        chain.call(ALICE, registry.calls::<DidRegistryContractRef>().mark_compromised(did, b"key-2".to_vec(), 0u64)),
        chain.call(ALICE, registry.calls::<DidRegistryContractRef>().bump_nonce(did)),
    ];
    for out in rejected {
        assert_eq!(out.value, Err(DidError::Deactivated));
        assert!(out.reverted);
        assert!(out.events.is_empty());
    }
    // it still resolves, deactivated, and nobody is authorised for it
    let doc = chain.read(registry.calls::<DidRegistryContractRef>().resolve(did)).expect("resolves");
    assert!(doc.metadata.deactivated);
    assert_eq!(doc.metadata.version_id, 5);
    assert!(!chain.read(registry.calls::<DidRegistryContractRef>().is_active(did)));
    assert!(!chain.read(registry.calls::<DidRegistryContractRef>().is_controller(did, ink_account(ALICE))));
    assert!(!chain.read(registry.calls::<DidRegistryContractRef>().is_authorized(did, ink_account(CHARLIE), ASSERT)));
    // and its id can never be created again
    assert_eq!(
        chain.call(ALICE, registry.calls::<DidRegistryContractRef>().create_did([9u8; 32])).value,
        Err(DidError::AlreadyExists)
    );
}

fn non_controllers_and_unknown_dids_are_rejected(chain: Chain) {
    let (mut chain, registry) = deploy(chain);
    let did = create(&mut chain, &registry, ALICE, [1; 32]);
    let out = chain.call(BOB, registry.calls::<DidRegistryContractRef>().add_controller(did, ink_account(BOB)));
    assert_eq!(out.value, Err(DidError::NotController));
    assert!(out.reverted);
    assert_eq!(
        chain.call(ALICE, registry.calls::<DidRegistryContractRef>().deactivate([0u8; 32])).value,
        Err(DidError::NotFound)
    );
    assert_eq!(chain.read(registry.calls::<DidRegistryContractRef>().resolve([0u8; 32])), Err(DidError::NotFound));
}

fn relayed_signed_operation_succeeds_once_and_its_replay_fails(chain: Chain) {
    // given a DID with an ECDSA controller that holds no funds
    let (mut chain, registry) = deploy(chain);
    let did = create(&mut chain, &registry, ALICE, [2; 32]);
    let signer = EcdsaSigner::new(77);
    assert_eq!(chain.call(ALICE, registry.calls::<DidRegistryContractRef>().add_controller(did, signer.account())).value, Ok(()));

    // when the controller signs an operation off-chain
    let op = DidOperation::AddService(Service {
        id: b"hub".to_vec(),
        service_type: b"DIDCommMessaging".to_vec(),
        endpoint: b"https://hub.example/didcomm".to_vec(),
    });
    let doc = chain.read(registry.calls::<DidRegistryContractRef>().resolve(did)).unwrap();
    // adding the controller consumed nonce 0
    assert_eq!(doc.next_nonce, 1);
    let deadline = chain.block() + 5;
    let payload: Vec<u8> = chain.read(registry.calls::<DidRegistryContractRef>().signing_payload(did, op.clone(), doc.next_nonce, deadline));
    let expected_payload = {
        let mut m = b"<Bytes>".to_vec();
        scale::Encode::encode_to(
            &SignedPayload { domain: SIGNING_DOMAIN, chain: CHAIN_ID, registry: registry.address, did, operation: op.clone(), nonce: 1, deadline },
            &mut m,
        );
        m.extend_from_slice(b"</Bytes>");
        m
    };
    assert_eq!(payload, expected_payload);
    let signature = signer.sign(&payload);

    // and Bob relays it
    let out = chain.call(BOB, registry.calls::<DidRegistryContractRef>().execute_signed(did, op.clone(), 1u64, deadline, signature));
    // then it executes for the signer
    assert_eq!(out.value, Ok(()));
    assert_eq!(
        out.events_of::<SignedOperationExecuted>(&registry),
        vec![SignedOperationExecuted { did, signer: signer.account(), relayer: ink_account(BOB), nonce: 1 }]
    );
    let added = out.events_of::<ServiceAdded>(&registry);
    assert_eq!((added[0].service_type.as_slice(), added[0].endpoint.as_slice()), (&b"DIDCommMessaging"[..], &b"https://hub.example/didcomm"[..]));
    let doc = chain.read(registry.calls::<DidRegistryContractRef>().resolve(did)).unwrap();
    assert_eq!(doc.services.len(), 1);
    assert_eq!(doc.next_nonce, 2);

    // when anyone replays it
    let out = chain.call(CHARLIE, registry.calls::<DidRegistryContractRef>().execute_signed(did, op.clone(), 1u64, deadline, signature));
    // then it fails with NonceUsed and changes nothing
    assert_eq!(out.value, Err(DidError::NonceUsed));
    assert!(out.reverted);
    assert_eq!(chain.read(registry.calls::<DidRegistryContractRef>().resolve(did)).unwrap().metadata.version_id, doc.metadata.version_id);

    // a fresh signature past its deadline is rejected as expired
    let op2 = DidOperation::RemoveService(b"hub".to_vec());
    let payload: Vec<u8> = chain.read(registry.calls::<DidRegistryContractRef>().signing_payload(did, op2.clone(), 2u64, deadline));
    let signature = signer.sign(&payload);
    chain.advance_blocks(6);
    assert_eq!(
        chain.call(BOB, registry.calls::<DidRegistryContractRef>().execute_signed(did, op2.clone(), 2u64, deadline, signature)).value,
        Err(DidError::Expired)
    );
    // a signature by someone who is not a controller is rejected
    let stranger = EcdsaSigner::new(78);
    let deadline = chain.block() + 5;
    let payload: Vec<u8> = chain.read(registry.calls::<DidRegistryContractRef>().signing_payload(did, op2.clone(), 2u64, deadline));
    assert_eq!(
        chain.call(BOB, registry.calls::<DidRegistryContractRef>().execute_signed(did, op2, 2u64, deadline, stranger.sign(&payload))).value,
        Err(DidError::NotController)
    );
}

/// Item 7: a signature made for another chain (a staging fork with the same addresses), or
/// before a direct change to the document, or invalidated by `bump_nonce`, or re-encoded with a
/// high S, does not execute.
fn signatures_are_bound_to_the_chain_the_document_state_and_one_encoding(chain: Chain) {
    let (mut chain, registry) = deploy(chain);
    // given a staging registry on another chain id, and a DID with an ECDSA controller
    let staging = chain.deploy(&bundle("did_registry"), "new", [0x57u8; 32], ALICE);
    let did = create(&mut chain, &registry, ALICE, [3; 32]);
    let signer = EcdsaSigner::new(79);
    assert_eq!(chain.call(ALICE, registry.calls::<DidRegistryContractRef>().add_controller(did, signer.account())).value, Ok(()));
    let deadline = chain.block() + 50;
    let sign_on = |chain: &mut Chain, on: &Contract, op: &DidOperation, nonce: u64| {
        let payload: Vec<u8> = chain.read(on.calls::<DidRegistryContractRef>().signing_payload(did, op.clone(), nonce, deadline));
        signer.sign(&payload)
    };
    let remove_key = DidOperation::RemoveVerificationMethod(b"key-1".to_vec());

    // a signature over the staging registry's payload (other chain id, other address)
    let foreign = sign_on(&mut chain, &staging, &DidOperation::Deactivate, 1);
    let out = chain.call(BOB, registry.calls::<DidRegistryContractRef>().execute_signed(did, DidOperation::Deactivate, 1u64, deadline, foreign));
    assert_eq!(out.value, Err(DidError::NotController));
    assert!(out.reverted);

    // a malleated (high-S) copy of a valid signature is rejected; the original is not consumed
    let add_key = DidOperation::AddVerificationMethod(account_key("key-1", DAVE, &[ASSERT], None));
    let valid = sign_on(&mut chain, &registry, &add_key, 1);
    let out = chain.call(BOB, registry.calls::<DidRegistryContractRef>().execute_signed(did, add_key.clone(), 1u64, deadline, malleate(valid)));
    assert_eq!(out.value, Err(DidError::NonCanonicalSignature));
    assert_eq!(chain.call(BOB, registry.calls::<DidRegistryContractRef>().execute_signed(did, add_key, 1u64, deadline, valid)).value, Ok(()));

    // a pending signed removal of key-1 (nonce 2) …
    let pending = sign_on(&mut chain, &registry, &remove_key, 2);
    // … is overtaken by the controller replacing key-1 directly (consuming nonces 2 and 3)
    assert_eq!(chain.call(ALICE, registry.calls::<DidRegistryContractRef>().remove_verification_method(did, b"key-1".to_vec())).value, Ok(()));
    assert_eq!(chain.call(ALICE, registry.calls::<DidRegistryContractRef>().add_verification_method(did, account_key("key-1", EVE, &[ASSERT], None))).value, Ok(()));
    let out = chain.call(BOB, registry.calls::<DidRegistryContractRef>().execute_signed(did, remove_key.clone(), 2u64, deadline, pending));
    // then it cannot remove the new key-1
    assert_eq!(out.value, Err(DidError::NonceUsed));
    assert!(chain.read(registry.calls::<DidRegistryContractRef>().is_authorized(did, ink_account(EVE), ASSERT)));

    // a controller invalidates a pending signature with bump_nonce
    let pending = sign_on(&mut chain, &registry, &remove_key, 4);
    assert_eq!(chain.call(BOB, registry.calls::<DidRegistryContractRef>().bump_nonce(did)).value, Err(DidError::NotController));
    let out = chain.call(ALICE, registry.calls::<DidRegistryContractRef>().bump_nonce(did));
    assert_eq!(out.value, Ok(()));
    assert_eq!(out.events_of::<NonceBumped>(&registry), vec![NonceBumped { did, controller: ink_account(ALICE), next_nonce: 5 }]);
    let out = chain.call(BOB, registry.calls::<DidRegistryContractRef>().execute_signed(did, remove_key, 4u64, deadline, pending));
    assert_eq!(out.value, Err(DidError::NonceUsed));
    assert!(chain.read(registry.calls::<DidRegistryContractRef>().is_authorized(did, ink_account(EVE), ASSERT)));
}

/// Item 8: the relayer pays the storage deposit of what a signed operation adds, and whoever
/// removes it is refunded. A signer who adds through a relayer and removes directly gains that
/// refund: at most one bounded item per signed operation (here a service of the largest size).
fn a_relayer_pays_the_deposit_of_one_bounded_item(chain: Chain) {
    let (mut chain, registry) = deploy(chain);
    let did = create(&mut chain, &registry, ALICE, [4; 32]);
    let signer = EcdsaSigner::new(80);
    assert_eq!(chain.call(ALICE, registry.calls::<DidRegistryContractRef>().add_controller(did, signer.account())).value, Ok(()));
    let largest = Service {
        id: vec![b'i'; MAX_FRAGMENT_LEN as usize],
        service_type: vec![b't'; MAX_SERVICE_TYPE_LEN as usize],
        endpoint: vec![b'e'; MAX_ENDPOINT_LEN as usize],
    };
    let op = DidOperation::AddService(largest.clone());
    let deadline = chain.block() + 50;
    let payload: Vec<u8> = chain.read(registry.calls::<DidRegistryContractRef>().signing_payload(did, op.clone(), 1u64, deadline));
    let added = chain.call(BOB, registry.calls::<DidRegistryContractRef>().execute_signed(did, op, 1u64, deadline, signer.sign(&payload)));
    assert_eq!(added.value, Ok(()));
    // the relayer (Bob) was charged the deposit
    assert!(added.storage_deposit > 0, "relayer charged {}", added.storage_deposit);
    // a controller removing it directly is refunded what the relayer paid for the item
    let removed = chain.call(ALICE, registry.calls::<DidRegistryContractRef>().remove_service(did, largest.id.clone()));
    assert_eq!(removed.value, Ok(()));
    assert!(removed.storage_deposit < 0);
    let gain = -removed.storage_deposit;
    // the gain is the deposit of that one item, never more than the relayer paid
    assert!(gain <= added.storage_deposit, "gain {gain} > paid {}", added.storage_deposit);
    // and one signed operation adds at most one item of bounded size: the largest service is
    // the most a relayer can be made to pay per signature
    let bigger = Service { endpoint: vec![b'e'; MAX_ENDPOINT_LEN as usize + 1], ..largest };
    let op = DidOperation::AddService(bigger);
    let payload: Vec<u8> = chain.read(registry.calls::<DidRegistryContractRef>().signing_payload(did, op.clone(), 3u64, deadline));
    let out = chain.call(BOB, registry.calls::<DidRegistryContractRef>().execute_signed(did, op, 3u64, deadline, signer.sign(&payload)));
    assert_eq!(out.value, Err(DidError::EndpointTooLong));
    assert_eq!(out.storage_deposit, 0);
}
