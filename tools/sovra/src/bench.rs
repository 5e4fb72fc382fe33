//! Sovra benchmark: weight (ref_time, proof_size) and storage deposit of the messages that
//! matter, measured by executing them in the in-process runtime against the built bundles, plus
//! each contract's Wasm size. Run with `scripts/bench.sh`; writes `target/bench/weights.md`.

use credential_registry::data::{claim_digest, claims_tree};
use nft::data::Royalty;
use crate::prelude::*;
use sovra_interfaces::compliance::ComplianceGate;
use sovra_interfaces::credential::*;
use sovra_interfaces::did::*;
use sovra_interfaces::psp34::Id;
use sovra_interfaces::governance::{Action, CountingMode, GovernorSettings, ProposalId, Support};
use credential_registry::CredentialRegistryRef;
use did_registry::DidRegistryContractRef;
use governor::GovernorRef;
use nft::NftRef;
use token::TokenRef;
use vault::VaultRef;
use psp22::PSP22;
use sovra_interfaces::access::AccessControl;
use sovra_interfaces::psp34::PSP34;
use sovra_interfaces::psp34::PSP34Mintable;
use sovra_interfaces::votes::Votes;
use sovra_interfaces::credential::CredentialVerifier;
use sovra_interfaces::did::DidRegistry;

struct Row {
    contract: &'static str,
    message: String,
    ref_time: u64,
    proof_size: u64,
    deposit: i128,
}

fn row<R>(rows: &mut Vec<Row>, contract: &'static str, message: &str, out: &Outcome<R>) {
    assert!(!out.reverted, "a message reverted during the benchmark");
    rows.push(Row {
        contract,
        message: message.to_string(),
        ref_time: out.gas_consumed.ref_time(),
        proof_size: out.gas_consumed.proof_size(),
        deposit: out.storage_deposit,
    });
}

/// `sovra bench`.
pub fn main(args: Vec<String>) {
    if let Some(other) = args.first() {
        eprintln!("sovra bench: unknown argument {other}");
        std::process::exit(2);
    }
    let mut rows = Vec::new();
    let mut chain = Chain::sandbox();
    let did_bundle = bundle("did_registry");
    let cred_bundle = bundle("credential_registry");
    let dids = chain.deploy(&did_bundle, "new", [0xC1u8; 32], ALICE);
    let creds = chain.deploy(&cred_bundle, "new", (dids.address, ink_account(ALICE)), ALICE);

    // --- DID registry
    let out = chain.call(BOB, dids.calls::<DidRegistryContractRef>().create_did([1u8; 32]));
    row(&mut rows, "did_registry", "create_did", &out);
    let issuer = out.value.expect("did");
    let key = account_key("assert-1", CHARLIE, &[Relationship::AssertionMethod], None);
    let out = chain.call(BOB, dids.calls::<DidRegistryContractRef>().add_verification_method(issuer, key));
    row(&mut rows, "did_registry", "add_verification_method (Account key)", &out);
    let out = chain.call(BOB, dids.calls::<DidRegistryContractRef>().add_service(issuer, Service { id: b"hub".to_vec(), service_type: b"LinkedDomains".to_vec(), endpoint: b"https://issuer.example".to_vec() }));
    row(&mut rows, "did_registry", "add_service", &out);
    let out = chain.dry_run(ALICE, dids.calls::<DidRegistryContractRef>().resolve(issuer));
    row(&mut rows, "did_registry", "resolve (1 key, 1 service)", &out);
    let out = chain.dry_run(ALICE, dids.calls::<DidRegistryContractRef>().is_authorized(issuer, ink_account(CHARLIE), Relationship::AssertionMethod));
    row(&mut rows, "did_registry", "is_authorized (via Account key)", &out);

    // --- credential registry
    let out = chain.call(EVE, creds.calls::<CredentialRegistryRef>().register_schema([7u8; 32], b"KYC".to_vec(), b"ipfs://kyc".to_vec(), true));
    row(&mut rows, "credential_registry", "register_schema", &out);
    let schema = out.value.expect("schema");
    let out = chain.call(ALICE, creds.calls::<CredentialRegistryRef>().add_trusted_issuer(schema, issuer));
    row(&mut rows, "credential_registry", "add_trusted_issuer", &out);
    let digests: Vec<[u8; 32]> = (0..8u8).map(|i| claim_digest(&[i; 16], b"claim", &[i])).collect();
    let (root, proofs) = claims_tree(&digests);
    let request = |id: u8| IssueRequest { claims_root: Some(root), ..account_credential(id, schema, DAVE) };
    let out = chain.call(CHARLIE, creds.calls::<CredentialRegistryRef>().issue(issuer, request(1)));
    row(&mut rows, "credential_registry", "issue (DID check via cross-contract call)", &out);
    let out = chain.dry_run(ALICE, creds.calls::<CredentialRegistryRef>().verify(issuer, [1u8; 32]));
    assert_eq!(out.value, CredentialStatus::Valid);
    row(&mut rows, "credential_registry", "verify", &out);
    let out = chain.dry_run(ALICE, creds.calls::<CredentialRegistryRef>().has_valid_credential(ink_account(DAVE), schema));
    assert!(out.value);
    row(&mut rows, "credential_registry", "has_valid_credential (1 trusted issuer)", &out);
    // the same, at a past block (the governor's snapshot check)
    chain.advance_blocks(1);
    let snapshot = chain.block() - 1;
    let out = chain.dry_run(ALICE, creds.calls::<CredentialRegistryRef>().has_valid_credential_at(ink_account(DAVE), schema, snapshot));
    assert!(out.value);
    row(&mut rows, "credential_registry", "has_valid_credential_at (1 trusted issuer)", &out);
    // the bound: 31 other issuers trusted for a schema before the one that gave the credential
    let out = chain.call(EVE, creds.calls::<CredentialRegistryRef>().register_schema([8u8; 32], b"Member".to_vec(), Vec::<u8>::new(), true));
    let crowded = out.value.expect("schema");
    for salt in 0..MAX_TRUSTED_ISSUERS as u8 - 1 {
        let other = chain.call(EVE, dids.calls::<DidRegistryContractRef>().create_did([salt; 32])).value.expect("did");
        chain.call(ALICE, creds.calls::<CredentialRegistryRef>().add_trusted_issuer(crowded, other));
    }
    chain.call(ALICE, creds.calls::<CredentialRegistryRef>().add_trusted_issuer(crowded, issuer));
    let member = IssueRequest { schema: crowded, ..request(3) };
    assert!(!chain.call(CHARLIE, creds.calls::<CredentialRegistryRef>().issue(issuer, member)).reverted);
    let out = chain.dry_run(ALICE, creds.calls::<CredentialRegistryRef>().has_valid_credential(ink_account(DAVE), crowded));
    assert!(out.value);
    row(&mut rows, "credential_registry", "has_valid_credential (32 trusted issuers, the last one counts)", &out);
    let claim = Claim { salt: [3; 16], name: b"claim".to_vec(), value: vec![3] };
    let out = chain.dry_run(DAVE, creds.calls::<CredentialRegistryRef>().verify_presentation(issuer, [1u8; 32], claim, proofs[3].clone()));
    assert_eq!(out.value, Ok(Presentation { status: CredentialStatus::Valid, claim_valid: true }));
    row(&mut rows, "credential_registry", "verify_presentation (8 claims, 3-hash proof)", &out);
    let out = chain.call(CHARLIE, creds.calls::<CredentialRegistryRef>().create_status_list(issuer, StatusPurpose::Revocation, MIN_STATUS_LIST_SIZE, false));
    row(&mut rows, "credential_registry", "create_status_list (131,072 entries)", &out);
    let list = out.value.expect("list");
    let bound = IssueRequest { revocation: Some(StatusEntry { list, index: 7 }), ..request(2) };
    let out = chain.call(CHARLIE, creds.calls::<CredentialRegistryRef>().issue(issuer, bound));
    row(&mut rows, "credential_registry", "issue (bound to a revocation-list entry)", &out);
    let out = chain.dry_run(ALICE, creds.calls::<CredentialRegistryRef>().verify(issuer, [2u8; 32]));
    assert_eq!(out.value, CredentialStatus::Valid);
    row(&mut rows, "credential_registry", "verify (bound to a status-list entry)", &out);
    let out = chain.call(CHARLIE, creds.calls::<CredentialRegistryRef>().update_status_list(issuer, list, vec![4242u32], true));
    row(&mut rows, "credential_registry", "update_status_list (1 index)", &out);
    let spread: Vec<u32> = (0..MAX_STATUS_UPDATES).map(|i| i * 2_000).collect();
    let out = chain.call(CHARLIE, creds.calls::<CredentialRegistryRef>().update_status_list(issuer, list, spread, true));
    row(&mut rows, "credential_registry", "update_status_list (64 indices, 64 words)", &out);
    let out = chain.dry_run(ALICE, creds.calls::<CredentialRegistryRef>().status_bit(issuer, list, 4242u32));
    row(&mut rows, "credential_registry", "status_bit", &out);
    for id in 10..10 + MAX_BATCH as u8 {
        chain.call(CHARLIE, creds.calls::<CredentialRegistryRef>().issue(issuer, request(id)));
    }
    let batch: Vec<CredentialHash> = (10..10 + MAX_BATCH as u8).map(|id| [id; 32]).collect();
    let out = chain.call(CHARLIE, creds.calls::<CredentialRegistryRef>().revoke(issuer, batch, b"batch".to_vec()));
    row(&mut rows, "credential_registry", "revoke (batch of 32)", &out);
    // membership at a past block with 32 issuers trusted then, and after 100 status changes of
    // the credential (binary search over its status log)
    chain.advance_blocks(1);
    let past = chain.block() - 1;
    let at = |chain: &mut Chain, block: u32| {
        let out = chain.dry_run(ALICE, creds.calls::<CredentialRegistryRef>().has_valid_credential_at(ink_account(DAVE), crowded, block));
        assert!(out.value, "a member at block {block}");
        out
    };
    let out = at(&mut chain, past);
    row(&mut rows, "credential_registry", "has_valid_credential_at (32 trusted issuers, the last one counts)", &out);
    for _ in 0..50 {
        let mut calls = creds.calls::<CredentialRegistryRef>();
        ok(&mut chain, CHARLIE, calls.suspend(issuer, vec![[3u8; 32]], b"s".to_vec()));
        chain.advance_blocks(1);
        ok(&mut chain, CHARLIE, calls.reinstate(issuer, vec![[3u8; 32]]));
        chain.advance_blocks(1);
    }
    let out = at(&mut chain, past);
    row(&mut rows, "credential_registry", "has_valid_credential_at (32 issuers, 100 status changes since)", &out);

    let tokens = tokens(&mut rows, &mut chain, &creds, schema, issuer);
    let governance = governor(&mut rows, &mut chain, &creds, schema);
    let vaulting = vault(&mut rows, &mut chain);

    let mut report = String::from("# Sovra benchmark\n\nWeights consumed in the in-process runtime (pallet-contracts 31, ink_sandbox 5.1.1); storage deposit in plancks (+ charged, − refunded).\n\n| contract | message | ref_time | proof_size (bytes) | storage deposit |\n|---|---|---:|---:|---:|\n");
    for r in &rows {
        report.push_str(&format!("| {} | {} | {} | {} | {} |\n", r.contract, r.message, r.ref_time, r.proof_size, r.deposit));
    }
    report.push_str("\n| contract | Wasm bytes |\n|---|---:|\n");
    for bundle in [&did_bundle, &cred_bundle, &bundle("token"), &bundle("nft"), &bundle("governor"), &bundle("vault"), &bundle("psp22")] {
        report.push_str(&format!("| {} | {} |\n", bundle.name, bundle.wasm.len()));
    }
    report.push_str(&tokens);
    report.push_str(&governance);
    report.push_str(&vaulting);
    let dir = ink_dir().join("../bench");
    std::fs::create_dir_all(&dir).expect("bench dir");
    std::fs::write(dir.join("weights.md"), &report).expect("write report");
    print!("{report}");
}



/// Weight of a committed call that must succeed.
fn ok<M: Message>(chain: &mut Chain, origin: [u8; 32], message: M) -> Outcome<M::Output> {
    let out = chain.call(origin, message);
    assert!(!out.reverted, "a message reverted during the benchmark");
    out
}

fn ratio(a: u64, b: u64) -> String {
    format!("{:.2}×", a as f64 / b as f64)
}

/// The token and NFT rows, side by side with Cardinal's reference PSP22 contract (the `psp22`
/// 2.0 crate's own contract, built from the crate), and the ratios the issue sets targets for.
fn tokens(rows: &mut Vec<Row>, chain: &mut Chain, creds: &Contract, schema: SchemaId, issuer: DidId) -> String {
    let reference = chain.deploy(&bundle("psp22"), "new", (1_000_000_000u128, Some(String::from("Ref")), Some(String::from("REF")), 12u8), ALICE);
    let token_bundle = bundle("token");
    // (the supply differs per deployment: same code, deployer and arguments would be the same
    // address)
    let deployed = std::cell::Cell::new(0u128);
    let deploy_token = |chain: &mut Chain, gate: Option<ComplianceGate>, deployer: [u8; 32]| {
        deployed.set(deployed.get() + 1);
        let args = (chain.genesis_hash(), Some(String::from("Sovra")), Some(String::from("SOV")), 12u8, 1_000_000_000u128 + deployed.get(), None::<u128>, gate);
        chain.deploy(&token_bundle, "new", args, deployer)
    };
    let new_token = |chain: &mut Chain, gate: Option<ComplianceGate>| deploy_token(chain, gate, ALICE);
    let token = new_token(chain, None);

    // Reference: Alice → Bob, Bob already holding (steady state).
    ok(chain, ALICE, reference.calls::<sovra_client::refs::PSP22>().transfer(ink_account(BOB), 10, Vec::<u8>::new()));
    let out = ok(chain, ALICE, reference.calls::<sovra_client::refs::PSP22>().transfer(ink_account(BOB), 10, Vec::<u8>::new()));
    row(rows, "psp22 (reference)", "transfer (to a holder)", &out);
    let reference_transfer = out.gas_consumed;

    // The same one-read query on both: what the token's larger code costs every call.
    let reference_read = chain.dry_run(ALICE, reference.calls::<sovra_client::refs::PSP22>().balance_of(ink_account(BOB)));
    row(rows, "psp22 (reference)", "balance_of (one storage read)", &reference_read);
    let token_read = chain.dry_run(ALICE, token.calls::<TokenRef>().balance_of(ink_account(BOB)));
    row(rows, "token", "balance_of (one storage read)", &token_read);

    // Plain: Alice and Bob both delegate to Eve, so no votes move (no checkpoint is written).
    ok(chain, ALICE, token.calls::<TokenRef>().transfer(ink_account(BOB), 10, Vec::<u8>::new()));
    ok(chain, ALICE, token.calls::<TokenRef>().delegate(ink_account(EVE)));
    ok(chain, BOB, token.calls::<TokenRef>().delegate(ink_account(EVE)));
    chain.advance_blocks(1);
    let out = ok(chain, ALICE, token.calls::<TokenRef>().transfer(ink_account(BOB), 10, Vec::<u8>::new()));
    row(rows, "token", "transfer, plain (one delegate for both: no votes move)", &out);
    let plain = out.gas_consumed;
    // Moving votes: Charlie and Dave are self-delegated holders (the default).
    ok(chain, ALICE, token.calls::<TokenRef>().transfer(ink_account(CHARLIE), 1_000, Vec::<u8>::new()));
    ok(chain, ALICE, token.calls::<TokenRef>().transfer(ink_account(DAVE), 1_000, Vec::<u8>::new()));
    chain.advance_blocks(1);
    let out = ok(chain, CHARLIE, token.calls::<TokenRef>().transfer(ink_account(DAVE), 10, Vec::<u8>::new()));
    row(rows, "token", "transfer, moving votes (2 checkpoints)", &out);
    let moving = out.gas_consumed;
    let out = ok(chain, CHARLIE, token.calls::<TokenRef>().delegate(ink_account(DAVE)));
    row(rows, "token", "delegate (moves the balance's votes)", &out);

    // Gated: receivers need a credential of `schema`: Dave holds one (issued above) and deploys
    // (the initial supply is gated too); Eve gets one now.
    // (Dave's newest credential of the schema was revoked above: he gets a new one; per issuer,
    // the newest counts.)
    for member in [DAVE, EVE] {
        ok(chain, CHARLIE, creds.calls::<CredentialRegistryRef>().issue(issuer, account_credential(member[0], schema, member)));
    }
    for member in [DAVE, EVE] {
        let holds = chain.read(creds.calls::<CredentialRegistryRef>().has_valid_credential(ink_account(member), schema));
        assert!(holds, "a member holds the credential");
    }
    let gated = deploy_token(chain, Some(ComplianceGate { registry: creds.address, schema }), DAVE);
    ok(chain, DAVE, gated.calls::<TokenRef>().transfer(ink_account(EVE), 1_000, Vec::<u8>::new()));
    chain.advance_blocks(1);
    let out = ok(chain, DAVE, gated.calls::<TokenRef>().transfer(ink_account(EVE), 10, Vec::<u8>::new()));
    row(rows, "token", "transfer, gated (moving votes + has_valid_credential)", &out);
    let gated_transfer = out.gas_consumed;
    let gate_query = chain.dry_run(ALICE, creds.calls::<CredentialRegistryRef>().has_valid_credential(ink_account(EVE), schema));
    assert!(gate_query.value);

    // get_past_votes over 1, 100 and 10,000 checkpoints (one per block), looking up the middle.
    let mut lookups = Vec::new();
    for (who, n) in [(CHARLIE, 1u32), (BOB, 100), (EVE, 10_000)] {
        let history = new_token(chain, None);
        let first = chain.block() + 1;
        for _ in 0..n {
            chain.advance_blocks(1);
            ok(chain, ALICE, history.calls::<TokenRef>().transfer(ink_account(who), 1, Vec::<u8>::new()));
        }
        chain.advance_blocks(1);
        assert_eq!(chain.read(history.calls::<TokenRef>().num_checkpoints(ink_account(who))), n);
        let middle = first + n / 2;
        let out = chain.dry_run(ALICE, history.calls::<TokenRef>().get_past_votes(ink_account(who), middle));
        assert!(out.value.is_ok());
        row(rows, "token", &format!("get_past_votes ({n} checkpoints, a middle block)"), &out);
        lookups.push((n, out.gas_consumed));
    }

    // NFT: mint and transfer between holders.
    let nft = chain.deploy(&bundle("nft"), "new", (false, None::<Royalty>, None::<ComplianceGate>), ALICE);
    ok(chain, ALICE, nft.calls::<NftRef>().mint(ink_account(BOB), Id::U32(1)));
    let out = ok(chain, ALICE, nft.calls::<NftRef>().mint(ink_account(BOB), Id::U32(2)));
    row(rows, "nft", "mint (to a holder)", &out);
    ok(chain, ALICE, nft.calls::<NftRef>().mint(ink_account(CHARLIE), Id::U32(3)));
    let out = ok(chain, BOB, nft.calls::<NftRef>().transfer(ink_account(CHARLIE), Id::U32(1), Vec::<u8>::new()));
    row(rows, "nft", "transfer (swap-and-remove enumeration)", &out);

    let rt = |w: sovra_client::Weight| w.ref_time();
    let ps = |w: sovra_client::Weight| w.proof_size();
    let mut out = String::from("\n## Token against the reference PSP22\n\n| figure | value | target |\n|---|---:|---|\n");
    out.push_str(&format!("| plain transfer / reference transfer, ref_time | {} | ≤ 1.30× |\n", ratio(rt(plain), rt(reference_transfer))));
    out.push_str(&format!("| transfer moving votes / reference transfer, ref_time | {} | ≤ 1.60× |\n", ratio(rt(moving), rt(reference_transfer))));
    out.push_str(&format!("| gated transfer / reference transfer, ref_time | {} | — |\n", ratio(rt(gated_transfer), rt(reference_transfer))));
    out.push_str(&format!("| plain transfer / reference transfer, proof_size | {} | — |\n", ratio(ps(plain), ps(reference_transfer))));
    out.push_str(&format!("| balance_of (one read) / reference balance_of, ref_time | {} | — |\n", ratio(rt(token_read.gas_consumed), rt(reference_read.gas_consumed))));
    out.push_str(&format!(
        "| plain transfer / reference transfer, ref_time, without the fixed per-call difference (token − reference balance_of) | {} | — |\n",
        ratio(rt(plain).saturating_sub(rt(token_read.gas_consumed).saturating_sub(rt(reference_read.gas_consumed))), rt(reference_transfer))
    ));
    let (_, at_100) = lookups[1];
    let (_, at_10k) = lookups[2];
    out.push_str(&format!("| get_past_votes 10,000 / 100 checkpoints, ref_time | {} | ≤ 2× |\n", ratio(rt(at_10k), rt(at_100))));
    let wasm = |name: &str| bundle(name).wasm.len() as u64;
    let (token_code, nft_code, creds_code, dids_code) = (token_bundle.wasm.len() as u64, wasm("nft"), wasm("credential_registry"), wasm("did_registry"));
    out.push_str(&format!("| token Wasm | {token_code} B | ≤ 28,672 B |\n| nft Wasm | {nft_code} B | ≤ 24,576 B |\n"));
    // The gated transfer's proof, split: each contract's code is in the proof whole; the rest
    // is storage and contract metadata.
    let gate_extra = ps(gated_transfer).saturating_sub(ps(moving));
    out.push_str("\n## Gated transfer: proof_size by contract\n\n| part | bytes |\n|---|---:|\n");
    out.push_str(&format!("| token: code | {token_code} |\n"));
    out.push_str(&format!("| token: storage and the rest | {} |\n", ps(moving).saturating_sub(token_code)));
    out.push_str(&format!("| credential registry: code | {creds_code} |\n"));
    out.push_str(&format!("| DID registry: code | {dids_code} |\n"));
    out.push_str(&format!("| both registries: storage and the rest | {} |\n", gate_extra.saturating_sub(creds_code + dids_code)));
    out.push_str(&format!("| **total** (ungated: {}) | {} |\n", ps(moving), ps(gated_transfer)));
    out.push_str(&format!("\n`has_valid_credential` asked directly: proof_size {}.\n", ps(gate_query.gas_consumed)));
    out
}

/// The governor's rows: propose (1 and 10 actions), cast_vote (token-weighted, member-gated),
/// queue, execute (1 and 10 actions), against a token transfer and the `get_past_votes` query
/// every vote makes. (Dave and Eve hold valid credentials of `schema` from the token rows.)
fn governor(rows: &mut Vec<Row>, chain: &mut Chain, creds: &Contract, schema: SchemaId) -> String {
    let token_args = (chain.genesis_hash(), Some(String::from("Sovra")), Some(String::from("SOV")), 12u8, 2_000_000u128, None::<u128>, None::<ComplianceGate>);
    let token = chain.deploy(&bundle("token"), "new", token_args, ALICE);
    for who in [BOB, CHARLIE, DAVE, EVE] {
        ok(chain, ALICE, token.calls::<TokenRef>().transfer(ink_account(who), 200_000, Vec::<u8>::new()));
    }
    let settings = GovernorSettings {
        voting_delay: 1,
        voting_period: 20,
        proposal_threshold: 1,
        timelock_delay: 1,
        grace_period: 100,
        vote_extension: 0,
        counting: CountingMode::TokenWeighted,
    };
    let bundle = bundle("governor");
    let genesis = chain.genesis_hash();
    let open = chain.deploy(&bundle, "new", (genesis, token.address, settings, 1_000u32, 2u32, None::<ComplianceGate>, None::<sovra_client::AccountId>), ALICE);
    let gate = ComplianceGate { registry: creds.address, schema };
    let gated = chain.deploy(&bundle, "new", (genesis, token.address, settings, 1_000u32, 2u32, Some(gate), None::<sovra_client::AccountId>), ALICE);
    ok(chain, ALICE, token.calls::<TokenRef>().grant_role(sovra_interfaces::access::MINTER_ROLE, open.address));
    chain.advance_blocks(1);

    let mint = |n: u128| Action { callee: token.address, selector: Some(token.selector("mint_to").unwrap_or_else(|e| panic!("{e}"))), input: scale::Encode::encode(&(ink_account(EVE), n)), value: 0 };
    let propose = |chain: &mut Chain, governor: &Contract, who: [u8; 32], actions: Vec<Action>| {
        let out = chain.call(who, governor.calls::<GovernorRef>().propose(actions, b"benchmark".to_vec()));
        assert!(!out.reverted, "propose reverted during the benchmark");
        out
    };
    let out = propose(chain, &open, ALICE, vec![mint(1)]);
    row(rows, "governor", "propose (1 action)", &out);
    let one = out.value.expect("proposed");
    let out = propose(chain, &open, ALICE, (1..=10).map(mint).collect());
    row(rows, "governor", "propose (10 actions)", &out);
    let ten = out.value.expect("proposed");
    let member = propose(chain, &gated, DAVE, vec![mint(1)]).value.expect("proposed");
    chain.advance_blocks(2);

    let vote = |chain: &mut Chain, governor: &Contract, who: [u8; 32], id: ProposalId| ok(chain, who, governor.calls::<GovernorRef>().cast_vote(id, Support::For, Vec::<u8>::new()));
    let out = vote(chain, &open, ALICE, one);
    row(rows, "governor", "cast_vote, token-weighted (first vote: also fixes the quorum)", &out);
    let out = vote(chain, &open, BOB, one);
    row(rows, "governor", "cast_vote, token-weighted", &out);
    let cast_vote = out.gas_consumed;
    vote(chain, &open, ALICE, ten);
    vote(chain, &gated, DAVE, member);
    let out = vote(chain, &gated, EVE, member);
    row(rows, "governor", "cast_vote, member-gated (has_valid_credential_at too)", &out);
    let gated_vote = out.gas_consumed;
    let snapshot = chain.block() - 2;
    let past_votes = chain.dry_run(ALICE, token.calls::<TokenRef>().get_past_votes(ink_account(BOB), snapshot));
    row(rows, "token", "get_past_votes (as the governor asks it)", &past_votes);

    chain.advance_blocks(21);
    let out = ok(chain, CHARLIE, open.calls::<GovernorRef>().queue(one));
    row(rows, "governor", "queue", &out);
    ok(chain, CHARLIE, open.calls::<GovernorRef>().queue(ten));
    chain.advance_blocks(1);
    let out = ok(chain, CHARLIE, open.calls::<GovernorRef>().execute(one));
    row(rows, "governor", "execute (1 action: a mint)", &out);
    let out = ok(chain, CHARLIE, open.calls::<GovernorRef>().execute(ten));
    row(rows, "governor", "execute (10 actions: 10 mints)", &out);
    assert_eq!(chain.read(token.calls::<TokenRef>().balance_of(ink_account(EVE))), 200_000 + 1 + 55);

    // a transfer between self-delegated holders (votes move), on the same token
    let transfer = ok(chain, BOB, token.calls::<TokenRef>().transfer(ink_account(CHARLIE), 10, Vec::<u8>::new()));
    let rt = |w: sovra_client::Weight| w.ref_time();
    let code = bundle.wasm.len();
    let mut out = String::from("\n## Governor\n\n| figure | value | target |\n|---|---:|---|\n");
    out.push_str(&format!("| governor Wasm | {code} B | ≤ 40,960 B |\n"));
    out.push_str(&format!("| cast_vote / token transfer (moving votes), ref_time | {} | ≤ 2× |\n", ratio(rt(cast_vote), rt(transfer.gas_consumed))));
    out.push_str(&format!("| member-gated cast_vote / token transfer (moving votes), ref_time | {} | — |\n", ratio(rt(gated_vote), rt(transfer.gas_consumed))));
    out.push_str(&format!(
        "| get_past_votes (the cross-contract query) / cast_vote, ref_time | {} | — |\n| get_past_votes / cast_vote, proof_size | {} | — |\n",
        ratio(rt(past_votes.gas_consumed), rt(cast_vote)),
        ratio(past_votes.gas_consumed.proof_size(), cast_vote.proof_size())
    ));
    out
}

/// The vault's rows: fractionalize (the NFT checked in, a share token instantiated from the
/// token's code, the shares minted, the share token sealed), a buyout's start, raise and end, a claim
/// and a withdrawal — next to what they are made of: deploying a token directly and a token
/// transfer.
fn vault(rows: &mut Vec<Row>, chain: &mut Chain) -> String {
    // (a collection of Charlie's: the same arguments by the same deployer would be the same address)
    let nft = chain.deploy(&bundle("nft"), "new", (false, None::<Royalty>, None::<ComplianceGate>), CHARLIE);
    ok(chain, CHARLIE, nft.calls::<NftRef>().mint(ink_account(BOB), Id::U32(10)));
    let token_code = chain.upload(&bundle("token"), ALICE);
    let genesis = chain.genesis_hash();
    let vault = chain.deploy(&bundle("vault"), "new", (genesis, token_code, 5u32, 5u32), ALICE);
    ok(chain, BOB, nft.calls::<NftRef>().approve(vault.address, Some(Id::U32(10)), true));
    let made = ok(chain, BOB, vault.calls::<VaultRef>().fractionalize(nft.address, Id::U32(10), 1_000, "Deed".into(), "DEED".into(), 1_000));
    row(rows, "vault", "fractionalize (NFT in, share token instantiated, 1,000 shares minted, share token sealed)", &made);
    let shares = chain.read(vault.calls::<VaultRef>().asset(0)).expect("asset").shares;
    let share = chain.attach(&bundle("token"), shares);
    let transfer = ok(chain, BOB, share.calls::<TokenRef>().transfer(ink_account(CHARLIE), 400, Vec::<u8>::new()));
    row(rows, "token", "transfer of shares (a share token, moving votes)", &transfer);
    let start = ok(chain, DAVE, vault.calls::<VaultRef>().start_buyout(0).transferred_value(1_000));
    row(rows, "vault", "start_buyout", &start);
    let bid = ok(chain, EVE, vault.calls::<VaultRef>().bid(0).transferred_value(2_000));
    row(rows, "vault", "bid (outbids: the previous bid credited)", &bid);
    let ends_at = chain.read(vault.calls::<VaultRef>().auction(0)).expect("auction").ends_at;
    chain.pass(ends_at);
    let end = ok(chain, ALICE, vault.calls::<VaultRef>().end_buyout(0));
    row(rows, "vault", "end_buyout (the NFT to the buyer)", &end);
    ok(chain, BOB, share.calls::<TokenRef>().approve(vault.address, 600));
    let claim = ok(chain, BOB, vault.calls::<VaultRef>().claim(0, 600));
    row(rows, "vault", "claim (shares taken and burned, price part paid)", &claim);
    let withdraw = ok(chain, DAVE, vault.calls::<VaultRef>().withdraw());
    row(rows, "vault", "withdraw (an outbid bid)", &withdraw);
    // the reference for fractionalize: the same token deployed directly
    let direct = chain.dry_deploy(&bundle("token"), "new", (genesis, Some(String::from("Deed")), Some(String::from("DEED")), 0u8, 1_000u128, Some(1_000u128), None::<ComplianceGate>), ALICE);
    let rt = |w: sovra_client::Weight| w.ref_time();
    let mut out = String::from("\n## Vault\n\n| figure | value |\n|---|---:|\n");
    out.push_str(&format!("| vault Wasm | {} B |\n", bundle("vault").wasm.len()));
    out.push_str(&format!("| fractionalize storage deposit (the share token's code stays shared; its storage and the asset record) | {} |\n", made.storage_deposit));
    out.push_str(&format!("| deploying the same token directly: storage deposit | {} |\n", direct.1));
    out.push_str(&format!("| claim / share transfer, ref_time | {} |\n", ratio(rt(claim.gas_consumed), rt(transfer.gas_consumed))));
    out.push_str(&format!("| bid / share transfer, ref_time | {} |\n", ratio(rt(bid.gas_consumed), rt(transfer.gas_consumed))));
    out
}
