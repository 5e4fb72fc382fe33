//! The node backend: a node with pallet-contracts (e.g. `substrate-contracts-node`) driven over
//! RPC with subxt.
//!
//! - A committed call is first dry-run through the `ContractsApi_call` runtime API (for its
//!   return value and weight, as cargo-contract does), then submitted as a signed
//!   `Contracts::call` extrinsic and awaited in a block. Its events are the block's
//!   `Contracts::ContractEmitted` events of that extrinsic. A call that reverted in the dry run
//!   is submitted too and must fail on chain with `Contracts::ContractReverted`; a dry run and a
//!   block that disagree are an [`Error::Disagreement`].
//! - Dry runs, `block()` and `now()` read the best block.
//! - Blocks are advanced with `System::remark` extrinsics signed by the first signer.
//!
//! The backend signs only for the keys it is given: it knows no accounts of its own.

use std::time::{Duration, SystemTime, UNIX_EPOCH};

use scale::{Decode, Encode};
use subxt::backend::legacy::LegacyRpcMethods;
use subxt::backend::rpc::RpcClient;
use subxt::blocks::ExtrinsicEvents;
use subxt::config::DefaultExtrinsicParamsBuilder;
use subxt::dynamic::Value;
use subxt::tx::{Payload, TxStatus};
use subxt::{OnlineClient, PolkadotConfig};
use subxt_signer::sr25519::Keypair;

use crate::runtime_api::{ContractExecResult, ContractInstantiateResult, DispatchError};
use crate::{AccountId, Backend, Bundle, Chain, Emitted, Error, Outcome, Weight};

type Config = PolkadotConfig;

fn weight_value(w: Weight) -> Value {
    Value::named_composite([
        ("ref_time", Value::u128(u128::from(w.ref_time()))),
        ("proof_size", Value::u128(u128::from(w.proof_size()))),
    ])
}

/// The node's name of a failed extrinsic's error, e.g. `Contracts::ContractReverted`.
fn error_name(e: &subxt::Error) -> String {
    match e {
        subxt::Error::Runtime(subxt::error::DispatchError::Module(m)) => m.details_string(),
        other => other.to_string(),
    }
}

fn connection(e: impl std::fmt::Display) -> Error {
    Error::Connection(e.to_string())
}

/// The storage key of `pallet::item`, optionally of one map key already hashed.
fn storage_key(pallet: &str, item: &str, hashed_key: &[u8]) -> Vec<u8> {
    let mut key = sp_crypto_hashing::twox_128(pallet.as_bytes()).to_vec();
    key.extend(sp_crypto_hashing::twox_128(item.as_bytes()));
    key.extend(hashed_key);
    key
}

/// A node with pallet-contracts, signing for the keypairs it was opened with.
pub struct NodeBackend {
    rt: tokio::runtime::Runtime,
    api: OnlineClient<Config>,
    rpc: LegacyRpcMethods<Config>,
    keys: Vec<Keypair>,
}

impl NodeBackend {
    /// Connects to the node at `url` (`ws://…`), signing for `signers` (the first one also
    /// signs the remarks that advance blocks).
    pub fn connect(url: &str, signers: Vec<Keypair>) -> Result<Self, Error> {
        let rt = tokio::runtime::Builder::new_multi_thread().worker_threads(1).enable_all().build().map_err(connection)?;
        let (api, rpc) = rt.block_on(async {
            let client = RpcClient::from_insecure_url(url)
                .await
                .map_err(|e| Error::Connection(format!("cannot connect to {url}: {e}")))?;
            let api = OnlineClient::<Config>::from_rpc_client(client.clone()).await.map_err(|e| Error::Connection(format!("{url}: {e}")))?;
            Ok::<_, Error>((api, LegacyRpcMethods::<Config>::new(client)))
        })?;
        Ok(NodeBackend { rt, api, rpc, keys: signers })
    }

    /// A [`Chain`] on the node at `url` that signs for `signers` and reads as the first one.
    pub fn chain(url: &str, signers: Vec<Keypair>) -> Result<Chain, Error> {
        let reader = signers.first().map(|k| k.public_key().0).unwrap_or([0; 32]);
        Ok(Chain::new(Box::new(Self::connect(url, signers)?), reader))
    }

    fn keypair(&self, who: [u8; 32]) -> Result<&Keypair, Error> {
        self.keys.iter().find(|k| k.public_key().0 == who).ok_or(Error::NoSigner(who))
    }

    fn runtime_call(&self, function: &str, args: Vec<u8>) -> Result<Vec<u8>, Error> {
        self.rt
            .block_on(self.rpc.state_call(function, Some(&args), None))
            .map_err(|e| Error::Connection(format!("{function}: {e}")))
    }

    fn storage(&self, key: &[u8]) -> Result<Option<Vec<u8>>, Error> {
        self.rt.block_on(self.rpc.state_get_storage(key, None)).map_err(connection)
    }

    /// A dry run's dispatch error, named from the node's metadata.
    fn dispatch_error(&self, e: &DispatchError) -> String {
        match e {
            DispatchError::Module { pallet, error } => {
                let metadata = self.api.metadata();
                metadata
                    .pallet_by_index(*pallet)
                    .and_then(|p| p.error_variant_by_index(error[0]).map(|v| format!("{}::{}", p.name(), v.name)))
                    .unwrap_or_else(|| format!("module error {pallet}/{error:?}"))
            }
            DispatchError::Other(name) => (*name).to_string(),
        }
    }

    /// Signs `payload` as `signer`, submits it and waits until it is in a block: the
    /// extrinsic's events, or the error (subxt's, whose size is subxt's choice).
    #[allow(clippy::result_large_err)]
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

    /// Dry-runs instantiating `bundle` with `input` as `origin` under a fresh salt (a node's
    /// chain outlives a process); the result and the salt.
    fn instantiate_dry_run(&self, bundle: &Bundle, input: &[u8], origin: [u8; 32]) -> Result<(ContractInstantiateResult, Vec<u8>), Error> {
        static DEPLOYS: std::sync::atomic::AtomicU64 = std::sync::atomic::AtomicU64::new(0);
        let nanos = SystemTime::now().duration_since(UNIX_EPOCH).map(|d| d.as_nanos()).unwrap_or(0);
        let salt = (nanos, DEPLOYS.fetch_add(1, std::sync::atomic::Ordering::Relaxed)).encode();
        // ContractsApi_instantiate(origin, value, gas_limit, storage_deposit_limit,
        //                          Code::Upload(wasm), data, salt)
        let args = (origin, 0u128, None::<Weight>, None::<u128>, 0u8, &bundle.wasm, input, &salt).encode();
        let raw = self.runtime_call("ContractsApi_instantiate", args)?;
        let dry = ContractInstantiateResult::decode(&mut &raw[..]).map_err(|e| Error::Decode(format!("ContractInstantiateResult: {e}")))?;
        let debug = String::from_utf8_lossy(&dry.debug_message).to_string();
        match &dry.result {
            Err(e) => return Err(Error::NotDeployed(format!("{}: {} {debug}", bundle.name, self.dispatch_error(e)))),
            Ok(ok) if ok.result.did_revert() => return Err(Error::NotDeployed(format!("the constructor of {} reverted {debug}", bundle.name))),
            Ok(_) => {}
        }
        Ok((dry, salt))
    }

    fn remark(&self) -> Result<(), Error> {
        let signer = self.keys.first().ok_or(Error::NoSigner([0; 32]))?;
        let payload = subxt::dynamic::tx("System", "remark", vec![Value::from_bytes(b"")]);
        self.submit(&payload, signer).map(|_| ()).map_err(|e| Error::Dispatch(format!("System::remark: {}", error_name(&e))))
    }
}

fn emitted(events: &ExtrinsicEvents<Config>) -> Result<Vec<Emitted>, Error> {
    let mut out = Vec::new();
    for event in events.iter() {
        let event = event.map_err(|e| Error::Decode(format!("event: {e}")))?;
        if event.pallet_name() == "Contracts" && event.variant_name() == "ContractEmitted" {
            let (contract, data) = <([u8; 32], Vec<u8>)>::decode(&mut event.field_bytes()).map_err(|e| Error::Decode(format!("ContractEmitted: {e}")))?;
            out.push(Emitted { contract: AccountId::from(contract), topics: event.topics().iter().map(|h| h.0).collect(), data });
        }
    }
    Ok(out)
}

impl Backend for NodeBackend {
    fn dry_deploy(&mut self, bundle: &Bundle, input: Vec<u8>, origin: [u8; 32]) -> Result<(AccountId, i128), Error> {
        let (dry, _) = self.instantiate_dry_run(bundle, &input, origin)?;
        let address = dry.result.as_ref().map(|ok| ok.account_id).map_err(|e| Error::NotDeployed(self.dispatch_error(e)))?;
        Ok((AccountId::from(address), dry.storage_deposit.signed()))
    }

    fn genesis_hash(&mut self) -> Result<[u8; 32], Error> {
        let hash = self.rt.block_on(self.rpc.chain_get_block_hash(Some(0u32.into()))).map_err(connection)?;
        hash.map(|h| h.0).ok_or_else(|| Error::Connection("the node has no genesis block".into()))
    }

    fn code_hash(&mut self, contract: AccountId) -> Result<Option<[u8; 32]>, Error> {
        // Contracts::ContractInfoOf(account) (Twox64Concat): ContractInfo { trie_id:
        // BoundedVec<u8>, code_hash, … }
        let raw: [u8; 32] = *contract.as_ref();
        let mut hashed = sp_crypto_hashing::twox_64(&raw).to_vec();
        hashed.extend(raw);
        let Some(info) = self.storage(&storage_key("Contracts", "ContractInfoOf", &hashed))? else {
            return Ok(None);
        };
        let mut input = &info[..];
        let _trie_id = Vec::<u8>::decode(&mut input).map_err(|e| Error::Decode(format!("ContractInfo: {e}")))?;
        Ok(Some(<[u8; 32]>::decode(&mut input).map_err(|e| Error::Decode(format!("ContractInfo: {e}")))?))
    }

    fn deploy(&mut self, bundle: &Bundle, input: Vec<u8>, origin: [u8; 32]) -> Result<AccountId, Error> {
        let (dry, salt) = self.instantiate_dry_run(bundle, &input, origin)?;
        let expected = dry.result.as_ref().map(|ok| ok.account_id).map_err(|e| Error::NotDeployed(self.dispatch_error(e)))?;
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
            .submit(&payload, self.keypair(origin)?)
            .map_err(|e| Error::Dispatch(format!("instantiating {}: {}", bundle.name, error_name(&e))))?;
        for event in events.iter() {
            let event = event.map_err(|e| Error::Decode(format!("event: {e}")))?;
            if event.pallet_name() == "Contracts" && event.variant_name() == "Instantiated" {
                let (_deployer, contract) = <([u8; 32], [u8; 32])>::decode(&mut event.field_bytes()).map_err(|e| Error::Decode(format!("Instantiated: {e}")))?;
                if contract != expected {
                    return Err(Error::Disagreement(format!("the address of {}", bundle.name)));
                }
                return Ok(AccountId::from(contract));
            }
        }
        Err(Error::Disagreement(format!("no Contracts::Instantiated event for {}", bundle.name)))
    }

    fn upload(&mut self, bundle: &Bundle, origin: [u8; 32]) -> Result<(), Error> {
        // Contracts::upload_code(code, storage_deposit_limit: None, determinism: Enforced)
        let payload = subxt::dynamic::tx(
            "Contracts",
            "upload_code",
            vec![Value::from_bytes(&bundle.wasm), Value::unnamed_variant("None", []), Value::unnamed_variant("Enforced", [])],
        );
        match self.submit(&payload, self.keypair(origin)?) {
            Ok(_) => Ok(()),
            // the chain outlives a process: the same code may be stored already
            Err(e) if error_name(&e).contains("CodeAlreadyExists") => Ok(()),
            Err(e) => Err(Error::Dispatch(format!("uploading {}: {}", bundle.name, error_name(&e)))),
        }
    }

    fn exec(&mut self, contract: AccountId, origin: [u8; 32], input: Vec<u8>, value: u128, commit: bool) -> Result<Outcome<Vec<u8>>, Error> {
        let dest: [u8; 32] = *contract.as_ref();
        // ContractsApi_call(origin, dest, value, gas_limit, storage_deposit_limit, input)
        let args = (origin, dest, value, None::<Weight>, None::<u128>, &input).encode();
        let raw = self.runtime_call("ContractsApi_call", args)?;
        let dry = ContractExecResult::decode(&mut &raw[..]).map_err(|e| Error::Decode(format!("ContractExecResult: {e}")))?;
        let debug = String::from_utf8_lossy(&dry.debug_message).to_string();
        let ret = match &dry.result {
            Ok(ret) => ret.clone(),
            Err(e) => return Err(Error::Trapped(format!("{}: {} {debug}", crate::resolver::ss58(&dest, 42), self.dispatch_error(e)))),
        };
        let reverted = ret.did_revert();
        let mut events = Vec::new();
        if commit {
            // Submitted as a wallet should: the dry run executes at the best block, the
            // extrinsic in the next one, so the limits are the dry run's figures plus the
            // documented margins (`chain::gas_limit`: 1% of weight; `Chain::deposit_margin`:
            // two checkpoints' deposit). Every node test submits this way.
            let limit = crate::chain::gas_limit(dry.gas_required);
            let (item, byte) = self.deposit_prices()?;
            let margin = crate::chain::deposit_margin(item, byte).ok_or_else(|| Error::Decode("deposit margin overflows".into()))?;
            let deposit_limit = u128::try_from(dry.storage_deposit.signed().max(0)).unwrap_or(0).saturating_add(margin);
            let payload = subxt::dynamic::tx(
                "Contracts",
                "call",
                vec![
                    Value::unnamed_variant("Id", [Value::from_bytes(dest)]),
                    Value::u128(value),
                    weight_value(limit),
                    Value::unnamed_variant("Some", [Value::u128(deposit_limit)]),
                    Value::from_bytes(&input),
                ],
            );
            match (self.submit(&payload, self.keypair(origin)?), reverted) {
                (Ok(block_events), false) => events = emitted(&block_events)?,
                (Err(e), true) if error_name(&e) == "Contracts::ContractReverted" => {}
                (Ok(_), true) => return Err(Error::Disagreement("the dry run reverted but the extrinsic succeeded".into())),
                (Err(e), false) => return Err(Error::Dispatch(format!("{} (the dry run succeeded)", error_name(&e)))),
                (Err(e), true) => return Err(Error::Dispatch(format!("{} (the dry run reverted)", error_name(&e)))),
            }
        }
        Ok(Outcome {
            value: ret.data,
            reverted,
            gas_consumed: dry.gas_consumed,
            gas_required: dry.gas_required,
            storage_deposit: dry.storage_deposit.signed(),
            events,
        })
    }

    fn block(&mut self) -> Result<u32, Error> {
        let header = self.rt.block_on(self.rpc.chain_get_header(None)).map_err(connection)?;
        header.map(|h| h.number).ok_or_else(|| Error::Connection("the node has no best block".into()))
    }

    fn now(&mut self) -> Result<u64, Error> {
        let raw = self.storage(&storage_key("Timestamp", "Now", &[]))?.ok_or_else(|| Error::Decode("Timestamp::Now is not set".into()))?;
        u64::decode(&mut &raw[..]).map_err(|e| Error::Decode(format!("Timestamp::Now: {e}")))
    }

    fn advance_blocks(&mut self, n: u32) -> Result<(), Error> {
        for _ in 0..n {
            self.remark()?;
        }
        Ok(())
    }

    fn transfer(&mut self, from: [u8; 32], to: AccountId, value: u128) -> Result<(), Error> {
        let dest: [u8; 32] = *to.as_ref();
        let payload = subxt::dynamic::tx(
            "Balances",
            "transfer_allow_death",
            vec![Value::unnamed_variant("Id", [Value::from_bytes(dest)]), Value::u128(value)],
        );
        self.submit(&payload, self.keypair(from)?)
            .map(|_| ())
            .map_err(|e| Error::Dispatch(format!("transfer of {value}: {}", error_name(&e))))
    }

    fn balance(&mut self, who: AccountId) -> Result<u128, Error> {
        // System::Account(account) (Blake2_128Concat): AccountInfo { nonce, consumers,
        // providers, sufficients: u32, data: AccountData { free: u128, … } }
        let raw: [u8; 32] = *who.as_ref();
        let mut hashed = sp_crypto_hashing::blake2_128(&raw).to_vec();
        hashed.extend(raw);
        let Some(info) = self.storage(&storage_key("System", "Account", &hashed))? else {
            return Ok(0);
        };
        let mut input = info.get(16..).ok_or_else(|| Error::Decode("AccountInfo is too short".into()))?;
        u128::decode(&mut input).map_err(|e| Error::Decode(format!("AccountData.free: {e}")))
    }

    fn advance_time(&mut self, ms: u64) -> Result<(), Error> {
        let target = self.now()?.saturating_add(ms);
        loop {
            let wall = SystemTime::now().duration_since(UNIX_EPOCH).map(|d| d.as_millis() as u64).unwrap_or(0);
            if wall <= target {
                std::thread::sleep(Duration::from_millis(target - wall + 1));
            }
            self.remark()?;
            if self.now()? >= target {
                return Ok(());
            }
        }
    }

    fn deposit_prices(&mut self) -> Result<(u128, u128), Error> {
        let price = |name: &str| -> Result<u128, Error> {
            let value = self
                .api
                .constants()
                .at(&subxt::dynamic::constant("Contracts", name))
                .map_err(|e| Error::Decode(format!("Contracts::{name}: {e}")))?
                .to_value()
                .map_err(|e| Error::Decode(format!("Contracts::{name}: {e}")))?;
            value.as_u128().ok_or_else(|| Error::Decode(format!("Contracts::{name} is not an amount")))
        };
        Ok((price("DepositPerItem")?, price("DepositPerByte")?))
    }
}
