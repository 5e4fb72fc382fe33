//! Harness for Sovra's end-to-end tests: loads the `.contract` bundles that `scripts/build.sh`
//! produced and drives them through one API, [`Chain`], on two backends:
//!
//! - [`Chain::sandbox`]: an in-process pallet-contracts runtime (`ink_sandbox`, the runtime
//!   behind drink and ink_e2e's sandbox backend); a fresh chain per test.
//! - [`Chain::node`]: a local `substrate-contracts-node` over RPC: every committed call is a
//!   signed extrinsic in a real block, results come from the `ContractsApi` runtime API, events
//!   from the block. One node serves all tests (each deploys its own contracts); node tests run
//!   one at a time.
//!
//! Test bodies take a `Chain` and [`e2e_tests!`] runs each on both backends.
//!
//! Bundles are read from `$SOVRA_INK_DIR/<name>/<name>.contract`, by default
//! `<workspace>/target/ink`.

use std::collections::HashMap;
use std::path::PathBuf;

use ink_sandbox::Weight;
use scale::{Decode, Encode};

pub use ink::primitives::AccountId;

mod node;
pub mod resolver;
pub mod suite;
mod sandbox;

/// Well-known test accounts: the sr25519 dev accounts //Alice … //Eve, funded on both backends
/// (the node's genesis endows them; the sandbox mints to them). Checked against the keyring in
/// `node::tests`.
pub const ALICE: [u8; 32] = hex32("d43593c715fdd31c61141abd04a99fd6822c8558854ccde39a5684e7a56da27d");
pub const BOB: [u8; 32] = hex32("8eaf04151687736326c9fea17e25fc5287613693c912909cb226aa4794f26a48");
pub const CHARLIE: [u8; 32] = hex32("90b5ab205c6974c9ea841be688864633dc9ca8a357843eeacf2314649965fe22");
pub const DAVE: [u8; 32] = hex32("306721211d5404bd9da88e0204360a1a9ab8b87c66c1bc2fcdd37f3c2222cc20");
pub const EVE: [u8; 32] = hex32("e659a7a1628cdd93febc04a4e0646ea20e9f5f0ce097d9a05290d4a9e054df4e");
/// //Ferdie: funded on both backends, signs the node backend's block-advancing remarks; the
/// demo's non-member.
pub const FERDIE: [u8; 32] = hex32("1cbd2d43530a44705ad088af313e18f80b53ef16b36177cd4b77b846f2a5f07c");
/// The accounts tests act as, in the order of [`node`]'s keyring.
pub const ACCOUNTS: [[u8; 32]; 5] = [ALICE, BOB, CHARLIE, DAVE, EVE];

const fn hex32(s: &str) -> [u8; 32] {
    const fn nibble(c: u8) -> u8 {
        match c {
            b'0'..=b'9' => c - b'0',
            b'a'..=b'f' => c - b'a' + 10,
            _ => panic!("lower-case hex"),
        }
    }
    let b = s.as_bytes();
    assert!(b.len() == 64);
    let mut out = [0u8; 32];
    let mut i = 0;
    while i < 32 {
        out[i] = nibble(b[2 * i]) << 4 | nibble(b[2 * i + 1]);
        i += 1;
    }
    out
}

/// The ink! account id of raw bytes.
pub fn ink_account(raw: [u8; 32]) -> AccountId {
    AccountId::from(raw)
}

/// The signature topic (first topic) of event type `E`.
pub fn signature_topic<E: ink::env::Event>() -> [u8; 32] {
    E::SIGNATURE_TOPIC.expect("not an anonymous event")
}

/// An `Account` verification method named `id` that lets account `who` act for a DID in
/// `relationships`, valid until `valid_until` (ms) if given.
pub fn account_key(
    id: &str,
    who: [u8; 32],
    relationships: &[sovra_interfaces::did::Relationship],
    valid_until: Option<u64>,
) -> sovra_interfaces::did::VerificationMethod {
    sovra_interfaces::did::VerificationMethod {
        id: id.as_bytes().to_vec(),
        key_type: sovra_interfaces::did::KeyType::Account,
        public_key: who.to_vec(),
        relationships: sovra_interfaces::did::Relationships::of(relationships),
        valid_from: None,
        valid_until,
    }
}

/// A built contract: its Wasm and the selectors of its constructors and messages.
#[derive(Clone, Debug)]
pub struct Bundle {
    pub name: String,
    pub wasm: Vec<u8>,
    selectors: HashMap<String, Vec<u8>>,
}

fn hex_bytes(s: &str) -> Vec<u8> {
    let s = s.trim_start_matches("0x");
    (0..s.len())
        .step_by(2)
        .map(|i| u8::from_str_radix(&s[i..i + 2], 16).expect("hex in metadata"))
        .collect()
}

/// Where the bundles are read from.
pub fn ink_dir() -> PathBuf {
    std::env::var_os("SOVRA_INK_DIR")
        .map(PathBuf::from)
        .unwrap_or_else(|| PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../target/ink"))
}

impl Bundle {
    /// Loads `<ink_dir>/<name>/<name>.contract`.
    pub fn load(name: &str) -> Self {
        let path = ink_dir().join(name).join(format!("{name}.contract"));
        let text = std::fs::read_to_string(&path).unwrap_or_else(|e| {
            panic!("cannot read {}: {e} — run scripts/build.sh first", path.display())
        });
        let json: serde_json::Value = serde_json::from_str(&text).expect("bundle is JSON");
        let wasm = hex_bytes(json["source"]["wasm"].as_str().expect("source.wasm"));
        let mut selectors = HashMap::new();
        for kind in ["constructors", "messages"] {
            for item in json["spec"][kind].as_array().expect("spec lists") {
                let label = item["label"].as_str().expect("label").to_string();
                let selector = hex_bytes(item["selector"].as_str().expect("selector"));
                selectors.insert(label, selector);
            }
        }
        Bundle { name: name.to_string(), wasm, selectors }
    }

    /// Its code hash on chain: blake2b-256 of the Wasm.
    pub fn code_hash(&self) -> [u8; 32] {
        sovra_kit::blake2(&self.wasm)
    }

    /// The selector of the constructor or message `label` (e.g. `"PSP22::transfer"`).
    pub fn selector(&self, label: &str) -> Option<[u8; 4]> {
        self.selectors.get(label).and_then(|s| s.as_slice().try_into().ok())
    }

    fn input(&self, label: &str, args: impl Encode) -> Vec<u8> {
        let mut data = self
            .selectors
            .get(label)
            .unwrap_or_else(|| panic!("{} has no message or constructor `{label}`", self.name))
            .clone();
        args.encode_to(&mut data);
        data
    }
}

/// A deployed contract.
#[derive(Clone, Debug)]
pub struct Contract {
    pub address: AccountId,
    bundle: Bundle,
}

impl Contract {
    /// The bundle it runs.
    pub fn bundle(&self) -> &Bundle {
        &self.bundle
    }

    /// The selector of `label` (a message of this contract's bundle); panics if it has none.
    pub fn selector(&self, label: &str) -> [u8; 4] {
        self.bundle.selector(label).unwrap_or_else(|| panic!("{} has no message `{label}`", self.bundle.name))
    }
}

/// An event a contract emitted: its topics and SCALE data.
#[derive(Clone, Debug)]
pub struct Emitted {
    pub contract: AccountId,
    pub topics: Vec<[u8; 32]>,
    pub data: Vec<u8>,
}

/// What a call did.
#[derive(Debug)]
pub struct Outcome<R> {
    /// The message's decoded return value.
    pub value: R,
    /// Whether the contract reverted (ink! reverts when a message returns `Err`).
    pub reverted: bool,
    /// Weight consumed.
    pub gas_consumed: Weight,
    /// Weight required (what a dry run would ask for as limit).
    pub gas_required: Weight,
    /// Storage deposit charged (positive) or refunded (negative).
    pub storage_deposit: i128,
    /// Events emitted by contracts during the call (none for a dry run or a reverted call).
    pub events: Vec<Emitted>,
}

impl<R> Outcome<R> {
    /// Decoded events of type `E` (matched by signature topic) emitted by `contract`.
    pub fn events_of<E: ink::env::Event + Decode>(&self, contract: &Contract) -> Vec<E> {
        self.emitted_by::<E>(contract)
            .map(|e| E::decode(&mut &e.data[..]).expect("event decodes"))
            .collect()
    }

    /// The topics of the events of type `E` emitted by `contract`: the signature topic, then
    /// one per `#[ink(topic)]` field (the value itself when it encodes to ≤ 32 bytes, zero-padded;
    /// otherwise its blake2b-256) — what an indexer filters on.
    pub fn topics_of<E: ink::env::Event>(&self, contract: &Contract) -> Vec<Vec<[u8; 32]>> {
        self.emitted_by::<E>(contract).map(|e| e.topics.clone()).collect()
    }

    /// The events of type `E` (matched by signature topic) that `contract` emitted.
    fn emitted_by<'a, E: ink::env::Event>(&'a self, contract: &'a Contract) -> impl Iterator<Item = &'a Emitted> + 'a {
        self.events
            .iter()
            .filter(|e| e.contract == contract.address)
            .filter(|e| E::SIGNATURE_TOPIC.is_some() && e.topics.first().copied() == E::SIGNATURE_TOPIC)
    }

    fn map<T>(self, value: T) -> Outcome<T> {
        Outcome {
            value,
            reverted: self.reverted,
            gas_consumed: self.gas_consumed,
            gas_required: self.gas_required,
            storage_deposit: self.storage_deposit,
            events: self.events,
        }
    }
}

/// A storage deposit as charged (positive) or refunded (negative) plancks.
fn signed_deposit(d: &ink_sandbox::pallet_contracts::StorageDeposit<u128>) -> i128 {
    match d {
        ink_sandbox::pallet_contracts::StorageDeposit::Charge(v) => *v as i128,
        ink_sandbox::pallet_contracts::StorageDeposit::Refund(v) => -(*v as i128),
    }
}

/// What a chain backend does; [`Chain`] adds encoding and decoding on top.
pub trait Backend {
    /// Instantiates `bundle` with the encoded constructor call `input` as `origin`; panics if
    /// the constructor fails or reverts.
    fn deploy(&mut self, bundle: &Bundle, input: Vec<u8>, origin: [u8; 32]) -> AccountId;
    /// Stores `bundle`'s code on chain without instantiating it (for `set_code_hash`), as
    /// `origin`; code already stored is fine.
    fn upload(&mut self, bundle: &Bundle, origin: [u8; 32]);
    /// Dry-runs instantiating `bundle` (nothing is stored): the address it would get and the
    /// storage deposit it would reserve; panics if the constructor fails or reverts.
    fn dry_deploy(&mut self, bundle: &Bundle, input: Vec<u8>, origin: [u8; 32]) -> (AccountId, i128);
    /// The chain's genesis block hash (its identity; the DID registry's chain id).
    fn genesis_hash(&mut self) -> [u8; 32];
    /// The code hash of the contract at `contract`, if there is one.
    fn code_hash(&mut self, contract: AccountId) -> Option<[u8; 32]>;
    /// Executes the encoded message `input` on `contract` as `origin`; commits the effects if
    /// `commit` (a reverted call changes nothing either way). The value is the raw return data.
    fn exec(&mut self, contract: AccountId, origin: [u8; 32], input: Vec<u8>, commit: bool) -> Outcome<Vec<u8>>;
    /// The number of the block the last committed call executed in (the current block).
    fn block(&mut self) -> u32;
    /// The timestamp (ms) that calls see now.
    fn now(&mut self) -> u64;
    /// Moves the chain on by `n` blocks.
    fn advance_blocks(&mut self, n: u32);
    /// Sends `value` of the native currency from `from` to `to` (a plain balance transfer).
    fn transfer(&mut self, from: [u8; 32], to: AccountId, value: u128);
    /// The free native balance of `who`.
    fn balance(&mut self, who: AccountId) -> u128;
    /// Moves the chain's time forward by at least `ms` (exactly `ms` in the sandbox; on the
    /// node, whose blocks carry wall-clock time, by `ms` plus the time to author a block).
    fn advance_time(&mut self, ms: u64);
}

/// A chain with pallet-contracts, funded [`ACCOUNTS`] and helpers, on either backend.
pub struct Chain {
    backend: Box<dyn Backend>,
    /// "sandbox" or "node".
    pub kind: &'static str,
}

impl Chain {
    /// A fresh in-process chain at block 1 whose well-known accounts hold funds.
    pub fn sandbox() -> Self {
        Chain { backend: Box::new(sandbox::SandboxBackend::new()), kind: "sandbox" }
    }

    /// The local node (`$SOVRA_NODE_URL`, else the one `scripts/node.sh start` runs or starts).
    /// Holds a process-wide lock until dropped, so node tests run one at a time.
    pub fn node() -> Self {
        Chain { backend: Box::new(node::NodeBackend::connect()), kind: "node" }
    }

    /// The node at `url`, signing for the dev accounts and for `signers` (e.g. a deployer's key
    /// from its secret URI). Like [`Chain::node`] it holds the process-wide node lock.
    pub fn node_at(url: &str, signers: Vec<subxt_signer::sr25519::Keypair>) -> Self {
        Chain { backend: Box::new(node::NodeBackend::connect_to(url, signers)), kind: "node" }
    }

    /// The contract of `bundle` deployed at `address`.
    pub fn attach(&self, bundle: &Bundle, address: AccountId) -> Contract {
        Contract { address, bundle: bundle.clone() }
    }

    /// The chain's genesis block hash.
    pub fn genesis_hash(&mut self) -> [u8; 32] {
        self.backend.genesis_hash()
    }

    /// The code hash the contract at `contract` runs, read from the chain (`None`: no contract).
    pub fn code_hash(&mut self, contract: AccountId) -> Option<[u8; 32]> {
        self.backend.code_hash(contract)
    }

    /// Dry-runs deploying `bundle` with `constructor(args)` from `origin`: the address and the
    /// storage deposit (plancks) it would take; nothing is stored.
    pub fn dry_deploy(&mut self, bundle: &Bundle, constructor: &str, args: impl Encode, origin: [u8; 32]) -> (AccountId, i128) {
        self.backend.dry_deploy(bundle, bundle.input(constructor, args), origin)
    }

    /// Stores `bundle`'s code on chain as `origin` and returns its code hash (blake2b-256 of the
    /// Wasm), for `set_code_hash`.
    pub fn upload(&mut self, bundle: &Bundle, origin: [u8; 32]) -> [u8; 32] {
        self.backend.upload(bundle, origin);
        bundle.code_hash()
    }

    /// Deploys `bundle` with `constructor(args)` from `origin`.
    pub fn deploy(&mut self, bundle: &Bundle, constructor: &str, args: impl Encode, origin: [u8; 32]) -> Contract {
        let address = self.backend.deploy(bundle, bundle.input(constructor, args), origin);
        Contract { address, bundle: bundle.clone() }
    }

    fn decoded<R: Decode>(message: &str, raw: Outcome<Vec<u8>>) -> Outcome<R> {
        let value = match <Result<R, ink::LangError>>::decode(&mut &raw.value[..]) {
            Ok(Ok(value)) => value,
            Ok(Err(lang)) => panic!("{message}: ink! language error {lang:?}"),
            Err(e) => panic!("{message}: cannot decode the return value: {e}"),
        };
        raw.map(value)
    }

    /// Calls `message(args)` on `contract` from `origin` and commits its effects (unless it
    /// reverted). `R` is the message's return type.
    pub fn call<R: Decode>(&mut self, contract: &Contract, origin: [u8; 32], message: &str, args: impl Encode) -> Outcome<R> {
        let raw = self.backend.exec(contract.address, origin, contract.bundle.input(message, args), true);
        Self::decoded(message, raw)
    }

    /// Dry-runs `message(args)` as `origin`; nothing is committed.
    pub fn dry_run<R: Decode>(&mut self, contract: &Contract, origin: [u8; 32], message: &str, args: impl Encode) -> Outcome<R> {
        let raw = self.backend.exec(contract.address, origin, contract.bundle.input(message, args), false);
        Self::decoded(message, raw)
    }

    /// The value of a read-only message, dry-run as ALICE.
    pub fn query<R: Decode>(&mut self, contract: &Contract, message: &str, args: impl Encode) -> R {
        self.dry_run(contract, ALICE, message, args).value
    }

    /// The current block: the one the last committed call executed in.
    pub fn block(&mut self) -> u32 {
        self.backend.block()
    }

    /// Moves the chain on by `n` blocks.
    /// Sends `value` of the native currency from `from` to `to` (panics if refused).
    pub fn transfer(&mut self, from: [u8; 32], to: AccountId, value: u128) {
        self.backend.transfer(from, to, value)
    }

    /// The free native balance of `who`.
    pub fn balance(&mut self, who: AccountId) -> u128 {
        self.backend.balance(who)
    }

    pub fn advance_blocks(&mut self, n: u32) {
        self.backend.advance_blocks(n)
    }

    /// The timestamp (ms) calls see now.
    pub fn now(&mut self) -> u64 {
        self.backend.now()
    }

    /// Moves time forward by at least `ms` (see [`Backend::advance_time`]).
    pub fn advance_time(&mut self, ms: u64) {
        self.backend.advance_time(ms)
    }
}

/// Runs each named test body (`fn(Chain)`) on both backends: `sandbox::<name>` and
/// `node::<name>`.
#[macro_export]
macro_rules! e2e_tests {
    ($($name:ident),* $(,)?) => {
        mod sandbox {
            $( #[test] fn $name() { super::$name($crate::Chain::sandbox()) } )*
        }
        mod node {
            $( #[test] fn $name() { super::$name($crate::Chain::node()) } )*
        }
    };
}

/// The request for credential `[id; 32]` of `schema` about the account `subject`: no claims
/// commitment, no expiry, not bound to a status list (tests override fields with `..`).
pub fn account_credential(id: u8, schema: sovra_interfaces::credential::SchemaId, subject: [u8; 32]) -> sovra_interfaces::credential::IssueRequest {
    sovra_interfaces::credential::IssueRequest {
        credential: [id; 32],
        schema,
        subject_account: Some(ink_account(subject)),
        subject_did: None,
        expires_at: None,
        claims_root: None,
        revocation: None,
        suspension: None,
    }
}

/// A credential-gated setup on the real registries: a DID registry, a credential registry
/// (admin Alice), an issuer DID controlled by Bob, trusted for a "Member" schema; `issue` gives
/// an account a valid credential of it and `set_status` suspends, reinstates or revokes one.
#[derive(Clone)]
pub struct Membership {
    pub dids: Contract,
    pub creds: Contract,
    pub issuer: sovra_interfaces::did::DidId,
    pub schema: sovra_interfaces::credential::SchemaId,
}

impl Membership {
    /// Deploys the registries and trusts Bob's issuer DID for the schema.
    pub fn set_up(chain: &mut Chain) -> Self {
        use sovra_interfaces::credential::{CredentialError, SchemaId};
        use sovra_interfaces::did::{DidError, DidId};
        let dids = chain.deploy(&Bundle::load("did_registry"), "new", [0xC1u8; 32], ALICE);
        let creds = chain.deploy(&Bundle::load("credential_registry"), "new", (dids.address, ink_account(ALICE)), ALICE);
        let issuer = chain.call::<Result<DidId, DidError>>(&dids, BOB, "create_did", [1u8; 32]).value.expect("DID");
        let schema = chain
            .call::<Result<SchemaId, CredentialError>>(&creds, BOB, "register_schema", ([3u8; 32], b"Member".to_vec(), Vec::<u8>::new(), true))
            .value
            .expect("schema");
        let trusted = chain.call::<Result<(), CredentialError>>(&creds, ALICE, "add_trusted_issuer", (schema, issuer)).value;
        assert_eq!(trusted, Ok(()));
        Membership { dids, creds, issuer, schema }
    }

    /// The issuer gives `who` a valid credential `[id; 32]` of the schema.
    pub fn issue(&self, chain: &mut Chain, who: [u8; 32], id: u8) {
        use sovra_interfaces::credential::CredentialError;
        let request = account_credential(id, self.schema, who);
        assert_eq!(chain.call::<Result<(), CredentialError>>(&self.creds, BOB, "issue", (self.issuer, request)).value, Ok(()));
    }

    /// The issuer `suspend`s, `reinstate`s or `revoke`s credential `[id; 32]`.
    pub fn set_status(&self, chain: &mut Chain, message: &str, id: u8) {
        use sovra_interfaces::credential::CredentialError;
        let ids = vec![[id; 32]];
        let out = match message {
            "reinstate" => chain.call::<Result<(), CredentialError>>(&self.creds, BOB, message, (self.issuer, ids)),
            _ => chain.call::<Result<(), CredentialError>>(&self.creds, BOB, message, (self.issuer, ids, b"r".to_vec())),
        };
        assert_eq!(out.value, Ok(()), "{message}");
    }

    /// The gate contracts take: this credential registry and schema.
    pub fn gate(&self) -> sovra_kit::compliance::ComplianceGate {
        sovra_kit::compliance::ComplianceGate { registry: self.creds.address, schema: self.schema }
    }
}
