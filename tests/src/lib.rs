//! Harness for Sovra's end-to-end tests: loads the `.contract` bundles that `scripts/build.sh`
//! produced, deploys them into an in-process pallet-contracts runtime (`ink_sandbox`, the
//! runtime behind drink and ink_e2e's sandbox backend) and calls them with SCALE-encoded
//! arguments, decoding results, events and weights.
//!
//! Bundles are read from `$SOVRA_INK_DIR/<name>/<name>.contract`, by default
//! `<workspace>/target/ink`.

use std::collections::HashMap;
use std::path::PathBuf;

use ink_sandbox::api::prelude::*;
use ink_sandbox::macros::RuntimeEvent;
use ink_sandbox::pallet_contracts::{self, Determinism};
use ink_sandbox::{AccountId32, DefaultSandbox, Sandbox, Weight};
use scale::{Decode, Encode};

pub use ink::primitives::AccountId;

/// Well-known test accounts (funded by [`Chain::new`]).
pub const ALICE: [u8; 32] = [1; 32];
pub const BOB: [u8; 32] = [2; 32];
pub const CHARLIE: [u8; 32] = [3; 32];
pub const DAVE: [u8; 32] = [4; 32];
pub const EVE: [u8; 32] = [5; 32];

/// The ink! account id of raw bytes.
pub fn ink_account(raw: [u8; 32]) -> AccountId {
    AccountId::from(raw)
}

/// An `Account` verification method named `id` that lets account `who` act for a DID in
/// `relationships`, valid until `valid_until` (ms) if given.
pub fn account_key(
    id: &str,
    who: [u8; 32],
    relationships: &[sovra_traits::did::Relationship],
    valid_until: Option<u64>,
) -> sovra_traits::did::VerificationMethod {
    sovra_traits::did::VerificationMethod {
        id: id.as_bytes().to_vec(),
        key_type: sovra_traits::did::KeyType::Account,
        public_key: who.to_vec(),
        relationships: sovra_traits::did::Relationships::of(relationships),
        valid_from: None,
        valid_until,
    }
}

fn runtime_account(raw: [u8; 32]) -> AccountId32 {
    AccountId32::new(raw)
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
    /// Events emitted by contracts during the call.
    pub events: Vec<Emitted>,
}

impl<R> Outcome<R> {
    /// Decoded events of type `E` (matched by signature topic) emitted by `contract`.
    pub fn events_of<E: ink::env::Event + Decode>(&self, contract: &Contract) -> Vec<E> {
        self.events
            .iter()
            .filter(|e| e.contract == contract.address)
            .filter(|e| E::SIGNATURE_TOPIC.is_some() && e.topics.first().copied() == E::SIGNATURE_TOPIC)
            .map(|e| E::decode(&mut &e.data[..]).expect("event decodes"))
            .collect()
    }
}

/// An in-process chain with pallet-contracts, funded test accounts and helpers.
pub struct Chain {
    pub sandbox: DefaultSandbox,
    gas_limit: Weight,
}

impl Default for Chain {
    fn default() -> Self {
        Self::new()
    }
}

impl Chain {
    /// A fresh chain at block 1 whose well-known accounts hold funds.
    pub fn new() -> Self {
        let mut sandbox = DefaultSandbox::default();
        for who in [ALICE, BOB, CHARLIE, DAVE, EVE] {
            sandbox
                .mint_into(&runtime_account(who), 1_000_000_000_000_000)
                .expect("mint");
        }
        let mut chain = Chain { sandbox, gas_limit: Weight::from_parts(100_000_000_000, 3 * 1024 * 1024) };
        chain.set_time(1_700_000_000_000);
        chain
    }

    /// Deploys `bundle` with `constructor(args)` from `origin`.
    pub fn deploy(&mut self, bundle: &Bundle, constructor: &str, args: impl Encode, origin: [u8; 32]) -> Contract {
        let data = bundle.input(constructor, args);
        let result = self.sandbox.deploy_contract(
            bundle.wasm.clone(),
            0,
            data,
            bundle.name.as_bytes().to_vec(),
            runtime_account(origin),
            self.gas_limit,
            None,
        );
        let debug = String::from_utf8_lossy(&result.debug_message).to_string();
        let ok = result
            .result
            .unwrap_or_else(|e| panic!("deploying {} failed: {e:?} {debug}", bundle.name));
        assert!(!ok.result.did_revert(), "constructor of {} reverted: {debug}", bundle.name);
        let raw: [u8; 32] = *ok.account_id.as_ref();
        Contract { address: AccountId::from(raw), bundle: bundle.clone() }
    }

    /// Executes `message(args)`; the outcome's value is the raw SCALE return data.
    fn exec(&mut self, contract: &Contract, origin: [u8; 32], message: &str, args: impl Encode) -> Outcome<Vec<u8>> {
        let data = contract.bundle.input(message, args);
        let raw: [u8; 32] = *contract.address.as_ref();
        // The runtime reports every event of the current block: start from none.
        self.sandbox.reset_events();
        let result = self.sandbox.call_contract(
            runtime_account(raw),
            0,
            data,
            runtime_account(origin),
            self.gas_limit,
            None,
            Determinism::Enforced,
        );
        let debug = String::from_utf8_lossy(&result.debug_message).to_string();
        let ret = result
            .result
            .unwrap_or_else(|e| panic!("call {message} trapped: {e:?} {debug}"));
        let deposit = match result.storage_deposit {
            pallet_contracts::StorageDeposit::Charge(v) => v as i128,
            pallet_contracts::StorageDeposit::Refund(v) => -(v as i128),
        };
        let mut events = Vec::new();
        for record in result.events.unwrap_or_default() {
            if let RuntimeEvent::Contracts(pallet_contracts::Event::ContractEmitted { contract, data }) = record.event {
                let raw: [u8; 32] = *contract.as_ref();
                events.push(Emitted {
                    contract: AccountId::from(raw),
                    topics: record.topics.iter().map(|t| t.0).collect(),
                    data,
                });
            }
        }
        Outcome {
            reverted: ret.did_revert(),
            value: ret.data,
            gas_consumed: result.gas_consumed,
            gas_required: result.gas_required,
            storage_deposit: deposit,
            events,
        }
    }

    /// Calls `message(args)` on `contract` from `origin` and commits its effects (unless it
    /// reverted). `R` is the message's return type.
    pub fn call<R: Decode>(&mut self, contract: &Contract, origin: [u8; 32], message: &str, args: impl Encode) -> Outcome<R> {
        let raw = self.exec(contract, origin, message, args);
        let value = match <Result<R, ink::LangError>>::decode(&mut &raw.value[..]) {
            Ok(Ok(value)) => value,
            Ok(Err(lang)) => panic!("{message}: ink! language error {lang:?}"),
            Err(e) => panic!("{message}: cannot decode the return value: {e}"),
        };
        Outcome {
            value,
            reverted: raw.reverted,
            gas_consumed: raw.gas_consumed,
            gas_required: raw.gas_required,
            storage_deposit: raw.storage_deposit,
            events: raw.events,
        }
    }

    /// Dry-runs `message(args)` as `origin`; nothing is committed.
    pub fn dry_run<R: Decode>(&mut self, contract: &Contract, origin: [u8; 32], message: &str, args: impl Encode) -> Outcome<R> {
        let snapshot = self.sandbox.take_snapshot();
        let outcome = self.call(contract, origin, message, args);
        self.sandbox.restore_snapshot(snapshot);
        outcome
    }

    /// The value of a read-only message, dry-run as ALICE.
    pub fn query<R: Decode>(&mut self, contract: &Contract, message: &str, args: impl Encode) -> R {
        self.dry_run(contract, ALICE, message, args).value
    }

    /// Current block number.
    pub fn block(&mut self) -> u32 {
        self.sandbox.block_number()
    }

    /// Builds `n` blocks (the timestamp is kept).
    pub fn advance_blocks(&mut self, n: u32) {
        let now = self.now();
        self.sandbox.build_blocks(n);
        self.set_time(now);
    }

    /// Current block timestamp (ms).
    pub fn now(&mut self) -> u64 {
        self.sandbox.get_timestamp()
    }

    /// Sets the block timestamp (ms).
    pub fn set_time(&mut self, ms: u64) {
        self.sandbox.set_timestamp(ms);
    }

    /// Moves the block timestamp forward by `ms`.
    pub fn advance_time(&mut self, ms: u64) {
        let now = self.now();
        self.set_time(now + ms);
    }
}
