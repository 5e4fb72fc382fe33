//! The DID registry's interface: identifiers, documents, operations, errors, events and the
//! `DidRegistry` trait that other contracts (the credential registry) call.

// The SCALE derives expand `index as u8` casts for data-carrying enum variants (`DidOperation`).
#![allow(clippy::cast_possible_truncation)]

use ink::prelude::vec::Vec;
use ink::primitives::AccountId;

/// A DID's 32-byte method-specific identifier (`did:sovra:<hex>`; see `docs/did-method.md`).
pub type DidId = [u8; 32];

/// Most controllers a DID may have.
pub const MAX_CONTROLLERS: u32 = 8;
/// Most verification methods a DID may have at once.
pub const MAX_METHODS: u32 = 16;
/// Most services a DID may have at once.
pub const MAX_SERVICES: u32 = 8;
/// Longest verification-method or service id (the fragment after `#`), in bytes.
pub const MAX_FRAGMENT_LEN: u32 = 32;
/// Longest service type, in bytes.
pub const MAX_SERVICE_TYPE_LEN: u32 = 64;
/// Longest service endpoint, in bytes.
pub const MAX_ENDPOINT_LEN: u32 = 256;
/// Most compromised-key records a DID keeps (they outlive the methods they name).
pub const MAX_COMPROMISED: u32 = 16;
/// Domain tag that starts every signed-operation payload (see [`SignedPayload`]).
pub const SIGNING_DOMAIN: [u8; 12] = *b"sovra-did/v2";

/// The five W3C DID Core verification relationships.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[ink::scale_derive(Encode, Decode, TypeInfo)]
#[cfg_attr(feature = "std", derive(ink::storage::traits::StorageLayout))]
pub enum Relationship {
    /// `authentication`: proves control of the DID.
    Authentication,
    /// `assertionMethod`: issues verifiable credentials / assertions.
    AssertionMethod,
    /// `keyAgreement`: establishes encrypted channels (X25519 keys only).
    KeyAgreement,
    /// `capabilityInvocation`: invokes capabilities (e.g. updates the document off-chain).
    CapabilityInvocation,
    /// `capabilityDelegation`: delegates capabilities to others.
    CapabilityDelegation,
}

impl Relationship {
    /// This relationship's bit in a [`Relationships`] set.
    pub const fn bit(self) -> u8 {
        match self {
            Relationship::Authentication => 1,
            Relationship::AssertionMethod => 2,
            Relationship::KeyAgreement => 4,
            Relationship::CapabilityInvocation => 8,
            Relationship::CapabilityDelegation => 16,
        }
    }
}

/// A set of [`Relationship`]s as a bit mask: authentication = 1, assertionMethod = 2,
/// keyAgreement = 4, capabilityInvocation = 8, capabilityDelegation = 16.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
#[ink::scale_derive(Encode, Decode, TypeInfo)]
#[cfg_attr(feature = "std", derive(ink::storage::traits::StorageLayout))]
pub struct Relationships(pub u8);

impl Relationships {
    /// Every defined bit.
    pub const ALL: u8 = 31;

    /// The set holding exactly `items`.
    pub fn of(items: &[Relationship]) -> Self {
        Relationships(items.iter().fold(0u8, |acc, r| acc | r.bit()))
    }

    /// Whether `relationship` is in the set.
    pub const fn contains(self, relationship: Relationship) -> bool {
        self.0 & relationship.bit() != 0
    }

    /// Whether the mask is non-empty and uses only defined bits.
    pub const fn is_valid(self) -> bool {
        self.0 != 0 && self.0 & !Self::ALL == 0
    }
}

/// The kind of key a verification method carries.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[ink::scale_derive(Encode, Decode, TypeInfo)]
#[cfg_attr(feature = "std", derive(ink::storage::traits::StorageLayout))]
pub enum KeyType {
    /// Schnorrkel/Ristretto sr25519 public key, 32 bytes.
    Sr25519,
    /// Ed25519 public key, 32 bytes.
    Ed25519,
    /// secp256k1 public key, compressed, 33 bytes.
    EcdsaSecp256k1,
    /// X25519 key-agreement public key, 32 bytes (only `keyAgreement`).
    X25519,
    /// An on-chain account (32-byte `AccountId`) acting for the DID: contracts check it with
    /// `is_authorized`.
    Account,
}

impl KeyType {
    /// The exact public-key length, in bytes, this key type requires.
    pub const fn key_len(self) -> usize {
        match self {
            KeyType::EcdsaSecp256k1 => 33,
            KeyType::Sr25519 | KeyType::Ed25519 | KeyType::X25519 | KeyType::Account => 32,
        }
    }
}

/// A verification method of a DID document.
#[derive(Debug, Clone, PartialEq, Eq)]
#[ink::scale_derive(Encode, Decode, TypeInfo)]
#[cfg_attr(feature = "std", derive(ink::storage::traits::StorageLayout))]
pub struct VerificationMethod {
    /// Fragment id, unique within the DID (`did:sovra:…#<id>`), 1..=`MAX_FRAGMENT_LEN` bytes.
    pub id: Vec<u8>,
    /// The key's type.
    pub key_type: KeyType,
    /// Public key bytes, exactly `key_type.key_len()` long (for `Account`: the AccountId).
    pub public_key: Vec<u8>,
    /// The relationships this method serves.
    pub relationships: Relationships,
    /// Valid from this block timestamp (ms, inclusive); `None` = since it was added.
    pub valid_from: Option<u64>,
    /// Valid until this block timestamp (ms, exclusive); `None` = until removed.
    pub valid_until: Option<u64>,
}

impl VerificationMethod {
    /// Whether the method's validity window contains `now` (block timestamp, ms).
    pub fn is_valid_at(&self, now: u64) -> bool {
        self.valid_from.is_none_or(|from| now >= from)
            && self.valid_until.is_none_or(|until| now < until)
    }
}

/// A service endpoint of a DID document.
#[derive(Debug, Clone, PartialEq, Eq)]
#[ink::scale_derive(Encode, Decode, TypeInfo)]
#[cfg_attr(feature = "std", derive(ink::storage::traits::StorageLayout))]
pub struct Service {
    /// Fragment id, unique within the DID, 1..=`MAX_FRAGMENT_LEN` bytes.
    pub id: Vec<u8>,
    /// Service type (e.g. `LinkedDomains`), 1..=`MAX_SERVICE_TYPE_LEN` bytes.
    pub service_type: Vec<u8>,
    /// Endpoint URI, 1..=`MAX_ENDPOINT_LEN` bytes.
    pub endpoint: Vec<u8>,
}

/// W3C DID document metadata.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
#[ink::scale_derive(Encode, Decode, TypeInfo)]
#[cfg_attr(feature = "std", derive(ink::storage::traits::StorageLayout))]
pub struct DidMetadata {
    /// Block in which the DID was created.
    pub created_block: u32,
    /// Block timestamp (ms) at creation.
    pub created_at: u64,
    /// Block of the last change (= `created_block` before any change).
    pub updated_block: u32,
    /// Block timestamp (ms) of the last change.
    pub updated_at: u64,
    /// Version id: 1 at creation, +1 on every change.
    pub version_id: u32,
    /// Whether the DID was deactivated (irreversible).
    pub deactivated: bool,
}

/// A resolved DID document with its metadata.
#[derive(Debug, Clone, PartialEq, Eq)]
#[ink::scale_derive(Encode, Decode, TypeInfo)]
pub struct DidDocument {
    /// The DID's identifier.
    pub id: DidId,
    /// Accounts that may change the document.
    pub controllers: Vec<AccountId>,
    /// Verification methods, in the order they were added.
    pub verification_methods: Vec<VerificationMethod>,
    /// Services, in the order they were added.
    pub services: Vec<Service>,
    /// Keys marked compromised (they stay listed after the method is removed).
    pub compromised: Vec<CompromisedKey>,
    /// Document metadata.
    pub metadata: DidMetadata,
    /// The nonce the next signed operation on this DID must carry (every change consumes one).
    pub next_nonce: u64,
}

/// A verification method its controller declared compromised: whatever it signed or issued at
/// or after `since` is not to be trusted. The method id can never be used again on the DID.
#[derive(Debug, Clone, PartialEq, Eq)]
#[ink::scale_derive(Encode, Decode, TypeInfo)]
#[cfg_attr(feature = "std", derive(ink::storage::traits::StorageLayout))]
pub struct CompromisedKey {
    /// The method's fragment id.
    pub method_id: Vec<u8>,
    /// Block timestamp (ms) from which the key is compromised.
    pub since: u64,
}

/// How an account is authorised for a DID: as one of its controllers, or through an `Account`
/// verification method (named by its fragment id).
#[derive(Debug, Clone, PartialEq, Eq)]
#[ink::scale_derive(Encode, Decode, TypeInfo)]
#[cfg_attr(feature = "std", derive(ink::storage::traits::StorageLayout))]
pub enum Authority {
    /// A controller account.
    #[codec(index = 0)]
    Controller(AccountId),
    /// An `Account` verification method.
    #[codec(index = 1)]
    Method(Vec<u8>),
}

/// What a verifier needs to know about the key that signed or issued something.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[ink::scale_derive(Encode, Decode, TypeInfo)]
pub struct KeyStatus {
    /// Whether the DID exists and is not deactivated.
    pub did_active: bool,
    /// When the key was declared compromised, if it was (controllers: never).
    pub compromised_since: Option<u64>,
}

/// A change to a DID document, submitted directly by a controller or relayed with a
/// controller's signature.
#[derive(Debug, Clone, PartialEq, Eq)]
#[ink::scale_derive(Encode, Decode, TypeInfo)]
pub enum DidOperation {
    /// Add a controller account.
    #[codec(index = 0)]
    AddController(AccountId),
    /// Remove a controller account (never the last one).
    #[codec(index = 1)]
    RemoveController(AccountId),
    /// Add a verification method.
    #[codec(index = 2)]
    AddVerificationMethod(VerificationMethod),
    /// Remove a verification method by fragment id.
    #[codec(index = 3)]
    RemoveVerificationMethod(Vec<u8>),
    /// Replace the validity window of a method (key rotation: expire the old key).
    #[codec(index = 4)]
    SetMethodValidity {
        /// Fragment id of the method.
        id: Vec<u8>,
        /// New start (ms, inclusive).
        valid_from: Option<u64>,
        /// New end (ms, exclusive).
        valid_until: Option<u64>,
    },
    /// Add a service.
    #[codec(index = 5)]
    AddService(Service),
    /// Remove a service by fragment id.
    #[codec(index = 6)]
    RemoveService(Vec<u8>),
    /// Deactivate the DID for ever.
    #[codec(index = 7)]
    Deactivate,
    /// Declare a verification method compromised from `since` (ms, not in the future): the
    /// method stops authorising, credentials it issued at or after `since` verify as
    /// `IssuerKeyCompromised`, and its id is never reused. A later mark may only move `since`
    /// earlier.
    #[codec(index = 8)]
    MarkCompromised {
        /// Fragment id of the method (it may already be removed).
        id: Vec<u8>,
        /// Block timestamp (ms) from which it is compromised.
        since: u64,
    },
}

/// What a controller signs to have an operation relayed. The payload binds the chain (a
/// network identifier fixed at the registry's construction, e.g. its genesis hash), the
/// registry, the DID and the DID's nonce, which every change consumes: a signature is valid on
/// one chain, one registry, for one document state. The signed message is
/// `b"<Bytes>" ++ SCALE(SignedPayload) ++ b"</Bytes>"` (the wrapping Polkadot wallets apply to raw
/// payloads), hashed with blake2b-256 and signed with secp256k1 ECDSA (65-byte recoverable
/// signature). The signer's account is `blake2b-256(compressed public key)`, as for Substrate
/// ECDSA accounts.
#[derive(Debug, Clone, PartialEq, Eq)]
#[ink::scale_derive(Encode, Decode, TypeInfo)]
pub struct SignedPayload {
    /// Always [`SIGNING_DOMAIN`].
    pub domain: [u8; 12],
    /// The registry's chain identifier (`chain_id()`; no replay across networks or forks).
    pub chain: [u8; 32],
    /// The DID registry's address (no replay across deployments).
    pub registry: AccountId,
    /// The DID changed.
    pub did: DidId,
    /// The change.
    pub operation: DidOperation,
    /// Must equal the DID's next nonce (no replay; any change in between invalidates it).
    pub nonce: u64,
    /// Last block in which the operation may execute.
    pub deadline: u32,
}

/// Every way a DID registry call can fail.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[ink::scale_derive(Encode, Decode, TypeInfo)]
pub enum DidError {
    /// No DID with this id exists.
    NotFound,
    /// The id exists or existed (deactivated ids are never reused).
    AlreadyExists,
    /// The caller (or signer) is not a controller of the DID.
    NotController,
    /// The DID is deactivated and cannot change.
    Deactivated,
    /// Bound exceeded: more than `MAX_CONTROLLERS` controllers.
    TooManyControllers,
    /// Bound exceeded: more than `MAX_METHODS` verification methods.
    TooManyMethods,
    /// Bound exceeded: more than `MAX_SERVICES` services.
    TooManyServices,
    /// Bound exceeded: a method or service id is longer than `MAX_FRAGMENT_LEN`.
    FragmentTooLong,
    /// Bound exceeded: a service type is longer than `MAX_SERVICE_TYPE_LEN`.
    ServiceTypeTooLong,
    /// Bound exceeded: a service endpoint is longer than `MAX_ENDPOINT_LEN`.
    EndpointTooLong,
    /// An id, service type or endpoint is empty.
    EmptyField,
    /// The public key's length does not match its key type.
    InvalidKeyLength,
    /// The relationship set is empty, has undefined bits, or does not fit the key type
    /// (X25519 is keyAgreement only; keyAgreement needs X25519).
    InvalidRelationships,
    /// `valid_from` is not before `valid_until`, or `valid_until` is already past.
    InvalidValidityWindow,
    /// The account already is a controller.
    ControllerExists,
    /// The account is not among the controllers.
    ControllerNotFound,
    /// The last controller cannot be removed (deactivate the DID instead).
    LastController,
    /// A verification method with this id exists.
    MethodExists,
    /// No verification method with this id.
    MethodNotFound,
    /// The account already acts for this DID through another `Account` method.
    AccountMethodExists,
    /// A service with this id exists.
    ServiceExists,
    /// No service with this id.
    ServiceNotFound,
    /// The signature is malformed or does not recover to a public key.
    BadSignature,
    /// The signature is not in canonical form: S above half the curve order, or a recovery
    /// id other than 0 or 1 (malleability).
    NonCanonicalSignature,
    /// The nonce was already used (replay).
    NonceUsed,
    /// The nonce is ahead of the DID's next nonce.
    InvalidNonce,
    /// The signed operation's deadline block has passed.
    Expired,
    /// The method id belongs to a compromised key: it can never be used again.
    MethodCompromised,
    /// A compromise time in the future, or later than the one already recorded.
    InvalidCompromiseTime,
    /// Bound exceeded: more than `MAX_COMPROMISED` compromised keys.
    TooManyCompromised,
    /// A counter would overflow.
    Overflow,
}

/// The DID registry's queries for other contracts.
#[ink::trait_definition]
pub trait DidRegistry {
    /// Whether `did` exists and is not deactivated.
    #[ink(message)]
    fn is_active(&self, did: DidId) -> bool;

    /// Whether `account` is a controller of the active DID `did`.
    #[ink(message)]
    fn is_controller(&self, did: DidId, account: AccountId) -> bool;

    /// Whether `account` may act for the active DID `did` in `relationship`: it is a controller,
    /// or it holds an `Account` verification method with that relationship that is valid at
    /// the current block timestamp and not compromised.
    #[ink(message)]
    fn is_authorized(&self, did: DidId, account: AccountId, relationship: Relationship) -> bool;

    /// How `account` is authorised for the active DID `did` in `relationship` now (the same
    /// rule as `is_authorized`), or `None`: the credential registry records the issuing key.
    #[ink(message)]
    fn authority(&self, did: DidId, account: AccountId, relationship: Relationship) -> Option<Authority>;

    /// Whether `did` is active and, for `Authority::Method(id)`, since when that key is
    /// compromised (controllers: never). One call for a verifier's issuer-side checks.
    #[ink(message)]
    fn key_status(&self, did: DidId, key: Authority) -> KeyStatus;
}
