//! End-to-end tests of the credential registry with the real DID registry deployed next to it:
//! every issuer check is a cross-contract call through the `DidRegistry` interface. Each test
//! runs in the in-process runtime (`sandbox::*`) and on the local node (`node::*`).

use credential_registry::data::{claim_digest, claims_tree};
use sovra_e2e::*;
use sovra_traits::credential::*;
use sovra_traits::did::*;

type R<T> = Result<T, CredentialError>;

const ADMIN: [u8; 32] = ALICE;
const ISSUER_ORG: [u8; 32] = BOB;
const ISSUER_KEY: [u8; 32] = CHARLIE;
const HOLDER: [u8; 32] = DAVE;
const OTHER: [u8; 32] = EVE;

struct Suite {
    chain: Chain,
    dids: Contract,
    creds: Contract,
    issuer: DidId,
    schema: SchemaId,
}

/// Given: both registries deployed and wired; the issuer organisation's DID with an `Account`
/// assertion key for ISSUER_KEY; a revocable KYC schema whose trusted issuer is that DID.
fn suite(mut chain: Chain) -> Suite {
    let dids = chain.deploy(&Bundle::load("did_registry"), "new", (), ADMIN);
    let creds = chain.deploy(&Bundle::load("credential_registry"), "new", (dids.address, ink_account(ADMIN)), ADMIN);
    assert_eq!(chain.query::<AccountId>(&creds, "did_registry", ()), dids.address);
    let issuer = chain
        .call::<Result<DidId, DidError>>(&dids, ISSUER_ORG, "create_did", [1u8; 32])
        .value
        .expect("issuer DID");
    let key = account_key("assert-1", ISSUER_KEY, &[Relationship::AssertionMethod], None);
    assert_eq!(chain.call::<Result<(), DidError>>(&dids, ISSUER_ORG, "add_verification_method", (issuer, key)).value, Ok(()));
    let out = chain.call::<R<SchemaId>>(&creds, OTHER, "register_schema", ([7u8; 32], b"KYC".to_vec(), b"ipfs://kyc".to_vec(), true));
    let schema = out.value.expect("schema");
    assert_eq!(out.events_of::<SchemaRegistered>(&creds).len(), 1);
    let out = chain.call::<R<()>>(&creds, ADMIN, "add_trusted_issuer", (schema, issuer));
    assert_eq!(out.value, Ok(()));
    assert_eq!(out.events_of::<TrustedIssuerAdded>(&creds), vec![TrustedIssuerAdded { schema, issuer }]);
    Suite { chain, dids, creds, issuer, schema }
}

e2e_tests!(
    an_account_assertion_key_issues_and_a_verifier_checks_status_changes,
    an_expired_key_or_one_without_assertion_method_cannot_issue,
    a_deactivated_issuer_did_issues_nothing_and_its_credentials_verify_invalid,
    an_untrusted_issuer_gives_no_valid_credential,
    status_list_update_and_read_back,
    a_merkle_disclosure_proof_verifies_and_a_forged_one_is_rejected,
);

fn request(id: u8, schema: SchemaId, claims_root: Option<[u8; 32]>) -> IssueRequest {
    IssueRequest {
        credential_id: [id; 32],
        schema,
        subject_account: Some(ink_account(HOLDER)),
        subject_did: None,
        expires_at: None,
        claims_root,
    }
}

impl Suite {
    fn issue(&mut self, who: [u8; 32], id: u8) -> Outcome<R<()>> {
        let req = request(id, self.schema, None);
        self.chain.call(&self.creds, who, "issue", (self.issuer, req))
    }
    fn verify(&mut self, id: u8) -> CredentialStatus {
        self.chain.query(&self.creds, "CredentialVerifier::verify", [id; 32])
    }
    fn holder_valid(&mut self) -> bool {
        self.chain.query(&self.creds, "CredentialVerifier::has_valid_credential", (ink_account(HOLDER), self.schema))
    }
}

fn an_account_assertion_key_issues_and_a_verifier_checks_status_changes(chain: Chain) {
    let mut s = suite(chain);
    assert!(!s.holder_valid());
    // when the issuer's assertion key anchors a credential
    let out = s.issue(ISSUER_KEY, 1);
    assert_eq!(out.value, Ok(()));
    assert_eq!(
        out.events_of::<CredentialIssued>(&s.creds),
        vec![CredentialIssued {
            credential: [1; 32],
            issuer: s.issuer,
            schema: s.schema,
            subject_account: Some(ink_account(HOLDER)),
            subject_did: None,
        }]
    );
    // indexers can filter it by credential, issuer and schema
    assert_eq!(
        out.topics_of::<CredentialIssued>(&s.creds),
        vec![vec![signature_topic::<CredentialIssued>(), [1; 32], s.issuer, s.schema]]
    );
    // then verifiers and contracts see it valid
    assert_eq!(s.verify(1), CredentialStatus::Valid);
    assert!(s.holder_valid());
    let record: R<CredentialRecord> = s.chain.query(&s.creds, "credential", [1u8; 32]);
    assert_eq!(record.unwrap().issuer, s.issuer);
    // suspend → reinstate → revoke, each seen by the verifier
    let out = s.chain.call::<R<()>>(&s.creds, ISSUER_KEY, "suspend", (s.issuer, vec![[1u8; 32]], b"review".to_vec()));
    assert_eq!(out.value, Ok(()));
    assert_eq!(out.events_of::<CredentialStateChanged>(&s.creds)[0].state, CredentialState::Suspended(b"review".to_vec()));
    assert_eq!(s.verify(1), CredentialStatus::Suspended(b"review".to_vec()));
    assert!(!s.holder_valid());
    assert_eq!(s.chain.call::<R<()>>(&s.creds, ISSUER_KEY, "reinstate", (s.issuer, vec![[1u8; 32]])).value, Ok(()));
    assert_eq!(s.verify(1), CredentialStatus::Valid);
    assert_eq!(s.chain.call::<R<()>>(&s.creds, ISSUER_ORG, "revoke", (s.issuer, vec![[1u8; 32]], b"fraud".to_vec())).value, Ok(()));
    assert_eq!(s.verify(1), CredentialStatus::Revoked(b"fraud".to_vec()));
    let out = s.chain.call::<R<()>>(&s.creds, ISSUER_KEY, "reinstate", (s.issuer, vec![[1u8; 32]]));
    assert_eq!(out.value, Err(CredentialError::AlreadyRevoked));
    assert!(out.reverted);
    assert_eq!(s.verify(9), CredentialStatus::Unknown);
}

fn an_expired_key_or_one_without_assertion_method_cannot_issue(chain: Chain) {
    let mut s = suite(chain);
    // a key with authentication only
    let auth_only = account_key("auth", OTHER, &[Relationship::Authentication], None);
    assert_eq!(
        s.chain.call::<Result<(), DidError>>(&s.dids, ISSUER_ORG, "add_verification_method", (s.issuer, auth_only)).value,
        Ok(())
    );
    let out = s.issue(OTHER, 1);
    assert_eq!(out.value, Err(CredentialError::NotAuthorizedForIssuer));
    assert!(out.reverted);
    // the assertion key expires (rotation without a successor)
    let until = s.chain.now() + 6_000;
    assert_eq!(
        s.chain
            .call::<Result<(), DidError>>(&s.dids, ISSUER_ORG, "set_method_validity", (s.issuer, b"assert-1".to_vec(), None::<u64>, Some(until)))
            .value,
        Ok(())
    );
    assert_eq!(s.issue(ISSUER_KEY, 2).value, Ok(()));
    s.chain.advance_time(6_000);
    assert_eq!(s.issue(ISSUER_KEY, 3).value, Err(CredentialError::NotAuthorizedForIssuer));
    assert_eq!(s.verify(3), CredentialStatus::Unknown);
}

fn a_deactivated_issuer_did_issues_nothing_and_its_credentials_verify_invalid(chain: Chain) {
    let mut s = suite(chain);
    assert_eq!(s.issue(ISSUER_KEY, 1).value, Ok(()));
    assert_eq!(s.chain.call::<Result<(), DidError>>(&s.dids, ISSUER_ORG, "deactivate", s.issuer).value, Ok(()));
    assert_eq!(s.verify(1), CredentialStatus::IssuerDeactivated);
    assert!(!s.holder_valid());
    assert_eq!(s.issue(ISSUER_KEY, 2).value, Err(CredentialError::IssuerInactive));
    assert_eq!(s.issue(ISSUER_ORG, 2).value, Err(CredentialError::IssuerInactive));
}

fn an_untrusted_issuer_gives_no_valid_credential(chain: Chain) {
    let mut s = suite(chain);
    assert_eq!(s.issue(ISSUER_KEY, 1).value, Ok(()));
    assert!(s.holder_valid());
    // only the trust admin may change trust
    assert_eq!(
        s.chain.call::<R<()>>(&s.creds, OTHER, "remove_trusted_issuer", (s.schema, s.issuer)).value,
        Err(CredentialError::MissingRole)
    );
    let out = s.chain.call::<R<()>>(&s.creds, ADMIN, "remove_trusted_issuer", (s.schema, s.issuer));
    assert_eq!(out.events_of::<TrustedIssuerRemoved>(&s.creds).len(), 1);
    assert!(!s.holder_valid());
    assert_eq!(s.verify(1), CredentialStatus::IssuerNotTrusted);
    assert!(s.chain.query::<Vec<DidId>>(&s.creds, "trusted_issuers", s.schema).is_empty());
}

fn status_list_update_and_read_back(chain: Chain) {
    let mut s = suite(chain);
    let out = s.chain.call::<R<ListId>>(&s.creds, ISSUER_KEY, "create_status_list", (s.issuer, StatusPurpose::Revocation, MIN_STATUS_LIST_SIZE, false));
    let list = out.value.expect("list");
    assert_eq!(out.events_of::<StatusListCreated>(&s.creds)[0].size, MIN_STATUS_LIST_SIZE);
    let indices = vec![3u32, 130, 131_071];
    let out = s.chain.call::<R<()>>(&s.creds, ISSUER_KEY, "update_status_list", (s.issuer, list, indices.clone(), true));
    assert_eq!(out.value, Ok(()));
    assert_eq!(
        out.events_of::<StatusListUpdated>(&s.creds),
        vec![StatusListUpdated { list, issuer: s.issuer, indices, value: true }]
    );
    for (index, expected) in [(3u32, true), (4, false), (130, true), (131_071, true)] {
        assert_eq!(s.chain.query::<R<bool>>(&s.creds, "status_bit", (list, index)), Ok(expected));
    }
    let words: R<Vec<u128>> = s.chain.query(&s.creds, "status_list_words", (list, 0u32, 2u32));
    assert_eq!(words, Ok(vec![1 << 3, 1 << 2]));
    let last: R<Vec<u128>> = s.chain.query(&s.creds, "status_list_words", (list, 1023u32, 1u32));
    assert_eq!(last, Ok(vec![1 << 127]));
    // revocation bits cannot be cleared; strangers cannot write
    assert_eq!(
        s.chain.call::<R<()>>(&s.creds, ISSUER_KEY, "update_status_list", (s.issuer, list, vec![3u32], false)).value,
        Err(CredentialError::RevocationIsPermanent)
    );
    assert_eq!(
        s.chain.call::<R<()>>(&s.creds, OTHER, "update_status_list", (s.issuer, list, vec![5u32], true)).value,
        Err(CredentialError::NotAuthorizedForIssuer)
    );
    assert_eq!(s.chain.query::<R<bool>>(&s.creds, "status_bit", (list, 3u32)), Ok(true));
}

fn a_merkle_disclosure_proof_verifies_and_a_forged_one_is_rejected(chain: Chain) {
    let mut s = suite(chain);
    let claims: [(&[u8], &[u8]); 4] = [
        (b"age_over_18", b"true"),
        (b"nationality", b"DE"),
        (b"name", b"Erika Mustermann"),
        (b"birthdate", b"1990-01-01"),
    ];
    let digests: Vec<[u8; 32]> = claims
        .iter()
        .enumerate()
        .map(|(i, (name, value))| claim_digest(&[i as u8 + 1; 16], name, value))
        .collect();
    let (root, proofs) = claims_tree(&digests);
    let req = request(5, s.schema, Some(root));
    assert_eq!(s.chain.call::<R<()>>(&s.creds, ISSUER_KEY, "issue", (s.issuer, req)).value, Ok(()));
    // the holder proves age_over_18 only
    let ok: R<bool> = s.chain.query(&s.creds, "verify_disclosure", ([5u8; 32], digests[0], proofs[0].clone()));
    assert_eq!(ok, Ok(true));
    // a forged claim value with the same salt and proof fails
    let forged = claim_digest(&[1; 16], b"age_over_18", b"false");
    let bad: R<bool> = s.chain.query(&s.creds, "verify_disclosure", ([5u8; 32], forged, proofs[0].clone()));
    assert_eq!(bad, Ok(false));
    // a tampered proof fails
    let mut tampered = proofs[0].clone();
    tampered[0][0] ^= 1;
    let bad: R<bool> = s.chain.query(&s.creds, "verify_disclosure", ([5u8; 32], digests[0], tampered));
    assert_eq!(bad, Ok(false));
}
