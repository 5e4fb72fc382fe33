//! A compliance gate: which credential receivers of a gated token or NFT must hold (the logic is
//! `sovra_kit::compliance`).

use crate::credential::SchemaId;
use ink::primitives::AccountId;

/// The gate: receivers need a valid credential of `schema` at the credential registry `registry`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[ink::scale_derive(Encode, Decode, TypeInfo)]
#[cfg_attr(feature = "std", derive(ink::storage::traits::StorageLayout))]
pub struct ComplianceGate {
    /// The credential registry (`CredentialVerifier`).
    pub registry: AccountId,
    /// The schema receivers need a valid credential of.
    pub schema: SchemaId,
}

