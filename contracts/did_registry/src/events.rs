//! The DID registry's events: what an indexer or a frontend decodes (ids as topics), and
//! [`DidEvent`], the list of them the rules in `data.rs` return for the shell to emit.

use ink::prelude::vec::Vec;
use ink::primitives::AccountId;
use sovra_interfaces::did::*;

/// Emitted when a DID is created.
#[ink::event]
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DidCreated {
    /// The new DID.
    #[ink(topic)]
    pub did: DidId,
    /// Its first controller (the creator).
    #[ink(topic)]
    pub controller: AccountId,
    /// Version id (1).
    pub version_id: u32,
}

/// Emitted when a controller is added.
#[ink::event]
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ControllerAdded {
    /// The DID.
    #[ink(topic)]
    pub did: DidId,
    /// The new controller.
    #[ink(topic)]
    pub controller: AccountId,
    /// New version id.
    pub version_id: u32,
}

/// Emitted when a controller is removed.
#[ink::event]
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ControllerRemoved {
    /// The DID.
    #[ink(topic)]
    pub did: DidId,
    /// The removed controller.
    #[ink(topic)]
    pub controller: AccountId,
    /// New version id.
    pub version_id: u32,
}

/// Emitted when a verification method is added: the whole method, so an indexer needs no
/// storage read.
#[ink::event]
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct VerificationMethodAdded {
    /// The DID.
    #[ink(topic)]
    pub did: DidId,
    /// For an `Account` method, the account it lets act for the DID (a wallet finds the DIDs
    /// that authorise it); `None` for other key types.
    #[ink(topic)]
    pub account: Option<AccountId>,
    /// The method's fragment id.
    pub method_id: Vec<u8>,
    /// Its key type.
    pub key_type: KeyType,
    /// Its public key bytes.
    pub public_key: Vec<u8>,
    /// Its relationships.
    pub relationships: Relationships,
    /// Valid from (ms, inclusive).
    pub valid_from: Option<u64>,
    /// Valid until (ms, exclusive).
    pub valid_until: Option<u64>,
    /// New version id.
    pub version_id: u32,
}

/// Emitted when a verification method is removed.
#[ink::event]
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct VerificationMethodRemoved {
    /// The DID.
    #[ink(topic)]
    pub did: DidId,
    /// The method's fragment id.
    pub method_id: Vec<u8>,
    /// New version id.
    pub version_id: u32,
}

/// Emitted when a verification method's validity window changes (key rotation).
#[ink::event]
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct VerificationMethodValidityChanged {
    /// The DID.
    #[ink(topic)]
    pub did: DidId,
    /// The method's fragment id.
    pub method_id: Vec<u8>,
    /// New start (ms).
    pub valid_from: Option<u64>,
    /// New end (ms).
    pub valid_until: Option<u64>,
    /// New version id.
    pub version_id: u32,
}

/// Emitted when a service is added.
#[ink::event]
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ServiceAdded {
    /// The DID.
    #[ink(topic)]
    pub did: DidId,
    /// The service's fragment id.
    pub service_id: Vec<u8>,
    /// Its type.
    pub service_type: Vec<u8>,
    /// Its endpoint.
    pub endpoint: Vec<u8>,
    /// New version id.
    pub version_id: u32,
}

/// Emitted when a service is removed.
#[ink::event]
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ServiceRemoved {
    /// The DID.
    #[ink(topic)]
    pub did: DidId,
    /// The service's fragment id.
    pub service_id: Vec<u8>,
    /// New version id.
    pub version_id: u32,
}

/// Emitted when a DID is deactivated.
#[ink::event]
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DidDeactivated {
    /// The DID.
    #[ink(topic)]
    pub did: DidId,
    /// Final version id.
    pub version_id: u32,
}

/// Emitted when a verification method is declared compromised.
#[ink::event]
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MethodCompromised {
    /// The DID.
    #[ink(topic)]
    pub did: DidId,
    /// The method's fragment id.
    pub method_id: Vec<u8>,
    /// Compromised from this block timestamp (ms).
    pub since: u64,
    /// New version id.
    pub version_id: u32,
}

/// Emitted when a controller invalidates every pending signed operation of a DID.
#[ink::event]
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NonceBumped {
    /// The DID.
    #[ink(topic)]
    pub did: DidId,
    /// The controller who bumped it.
    #[ink(topic)]
    pub controller: AccountId,
    /// The nonce the next signed operation must carry.
    pub next_nonce: u64,
}

/// Emitted, after the operation's own event, when a relayed signed operation executed.
#[ink::event]
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SignedOperationExecuted {
    /// The DID.
    #[ink(topic)]
    pub did: DidId,
    /// The controller who signed.
    #[ink(topic)]
    pub signer: AccountId,
    /// The account that submitted it.
    pub relayer: AccountId,
    /// The nonce consumed.
    pub nonce: u64,
}

sovra_kit::event_list! {
    /// An event the shell must emit.
    #[derive(Debug, Clone, PartialEq, Eq)]
    pub enum DidEvent {
        Created(DidCreated),
        ControllerAdded(ControllerAdded),
        ControllerRemoved(ControllerRemoved),
        MethodAdded(VerificationMethodAdded),
        MethodRemoved(VerificationMethodRemoved),
        MethodValidityChanged(VerificationMethodValidityChanged),
        ServiceAdded(ServiceAdded),
        ServiceRemoved(ServiceRemoved),
        Deactivated(DidDeactivated),
        MethodCompromised(MethodCompromised),
        NonceBumped(NonceBumped),
        SignedOperationExecuted(SignedOperationExecuted),
    }
}
