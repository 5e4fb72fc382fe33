//! The in-process backend of `sovra-client`: `ink_sandbox`'s pallet-contracts runtime (the
//! runtime behind drink and ink_e2e's sandbox backend), a fresh chain in memory — no node to
//! build or run. [`chain`] gives a [`Chain`] on it whose dev accounts hold funds: what the demo
//! runs on by default and the end-to-end tests run on first.
//!
//! Deploying to a real network never compiles this crate (`sovra deploy` is built without it).

use ink_sandbox::api::prelude::*;
use ink_sandbox::macros::RuntimeEvent;
use ink_sandbox::pallet_contracts::{self, Determinism};
use ink_sandbox::{AccountId32, DefaultSandbox, Sandbox};
use sovra_client::{AccountId, Backend, Bundle, Chain, Emitted, Error, Outcome, Weight};

pub mod dev;
pub mod devchain;

/// A fresh in-process chain at block 1 whose dev accounts ([`dev::ACCOUNTS`] and //Ferdie) hold
/// funds; read-only messages are dry-run as //Alice.
pub fn chain() -> Chain {
    Chain::new(Box::new(SandboxBackend::new()), dev::ALICE)
}

fn weight(w: ink_sandbox::Weight) -> Weight {
    Weight::from_parts(w.ref_time(), w.proof_size())
}

/// A storage deposit as charged (positive) or refunded (negative) plancks.
fn signed_deposit(d: &pallet_contracts::StorageDeposit<u128>) -> i128 {
    match d {
        pallet_contracts::StorageDeposit::Charge(v) => i128::try_from(*v).unwrap_or(i128::MAX),
        pallet_contracts::StorageDeposit::Refund(v) => i128::try_from(*v).map(|v| -v).unwrap_or(i128::MIN),
    }
}

fn runtime_account(raw: [u8; 32]) -> AccountId32 {
    AccountId32::new(raw)
}

/// The in-process runtime as a [`Backend`].
pub struct SandboxBackend {
    sandbox: DefaultSandbox,
    gas_limit: ink_sandbox::Weight,
    unflushed: u32,
}

impl SandboxBackend {
    /// A fresh runtime at block 1 whose dev accounts hold funds.
    pub fn new() -> Self {
        let mut sandbox = DefaultSandbox::default();
        for who in dev::ACCOUNTS.into_iter().chain([dev::FERDIE]) {
            // minting into an empty runtime's fresh account cannot fail
            let _ = sandbox.mint_into(&runtime_account(who), 1_000_000_000_000_000);
        }
        sandbox.set_timestamp(1_700_000_000_000);
        SandboxBackend { sandbox, gas_limit: ink_sandbox::Weight::from_parts(100_000_000_000, 3 * 1024 * 1024), unflushed: 0 }
    }

    /// Instantiates `bundle` (salt: its name) as `origin`: the address and the storage deposit.
    fn instantiate(&mut self, bundle: &Bundle, input: Vec<u8>, origin: [u8; 32]) -> Result<(AccountId, i128), Error> {
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
        let ok = result.result.map_err(|e| Error::NotDeployed(format!("{}: {e:?} {debug}", bundle.name)))?;
        if ok.result.did_revert() {
            return Err(Error::NotDeployed(format!("the constructor of {} reverted {debug}", bundle.name)));
        }
        let raw: [u8; 32] = *ok.account_id.as_ref();
        Ok((AccountId::from(raw), signed_deposit(&result.storage_deposit)))
    }

    fn run(&mut self, contract: AccountId, origin: [u8; 32], input: Vec<u8>, value: u128) -> Result<Outcome<Vec<u8>>, Error> {
        let raw: [u8; 32] = *contract.as_ref();
        // The runtime reports every event of the current block: start from none.
        self.sandbox.reset_events();
        let result = self.sandbox.call_contract(
            runtime_account(raw),
            value,
            input,
            runtime_account(origin),
            self.gas_limit,
            None,
            Determinism::Enforced,
        );
        let debug = String::from_utf8_lossy(&result.debug_message).to_string();
        let ret = result.result.map_err(|e| Error::Trapped(format!("{contract:?}: {e:?} {debug}")))?;
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
        Ok(Outcome {
            reverted: ret.did_revert(),
            value: ret.data,
            gas_consumed: weight(result.gas_consumed),
            gas_required: weight(result.gas_required),
            storage_deposit: signed_deposit(&result.storage_deposit),
            events,
        })
    }
}

impl Backend for SandboxBackend {
    fn deploy(&mut self, bundle: &Bundle, input: Vec<u8>, origin: [u8; 32]) -> Result<AccountId, Error> {
        Ok(self.instantiate(bundle, input, origin)?.0)
    }

    fn dry_deploy(&mut self, bundle: &Bundle, input: Vec<u8>, origin: [u8; 32]) -> Result<(AccountId, i128), Error> {
        let snapshot = self.sandbox.take_snapshot();
        let result = self.instantiate(bundle, input, origin);
        self.sandbox.restore_snapshot(snapshot);
        result
    }

    fn genesis_hash(&mut self) -> Result<[u8; 32], Error> {
        // the runtime's genesis block hash, as a node's chain id
        Ok(self.sandbox.execute_with(|| {
            ink_sandbox::frame_system::Pallet::<<DefaultSandbox as Sandbox>::Runtime>::block_hash(0u32).0
        }))
    }

    fn code_hash(&mut self, contract: AccountId) -> Result<Option<[u8; 32]>, Error> {
        let raw: [u8; 32] = *contract.as_ref();
        Ok(self.sandbox.execute_with(|| {
            pallet_contracts::Pallet::<<DefaultSandbox as Sandbox>::Runtime>::code_hash(&runtime_account(raw)).map(|h| h.0)
        }))
    }

    fn upload(&mut self, bundle: &Bundle, origin: [u8; 32]) -> Result<(), Error> {
        let result = self.sandbox.upload_contract(bundle.wasm.clone(), runtime_account(origin), None, Determinism::Enforced);
        result.map(|_| ()).map_err(|e| Error::Dispatch(format!("uploading {}: {e:?}", bundle.name)))
    }

    fn exec(&mut self, contract: AccountId, origin: [u8; 32], input: Vec<u8>, value: u128, commit: bool) -> Result<Outcome<Vec<u8>>, Error> {
        if commit {
            return self.run(contract, origin, input, value);
        }
        let snapshot = self.sandbox.take_snapshot();
        let outcome = self.run(contract, origin, input, value);
        self.sandbox.restore_snapshot(snapshot);
        let mut outcome = outcome?;
        outcome.events.clear();
        Ok(outcome)
    }

    fn block(&mut self) -> Result<u32, Error> {
        Ok(self.sandbox.block_number())
    }

    fn now(&mut self) -> Result<u64, Error> {
        Ok(self.sandbox.get_timestamp())
    }

    /// Builds `n` blocks; the timestamp is kept.
    fn advance_blocks(&mut self, n: u32) -> Result<(), Error> {
        let now = self.sandbox.get_timestamp();
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
        Ok(())
    }

    fn transfer(&mut self, from: [u8; 32], to: AccountId, value: u128) -> Result<(), Error> {
        type Runtime = <DefaultSandbox as Sandbox>::Runtime;
        let dest: [u8; 32] = *to.as_ref();
        let result = self.sandbox.execute_with(|| {
            ink_sandbox::pallet_balances::Pallet::<Runtime>::transfer_allow_death(
                ink_sandbox::frame_system::RawOrigin::Signed(runtime_account(from)).into(),
                runtime_account(dest).into(),
                value,
            )
        });
        result.map(|_| ()).map_err(|e| Error::Dispatch(format!("transfer of {value}: {e:?}")))
    }

    fn balance(&mut self, who: AccountId) -> Result<u128, Error> {
        let raw: [u8; 32] = *who.as_ref();
        Ok(self.sandbox.free_balance(&runtime_account(raw)))
    }

    fn advance_time(&mut self, ms: u64) -> Result<(), Error> {
        let now = self.sandbox.get_timestamp();
        self.sandbox.set_timestamp(now.saturating_add(ms));
        Ok(())
    }

    fn deposit_prices(&mut self) -> Result<(u128, u128), Error> {
        use ink_sandbox::frame_support::traits::Get;
        type Runtime = <DefaultSandbox as Sandbox>::Runtime;
        Ok((
            <<Runtime as pallet_contracts::Config>::DepositPerItem as Get<u128>>::get(),
            <<Runtime as pallet_contracts::Config>::DepositPerByte as Get<u128>>::get(),
        ))
    }
}

impl Default for SandboxBackend {
    fn default() -> Self {
        Self::new()
    }
}
