//! Sovra's shared interfaces.
//!
//! Everything that crosses a contract boundary lives here, so that caller and callee agree on
//! the SCALE encoding: the `#[ink::trait_definition]` interfaces that other contracts call
//! through `contract_ref!`, the data types in their signatures, the error enums, and the events
//! that frontends and indexers decode.
//!
//! The crate is deliberately light: it depends on `ink`, `parity-scale-codec` and `scale-info`
//! only, so every contract can use it without growing its Wasm.
#![cfg_attr(not(feature = "std"), no_std)]

pub mod access;
pub mod checkpoints;
pub mod compliance;
pub mod context;
pub mod credential;
pub mod did;
pub mod governance;
pub mod pause;
pub mod psp34;
pub mod raw;
pub mod signing;
#[cfg(feature = "testing")]
pub mod testing;
pub mod upgrade;
pub mod votes;

pub use context::{blake2, Ctx};
pub use credential::{CredentialError, CredentialHash, CredentialStatus, CredentialVerifier, SchemaId};
pub use did::{DidError, DidId, DidRegistry, Relationship};
