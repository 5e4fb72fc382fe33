//! # Sovra credential registry
//!
//! The verifiable-credential side of the SSI trust triangle. Issuers — DIDs of the Sovra DID
//! registry, acting through accounts authorised for `assertionMethod` — anchor credential
//! hashes (never personal data) with an optional selective-disclosure commitment, suspend
//! (reversible) or revoke (one-way) them, and publish W3C-style bitstring status lists.
//! Schemas are registered by content; trusted issuers per schema are administered by the
//! trust-admin role (the DAO governor after deployment). Verifiers and contracts check a
//! credential through [`sovra_interfaces::CredentialVerifier`] without contacting the issuer.
//!
//! The rules live in [`data::CredentialData`]; this module is the thin `#[ink::contract]` shell.
#![cfg_attr(not(feature = "std"), no_std, no_main)]

pub mod data;
pub mod errors;
pub mod events;

/// The contract, and `CredentialRegistryRef`: a typed reference to a deployed instance whose generated call
/// builders (`call_mut().<message>(..)`) other contracts and clients call it through.
pub use self::credential_registry::{CredentialRegistry, CredentialRegistryRef};

#[ink::contract]
mod credential_registry {
    use sovra_interfaces::access::{AccessControl, RoleError};
    use sovra_kit::upgrade::{UpgradeError, Upgradeable};
    use crate::data::{Ctx, CredentialData, DidOracle, StateChange};
    use crate::events::CredentialEvent;
    use ink::codegen::TraitCallBuilder;
    use ink::prelude::vec::Vec;
    use sovra_interfaces::credential::{
        Claim, CredentialError, CredentialHash, CredentialRecord, CredentialStatus,
        CredentialVerifier, IssueRequest, ListId, Presentation, RoleId, Schema, SchemaId,
        StatusListView, StatusPurpose,
    };
    use sovra_interfaces::did::{Authority, DidId, DidRegistry, KeyStatus, Relationship};

    type Result<T> = core::result::Result<T, CredentialError>;

    /// The registry's storage.
    #[ink(storage)]
    pub struct CredentialRegistry {
        data: CredentialData,
        did_registry: AccountId,
    }

    /// The DID registry reached through its `DidRegistry` interface. Calls that fail (wrong
    /// address, trap) answer "inactive, not authorised": the registry fails closed.
    struct Dids(AccountId);

    impl Dids {
        fn registry(&self) -> ink::contract_ref!(DidRegistry) {
            self.0.into()
        }
    }

    impl DidOracle for Dids {
        /// Through `key_status` (a controller key is never compromised): one call builder for
        /// both questions keeps the contract smaller.
        fn is_active(&self, did: DidId) -> bool {
            self.key_status(did, &Authority::Controller(AccountId::from([0; 32]))).did_active
        }

        fn authority(&self, did: DidId, account: AccountId, relationship: Relationship) -> Option<Authority> {
            match self.registry().call().authority(did, account, relationship).try_invoke() {
                Ok(Ok(authority)) => authority,
                _ => None,
            }
        }

        fn key_status(&self, did: DidId, key: &Authority) -> KeyStatus {
            match self.registry().call().key_status(did, key.clone()).try_invoke() {
                Ok(Ok(status)) => status,
                _ => KeyStatus { did_active: false, compromised_since: None },
            }
        }
    }

    impl CredentialRegistry {
        /// Deploys a registry that checks issuers against the DID registry at `did_registry`
        /// and gives `admin` the default-admin and trust-admin roles.
        /// Events: `RoleGranted` (twice).
        #[ink(constructor)]
        pub fn new(did_registry: AccountId, admin: AccountId) -> Self {
            let mut contract = Self { data: CredentialData::default(), did_registry };
            let events = contract.data.init(admin);
            CredentialEvent::emit_all(events);
            contract
        }

        /// The DID registry this registry trusts for issuer checks. Read-only.
        #[ink(message)]
        pub fn did_registry(&self) -> AccountId {
            self.did_registry
        }

        /// Points the registry at another DID registry: the migration path if the DID
        /// registry (immutable by design) ever has to be replaced — the DAO deploys a new one,
        /// controllers re-create their DIDs there, then a proposal calls this. Issuer checks
        /// use the new registry from the next call on. Caller: admin (the governor). Errors:
        /// `MissingRole`, `SameDidRegistry`. Events: `DidRegistryChanged`.
        #[ink(message)]
        pub fn set_did_registry(&mut self, registry: AccountId) -> Result<()> {
            let events = self.data.change_did_registry(&Ctx::current(), self.did_registry, registry)?;
            self.did_registry = registry;
            CredentialEvent::emit_all(events);
            Ok(())
        }

        // -------------------------------------------------------------- access control

        // -------------------------------------------------------------- schemas & trust

        /// Registers a credential type; returns its id `blake2b-256(SCALE((schema_hash, name,
        /// uri, revocable)))`. Anyone may call. Errors: `InvalidSchemaName`, `SchemaUriTooLong`,
        /// `SchemaExists`. Events: `SchemaRegistered`.
        #[ink(message)]
        pub fn register_schema(
            &mut self,
            schema_hash: [u8; 32],
            name: Vec<u8>,
            uri: Vec<u8>,
            revocable: bool,
        ) -> Result<SchemaId> {
            let (id, events) = self.data.register_schema(&Ctx::current(), schema_hash, name, uri, revocable)?;
            CredentialEvent::emit_all(events);
            Ok(id)
        }

        /// The schema `id`. Read-only. Errors: `SchemaNotFound`.
        #[ink(message)]
        pub fn schema(&self, id: SchemaId) -> Result<Schema> {
            self.data.schema(id).ok_or(CredentialError::SchemaNotFound)
        }

        /// Trusts `issuer` for `schema` under a new grant: credentials it anchored before (or
        /// under an earlier grant) do not become valid through it. Caller: trust admin.
        /// Errors: `MissingRole`, `SchemaNotFound`, `AlreadyTrusted`, `TooManyTrustedIssuers`,
        /// `Overflow`. Events: `TrustedIssuerAdded`.
        #[ink(message)]
        pub fn add_trusted_issuer(&mut self, schema: SchemaId, issuer: DidId) -> Result<()> {
            let events = self.data.add_trusted_issuer(&Ctx::current(), schema, issuer)?;
            CredentialEvent::emit_all(events);
            Ok(())
        }

        /// Stops trusting `issuer` for `schema`; its credentials of that schema then verify as
        /// `IssuerNotTrusted`. Caller: trust admin. Errors: `MissingRole`, `NotTrusted`.
        /// Events: `TrustedIssuerRemoved`.
        #[ink(message)]
        pub fn remove_trusted_issuer(&mut self, schema: SchemaId, issuer: DidId) -> Result<()> {
            let events = self.data.remove_trusted_issuer(&Ctx::current(), schema, issuer)?;
            CredentialEvent::emit_all(events);
            Ok(())
        }

        /// Whether `issuer` is trusted for `schema`. Read-only.
        #[ink(message)]
        pub fn is_trusted(&self, schema: SchemaId, issuer: DidId) -> bool {
            self.data.is_trusted(schema, issuer)
        }

        /// The issuers trusted for `schema` (at most 32). Read-only.
        #[ink(message)]
        pub fn trusted_issuers(&self, schema: SchemaId) -> Vec<DidId> {
            self.data.trusted_issuers(schema)
        }

        // -------------------------------------------------------------- credentials

        /// Anchors the credential `request.credential` under `issuer`, optionally bound to
        /// free entries of the issuer's revocation / suspension status lists. Caller: an
        /// account authorised for the issuer DID with `assertionMethod` (a controller or a
        /// valid `Account` key), recorded as the issuing key. Errors: `IssuerInactive`,
        /// `NotAuthorizedForIssuer`, `SchemaNotFound`, `MissingSubject`, `InvalidExpiry`,
        /// `CredentialExists`, `NotRevocable`, `ListNotFound`, `WrongListPurpose`,
        /// `IndexOutOfRange`, `EntryInUse`. Events: `CredentialIssued`.
        #[ink(message)]
        pub fn issue(&mut self, issuer: DidId, request: IssueRequest) -> Result<()> {
            let dids = Dids(self.did_registry);
            let events = self.data.issue(&Ctx::current(), &dids, issuer, request)?;
            CredentialEvent::emit_all(events);
            Ok(())
        }

        /// Suspends (reversibly) up to 32 distinct credentials of `issuer` with `reason`
        /// (≤ 64 bytes); bound suspension-list bits are set. Caller: authorised for `issuer`
        /// with `assertionMethod`. All or nothing. Errors: `InvalidBatchSize`,
        /// `DuplicateInBatch`, `ReasonTooLong`, `IssuerInactive`, `NotAuthorizedForIssuer`,
        /// `CredentialNotFound`, `AlreadyRevoked`, `AlreadySuspended`.
        /// Events: `CredentialStateChanged` per credential, `StatusListUpdated` per list.
        #[ink(message)]
        pub fn suspend(&mut self, issuer: DidId, credentials: Vec<CredentialHash>, reason: Vec<u8>) -> Result<()> {
            self.change(issuer, credentials, StateChange::Suspend(reason))
        }

        /// Lifts the suspension of up to 32 distinct credentials of `issuer`; bound
        /// suspension-list bits are cleared. Caller: authorised for `issuer` with
        /// `assertionMethod`. Errors: as `suspend`, with `NotSuspended` instead of
        /// `AlreadySuspended`. Events: `CredentialStateChanged`, `StatusListUpdated`.
        #[ink(message)]
        pub fn reinstate(&mut self, issuer: DidId, credentials: Vec<CredentialHash>) -> Result<()> {
            self.change(issuer, credentials, StateChange::Reinstate)
        }

        /// Revokes (for ever) up to 32 distinct credentials of `issuer` with `reason`; bound
        /// revocation-list bits are set. Caller: authorised for `issuer` with
        /// `assertionMethod`. Errors: as `suspend`, plus `NotRevocable` for a non-revocable
        /// schema. Events: `CredentialStateChanged`, `StatusListUpdated`.
        #[ink(message)]
        pub fn revoke(&mut self, issuer: DidId, credentials: Vec<CredentialHash>, reason: Vec<u8>) -> Result<()> {
            self.change(issuer, credentials, StateChange::Revoke(reason))
        }

        /// The record of `credential` anchored by `issuer`. Read-only. Errors:
        /// `CredentialNotFound`.
        #[ink(message)]
        pub fn credential(&self, issuer: DidId, credential: CredentialHash) -> Result<CredentialRecord> {
            self.data.credential(issuer, credential).ok_or(CredentialError::CredentialNotFound)
        }

        /// A holder presents one claim of `credential` (of `issuer`): the registry computes the
        /// claim's digest from (salt, name, value), checks it against the claims root with
        /// `proof` (sibling hashes, leaf to root, ≤ 16), and returns it with the credential's
        /// status — accept only `Valid` with `claim_valid`. Caller: the subject account, or an
        /// account the subject DID authorises for `authentication` (replayed calldata from
        /// anyone else fails). Read-only. Errors: `ProofTooLong`, `ClaimTooLong`,
        /// `CredentialNotFound`, `NotHolder`, `NoCommitment`.
        #[ink(message)]
        pub fn verify_presentation(
            &self,
            issuer: DidId,
            credential: CredentialHash,
            claim: Claim,
            proof: Vec<[u8; 32]>,
        ) -> Result<Presentation> {
            let dids = Dids(self.did_registry);
            self.data.verify_presentation(&Ctx::current(), &dids, issuer, credential, &claim, &proof)
        }

        // -------------------------------------------------------------- status lists

        /// Creates the issuer's next bitstring status list (numbered from 0 per issuer) of
        /// `size` entries; returns its number.
        /// `size` ≥ 131,072 unless `allow_small` (weaker herd privacy). Caller: authorised for
        /// `issuer` with `assertionMethod`. Errors: `IssuerInactive`,
        /// `NotAuthorizedForIssuer`, `InvalidListSize`, `Overflow`. Events: `StatusListCreated`.
        #[ink(message)]
        pub fn create_status_list(
            &mut self,
            issuer: DidId,
            purpose: StatusPurpose,
            size: u32,
            allow_small: bool,
        ) -> Result<ListId> {
            let dids = Dids(self.did_registry);
            let (id, events) = self.data.create_status_list(&Ctx::current(), &dids, issuer, purpose, size, allow_small)?;
            CredentialEvent::emit_all(events);
            Ok(id)
        }

        /// Sets (`value`) or clears up to 64 distinct bits of `issuer`'s `list`; revocation
        /// bits cannot be cleared. A bit bound to a credential is that credential's revocation
        /// or suspension status. Caller: authorised for `issuer` with `assertionMethod`.
        /// Errors: `InvalidUpdateSize`, `DuplicateInBatch`, `ListNotFound`, `IssuerInactive`,
        /// `NotAuthorizedForIssuer`, `IndexOutOfRange`, `RevocationIsPermanent`.
        /// Events: `StatusListUpdated`.
        #[ink(message)]
        pub fn update_status_list(&mut self, issuer: DidId, list: ListId, indices: Vec<u32>, value: bool) -> Result<()> {
            let dids = Dids(self.did_registry);
            let events = self.data.update_status_list(&Ctx::current(), &dids, issuer, list, indices, value)?;
            CredentialEvent::emit_all(events);
            Ok(())
        }

        /// The header of `issuer`'s `list` and whether the issuer DID is still active (a
        /// deactivated issuer's list speaks for nobody). Read-only. Errors: `ListNotFound`.
        #[ink(message)]
        pub fn status_list(&self, issuer: DidId, list: ListId) -> Result<StatusListView> {
            self.data.status_list(&Dids(self.did_registry), issuer, list).ok_or(CredentialError::ListNotFound)
        }

        /// The status bit at `index` of `issuer`'s `list`. Read-only. Errors: `ListNotFound`,
        /// `IndexOutOfRange`.
        #[ink(message)]
        pub fn status_bit(&self, issuer: DidId, list: ListId, index: u32) -> Result<bool> {
            self.data.status_bit(issuer, list, index)
        }

        /// Up to 64 consecutive 128-bit words of `issuer`'s `list` from word `start`: bit `i`
        /// of the list is bit `i % 128` of word `i / 128`. Read-only. Errors: `ListNotFound`,
        /// `InvalidUpdateSize`, `IndexOutOfRange`.
        #[ink(message)]
        pub fn status_list_words(&self, issuer: DidId, list: ListId, start: u32, count: u32) -> Result<Vec<u128>> {
            self.data.status_list_words(issuer, list, start, count)
        }

        fn change(&mut self, issuer: DidId, credentials: Vec<CredentialHash>, change: StateChange) -> Result<()> {
            let dids = Dids(self.did_registry);
            let events = self.data.change_state(&Ctx::current(), &dids, issuer, &credentials, change)?;
            CredentialEvent::emit_all(events);
            Ok(())
        }

    }

    /// Roles (0 admin, 1 trust admin): the suite's one `AccessControl` interface (`sovra_kit::access`).
    impl AccessControl for CredentialRegistry {
        /// Whether `account` holds `role`. Read-only.
        #[ink(message)]
        fn has_role(&self, role: RoleId, account: AccountId) -> bool {
            self.data.roles.has(role, account)
        }

        /// Grants `role` to `account`. Caller: admin. Errors: `MissingRole`, `TooManyMembers`.
        /// Events: `RoleGranted` (none if held).
        #[ink(message)]
        fn grant_role(&mut self, role: RoleId, account: AccountId) -> core::result::Result<(), RoleError> {
            CredentialEvent::emit_all(self.data.roles.grant_role(self.env().caller(), role, account)?);
            Ok(())
        }

        /// Revokes `role` from `account`. Caller: admin. Errors: `MissingRole`, `LastAdmin`.
        /// Events: `RoleRevoked` (none if not held).
        #[ink(message)]
        fn revoke_role(&mut self, role: RoleId, account: AccountId) -> core::result::Result<(), RoleError> {
            CredentialEvent::emit_all(self.data.roles.revoke_role(self.env().caller(), role, account)?);
            Ok(())
        }

        /// The caller gives up `role`. Errors: `MissingRole`, `LastAdmin` (the last admin
        /// stays). Events: `RoleRevoked`.
        #[ink(message)]
        fn renounce_role(&mut self, role: RoleId) -> core::result::Result<(), RoleError> {
            CredentialEvent::emit_all(self.data.roles.renounce_role(self.env().caller(), role)?);
            Ok(())
        }

        /// How many accounts hold `role` (at most `MAX_ROLE_MEMBERS`, 8). Read-only.
        #[ink(message)]
        fn role_member_count(&self, role: RoleId) -> u32 {
            self.data.roles.member_count(role)
        }

        /// The `index`-th holder of `role` (below `role_member_count`; the order changes when a
        /// holder leaves). Read-only.
        #[ink(message)]
        fn role_member(&self, role: RoleId, index: u32) -> Option<AccountId> {
            self.data.roles.member(role, index)
        }

        /// The caller hands every role it holds to `successor` and gives them up, the admin
        /// role last — how one proposal moves the contract to a new governor. Caller: admin.
        /// Errors: `MissingRole`, `TooManyMembers`, `LastAdmin` (successor = caller). Events:
        /// `RoleGranted` per role, then `RoleRevoked` per role.
        #[ink(message)]
        fn hand_over(&mut self, successor: AccountId) -> core::result::Result<(), RoleError> {
            CredentialEvent::emit_all(self.data.roles.hand_over(self.env().caller(), successor, sovra_interfaces::credential::CREDENTIAL_REGISTRY_ROLES)?);
            Ok(())
        }
    }

    impl Upgradeable for CredentialRegistry {
        /// Replaces the code with the uploaded `code_hash`, keeping the storage; `migrate`
        /// next (a proposal does both). Caller: admin (the governor). Errors: `MissingRole`,
        /// `CodeNotFound`. Events: `CodeUpgraded`.
        #[ink(message)]
        fn set_code_hash(&mut self, code_hash: Hash) -> core::result::Result<(), UpgradeError> {
            let events = self.data.set_code(&Ctx::current(), code_hash)?;
            CredentialEvent::emit_all(events);
            Ok(())
        }

        /// Migrates the stored layout to this code's version. Caller: admin. Errors:
        /// `MissingRole`, `MigrationFailed`. Events: `Migrated`.
        #[ink(message)]
        fn migrate(&mut self) -> core::result::Result<(), UpgradeError> {
            let events = self.data.migrate(&Ctx::current())?;
            CredentialEvent::emit_all(events);
            Ok(())
        }

        /// (stored layout version, this code's version). Read-only.
        #[ink(message)]
        fn storage_version(&self) -> (u32, u32) {
            (self.data.storage_version(), crate::data::STORAGE_VERSION)
        }
    }

    impl CredentialVerifier for CredentialRegistry {
        /// The status of `credential` anchored by `issuer`: `Valid`, `Unknown`,
        /// `Revoked(reason)`, `Suspended(reason)`, `Expired`, `IssuerNotTrusted`,
        /// `IssuerDeactivated`, `IssuerKeyCompromised` (bound status-list bits count).
        /// Read-only; anyone may call.
        #[ink(message)]
        fn verify(&self, issuer: DidId, credential: CredentialHash) -> CredentialStatus {
            self.data.verify(&Dids(self.did_registry), issuer, credential, self.env().block_timestamp())
        }

        /// Whether any issuer trusted for `schema` now gave `subject` a credential of it that
        /// is valid now (per issuer, its newest for the subject counts; no issuer can shadow
        /// another's). Read-only; tokens and the governor call it.
        #[ink(message)]
        fn has_valid_credential(&self, subject: AccountId, schema: SchemaId) -> bool {
            self.data
                .has_valid_credential(&Dids(self.did_registry), subject, schema, self.env().block_timestamp())
        }

        /// Whether `subject` was a member (held a valid credential of `schema`) at the end of
        /// `block`: issuance, trust grants, suspension and revocation as they were then;
        /// expiry, issuer deactivation and key compromise as they are now. Read-only; the
        /// governor asks it at a proposal's snapshot.
        #[ink(message)]
        fn has_valid_credential_at(&self, subject: AccountId, schema: SchemaId, block: BlockNumber) -> bool {
            self.data
                .has_valid_credential_at(&Dids(self.did_registry), subject, schema, block, self.env().block_timestamp())
        }

        /// Whether `schema` is registered. Read-only; the governor asks it before accepting a
        /// membership gate.
        #[ink(message)]
        fn has_schema(&self, schema: SchemaId) -> bool {
            self.data.has_schema(schema)
        }
    }
}
