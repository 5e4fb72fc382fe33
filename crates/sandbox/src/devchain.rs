//! A dev chain for tools and tests: a [`Chain`](sovra_client::Chain) on either backend — the
//! in-process runtime or a node signing for the dev keyring — whose operations panic on
//! failure instead of returning errors, so a demo step or a test fails where it went wrong.
//! (Deployment to a real network uses `sovra_client` directly, with errors.)

use scale::{Decode, Encode};
use sovra_client::{ink_account, AccountId, Bundle, Contract, Message, Outcome};

use crate::dev::ALICE;

/// The bundle `name`, built by `scripts/build.sh`.
pub fn bundle(name: &str) -> Bundle {
    Bundle::load(name).unwrap_or_else(|e| panic!("{e}"))
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

/// Decoded events and their topics, by contract (panicking on an undecodable event).
pub trait Events {
    /// Decoded events of type `E` (matched by signature topic) emitted by `contract`.
    fn events_of<E: ink::env::Event + Decode>(&self, contract: &Contract) -> Vec<E>;
    /// The topics of the events of type `E` emitted by `contract`: the signature topic, then
    /// one per `#[ink(topic)]` field (the value itself when it encodes to ≤ 32 bytes,
    /// zero-padded; otherwise its blake2b-256) — what an indexer filters on.
    fn topics_of<E: ink::env::Event>(&self, contract: &Contract) -> Vec<Vec<[u8; 32]>>;
}

impl<R> Events for Outcome<R> {
    fn events_of<E: ink::env::Event + Decode>(&self, contract: &Contract) -> Vec<E> {
        self.decode_events(contract).unwrap_or_else(|e| panic!("{e}"))
    }

    fn topics_of<E: ink::env::Event>(&self, contract: &Contract) -> Vec<Vec<[u8; 32]>> {
        self.event_topics::<E>(contract)
    }
}

/// The dev keyring's signers: //Ferdie first (it signs the block-advancing remarks, so the
/// accounts' nonces are untouched), then [`ACCOUNTS`].
pub fn dev_signers() -> Vec<subxt_signer::sr25519::Keypair> {
    use subxt_signer::sr25519::dev;
    vec![dev::ferdie(), dev::alice(), dev::bob(), dev::charlie(), dev::dave(), dev::eve()]
}

/// A chain on either backend: the client's operations, panicking on failure.
pub struct DevChain {
    inner: sovra_client::Chain,
    /// "sandbox" or "node".
    pub kind: &'static str,
    /// Held while the chain lives (a test's turn on a shared node).
    held: Option<Box<dyn std::any::Any>>,
}

fn or_panic<T>(what: &str, r: Result<T, sovra_client::Error>) -> T {
    r.unwrap_or_else(|e| panic!("{what}: {e}"))
}

impl DevChain {
    /// A fresh in-process chain at block 1 whose dev accounts hold funds.
    pub fn sandbox() -> Self {
        DevChain { inner: crate::chain(), kind: "sandbox", held: None }
    }

    /// The node at `url`, signing for the dev accounts (a local dev chain endows them).
    pub fn node(url: &str) -> Self {
        let mut inner = or_panic(url, sovra_client::node::NodeBackend::chain(url, dev_signers()));
        inner.reader = ALICE;
        DevChain { inner, kind: "node", held: None }
    }

    /// Keeps `value` (a lock guard) until this chain is dropped.
    pub fn hold(&mut self, value: impl std::any::Any) {
        self.held = Some(Box::new(value));
    }

    /// The client chain underneath (for `sovra_client::deployment`).
    pub fn client(&mut self) -> &mut sovra_client::Chain {
        &mut self.inner
    }

    /// The contract of `bundle` deployed at `address`.
    pub fn attach(&self, bundle: &Bundle, address: AccountId) -> Contract {
        self.inner.attach(bundle, address)
    }

    /// The chain's genesis block hash.
    pub fn genesis_hash(&mut self) -> [u8; 32] {
        or_panic("genesis hash", self.inner.genesis_hash())
    }

    /// The code hash the contract at `contract` runs (`None`: no contract).
    pub fn code_hash(&mut self, contract: AccountId) -> Option<[u8; 32]> {
        or_panic("code hash", self.inner.code_hash(contract))
    }

    /// Dry-runs deploying `bundle` with `constructor(args)` from `origin`.
    pub fn dry_deploy(&mut self, bundle: &Bundle, constructor: &str, args: impl Encode, origin: [u8; 32]) -> (AccountId, i128) {
        or_panic(&bundle.name, self.inner.dry_deploy(bundle, constructor, args, origin))
    }

    /// Stores `bundle`'s code on chain as `origin`; its code hash.
    pub fn upload(&mut self, bundle: &Bundle, origin: [u8; 32]) -> [u8; 32] {
        or_panic(&bundle.name, self.inner.upload(bundle, origin))
    }

    /// Deploys `bundle` with `constructor(args)` from `origin`.
    pub fn deploy(&mut self, bundle: &Bundle, constructor: &str, args: impl Encode, origin: [u8; 32]) -> Contract {
        or_panic(&bundle.name, self.inner.deploy(bundle, constructor, args, origin))
    }

    /// Calls the typed message `message` from `origin` and commits (see
    /// [`sovra_client::Chain::call`]).
    pub fn call<M: Message>(&mut self, origin: [u8; 32], message: M) -> Outcome<M::Output> {
        or_panic("call", self.inner.call(origin, message))
    }

    /// Dry-runs the typed message `message` as `origin`.
    pub fn dry_run<M: Message>(&mut self, origin: [u8; 32], message: M) -> Outcome<M::Output> {
        or_panic("dry run", self.inner.dry_run(origin, message))
    }

    /// The value of the typed read-only message `message`.
    pub fn read<M: Message>(&mut self, message: M) -> M::Output {
        or_panic("read", self.inner.read(message))
    }




    /// The current block: the one the last committed call executed in.
    pub fn block(&mut self) -> u32 {
        or_panic("block", self.inner.block())
    }

    /// Sends `value` of the native currency from `from` to `to`.
    pub fn transfer(&mut self, from: [u8; 32], to: AccountId, value: u128) {
        or_panic("transfer", self.inner.transfer(from, to, value))
    }

    /// The free native balance of `who`.
    pub fn balance(&mut self, who: AccountId) -> u128 {
        or_panic("balance", self.inner.balance(who))
    }

    /// Builds blocks until calls run after `block` (`sovra_client::governance::pass`).
    pub fn pass(&mut self, block: u32) {
        or_panic("pass", sovra_client::governance::pass(&mut self.inner, block))
    }

    /// Moves the chain on by `n` blocks.
    /// [`sovra_client::Chain::deposit_margin`].
    pub fn deposit_margin(&mut self) -> i128 {
        let margin = or_panic("deposit margin", self.inner.deposit_margin());
        i128::try_from(margin).unwrap_or(i128::MAX)
    }

    pub fn advance_blocks(&mut self, n: u32) {
        or_panic("advance blocks", self.inner.advance_blocks(n))
    }

    /// The timestamp (ms) calls see now.
    pub fn now(&mut self) -> u64 {
        or_panic("now", self.inner.now())
    }

    /// Moves time forward by at least `ms`.
    pub fn advance_time(&mut self, ms: u64) {
        or_panic("advance time", self.inner.advance_time(ms))
    }
}


#[cfg(test)]
mod tests {
    use super::*;
    use crate::dev::{ACCOUNTS, FERDIE};

    #[test]
    fn the_dev_accounts_are_the_keyring() {
        let keys = dev_signers();
        assert_eq!(keys[0].public_key().0, FERDIE);
        for (account, key) in ACCOUNTS.iter().zip(&keys[1..]) {
            assert_eq!(*account, key.public_key().0);
        }
    }
}
