//! Code upgrades by governance, shared by every contract that holds long-lived state: its admin
//! (after deployment the governor, so only through a proposal and its timelock — holders see an
//! upgrade coming) replaces the contract's code with `set_code_hash`, keeping its storage; the
//! storage-layout version is stored, and a `migrate` message moves it to the new code's version
//! one step at a time. A proposal upgrades atomically with `[set_code_hash(new), migrate()]`:
//! if the migration fails, the whole execution — the code change included — is rolled back.
//! `migrate` succeeds as a no-op when the layout already is the new code's (a bug fix that
//! keeps the layout), so every upgrade ends with a call into the new code that proves it runs:
//! new code that cannot decode the stored root traps there, and the upgrade reverts with it.

use crate::access::{Roles, DEFAULT_ADMIN_ROLE};
use ink::primitives::{AccountId, Hash};
use ink::storage::Lazy;
pub use sovra_interfaces::upgrade::{UpgradeError, Upgradeable};

/// `caller`, who must be the admin in `roles`, replaces the running contract's code.
pub fn set_code(roles: &Roles, caller: AccountId, code_hash: Hash) -> Result<CodeUpgraded, UpgradeError> {
    roles.require(DEFAULT_ADMIN_ROLE, caller).map_err(|_| UpgradeError::MissingRole)?;
    ink::env::set_code_hash::<ink::env::DefaultEnvironment>(&code_hash).map_err(|_| UpgradeError::CodeNotFound)?;
    Ok(CodeUpgraded { code_hash, by: caller })
}

/// `caller`, who must be the admin in `roles`, migrates `version` to `code` with `step`
/// (see [`StorageVersion::migrate`]).
pub fn migrate(
    roles: &Roles,
    version: &mut StorageVersion,
    caller: AccountId,
    code: u32,
    step: impl FnMut(u32) -> Result<(), MigrationError>,
) -> Result<Migrated, UpgradeError> {
    roles.require(DEFAULT_ADMIN_ROLE, caller).map_err(|_| UpgradeError::MissingRole)?;
    version.migrate(code, step).map_err(|e| match e {
        MigrationError::Downgrade | MigrationError::StepFailed => UpgradeError::MigrationFailed,
    })
}

/// The step function of a contract still at its first layout: there is nothing to step from.
pub fn no_steps(_from: u32) -> Result<(), MigrationError> {
    Err(MigrationError::StepFailed)
}

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

/// Emitted when the stored layout is migrated to the running code's version (`from == to`:
/// there was nothing to migrate, and the running code read its storage).
#[ink::event]
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Migrated {
    pub from: u32,
    pub to: u32,
}

/// Why a migration was refused; contracts map it to their own error.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum MigrationError {
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
    /// stored one up to `code - 1` (each step migrates `v` → `v + 1`); none when it is `code`
    /// already.
    pub fn migrate(&mut self, code: u32, mut step: impl FnMut(u32) -> Result<(), MigrationError>) -> Result<Migrated, MigrationError> {
        let from = self.get();
        if from == code {
            return Ok(Migrated { from, to: code });
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
        // nothing to migrate: a no-op that succeeds, and no step runs
        assert_eq!(version.migrate(4, |_| Err(MigrationError::StepFailed)), Ok(Migrated { from: 4, to: 4 }));
        assert_eq!(version.get(), 4);
        assert_eq!(version.migrate(3, |_| Ok(())), Err(MigrationError::Downgrade));
        // a failing step leaves the stored version where it was
        assert_eq!(version.migrate(6, |v| if v == 5 { Err(MigrationError::StepFailed) } else { Ok(()) }), Err(MigrationError::StepFailed));
        assert_eq!(version.get(), 4);
    }
}
