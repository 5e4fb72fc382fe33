//! `sovra demo`: the identity story, the governance story and the ownership story, with real
//! transactions. By
//! default on the in-process runtime: a fresh chain on which the suite is deployed first, as
//! `scripts/deploy.sh` deploys it (`sovra_client::deployment::deploy` with the local profile) —
//! nothing to build but the contracts, no node. With `--node`, on the node of
//! `deployments/<network>.json` against the suite deployed there. Every step prints what a person
//! reads — names and reasons as text, DIDs as `did:sovra:…`, accounts as SS58, amounts with
//! decimals, the resolved DID document as W3C JSON — and checks the chain's answer; the first
//! unexpected answer ends the demo with exit code 1.
//!
//! sovra demo [--node] [--network NAME]   (run by scripts/demo.sh)
//!
//! Cast: Alice deployed the suite (and holds the token supply until she distributes it); Bob
//! runs the founding issuer; Dave and Eve hold its assertion keys; Charlie, Dave and Eve become
//! members; Ferdie never holds a membership credential. In the identity story Alice is the
//! credential holder.

use std::fmt::Debug;
use std::time::Instant;

use credential_registry::data::{claim_digest, claims_tree};
use psp22::PSP22Error;
use scale::Encode;
use serde_json::Value;
use sovra_client::deployment::{self as suite, format_amount, hex, Profile, Suite};
use sovra_client::governance;
use sovra_client::resolver::{did_string, resolution, ss58, Network};

use crate::prelude::*;
use sovra_interfaces::credential::{Claim, CredentialError, CredentialStatus, IssueRequest, Presentation};
use sovra_interfaces::did::{DidError, DidId, Relationship};
use sovra_interfaces::governance::{GovernorError, ProposalId, ProposalState, ProposalView, Support};
use sovra_interfaces::psp34::Id;
use credential_registry::CredentialRegistryRef;
use did_registry::DidRegistryContractRef;
use governor::GovernorRef;
use nft::NftRef;
use token::TokenRef;
use vault::errors::VaultError;
use vault::events::Claimed;
use vault::VaultRef;
use sovra_sandbox::devchain::Events;
use psp22::PSP22;
use sovra_interfaces::credential::CredentialVerifier;
use sovra_interfaces::did::DidRegistry;
use sovra_interfaces::psp34::{PSP34Mintable, PSP34};
use sovra_interfaces::votes::Votes;
use sovra_interfaces::access::{DEFAULT_ADMIN_ROLE, MINTER_ROLE, PAUSER_ROLE};

const PEOPLE: [([u8; 32], &str); 6] =
    [(ALICE, "Alice"), (BOB, "Bob"), (CHARLIE, "Charlie"), (DAVE, "Dave"), (EVE, "Eve"), (FERDIE, "Ferdie")];

struct Demo {
    chain: Chain,
    /// The deployed suite (from the deployment file).
    suite: Suite,
    profile: Profile,
    network: Network,
    checks: u32,
    /// (id, description, final state)
    proposals: Vec<(ProposalId, String, ProposalState)>,
    run: [u8; 4],
}

fn name(who: [u8; 32]) -> String {
    let n = PEOPLE.iter().find(|(a, _)| *a == who).map(|(_, n)| *n).unwrap_or("?");
    format!("{n} ({})", ss58(&who, 42))
}

fn short(who: [u8; 32]) -> &'static str {
    PEOPLE.iter().find(|(a, _)| *a == who).map(|(_, n)| *n).unwrap_or("?")
}

fn text(bytes: &[u8]) -> String {
    String::from_utf8_lossy(bytes).into_owned()
}

fn fail(msg: String) -> ! {
    println!("\n✗ {msg}");
    std::process::exit(1)
}

/// A status as a verifier reads it.
fn status(s: &CredentialStatus) -> String {
    match s {
        CredentialStatus::Revoked(r) => format!("revoked — \"{}\"", text(r)),
        CredentialStatus::Suspended(r) => format!("suspended — \"{}\"", text(r)),
        other => format!("{other:?}").to_lowercase(),
    }
}

impl Demo {
    /// The suite deployed on a fresh in-process chain with the local profile, by //Alice.
    fn in_process() -> Self {
        let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../..");
        let path = root.join("deployments/profiles/local.json");
        let profile = Profile::load(&path).unwrap_or_else(|e| fail(e));
        let mut chain = Chain::sandbox();
        println!("deploying the suite in process ({}):", path.display());
        let deployed = suite::deploy(chain.client(), &profile, ALICE, &mut Default::default(), &mut |line| println!("  {line}"), &mut |_| Ok(()));
        let suite = deployed.unwrap_or_else(|e| fail(format!("deployment: {e}")));
        let verification = suite::verify(chain.client(), &suite, &profile).unwrap_or_else(|e| fail(e));
        let failed: Vec<&str> = verification.checks.iter().filter(|c| !c.ok).map(|c| c.what.as_str()).collect();
        if !failed.is_empty() {
            fail(format!("the deployment does not verify: {}", failed.join(", ")));
        }
        println!("  verified: {} checks, every role with the governor", verification.checks.len());
        Self::with(chain, suite, profile)
    }

    /// The suite `scripts/deploy.sh` deployed on a node (`deployments/<network>.json`).
    fn on_node(network: &str) -> Self {
        let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../..");
        let path = root.join("deployments").join(format!("{network}.json"));
        let raw = std::fs::read_to_string(&path).unwrap_or_else(|e| fail(format!("cannot read {}: {e} (run scripts/deploy.sh)", path.display())));
        let d: Value = serde_json::from_str(&raw).unwrap_or_else(|e| fail(format!("{}: {e}", path.display())));
        let s = |v: &Value| v.as_str().unwrap_or_else(|| fail(format!("{}: malformed", path.display()))).to_string();
        let profile = Profile::parse(&d["parameters"]).unwrap_or_else(|e| fail(e));
        let mut chain = Chain::node(&s(&d["url"]));
        let suite = Suite::from_record(chain.client(), &d).unwrap_or_else(|e| fail(format!("{}: {e}", path.display())));
        Self::with(chain, suite, profile)
    }

    fn with(mut chain: Chain, suite: Suite, profile: Profile) -> Self {
        let genesis = chain.genesis_hash();
        let nanos = std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).map(|d| d.subsec_nanos()).unwrap_or(7);
        Demo {
            chain,
            suite,
            profile,
            network: Network { genesis_hash: genesis, ss58_prefix: 42 },
            checks: 0,
            proposals: Vec::new(),
            run: nanos.to_le_bytes(),
        }
    }

    /// Prints `title: shown` with ✓ if `got == expected`, else ends the demo.
    fn check<T: PartialEq + Debug>(&mut self, title: &str, got: T, expected: T, shown: impl Into<String>) {
        if got != expected {
            println!("  ✗ {title}");
            fail(format!("expected {expected:?}, the chain answered {got:?}"));
        }
        self.checks += 1;
        println!("  ✓ {title}: {}", shown.into());
    }

    fn salt(&self, tag: &str) -> [u8; 32] {
        sovra_kit::blake2(&(self.run, tag).encode())
    }

    /// `value` in whole tokens with the token's decimals, e.g. `450,000 SOV`.
    fn amount(&self, value: u128) -> String {
        format_amount(value, self.profile.token_decimals, &self.profile.token_symbol)
    }

    fn sov(&self, whole: u128) -> u128 {
        whole * 10u128.pow(u32::from(self.profile.token_decimals))
    }

    /// Submits `message(args)` as `who`; the decoded return value (ends the demo if it reverted
    /// unexpectedly is up to the caller's check).
    fn tx<M: Message>(&mut self, who: [u8; 32], message: M) -> M::Output {
        self.chain.call(who, message).value
    }

    /// The answer of a read-only message, dry-run as //Ferdie (any account reads).
    fn read<M: Message>(&mut self, message: M) -> M::Output {
        self.chain.dry_run(FERDIE, message).value
    }

    /// Builds blocks until calls run after `block`.
    fn pass(&mut self, block: u32) {
        self.chain.pass(block);
    }

    fn create_did(&mut self, who: [u8; 32], salt: [u8; 32]) -> DidId {
        let dids = self.suite.did_registry.clone();
        match self.tx(who, dids.calls::<DidRegistryContractRef>().create_did(salt)) {
            Ok(id) => id,
            Err(e) => fail(format!("{} could not create a DID: {e:?}", short(who))),
        }
    }

    // ------------------------------------------------------------------ identity

    fn identity(&mut self) {
        let (dids, creds) = (self.suite.did_registry.clone(), self.suite.credential_registry.clone());
        println!("\n━━ The identity story ━━");
        println!("\n1. Bob's organisation creates the founding issuer DID (the deployment trusted its id for membership); Alice creates hers");
        let dids_c = dids.clone();
        let salt = self.profile.founding_issuer.1;
        let issuer = match self.tx(BOB, dids_c.calls::<DidRegistryContractRef>().create_did(salt)) {
            Ok(id) => id,
            Err(DidError::AlreadyExists) => {
                fail("the founding issuer's DID exists: an earlier demo used this deployment (scripts/demo.sh deploys a fresh one)".into())
            }
            Err(e) => fail(format!("Bob could not create the founding issuer's DID: {e:?}")),
        };
        let founding = self.suite.founding_issuer;
        self.check("the issuer DID is the one the deployment trusts", issuer, founding, did_string(&issuer));
        let holder = self.create_did(ALICE, self.salt("holder"));
        println!("    holder {} controlled by {}", did_string(&holder), name(ALICE));
        for (label, did) in [("issuer DID active", issuer), ("holder DID active", holder)] {
            let active = self.read(dids.calls::<DidRegistryContractRef>().is_active(did));
            self.check(label, active, true, "yes");
        }

        println!("\n2. The issuer adds an assertion key for Dave, then rotates to Eve with an overlap");
        let key = |id: &str, who| account_key(id, who, &[Relationship::AssertionMethod], None);
        let added = self.tx(BOB, dids.calls::<DidRegistryContractRef>().add_verification_method(issuer, key("key-1", DAVE)));
        self.check("key-1 (Dave) added", added, Ok(()), "assertionMethod");
        let may = |d: &mut Demo, who: [u8; 32]| d.read(dids.calls::<DidRegistryContractRef>().is_authorized(issuer, ink_account(who), Relationship::AssertionMethod));
        let dave = may(self, DAVE);
        self.check("Dave may issue for the issuer", dave, true, "yes");
        let added = self.tx(BOB, dids.calls::<DidRegistryContractRef>().add_verification_method(issuer, key("key-2", EVE)));
        self.check("key-2 (Eve) added", added, Ok(()), "assertionMethod");
        let grace_end = self.chain.now() + 10 * 60 * 1000;
        let set = self.tx(BOB, dids.calls::<DidRegistryContractRef>().set_method_validity(issuer, b"key-1".to_vec(), None::<u64>, Some(grace_end)));
        self.check("key-1 valid for 10 more minutes", set, Ok(()), sovra_client::resolver::iso8601(grace_end));
        let (dave, eve) = (may(self, DAVE), may(self, EVE));
        self.check("during the overlap Dave still may", dave, true, "yes");
        self.check("and Eve may", eve, true, "yes");
        let doc = match self.read(dids.calls::<DidRegistryContractRef>().resolve(issuer)) {
            Ok(doc) => doc,
            Err(e) => fail(format!("resolve: {e:?}")),
        };
        self.check("the document is at version 4 (created + 3 updates)", doc.metadata.version_id, 4, "4");
        let json = serde_json::to_string_pretty(&resolution(&doc, &self.network)).unwrap_or_default();
        println!("    resolved (W3C DID resolution result):");
        for line in json.lines() {
            println!("      {line}");
        }

        println!("\n3. The membership schema and its founding issuer come from the deployment");
        let schema_id = self.suite.schema;
        let schema = match self.read(creds.calls::<CredentialRegistryRef>().schema(schema_id)) {
            Ok(s) => s,
            Err(e) => fail(format!("schema: {e:?}")),
        };
        println!("    schema \"{}\" ({}), revocable: {}", text(&schema.name), text(&schema.uri), schema.revocable);
        let trusted = self.read(creds.calls::<CredentialRegistryRef>().is_trusted(schema_id, issuer));
        self.check("the issuer is trusted for it", trusted, true, "yes (since deployment; now only a proposal can change that)");

        println!("\n4. The issuer (key Eve) gives Alice a membership credential committing to three claims");
        let claims: Vec<Claim> = [(&b"age_over_18"[..], &b"true"[..]), (b"nationality", b"DE"), (b"name", b"Alice Example")]
            .iter()
            .enumerate()
            .map(|(i, (n, v))| Claim { salt: sovra_kit::blake2(&(self.run, i as u8).encode())[..16].try_into().unwrap_or([1; 16]), name: n.to_vec(), value: v.to_vec() })
            .collect();
        let digests: Vec<[u8; 32]> = claims.iter().map(|c| claim_digest(&c.salt, &c.name, &c.value)).collect();
        let (root, proofs) = claims_tree(&digests);
        let credential = self.salt("alice-membership");
        let request = IssueRequest {
            credential,
            schema: schema_id,
            subject_account: Some(ink_account(ALICE)),
            subject_did: Some(holder),
            expires_at: None,
            claims_root: Some(root),
            revocation: None,
            suspension: None,
        };
        let issued = self.tx(EVE, creds.calls::<CredentialRegistryRef>().issue(issuer, request));
        self.check("issued", issued, Ok(()), format!("credential 0x{}…, only its hash on chain", &hex(&credential)[..16]));

        println!("\n5. A verifier (Ferdie) checks it without contacting the issuer");
        let verify = |d: &mut Demo| d.read(creds.calls::<CredentialRegistryRef>().verify(issuer, credential));
        let s = verify(self);
        self.check("status", s.clone(), CredentialStatus::Valid, status(&s));
        let member = self.read(creds.calls::<CredentialRegistryRef>().has_valid_credential(ink_account(ALICE), schema_id));
        self.check("Alice holds a valid membership credential", member, true, "yes");

        println!("\n6. Alice proves one claim (age_over_18 = true) and nothing else");
        let present = |d: &mut Demo, who: [u8; 32], claim: &Claim| {
            let message = creds.calls::<CredentialRegistryRef>().verify_presentation(issuer, credential, claim.clone(), proofs[0].clone());
            d.chain.dry_run(who, message).value
        };
        let ok = present(self, ALICE, &claims[0]);
        self.check("the presentation verifies", ok, Ok(Presentation { status: CredentialStatus::Valid, claim_valid: true }), "age_over_18 = true, credential valid");
        let forged = Claim { value: b"false".to_vec(), ..claims[0].clone() };
        let bad = present(self, ALICE, &forged);
        self.check("a forged claim does not", bad, Ok(Presentation { status: CredentialStatus::Valid, claim_valid: false }), "age_over_18 = false is not in the commitment");
        let replay = present(self, FERDIE, &claims[0]);
        self.check("nobody else can replay it", replay, Err(CredentialError::NotHolder), "Ferdie presenting it: NotHolder");

        println!("\n7. The issuer suspends, reinstates, then revokes it; the verifier sees each status");
        for (message, reason, expected) in [
            ("suspend", Some(&b"under review"[..]), CredentialStatus::Suspended(b"under review".to_vec())),
            ("reinstate", None, CredentialStatus::Valid),
            ("revoke", Some(b"left the community"), CredentialStatus::Revoked(b"left the community".to_vec())),
        ] {
            let mut calls = creds.calls::<CredentialRegistryRef>();
            let out = match (message, reason) {
                ("suspend", Some(r)) => self.tx(EVE, calls.suspend(issuer, vec![credential], r.to_vec())),
                ("revoke", Some(r)) => self.tx(EVE, calls.revoke(issuer, vec![credential], r.to_vec())),
                _ => self.tx(EVE, calls.reinstate(issuer, vec![credential])),
            };
            if out != Ok(()) {
                fail(format!("{message}: {out:?}"));
            }
            let s = verify(self);
            self.check(&format!("after {message}"), s.clone(), expected, status(&s));
        }
        let member = self.read(creds.calls::<CredentialRegistryRef>().has_valid_credential(ink_account(ALICE), schema_id));
        self.check("Alice holds a valid membership credential", member, false, "no longer");
    }

    // ------------------------------------------------------------------ governance

    fn proposal(&mut self, id: ProposalId) -> ProposalView {
        let gov = self.suite.governor.clone();
        self.read(gov.calls::<GovernorRef>().proposal(id)).unwrap_or_else(|| fail("unknown proposal".into()))
    }

    fn state(&mut self, id: ProposalId) -> ProposalState {
        self.proposal(id).state
    }

    fn vote(&mut self, who: [u8; 32], id: ProposalId, support: Support, reason: &str) {
        let gov = self.suite.governor.clone();
        let out = self.tx(who, gov.calls::<GovernorRef>().cast_vote(id, support, reason.as_bytes().to_vec()));
        let weight = self
            .read(gov.calls::<GovernorRef>().receipt(id, ink_account(who)))
            .map(|r| r.weight)
            .unwrap_or(0);
        self.check(&format!("{} votes {support:?}", short(who)), out, Ok(()), format!("weight {} — \"{reason}\"", self.amount(weight)));
    }

    fn governance(&mut self) {
        let (creds, token, nft, gov) = (self.suite.credential_registry.clone(), self.suite.token.clone(), self.suite.nft.clone(), self.suite.governor.clone());
        let schema = self.suite.schema;
        let issuer = self.suite.founding_issuer;
        println!("\n━━ The governance story ━━");

        println!("\n1. Charlie, Dave and Eve get DIDs and membership credentials from the founding issuer; Ferdie gets none");
        let mut member_dids = Vec::new();
        for who in [CHARLIE, DAVE, EVE] {
            let did = self.create_did(who, self.salt(&format!("member-{}", short(who))));
            let request = IssueRequest {
                credential: self.salt(&format!("membership-{}", short(who))),
                schema,
                subject_account: Some(ink_account(who)),
                subject_did: Some(did),
                expires_at: None,
                claims_root: None,
                revocation: None,
                suspension: None,
            };
            let issued = self.tx(BOB, creds.calls::<CredentialRegistryRef>().issue(issuer, request));
            self.check(&format!("{} is a member", short(who)), issued, Ok(()), format!("{} with DID {}", name(who), did_string(&did)));
            member_dids.push(did);
        }
        for (who, expected) in [(CHARLIE, true), (DAVE, true), (EVE, true), (FERDIE, false)] {
            let valid = self.read(creds.calls::<CredentialRegistryRef>().has_valid_credential(ink_account(who), schema));
            self.check(&format!("{} holds a valid membership credential", short(who)), valid, expected, if expected { "yes" } else { "no" });
        }

        println!("\n2. Alice distributes the initial supply to the members; the compliance gate stops a transfer to Ferdie");
        let supply = self.read(token.calls::<TokenRef>().total_supply());
        println!("    total supply {}, all with Alice since deployment", self.amount(supply));
        for (who, whole) in [(CHARLIE, 450_000u128), (DAVE, 350_000), (EVE, 200_000)] {
            let value = self.sov(whole);
            let out = self.tx(ALICE, token.calls::<TokenRef>().transfer(ink_account(who), value, Vec::<u8>::new()));
            self.check(&format!("{} received", short(who)), out, Ok(()), self.amount(value));
        }
        let refused = self.tx(ALICE, token.calls::<TokenRef>().transfer(ink_account(FERDIE), self.sov(1), Vec::<u8>::new()));
        let why = match &refused {
            Err(PSP22Error::Custom(reason)) => format!("refused: {reason} — Ferdie holds no valid membership credential"),
            other => format!("{other:?}"),
        };
        self.check("Ferdie cannot receive tokens", refused, Err(PSP22Error::Custom(String::from("ComplianceFailed"))), why);
        let left = self.read(token.calls::<TokenRef>().balance_of(ink_account(ALICE)));
        self.check("Alice keeps nothing", left, 0, self.amount(left));

        println!("\n3. Dave delegates to Charlie; Charlie proposes to trust a university for diplomas and to mint him the founders' badge");
        let out = self.tx(DAVE, token.calls::<TokenRef>().delegate(ink_account(CHARLIE)));
        let votes = self.read(token.calls::<TokenRef>().get_votes(ink_account(CHARLIE)));
        self.check("Dave delegated to Charlie", out, Ok(()), format!("Charlie now votes with {}", self.amount(votes)));
        let diploma = match self.tx(EVE, creds.calls::<CredentialRegistryRef>().register_schema(self.salt("diploma-schema"), b"Diploma".to_vec(), b"https://sovra.example/schemas/diploma/v1.json".to_vec(), true)) {
            Ok(id) => id,
            Err(e) => fail(format!("register_schema: {e:?}")),
        };
        println!("    schema \"Diploma\" registered by Eve: 0x{}", hex(&diploma));
        let university = self.create_did(DAVE, self.salt("university"));
        println!("    the university's DID (controlled by Dave): {}", did_string(&university));
        let badge = Id::U32(1);
        let actions = vec![
            governance::action(creds.calls::<CredentialRegistryRef>().add_trusted_issuer(diploma, university), 0),
            governance::action(nft.calls::<NftRef>().mint(ink_account(CHARLIE), badge.clone()), 0),
        ];
        let description = "Trust the university for diplomas; mint the founders' badge #1 to Charlie";
        // a proposer's membership and votes count at the block before the proposal: the block
        // of the credentials and the delegation must be over (in process, calls share a block
        // until one is built; on a node every call is a block of its own)
        let current = self.chain.block();
        self.pass(current);
        let id = match self.tx(CHARLIE, gov.calls::<GovernorRef>().propose(actions, description.as_bytes().to_vec())) {
            Ok(id) => id,
            Err(e) => fail(format!("propose: {e:?}")),
        };
        let view = self.proposal(id);
        println!(
            "    proposal 0x{}… \"{description}\": 2 actions, snapshot block {}, voting until block {}",
            &hex(&id)[..16],
            view.snapshot,
            view.deadline
        );
        let direct = self.tx(CHARLIE, creds.calls::<CredentialRegistryRef>().add_trusted_issuer(diploma, university));
        self.check("nobody can do it directly", direct, Err(CredentialError::MissingRole), "Charlie calling add_trusted_issuer: MissingRole");
        self.pass(view.snapshot);
        self.vote(CHARLIE, id, Support::For, "universities we know should be able to issue diplomas");
        self.vote(EVE, id, Support::For, "agreed");
        let ferdie = self.tx(FERDIE, gov.calls::<GovernorRef>().cast_vote(id, Support::Against, Vec::<u8>::new()));
        self.check("Ferdie cannot vote", ferdie, Err(GovernorError::NotMember), "NotMember");
        let view = self.proposal(id);
        self.pass(view.deadline);
        let view = self.proposal(id);
        let quorum = view.tally.quorum.unwrap_or(0);
        println!(
            "    tally: for {}, against {}, abstain {}; quorum {} ({}% of the supply at the snapshot)",
            self.amount(view.tally.for_votes),
            self.amount(view.tally.against_votes),
            self.amount(view.tally.abstain_votes),
            self.amount(quorum),
            self.profile.quorum_bps / 100
        );
        self.check("voting over", view.state, ProposalState::Succeeded, "Succeeded");
        let queued = self.tx(CHARLIE, gov.calls::<GovernorRef>().queue(id));
        let view = self.proposal(id);
        let eta = view.eta.unwrap_or(0);
        self.check("queued behind the timelock", queued, Ok(()), format!("executable from block {eta} (timelock {} blocks)", self.profile.settings.timelock_delay));
        let early = self.tx(CHARLIE, gov.calls::<GovernorRef>().execute(id));
        self.check("executing before the timelock passes", early, Err(GovernorError::TimelockNotPassed), "refused: TimelockNotPassed");
        if self.chain.block() < eta {
            let blocks = eta - self.chain.block();
            self.chain.advance_blocks(blocks);
        }
        let executed = self.tx(EVE, gov.calls::<GovernorRef>().execute(id));
        self.check("executed (by anyone: Eve)", executed, Ok(()), "both actions ran, atomically");
        let state = self.state(id);
        self.check("state", state, ProposalState::Executed, "Executed");
        self.proposals.push((id, description.into(), state));

        println!("\n4. What a verifier and a token holder now see");
        let trusted = self.read(creds.calls::<CredentialRegistryRef>().is_trusted(diploma, university));
        self.check("the university is trusted for diplomas", trusted, true, did_string(&university));
        let issuers = self.read(creds.calls::<CredentialRegistryRef>().trusted_issuers(diploma));
        println!("    trusted issuers of \"Diploma\": {}", issuers.iter().map(did_string).collect::<Vec<_>>().join(", "));
        let owner = self.read(nft.calls::<NftRef>().owner_of(badge.clone()));
        self.check("the founders' badge #1 exists", owner, Some(ink_account(CHARLIE)), format!("owned by {}", name(CHARLIE)));
        let snapshot = view.snapshot;
        for (who, expected) in [(CHARLIE, 800_000u128), (DAVE, 0), (EVE, 200_000)] {
            let past = self.read(token.calls::<TokenRef>().get_past_votes(ink_account(who), snapshot));
            let shown = match past {
                Ok(v) => self.amount(v),
                Err(e) => format!("{e:?}"),
            };
            self.check(&format!("{}'s votes at the snapshot (block {snapshot})", short(who)), past, Ok(self.sov(expected)), shown);
        }

        println!("\n5. Eve proposes to mint herself 50,000 SOV; only she votes; it fails quorum");
        let action = governance::action(token.calls::<TokenRef>().mint_to(ink_account(EVE), self.sov(50_000)), 0);
        let description = "Mint 50,000 SOV to Eve for community events";
        let id = match self.tx(EVE, gov.calls::<GovernorRef>().propose(vec![action], description.as_bytes().to_vec())) {
            Ok(id) => id,
            Err(e) => fail(format!("propose: {e:?}")),
        };
        let view = self.proposal(id);
        println!("    proposal 0x{}… \"{description}\"", &hex(&id)[..16]);
        self.pass(view.snapshot);
        self.vote(EVE, id, Support::For, "we need a budget");
        let view = self.proposal(id);
        self.pass(view.deadline);
        let view = self.proposal(id);
        println!(
            "    participation {} < quorum {}",
            self.amount(view.tally.participation),
            self.amount(view.tally.quorum.unwrap_or(0))
        );
        self.check("the outcome", view.state, ProposalState::Defeated, "Defeated");
        let queued = self.tx(EVE, gov.calls::<GovernorRef>().queue(id));
        self.check("it cannot be queued", queued, Err(GovernorError::UnexpectedState(ProposalState::Defeated)), "UnexpectedState(Defeated)");
        self.proposals.push((id, description.into(), ProposalState::Defeated));
    }

    // ------------------------------------------------------------------ ownership

    /// `value` of the chain's native currency (12 decimals), e.g. `150 UNIT`.
    fn native(value: u128) -> String {
        format_amount(value, 12, "UNIT")
    }

    fn ownership(&mut self) {
        let (creds, nft, vault, gov) = (self.suite.credential_registry.clone(), self.suite.nft.clone(), self.suite.vault.clone(), self.suite.governor.clone());
        let unit = 10u128.pow(12);
        println!("\n━━ The ownership story ━━");

        println!("\n1. The DAO mints the community hall's deed to Charlie; the founding issuer admits the vault to the membership (the collection is gated)");
        let deed = Id::U32(2);
        let actions = vec![
            governance::action(nft.calls::<NftRef>().mint(ink_account(CHARLIE), deed.clone()), 0),
            governance::action(nft.calls::<NftRef>().set_attribute(deed.clone(), b"name".to_vec(), b"Community hall deed".to_vec()), 0),
        ];
        let current = self.chain.block();
        self.pass(current);
        let enacted = governance::Governance::new(self.chain.client(), &gov).enact(CHARLIE, actions, "Mint the community hall's deed to Charlie");
        let id = enacted.unwrap_or_else(|e| fail(format!("the deed proposal: {e}"))).0;
        self.proposals.push((id, "Mint the community hall's deed to Charlie".into(), ProposalState::Executed));
        let owner = self.read(nft.calls::<NftRef>().owner_of(deed.clone()));
        self.check("the deed #2 is Charlie's", owner, Some(ink_account(CHARLIE)), "minted by the DAO's proposal");
        let request = IssueRequest {
            credential: self.salt("membership-vault"),
            schema: self.suite.schema,
            subject_account: Some(vault.address),
            subject_did: None,
            expires_at: None,
            claims_root: None,
            revocation: None,
            suspension: None,
        };
        let admitted = self.tx(BOB, creds.calls::<CredentialRegistryRef>().issue(self.suite.founding_issuer, request));
        self.check("the vault holds a membership credential", admitted, Ok(()), "it may hold the gated deed and receive gated shares");

        println!("\n2. Charlie fractionalizes the deed into 1,000 shares, reserve price 100 UNIT, and sells 300 to Dave and 200 to Eve");
        let approved = self.tx(CHARLIE, nft.calls::<NftRef>().approve(vault.address, Some(deed.clone()), true));
        self.check("Charlie lets the vault take the deed", approved, Ok(()), "approved for #2");
        let made = self.tx(CHARLIE, vault.calls::<VaultRef>().fractionalize(nft.address, deed.clone(), 1_000, "Community hall shares".into(), "HALL".into(), 100 * unit));
        let asset = made.unwrap_or_else(|e| fail(format!("fractionalize: {e:?}")));
        let record = self.read(vault.calls::<VaultRef>().asset(asset)).unwrap_or_else(|| fail("no asset record".into()));
        let holder = self.read(nft.calls::<NftRef>().owner_of(deed.clone()));
        self.check("the vault holds the deed", holder, Some(vault.address), format!("asset {asset}, shares token HALL at {}", ss58(record.shares.as_ref(), 42)));
        let shares = self.chain.attach(&bundle("token"), record.shares);
        let mut holders = Vec::new();
        for role in [DEFAULT_ADMIN_ROLE, MINTER_ROLE, PAUSER_ROLE] {
            holders.extend(suite::role_holders(self.chain.client(), &shares, role).unwrap_or_else(|e| fail(format!("roles: {e}"))));
        }
        self.check("HALL is sealed", holders, vec![record.shares; 3], "its admin, minter and pauser roles are held by HALL itself: no one can mint more, pause or upgrade it");
        for (who, amount) in [(DAVE, 300u128), (EVE, 200)] {
            let sold = self.tx(CHARLIE, shares.calls::<TokenRef>().transfer(ink_account(who), amount, Vec::new()));
            self.check(&format!("{} bought {amount} shares", short(who)), sold, Ok(()), "a member: the shares are gated like the deed");
        }
        let stranger = self.tx(CHARLIE, shares.calls::<TokenRef>().transfer(ink_account(FERDIE), 10, Vec::new()));
        self.check("Ferdie cannot hold shares", stranger, Err(PSP22Error::Custom("ComplianceFailed".into())), "refused: ComplianceFailed — Ferdie holds no valid membership credential");

        println!("\n3. A buyout: Ferdie may not bid; Eve starts at the reserve, Dave outbids; the deed goes to Dave");
        let ferdie = self.tx(FERDIE, vault.calls::<VaultRef>().start_buyout(asset).transferred_value(100 * unit));
        self.check("Ferdie cannot buy the deed", ferdie, Err(VaultError::ComplianceFailed), "refused: ComplianceFailed — without a membership credential he could not receive it");
        let low = self.tx(EVE, vault.calls::<VaultRef>().start_buyout(asset).transferred_value(99 * unit));
        self.check("a bid below the reserve", low, Err(VaultError::BelowReserve), "refused: BelowReserve — 99 UNIT is under the 100 UNIT reserve price");
        let started = self.tx(EVE, vault.calls::<VaultRef>().start_buyout(asset).transferred_value(100 * unit));
        self.check("Eve starts the buyout", started, Ok(()), Self::native(100 * unit));
        let meagre = self.tx(DAVE, vault.calls::<VaultRef>().bid(asset).transferred_value(101 * unit));
        self.check("a raise under 5%", meagre, Err(VaultError::BidTooLow), "refused: BidTooLow — 101 UNIT; a raise must be at least 5%, 105 UNIT");
        let outbid = self.tx(DAVE, vault.calls::<VaultRef>().bid(asset).transferred_value(150 * unit));
        self.check("Dave outbids", outbid, Ok(()), Self::native(150 * unit));
        let due = self.read(vault.calls::<VaultRef>().due(ink_account(EVE)));
        self.check("Eve's bid waits for her", due, 100 * unit, format!("{} to withdraw", Self::native(due)));
        let withdrawn = self.tx(EVE, vault.calls::<VaultRef>().withdraw());
        self.check("Eve withdraws it", withdrawn, Ok(()), "paid back by pull");
        let ends_at = self.read(vault.calls::<VaultRef>().auction(asset)).map_or(0, |a| a.ends_at);
        self.pass(ends_at);
        let ended = self.tx(FERDIE, vault.calls::<VaultRef>().end_buyout(asset));
        self.check("the auction closes (anyone may close it: Ferdie)", ended, Ok(()), format!("after block {ends_at}"));
        let owner = self.read(nft.calls::<NftRef>().owner_of(deed.clone()));
        self.check("the deed is Dave's", owner, Some(ink_account(DAVE)), format!("bought for {}", Self::native(150 * unit)));

        println!("\n4. The holders claim the price by burning their shares");
        let mut paid_total = 0;
        for (who, amount) in [(CHARLIE, 500u128), (DAVE, 300), (EVE, 200)] {
            let approved = self.tx(who, shares.calls::<TokenRef>().approve(vault.address, amount));
            if approved.is_err() {
                fail(format!("{} could not approve the vault: {approved:?}", short(who)));
            }
            let out = self.chain.call(who, vault.calls::<VaultRef>().claim(asset, amount));
            let paid = out.events_of::<Claimed>(&vault).first().map_or(0, |c| c.paid);
            paid_total += paid;
            self.check(&format!("{} claims for {amount} shares", short(who)), (out.value, paid), (Ok(()), 150 * unit * amount / 1_000), Self::native(paid));
        }
        self.check("the claims add up to the price", paid_total, 150 * unit, Self::native(paid_total));
        let supply = self.read(shares.calls::<TokenRef>().total_supply());
        self.check("every share is burned", supply, 0, "0 HALL left");
    }

    fn summary(&mut self) {
        let (token, creds) = (self.suite.token.clone(), self.suite.credential_registry.clone());
        println!("\n━━ Summary ━━");
        println!("\ncontracts:");
        for (name, c) in self.suite.contracts() {
            println!("  {:<20} {}", name, ss58(c.address.as_ref(), 42));
        }
        println!("\naccounts:");
        let schema = self.suite.schema;
        for (who, role) in [
            (ALICE, "deployer (no role left)"),
            (BOB, "founding issuer"),
            (CHARLIE, "member"),
            (DAVE, "member, delegates to Charlie"),
            (EVE, "member"),
            (FERDIE, "not a member"),
        ] {
            let balance = self.read(token.calls::<TokenRef>().balance_of(ink_account(who)));
            let member = self.read(creds.calls::<CredentialRegistryRef>().has_valid_credential(ink_account(who), schema));
            println!("  {:<60} {:<30} {:>16}  member: {}", name(who), role, self.amount(balance), if member { "yes" } else { "no" });
        }
        println!("\nproposals:");
        for (id, description, state) in &self.proposals {
            println!("  0x{}…  {:<10} {description}", &hex(id)[..16], format!("{state:?}"));
        }
        println!("\n{} checks, all as expected.", self.checks);
    }
}

/// `sovra demo [--node] [--network NAME]`.
pub fn main(args: Vec<String>) {
    let mut network = String::from("local");
    let mut node = false;
    let mut args = args.into_iter();
    while let Some(a) = args.next() {
        match a.as_str() {
            "--node" => node = true,
            "--network" => {
                network = args.next().unwrap_or_else(|| fail("--network needs a name".into()));
                node = true;
            }
            other => fail(format!("unknown argument {other} (sovra demo [--node] [--network NAME])")),
        }
    }
    let mut demo = if node { Demo::on_node(&network) } else { Demo::in_process() };
    let started = Instant::now();
    let place = if node { format!("deployment `{network}` on its node") } else { "the in-process runtime".to_string() };
    println!("Sovra demo on {place} (governor {})", ss58(demo.suite.governor.address.as_ref(), 42));
    demo.identity();
    let identity = started.elapsed();
    demo.governance();
    let governance = started.elapsed();
    demo.ownership();
    demo.summary();
    println!(
        "identity story {:.1}s, governance story {:.1}s, ownership story {:.1}s",
        identity.as_secs_f64(),
        (governance - identity).as_secs_f64(),
        (started.elapsed() - governance).as_secs_f64()
    );
}
