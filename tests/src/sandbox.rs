//! The in-process backend: `ink_sandbox`'s pallet-contracts runtime.

use ink_sandbox::api::prelude::*;
use ink_sandbox::macros::RuntimeEvent;
use ink_sandbox::pallet_contracts::{self, Determinism};
use ink_sandbox::{AccountId32, DefaultSandbox, Sandbox, Weight};

use crate::{AccountId, Backend, Bundle, Emitted, Outcome, ACCOUNTS};

fn runtime_account(raw: [u8; 32]) -> AccountId32 {
    AccountId32::new(raw)
}

pub(crate) struct SandboxBackend {
    sandbox: DefaultSandbox,
    gas_limit: Weight,
    unflushed: u32,
}

impl SandboxBackend {
    pub(crate) fn new() -> Self {
        let mut sandbox = DefaultSandbox::default();
        for who in ACCOUNTS.into_iter().chain([crate::FERDIE]) {
            sandbox
                .mint_into(&runtime_account(who), 1_000_000_000_000_000)
                .expect("mint");
        }
        sandbox.set_timestamp(1_700_000_000_000);
        SandboxBackend { sandbox, gas_limit: Weight::from_parts(100_000_000_000, 3 * 1024 * 1024), unflushed: 0 }
    }

    /// Instantiates `bundle` (salt: its name) as `origin`: the address and the storage deposit;
    /// panics if the constructor fails or reverts.
    fn instantiate(&mut self, bundle: &Bundle, input: Vec<u8>, origin: [u8; 32]) -> (AccountId, i128) {
        let result = self.sandbox.deploy_contract(
            bundle.wasm.clone(),
            0,
            input,
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
        (AccountId::from(raw), crate::signed_deposit(&result.storage_deposit))
    }

    fn run(&mut self, contract: AccountId, origin: [u8; 32], input: Vec<u8>) -> Outcome<Vec<u8>> {
        let raw: [u8; 32] = *contract.as_ref();
        // The runtime reports every event of the current block: start from none.
        self.sandbox.reset_events();
        let result = self.sandbox.call_contract(
            runtime_account(raw),
            0,
            input,
            runtime_account(origin),
            self.gas_limit,
            None,
            Determinism::Enforced,
        );
        let debug = String::from_utf8_lossy(&result.debug_message).to_string();
        let ret = result
            .result
            .unwrap_or_else(|e| panic!("call to {contract:?} trapped: {e:?} {debug}"));
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
            storage_deposit: crate::signed_deposit(&result.storage_deposit),
            events,
        }
    }
}

impl Backend for SandboxBackend {
    fn deploy(&mut self, bundle: &Bundle, input: Vec<u8>, origin: [u8; 32]) -> AccountId {
        self.instantiate(bundle, input, origin).0
    }

    fn dry_deploy(&mut self, bundle: &Bundle, input: Vec<u8>, origin: [u8; 32]) -> (AccountId, i128) {
        let snapshot = self.sandbox.take_snapshot();
        let result = self.instantiate(bundle, input, origin);
        self.sandbox.restore_snapshot(snapshot);
        result
    }

    fn genesis_hash(&mut self) -> [u8; 32] {
        // the runtime's genesis block hash, as a node's chain id
        self.sandbox.execute_with(|| {
            ink_sandbox::frame_system::Pallet::<<DefaultSandbox as Sandbox>::Runtime>::block_hash(0u32).0
        })
    }

    fn code_hash(&mut self, contract: AccountId) -> Option<[u8; 32]> {
        let raw: [u8; 32] = *contract.as_ref();
        self.sandbox.execute_with(|| {
            pallet_contracts::Pallet::<<DefaultSandbox as Sandbox>::Runtime>::code_hash(&runtime_account(raw)).map(|h| h.0)
        })
    }

    fn upload(&mut self, bundle: &Bundle, origin: [u8; 32]) {
        let result = self.sandbox.upload_contract(bundle.wasm.clone(), runtime_account(origin), None, Determinism::Enforced);
        if let Err(e) = result {
            panic!("uploading {} failed: {e:?}", bundle.name);
        }
    }

    fn exec(&mut self, contract: AccountId, origin: [u8; 32], input: Vec<u8>, commit: bool) -> Outcome<Vec<u8>> {
        if commit {
            return self.run(contract, origin, input);
        }
        let snapshot = self.sandbox.take_snapshot();
        let mut outcome = self.run(contract, origin, input);
        self.sandbox.restore_snapshot(snapshot);
        outcome.events.clear();
        outcome
    }

    fn block(&mut self) -> u32 {
        self.sandbox.block_number()
    }

    fn now(&mut self) -> u64 {
        self.sandbox.get_timestamp()
    }

    /// Builds `n` blocks; the timestamp is kept.
    fn advance_blocks(&mut self, n: u32) {
        let now = self.now();
        for _ in 0..n {
            self.sandbox.build_block();
            // The sandbox keeps every change since genesis in its overlay, and finalising a
            // block walks the overlay: without a flush, block n costs O(n) and a long history
            // (the 10,000-checkpoint benchmark) O(n²). `dry_run` commits the overlay to the
            // in-memory backend, then restores the state from before its (empty) action: a
            // flush that changes nothing else.
            self.unflushed = self.unflushed.saturating_add(1);
            if self.unflushed >= 32 {
                self.unflushed = 0;
                self.sandbox.dry_run(|_| ());
            }
        }
        self.sandbox.set_timestamp(now);
    }

    fn transfer(&mut self, from: [u8; 32], to: AccountId, value: u128) {
        type Runtime = <DefaultSandbox as Sandbox>::Runtime;
        let dest: [u8; 32] = *to.as_ref();
        let result = self.sandbox.execute_with(|| {
            ink_sandbox::pallet_balances::Pallet::<Runtime>::transfer_allow_death(
                ink_sandbox::frame_system::RawOrigin::Signed(runtime_account(from)).into(),
                runtime_account(dest).into(),
                value,
            )
        });
        if let Err(e) = result {
            panic!("transfer of {value} failed: {e:?}");
        }
    }

    fn balance(&mut self, who: AccountId) -> u128 {
        let raw: [u8; 32] = *who.as_ref();
        self.sandbox.free_balance(&runtime_account(raw))
    }

    fn advance_time(&mut self, ms: u64) {
        let now = self.now();
        self.sandbox.set_timestamp(now + ms);
    }
}
