//! Sovra's interfaces: what another contract or a client may call.
//!
//! - the `#[ink::trait_definition]`s other contracts call through `contract_ref!` — [`DidRegistry`],
//!   [`CredentialVerifier`], [`votes::Votes`], the PSP34 traits, [`access::AccessControl`],
//!   [`upgrade::Upgradeable`] — with the selectors frontends and other dApps bind to;
//! - the types in the suite's messages (documents, credentials, proposals, gates, ids), so that
//!   caller, callee, the Rust client and frontends agree on their SCALE encoding;
//! - the errors those messages return.
//!
//! No logic and no events: a contract's events are in its own crate (`events.rs`), because ink!
//! lists every event of every crate a contract links in its metadata; the reusable logic is
//! `sovra-kit`. The crate depends on `ink`, `parity-scale-codec` and `scale-info` only.
#![cfg_attr(not(feature = "std"), no_std)]

pub mod access;
pub mod checkpoint;
pub mod compliance;
pub mod credential;
pub mod did;
pub mod governance;
pub mod psp34;
pub mod signing;
pub mod upgrade;
pub mod votes;

pub use credential::{CredentialError, CredentialHash, CredentialStatus, CredentialVerifier, SchemaId};
pub use did::{DidError, DidId, DidRegistry, Relationship};
