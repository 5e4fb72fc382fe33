//! Code upgrades by governance: the `Upgradeable` interface and its error (the logic is
//! `sovra_kit::upgrade`).

use ink::primitives::Hash;

/// Why an upgrade or migration was refused.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[ink::scale_derive(Encode, Decode, TypeInfo)]
pub enum UpgradeError {
    /// The caller is not the contract's admin.
    MissingRole,
    /// No code with that hash is stored on chain.
    CodeNotFound,
    /// The stored layout is newer than the running code (a downgrade), or a step failed.
    MigrationFailed,
}

/// Code upgrades, with the same selectors on every upgradable Sovra contract (the governor's
/// proposals call them).
#[ink::trait_definition]
pub trait Upgradeable {
    /// Replaces this contract's code with the uploaded code `code_hash`, keeping its storage;
    /// `migrate` next (a proposal does both atomically). Caller: admin (the governor). Errors:
    /// `MissingRole`, `CodeNotFound`. Events: `CodeUpgraded`.
    #[ink(message)]
    fn set_code_hash(&mut self, code_hash: Hash) -> Result<(), UpgradeError>;

    /// Migrates the stored layout to the running code's version, step by step (nothing to do
    /// when it already is: `Migrated { from: v, to: v }`, proving the new code runs). Caller:
    /// admin. Errors: `MissingRole`, `MigrationFailed`. Events: `Migrated`.
    #[ink(message)]
    fn migrate(&mut self) -> Result<(), UpgradeError>;

    /// (stored layout version, running code's version): equal once migrated. Read-only.
    #[ink(message)]
    fn storage_version(&self) -> (u32, u32);
}

