//! Sovra benchmark: weight (ref_time, proof_size) and storage deposit of the messages that
//! matter, measured by executing them in the in-process runtime against the built bundles, plus
//! each contract's Wasm size. Run with `scripts/bench.sh`; writes `target/bench/weights.md`.

use credential_registry::data::{claim_digest, claims_tree};
use sovra_e2e::*;
use sovra_traits::credential::*;
use sovra_traits::did::*;

struct Row {
    contract: &'static str,
    message: String,
    ref_time: u64,
    proof_size: u64,
    deposit: i128,
}

fn row<R>(rows: &mut Vec<Row>, contract: &'static str, message: &str, out: &Outcome<R>) {
    assert!(!out.reverted, "{message} reverted during the benchmark");
    rows.push(Row {
        contract,
        message: message.to_string(),
        ref_time: out.gas_consumed.ref_time(),
        proof_size: out.gas_consumed.proof_size(),
        deposit: out.storage_deposit,
    });
}

fn main() {
    let mut rows = Vec::new();
    let mut chain = Chain::sandbox();
    let did_bundle = Bundle::load("did_registry");
    let cred_bundle = Bundle::load("credential_registry");
    let dids = chain.deploy(&did_bundle, "new", [0xC1u8; 32], ALICE);
    let creds = chain.deploy(&cred_bundle, "new", (dids.address, ink_account(ALICE)), ALICE);

    // --- DID registry
    let out = chain.call::<Result<DidId, DidError>>(&dids, BOB, "create_did", [1u8; 32]);
    row(&mut rows, "did_registry", "create_did", &out);
    let issuer = out.value.expect("did");
    let key = account_key("assert-1", CHARLIE, &[Relationship::AssertionMethod], None);
    let out = chain.call::<Result<(), DidError>>(&dids, BOB, "add_verification_method", (issuer, key));
    row(&mut rows, "did_registry", "add_verification_method (Account key)", &out);
    let out = chain.call::<Result<(), DidError>>(
        &dids,
        BOB,
        "add_service",
        (issuer, Service { id: b"hub".to_vec(), service_type: b"LinkedDomains".to_vec(), endpoint: b"https://issuer.example".to_vec() }),
    );
    row(&mut rows, "did_registry", "add_service", &out);
    let out = chain.dry_run::<Result<DidDocument, DidError>>(&dids, ALICE, "resolve", issuer);
    row(&mut rows, "did_registry", "resolve (1 key, 1 service)", &out);
    let out = chain.dry_run::<bool>(&dids, ALICE, "DidRegistry::is_authorized", (issuer, ink_account(CHARLIE), Relationship::AssertionMethod));
    row(&mut rows, "did_registry", "is_authorized (via Account key)", &out);

    // --- credential registry
    let out = chain.call::<Result<SchemaId, CredentialError>>(&creds, EVE, "register_schema", ([7u8; 32], b"KYC".to_vec(), b"ipfs://kyc".to_vec(), true));
    row(&mut rows, "credential_registry", "register_schema", &out);
    let schema = out.value.expect("schema");
    let out = chain.call::<Result<(), CredentialError>>(&creds, ALICE, "add_trusted_issuer", (schema, issuer));
    row(&mut rows, "credential_registry", "add_trusted_issuer", &out);
    let digests: Vec<[u8; 32]> = (0..8u8).map(|i| claim_digest(&[i; 16], b"claim", &[i])).collect();
    let (root, proofs) = claims_tree(&digests);
    let request = |id: u8| IssueRequest {
        credential: [id; 32],
        schema,
        subject_account: Some(ink_account(DAVE)),
        subject_did: None,
        expires_at: None,
        claims_root: Some(root),
        revocation: None,
        suspension: None,
    };
    let out = chain.call::<Result<(), CredentialError>>(&creds, CHARLIE, "issue", (issuer, request(1)));
    row(&mut rows, "credential_registry", "issue (DID check via cross-contract call)", &out);
    let out = chain.dry_run::<CredentialStatus>(&creds, ALICE, "CredentialVerifier::verify", (issuer, [1u8; 32]));
    assert_eq!(out.value, CredentialStatus::Valid);
    row(&mut rows, "credential_registry", "verify", &out);
    let out = chain.dry_run::<bool>(&creds, ALICE, "CredentialVerifier::has_valid_credential", (ink_account(DAVE), schema));
    assert!(out.value);
    row(&mut rows, "credential_registry", "has_valid_credential (1 trusted issuer)", &out);
    // the bound: 31 other issuers trusted for a schema before the one that gave the credential
    let out = chain.call::<Result<SchemaId, CredentialError>>(&creds, EVE, "register_schema", ([8u8; 32], b"Member".to_vec(), Vec::<u8>::new(), true));
    let crowded = out.value.expect("schema");
    for salt in 0..MAX_TRUSTED_ISSUERS as u8 - 1 {
        let other = chain.call::<Result<DidId, DidError>>(&dids, EVE, "create_did", [salt; 32]).value.expect("did");
        chain.call::<Result<(), CredentialError>>(&creds, ALICE, "add_trusted_issuer", (crowded, other));
    }
    chain.call::<Result<(), CredentialError>>(&creds, ALICE, "add_trusted_issuer", (crowded, issuer));
    let member = IssueRequest { schema: crowded, ..request(3) };
    assert!(!chain.call::<Result<(), CredentialError>>(&creds, CHARLIE, "issue", (issuer, member)).reverted);
    let out = chain.dry_run::<bool>(&creds, ALICE, "CredentialVerifier::has_valid_credential", (ink_account(DAVE), crowded));
    assert!(out.value);
    row(&mut rows, "credential_registry", "has_valid_credential (32 trusted issuers, the last one counts)", &out);
    let claim = Claim { salt: [3; 16], name: b"claim".to_vec(), value: vec![3] };
    let out = chain.dry_run::<Result<Presentation, CredentialError>>(&creds, DAVE, "verify_presentation", (issuer, [1u8; 32], claim, proofs[3].clone()));
    assert_eq!(out.value, Ok(Presentation { status: CredentialStatus::Valid, claim_valid: true }));
    row(&mut rows, "credential_registry", "verify_presentation (8 claims, 3-hash proof)", &out);
    let out = chain.call::<Result<ListId, CredentialError>>(&creds, CHARLIE, "create_status_list", (issuer, StatusPurpose::Revocation, MIN_STATUS_LIST_SIZE, false));
    row(&mut rows, "credential_registry", "create_status_list (131,072 entries)", &out);
    let list = out.value.expect("list");
    let bound = IssueRequest { revocation: Some(StatusEntry { list, index: 7 }), ..request(2) };
    let out = chain.call::<Result<(), CredentialError>>(&creds, CHARLIE, "issue", (issuer, bound));
    row(&mut rows, "credential_registry", "issue (bound to a revocation-list entry)", &out);
    let out = chain.dry_run::<CredentialStatus>(&creds, ALICE, "CredentialVerifier::verify", (issuer, [2u8; 32]));
    assert_eq!(out.value, CredentialStatus::Valid);
    row(&mut rows, "credential_registry", "verify (bound to a status-list entry)", &out);
    let out = chain.call::<Result<(), CredentialError>>(&creds, CHARLIE, "update_status_list", (issuer, list, vec![4242u32], true));
    row(&mut rows, "credential_registry", "update_status_list (1 index)", &out);
    let spread: Vec<u32> = (0..MAX_STATUS_UPDATES).map(|i| i * 2_000).collect();
    let out = chain.call::<Result<(), CredentialError>>(&creds, CHARLIE, "update_status_list", (issuer, list, spread, true));
    row(&mut rows, "credential_registry", "update_status_list (64 indices, 64 words)", &out);
    let out = chain.dry_run::<Result<bool, CredentialError>>(&creds, ALICE, "status_bit", (issuer, list, 4242u32));
    row(&mut rows, "credential_registry", "status_bit", &out);
    for id in 10..10 + MAX_BATCH as u8 {
        chain.call::<Result<(), CredentialError>>(&creds, CHARLIE, "issue", (issuer, request(id)));
    }
    let batch: Vec<CredentialHash> = (10..10 + MAX_BATCH as u8).map(|id| [id; 32]).collect();
    let out = chain.call::<Result<(), CredentialError>>(&creds, CHARLIE, "revoke", (issuer, batch, b"batch".to_vec()));
    row(&mut rows, "credential_registry", "revoke (batch of 32)", &out);

    let mut report = String::from("# Sovra benchmark\n\nWeights consumed in the in-process runtime (pallet-contracts 31, ink_sandbox 5.1.1); storage deposit in plancks (+ charged, − refunded).\n\n| contract | message | ref_time | proof_size (bytes) | storage deposit |\n|---|---|---:|---:|---:|\n");
    for r in &rows {
        report.push_str(&format!("| {} | {} | {} | {} | {} |\n", r.contract, r.message, r.ref_time, r.proof_size, r.deposit));
    }
    report.push_str("\n| contract | Wasm bytes |\n|---|---:|\n");
    for bundle in [&did_bundle, &cred_bundle] {
        report.push_str(&format!("| {} | {} |\n", bundle.name, bundle.wasm.len()));
    }
    let dir = ink_dir().join("../bench");
    std::fs::create_dir_all(&dir).expect("bench dir");
    std::fs::write(dir.join("weights.md"), &report).expect("write report");
    print!("{report}");
}
