//! The credential registry's events: its own (schemas, trust, credentials, status lists),
//! the role and upgrade events of `sovra-kit` it emits, and [`CredentialEvent`], the list of them
//! the rules in `data.rs` return for the shell to emit.

use ink::prelude::vec::Vec;
use ink::primitives::AccountId;
use sovra_interfaces::credential::*;
use sovra_interfaces::did::{Authority, DidId};
pub use sovra_kit::access::{RoleEvent, RoleGranted, RoleRevoked};
pub use sovra_kit::upgrade::{CodeUpgraded, Migrated};

/// Emitted when the credential registry is pointed at another DID registry (the migration
/// path if the DID registry has to be replaced; see `docs/threat-model.md`).
#[ink::event]
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DidRegistryChanged {
    /// The DID registry trusted until now.
    #[ink(topic)]
    pub previous: AccountId,
    /// The DID registry trusted from now on.
    #[ink(topic)]
    pub new: AccountId,
    /// Who changed it (the admin: the governor).
    pub by: AccountId,
}

/// Emitted when a schema is registered.
#[ink::event]
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SchemaRegistered {
    /// The schema's id.
    #[ink(topic)]
    pub schema: SchemaId,
    /// Who registered it.
    #[ink(topic)]
    pub registrant: AccountId,
    /// Hash of the schema document.
    pub schema_hash: [u8; 32],
    /// Its name.
    pub name: Vec<u8>,
    /// Its URI.
    pub uri: Vec<u8>,
    /// Whether its credentials are revocable.
    pub revocable: bool,
}

/// Emitted when an issuer becomes trusted for a schema.
#[ink::event]
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TrustedIssuerAdded {
    /// The schema.
    #[ink(topic)]
    pub schema: SchemaId,
    /// The issuer DID.
    #[ink(topic)]
    pub issuer: DidId,
    /// The grant's epoch: credentials issued under it carry it.
    pub epoch: u32,
}

/// Emitted when an issuer stops being trusted for a schema.
#[ink::event]
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TrustedIssuerRemoved {
    /// The schema.
    #[ink(topic)]
    pub schema: SchemaId,
    /// The issuer DID.
    #[ink(topic)]
    pub issuer: DidId,
}

/// Emitted when a credential is anchored: everything the record holds, so an indexer needs no
/// storage read. Topics: issuer, credential hash, subject account (pallet-contracts allows
/// three besides the signature; the schema is in the data).
#[ink::event]
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CredentialIssued {
    /// The issuer DID.
    #[ink(topic)]
    pub issuer: DidId,
    /// The credential hash.
    #[ink(topic)]
    pub credential: CredentialHash,
    /// The subject's account, if any.
    #[ink(topic)]
    pub subject_account: Option<AccountId>,
    /// The schema.
    pub schema: SchemaId,
    /// The subject's DID, if any.
    pub subject_did: Option<DidId>,
    /// The issuer key that anchored it.
    pub issued_by: Authority,
    /// Expiry (ms), if any.
    pub expires_at: Option<u64>,
    /// Claims commitment, if any.
    pub claims_root: Option<[u8; 32]>,
    /// Revocation-list entry, if bound.
    pub revocation: Option<StatusEntry>,
    /// Suspension-list entry, if bound.
    pub suspension: Option<StatusEntry>,
}

/// Emitted when a credential's state changes (suspended, reinstated, revoked).
#[ink::event]
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CredentialStateChanged {
    /// The issuer DID.
    #[ink(topic)]
    pub issuer: DidId,
    /// The credential hash.
    #[ink(topic)]
    pub credential: CredentialHash,
    /// The new state.
    pub state: CredentialState,
}

/// Emitted when a status list is created.
#[ink::event]
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StatusListCreated {
    /// The owning issuer DID.
    #[ink(topic)]
    pub issuer: DidId,
    /// The list's number within the issuer.
    #[ink(topic)]
    pub list: ListId,
    /// Its purpose.
    pub purpose: StatusPurpose,
    /// Its size in entries.
    pub size: u32,
}

/// Emitted when status-list bits are set or cleared (by `update_status_list`, or by
/// `suspend` / `reinstate` / `revoke` of credentials bound to the list).
#[ink::event]
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StatusListUpdated {
    /// The owning issuer DID.
    #[ink(topic)]
    pub issuer: DidId,
    /// The list's number within the issuer.
    #[ink(topic)]
    pub list: ListId,
    /// The indices changed.
    pub indices: Vec<u32>,
    /// Set (true) or cleared (false).
    pub value: bool,
}

sovra_kit::event_list! {
    /// An event the shell must emit.
    #[derive(Debug, Clone, PartialEq, Eq)]
    pub enum CredentialEvent {
        SchemaRegistered(SchemaRegistered),
        TrustedIssuerAdded(TrustedIssuerAdded),
        TrustedIssuerRemoved(TrustedIssuerRemoved),
        Issued(CredentialIssued),
        StateChanged(CredentialStateChanged),
        ListCreated(StatusListCreated),
        ListUpdated(StatusListUpdated),
        RoleGranted(RoleGranted),
        RoleRevoked(RoleRevoked),
        CodeUpgraded(CodeUpgraded),
        Migrated(Migrated),
        DidRegistryChanged(DidRegistryChanged),
    }
}

impl From<RoleEvent> for CredentialEvent {
    fn from(event: RoleEvent) -> Self {
        match event {
            RoleEvent::Granted(e) => CredentialEvent::RoleGranted(e),
            RoleEvent::Revoked(e) => CredentialEvent::RoleRevoked(e),
        }
    }
}
