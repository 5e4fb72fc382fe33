//! End-to-end tests of the DID registry: the built `did_registry.contract` deployed and driven
//! through real calls, in the in-process runtime (`sandbox::*`) and on the local node
//! (`node::*`).

use secp256k1::{Message, PublicKey, SecretKey, SECP256K1};
use sovra_e2e::*;
use sovra_traits::blake2;
use sovra_traits::did::*;

type R<T> = Result<T, DidError>;

fn deploy(mut chain: Chain) -> (Chain, Contract) {
    let registry = chain.deploy(&Bundle::load("did_registry"), "new", (), ALICE);
    (chain, registry)
}

fn create(chain: &mut Chain, registry: &Contract, who: [u8; 32], salt: [u8; 32]) -> DidId {
    let out = chain.call::<R<DidId>>(registry, who, "create_did", salt);
    assert!(!out.reverted);
    out.value.expect("create_did")
}

const ASSERT: Relationship = Relationship::AssertionMethod;

e2e_tests!(
    did_lifecycle_create_key_rotate_resolve_deactivate,
    non_controllers_and_unknown_dids_are_rejected,
    relayed_signed_operation_succeeds_once_and_its_replay_fails,
);

fn did_lifecycle_create_key_rotate_resolve_deactivate(chain: Chain) {
    // given a deployed registry
    let (mut chain, registry) = deploy(chain);

    // when Alice creates a DID
    let out = chain.call::<R<DidId>>(&registry, ALICE, "create_did", [9u8; 32]);
    let did = out.value.expect("created");
    let created_block = chain.block();
    // then its id is derived from (creator, salt) and the event names it
    let expected: DidId = chain.query(&registry, "did_id_for", (ink_account(ALICE), [9u8; 32]));
    assert_eq!(did, expected);
    assert_eq!(
        out.events_of::<DidCreated>(&registry),
        vec![DidCreated { did, controller: ink_account(ALICE), version_id: 1 }]
    );
    // and indexers can filter it by DID and by controller
    assert_eq!(out.topics_of::<DidCreated>(&registry), vec![vec![signature_topic::<DidCreated>(), did, ALICE]]);
    assert!(chain.query::<bool>(&registry, "DidRegistry::is_active", did));

    // when she adds an Account assertion key for Bob
    let out = chain.call::<R<()>>(&registry, ALICE, "add_verification_method", (did, account_key("key-1", BOB, &[ASSERT], None)));
    assert_eq!(out.value, Ok(()));
    assert_eq!(out.events_of::<VerificationMethodAdded>(&registry)[0].version_id, 2);
    // then Bob is authorised for assertions, not for authentication
    assert!(chain.query::<bool>(&registry, "DidRegistry::is_authorized", (did, ink_account(BOB), ASSERT)));
    assert!(!chain.query::<bool>(&registry, "DidRegistry::is_authorized", (did, ink_account(BOB), Relationship::Authentication)));

    // when the key is rotated: Charlie's key added, Bob's expires after a 6 s grace period
    chain.advance_blocks(2);
    assert_eq!(
        chain.call::<R<()>>(&registry, ALICE, "add_verification_method", (did, account_key("key-2", CHARLIE, &[ASSERT], None))).value,
        Ok(())
    );
    let grace_end = chain.now() + 6_000;
    let out = chain.call::<R<()>>(&registry, ALICE, "set_method_validity", (did, b"key-1".to_vec(), None::<u64>, Some(grace_end)));
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
    assert!(chain.query::<bool>(&registry, "DidRegistry::is_authorized", (did, ink_account(BOB), ASSERT)));
    assert!(chain.query::<bool>(&registry, "DidRegistry::is_authorized", (did, ink_account(CHARLIE), ASSERT)));
    // and only the new one after it
    chain.advance_time(3_000);
    assert!(!chain.query::<bool>(&registry, "DidRegistry::is_authorized", (did, ink_account(BOB), ASSERT)));
    assert!(chain.query::<bool>(&registry, "DidRegistry::is_authorized", (did, ink_account(CHARLIE), ASSERT)));

    // then resolution shows both methods and the metadata of the last change
    let doc = chain.query::<R<DidDocument>>(&registry, "resolve", did).expect("resolves");
    assert_eq!(doc.controllers, vec![ink_account(ALICE)]);
    assert_eq!(doc.verification_methods.len(), 2);
    assert_eq!(doc.verification_methods[0].valid_until, Some(grace_end));
    assert_eq!(doc.metadata.version_id, 4);
    assert_eq!(doc.metadata.created_block, created_block);
    assert_eq!(doc.metadata.updated_block, updated_block);
    assert!(!doc.metadata.deactivated);

    // when Alice deactivates the DID
    let out = chain.call::<R<()>>(&registry, ALICE, "deactivate", did);
    assert_eq!(out.value, Ok(()));
    assert_eq!(out.events_of::<DidDeactivated>(&registry), vec![DidDeactivated { did, version_id: 5 }]);

    // then every change is rejected, and reverted
    let rejected: Vec<Outcome<R<()>>> = vec![
        chain.call(&registry, ALICE, "add_controller", (did, ink_account(DAVE))),
        chain.call(&registry, ALICE, "remove_controller", (did, ink_account(ALICE))),
        chain.call(&registry, ALICE, "add_verification_method", (did, account_key("key-3", DAVE, &[ASSERT], None))),
        chain.call(&registry, ALICE, "remove_verification_method", (did, b"key-2".to_vec())),
        chain.call(&registry, ALICE, "set_method_validity", (did, b"key-2".to_vec(), None::<u64>, None::<u64>)),
        chain.call(&registry, ALICE, "add_service", (did, Service { id: b"s".to_vec(), service_type: b"t".to_vec(), endpoint: b"e".to_vec() })),
        chain.call(&registry, ALICE, "remove_service", (did, b"s".to_vec())),
        chain.call(&registry, ALICE, "deactivate", did),
    ];
    for out in rejected {
        assert_eq!(out.value, Err(DidError::Deactivated));
        assert!(out.reverted);
        assert!(out.events.is_empty());
    }
    // it still resolves, deactivated, and nobody is authorised for it
    let doc = chain.query::<R<DidDocument>>(&registry, "resolve", did).expect("resolves");
    assert!(doc.metadata.deactivated);
    assert_eq!(doc.metadata.version_id, 5);
    assert!(!chain.query::<bool>(&registry, "DidRegistry::is_active", did));
    assert!(!chain.query::<bool>(&registry, "DidRegistry::is_controller", (did, ink_account(ALICE))));
    assert!(!chain.query::<bool>(&registry, "DidRegistry::is_authorized", (did, ink_account(CHARLIE), ASSERT)));
    // and its id can never be created again
    assert_eq!(
        chain.call::<R<DidId>>(&registry, ALICE, "create_did", [9u8; 32]).value,
        Err(DidError::AlreadyExists)
    );
}

fn non_controllers_and_unknown_dids_are_rejected(chain: Chain) {
    let (mut chain, registry) = deploy(chain);
    let did = create(&mut chain, &registry, ALICE, [1; 32]);
    let out = chain.call::<R<()>>(&registry, BOB, "add_controller", (did, ink_account(BOB)));
    assert_eq!(out.value, Err(DidError::NotController));
    assert!(out.reverted);
    assert_eq!(
        chain.call::<R<()>>(&registry, ALICE, "deactivate", [0u8; 32]).value,
        Err(DidError::NotFound)
    );
    assert_eq!(chain.query::<R<DidDocument>>(&registry, "resolve", [0u8; 32]), Err(DidError::NotFound));
}

struct EcdsaSigner(SecretKey);

impl EcdsaSigner {
    fn account(&self) -> AccountId {
        AccountId::from(blake2(&PublicKey::from_secret_key(SECP256K1, &self.0).serialize()))
    }

    fn sign(&self, message: &[u8]) -> [u8; 65] {
        let sig = SECP256K1.sign_ecdsa_recoverable(&Message::from_digest(blake2(message)), &self.0);
        let (id, bytes) = sig.serialize_compact();
        let mut out = [0u8; 65];
        out[..64].copy_from_slice(&bytes);
        out[64] = id.to_i32() as u8;
        out
    }
}

fn relayed_signed_operation_succeeds_once_and_its_replay_fails(chain: Chain) {
    // given a DID with an ECDSA controller that holds no funds
    let (mut chain, registry) = deploy(chain);
    let did = create(&mut chain, &registry, ALICE, [2; 32]);
    let signer = EcdsaSigner(SecretKey::from_slice(&[77; 32]).unwrap());
    assert_eq!(chain.call::<R<()>>(&registry, ALICE, "add_controller", (did, signer.account())).value, Ok(()));

    // when the controller signs an operation off-chain
    let op = DidOperation::AddService(Service {
        id: b"hub".to_vec(),
        service_type: b"DIDCommMessaging".to_vec(),
        endpoint: b"https://hub.example/didcomm".to_vec(),
    });
    let doc = chain.query::<R<DidDocument>>(&registry, "resolve", did).unwrap();
    let deadline = chain.block() + 5;
    let payload: Vec<u8> = chain.query(&registry, "signing_payload", (did, op.clone(), doc.next_nonce, deadline));
    let expected_payload = {
        let mut m = b"<Bytes>".to_vec();
        scale::Encode::encode_to(
            &SignedPayload { domain: SIGNING_DOMAIN, registry: registry.address, did, operation: op.clone(), nonce: 0, deadline },
            &mut m,
        );
        m.extend_from_slice(b"</Bytes>");
        m
    };
    assert_eq!(payload, expected_payload);
    let signature = signer.sign(&payload);

    // and Bob relays it
    let out = chain.call::<R<()>>(&registry, BOB, "execute_signed", (did, op.clone(), 0u64, deadline, signature));
    // then it executes for the signer
    assert_eq!(out.value, Ok(()));
    assert_eq!(
        out.events_of::<SignedOperationExecuted>(&registry),
        vec![SignedOperationExecuted { did, signer: signer.account(), relayer: ink_account(BOB), nonce: 0 }]
    );
    assert_eq!(out.events_of::<ServiceAdded>(&registry).len(), 1);
    let doc = chain.query::<R<DidDocument>>(&registry, "resolve", did).unwrap();
    assert_eq!(doc.services.len(), 1);
    assert_eq!(doc.next_nonce, 1);

    // when anyone replays it
    let out = chain.call::<R<()>>(&registry, CHARLIE, "execute_signed", (did, op.clone(), 0u64, deadline, signature));
    // then it fails with NonceUsed and changes nothing
    assert_eq!(out.value, Err(DidError::NonceUsed));
    assert!(out.reverted);
    assert_eq!(chain.query::<R<DidDocument>>(&registry, "resolve", did).unwrap().metadata.version_id, doc.metadata.version_id);

    // a fresh signature past its deadline is rejected as expired
    let op2 = DidOperation::RemoveService(b"hub".to_vec());
    let payload: Vec<u8> = chain.query(&registry, "signing_payload", (did, op2.clone(), 1u64, deadline));
    let signature = signer.sign(&payload);
    chain.advance_blocks(6);
    assert_eq!(
        chain.call::<R<()>>(&registry, BOB, "execute_signed", (did, op2.clone(), 1u64, deadline, signature)).value,
        Err(DidError::Expired)
    );
    // a signature by someone who is not a controller is rejected
    let stranger = EcdsaSigner(SecretKey::from_slice(&[78; 32]).unwrap());
    let deadline = chain.block() + 5;
    let payload: Vec<u8> = chain.query(&registry, "signing_payload", (did, op2.clone(), 1u64, deadline));
    assert_eq!(
        chain.call::<R<()>>(&registry, BOB, "execute_signed", (did, op2, 1u64, deadline, stranger.sign(&payload))).value,
        Err(DidError::NotController)
    );
}
