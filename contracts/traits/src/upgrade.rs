//! Code upgrades by governance, shared by every contract that holds long-lived state: its admin
//! (after deployment the governor, so only through a proposal and its timelock — holders see an
//! upgrade coming) replaces the contract's code with `set_code_hash`, keeping its storage; the
//! storage-layout version is stored, and a `migrate` message moves it to the new code's version
//! one step at a time. A proposal upgrades atomically with `[set_code_hash(new), migrate()]`:
//! if the migration fails, the whole execution — the code change included — is rolled back.

use ink::primitives::{AccountId, Hash};
use ink::storage::Lazy;

/// Emitted when a contract's code is replaced.
#[ink::event]
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CodeUpgraded {
    /// The new code's hash.
    #[ink(topic)]
    pub code_hash: Hash,
    /// Who replaced it (the admin: the governor).
    #[ink(topic)]
    pub by: AccountId,
}

/// Emitted when the stored layout is migrated to the running code's version.
#[ink::event]
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Migrated {
    pub from: u32,
    pub to: u32,
}

/// Why a migration was refused; contracts map it to their own error.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum MigrationError {
    /// The stored layout already is the code's version.
    AlreadyMigrated,
    /// The stored layout is newer than the code (a downgrade).
    Downgrade,
    /// A migration step failed.
    StepFailed,
}

/// The stored storage-layout version. Embed it in a contract's storage.
#[ink::storage_item]
#[derive(Debug, Default)]
pub struct StorageVersion {
    stored: Lazy<u32>,
}

impl StorageVersion {
    /// The stored version (0 if never set).
    pub fn get(&self) -> u32 {
        self.stored.get().unwrap_or(0)
    }

    /// Records `version` (constructors: the code's own).
    pub fn set(&mut self, version: u32) {
        self.stored.set(&version);
    }

    /// Moves the stored version to `code`, running `step(v)` for each version `v` from the
    /// stored one up to `code - 1` (each step migrates `v` → `v + 1`).
    pub fn migrate(&mut self, code: u32, mut step: impl FnMut(u32) -> Result<(), MigrationError>) -> Result<Migrated, MigrationError> {
        let from = self.get();
        if from == code {
            return Err(MigrationError::AlreadyMigrated);
        }
        if from > code {
            return Err(MigrationError::Downgrade);
        }
        for version in from..code {
            step(version)?;
        }
        self.set(code);
        Ok(Migrated { from, to: code })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[ink::test]
    fn migrations_step_through_every_version_once_and_never_back() {
        let mut version = StorageVersion::default();
        assert_eq!(version.get(), 0);
        version.set(1);
        let mut ran = ink::prelude::vec::Vec::new();
        let migrated = version.migrate(4, |v| {
            ran.push(v);
            Ok(())
        });
        assert_eq!((migrated, ran, version.get()), (Ok(Migrated { from: 1, to: 4 }), ink::prelude::vec![1, 2, 3], 4));
        assert_eq!(version.migrate(4, |_| Ok(())), Err(MigrationError::AlreadyMigrated));
        assert_eq!(version.migrate(3, |_| Ok(())), Err(MigrationError::Downgrade));
        // a failing step leaves the stored version where it was
        assert_eq!(version.migrate(6, |v| if v == 5 { Err(MigrationError::StepFailed) } else { Ok(()) }), Err(MigrationError::StepFailed));
        assert_eq!(version.get(), 4);
    }
}
