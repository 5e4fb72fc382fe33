//! End-to-end tests of the credential registry with the real DID registry deployed next to it:
//! every issuer check is a cross-contract call through the `DidRegistry` interface. Each test
//! runs in the in-process runtime (`sandbox::*`) and on the local node (`node::*`).

use credential_registry::data::{claim_digest, claims_tree};
use sovra_e2e::*;
use credential_registry::events::*;
use did_registry::events::MethodCompromised;
use sovra_interfaces::credential::*;
use sovra_interfaces::did::*;
use credential_registry::CredentialRegistryRef;
use did_registry::DidRegistryContractRef;
use sovra_interfaces::credential::CredentialVerifier;

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
    let dids = chain.deploy(&bundle("did_registry"), "new", [0xC1u8; 32], ADMIN);
    let creds = chain.deploy(&bundle("credential_registry"), "new", (dids.address, ink_account(ADMIN)), ADMIN);
    assert_eq!(chain.read(creds.calls::<CredentialRegistryRef>().did_registry()), dids.address);
    let issuer = chain
        .call(ISSUER_ORG, dids.calls::<DidRegistryContractRef>().create_did([1u8; 32]))
        .value
        .expect("issuer DID");
    let key = account_key("assert-1", ISSUER_KEY, &[Relationship::AssertionMethod], None);
    assert_eq!(chain.call(ISSUER_ORG, dids.calls::<DidRegistryContractRef>().add_verification_method(issuer, key)).value, Ok(()));
    let out = chain.call(OTHER, creds.calls::<CredentialRegistryRef>().register_schema([7u8; 32], b"KYC".to_vec(), b"ipfs://kyc".to_vec(), true));
    let schema = out.value.expect("schema");
    assert_eq!(out.events_of::<SchemaRegistered>(&creds).len(), 1);
    let out = chain.call(ADMIN, creds.calls::<CredentialRegistryRef>().add_trusted_issuer(schema, issuer));
    assert_eq!(out.value, Ok(()));
    assert_eq!(out.events_of::<TrustedIssuerAdded>(&creds), vec![TrustedIssuerAdded { schema, issuer, epoch: 1 }]);
    Suite { chain, dids, creds, issuer, schema }
}

e2e_tests!(
    an_account_assertion_key_issues_and_a_verifier_checks_status_changes,
    an_expired_key_or_one_without_assertion_method_cannot_issue,
    a_deactivated_issuer_did_issues_nothing_and_its_credentials_verify_invalid,
    an_untrusted_issuer_gives_no_valid_credential,
    status_list_update_and_read_back,
    a_holder_presents_one_claim_and_nobody_else_can_replay_it,
    a_squatter_cannot_take_an_issuers_credential_hash,
    a_second_trusted_issuer_cannot_shadow_a_valid_credential,
    revoking_through_the_status_list_is_seen_by_verifiers,
    credentials_of_a_compromised_key_are_rejected_from_the_compromise_on,
);

fn request(id: u8, schema: SchemaId, claims_root: Option<[u8; 32]>) -> IssueRequest {
    IssueRequest { claims_root, ..account_credential(id, schema, HOLDER) }
}

impl Suite {
    fn issue(&mut self, who: [u8; 32], id: u8) -> Outcome<R<()>> {
        let req = request(id, self.schema, None);
        self.chain.call(who, self.creds.calls::<CredentialRegistryRef>().issue(self.issuer, req))
    }
    fn verify(&mut self, id: u8) -> CredentialStatus {
        self.verify_of(self.issuer, id)
    }
    fn verify_of(&mut self, issuer: DidId, id: u8) -> CredentialStatus {
        self.chain.read(self.creds.calls::<CredentialRegistryRef>().verify(issuer, [id; 32]))
    }
    /// A second issuer DID (controlled by OTHER, who issues with it directly).
    fn other_issuer(&mut self, salt: u8) -> DidId {
        self.chain.call(OTHER, self.dids.calls::<DidRegistryContractRef>().create_did([salt; 32])).value.expect("DID")
    }
    fn holder_valid(&mut self) -> bool {
        self.chain.read(self.creds.calls::<CredentialRegistryRef>().has_valid_credential(ink_account(HOLDER), self.schema))
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
            issuer: s.issuer,
            credential: [1; 32],
            subject_account: Some(ink_account(HOLDER)),
            schema: s.schema,
            subject_did: None,
            issued_by: Authority::Method(b"assert-1".to_vec()),
            expires_at: None,
            claims_root: None,
            revocation: None,
            suspension: None,
        }]
    );
    // indexers can filter it by issuer, credential and subject account
    // (an `Option` topic is its value when `Some`, 32 zero bytes when `None`)
    assert_eq!(
        out.topics_of::<CredentialIssued>(&s.creds),
        vec![vec![signature_topic::<CredentialIssued>(), s.issuer, [1; 32], HOLDER]]
    );
    // then verifiers and contracts see it valid
    assert_eq!(s.verify(1), CredentialStatus::Valid);
    assert!(s.holder_valid());
    let record: R<CredentialRecord> = s.chain.read(s.creds.calls::<CredentialRegistryRef>().credential(s.issuer, [1u8; 32]));
    assert_eq!(record.unwrap().issued_by, Authority::Method(b"assert-1".to_vec()));
    // suspend → reinstate → revoke, each seen by the verifier
    let out = s.chain.call(ISSUER_KEY, s.creds.calls::<CredentialRegistryRef>().suspend(s.issuer, vec![[1u8; 32]], b"review".to_vec()));
    assert_eq!(out.value, Ok(()));
    assert_eq!(out.events_of::<CredentialStateChanged>(&s.creds)[0].state, CredentialState::Suspended(b"review".to_vec()));
    assert_eq!(s.verify(1), CredentialStatus::Suspended(b"review".to_vec()));
    assert!(!s.holder_valid());
    assert_eq!(s.chain.call(ISSUER_KEY, s.creds.calls::<CredentialRegistryRef>().reinstate(s.issuer, vec![[1u8; 32]])).value, Ok(()));
    assert_eq!(s.verify(1), CredentialStatus::Valid);
    assert_eq!(s.chain.call(ISSUER_ORG, s.creds.calls::<CredentialRegistryRef>().revoke(s.issuer, vec![[1u8; 32]], b"fraud".to_vec())).value, Ok(()));
    assert_eq!(s.verify(1), CredentialStatus::Revoked(b"fraud".to_vec()));
    let out = s.chain.call(ISSUER_KEY, s.creds.calls::<CredentialRegistryRef>().reinstate(s.issuer, vec![[1u8; 32]]));
    assert_eq!(out.value, Err(CredentialError::AlreadyRevoked));
    assert!(out.reverted);
    assert_eq!(s.verify(9), CredentialStatus::Unknown);
}

fn an_expired_key_or_one_without_assertion_method_cannot_issue(chain: Chain) {
    let mut s = suite(chain);
    // a key with authentication only
    let auth_only = account_key("auth", OTHER, &[Relationship::Authentication], None);
    assert_eq!(
        s.chain.call(ISSUER_ORG, s.dids.calls::<DidRegistryContractRef>().add_verification_method(s.issuer, auth_only)).value,
        Ok(())
    );
    let out = s.issue(OTHER, 1);
    assert_eq!(out.value, Err(CredentialError::NotAuthorizedForIssuer));
    assert!(out.reverted);
    // the assertion key expires (rotation without a successor)
    let until = s.chain.now() + 6_000;
    assert_eq!(
        s.chain
            .call(ISSUER_ORG, s.dids.calls::<DidRegistryContractRef>().set_method_validity(s.issuer, b"assert-1".to_vec(), None::<u64>, Some(until)))
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
    assert_eq!(s.chain.call(ISSUER_ORG, s.dids.calls::<DidRegistryContractRef>().deactivate(s.issuer)).value, Ok(()));
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
        s.chain.call(OTHER, s.creds.calls::<CredentialRegistryRef>().remove_trusted_issuer(s.schema, s.issuer)).value,
        Err(CredentialError::MissingRole)
    );
    let out = s.chain.call(ADMIN, s.creds.calls::<CredentialRegistryRef>().remove_trusted_issuer(s.schema, s.issuer));
    assert_eq!(out.events_of::<TrustedIssuerRemoved>(&s.creds).len(), 1);
    assert!(!s.holder_valid());
    assert_eq!(s.verify(1), CredentialStatus::IssuerNotTrusted);
    assert!(s.chain.read(s.creds.calls::<CredentialRegistryRef>().trusted_issuers(s.schema)).is_empty());
}

fn status_list_update_and_read_back(chain: Chain) {
    let mut s = suite(chain);
    let out = s.chain.call(ISSUER_KEY, s.creds.calls::<CredentialRegistryRef>().create_status_list(s.issuer, StatusPurpose::Revocation, MIN_STATUS_LIST_SIZE, false));
    let list = out.value.expect("list");
    assert_eq!(out.events_of::<StatusListCreated>(&s.creds)[0].size, MIN_STATUS_LIST_SIZE);
    let indices = vec![3u32, 130, 131_071];
    let out = s.chain.call(ISSUER_KEY, s.creds.calls::<CredentialRegistryRef>().update_status_list(s.issuer, list, indices.clone(), true));
    assert_eq!(out.value, Ok(()));
    assert_eq!(
        out.events_of::<StatusListUpdated>(&s.creds),
        vec![StatusListUpdated { issuer: s.issuer, list, indices, value: true }]
    );
    for (index, expected) in [(3u32, true), (4, false), (130, true), (131_071, true)] {
        assert_eq!(s.chain.read(s.creds.calls::<CredentialRegistryRef>().status_bit(s.issuer, list, index)), Ok(expected));
    }
    let words: R<Vec<u128>> = s.chain.read(s.creds.calls::<CredentialRegistryRef>().status_list_words(s.issuer, list, 0u32, 2u32));
    assert_eq!(words, Ok(vec![1 << 3, 1 << 2]));
    let last: R<Vec<u128>> = s.chain.read(s.creds.calls::<CredentialRegistryRef>().status_list_words(s.issuer, list, 1023u32, 1u32));
    assert_eq!(last, Ok(vec![1 << 127]));
    // revocation bits cannot be cleared; strangers cannot write
    assert_eq!(
        s.chain.call(ISSUER_KEY, s.creds.calls::<CredentialRegistryRef>().update_status_list(s.issuer, list, vec![3u32], false)).value,
        Err(CredentialError::RevocationIsPermanent)
    );
    assert_eq!(
        s.chain.call(OTHER, s.creds.calls::<CredentialRegistryRef>().update_status_list(s.issuer, list, vec![5u32], true)).value,
        Err(CredentialError::NotAuthorizedForIssuer)
    );
    assert_eq!(s.chain.read(s.creds.calls::<CredentialRegistryRef>().status_bit(s.issuer, list, 3u32)), Ok(true));
    // its reader sees whether the issuer DID is still active
    let view: R<StatusListView> = s.chain.read(s.creds.calls::<CredentialRegistryRef>().status_list(s.issuer, list));
    assert!(view.unwrap().issuer_active);
    assert_eq!(s.chain.call(ISSUER_ORG, s.dids.calls::<DidRegistryContractRef>().deactivate(s.issuer)).value, Ok(()));
    let view: R<StatusListView> = s.chain.read(s.creds.calls::<CredentialRegistryRef>().status_list(s.issuer, list));
    assert!(!view.unwrap().issuer_active);
}

/// Item 4: a presentation is checked with its status and bound to its holder.
fn a_holder_presents_one_claim_and_nobody_else_can_replay_it(chain: Chain) {
    let mut s = suite(chain);
    let claims: Vec<Claim> = [
        (&b"age_over_18"[..], &b"true"[..]),
        (b"nationality", b"DE"),
        (b"name", b"Erika Mustermann"),
        (b"birthdate", b"1990-01-01"),
    ]
    .iter()
    .enumerate()
    .map(|(i, (name, value))| Claim { salt: [i as u8 + 1; 16], name: name.to_vec(), value: value.to_vec() })
    .collect();
    let digests: Vec<[u8; 32]> = claims.iter().map(|c| claim_digest(&c.salt, &c.name, &c.value)).collect();
    let (root, proofs) = claims_tree(&digests);
    let req = request(5, s.schema, Some(root));
    assert_eq!(s.chain.call(ISSUER_KEY, s.creds.calls::<CredentialRegistryRef>().issue(s.issuer, req)).value, Ok(()));
    let (creds, issuer) = (s.creds.clone(), s.issuer);
    let present = |claim: &Claim, proof: &Vec<[u8; 32]>| creds.calls::<CredentialRegistryRef>().verify_presentation(issuer, [5u8; 32], claim.clone(), proof.clone());
    // the holder proves age_over_18 only
    let ok: R<Presentation> = s.chain.dry_run(HOLDER, present(&claims[0], &proofs[0])).value;
    assert_eq!(ok, Ok(Presentation { status: CredentialStatus::Valid, claim_valid: true }));
    // anyone replaying the holder's calldata is refused
    let replay: R<Presentation> = s.chain.dry_run(OTHER, present(&claims[0], &proofs[0])).value;
    assert_eq!(replay, Err(CredentialError::NotHolder));
    // a forged claim value with the same salt and proof is not in the commitment
    let forged = Claim { value: b"false".to_vec(), ..claims[0].clone() };
    let bad: R<Presentation> = s.chain.dry_run(HOLDER, present(&forged, &proofs[0])).value;
    assert!(!bad.unwrap().claim_valid);
    // once revoked, the presentation says so
    assert_eq!(s.chain.call(ISSUER_KEY, s.creds.calls::<CredentialRegistryRef>().revoke(s.issuer, vec![[5u8; 32]], b"fraud".to_vec())).value, Ok(()));
    let revoked: R<Presentation> = s.chain.dry_run(HOLDER, present(&claims[0], &proofs[0])).value;
    assert_eq!(revoked, Ok(Presentation { status: CredentialStatus::Revoked(b"fraud".to_vec()), claim_valid: true }));
}

/// Item 1: an attacker anchors the hash an issuer is about to anchor, under its own DID.
fn a_squatter_cannot_take_an_issuers_credential_hash(chain: Chain) {
    let mut s = suite(chain);
    let squatter = s.other_issuer(9);
    let req = request(1, s.schema, None);
    assert_eq!(s.chain.call(OTHER, s.creds.calls::<CredentialRegistryRef>().issue(squatter, req)).value, Ok(()));
    // the real issuer anchors, and verifiers asking about the issuer's credential see its record
    assert_eq!(s.issue(ISSUER_KEY, 1).value, Ok(()));
    assert_eq!(s.verify(1), CredentialStatus::Valid);
    assert_eq!(s.verify_of(squatter, 1), CredentialStatus::IssuerNotTrusted);
    // the issuer revokes its own; the squatter cannot touch it
    let out = s.chain.call(OTHER, s.creds.calls::<CredentialRegistryRef>().suspend(s.issuer, vec![[1u8; 32]], Vec::<u8>::new()));
    assert_eq!(out.value, Err(CredentialError::NotAuthorizedForIssuer));
    assert_eq!(s.chain.call(ISSUER_KEY, s.creds.calls::<CredentialRegistryRef>().revoke(s.issuer, vec![[1u8; 32]], b"x".to_vec())).value, Ok(()));
    assert_eq!(s.verify(1), CredentialStatus::Revoked(b"x".to_vec()));
    // status lists are numbered per issuer: the squatter's first list does not take the issuer's
    let list = |s: &mut Suite, who: [u8; 32], issuer: DidId| {
        s.chain.call(who, s.creds.calls::<CredentialRegistryRef>().create_status_list(issuer, StatusPurpose::Revocation, 128u32, true)).value
    };
    assert_eq!(list(&mut s, OTHER, squatter), Ok(0));
    let issuer = s.issuer;
    assert_eq!(list(&mut s, ISSUER_KEY, issuer), Ok(0));
}

/// Item 2: a second trusted issuer's short-lived or suspended credential does not hide the
/// subject's valid one from the first.
fn a_second_trusted_issuer_cannot_shadow_a_valid_credential(chain: Chain) {
    let mut s = suite(chain);
    assert_eq!(s.issue(ISSUER_KEY, 1).value, Ok(()));
    let second = s.other_issuer(8);
    assert_eq!(s.chain.call(ADMIN, s.creds.calls::<CredentialRegistryRef>().add_trusted_issuer(s.schema, second)).value, Ok(()));
    let req = request(2, s.schema, None);
    assert_eq!(s.chain.call(OTHER, s.creds.calls::<CredentialRegistryRef>().issue(second, req)).value, Ok(()));
    assert_eq!(s.chain.call(OTHER, s.creds.calls::<CredentialRegistryRef>().suspend(second, vec![[2u8; 32]], b"s".to_vec())).value, Ok(()));
    assert!(s.holder_valid());
    assert_eq!(s.chain.call(ADMIN, s.creds.calls::<CredentialRegistryRef>().remove_trusted_issuer(s.schema, second)).value, Ok(()));
    assert!(s.holder_valid());
    // with the first credential suspended, nothing valid remains
    assert_eq!(s.chain.call(ISSUER_KEY, s.creds.calls::<CredentialRegistryRef>().suspend(s.issuer, vec![[1u8; 32]], b"s".to_vec())).value, Ok(()));
    assert!(!s.holder_valid());
}

/// Item 3: an issuer revokes the W3C way, through its status list; verifiers and
/// `has_valid_credential` see it, and `revoke` of a bound credential sets its bit.
fn revoking_through_the_status_list_is_seen_by_verifiers(chain: Chain) {
    let mut s = suite(chain);
    let create = |s: &mut Suite, purpose: StatusPurpose| {
        let issuer = s.issuer;
        s.chain.call(ISSUER_KEY, s.creds.calls::<CredentialRegistryRef>().create_status_list(issuer, purpose, 256u32, true)).value.expect("list")
    };
    let revocation = create(&mut s, StatusPurpose::Revocation);
    let suspension = create(&mut s, StatusPurpose::Suspension);
    for (id, index) in [(1u8, 10u32), (2, 11)] {
        let mut req = request(id, s.schema, None);
        req.revocation = Some(StatusEntry { list: revocation, index });
        req.suspension = Some(StatusEntry { list: suspension, index });
        let out = s.chain.call(ISSUER_KEY, s.creds.calls::<CredentialRegistryRef>().issue(s.issuer, req));
        assert_eq!(out.value, Ok(()));
    }
    // an entry is bound to one credential only
    let mut dup = request(3, s.schema, None);
    dup.revocation = Some(StatusEntry { list: revocation, index: 10 });
    assert_eq!(s.chain.call(ISSUER_KEY, s.creds.calls::<CredentialRegistryRef>().issue(s.issuer, dup)).value, Err(CredentialError::EntryInUse));
    // suspension through the list
    assert_eq!(s.chain.call(ISSUER_KEY, s.creds.calls::<CredentialRegistryRef>().update_status_list(s.issuer, suspension, vec![10u32], true)).value, Ok(()));
    assert_eq!(s.verify(1), CredentialStatus::Suspended(vec![]));
    assert_eq!(s.chain.call(ISSUER_KEY, s.creds.calls::<CredentialRegistryRef>().update_status_list(s.issuer, suspension, vec![10u32], false)).value, Ok(()));
    assert_eq!(s.verify(1), CredentialStatus::Valid);
    // revocation through the list
    assert_eq!(s.chain.call(ISSUER_KEY, s.creds.calls::<CredentialRegistryRef>().update_status_list(s.issuer, revocation, vec![10u32], true)).value, Ok(()));
    assert_eq!(s.verify(1), CredentialStatus::Revoked(vec![]));
    // credential 2 (same holder) is still valid; revoking it with `revoke` sets its bit
    assert!(s.holder_valid());
    let out = s.chain.call(ISSUER_KEY, s.creds.calls::<CredentialRegistryRef>().revoke(s.issuer, vec![[2u8; 32]], b"r".to_vec()));
    assert_eq!(out.value, Ok(()));
    assert_eq!(
        out.events_of::<StatusListUpdated>(&s.creds),
        vec![StatusListUpdated { issuer: s.issuer, list: revocation, indices: vec![11], value: true }]
    );
    assert_eq!(s.chain.read(s.creds.calls::<CredentialRegistryRef>().status_bit(s.issuer, revocation, 11u32)), Ok(true));
    assert!(!s.holder_valid());
}

/// Item 5: the issuer's assertion key leaks; its controller marks it compromised since the
/// leak. Credentials it issued before stay valid, those after verify as compromised; a key
/// rotated away without compromise keeps its credentials valid.
fn credentials_of_a_compromised_key_are_rejected_from_the_compromise_on(chain: Chain) {
    let mut s = suite(chain);
    // rotation without compromise: a second key issues, then is removed
    let key2 = account_key("assert-2", HOLDER, &[Relationship::AssertionMethod], None);
    assert_eq!(s.chain.call(ISSUER_ORG, s.dids.calls::<DidRegistryContractRef>().add_verification_method(s.issuer, key2)).value, Ok(()));
    assert_eq!(s.issue(HOLDER, 7).value, Ok(()));
    assert_eq!(
        s.chain.call(ISSUER_ORG, s.dids.calls::<DidRegistryContractRef>().remove_verification_method(s.issuer, b"assert-2".to_vec())).value,
        Ok(())
    );
    assert_eq!(s.verify(7), CredentialStatus::Valid);
    // assert-1 issues before and after the leak
    assert_eq!(s.issue(ISSUER_KEY, 1).value, Ok(()));
    s.chain.advance_time(2_000);
    let leak = s.chain.now();
    s.chain.advance_time(2_000);
    assert_eq!(s.issue(ISSUER_KEY, 2).value, Ok(()));
    let out = s.chain.call(ISSUER_ORG, s.dids.calls::<DidRegistryContractRef>().mark_compromised(s.issuer, b"assert-1".to_vec(), leak));
    assert_eq!(out.value, Ok(()));
    assert_eq!(out.events_of::<MethodCompromised>(&s.dids)[0].since, leak);
    assert_eq!(s.verify(1), CredentialStatus::Valid);
    assert_eq!(s.verify(2), CredentialStatus::IssuerKeyCompromised);
    assert_eq!(s.verify(7), CredentialStatus::Valid);
    // the compromised key issues nothing more
    assert_eq!(s.issue(ISSUER_KEY, 3).value, Err(CredentialError::NotAuthorizedForIssuer));
    let doc: Result<DidDocument, DidError> = s.chain.read(s.dids.calls::<DidRegistryContractRef>().resolve(s.issuer));
    assert_eq!(doc.unwrap().compromised, vec![CompromisedKey { method_id: b"assert-1".to_vec(), since: leak }]);
}
