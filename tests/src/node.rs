//! The node backend: a local `substrate-contracts-node` (instant seal: every extrinsic is
//! authored into its own block) driven over RPC with subxt.
//!
//! - A committed call is first dry-run through the `ContractsApi_call` runtime API (for its
//!   return value and weight, as ink_e2e and cargo-contract do), then submitted as a signed
//!   `Contracts::call` extrinsic with that weight as limit, and awaited in a block. Its events are
//!   the block's `Contracts::ContractEmitted` events of that extrinsic. A call that reverted in
//!   the dry run is submitted too and must fail on chain with `Contracts::ContractReverted`;
//!   any disagreement between dry run and block panics.
//! - Dry runs, `block()` and `now()` read the best block.
//! - Blocks are advanced with `System::remark` extrinsics from //Ferdie (not one of the test
//!   accounts, so their nonces stay untouched); time by waiting for the wall clock and then
//!   authoring a block.

use std::sync::{Mutex, MutexGuard};
use std::time::{Duration, SystemTime, UNIX_EPOCH};

use ink_sandbox::pallet_contracts::{ContractExecResult, ContractInstantiateResult};
use ink_sandbox::Weight;
use scale::{Decode, Encode};
use subxt::backend::legacy::LegacyRpcMethods;
use subxt::backend::rpc::RpcClient;
use subxt::blocks::ExtrinsicEvents;
use subxt::dynamic::Value;
use subxt::tx::{Payload, TxStatus};
use subxt::config::DefaultExtrinsicParamsBuilder;
use subxt::{OnlineClient, PolkadotConfig};
use subxt_signer::sr25519::{dev, Keypair};

use crate::{AccountId, Backend, Bundle, Emitted, Outcome};

type Config = PolkadotConfig;

/// Node tests share one chain and its accounts' nonces: one at a time.
static NODE_TESTS: Mutex<()> = Mutex::new(());

/// The URL of the node: `$SOVRA_NODE_URL`, or the default of `scripts/node.sh`, which is run
/// to reuse a running node or start one (started once per test process).
fn node_url() -> String {
    if let Ok(url) = std::env::var("SOVRA_NODE_URL") {
        return url;
    }
    static STARTED: std::sync::OnceLock<String> = std::sync::OnceLock::new();
    STARTED
        .get_or_init(|| {
            let script = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../scripts/node.sh");
            let out = std::process::Command::new("bash")
                .arg(&script)
                .arg("start")
                .stderr(std::process::Stdio::inherit())
                .output()
                .unwrap_or_else(|e| panic!("cannot run {}: {e}", script.display()));
            assert!(out.status.success(), "`scripts/node.sh start` failed: no node for the node-backend tests");
            let text = String::from_utf8_lossy(&out.stdout);
            text.lines()
                .rev()
                .find(|l| l.starts_with("ws://"))
                .unwrap_or_else(|| panic!("`scripts/node.sh start` printed no URL: {text}"))
                .to_string()
        })
        .clone()
}

/// The keypairs of [`ACCOUNTS`], in order.
fn dev_keys() -> [Keypair; 5] {
    [dev::alice(), dev::bob(), dev::charlie(), dev::dave(), dev::eve()]
}

fn weight_value(w: Weight) -> Value {
    Value::named_composite([
        ("ref_time", Value::u128(u128::from(w.ref_time()))),
        ("proof_size", Value::u128(u128::from(w.proof_size()))),
    ])
}

/// The node's error name for a failed extrinsic, e.g. `Contracts::ContractReverted`.
fn error_name(e: &subxt::Error) -> String {
    match e {
        subxt::Error::Runtime(subxt::error::DispatchError::Module(m)) => m.details_string(),
        other => other.to_string(),
    }
}

pub(crate) struct NodeBackend {
    rt: tokio::runtime::Runtime,
    api: OnlineClient<Config>,
    rpc: LegacyRpcMethods<Config>,
    /// The signers of [`ACCOUNTS`], //Ferdie and any others the chain was opened with.
    keys: Vec<Keypair>,
    _turn: MutexGuard<'static, ()>,
}

impl NodeBackend {
    pub(crate) fn connect() -> Self {
        Self::connect_to(&node_url(), Vec::new())
    }

    /// The node at `url`, signing for the dev accounts and `signers`.
    pub(crate) fn connect_to(url: &str, signers: Vec<Keypair>) -> Self {
        let turn = NODE_TESTS.lock().unwrap_or_else(|poisoned| poisoned.into_inner());
        let url = url.to_string();
        let rt = tokio::runtime::Builder::new_multi_thread()
            .worker_threads(1)
            .enable_all()
            .build()
            .expect("tokio runtime");
        let (api, rpc) = rt.block_on(async {
            let client = RpcClient::from_insecure_url(&url)
                .await
                .unwrap_or_else(|e| panic!("cannot connect to the node at {url}: {e} (scripts/node.sh start)"));
            let api = OnlineClient::<Config>::from_rpc_client(client.clone())
                .await
                .unwrap_or_else(|e| panic!("node at {url}: {e}"));
            (api, LegacyRpcMethods::<Config>::new(client))
        });
        let mut keys: Vec<Keypair> = dev_keys().into_iter().chain([dev::ferdie()]).collect();
        keys.extend(signers);
        NodeBackend { rt, api, rpc, keys, _turn: turn }
    }

    fn keypair(&self, who: [u8; 32]) -> &Keypair {
        self.keys
            .iter()
            .find(|k| k.public_key().0 == who)
            .unwrap_or_else(|| panic!("no key to sign for {who:?} (not a dev account nor a given signer)"))
    }

    fn runtime_call(&self, function: &str, args: Vec<u8>) -> Vec<u8> {
        self.rt
            .block_on(self.rpc.state_call(function, Some(&args), None))
            .unwrap_or_else(|e| panic!("{function}: {e}"))
    }

    /// Signs `payload` as `signer`, submits it and waits until it is in a block: the
    /// extrinsic's events, or the dispatch error.
    fn submit(&self, payload: &impl Payload, signer: &Keypair) -> Result<ExtrinsicEvents<Config>, subxt::Error> {
        self.rt.block_on(async {
            // The nonce from the best block and the pool: subxt's default reads the finalized
            // block, which lags behind instant-sealed blocks.
            let nonce = self.rpc.system_account_next_index(&signer.public_key().to_account_id()).await?;
            let params = DefaultExtrinsicParamsBuilder::<Config>::new().nonce(nonce).build();
            let mut progress = self.api.tx().create_signed(payload, signer, params).await?.submit_and_watch().await?;
            while let Some(status) = progress.next().await {
                match status? {
                    TxStatus::InBestBlock(block) | TxStatus::InFinalizedBlock(block) => {
                        return block.wait_for_success().await;
                    }
                    TxStatus::Error { message } | TxStatus::Invalid { message } | TxStatus::Dropped { message } => {
                        return Err(subxt::Error::Other(format!("transaction not included: {message}")));
                    }
                    _ => {}
                }
            }
            Err(subxt::Error::Other("transaction status subscription ended".into()))
        })
    }

    /// Dry-runs instantiating `bundle` with `input` as `origin` under a fresh salt (the node's
    /// chain outlives a test and a test run); panics if the constructor fails or reverts.
    fn instantiate_dry_run(
        &self,
        bundle: &Bundle,
        input: &[u8],
        origin: [u8; 32],
    ) -> (ContractInstantiateResult<ink_sandbox::AccountId32, u128, ()>, Vec<u8>) {
        static DEPLOYS: std::sync::atomic::AtomicU64 = std::sync::atomic::AtomicU64::new(0);
        let nanos = SystemTime::now().duration_since(UNIX_EPOCH).expect("clock").as_nanos();
        let salt = (nanos, DEPLOYS.fetch_add(1, std::sync::atomic::Ordering::Relaxed)).encode();
        // ContractsApi_instantiate(origin, value, gas_limit, storage_deposit_limit,
        //                          Code::Upload(wasm), data, salt)
        let args = (origin, 0u128, None::<Weight>, None::<u128>, 0u8, &bundle.wasm, input, &salt).encode();
        let raw = self.runtime_call("ContractsApi_instantiate", args);
        let dry = ContractInstantiateResult::<ink_sandbox::AccountId32, u128, ()>::decode(&mut &raw[..])
            .expect("ContractInstantiateResult decodes");
        let debug = String::from_utf8_lossy(&dry.debug_message).to_string();
        match &dry.result {
            Err(e) => panic!("deploying {} failed in the dry run: {e:?} {debug}", bundle.name),
            Ok(ok) => assert!(!ok.result.did_revert(), "constructor of {} reverted: {debug}", bundle.name),
        }
        (dry, salt)
    }

    fn remark(&self) {
        let payload = subxt::dynamic::tx("System", "remark", vec![Value::from_bytes(b"")]);
        self.submit(&payload, self.keypair(crate::FERDIE))
            .unwrap_or_else(|e| panic!("System::remark failed: {e}"));
    }
}

fn emitted(events: &ExtrinsicEvents<Config>) -> Vec<Emitted> {
    let mut out = Vec::new();
    for event in events.iter() {
        let event = event.expect("event decodes");
        if event.pallet_name() == "Contracts" && event.variant_name() == "ContractEmitted" {
            let (contract, data) = <([u8; 32], Vec<u8>)>::decode(&mut event.field_bytes())
                .expect("ContractEmitted fields");
            out.push(Emitted {
                contract: AccountId::from(contract),
                topics: event.topics().iter().map(|h| h.0).collect(),
                data,
            });
        }
    }
    out
}

impl Backend for NodeBackend {
    fn dry_deploy(&mut self, bundle: &Bundle, input: Vec<u8>, origin: [u8; 32]) -> (AccountId, i128) {
        let (dry, _) = self.instantiate_dry_run(bundle, &input, origin);
        let address: [u8; 32] = *dry.result.as_ref().expect("checked").account_id.as_ref();
        (AccountId::from(address), crate::signed_deposit(&dry.storage_deposit))
    }

    fn genesis_hash(&mut self) -> [u8; 32] {
        let hash = self
            .rt
            .block_on(self.rpc.chain_get_block_hash(Some(0u32.into())))
            .expect("chain_getBlockHash")
            .expect("a genesis block");
        hash.0
    }

    fn code_hash(&mut self, contract: AccountId) -> Option<[u8; 32]> {
        // Contracts::ContractInfoOf(account) (Twox64Concat): ContractInfo { trie_id:
        // BoundedVec<u8>, code_hash, … }
        let raw: [u8; 32] = *contract.as_ref();
        let mut key = ink_sandbox::frame_support::storage::storage_prefix(b"Contracts", b"ContractInfoOf").to_vec();
        key.extend(<ink_sandbox::frame_support::Twox64Concat as ink_sandbox::frame_support::StorageHasher>::hash(&raw));
        let info = self.rt.block_on(self.rpc.state_get_storage(&key, None)).expect("state_getStorage")?;
        let mut input = &info[..];
        let _trie_id = Vec::<u8>::decode(&mut input).expect("ContractInfo.trie_id");
        Some(<[u8; 32]>::decode(&mut input).expect("ContractInfo.code_hash"))
    }

    fn deploy(&mut self, bundle: &Bundle, input: Vec<u8>, origin: [u8; 32]) -> AccountId {
        let (dry, salt) = self.instantiate_dry_run(bundle, &input, origin);
        let ok = dry.result.as_ref().expect("checked");
        let payload = subxt::dynamic::tx(
            "Contracts",
            "instantiate_with_code",
            vec![
                Value::u128(0),
                weight_value(dry.gas_required),
                Value::unnamed_variant("None", []),
                Value::from_bytes(&bundle.wasm),
                Value::from_bytes(&input),
                Value::from_bytes(&salt),
            ],
        );
        let events = self
            .submit(&payload, self.keypair(origin))
            .unwrap_or_else(|e| panic!("instantiating {} failed on chain: {}", bundle.name, error_name(&e)));
        let instantiated = events
            .iter()
            .map(|e| e.expect("event decodes"))
            .find(|e| e.pallet_name() == "Contracts" && e.variant_name() == "Instantiated")
            .unwrap_or_else(|| panic!("no Contracts::Instantiated event for {}", bundle.name));
        let (_deployer, contract) = <([u8; 32], [u8; 32])>::decode(&mut instantiated.field_bytes()).expect("Instantiated fields");
        let expected: &[u8; 32] = ok.account_id.as_ref();
        assert_eq!(contract, *expected, "dry run and block disagree on the address of {}", bundle.name);
        AccountId::from(contract)
    }

    fn upload(&mut self, bundle: &Bundle, origin: [u8; 32]) {
        // Contracts::upload_code(code, storage_deposit_limit: None, determinism: Enforced)
        let payload = subxt::dynamic::tx(
            "Contracts",
            "upload_code",
            vec![Value::from_bytes(&bundle.wasm), Value::unnamed_variant("None", []), Value::unnamed_variant("Enforced", [])],
        );
        match self.submit(&payload, self.keypair(origin)) {
            Ok(_) => {}
            // the chain outlives a test run: the same code may be stored already
            Err(e) if error_name(&e).contains("CodeAlreadyExists") => {}
            Err(e) => panic!("uploading {} failed on chain: {}", bundle.name, error_name(&e)),
        }
    }

    fn exec(&mut self, contract: AccountId, origin: [u8; 32], input: Vec<u8>, commit: bool) -> Outcome<Vec<u8>> {
        let dest: [u8; 32] = *contract.as_ref();
        // ContractsApi_call(origin, dest, value, gas_limit, storage_deposit_limit, input)
        let args = (origin, dest, 0u128, None::<Weight>, None::<u128>, &input).encode();
        let raw = self.runtime_call("ContractsApi_call", args);
        let dry = ContractExecResult::<u128, ()>::decode(&mut &raw[..]).expect("ContractExecResult decodes");
        let debug = String::from_utf8_lossy(&dry.debug_message).to_string();
        let ret = dry
            .result
            .unwrap_or_else(|e| panic!("call to {contract:?} trapped in the dry run: {e:?} {debug}"));
        let reverted = ret.did_revert();
        let mut events = Vec::new();
        if commit {
            // The dry run executes on the best block's state and number; the extrinsic runs in
            // the next block, where block-dependent code may do more (the token appends a vote
            // checkpoint for a new block instead of overwriting the current one). Unused weight
            // is refunded, so the limit carries a 50% margin, as a frontend's should.
            let limit = Weight::from_parts(
                dry.gas_required.ref_time().saturating_mul(3) / 2,
                dry.gas_required.proof_size().saturating_mul(3) / 2,
            );
            let payload = subxt::dynamic::tx(
                "Contracts",
                "call",
                vec![
                    Value::unnamed_variant("Id", [Value::from_bytes(dest)]),
                    Value::u128(0),
                    weight_value(limit),
                    Value::unnamed_variant("None", []),
                    Value::from_bytes(&input),
                ],
            );
            match (self.submit(&payload, self.keypair(origin)), reverted) {
                (Ok(block_events), false) => events = emitted(&block_events),
                (Err(e), true) if error_name(&e) == "Contracts::ContractReverted" => {}
                (Ok(_), true) => panic!("the dry run reverted but the extrinsic succeeded"),
                (Err(e), _) => panic!(
                    "extrinsic failed with {} (dry run: {})",
                    error_name(&e),
                    if reverted { "reverted" } else { "succeeded" }
                ),
            }
        }
        Outcome {
            value: ret.data,
            reverted,
            gas_consumed: dry.gas_consumed,
            gas_required: dry.gas_required,
            storage_deposit: crate::signed_deposit(&dry.storage_deposit),
            events,
        }
    }

    fn block(&mut self) -> u32 {
        let header = self
            .rt
            .block_on(self.rpc.chain_get_header(None))
            .expect("chain_getHeader")
            .expect("a best block");
        header.number
    }

    fn now(&mut self) -> u64 {
        let key = ink_sandbox::frame_support::storage::storage_prefix(b"Timestamp", b"Now");
        let raw = self
            .rt
            .block_on(self.rpc.state_get_storage(&key, None))
            .expect("state_getStorage")
            .expect("Timestamp::Now is set");
        u64::decode(&mut &raw[..]).expect("u64 timestamp")
    }

    fn advance_blocks(&mut self, n: u32) {
        for _ in 0..n {
            self.remark();
        }
    }

    fn transfer(&mut self, from: [u8; 32], to: AccountId, value: u128) {
        let dest: [u8; 32] = *to.as_ref();
        let payload = subxt::dynamic::tx(
            "Balances",
            "transfer_allow_death",
            vec![Value::unnamed_variant("Id", [Value::from_bytes(dest)]), Value::u128(value)],
        );
        if let Err(e) = self.submit(&payload, self.keypair(from)) {
            panic!("transfer of {value} failed: {}", error_name(&e));
        }
    }

    fn balance(&mut self, who: AccountId) -> u128 {
        // System::Account(account) (Blake2_128Concat): AccountInfo { nonce, consumers,
        // providers, sufficients: u32, data: AccountData { free: u128, … } }
        let raw: [u8; 32] = *who.as_ref();
        let mut key = ink_sandbox::frame_support::storage::storage_prefix(b"System", b"Account").to_vec();
        key.extend(<ink_sandbox::frame_support::Blake2_128Concat as ink_sandbox::frame_support::StorageHasher>::hash(&raw));
        let Some(info) = self.rt.block_on(self.rpc.state_get_storage(&key, None)).expect("state_getStorage") else {
            return 0;
        };
        let mut input = &info[16..];
        u128::decode(&mut input).expect("AccountData.free")
    }

    fn advance_time(&mut self, ms: u64) {
        let target = self.now() + ms;
        loop {
            let wall = SystemTime::now().duration_since(UNIX_EPOCH).expect("clock").as_millis() as u64;
            if wall <= target {
                std::thread::sleep(Duration::from_millis(target - wall + 1));
            }
            self.remark();
            if self.now() >= target {
                return;
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ACCOUNTS;

    #[test]
    fn test_accounts_are_the_dev_keyring() {
        for (account, key) in ACCOUNTS.iter().zip(dev_keys()) {
            assert_eq!(*account, key.public_key().0);
        }
    }
}
