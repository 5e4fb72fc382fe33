//! The DID registry's logic as plain Rust: [`DidData`] holds the storage and its methods take the
//! calling context and return the events to emit, or a [`DidError`]. The `#[ink::contract]`
//! shell in `lib.rs` only supplies the context and emits the events.

use ink::prelude::vec::Vec;
use ink::primitives::AccountId;
use ink::storage::Mapping;
use scale::Encode;
pub use sovra_kit::context::{blake2, Ctx};
use sovra_interfaces::did::*;
use sovra_kit::signing::{self, SignatureError};

use crate::events::*;
#[cfg(test)]
#[path = "tests.rs"]
mod tests;

/// Per-DID state kept in one storage cell: read by every query, so it stays small.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
#[ink::scale_derive(Encode, Decode, TypeInfo)]
#[cfg_attr(feature = "std", derive(ink::storage::traits::StorageLayout))]
pub struct DidRecord {
    /// At most `MAX_CONTROLLERS` accounts; never empty.
    pub controllers: Vec<AccountId>,
    /// W3C document metadata.
    pub metadata: DidMetadata,
    /// Next nonce a signed operation must carry.
    pub nonce: u64,
}

/// Storage key of a method or service: (DID, fragment id).
type FragmentKey = (DidId, Vec<u8>);
/// Storage key of an `Account` method's index entry: (DID, account).
type AccountKey = (DidId, AccountId);
/// Fragment ids of a DID's methods or services, in insertion order.
type FragmentIds = Vec<Vec<u8>>;

/// The registry's storage and rules.
#[ink::storage_item]
#[derive(Debug, Default)]
pub struct DidData {
    /// The network identifier every signed payload carries (fixed at construction).
    chain_id: [u8; 32],
    records: Mapping<DidId, DidRecord>,
    method_ids: Mapping<DidId, FragmentIds>,
    methods: Mapping<FragmentKey, VerificationMethod>,
    account_methods: Mapping<AccountKey, Vec<u8>>,
    service_ids: Mapping<DidId, FragmentIds>,
    services: Mapping<FragmentKey, Service>,
    /// Compromised keys per DID (≤ `MAX_COMPROMISED`); they outlive their methods.
    compromised: Mapping<DidId, Vec<CompromisedRecord>>,
}

/// A compromised key as stored: the public record plus the method's last published form (kept
/// so that what it signed before `since` can still be checked off-chain).
#[derive(Debug, Clone, PartialEq, Eq)]
#[ink::scale_derive(Encode, Decode, TypeInfo)]
#[cfg_attr(feature = "std", derive(ink::storage::traits::StorageLayout))]
pub struct CompromisedRecord {
    /// Method id and time.
    pub key: CompromisedKey,
    /// The method as it was when marked, if it was still in the document.
    pub method: Option<VerificationMethod>,
}


fn check_len(bytes: &[u8], max: u32, too_long: DidError) -> Result<(), DidError> {
    if bytes.is_empty() {
        return Err(DidError::EmptyField);
    }
    if bytes.len() > max as usize {
        return Err(too_long);
    }
    Ok(())
}

fn check_window(from: Option<u64>, until: Option<u64>, now: u64) -> Result<(), DidError> {
    if let (Some(from), Some(until)) = (from, until) {
        if from >= until {
            return Err(DidError::InvalidValidityWindow);
        }
    }
    if let Some(until) = until {
        if until <= now {
            return Err(DidError::InvalidValidityWindow);
        }
    }
    Ok(())
}

fn account_from(bytes: &[u8]) -> Result<AccountId, DidError> {
    let raw: [u8; 32] = bytes.try_into().map_err(|_| DidError::InvalidKeyLength)?;
    Ok(AccountId::from(raw))
}

fn bound(len: usize, max: u32, err: DidError) -> Result<(), DidError> {
    if len >= max as usize {
        Err(err)
    } else {
        Ok(())
    }
}

impl DidData {
    /// A registry for the network `chain_id` (e.g. its genesis hash: see `docs/did-method.md`).
    pub fn new(chain_id: [u8; 32]) -> Self {
        DidData { chain_id, ..Default::default() }
    }

    /// The network identifier signed payloads must carry.
    pub fn chain_id(&self) -> [u8; 32] {
        self.chain_id
    }

    /// The id a DID created by `creator` with `salt` gets: `blake2b-256(SCALE((creator, salt)))`.
    pub fn did_id(creator: &AccountId, salt: &[u8; 32]) -> DidId {
        blake2(&(creator, salt).encode())
    }

    /// The exact bytes a controller signs for a relayed operation (see [`SignedPayload`]).
    pub fn signing_message(
        &self,
        registry: AccountId,
        did: DidId,
        operation: DidOperation,
        nonce: u64,
        deadline: u32,
    ) -> Vec<u8> {
        // the bytes of SCALE(SignedPayload): the domain (tag, chain, registry), then the rest
        let domain = signing::Domain { tag: &SIGNING_DOMAIN, chain: self.chain_id, contract: registry };
        signing::signing_message(&domain, &(did, operation, nonce, deadline))
    }

    /// Creates a DID for `ctx.caller` with id `did_id(caller, salt)`; the caller becomes its
    /// only controller. Fails with `AlreadyExists` if the id exists or ever existed.
    pub fn create(&mut self, ctx: &Ctx, salt: [u8; 32]) -> Result<(DidId, Vec<DidEvent>), DidError> {
        let did = Self::did_id(&ctx.caller, &salt);
        if self.records.contains(did) {
            return Err(DidError::AlreadyExists);
        }
        let record = DidRecord {
            controllers: ink::prelude::vec![ctx.caller],
            metadata: DidMetadata {
                created_block: ctx.block,
                created_at: ctx.now,
                updated_block: ctx.block,
                updated_at: ctx.now,
                version_id: 1,
                deactivated: false,
            },
            nonce: 0,
        };
        self.records.insert(did, &record);
        let event = DidEvent::Created(DidCreated {
            did,
            controller: ctx.caller,
            version_id: 1,
        });
        Ok((did, ink::prelude::vec![event]))
    }

    /// Invalidates every pending signed operation of `did` by consuming its next nonce;
    /// `ctx.caller` must be a controller of the active DID. Errors: `NotFound`, `Deactivated`,
    /// `NotController`, `Overflow`.
    pub fn bump_nonce(&mut self, ctx: &Ctx, did: DidId) -> Result<Vec<DidEvent>, DidError> {
        let mut record = self.records.get(did).ok_or(DidError::NotFound)?;
        if record.metadata.deactivated {
            return Err(DidError::Deactivated);
        }
        if !record.controllers.contains(&ctx.caller) {
            return Err(DidError::NotController);
        }
        record.nonce = record.nonce.checked_add(1).ok_or(DidError::Overflow)?;
        self.records.insert(did, &record);
        Ok(ink::prelude::vec![DidEvent::NonceBumped(NonceBumped {
            did,
            controller: ctx.caller,
            next_nonce: record.nonce,
        })])
    }

    /// Applies `operation` to `did` on behalf of `ctx.caller`, who must be a controller. Like
    /// every change, it consumes the DID's nonce.
    pub fn execute(
        &mut self,
        ctx: &Ctx,
        did: DidId,
        operation: DidOperation,
    ) -> Result<Vec<DidEvent>, DidError> {
        let mut record = self.records.get(did).ok_or(DidError::NotFound)?;
        let event = self.apply(ctx, ctx.caller, did, &mut record, operation)?;
        self.records.insert(did, &record);
        Ok(ink::prelude::vec![event])
    }

    /// Applies `operation` to `did` on behalf of the controller whose secp256k1 `signature`
    /// covers `signing_message(registry, did, operation, nonce, deadline)`; `ctx.caller` is the
    /// relayer. Errors: `Expired` after `deadline`, `NonceUsed` / `InvalidNonce` unless `nonce`
    /// is the DID's next nonce, `NonCanonicalSignature` for a high-S or v ∉ {0, 1} signature,
    /// `BadSignature` if no key recovers, `NotController` if the signer is not a controller,
    /// plus every error of the operation itself.
    #[allow(clippy::too_many_arguments)]
    pub fn execute_signed(
        &mut self,
        ctx: &Ctx,
        registry: AccountId,
        did: DidId,
        operation: DidOperation,
        nonce: u64,
        deadline: u32,
        signature: &[u8; 65],
    ) -> Result<Vec<DidEvent>, DidError> {
        let mut record = self.records.get(did).ok_or(DidError::NotFound)?;
        let message = self.signing_message(registry, did, operation.clone(), nonce, deadline);
        let signer = signing::check_fresh(record.nonce, nonce, ctx.block, deadline)
            .and_then(|()| signing::recover_signer(&message, signature))
            .map_err(|e| match e {
                SignatureError::Expired => DidError::Expired,
                SignatureError::NonceUsed => DidError::NonceUsed,
                SignatureError::NonceAhead => DidError::InvalidNonce,
                SignatureError::NonCanonical => DidError::NonCanonicalSignature,
                SignatureError::Unrecoverable | SignatureError::WrongSigner => DidError::BadSignature,
                SignatureError::NonceOverflow => DidError::Overflow,
            })?;
        let event = self.apply(ctx, signer, did, &mut record, operation)?;
        self.records.insert(did, &record);
        Ok(ink::prelude::vec![
            event,
            DidEvent::SignedOperationExecuted(SignedOperationExecuted {
                did,
                signer,
                relayer: ctx.caller,
                nonce,
            })
        ])
    }

    fn apply(
        &mut self,
        ctx: &Ctx,
        authority: AccountId,
        did: DidId,
        record: &mut DidRecord,
        operation: DidOperation,
    ) -> Result<DidEvent, DidError> {
        if record.metadata.deactivated {
            return Err(DidError::Deactivated);
        }
        if !record.controllers.contains(&authority) {
            return Err(DidError::NotController);
        }
        let version_id = record
            .metadata
            .version_id
            .checked_add(1)
            .ok_or(DidError::Overflow)?;
        // Every change consumes the nonce: a signature made for an earlier state never applies.
        record.nonce = record.nonce.checked_add(1).ok_or(DidError::Overflow)?;
        let event = match operation {
            DidOperation::AddController(controller) => {
                if record.controllers.contains(&controller) {
                    return Err(DidError::ControllerExists);
                }
                bound(record.controllers.len(), MAX_CONTROLLERS, DidError::TooManyControllers)?;
                record.controllers.push(controller);
                DidEvent::ControllerAdded(ControllerAdded { did, controller, version_id })
            }
            DidOperation::RemoveController(controller) => {
                let index = record
                    .controllers
                    .iter()
                    .position(|c| *c == controller)
                    .ok_or(DidError::ControllerNotFound)?;
                if record.controllers.len() == 1 {
                    return Err(DidError::LastController);
                }
                record.controllers.swap_remove(index);
                DidEvent::ControllerRemoved(ControllerRemoved { did, controller, version_id })
            }
            DidOperation::AddVerificationMethod(method) => {
                self.add_method(ctx, did, method, version_id)?
            }
            DidOperation::RemoveVerificationMethod(method_id) => {
                self.take_method(did, &method_id)?.ok_or(DidError::MethodNotFound)?;
                DidEvent::MethodRemoved(VerificationMethodRemoved { did, method_id, version_id })
            }
            DidOperation::MarkCompromised { id, since } => {
                self.mark_compromised(ctx, did, id, since, version_id)?
            }
            DidOperation::SetMethodValidity { id, valid_from, valid_until } => {
                let mut method = self
                    .methods
                    .get((did, id.clone()))
                    .ok_or(DidError::MethodNotFound)?;
                check_window(valid_from, valid_until, ctx.now)?;
                method.valid_from = valid_from;
                method.valid_until = valid_until;
                self.methods.insert((did, id.clone()), &method);
                DidEvent::MethodValidityChanged(VerificationMethodValidityChanged {
                    did,
                    method_id: id,
                    valid_from,
                    valid_until,
                    version_id,
                })
            }
            DidOperation::AddService(service) => {
                check_len(&service.id, MAX_FRAGMENT_LEN, DidError::FragmentTooLong)?;
                check_len(&service.service_type, MAX_SERVICE_TYPE_LEN, DidError::ServiceTypeTooLong)?;
                check_len(&service.endpoint, MAX_ENDPOINT_LEN, DidError::EndpointTooLong)?;
                let mut ids = self.service_ids.get(did).unwrap_or_default();
                if ids.contains(&service.id) {
                    return Err(DidError::ServiceExists);
                }
                bound(ids.len(), MAX_SERVICES, DidError::TooManyServices)?;
                ids.push(service.id.clone());
                self.service_ids.insert(did, &ids);
                self.services.insert((did, service.id.clone()), &service);
                DidEvent::ServiceAdded(ServiceAdded {
                    did,
                    service_id: service.id,
                    service_type: service.service_type,
                    endpoint: service.endpoint,
                    version_id,
                })
            }
            DidOperation::RemoveService(service_id) => {
                let mut ids = self.service_ids.get(did).unwrap_or_default();
                let index = ids
                    .iter()
                    .position(|id| *id == service_id)
                    .ok_or(DidError::ServiceNotFound)?;
                ids.remove(index);
                self.service_ids.insert(did, &ids);
                self.services.remove((did, service_id.clone()));
                DidEvent::ServiceRemoved(ServiceRemoved { did, service_id, version_id })
            }
            DidOperation::Deactivate => {
                record.metadata.deactivated = true;
                DidEvent::Deactivated(DidDeactivated { did, version_id })
            }
        };
        record.metadata.version_id = version_id;
        record.metadata.updated_block = ctx.block;
        record.metadata.updated_at = ctx.now;
        Ok(event)
    }

    /// Removes method `method_id` of `did` (and its account index) and returns it, if present.
    fn take_method(&mut self, did: DidId, method_id: &[u8]) -> Result<Option<VerificationMethod>, DidError> {
        let key = (did, method_id.to_vec());
        let Some(method) = self.methods.get(&key) else {
            return Ok(None);
        };
        let mut ids = self.method_ids.get(did).unwrap_or_default();
        ids.retain(|id| id.as_slice() != method_id);
        self.method_ids.insert(did, &ids);
        if method.key_type == KeyType::Account {
            self.account_methods.remove((did, account_from(&method.public_key)?));
        }
        self.methods.remove(&key);
        Ok(Some(method))
    }

    fn mark_compromised(
        &mut self,
        ctx: &Ctx,
        did: DidId,
        method_id: Vec<u8>,
        since: u64,
        version_id: u32,
    ) -> Result<DidEvent, DidError> {
        check_len(&method_id, MAX_FRAGMENT_LEN, DidError::FragmentTooLong)?;
        if since > ctx.now {
            return Err(DidError::InvalidCompromiseTime);
        }
        let mut list = self.compromised.get(did).unwrap_or_default();
        match list.iter_mut().find(|r| r.key.method_id == method_id) {
            // Marked before: only an earlier time is news.
            Some(existing) => {
                if since >= existing.key.since {
                    return Err(DidError::InvalidCompromiseTime);
                }
                existing.key.since = since;
            }
            None => {
                bound(list.len(), MAX_COMPROMISED, DidError::TooManyCompromised)?;
                let method = self.take_method(did, &method_id)?;
                list.push(CompromisedRecord { key: CompromisedKey { method_id: method_id.clone(), since }, method });
            }
        }
        self.compromised.insert(did, &list);
        Ok(DidEvent::MethodCompromised(MethodCompromised { did, method_id, since, version_id }))
    }

    /// When `method_id` of `did` was declared compromised, if it was.
    pub fn compromised_since(&self, did: DidId, method_id: &[u8]) -> Option<u64> {
        self.compromised
            .get(did)
            .unwrap_or_default()
            .into_iter()
            .find(|r| r.key.method_id == method_id)
            .map(|r| r.key.since)
    }

    fn add_method(
        &mut self,
        ctx: &Ctx,
        did: DidId,
        method: VerificationMethod,
        version_id: u32,
    ) -> Result<DidEvent, DidError> {
        check_len(&method.id, MAX_FRAGMENT_LEN, DidError::FragmentTooLong)?;
        if method.public_key.len() != method.key_type.key_len() {
            return Err(DidError::InvalidKeyLength);
        }
        let relationships = method.relationships;
        let is_x25519 = method.key_type == KeyType::X25519;
        if !relationships.is_valid()
            || (is_x25519 && relationships != Relationships::of(&[Relationship::KeyAgreement]))
            || (!is_x25519 && relationships.contains(Relationship::KeyAgreement))
        {
            return Err(DidError::InvalidRelationships);
        }
        check_window(method.valid_from, method.valid_until, ctx.now)?;
        let mut ids = self.method_ids.get(did).unwrap_or_default();
        if ids.contains(&method.id) {
            return Err(DidError::MethodExists);
        }
        if self.compromised_since(did, &method.id).is_some() {
            return Err(DidError::MethodCompromised);
        }
        bound(ids.len(), MAX_METHODS, DidError::TooManyMethods)?;
        let mut account = None;
        if method.key_type == KeyType::Account {
            let who = account_from(&method.public_key)?;
            if self.account_methods.contains((did, who)) {
                return Err(DidError::AccountMethodExists);
            }
            self.account_methods.insert((did, who), &method.id);
            account = Some(who);
        }
        ids.push(method.id.clone());
        self.method_ids.insert(did, &ids);
        self.methods.insert((did, method.id.clone()), &method);
        Ok(DidEvent::MethodAdded(VerificationMethodAdded {
            did,
            account,
            method_id: method.id,
            key_type: method.key_type,
            public_key: method.public_key,
            relationships,
            valid_from: method.valid_from,
            valid_until: method.valid_until,
            version_id,
        }))
    }

    /// The DID's record (controllers, metadata, nonce), if it exists.
    pub fn record(&self, did: DidId) -> Option<DidRecord> {
        self.records.get(did)
    }

    /// The full document with metadata; deactivated DIDs resolve too.
    pub fn resolve(&self, did: DidId) -> Result<DidDocument, DidError> {
        let record = self.records.get(did).ok_or(DidError::NotFound)?;
        let verification_methods = self
            .method_ids
            .get(did)
            .unwrap_or_default()
            .into_iter()
            .filter_map(|id| self.methods.get((did, id)))
            .collect();
        let services = self
            .service_ids
            .get(did)
            .unwrap_or_default()
            .into_iter()
            .filter_map(|id| self.services.get((did, id)))
            .collect();
        let compromised = self.compromised.get(did).unwrap_or_default().into_iter().map(|r| r.key).collect();
        Ok(DidDocument {
            id: did,
            controllers: record.controllers,
            verification_methods,
            services,
            compromised,
            metadata: record.metadata,
            next_nonce: record.nonce,
        })
    }

    /// Whether `did` exists and is not deactivated.
    pub fn is_active(&self, did: DidId) -> bool {
        self.records.get(did).is_some_and(|r| !r.metadata.deactivated)
    }

    /// Whether `account` controls the active DID `did`.
    pub fn is_controller(&self, did: DidId, account: AccountId) -> bool {
        self.records
            .get(did)
            .is_some_and(|r| !r.metadata.deactivated && r.controllers.contains(&account))
    }

    /// How `account` may act for the active DID `did` in `relationship` at time `now`: as a
    /// controller, or through its `Account` method with that relationship valid at `now`
    /// (a compromised method is no longer in the document).
    pub fn authority(
        &self,
        did: DidId,
        account: AccountId,
        relationship: Relationship,
        now: u64,
    ) -> Option<Authority> {
        let record = self.records.get(did)?;
        if record.metadata.deactivated {
            return None;
        }
        if record.controllers.contains(&account) {
            return Some(Authority::Controller(account));
        }
        let id = self.account_methods.get((did, account))?;
        self.methods
            .get((did, id.clone()))
            .filter(|m| m.relationships.contains(relationship) && m.is_valid_at(now))
            .map(|_| Authority::Method(id))
    }

    /// Whether `account` may act for the active DID `did` in `relationship` at time `now`.
    pub fn is_authorized(&self, did: DidId, account: AccountId, relationship: Relationship, now: u64) -> bool {
        self.authority(did, account, relationship, now).is_some()
    }

    /// Whether `did` is active and, for a method, since when it is compromised.
    pub fn key_status(&self, did: DidId, key: &Authority) -> KeyStatus {
        let compromised_since = match key {
            Authority::Controller(_) => None,
            Authority::Method(id) => self.compromised_since(did, id),
        };
        KeyStatus { did_active: self.is_active(did), compromised_since }
    }
}
