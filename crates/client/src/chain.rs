//! Calls and deployments on a chain with pallet-contracts, through a [`Backend`].

use ink::env::call::utils::{ReturnType, Set};
use ink::codegen::TraitCallBuilder;
use ink::env::call::{Call, CallBuilder, ExecutionInput, FromAccountId};
use ink::env::DefaultEnvironment;
use scale::{Decode, Encode};

use crate::{AccountId, Bundle};

/// Why a client operation failed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Error {
    /// The node could not be reached, or an RPC request failed.
    Connection(String),
    /// A bundle could not be read.
    Bundle(String),
    /// The bundle has no message or constructor of that label.
    UnknownMessage { contract: String, label: String },
    /// No key was given to sign for this account.
    NoSigner([u8; 32]),
    /// A contract trapped (or the call could not run: no contract there, out of gas, …).
    Trapped(String),
    /// A constructor reverted or failed: nothing was deployed.
    NotDeployed(String),
    /// An extrinsic failed on chain (its dispatch error).
    Dispatch(String),
    /// An answer did not decode as expected.
    Decode(String),
    /// The dry run and the block disagree (a call that reverted in one and not the other).
    Disagreement(String),
}

impl std::fmt::Display for Error {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Error::Connection(m) => write!(f, "node: {m}"),
            Error::Bundle(m) => write!(f, "bundle: {m}"),
            Error::UnknownMessage { contract, label } => write!(f, "{contract} has no message or constructor `{label}`"),
            Error::NoSigner(who) => write!(f, "no key to sign for {}", crate::resolver::ss58(who, 42)),
            Error::Trapped(m) => write!(f, "contract trapped: {m}"),
            Error::NotDeployed(m) => write!(f, "not deployed: {m}"),
            Error::Dispatch(m) => write!(f, "extrinsic failed: {m}"),
            Error::Decode(m) => write!(f, "cannot decode: {m}"),
            Error::Disagreement(m) => write!(f, "dry run and block disagree: {m}"),
        }
    }
}

impl std::error::Error for Error {}

/// Execution weight: reference time (picoseconds) and proof size (bytes).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Encode, Decode)]
pub struct Weight {
    #[codec(compact)]
    ref_time: u64,
    #[codec(compact)]
    proof_size: u64,
}

impl Weight {
    pub const fn from_parts(ref_time: u64, proof_size: u64) -> Self {
        Weight { ref_time, proof_size }
    }
    pub const fn ref_time(&self) -> u64 {
        self.ref_time
    }
    pub const fn proof_size(&self) -> u64 {
        self.proof_size
    }
}

/// A deployed contract.
#[derive(Clone, Debug)]
pub struct Contract {
    pub address: AccountId,
    bundle: Bundle,
}

impl Contract {
    /// The contract of `bundle` at `address`.
    pub fn new(bundle: Bundle, address: AccountId) -> Self {
        Contract { address, bundle }
    }

    /// The bundle it runs.
    pub fn bundle(&self) -> &Bundle {
        &self.bundle
    }

    /// The selector of `label`, a message of this contract's bundle.
    pub fn selector(&self, label: &str) -> Result<[u8; 4], Error> {
        self.bundle
            .selector(label)
            .ok_or_else(|| Error::UnknownMessage { contract: self.bundle.name.clone(), label: label.to_string() })
    }


    /// The generated call builder of this contract as `R` (`TokenRef`, or
    /// `ink::contract_ref!(AccessControl)`): one method per message, each returning the typed
    /// [`Message`] that [`Chain::call`] and [`Chain::read`] take —
    /// `token.calls::<TokenRef>().mint_to(to, value)`.
    pub fn calls<R>(&self) -> <R as TraitCallBuilder>::Builder
    where
        R: TraitCallBuilder,
        <R as TraitCallBuilder>::Builder: FromAccountId<DefaultEnvironment>,
    {
        <<R as TraitCallBuilder>::Builder as FromAccountId<DefaultEnvironment>>::from_account_id(self.address)
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
    /// Weight required (what a dry run asks for as limit).
    pub gas_required: Weight,
    /// Storage deposit charged (positive) or refunded (negative).
    pub storage_deposit: i128,
    /// Events emitted by contracts during the call (none for a dry run or a reverted call).
    pub events: Vec<Emitted>,
}

impl<R> Outcome<R> {
    /// Decoded events of type `E` (matched by signature topic) emitted by `contract`; an event
    /// that does not decode is an error.
    pub fn decode_events<E: ink::env::Event + Decode>(&self, contract: &Contract) -> Result<Vec<E>, Error> {
        self.emitted_by::<E>(contract.address)
            .map(|e| E::decode(&mut &e.data[..]).map_err(|err| Error::Decode(format!("event: {err}"))))
            .collect()
    }

    /// The topics of the events of type `E` emitted by `contract`: the signature topic, then
    /// one per `#[ink(topic)]` field — what an indexer filters on.
    pub fn event_topics<E: ink::env::Event>(&self, contract: &Contract) -> Vec<Vec<[u8; 32]>> {
        self.emitted_by::<E>(contract.address).map(|e| e.topics.clone()).collect()
    }

    fn emitted_by<E: ink::env::Event>(&self, contract: AccountId) -> impl Iterator<Item = &Emitted> + '_ {
        self.events
            .iter()
            .filter(move |e| e.contract == contract)
            .filter(|e| E::SIGNATURE_TOPIC.is_some() && e.topics.first().copied() == E::SIGNATURE_TOPIC)
    }

    /// The same outcome with another value.
    pub fn map<T>(self, value: T) -> Outcome<T> {
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

/// A typed message: a contract's generated call builder with its callee, arguments and return
/// type set — `contract.calls::<TokenRef>().transfer(to, value, data)` or, through an
/// interface, `contract.calls::<refs::AccessControl>().has_role(role, account)` — so that a wrong
/// message name or argument does not compile.
pub trait Message {
    /// The message's return type.
    type Output: Decode;
    /// The contract called, the call data (selector, then the SCALE-encoded arguments) and the
    /// native value transferred with it (`.transferred_value(v)` on the call builder).
    fn into_parts(self) -> (AccountId, Vec<u8>, u128);
}

impl<Args: Encode, R: Decode> Message
    for CallBuilder<DefaultEnvironment, Set<Call<DefaultEnvironment>>, Set<ExecutionInput<Args>>, Set<ReturnType<R>>>
{
    type Output = R;

    fn into_parts(self) -> (AccountId, Vec<u8>, u128) {
        let params = self.params();
        (*params.callee(), params.exec_input().encode(), *params.transferred_value())
    }
}

/// What a chain backend does; [`Chain`] adds encoding and decoding on top.
pub trait Backend {
    /// Instantiates `bundle` with the encoded constructor call `input` as `origin`.
    fn deploy(&mut self, bundle: &Bundle, input: Vec<u8>, origin: [u8; 32]) -> Result<AccountId, Error>;
    /// Stores `bundle`'s code on chain without instantiating it (for `set_code_hash`), as
    /// `origin`; code already stored is fine.
    fn upload(&mut self, bundle: &Bundle, origin: [u8; 32]) -> Result<(), Error>;
    /// Dry-runs instantiating `bundle` (nothing is stored): the address it would get and the
    /// storage deposit it would reserve.
    fn dry_deploy(&mut self, bundle: &Bundle, input: Vec<u8>, origin: [u8; 32]) -> Result<(AccountId, i128), Error>;
    /// The chain's genesis block hash (its identity; the DID registry's chain id).
    fn genesis_hash(&mut self) -> Result<[u8; 32], Error>;
    /// The code hash of the contract at `contract`, if there is one.
    fn code_hash(&mut self, contract: AccountId) -> Result<Option<[u8; 32]>, Error>;
    /// Executes the encoded message `input` on `contract` as `origin`, transferring `value` of
    /// the native currency; commits the effects if `commit` (a reverted call changes nothing
    /// either way). The outcome's value is the raw return data.
    fn exec(&mut self, contract: AccountId, origin: [u8; 32], input: Vec<u8>, value: u128, commit: bool) -> Result<Outcome<Vec<u8>>, Error>;
    /// The number of the current block (the one the last committed call executed in).
    fn block(&mut self) -> Result<u32, Error>;
    /// The timestamp (ms) that calls see now.
    fn now(&mut self) -> Result<u64, Error>;
    /// Moves the chain on by `n` blocks.
    fn advance_blocks(&mut self, n: u32) -> Result<(), Error>;
    /// Sends `value` of the native currency from `from` to `to`.
    fn transfer(&mut self, from: [u8; 32], to: AccountId, value: u128) -> Result<(), Error>;
    /// The free native balance of `who`.
    fn balance(&mut self, who: AccountId) -> Result<u128, Error>;
    /// Moves the chain's time forward by at least `ms`.
    fn advance_time(&mut self, ms: u64) -> Result<(), Error>;
    /// pallet-contracts' storage deposit prices: `(per item, per byte)`.
    fn deposit_prices(&mut self) -> Result<(u128, u128), Error>;
}

/// How many history entries (vote checkpoints) a call may append beyond those its dry run saw:
/// a vote-moving call touches at most two histories (sender's and receiver's delegates; a
/// delegatee and the total supply), and a dry run at the best block overwrites an entry of that
/// block where the transaction, in a later block, appends one.
pub const UNSEEN_CHECKPOINTS: u128 = 2;

/// The bytes of one checkpoint in storage (block `u32` + value `u128`).
pub const CHECKPOINT_BYTES: u128 = 20;

/// The weight margin, in percent, a transaction's gas limit adds to its dry run's
/// `gas_required`. A dry run executes at the best block, the transaction in a later one; Sovra's
/// contracts write the same storage either way (a checkpoint overwrite writes what an append
/// writes), so what remains is the Wasm code of the other branch: 65,798 ps more for a
/// vote-moving transfer that appends two checkpoints instead of overwriting them (0.0016% of
/// its 4.15 G). Before overwrites wrote the count too, the difference was 268 M (6.9%) and a
/// limit of the dry run's figure ran out of gas on chain. 1% covers branch differences with a
/// wide margin and costs nothing: unused weight is refunded.
pub const GAS_MARGIN_PERCENT: u64 = 1;

/// The gas limit to submit for a dry run's `gas_required`: [`GAS_MARGIN_PERCENT`] more, rounded
/// up, in both dimensions.
pub fn gas_limit(required: Weight) -> Weight {
    let more = |v: u64| v.saturating_add(v.div_ceil(100).saturating_mul(GAS_MARGIN_PERCENT));
    Weight::from_parts(more(required.ref_time()), more(required.proof_size()))
}

/// [`Chain::deposit_margin`] for the given deposit prices.
pub fn deposit_margin(per_item: u128, per_byte: u128) -> Option<u128> {
    per_byte.checked_mul(CHECKPOINT_BYTES)?.checked_add(per_item)?.checked_mul(UNSEEN_CHECKPOINTS)
}

/// A chain with pallet-contracts on some [`Backend`]: deployments, typed calls, reads.
pub struct Chain {
    backend: Box<dyn Backend>,
    /// The account read-only messages are dry-run as (any account: nothing is signed).
    pub reader: [u8; 32],
}

fn decoded<R: Decode>(what: &str, raw: Outcome<Vec<u8>>) -> Result<Outcome<R>, Error> {
    match <Result<R, ink::LangError>>::decode(&mut &raw.value[..]) {
        Ok(Ok(value)) => Ok(raw.map(value)),
        Ok(Err(lang)) => Err(Error::Trapped(format!("{what}: ink! language error {lang:?}"))),
        Err(e) => Err(Error::Decode(format!("{what}'s return value: {e}"))),
    }
}

impl Chain {
    /// A chain on `backend`; read-only messages are dry-run as `reader`.
    pub fn new(backend: Box<dyn Backend>, reader: [u8; 32]) -> Self {
        Chain { backend, reader }
    }

    /// The contract of `bundle` deployed at `address`.
    pub fn attach(&self, bundle: &Bundle, address: AccountId) -> Contract {
        Contract::new(bundle.clone(), address)
    }

    /// The chain's genesis block hash.
    pub fn genesis_hash(&mut self) -> Result<[u8; 32], Error> {
        self.backend.genesis_hash()
    }

    /// The code hash the contract at `contract` runs (`None`: no contract there).
    pub fn code_hash(&mut self, contract: AccountId) -> Result<Option<[u8; 32]>, Error> {
        self.backend.code_hash(contract)
    }

    /// Dry-runs deploying `bundle` with `constructor(args)` from `origin`: the address and the
    /// storage deposit it would take; nothing is stored.
    pub fn dry_deploy(&mut self, bundle: &Bundle, constructor: &str, args: impl Encode, origin: [u8; 32]) -> Result<(AccountId, i128), Error> {
        let input = bundle.input(constructor, args)?;
        self.backend.dry_deploy(bundle, input, origin)
    }

    /// Stores `bundle`'s code on chain as `origin`; its code hash, for `set_code_hash`.
    pub fn upload(&mut self, bundle: &Bundle, origin: [u8; 32]) -> Result<[u8; 32], Error> {
        self.backend.upload(bundle, origin)?;
        Ok(bundle.code_hash())
    }

    /// Deploys `bundle` with `constructor(args)` from `origin`.
    pub fn deploy(&mut self, bundle: &Bundle, constructor: &str, args: impl Encode, origin: [u8; 32]) -> Result<Contract, Error> {
        let input = bundle.input(constructor, args)?;
        let address = self.backend.deploy(bundle, input, origin)?;
        Ok(Contract::new(bundle.clone(), address))
    }

    /// Calls the typed message `message` from `origin` and commits its effects (unless it
    /// reverted). The message is a contract's generated call builder, so its name, its
    /// arguments and the decoded return type are checked by the compiler:
    ///
    /// ```no_run
    /// # fn demo(chain: &mut sovra_client::Chain, token: &sovra_client::Contract, minter: [u8; 32], to: sovra_client::AccountId) -> Result<(), sovra_client::Error> {
    /// use psp22::PSP22; // the standard's messages, through the token's call builder
    /// use token::TokenRef;
    /// let minted = chain.call(minter, token.calls::<TokenRef>().mint_to(to, 5))?;
    /// let _: Result<(), token::errors::TokenError> = minted.value;
    /// let balance: u128 = chain.read(token.calls::<TokenRef>().balance_of(to))?;
    /// # Ok(()) }
    /// ```
    ///
    /// A misspelt message does not compile (nor does a wrong argument type):
    ///
    /// ```compile_fail,E0599
    /// # fn demo(chain: &mut sovra_client::Chain, token: &sovra_client::Contract, minter: [u8; 32], to: sovra_client::AccountId) -> Result<(), sovra_client::Error> {
    /// use token::TokenRef;
    /// chain.call(minter, token.calls::<TokenRef>().mint_too(to, 5))?;
    /// # Ok(()) }
    /// ```
    ///
    /// ```compile_fail,E0308
    /// # fn demo(chain: &mut sovra_client::Chain, token: &sovra_client::Contract, minter: [u8; 32], to: sovra_client::AccountId) -> Result<(), sovra_client::Error> {
    /// use token::TokenRef;
    /// chain.call(minter, token.calls::<TokenRef>().mint_to(to, "5"))?;
    /// # Ok(()) }
    /// ```
    pub fn call<M: Message>(&mut self, origin: [u8; 32], message: M) -> Result<Outcome<M::Output>, Error> {
        let (callee, input, value) = message.into_parts();
        let raw = self.backend.exec(callee, origin, input, value, true)?;
        decoded("the message", raw)
    }

    /// Dry-runs the typed message `message` as `origin`; nothing is committed.
    pub fn dry_run<M: Message>(&mut self, origin: [u8; 32], message: M) -> Result<Outcome<M::Output>, Error> {
        let (callee, input, value) = message.into_parts();
        let raw = self.backend.exec(callee, origin, input, value, false)?;
        decoded("the message", raw)
    }

    /// The value of the typed read-only message `message`, dry-run as [`Chain::reader`].
    pub fn read<M: Message>(&mut self, message: M) -> Result<M::Output, Error> {
        let reader = self.reader;
        Ok(self.dry_run(reader, message)?.value)
    }




    /// The current block: the one the last committed call executed in.
    pub fn block(&mut self) -> Result<u32, Error> {
        self.backend.block()
    }

    /// Moves the chain on by `n` blocks.
    pub fn advance_blocks(&mut self, n: u32) -> Result<(), Error> {
        self.backend.advance_blocks(n)
    }

    /// Sends `value` of the native currency from `from` to `to`.
    pub fn transfer(&mut self, from: [u8; 32], to: AccountId, value: u128) -> Result<(), Error> {
        self.backend.transfer(from, to, value)
    }

    /// The free native balance of `who`.
    pub fn balance(&mut self, who: AccountId) -> Result<u128, Error> {
        self.backend.balance(who)
    }

    /// What a transaction's storage deposit limit adds to its dry run's charge: the deposit of
    /// [`UNSEEN_CHECKPOINTS`] checkpoints (`per item + CHECKPOINT_BYTES × per byte` each), the
    /// one cost of a call in the next block a dry run at the best block cannot see (weight:
    /// [`gas_limit`]).
    pub fn deposit_margin(&mut self) -> Result<u128, Error> {
        let (item, byte) = self.backend.deposit_prices()?;
        deposit_margin(item, byte).ok_or_else(|| Error::Decode("the deposit margin overflows u128".into()))
    }

    /// The timestamp (ms) calls see now.
    pub fn now(&mut self) -> Result<u64, Error> {
        self.backend.now()
    }

    /// Moves time forward by at least `ms` (exactly `ms` in process; on a node, whose blocks
    /// carry wall-clock time, by `ms` plus the time to author a block).
    pub fn advance_time(&mut self, ms: u64) -> Result<(), Error> {
        self.backend.advance_time(ms)
    }
}
