//! Sovra's reusable contract logic, shared by the contracts instead of copied into each:
//!
//! | module | what | feature | events |
//! |---|---|---|---|
//! | [`access`] | enumerable roles, last-admin rule, hand-over | `access` | `RoleGranted`, `RoleRevoked` |
//! | [`pause`] | pause by `PAUSER_ROLE` | `pause` | `PausedChanged` |
//! | [`upgrade`] | `set_code_hash` + stepwise `migrate` | `upgrade` | `CodeUpgraded`, `Migrated` |
//! | [`checkpoints`] | value histories by block (O(log n) lookups) | `checkpoints` | — |
//! | [`compliance`] | credential checks; the credential gate of receivers | `compliance` / `gated` | `ComplianceChanged` (`gated`) |
//! | [`signing`] | chain- and contract-bound signed payloads; nonces | — / `nonces` | `SignerNonceBumped` |
//! | [`votes`] | the governor's reading of a `Votes` token | `votes` | — |
//! | [`raw`] | cross-contract calls that tell a revert from a return | — | — |
//! | [`context`] | the calling context the contract shells hand their rules; blake2b-256 | — | — |
//! | [`event_list!`] | a contract's event enum and its `emit_all` | — | — |
//! | [`named_errors!`] | a contract's error enum and its variants' names (for `Custom` errors) | — | — |
//!
//! Logic takes a [`Ctx`] and returns the events to emit (in the contract's own event type:
//! anything `From` the module's event), never emits itself: a contract's `lib.rs` emits, so
//! every event a contract can emit is visible in its crate. Each module with events or storage
//! is a cargo feature: ink! lists every event compiled into a contract in its metadata, so a
//! contract enables exactly the modules it uses.
//!
//! The types that cross contracts (roles, gates, checkpoints, errors) are `sovra-interfaces`'s;
//! each module re-exports the ones it works with.
#![cfg_attr(not(feature = "std"), no_std)]

#[cfg(feature = "access")]
pub mod access;
#[cfg(feature = "checkpoints")]
pub mod checkpoints;
#[cfg(feature = "compliance")]
pub mod compliance;
pub mod context;
mod emit;
#[cfg(feature = "pause")]
pub mod pause;
pub mod raw;
pub mod signing;
#[cfg(feature = "testing")]
pub mod testing;
#[cfg(feature = "upgrade")]
pub mod upgrade;
#[cfg(feature = "votes")]
pub mod votes;

pub use context::{blake2, Ctx};
pub use sovra_interfaces as interfaces;
