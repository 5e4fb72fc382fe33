//! The credential registry's interface: schemas, anchored credentials, status lists, errors,
//! events and the `CredentialVerifier` trait that tokens and the governor call.

// The SCALE derives expand `index as u8` casts for data-carrying enum variants.
#![allow(clippy::cast_possible_truncation)]

pub use crate::access::{RoleId, DEFAULT_ADMIN_ROLE};
use crate::did::{Authority, DidId};
use ink::prelude::vec::Vec;
use ink::primitives::AccountId;

/// A schema's id: `blake2b-256(SCALE((schema_hash, name, uri, revocable)))`.
pub type SchemaId = [u8; 32];
/// The hash of a credential document (computed off-chain). Records are scoped to their
/// issuer: a credential is named by `(issuer DID, credential hash)`, so nobody can anchor
/// "the same" credential before its issuer does.
pub type CredentialHash = [u8; 32];
/// A status list's number within its issuer DID (sequential from 0 per issuer): a list is
/// named by `(issuer DID, list)`.
pub type ListId = u32;
/// May add and remove trusted issuers (held by the DAO governor after deployment).
pub const TRUST_ADMIN_ROLE: RoleId = 1;
/// Every role the credential registry has.
pub const CREDENTIAL_REGISTRY_ROLES: &[RoleId] = &[DEFAULT_ADMIN_ROLE, TRUST_ADMIN_ROLE];

/// Longest schema name, in bytes.
pub const MAX_SCHEMA_NAME_LEN: u32 = 64;
/// Longest schema URI, in bytes.
pub const MAX_SCHEMA_URI_LEN: u32 = 256;
/// Most trusted issuers per schema.
pub const MAX_TRUSTED_ISSUERS: u32 = 32;
/// Longest revocation / suspension reason, in bytes.
pub const MAX_REASON_LEN: u32 = 64;
/// Most credentials in one batch call.
pub const MAX_BATCH: u32 = 32;
/// Most indices set or cleared in one status-list update.
pub const MAX_STATUS_UPDATES: u32 = 64;
/// Most words returned by one `status_list_words` call.
pub const MAX_WORDS_PER_READ: u32 = 64;
/// Most siblings in a selective-disclosure Merkle proof (trees of up to 2^16 claims).
pub const MAX_PROOF_LEN: u32 = 16;
/// Longest disclosed claim name, in bytes (NFC-normalised UTF-8).
pub const MAX_CLAIM_NAME_LEN: u32 = 64;
/// Longest disclosed claim value, in bytes (NFC-normalised UTF-8).
pub const MAX_CLAIM_VALUE_LEN: u32 = 256;
/// Bits per status-list word.
pub const STATUS_WORD_BITS: u32 = 128;
/// Default and minimum herd-privacy size of a status list (W3C Bitstring Status List: 131,072).
pub const MIN_STATUS_LIST_SIZE: u32 = 131_072;
/// Largest status list (2^20 entries = 8,192 words).
pub const MAX_STATUS_LIST_SIZE: u32 = 1_048_576;

/// A registered credential type.
#[derive(Debug, Clone, PartialEq, Eq)]
#[ink::scale_derive(Encode, Decode, TypeInfo)]
#[cfg_attr(feature = "std", derive(ink::storage::traits::StorageLayout))]
pub struct Schema {
    /// Hash of the schema document (e.g. JSON Schema), computed off-chain.
    pub schema_hash: [u8; 32],
    /// Short human-readable name, 1..=`MAX_SCHEMA_NAME_LEN` bytes.
    pub name: Vec<u8>,
    /// Where the schema document lives, 0..=`MAX_SCHEMA_URI_LEN` bytes.
    pub uri: Vec<u8>,
    /// Whether credentials of this schema may be revoked.
    pub revocable: bool,
    /// Who registered it.
    pub registrant: AccountId,
    /// Block of registration.
    pub registered_block: u32,
}

/// Lifecycle state of an anchored credential.
#[derive(Debug, Clone, PartialEq, Eq)]
#[ink::scale_derive(Encode, Decode, TypeInfo)]
#[cfg_attr(feature = "std", derive(ink::storage::traits::StorageLayout))]
pub enum CredentialState {
    /// In force.
    #[codec(index = 0)]
    Active,
    /// Temporarily not in force (reversible), with reason.
    #[codec(index = 1)]
    Suspended(Vec<u8>),
    /// Permanently withdrawn (one-way), with reason.
    #[codec(index = 2)]
    Revoked(Vec<u8>),
}

/// A credential's entry in one of its issuer's bitstring status lists.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[ink::scale_derive(Encode, Decode, TypeInfo)]
#[cfg_attr(feature = "std", derive(ink::storage::traits::StorageLayout))]
pub struct StatusEntry {
    /// The list (of the credential's issuer).
    pub list: ListId,
    /// The bit index within it.
    pub index: u32,
}

/// An anchored credential: hashes and commitments only, never personal data. Stored under
/// `(issuer DID, credential hash)`.
#[derive(Debug, Clone, PartialEq, Eq)]
#[ink::scale_derive(Encode, Decode, TypeInfo)]
#[cfg_attr(feature = "std", derive(ink::storage::traits::StorageLayout))]
pub struct CredentialRecord {
    /// The credential's schema.
    pub schema: SchemaId,
    /// The subject's account, if it has one.
    pub subject_account: Option<AccountId>,
    /// The subject's DID, if it has one.
    pub subject_did: Option<DidId>,
    /// Block timestamp (ms) of issuance.
    pub issued_at: u64,
    /// Block of issuance.
    pub issued_block: u32,
    /// Expiry (block timestamp, ms, exclusive), if any.
    pub expires_at: Option<u64>,
    /// Merkle root over salted claim digests, for selective disclosure.
    pub claims_root: Option<[u8; 32]>,
    /// The issuer's key that anchored it: a controller account or an `Account` method.
    pub issued_by: Authority,
    /// The grant of trust (issuer, schema) it was issued under; 0 = issuer not trusted then.
    /// It counts as trusted only while that same grant lasts.
    pub trust_epoch: u32,
    /// Its bit in a revocation status list, if bound: a set bit means revoked.
    pub revocation: Option<StatusEntry>,
    /// Its bit in a suspension status list, if bound: the bit alone says whether it is
    /// suspended.
    pub suspension: Option<StatusEntry>,
    /// State set through `suspend` / `reinstate` / `revoke` (with the reason). For a purpose
    /// bound to a status list the list bit decides; this keeps the reason.
    pub state: CredentialState,
}

/// What an issuer anchors.
#[derive(Debug, Clone, PartialEq, Eq)]
#[ink::scale_derive(Encode, Decode, TypeInfo)]
pub struct IssueRequest {
    /// Hash of the credential document.
    pub credential: CredentialHash,
    /// Its schema (must be registered).
    pub schema: SchemaId,
    /// The subject's account (at least one of account / DID).
    pub subject_account: Option<AccountId>,
    /// The subject's DID.
    pub subject_did: Option<DidId>,
    /// Expiry (block timestamp, ms), must be in the future.
    pub expires_at: Option<u64>,
    /// Merkle root over salted claim digests (see `docs/selective-disclosure.md`).
    pub claims_root: Option<[u8; 32]>,
    /// Bind it to this entry of one of the issuer's revocation lists (unused index).
    pub revocation: Option<StatusEntry>,
    /// Bind it to this entry of one of the issuer's suspension lists (unused index).
    pub suspension: Option<StatusEntry>,
}

/// One disclosed claim, exactly as the issuer committed it (see
/// `docs/selective-disclosure.md`): the registry computes its digest itself.
#[derive(Debug, Clone, PartialEq, Eq)]
#[ink::scale_derive(Encode, Decode, TypeInfo)]
pub struct Claim {
    /// The claim's own 16-byte salt (drawn independently per claim from a CSPRNG).
    pub salt: [u8; 16],
    /// Claim name, NFC-normalised UTF-8, ≤ `MAX_CLAIM_NAME_LEN` bytes.
    pub name: Vec<u8>,
    /// Claim value, NFC-normalised UTF-8, ≤ `MAX_CLAIM_VALUE_LEN` bytes.
    pub value: Vec<u8>,
}

/// A presentation's verdict: the credential's status and whether the claim is committed in it.
/// Accept the claim only when both say so.
#[derive(Debug, Clone, PartialEq, Eq)]
#[ink::scale_derive(Encode, Decode, TypeInfo)]
pub struct Presentation {
    /// The credential's status now.
    pub status: CredentialStatus,
    /// Whether the proof shows the claim in the credential's claims root.
    pub claim_valid: bool,
}

/// What a verifier learns about a credential.
#[derive(Debug, Clone, PartialEq, Eq)]
#[ink::scale_derive(Encode, Decode, TypeInfo)]
pub enum CredentialStatus {
    /// Active, unexpired, issuer DID active and trusted for the schema.
    #[codec(index = 0)]
    Valid,
    /// No credential with this id was anchored.
    #[codec(index = 1)]
    Unknown,
    /// Revoked by its issuer, with the reason.
    #[codec(index = 2)]
    Revoked(Vec<u8>),
    /// Suspended by its issuer, with the reason.
    #[codec(index = 3)]
    Suspended(Vec<u8>),
    /// Past its expiry.
    #[codec(index = 4)]
    Expired,
    /// The issuer's DID is deactivated.
    #[codec(index = 5)]
    IssuerDeactivated,
    /// The issuer is not trusted for the credential's schema, or was not when it issued it
    /// (trust never applies to credentials anchored before the current grant of trust).
    #[codec(index = 6)]
    IssuerNotTrusted,
    /// The issuer's key that anchored it was declared compromised at or before issuance.
    #[codec(index = 7)]
    IssuerKeyCompromised,
}

/// Purpose of a bitstring status list.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[ink::scale_derive(Encode, Decode, TypeInfo)]
#[cfg_attr(feature = "std", derive(ink::storage::traits::StorageLayout))]
pub enum StatusPurpose {
    /// A set bit means revoked: bits can never be cleared.
    Revocation,
    /// A set bit means suspended: bits can be cleared.
    Suspension,
}

/// A bitstring status list's header (stored under `(issuer DID, list)`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[ink::scale_derive(Encode, Decode, TypeInfo)]
#[cfg_attr(feature = "std", derive(ink::storage::traits::StorageLayout))]
pub struct StatusList {
    /// Revocation or suspension.
    pub purpose: StatusPurpose,
    /// Number of entries (a multiple of `STATUS_WORD_BITS`).
    pub size: u32,
    /// Block of creation.
    pub created_block: u32,
    /// Block of the last update.
    pub updated_block: u32,
}

/// A status list as its readers see it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[ink::scale_derive(Encode, Decode, TypeInfo)]
pub struct StatusListView {
    /// The header.
    pub list: StatusList,
    /// Whether the issuer DID is still active (a deactivated issuer's list speaks for nobody).
    pub issuer_active: bool,
}

/// Every way a credential registry call can fail.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[ink::scale_derive(Encode, Decode, TypeInfo)]
pub enum CredentialError {
    /// The caller lacks the role the message requires.
    MissingRole,
    /// The caller is not authorised (assertionMethod) for the issuer DID.
    NotAuthorizedForIssuer,
    /// The issuer DID is deactivated or unknown.
    IssuerInactive,
    /// The status list's purpose does not fit (a revocation entry in a suspension list, …).
    WrongListPurpose,
    /// The status-list entry is already bound to another credential.
    EntryInUse,
    /// A schema with this content is already registered.
    SchemaExists,
    /// No such schema.
    SchemaNotFound,
    /// Bound exceeded: schema name empty or longer than `MAX_SCHEMA_NAME_LEN`.
    InvalidSchemaName,
    /// Bound exceeded: schema URI longer than `MAX_SCHEMA_URI_LEN`.
    SchemaUriTooLong,
    /// Bound exceeded: more than `MAX_TRUSTED_ISSUERS` trusted issuers for the schema.
    TooManyTrustedIssuers,
    /// The issuer already is trusted for the schema.
    AlreadyTrusted,
    /// The issuer is not trusted for the schema.
    NotTrusted,
    /// The issuer already anchored this credential hash.
    CredentialExists,
    /// No such credential.
    CredentialNotFound,
    /// Neither a subject account nor a subject DID given.
    MissingSubject,
    /// The expiry is not in the future.
    InvalidExpiry,
    /// The credential's schema is not revocable.
    NotRevocable,
    /// The credential is revoked: its state can no longer change.
    AlreadyRevoked,
    /// The credential is already suspended.
    AlreadySuspended,
    /// The credential is not suspended (nothing to reinstate).
    NotSuspended,
    /// Bound exceeded: reason longer than `MAX_REASON_LEN`.
    ReasonTooLong,
    /// Bound exceeded: batch empty or larger than `MAX_BATCH`.
    InvalidBatchSize,
    /// The same credential (or index) appears twice in one batch.
    DuplicateInBatch,
    /// No such status list.
    ListNotFound,
    /// The list size is not a multiple of `STATUS_WORD_BITS`, exceeds `MAX_STATUS_LIST_SIZE`, or
    /// is below `MIN_STATUS_LIST_SIZE` without `allow_small`.
    InvalidListSize,
    /// A status-list index is outside the list.
    IndexOutOfRange,
    /// Bound exceeded: no indices, or more than `MAX_STATUS_UPDATES` (or words than
    /// `MAX_WORDS_PER_READ`).
    InvalidUpdateSize,
    /// A revocation bit cannot be cleared.
    RevocationIsPermanent,
    /// The credential has no claims commitment.
    NoCommitment,
    /// Bound exceeded: proof longer than `MAX_PROOF_LEN`.
    ProofTooLong,
    /// Bound exceeded: claim name longer than `MAX_CLAIM_NAME_LEN` or value longer than
    /// `MAX_CLAIM_VALUE_LEN`.
    ClaimTooLong,
    /// The caller is neither the credential's subject account nor authorised
    /// (`authentication`) by its subject DID: presentations are bound to their holder.
    NotHolder,
    /// A counter would overflow.
    Overflow,
    /// `set_did_registry` to the DID registry already in use.
    SameDidRegistry,
}


impl From<crate::access::MissingRole> for CredentialError {
    fn from(_: crate::access::MissingRole) -> Self {
        CredentialError::MissingRole
    }
}


/// Credential checks for people and contracts (tokens, the governor).
#[ink::trait_definition]
pub trait CredentialVerifier {
    /// The status, with reason, of the credential `credential` anchored by `issuer`.
    #[ink(message)]
    fn verify(&self, issuer: DidId, credential: CredentialHash) -> CredentialStatus;

    /// Whether some issuer trusted for `schema` now gave `subject` (account) a credential of
    /// the schema that is valid now. Per issuer, its newest credential for (subject, schema)
    /// counts. Cost is bounded by the schema's trusted issuers (≤ `MAX_TRUSTED_ISSUERS`),
    /// never by the number of credentials: for each, up to three reads (latest entry, record,
    /// status bit) and, for a candidate, one DID-registry call; the first valid one answers.
    #[ink(message)]
    fn has_valid_credential(&self, subject: AccountId, schema: SchemaId) -> bool;

    /// Whether `subject` held, at the end of past or current `block`, a credential of `schema`
    /// from an issuer trusted for it then, issued under the grant in force then, neither
    /// suspended nor revoked then (each issuer's newest credential for the subject then
    /// counts). Expiry, the issuer DID's deactivation and a compromised issuing key are judged
    /// now. The governor judges membership at a proposal's snapshot with it. Cost: O(log n) in
    /// the number of status and trust changes, per issuer trusted then (≤
    /// `MAX_TRUSTED_ISSUERS`).
    #[ink(message)]
    fn has_valid_credential_at(&self, subject: AccountId, schema: SchemaId, block: u32) -> bool;

    /// Whether `schema` is registered here (what a contract checks before trusting this
    /// registry and schema as a gate).
    #[ink(message)]
    fn has_schema(&self, schema: SchemaId) -> bool;
}
