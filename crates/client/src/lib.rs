//! Sovra's Rust client, for a deployer or a backend service: load the built contract bundles,
//! connect to a node, call the contracts with typed messages, deploy and verify the suite as
//! one DAO, and resolve DIDs to W3C documents.
//!
//! - [`Bundle`]: a built `.contract` bundle (code, selectors).
//! - [`Chain`]: calls and deployments on a [`Backend`] — [`node::NodeBackend`] here (a node
//!   over RPC: signed extrinsics, runtime-API dry runs); the in-process runtime is another
//!   crate's (`sovra-sandbox`), so nothing here compiles a runtime.
//! - Typed calls: [`Chain::call`] and [`Chain::read`] take the call builders ink! generates
//!   for each contract (`TokenRef::call_mut().transfer(..)` from the contract crate built with
//!   `ink-as-dependency`, or `contract_ref!(AccessControl)` for an interface): a wrong message
//!   name or argument type does not compile, and the return type comes from the message.
//! - [`deployment`]: the suite's deployment profile, its deployment and verification on chain,
//!   deployment files.
//! - [`resolver`]: the reference DID resolver (`docs/did-method.md`).
//!
//! Every failure is an [`Error`]: nothing here panics on a node, a bundle or a contract.

mod bundle;
mod chain;
pub mod deployment;
pub mod governance;
pub mod node;
pub mod resolver;
mod runtime_api;

pub use bundle::{ink_dir, Bundle};
pub use chain::{deposit_margin, gas_limit, Backend, Chain, Contract, Emitted, Error, Message, Outcome, Weight, CHECKPOINT_BYTES, GAS_MARGIN_PERCENT, UNSEEN_CHECKPOINTS};
pub use ink::primitives::AccountId;



/// The ink! account id of raw bytes.
pub fn ink_account(raw: [u8; 32]) -> AccountId {
    AccountId::from(raw)
}

/// Dev-keyring accounts for the client's own unit tests (never in the client's API).
#[cfg(test)]
pub(crate) mod dev_accounts {
    use subxt_signer::sr25519::dev;

    pub fn alice() -> [u8; 32] {
        dev::alice().public_key().0
    }
    pub fn bob() -> [u8; 32] {
        dev::bob().public_key().0
    }
    pub fn charlie() -> [u8; 32] {
        dev::charlie().public_key().0
    }
}

/// Typed references to any contract through one of the suite's interfaces — what
/// [`Contract::calls`] takes when the contract's own crate is not at hand, or when one piece of
/// code calls several kinds of contract (`contract.calls::<refs::AccessControl>().has_role(..)`
/// works on the credential registry, the token and the NFT alike).
pub mod refs {
    use ink::env::DefaultEnvironment;
    use sovra_interfaces::{access, credential, did, psp34, upgrade, votes};

    /// Roles: the credential registry, the token, the NFT.
    pub type AccessControl = ink::contract_ref!(access::AccessControl, DefaultEnvironment);
    /// Code upgrades: the credential registry, the token, the NFT.
    pub type Upgradeable = ink::contract_ref!(upgrade::Upgradeable, DefaultEnvironment);
    /// Checkpointed votes: the token.
    pub type Votes = ink::contract_ref!(votes::Votes, DefaultEnvironment);
    /// Credential checks: the credential registry.
    pub type CredentialVerifier = ink::contract_ref!(credential::CredentialVerifier, DefaultEnvironment);
    /// DID checks: the DID registry.
    pub type DidRegistry = ink::contract_ref!(did::DidRegistry, DefaultEnvironment);
    /// The PSP34 standard: the NFT or any PSP34 contract.
    pub type PSP34 = ink::contract_ref!(psp34::PSP34, DefaultEnvironment);
    /// The PSP22 standard: the token or any PSP22 contract.
    pub type PSP22 = ink::contract_ref!(psp22::PSP22, DefaultEnvironment);
}
