//! Helpers for the contracts' off-chain unit tests (feature `testing`; never in Wasm): a seeded
//! random source for property tests and the credential registry as a table for compliance gates.

use crate::compliance::{ComplianceGate, CredentialOracle};
use ink::primitives::AccountId;
use std::cell::RefCell;
use std::collections::HashMap;

/// A deterministic xorshift64 random source: property runs are reproducible from their seed.
pub struct Rng(pub u64);

impl Rng {
    /// The next 64 random bits.
    pub fn next_u64(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }

    /// A number in `0..n` (`n > 0`).
    pub fn below(&mut self, n: u64) -> u64 {
        self.next_u64().checked_rem(n).unwrap_or(0)
    }
}

/// The test account `[n; 32]`.
pub fn acc(n: u8) -> AccountId {
    AccountId::from([n; 32])
}

/// A credential registry as a table of who holds a valid credential of `schema`, with the
/// history of each holder's validity by block; asking about another schema is a test failure.
pub struct CredentialTable {
    /// The schema the gate under test must ask about.
    pub schema: [u8; 32],
    holders: RefCell<HashMap<AccountId, Vec<(u32, bool)>>>,
}

impl CredentialTable {
    /// Nobody holds a credential of `schema` yet.
    pub fn new(schema: [u8; 32]) -> Self {
        Self { schema, holders: RefCell::default() }
    }

    /// `who` gets (`true`) or loses a valid credential, as of the start of history.
    pub fn set(&self, who: AccountId, valid: bool) {
        self.holders.borrow_mut().insert(who, vec![(0, valid)]);
    }

    /// `who` gets (`true`) or loses a valid credential from `block` on (later than its previous
    /// change).
    pub fn set_at(&self, who: AccountId, block: u32, valid: bool) {
        self.holders.borrow_mut().entry(who).or_default().push((block, valid));
    }

    fn valid_at(&self, who: AccountId, block: u32) -> bool {
        self.holders.borrow().get(&who).and_then(|h| h.iter().rfind(|(b, _)| *b <= block)).is_some_and(|(_, v)| *v)
    }
}

impl CredentialOracle for CredentialTable {
    fn has_valid_credential(&self, gate: &ComplianceGate, subject: AccountId) -> bool {
        assert_eq!(gate.schema, self.schema, "the gate asks about its configured schema");
        self.valid_at(subject, u32::MAX)
    }

    fn had_valid_credential_at(&self, gate: &ComplianceGate, subject: AccountId, block: u32) -> bool {
        assert_eq!(gate.schema, self.schema, "the gate asks about its configured schema");
        self.valid_at(subject, block)
    }

    fn knows_schema(&self, gate: &ComplianceGate) -> bool {
        gate.schema == self.schema
    }
}

/// No gate is configured, so nobody may be asked: asking is a test failure.
pub struct Ungated;

impl CredentialOracle for Ungated {
    fn has_valid_credential(&self, _: &ComplianceGate, _: AccountId) -> bool {
        panic!("an ungated contract asked the credential registry")
    }

    fn had_valid_credential_at(&self, _: &ComplianceGate, _: AccountId, _: u32) -> bool {
        panic!("an ungated contract asked the credential registry")
    }

    fn knows_schema(&self, _: &ComplianceGate) -> bool {
        panic!("an ungated contract asked the credential registry")
    }
}
