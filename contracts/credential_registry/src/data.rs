//! The credential registry's logic as plain Rust: [`CredentialData`] holds the storage and its
//! methods take the calling context (and a [`DidOracle`] for DID checks) and return the events to
//! emit, or a [`CredentialError`]. The `#[ink::contract]` shell in `lib.rs` supplies the context,
//! the DID registry (through `contract_ref!`) and emits the events.

use ink::prelude::vec::Vec;
use ink::primitives::AccountId;
use ink::storage::Mapping;
use scale::Encode;
pub use sovra_traits::context::{blake2, Ctx};
use sovra_traits::credential::*;
use sovra_traits::did::{DidId, Relationship};

#[cfg(test)]
#[path = "tests.rs"]
mod tests;

/// The DID registry as the credential registry sees it (the shell calls the real contract; unit
/// tests use a table). Implementations fail closed: an unreachable registry answers `false`.
pub trait DidOracle {
    /// Whether `did` exists and is not deactivated.
    fn is_active(&self, did: DidId) -> bool;
    /// Whether `account` may act for `did` in `relationship` now.
    fn is_authorized(&self, did: DidId, account: AccountId, relationship: Relationship) -> bool;
}

/// An event the shell must emit.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum CredentialEvent {
    SchemaRegistered(SchemaRegistered),
    TrustedIssuerAdded(TrustedIssuerAdded),
    TrustedIssuerRemoved(TrustedIssuerRemoved),
    Issued(CredentialIssued),
    StateChanged(CredentialStateChanged),
    ListCreated(StatusListCreated),
    ListUpdated(StatusListUpdated),
    RoleGranted(RoleGranted),
    RoleRevoked(RoleRevoked),
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

type RoleKey = (RoleId, AccountId);
type TrustKey = (SchemaId, DidId);
type SubjectKey = (AccountId, SchemaId);
type WordKey = (ListId, u32);

/// The registry's storage and rules.
#[ink::storage_item]
#[derive(Debug, Default)]
pub struct CredentialData {
    roles: Mapping<RoleKey, ()>,
    schemas: Mapping<SchemaId, Schema>,
    trusted_lists: Mapping<SchemaId, Vec<DidId>>,
    trusted: Mapping<TrustKey, ()>,
    credentials: Mapping<CredentialId, CredentialRecord>,
    latest: Mapping<SubjectKey, CredentialId>,
    lists: Mapping<ListId, StatusList>,
    words: Mapping<WordKey, u128>,
    next_list: ListId,
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
    let mut proofs = ink::prelude::vec![Vec::new(); digests.len()];
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

fn check_batch(len: usize, max: u32, err: CredentialError) -> Result<(), CredentialError> {
    if len == 0 || len > max as usize {
        Err(err)
    } else {
        Ok(())
    }
}

fn check_reason(reason: &[u8]) -> Result<(), CredentialError> {
    if reason.len() > MAX_REASON_LEN as usize {
        Err(CredentialError::ReasonTooLong)
    } else {
        Ok(())
    }
}

impl CredentialData {
    // ------------------------------------------------------------------ access control

    /// Gives `admin` the default-admin and trust-admin roles (constructor).
    pub fn init(&mut self, admin: AccountId) -> Vec<CredentialEvent> {
        [DEFAULT_ADMIN_ROLE, TRUST_ADMIN_ROLE]
            .into_iter()
            .filter_map(|role| self.grant(role, admin, admin))
            .collect()
    }

    fn grant(&mut self, role: RoleId, account: AccountId, sender: AccountId) -> Option<CredentialEvent> {
        if self.roles.contains((role, account)) {
            return None;
        }
        self.roles.insert((role, account), &());
        Some(CredentialEvent::RoleGranted(RoleGranted { role, account, sender }))
    }

    fn revoke(&mut self, role: RoleId, account: AccountId, sender: AccountId) -> Option<CredentialEvent> {
        if !self.roles.contains((role, account)) {
            return None;
        }
        self.roles.remove((role, account));
        Some(CredentialEvent::RoleRevoked(RoleRevoked { role, account, sender }))
    }

    fn require_role(&self, role: RoleId, account: AccountId) -> Result<(), CredentialError> {
        if self.has_role(role, account) {
            Ok(())
        } else {
            Err(CredentialError::MissingRole)
        }
    }

    /// Whether `account` holds `role`.
    pub fn has_role(&self, role: RoleId, account: AccountId) -> bool {
        self.roles.contains((role, account))
    }

    /// Grants `role` to `account`; the caller needs `DEFAULT_ADMIN_ROLE`. No event if held.
    pub fn grant_role(&mut self, ctx: &Ctx, role: RoleId, account: AccountId) -> Result<Vec<CredentialEvent>, CredentialError> {
        self.require_role(DEFAULT_ADMIN_ROLE, ctx.caller)?;
        Ok(self.grant(role, account, ctx.caller).into_iter().collect())
    }

    /// Revokes `role` from `account`; the caller needs `DEFAULT_ADMIN_ROLE`. No event if not held.
    pub fn revoke_role(&mut self, ctx: &Ctx, role: RoleId, account: AccountId) -> Result<Vec<CredentialEvent>, CredentialError> {
        self.require_role(DEFAULT_ADMIN_ROLE, ctx.caller)?;
        Ok(self.revoke(role, account, ctx.caller).into_iter().collect())
    }

    /// The caller gives up `role`. Fails with `MissingRole` if it does not hold it.
    pub fn renounce_role(&mut self, ctx: &Ctx, role: RoleId) -> Result<Vec<CredentialEvent>, CredentialError> {
        self.require_role(role, ctx.caller)?;
        Ok(self.revoke(role, ctx.caller, ctx.caller).into_iter().collect())
    }

    // ------------------------------------------------------------------ schemas & trust

    /// The id of a schema: `blake2b-256(SCALE((schema_hash, revocable)))`.
    pub fn schema_id(schema_hash: &[u8; 32], revocable: bool) -> SchemaId {
        blake2(&(schema_hash, revocable).encode())
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
        let id = Self::schema_id(&schema_hash, revocable);
        if self.schemas.contains(id) {
            return Err(CredentialError::SchemaExists);
        }
        let event = CredentialEvent::SchemaRegistered(SchemaRegistered {
            schema: id,
            registrant: ctx.caller,
            name: name.clone(),
            revocable,
        });
        self.schemas.insert(
            id,
            &Schema { schema_hash, name, uri, revocable, registrant: ctx.caller, registered_block: ctx.block },
        );
        Ok((id, ink::prelude::vec![event]))
    }

    /// The schema `id`, if registered.
    pub fn schema(&self, id: SchemaId) -> Option<Schema> {
        self.schemas.get(id)
    }

    /// Trusts `issuer` for `schema`; the caller needs `TRUST_ADMIN_ROLE`. Errors: `MissingRole`,
    /// `SchemaNotFound`, `AlreadyTrusted`, `TooManyTrustedIssuers`.
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
        list.push(issuer);
        self.trusted_lists.insert(schema, &list);
        self.trusted.insert((schema, issuer), &());
        Ok(ink::prelude::vec![CredentialEvent::TrustedIssuerAdded(TrustedIssuerAdded { schema, issuer })])
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
        Ok(ink::prelude::vec![CredentialEvent::TrustedIssuerRemoved(TrustedIssuerRemoved { schema, issuer })])
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

    fn authorize_issuer(&self, ctx: &Ctx, dids: &impl DidOracle, issuer: DidId) -> Result<(), CredentialError> {
        if dids.is_authorized(issuer, ctx.caller, Relationship::AssertionMethod) {
            Ok(())
        } else if !dids.is_active(issuer) {
            Err(CredentialError::IssuerInactive)
        } else {
            Err(CredentialError::NotAuthorizedForIssuer)
        }
    }

    /// Anchors a credential for `issuer`; the caller must be authorised for the issuer DID with
    /// `assertionMethod`. Errors: `IssuerInactive`, `NotAuthorizedForIssuer`, `SchemaNotFound`,
    /// `MissingSubject`, `InvalidExpiry`, `CredentialExists`.
    pub fn issue(&mut self, ctx: &Ctx, dids: &impl DidOracle, issuer: DidId, request: IssueRequest) -> Result<Vec<CredentialEvent>, CredentialError> {
        self.authorize_issuer(ctx, dids, issuer)?;
        if !self.schemas.contains(request.schema) {
            return Err(CredentialError::SchemaNotFound);
        }
        if request.subject_account.is_none() && request.subject_did.is_none() {
            return Err(CredentialError::MissingSubject);
        }
        if request.expires_at.is_some_and(|at| at <= ctx.now) {
            return Err(CredentialError::InvalidExpiry);
        }
        if self.credentials.contains(request.credential_id) {
            return Err(CredentialError::CredentialExists);
        }
        self.credentials.insert(
            request.credential_id,
            &CredentialRecord {
                issuer,
                schema: request.schema,
                subject_account: request.subject_account,
                subject_did: request.subject_did,
                issued_at: ctx.now,
                issued_block: ctx.block,
                expires_at: request.expires_at,
                claims_root: request.claims_root,
                state: CredentialState::Active,
            },
        );
        // Only credentials from issuers trusted for the schema become the subject's latest:
        // anyone else issuing about the subject cannot shadow a valid credential.
        if let Some(account) = request.subject_account {
            if self.is_trusted(request.schema, issuer) {
                self.latest.insert((account, request.schema), &request.credential_id);
            }
        }
        Ok(ink::prelude::vec![CredentialEvent::Issued(CredentialIssued {
            credential: request.credential_id,
            issuer,
            schema: request.schema,
            subject_account: request.subject_account,
            subject_did: request.subject_did,
        })])
    }

    /// Applies `change` to each of `credentials` (1..=`MAX_BATCH`), all issued by `issuer`; the
    /// caller must be authorised for `issuer` with `assertionMethod`. All or nothing. Errors:
    /// `InvalidBatchSize`, `ReasonTooLong`, `IssuerInactive`, `NotAuthorizedForIssuer`,
    /// `CredentialNotFound`, `WrongIssuer`, `AlreadyRevoked`, `NotRevocable`, `AlreadySuspended`,
    /// `NotSuspended`.
    pub fn change_state(
        &mut self,
        ctx: &Ctx,
        dids: &impl DidOracle,
        issuer: DidId,
        credentials: &[CredentialId],
        change: StateChange,
    ) -> Result<Vec<CredentialEvent>, CredentialError> {
        check_batch(credentials.len(), MAX_BATCH, CredentialError::InvalidBatchSize)?;
        if let StateChange::Suspend(reason) | StateChange::Revoke(reason) = &change {
            check_reason(reason)?;
        }
        self.authorize_issuer(ctx, dids, issuer)?;
        let mut updated = Vec::with_capacity(credentials.len());
        for id in credentials {
            let mut record = self.credentials.get(id).ok_or(CredentialError::CredentialNotFound)?;
            if record.issuer != issuer {
                return Err(CredentialError::WrongIssuer);
            }
            if matches!(record.state, CredentialState::Revoked(_)) {
                return Err(CredentialError::AlreadyRevoked);
            }
            record.state = match &change {
                StateChange::Revoke(reason) => {
                    let revocable = self.schemas.get(record.schema).is_some_and(|s| s.revocable);
                    if !revocable {
                        return Err(CredentialError::NotRevocable);
                    }
                    CredentialState::Revoked(reason.clone())
                }
                StateChange::Suspend(reason) => {
                    if matches!(record.state, CredentialState::Suspended(_)) {
                        return Err(CredentialError::AlreadySuspended);
                    }
                    CredentialState::Suspended(reason.clone())
                }
                StateChange::Reinstate => {
                    if record.state == CredentialState::Active {
                        return Err(CredentialError::NotSuspended);
                    }
                    CredentialState::Active
                }
            };
            updated.push((*id, record));
        }
        Ok(updated
            .into_iter()
            .map(|(id, record)| {
                self.credentials.insert(id, &record);
                CredentialEvent::StateChanged(CredentialStateChanged { credential: id, issuer, state: record.state })
            })
            .collect())
    }

    /// The anchored record of `credential`, if any.
    pub fn credential(&self, credential: CredentialId) -> Option<CredentialRecord> {
        self.credentials.get(credential)
    }

    /// The credential's status with reason (see [`CredentialStatus`]), checked in this order:
    /// unknown, revoked, suspended, expired, issuer deactivated, issuer not trusted.
    pub fn verify(&self, dids: &impl DidOracle, credential: CredentialId, now: u64) -> CredentialStatus {
        match self.credentials.get(credential) {
            None => CredentialStatus::Unknown,
            Some(record) => self.status_of(dids, &record, now),
        }
    }

    fn status_of(&self, dids: &impl DidOracle, record: &CredentialRecord, now: u64) -> CredentialStatus {
        match &record.state {
            CredentialState::Revoked(reason) => return CredentialStatus::Revoked(reason.clone()),
            CredentialState::Suspended(reason) => return CredentialStatus::Suspended(reason.clone()),
            CredentialState::Active => {}
        }
        if record.expires_at.is_some_and(|at| now >= at) {
            return CredentialStatus::Expired;
        }
        if !dids.is_active(record.issuer) {
            return CredentialStatus::IssuerDeactivated;
        }
        if !self.is_trusted(record.schema, record.issuer) {
            return CredentialStatus::IssuerNotTrusted;
        }
        CredentialStatus::Valid
    }

    /// Whether `subject`'s latest credential of `schema` from an issuer trusted for the schema
    /// (at issuance) is valid now: active, unexpired, issuer DID active and still trusted.
    /// Bounded: three reads and one DID check.
    pub fn has_valid_credential(&self, dids: &impl DidOracle, subject: AccountId, schema: SchemaId, now: u64) -> bool {
        self.latest
            .get((subject, schema))
            .and_then(|id| self.credentials.get(id))
            .is_some_and(|record| self.status_of(dids, &record, now) == CredentialStatus::Valid)
    }

    /// Whether `proof` (sibling hashes from leaf to root, at most `MAX_PROOF_LEN`) shows that
    /// `claim_digest` is a leaf of the credential's claims commitment. Errors:
    /// `CredentialNotFound`, `NoCommitment`, `ProofTooLong`.
    pub fn verify_disclosure(&self, credential: CredentialId, claim_digest: [u8; 32], proof: &[[u8; 32]]) -> Result<bool, CredentialError> {
        let record = self.credentials.get(credential).ok_or(CredentialError::CredentialNotFound)?;
        let root = record.claims_root.ok_or(CredentialError::NoCommitment)?;
        if proof.len() > MAX_PROOF_LEN as usize {
            return Err(CredentialError::ProofTooLong);
        }
        let computed = proof
            .iter()
            .fold(disclosure_leaf(&claim_digest), |node, sibling| disclosure_node(&node, sibling));
        Ok(computed == root)
    }

    // ------------------------------------------------------------------ status lists

    /// Creates a bitstring status list owned by `issuer`; the caller must be authorised for it
    /// with `assertionMethod`. `size` must be a multiple of `STATUS_WORD_BITS`, at most
    /// `MAX_STATUS_LIST_SIZE`, and at least `MIN_STATUS_LIST_SIZE` unless `allow_small` (which
    /// weakens herd privacy). Errors: `IssuerInactive`, `NotAuthorizedForIssuer`,
    /// `InvalidListSize`, `Overflow`.
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
        let id = self.next_list;
        self.next_list = id.checked_add(1).ok_or(CredentialError::Overflow)?;
        self.lists.insert(
            id,
            &StatusList { issuer, purpose, size, created_block: ctx.block, updated_block: ctx.block },
        );
        Ok((id, ink::prelude::vec![CredentialEvent::ListCreated(StatusListCreated { list: id, issuer, purpose, size })]))
    }

    /// Sets (`value = true`) or clears the bits at `indices` (1..=`MAX_STATUS_UPDATES`) of
    /// `list`; each touched word is read and written once. Caller: authorised for the list's
    /// issuer DID with `assertionMethod`. Errors: `ListNotFound`, `WrongIssuer`,
    /// `IssuerInactive`, `NotAuthorizedForIssuer`, `InvalidUpdateSize`, `IndexOutOfRange`,
    /// `RevocationIsPermanent`.
    pub fn update_status_list(
        &mut self,
        ctx: &Ctx,
        dids: &impl DidOracle,
        issuer: DidId,
        list: ListId,
        indices: Vec<u32>,
        value: bool,
    ) -> Result<Vec<CredentialEvent>, CredentialError> {
        let mut header = self.lists.get(list).ok_or(CredentialError::ListNotFound)?;
        if header.issuer != issuer {
            return Err(CredentialError::WrongIssuer);
        }
        self.authorize_issuer(ctx, dids, issuer)?;
        check_batch(indices.len(), MAX_STATUS_UPDATES, CredentialError::InvalidUpdateSize)?;
        if !value && header.purpose == StatusPurpose::Revocation {
            return Err(CredentialError::RevocationIsPermanent);
        }
        let mut words: Vec<(u32, u128)> = Vec::new();
        for &index in &indices {
            if index >= header.size {
                return Err(CredentialError::IndexOutOfRange);
            }
            let word_index = index / STATUS_WORD_BITS;
            let mask = 1u128 << (index % STATUS_WORD_BITS);
            let position = match words.iter().position(|(w, _)| *w == word_index) {
                Some(position) => position,
                None => {
                    words.push((word_index, self.words.get((list, word_index)).unwrap_or(0)));
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
                self.words.remove((list, word_index));
            } else {
                self.words.insert((list, word_index), &word);
            }
        }
        header.updated_block = ctx.block;
        self.lists.insert(list, &header);
        Ok(ink::prelude::vec![CredentialEvent::ListUpdated(StatusListUpdated { list, issuer, indices, value })])
    }

    /// The header of `list`, if it exists.
    pub fn status_list(&self, list: ListId) -> Option<StatusList> {
        self.lists.get(list)
    }

    /// The bit at `index` of `list`. Errors: `ListNotFound`, `IndexOutOfRange`.
    pub fn status_bit(&self, list: ListId, index: u32) -> Result<bool, CredentialError> {
        let header = self.lists.get(list).ok_or(CredentialError::ListNotFound)?;
        if index >= header.size {
            return Err(CredentialError::IndexOutOfRange);
        }
        let word = self.words.get((list, index / STATUS_WORD_BITS)).unwrap_or(0);
        Ok(word & (1u128 << (index % STATUS_WORD_BITS)) != 0)
    }

    /// `count` (1..=`MAX_WORDS_PER_READ`) consecutive 128-bit words of `list` from word `start`
    /// (bit `i` of the list is bit `i % 128` of word `i / 128`). Errors: `ListNotFound`,
    /// `InvalidUpdateSize`, `IndexOutOfRange`.
    pub fn status_list_words(&self, list: ListId, start: u32, count: u32) -> Result<Vec<u128>, CredentialError> {
        let header = self.lists.get(list).ok_or(CredentialError::ListNotFound)?;
        check_batch(count as usize, MAX_WORDS_PER_READ, CredentialError::InvalidUpdateSize)?;
        let end = start.checked_add(count).ok_or(CredentialError::IndexOutOfRange)?;
        if end > header.size / STATUS_WORD_BITS {
            return Err(CredentialError::IndexOutOfRange);
        }
        Ok((start..end).map(|w| self.words.get((list, w)).unwrap_or(0)).collect())
    }
}
