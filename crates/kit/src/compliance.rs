//! The optional compliance gate shared by the token and the NFT: when set, every receiver of a
//! transfer or mint must hold a valid credential of one schema in a credential registry
//! (`CredentialVerifier::has_valid_credential`). The gate checks receivers only: a revoked,
//! suspended or expired credential stops receiving, never sending (held assets are not frozen),
//! and an unreachable or failing registry answers "no" (fails closed).

use ink::primitives::AccountId;
pub use sovra_interfaces::compliance::ComplianceGate;

/// Emitted when a contract's compliance gate is set, changed or removed (feature `gated`: a
/// contract whose receivers are gated; a contract that only reads credentials has no gate to
/// change).
#[cfg(feature = "gated")]
#[ink::event]
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ComplianceChanged {
    /// The new gate (`None` = anyone may receive).
    pub gate: Option<ComplianceGate>,
    /// Who changed it.
    #[ink(topic)]
    pub by: AccountId,
}

/// Answers gate queries: the contracts pass [`Registry`] (the real cross-contract call); unit
/// tests pass a table.
pub trait CredentialOracle {
    /// Whether `subject` holds a valid credential of `gate.schema` at `gate.registry`; an
    /// unreachable registry answers `false`.
    fn has_valid_credential(&self, gate: &ComplianceGate, subject: AccountId) -> bool;

    /// Whether `subject` held a valid credential of `gate.schema` at the end of `block`
    /// (`CredentialVerifier::has_valid_credential_at`); an unreachable registry answers `false`.
    fn had_valid_credential_at(&self, gate: &ComplianceGate, subject: AccountId, block: u32) -> bool;

    /// Whether `gate.registry` answers and knows `gate.schema` (a gate worth setting).
    fn knows_schema(&self, gate: &ComplianceGate) -> bool;
}

/// Whether `receiver` may receive under `gate` (always, when there is no gate).
pub fn admits(gate: Option<&ComplianceGate>, oracle: &impl CredentialOracle, receiver: AccountId) -> bool {
    gate.is_none_or(|gate| oracle.has_valid_credential(gate, receiver))
}

/// Whether `account` passed `gate` at the end of `block` (always, when there is no gate).
pub fn admitted_at(gate: Option<&ComplianceGate>, oracle: &impl CredentialOracle, account: AccountId, block: u32) -> bool {
    gate.is_none_or(|gate| oracle.had_valid_credential_at(gate, account, block))
}

/// The credential registry reached through its `CredentialVerifier` interface
/// (`crate::raw::query`). A call that fails (no contract there, a revert, a trap, an
/// undecodable answer) answers `false`: the gate fails closed.
pub struct Registry;

impl CredentialOracle for Registry {
    fn has_valid_credential(&self, gate: &ComplianceGate, subject: AccountId) -> bool {
        let selector = ink::selector_bytes!("CredentialVerifier::has_valid_credential");
        crate::raw::query::<bool>(&gate.registry, selector, &(subject, gate.schema)).unwrap_or(false)
    }

    fn had_valid_credential_at(&self, gate: &ComplianceGate, subject: AccountId, block: u32) -> bool {
        let selector = ink::selector_bytes!("CredentialVerifier::has_valid_credential_at");
        crate::raw::query::<bool>(&gate.registry, selector, &(subject, gate.schema, block)).unwrap_or(false)
    }

    fn knows_schema(&self, gate: &ComplianceGate) -> bool {
        let selector = ink::selector_bytes!("CredentialVerifier::has_schema");
        crate::raw::query::<bool>(&gate.registry, selector, &gate.schema).unwrap_or(false)
    }
}

/// For paths with no receiver (burns): any query there would be a bug, so it answers `false`.
pub struct NoCredentials;

impl CredentialOracle for NoCredentials {
    fn has_valid_credential(&self, _: &ComplianceGate, _: AccountId) -> bool {
        false
    }

    fn had_valid_credential_at(&self, _: &ComplianceGate, _: AccountId, _: u32) -> bool {
        false
    }

    fn knows_schema(&self, _: &ComplianceGate) -> bool {
        false
    }
}
