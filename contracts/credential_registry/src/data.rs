//! The credential registry's logic as plain Rust: [`CredentialData`] holds the storage and its
//! methods take the calling context (and a [`DidOracle`] for DID checks) and return the events to
//! emit, or a [`CredentialError`]. The `#[ink::contract]` shell in `lib.rs` supplies the context,
//! the DID registry (through `contract_ref!`) and emits the events.

use ink::prelude::{vec, vec::Vec};
use ink::primitives::AccountId;
use ink::storage::Mapping;
use scale::Encode;
pub use sovra_kit::context::{blake2, Ctx};
use sovra_kit::access::Roles;
use sovra_kit::checkpoints::{log_at, log_push};
use sovra_interfaces::credential::*;
use sovra_interfaces::did::{Authority, DidId, KeyStatus, Relationship};

use crate::events::*;
#[cfg(test)]
#[path = "tests.rs"]
mod tests;

/// The DID registry as the credential registry sees it (the shell calls the real contract; unit
/// tests use a table). Implementations fail closed: an unreachable registry answers "inactive,
/// not authorised".
pub trait DidOracle {
    /// Whether `did` exists and is not deactivated.
    fn is_active(&self, did: DidId) -> bool;
    /// How `account` may act for `did` in `relationship` now, if it may.
    fn authority(&self, did: DidId, account: AccountId, relationship: Relationship) -> Option<Authority>;
    /// Whether `did` is active and since when `key` is compromised.
    fn key_status(&self, did: DidId, key: &Authority) -> KeyStatus;
}

/// A state change an issuer applies to its credentials.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum StateChange {
    /// Suspend with reason (reversible).
    Suspend(Vec<u8>),
    /// Lift a suspension.
    Reinstate,
    /// Revoke with reason (one-way; schema must be revocable).
    Revoke(Vec<u8>),
}

type TrustKey = (SchemaId, DidId);
/// A credential's key: its issuer and its hash.
type CredentialKey = (DidId, CredentialHash);
/// The newest credential an issuer gave a subject account for a schema.
type LatestKey = (AccountId, SchemaId, DidId);
type ListKey = (DidId, ListId);
/// A status-list word (issuer, list, word index) or entry (issuer, list, bit index).
type BitKey = (DidId, ListId, u32);
/// From this block on, these issuers (with their grants' epochs) are trusted (trust log).
type TrustEntry = (u32, Vec<(DidId, u32)>);
/// From this block on, this credential is the newest (latest-credential log).
type LatestEntry = (u32, CredentialHash);
/// From this block on, the credential is revoked or suspended (`true`) or neither (status log).
type StatusLogEntry = (u32, bool);

/// Whether `record` has expired at `now`.
fn expired(record: &CredentialRecord, now: u64) -> bool {
    record.expires_at.is_some_and(|at| now >= at)
}

/// The registry's storage and rules.
use sovra_kit::upgrade::{self, StorageVersion};
pub use sovra_kit::upgrade::{CodeUpgraded, Migrated, UpgradeError};
/// The storage-layout version this code reads and writes (`migrate` moves stored data to it).
pub const STORAGE_VERSION: u32 = 1;

#[ink::storage_item]
#[derive(Debug, Default)]
pub struct CredentialData {
    /// Who holds which role (the `AccessControl` messages reach it directly).
    pub roles: Roles,
    schemas: Mapping<SchemaId, Schema>,
    trusted_lists: Mapping<SchemaId, Vec<DidId>>,
    /// The epoch of the current grant of trust (≥ 1); absent = not trusted.
    trusted: Mapping<TrustKey, u32>,
    last_epoch: u32,
    credentials: Mapping<CredentialKey, CredentialRecord>,
    latest: Mapping<LatestKey, CredentialHash>,
    lists: Mapping<ListKey, StatusList>,
    list_counts: Mapping<DidId, ListId>,
    words: Mapping<BitKey, u128>,
    /// Status-list entries bound to a credential, with the credential.
    entries: Mapping<BitKey, CredentialHash>,
    /// Per schema, the issuers trusted (with their grants' epochs) from each block on: the
    /// trusted set at a past block (`has_valid_credential_at`).
    trust_log: Mapping<(SchemaId, u32), TrustEntry>,
    trust_log_len: Mapping<SchemaId, u32>,
    /// Per (subject account, schema, issuer), the issuer's newest credential issued under
    /// trust, from each block on.
    latest_log: Mapping<(LatestKey, u32), LatestEntry>,
    latest_log_len: Mapping<LatestKey, u32>,
    /// Per credential whose status changed, whether it is revoked or suspended from each block
    /// on (none: neither, since its issuance).
    status_log: Mapping<(CredentialKey, u32), StatusLogEntry>,
    status_log_len: Mapping<CredentialKey, u32>,
    /// The stored layout's version (`STORAGE_VERSION` at construction).
    version: StorageVersion,
}

/// Selective-disclosure leaf: `blake2b-256(0x00 ++ claim_digest)`.
pub fn disclosure_leaf(claim_digest: &[u8; 32]) -> [u8; 32] {
    let mut input = [0u8; 33];
    input[1..].copy_from_slice(claim_digest);
    blake2(&input)
}

/// Selective-disclosure inner node: `blake2b-256(0x01 ++ min(a, b) ++ max(a, b))` (sorted pair,
/// so proofs carry no left/right flags).
pub fn disclosure_node(a: &[u8; 32], b: &[u8; 32]) -> [u8; 32] {
    let (lo, hi) = if a <= b { (a, b) } else { (b, a) };
    let mut input = [0u8; 65];
    input[0] = 1;
    input[1..33].copy_from_slice(lo);
    input[33..].copy_from_slice(hi);
    blake2(&input)
}

/// The digest of one disclosed claim, as issuers compute it off-chain:
/// `blake2b-256(salt ++ SCALE(name) ++ SCALE(value))` with a fresh 16-byte salt per claim.
pub fn claim_digest(salt: &[u8; 16], name: &[u8], value: &[u8]) -> [u8; 32] {
    blake2(&(salt, name, value).encode())
}

/// Builds the claims tree over `digests` as `docs/selective-disclosure.md` specifies (leaves in
/// order, sorted-pair nodes level by level, an odd last node promoted) and returns the root and
/// each claim's proof. Off-chain helper for issuers and tests (std only). Panics on no digests.
#[cfg(feature = "std")]
#[allow(clippy::arithmetic_side_effects, clippy::indexing_slicing)]
pub fn claims_tree(digests: &[[u8; 32]]) -> ([u8; 32], Vec<Vec<[u8; 32]>>) {
    assert!(!digests.is_empty(), "a claims tree needs at least one claim");
    let mut level: Vec<[u8; 32]> = digests.iter().map(disclosure_leaf).collect();
    let mut positions: Vec<usize> = (0..digests.len()).collect();
    let mut proofs = vec![Vec::new(); digests.len()];
    while level.len() > 1 {
        for (leaf, position) in positions.iter_mut().enumerate() {
            let sibling = *position ^ 1;
            if sibling < level.len() {
                proofs[leaf].push(level[sibling]);
            }
            *position /= 2;
        }
        level = level
            .chunks(2)
            .map(|pair| if pair.len() == 2 { disclosure_node(&pair[0], &pair[1]) } else { pair[0] })
            .collect();
    }
    (level[0], proofs)
}

/// Checks a batch: 1..=`max` items (else `err`) and no item twice (`DuplicateInBatch`).
fn check_batch<T: PartialEq>(items: &[T], max: u32, err: CredentialError) -> Result<(), CredentialError> {
    if items.is_empty() || items.len() > max as usize {
        return Err(err);
    }
    for (i, item) in items.iter().enumerate() {
        if items.get(..i).is_some_and(|before| before.contains(item)) {
            return Err(CredentialError::DuplicateInBatch);
        }
    }
    Ok(())
}

fn check_reason(reason: &[u8]) -> Result<(), CredentialError> {
    if reason.len() > MAX_REASON_LEN as usize {
        Err(CredentialError::ReasonTooLong)
    } else {
        Ok(())
    }
}

impl CredentialData {
    // ------------------------------------------------------------------ upgrades

    /// The stored layout's version.
    pub fn storage_version(&self) -> u32 {
        self.version.get()
    }

    /// The admin replaces the running code (`sovra_kit::upgrade::set_code`). Errors:
    /// `MissingRole`, `CodeNotFound`.
    pub fn set_code(&self, ctx: &Ctx, code_hash: ink::primitives::Hash) -> Result<Vec<CredentialEvent>, UpgradeError> {
        Ok(vec![CredentialEvent::CodeUpgraded(upgrade::set_code(&self.roles, ctx.caller, code_hash)?)])
    }

    /// The admin migrates the stored layout to [`STORAGE_VERSION`] (the first layout: nothing
    /// to step from yet). Errors: `MissingRole`, `MigrationFailed`.
    pub fn migrate(&mut self, ctx: &Ctx) -> Result<Vec<CredentialEvent>, UpgradeError> {
        let migrated = upgrade::migrate(&self.roles, &mut self.version, ctx.caller, STORAGE_VERSION, upgrade::no_steps)?;
        Ok(vec![CredentialEvent::Migrated(migrated)])
    }

    // ------------------------------------------------------------------ access control
    // The shared role model (`sovra_kit::access`).

    /// Gives `admin` the default-admin and trust-admin roles (constructor).
    pub fn init(&mut self, admin: AccountId) -> Vec<CredentialEvent> {
        self.version.set(STORAGE_VERSION);
        self.roles.init(admin, CREDENTIAL_REGISTRY_ROLES)
    }

    fn require_role(&self, role: RoleId, account: AccountId) -> Result<(), CredentialError> {
        Ok(self.roles.require(role, account)?)
    }




    /// Admits pointing the registry from the DID registry `previous` to `new`: the caller needs
    /// `DEFAULT_ADMIN_ROLE`, and `new` must differ (`SameDidRegistry` otherwise).
    pub fn change_did_registry(&self, ctx: &Ctx, previous: AccountId, new: AccountId) -> Result<Vec<CredentialEvent>, CredentialError> {
        self.require_role(DEFAULT_ADMIN_ROLE, ctx.caller)?;
        if previous == new {
            return Err(CredentialError::SameDidRegistry);
        }
        Ok(vec![CredentialEvent::DidRegistryChanged(DidRegistryChanged { previous, new, by: ctx.caller })])
    }





    // ------------------------------------------------------------------ schemas & trust

    /// The id of a schema: `blake2b-256(SCALE((schema_hash, name, uri, revocable)))` — it
    /// covers everything users are shown, so nobody can pre-register another name or URI for
    /// a schema document.
    pub fn schema_id(schema_hash: &[u8; 32], name: &[u8], uri: &[u8], revocable: bool) -> SchemaId {
        blake2(&(schema_hash, name, uri, revocable).encode())
    }

    /// Registers a schema; anyone may. Errors: `InvalidSchemaName`, `SchemaUriTooLong`,
    /// `SchemaExists`.
    pub fn register_schema(
        &mut self,
        ctx: &Ctx,
        schema_hash: [u8; 32],
        name: Vec<u8>,
        uri: Vec<u8>,
        revocable: bool,
    ) -> Result<(SchemaId, Vec<CredentialEvent>), CredentialError> {
        if name.is_empty() || name.len() > MAX_SCHEMA_NAME_LEN as usize {
            return Err(CredentialError::InvalidSchemaName);
        }
        if uri.len() > MAX_SCHEMA_URI_LEN as usize {
            return Err(CredentialError::SchemaUriTooLong);
        }
        let id = Self::schema_id(&schema_hash, &name, &uri, revocable);
        if self.schemas.contains(id) {
            return Err(CredentialError::SchemaExists);
        }
        let event = CredentialEvent::SchemaRegistered(SchemaRegistered {
            schema: id,
            registrant: ctx.caller,
            schema_hash,
            name: name.clone(),
            uri: uri.clone(),
            revocable,
        });
        self.schemas.insert(
            id,
            &Schema { schema_hash, name, uri, revocable, registrant: ctx.caller, registered_block: ctx.block },
        );
        Ok((id, vec![event]))
    }

    /// The schema `id`, if registered.
    pub fn schema(&self, id: SchemaId) -> Option<Schema> {
        self.schemas.get(id)
    }

    /// Whether `id` is registered (one storage lookup, nothing decoded).
    pub fn has_schema(&self, id: SchemaId) -> bool {
        self.schemas.contains(id)
    }

    /// Trusts `issuer` for `schema` under a new grant (epoch); the caller needs
    /// `TRUST_ADMIN_ROLE`. Credentials the issuer anchored before this grant do not become
    /// valid through it. Errors: `MissingRole`, `SchemaNotFound`, `AlreadyTrusted`,
    /// `TooManyTrustedIssuers`, `Overflow`.
    pub fn add_trusted_issuer(&mut self, ctx: &Ctx, schema: SchemaId, issuer: DidId) -> Result<Vec<CredentialEvent>, CredentialError> {
        self.require_role(TRUST_ADMIN_ROLE, ctx.caller)?;
        if !self.schemas.contains(schema) {
            return Err(CredentialError::SchemaNotFound);
        }
        if self.trusted.contains((schema, issuer)) {
            return Err(CredentialError::AlreadyTrusted);
        }
        let mut list = self.trusted_lists.get(schema).unwrap_or_default();
        if list.len() >= MAX_TRUSTED_ISSUERS as usize {
            return Err(CredentialError::TooManyTrustedIssuers);
        }
        let epoch = self.last_epoch.checked_add(1).ok_or(CredentialError::Overflow)?;
        self.last_epoch = epoch;
        list.push(issuer);
        self.trusted_lists.insert(schema, &list);
        self.trusted.insert((schema, issuer), &epoch);
        self.log_trust(ctx.block, schema, issuer, Some(epoch))?;
        Ok(vec![CredentialEvent::TrustedIssuerAdded(TrustedIssuerAdded { schema, issuer, epoch })])
    }

    /// Stops trusting `issuer` for `schema`; the caller needs `TRUST_ADMIN_ROLE`. Errors:
    /// `MissingRole`, `NotTrusted`.
    pub fn remove_trusted_issuer(&mut self, ctx: &Ctx, schema: SchemaId, issuer: DidId) -> Result<Vec<CredentialEvent>, CredentialError> {
        self.require_role(TRUST_ADMIN_ROLE, ctx.caller)?;
        if !self.trusted.contains((schema, issuer)) {
            return Err(CredentialError::NotTrusted);
        }
        let mut list = self.trusted_lists.get(schema).unwrap_or_default();
        list.retain(|d| *d != issuer);
        self.trusted_lists.insert(schema, &list);
        self.trusted.remove((schema, issuer));
        self.log_trust(ctx.block, schema, issuer, None)?;
        Ok(vec![CredentialEvent::TrustedIssuerRemoved(TrustedIssuerRemoved { schema, issuer })])
    }

    /// Records the schema's trusted set from `block` on: the latest one with `issuer` now
    /// trusted under grant `epoch` (`Some`, appended as the trusted list appends) or no longer
    /// trusted (`None`). Built from the previous entry, which holds every other issuer's grant.
    fn log_trust(&mut self, block: u32, schema: SchemaId, issuer: DidId, epoch: Option<u32>) -> Result<(), CredentialError> {
        let mut issuers = log_at(&self.trust_log_len, &self.trust_log, schema, u32::MAX).unwrap_or_default();
        issuers.retain(|(trusted, _)| *trusted != issuer);
        issuers.extend(epoch.map(|epoch| (issuer, epoch)));
        log_push(&mut self.trust_log_len, &mut self.trust_log, schema, block, issuers).map_err(|_| CredentialError::Overflow)
    }

    /// Whether `issuer` is trusted for `schema`.
    pub fn is_trusted(&self, schema: SchemaId, issuer: DidId) -> bool {
        self.trusted.contains((schema, issuer))
    }

    /// The issuers trusted for `schema`, in the order they were added.
    pub fn trusted_issuers(&self, schema: SchemaId) -> Vec<DidId> {
        self.trusted_lists.get(schema).unwrap_or_default()
    }

    // ------------------------------------------------------------------ credentials

    fn authorize_issuer(&self, ctx: &Ctx, dids: &impl DidOracle, issuer: DidId) -> Result<Authority, CredentialError> {
        match dids.authority(issuer, ctx.caller, Relationship::AssertionMethod) {
            Some(authority) => Ok(authority),
            None if !dids.is_active(issuer) => Err(CredentialError::IssuerInactive),
            None => Err(CredentialError::NotAuthorizedForIssuer),
        }
    }

    /// Checks that `entry` is a free entry of one of `issuer`'s lists with `purpose`: the list
    /// exists and fits, the index is in range, bound to no credential, and its bit is clear.
    fn check_free_entry(&self, issuer: DidId, entry: StatusEntry, purpose: StatusPurpose) -> Result<(), CredentialError> {
        let header = self.lists.get((issuer, entry.list)).ok_or(CredentialError::ListNotFound)?;
        if header.purpose != purpose {
            return Err(CredentialError::WrongListPurpose);
        }
        if entry.index >= header.size {
            return Err(CredentialError::IndexOutOfRange);
        }
        if self.entries.contains((issuer, entry.list, entry.index)) || self.bit(issuer, entry) {
            return Err(CredentialError::EntryInUse);
        }
        Ok(())
    }

    /// Anchors the credential `request.credential` under `issuer`; the caller must be authorised
    /// for the issuer DID with `assertionMethod` (the authorising key is recorded). Errors:
    /// `IssuerInactive`, `NotAuthorizedForIssuer`, `SchemaNotFound`, `MissingSubject`,
    /// `InvalidExpiry`, `CredentialExists`, `NotRevocable` (revocation entry on a
    /// non-revocable schema), `ListNotFound`, `WrongListPurpose`, `IndexOutOfRange`,
    /// `EntryInUse`.
    pub fn issue(&mut self, ctx: &Ctx, dids: &impl DidOracle, issuer: DidId, request: IssueRequest) -> Result<Vec<CredentialEvent>, CredentialError> {
        let issued_by = self.authorize_issuer(ctx, dids, issuer)?;
        let schema = self.schemas.get(request.schema).ok_or(CredentialError::SchemaNotFound)?;
        if request.subject_account.is_none() && request.subject_did.is_none() {
            return Err(CredentialError::MissingSubject);
        }
        if request.expires_at.is_some_and(|at| at <= ctx.now) {
            return Err(CredentialError::InvalidExpiry);
        }
        let key = (issuer, request.credential);
        if self.credentials.contains(key) {
            return Err(CredentialError::CredentialExists);
        }
        if let Some(entry) = request.revocation {
            if !schema.revocable {
                return Err(CredentialError::NotRevocable);
            }
            self.check_free_entry(issuer, entry, StatusPurpose::Revocation)?;
        }
        if let Some(entry) = request.suspension {
            self.check_free_entry(issuer, entry, StatusPurpose::Suspension)?;
        }
        for entry in request.revocation.iter().chain(request.suspension.iter()) {
            self.entries.insert((issuer, entry.list, entry.index), &request.credential);
        }
        let trust_epoch = self.trusted.get((request.schema, issuer)).unwrap_or(0);
        self.credentials.insert(
            key,
            &CredentialRecord {
                schema: request.schema,
                subject_account: request.subject_account,
                subject_did: request.subject_did,
                issued_at: ctx.now,
                issued_block: ctx.block,
                expires_at: request.expires_at,
                claims_root: request.claims_root,
                issued_by: issued_by.clone(),
                trust_epoch,
                revocation: request.revocation,
                suspension: request.suspension,
                state: CredentialState::Active,
            },
        );
        // The issuer's newest credential for (subject, schema) is the one `has_valid_credential`
        // looks at for that issuer; one issued without trust can never count, so it is skipped.
        if let (Some(account), true) = (request.subject_account, trust_epoch != 0) {
            let key = (account, request.schema, issuer);
            self.latest.insert(key, &request.credential);
            log_push(&mut self.latest_log_len, &mut self.latest_log, key, ctx.block, request.credential).map_err(|_| CredentialError::Overflow)?;
        }
        Ok(vec![CredentialEvent::Issued(CredentialIssued {
            issuer,
            credential: request.credential,
            subject_account: request.subject_account,
            schema: request.schema,
            subject_did: request.subject_did,
            issued_by,
            expires_at: request.expires_at,
            claims_root: request.claims_root,
            revocation: request.revocation,
            suspension: request.suspension,
        })])
    }

    /// Applies `change` to each of `credentials` (1..=`MAX_BATCH`, no duplicates) of `issuer`;
    /// the caller must be authorised for `issuer` with `assertionMethod`. All or nothing. The
    /// bits of bound status-list entries follow (revoke sets the revocation bit, suspend sets
    /// and reinstate clears the suspension bit). Errors: `InvalidBatchSize`,
    /// `DuplicateInBatch`, `ReasonTooLong`, `IssuerInactive`, `NotAuthorizedForIssuer`,
    /// `CredentialNotFound`, `AlreadyRevoked`, `NotRevocable`, `AlreadySuspended`,
    /// `NotSuspended`.
    pub fn change_state(
        &mut self,
        ctx: &Ctx,
        dids: &impl DidOracle,
        issuer: DidId,
        credentials: &[CredentialHash],
        change: StateChange,
    ) -> Result<Vec<CredentialEvent>, CredentialError> {
        check_batch(credentials, MAX_BATCH, CredentialError::InvalidBatchSize)?;
        if let StateChange::Suspend(reason) | StateChange::Revoke(reason) = &change {
            check_reason(reason)?;
        }
        self.authorize_issuer(ctx, dids, issuer)?;
        let mut updated = Vec::with_capacity(credentials.len());
        // (list, indices) whose bits the change sets (or, for reinstate, clears).
        let mut bits: Vec<(ListId, Vec<u32>)> = Vec::new();
        // credentials whose change writes no bound bit
        let mut unbound = Vec::new();
        for id in credentials {
            let mut record = self.credentials.get((issuer, *id)).ok_or(CredentialError::CredentialNotFound)?;
            let (revoked, suspended) = self.flags(issuer, &record);
            if revoked {
                return Err(CredentialError::AlreadyRevoked);
            }
            let (state, entry) = match &change {
                StateChange::Revoke(reason) => {
                    if !self.schemas.get(record.schema).is_some_and(|s| s.revocable) {
                        return Err(CredentialError::NotRevocable);
                    }
                    (CredentialState::Revoked(reason.clone()), record.revocation)
                }
                StateChange::Suspend(reason) => {
                    if suspended {
                        return Err(CredentialError::AlreadySuspended);
                    }
                    (CredentialState::Suspended(reason.clone()), record.suspension)
                }
                StateChange::Reinstate => {
                    if !suspended {
                        return Err(CredentialError::NotSuspended);
                    }
                    (CredentialState::Active, record.suspension)
                }
            };
            match entry {
                Some(entry) => match bits.iter_mut().find(|(list, _)| *list == entry.list) {
                    Some((_, indices)) => indices.push(entry.index),
                    None => bits.push((entry.list, vec![entry.index])),
                },
                // (a bound entry's write logs the status; this one is logged below)
                None => unbound.push(*id),
            }
            record.state = state;
            updated.push((*id, record));
        }
        let value = !matches!(change, StateChange::Reinstate);
        let mut events: Vec<CredentialEvent> = updated
            .into_iter()
            .map(|(id, record)| {
                self.credentials.insert((issuer, id), &record);
                CredentialEvent::StateChanged(CredentialStateChanged { issuer, credential: id, state: record.state })
            })
            .collect();
        for (list, indices) in bits {
            self.write_bits(ctx, issuer, list, &indices, value)?;
            events.push(CredentialEvent::ListUpdated(StatusListUpdated { issuer, list, indices, value }));
        }
        for id in unbound {
            self.log_status(ctx.block, issuer, id)?;
        }
        Ok(events)
    }

    /// The anchored record of `credential` under `issuer`, if any.
    pub fn credential(&self, issuer: DidId, credential: CredentialHash) -> Option<CredentialRecord> {
        self.credentials.get((issuer, credential))
    }

    /// Whether the record is (revoked, suspended) now: the record's own state, or for a purpose
    /// bound to a status-list entry, that entry's bit (revocation also counts from the record,
    /// which only ever moves towards revoked).
    fn flags(&self, issuer: DidId, record: &CredentialRecord) -> (bool, bool) {
        let revoked = matches!(record.state, CredentialState::Revoked(_))
            || record.revocation.is_some_and(|e| self.bit(issuer, e));
        let suspended = match record.suspension {
            Some(entry) => self.bit(issuer, entry),
            None => matches!(record.state, CredentialState::Suspended(_)),
        };
        (revoked, suspended)
    }

    /// The status of `credential` of `issuer` (see [`CredentialStatus`]).
    pub fn verify(&self, dids: &impl DidOracle, issuer: DidId, credential: CredentialHash, now: u64) -> CredentialStatus {
        match self.credentials.get((issuer, credential)) {
            None => CredentialStatus::Unknown,
            Some(record) => self.status_of(dids, issuer, &record, now),
        }
    }

    /// Checked in this order, storage first and the DID registry last: revoked, suspended,
    /// expired, issuer not trusted (under the grant it issued with), issuer DID deactivated,
    /// issuing key compromised at or before issuance.
    fn status_of(&self, dids: &impl DidOracle, issuer: DidId, record: &CredentialRecord, now: u64) -> CredentialStatus {
        let reason = match &record.state {
            CredentialState::Revoked(reason) | CredentialState::Suspended(reason) => reason.clone(),
            CredentialState::Active => Vec::new(),
        };
        let (revoked, suspended) = self.flags(issuer, record);
        if revoked {
            return CredentialStatus::Revoked(if matches!(record.state, CredentialState::Revoked(_)) { reason } else { Vec::new() });
        }
        if suspended {
            return CredentialStatus::Suspended(reason);
        }
        if expired(record, now) {
            return CredentialStatus::Expired;
        }
        if record.trust_epoch == 0 || self.trusted.get((record.schema, issuer)) != Some(record.trust_epoch) {
            return CredentialStatus::IssuerNotTrusted;
        }
        Self::issuing_key_status(dids, issuer, record)
    }

    /// What the DID registry says now of the key that issued `record`: `IssuerDeactivated`,
    /// `IssuerKeyCompromised` (at or before issuance), else `Valid`.
    fn issuing_key_status(dids: &impl DidOracle, issuer: DidId, record: &CredentialRecord) -> CredentialStatus {
        let key = dids.key_status(issuer, &record.issued_by);
        if !key.did_active {
            CredentialStatus::IssuerDeactivated
        } else if key.compromised_since.is_some_and(|since| record.issued_at >= since) {
            CredentialStatus::IssuerKeyCompromised
        } else {
            CredentialStatus::Valid
        }
    }

    /// Whether some issuer trusted for `schema` now gave `subject` a credential of the schema
    /// that is valid now (each issuer's newest one for the subject counts). Bounded by the
    /// schema's trusted issuers, never by the number of credentials; the DID registry is asked
    /// only about candidates that pass every storage check.
    pub fn has_valid_credential(&self, dids: &impl DidOracle, subject: AccountId, schema: SchemaId, now: u64) -> bool {
        self.trusted_issuers(schema).into_iter().any(|issuer| {
            self.latest
                .get((subject, schema, issuer))
                .and_then(|hash| self.credentials.get((issuer, hash)))
                .is_some_and(|record| self.status_of(dids, issuer, &record, now) == CredentialStatus::Valid)
        })
    }

    /// Whether `subject` was a member at the end of `block`: some issuer trusted for `schema`
    /// then (read from the trust log) had then, as its newest credential for the subject issued
    /// under trust, one issued under the grant in force then, neither revoked nor suspended
    /// then. Judged now instead (no history of them exists on chain): expiry, the issuer DID
    /// being deactivated, and the issuing key marked compromised (retroactive by design). Cost:
    /// O(log n) reads per issuer trusted then (n = that history's length), bounded by
    /// `MAX_TRUSTED_ISSUERS`; the DID registry is asked only about a candidate that passes.
    pub fn has_valid_credential_at(&self, dids: &impl DidOracle, subject: AccountId, schema: SchemaId, block: u32, now: u64) -> bool {
        let Some(trusted) = log_at(&self.trust_log_len, &self.trust_log, schema, block) else {
            return false;
        };
        trusted.iter().any(|&(issuer, epoch)| {
            let Some(credential) = log_at(&self.latest_log_len, &self.latest_log, (subject, schema, issuer), block) else {
                return false;
            };
            let Some(record) = self.credentials.get((issuer, credential)) else {
                return false;
            };
            let blocked = log_at(&self.status_log_len, &self.status_log, (issuer, credential), block).unwrap_or(false);
            record.trust_epoch == epoch
                && !blocked
                && !expired(&record, now)
                && Self::issuing_key_status(dids, issuer, &record) == CredentialStatus::Valid
        })
    }

    /// A holder's presentation of one claim of `credential` (of `issuer`): the claim's digest
    /// is computed here from (salt, name, value) and checked against the claims root with
    /// `proof` (sibling hashes, leaf to root), and the credential's status is returned with
    /// the verdict. The caller must be the subject account, or be authorised
    /// (`authentication`) by the subject DID: a presentation seen in public calldata cannot be
    /// replayed by anyone else. Errors: `ProofTooLong`, `ClaimTooLong`, `CredentialNotFound`,
    /// `NotHolder`, `NoCommitment`.
    pub fn verify_presentation(
        &self,
        ctx: &Ctx,
        dids: &impl DidOracle,
        issuer: DidId,
        credential: CredentialHash,
        claim: &Claim,
        proof: &[[u8; 32]],
    ) -> Result<Presentation, CredentialError> {
        if proof.len() > MAX_PROOF_LEN as usize {
            return Err(CredentialError::ProofTooLong);
        }
        if claim.name.len() > MAX_CLAIM_NAME_LEN as usize || claim.value.len() > MAX_CLAIM_VALUE_LEN as usize {
            return Err(CredentialError::ClaimTooLong);
        }
        let record = self.credentials.get((issuer, credential)).ok_or(CredentialError::CredentialNotFound)?;
        let holder = record.subject_account == Some(ctx.caller)
            || record
                .subject_did
                .is_some_and(|did| dids.authority(did, ctx.caller, Relationship::Authentication).is_some());
        if !holder {
            return Err(CredentialError::NotHolder);
        }
        let root = record.claims_root.ok_or(CredentialError::NoCommitment)?;
        let leaf = disclosure_leaf(&claim_digest(&claim.salt, &claim.name, &claim.value));
        let computed = proof.iter().fold(leaf, |node, sibling| disclosure_node(&node, sibling));
        Ok(Presentation { status: self.status_of(dids, issuer, &record, ctx.now), claim_valid: computed == root })
    }

    // ------------------------------------------------------------------ status lists

    /// Creates the next bitstring status list of `issuer` (numbered from 0 per issuer); the
    /// caller must be authorised for it with `assertionMethod`. `size` must be a multiple of
    /// `STATUS_WORD_BITS`, at most `MAX_STATUS_LIST_SIZE`, and at least `MIN_STATUS_LIST_SIZE`
    /// unless `allow_small` (which weakens herd privacy). Errors: `IssuerInactive`,
    /// `NotAuthorizedForIssuer`, `InvalidListSize`, `Overflow`.
    pub fn create_status_list(
        &mut self,
        ctx: &Ctx,
        dids: &impl DidOracle,
        issuer: DidId,
        purpose: StatusPurpose,
        size: u32,
        allow_small: bool,
    ) -> Result<(ListId, Vec<CredentialEvent>), CredentialError> {
        self.authorize_issuer(ctx, dids, issuer)?;
        if size == 0
            || size % STATUS_WORD_BITS != 0
            || size > MAX_STATUS_LIST_SIZE
            || (size < MIN_STATUS_LIST_SIZE && !allow_small)
        {
            return Err(CredentialError::InvalidListSize);
        }
        let id = self.list_counts.get(issuer).unwrap_or(0);
        self.list_counts.insert(issuer, &id.checked_add(1).ok_or(CredentialError::Overflow)?);
        self.lists.insert(
            (issuer, id),
            &StatusList { purpose, size, created_block: ctx.block, updated_block: ctx.block },
        );
        Ok((id, vec![CredentialEvent::ListCreated(StatusListCreated { issuer, list: id, purpose, size })]))
    }

    /// Sets (`value = true`) or clears the bits at `indices` (1..=`MAX_STATUS_UPDATES`, no
    /// duplicates) of `issuer`'s `list`. Caller: authorised for `issuer` with
    /// `assertionMethod`. A bit bound to a credential changes that credential's status.
    /// Errors: `InvalidUpdateSize`, `DuplicateInBatch`, `ListNotFound`, `IssuerInactive`,
    /// `NotAuthorizedForIssuer`, `IndexOutOfRange`, `RevocationIsPermanent`.
    pub fn update_status_list(
        &mut self,
        ctx: &Ctx,
        dids: &impl DidOracle,
        issuer: DidId,
        list: ListId,
        indices: Vec<u32>,
        value: bool,
    ) -> Result<Vec<CredentialEvent>, CredentialError> {
        check_batch(&indices, MAX_STATUS_UPDATES, CredentialError::InvalidUpdateSize)?;
        if !self.lists.contains((issuer, list)) {
            return Err(CredentialError::ListNotFound);
        }
        self.authorize_issuer(ctx, dids, issuer)?;
        self.write_bits(ctx, issuer, list, &indices, value)?;
        Ok(vec![CredentialEvent::ListUpdated(StatusListUpdated { issuer, list, indices, value })])
    }

    /// Sets or clears `indices` of the list, reading and writing each touched word once.
    fn write_bits(&mut self, ctx: &Ctx, issuer: DidId, list: ListId, indices: &[u32], value: bool) -> Result<(), CredentialError> {
        let mut header = self.lists.get((issuer, list)).ok_or(CredentialError::ListNotFound)?;
        if !value && header.purpose == StatusPurpose::Revocation {
            return Err(CredentialError::RevocationIsPermanent);
        }
        let mut words: Vec<(u32, u128)> = Vec::new();
        for &index in indices {
            if index >= header.size {
                return Err(CredentialError::IndexOutOfRange);
            }
            let word_index = index / STATUS_WORD_BITS;
            let mask = 1u128 << (index % STATUS_WORD_BITS);
            let position = match words.iter().position(|(w, _)| *w == word_index) {
                Some(position) => position,
                None => {
                    words.push((word_index, self.words.get((issuer, list, word_index)).unwrap_or(0)));
                    words.len().saturating_sub(1)
                }
            };
            if let Some((_, word)) = words.get_mut(position) {
                if value {
                    *word |= mask;
                } else {
                    *word &= !mask;
                }
            }
        }
        for (word_index, word) in words {
            if word == 0 {
                self.words.remove((issuer, list, word_index));
            } else {
                self.words.insert((issuer, list, word_index), &word);
            }
        }
        header.updated_block = ctx.block;
        self.lists.insert((issuer, list), &header);
        // a bit bound to a credential is its status: log it from this block on
        for &index in indices {
            if let Some(credential) = self.entries.get((issuer, list, index)) {
                self.log_status(ctx.block, issuer, credential)?;
            }
        }
        Ok(())
    }

    /// Records whether `credential` of `issuer` is revoked or suspended from `block` on (its
    /// record and bits as they are now).
    fn log_status(&mut self, block: u32, issuer: DidId, credential: CredentialHash) -> Result<(), CredentialError> {
        let Some(record) = self.credentials.get((issuer, credential)) else {
            return Ok(());
        };
        let (revoked, suspended) = self.flags(issuer, &record);
        log_push(&mut self.status_log_len, &mut self.status_log, (issuer, credential), block, revoked || suspended)
            .map_err(|_| CredentialError::Overflow)
    }

    fn bit(&self, issuer: DidId, entry: StatusEntry) -> bool {
        let word = self.words.get((issuer, entry.list, entry.index / STATUS_WORD_BITS)).unwrap_or(0);
        word & (1u128 << (entry.index % STATUS_WORD_BITS)) != 0
    }

    /// The header of `issuer`'s `list` and whether the issuer DID is still active.
    pub fn status_list(&self, dids: &impl DidOracle, issuer: DidId, list: ListId) -> Option<StatusListView> {
        let header = self.lists.get((issuer, list))?;
        Some(StatusListView { list: header, issuer_active: dids.is_active(issuer) })
    }

    /// The bit at `index` of `issuer`'s `list`. Errors: `ListNotFound`, `IndexOutOfRange`.
    pub fn status_bit(&self, issuer: DidId, list: ListId, index: u32) -> Result<bool, CredentialError> {
        let header = self.lists.get((issuer, list)).ok_or(CredentialError::ListNotFound)?;
        if index >= header.size {
            return Err(CredentialError::IndexOutOfRange);
        }
        Ok(self.bit(issuer, StatusEntry { list, index }))
    }

    /// `count` (1..=`MAX_WORDS_PER_READ`) consecutive 128-bit words of `issuer`'s `list` from
    /// word `start` (bit `i` of the list is bit `i % 128` of word `i / 128`). Errors:
    /// `ListNotFound`, `InvalidUpdateSize`, `IndexOutOfRange`.
    pub fn status_list_words(&self, issuer: DidId, list: ListId, start: u32, count: u32) -> Result<Vec<u128>, CredentialError> {
        let header = self.lists.get((issuer, list)).ok_or(CredentialError::ListNotFound)?;
        if count == 0 || count > MAX_WORDS_PER_READ {
            return Err(CredentialError::InvalidUpdateSize);
        }
        let end = start.checked_add(count).ok_or(CredentialError::IndexOutOfRange)?;
        if end > header.size / STATUS_WORD_BITS {
            return Err(CredentialError::IndexOutOfRange);
        }
        Ok((start..end).map(|w| self.words.get((issuer, list, w)).unwrap_or(0)).collect())
    }
}
