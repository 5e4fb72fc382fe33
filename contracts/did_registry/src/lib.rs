//! # Sovra DID registry
//!
//! W3C-style decentralized identifiers (`did:sovra:<hex>`) owned by their controllers:
//! verification methods with relationships and validity windows (key rotation with overlap),
//! services, irreversible deactivation, replay-proof signed operations relayed by anyone, and
//! resolution with W3C document metadata. Other contracts query it through the
//! [`sovra_interfaces::DidRegistry`] interface.
//!
//! The rules live in [`data::DidData`]; this module is the thin `#[ink::contract]` shell.
#![cfg_attr(not(feature = "std"), no_std, no_main)]

pub mod data;
pub mod errors;
pub mod events;

/// The contract, and `DidRegistryContractRef`: a typed reference to a deployed instance whose generated call
/// builders (`call_mut().<message>(..)`) other contracts and clients call it through.
pub use self::did_registry::{DidRegistryContract, DidRegistryContractRef};

#[ink::contract]
mod did_registry {
    use crate::data::{Ctx, DidData};
    use crate::events::DidEvent;
    use ink::prelude::vec::Vec;
    use sovra_interfaces::did::{
        Authority, DidDocument, DidError, DidId, DidOperation, DidRegistry, KeyStatus,
        Relationship, Service, VerificationMethod,
    };

    /// The registry's storage.
    #[ink(storage)]
    pub struct DidRegistryContract {
        data: DidData,
    }

    impl DidRegistryContract {
        /// Deploys an empty registry for the network `chain_id`, which every signed operation
        /// must carry (use the chain's genesis hash; see `docs/did-method.md`). It has no owner
        /// and no admin: DIDs belong to their controllers only.
        #[ink(constructor)]
        pub fn new(chain_id: [u8; 32]) -> Self {
            Self { data: DidData::new(chain_id) }
        }

        /// The network identifier fixed at construction, part of every signed payload.
        /// Read-only; anyone may call.
        #[ink(message)]
        pub fn chain_id(&self) -> [u8; 32] {
            self.data.chain_id()
        }

        /// Creates a DID with id `did_id_for(caller, salt)` and the caller as its only
        /// controller; returns the id. Anyone may call; one account creates many DIDs with
        /// different salts.
        ///
        /// Errors: `AlreadyExists` if that id exists or was deactivated.
        /// Events: `DidCreated`.
        #[ink(message)]
        pub fn create_did(&mut self, salt: [u8; 32]) -> Result<DidId, DidError> {
            let ctx = Ctx::current();
            let (did, events) = self.data.create(&ctx, salt)?;
            DidEvent::emit_all(events);
            Ok(did)
        }

        /// Adds `controller` to `did`. Caller: a controller.
        ///
        /// Errors: `NotFound`, `Deactivated`, `NotController`, `ControllerExists`,
        /// `TooManyControllers`, `Overflow`. Events: `ControllerAdded`.
        #[ink(message)]
        pub fn add_controller(&mut self, did: DidId, controller: AccountId) -> Result<(), DidError> {
            self.execute(did, DidOperation::AddController(controller))
        }

        /// Removes `controller` from `did`. Caller: a controller (may remove itself).
        ///
        /// Errors: `NotFound`, `Deactivated`, `NotController`, `ControllerNotFound`,
        /// `LastController`, `Overflow`. Events: `ControllerRemoved`.
        #[ink(message)]
        pub fn remove_controller(&mut self, did: DidId, controller: AccountId) -> Result<(), DidError> {
            self.execute(did, DidOperation::RemoveController(controller))
        }

        /// Adds a verification method to `did`. Caller: a controller.
        ///
        /// Errors: `NotFound`, `Deactivated`, `NotController`, `EmptyField`, `FragmentTooLong`,
        /// `InvalidKeyLength`, `InvalidRelationships`, `InvalidValidityWindow`, `MethodExists`,
        /// `TooManyMethods`, `AccountMethodExists`, `Overflow`.
        /// Events: `VerificationMethodAdded`.
        #[ink(message)]
        pub fn add_verification_method(
            &mut self,
            did: DidId,
            method: VerificationMethod,
        ) -> Result<(), DidError> {
            self.execute(did, DidOperation::AddVerificationMethod(method))
        }

        /// Removes the verification method `method_id` from `did`. Caller: a controller.
        ///
        /// Errors: `NotFound`, `Deactivated`, `NotController`, `MethodNotFound`, `Overflow`.
        /// Events: `VerificationMethodRemoved`.
        #[ink(message)]
        pub fn remove_verification_method(
            &mut self,
            did: DidId,
            method_id: Vec<u8>,
        ) -> Result<(), DidError> {
            self.execute(did, DidOperation::RemoveVerificationMethod(method_id))
        }

        /// Replaces the validity window of method `method_id` (block timestamps in ms, from
        /// inclusive, until exclusive). Key rotation: add the new key, then set the old key's
        /// `valid_until` to the end of the grace period. Caller: a controller.
        ///
        /// Errors: `NotFound`, `Deactivated`, `NotController`, `MethodNotFound`,
        /// `InvalidValidityWindow`, `Overflow`. Events: `VerificationMethodValidityChanged`.
        #[ink(message)]
        pub fn set_method_validity(
            &mut self,
            did: DidId,
            method_id: Vec<u8>,
            valid_from: Option<u64>,
            valid_until: Option<u64>,
        ) -> Result<(), DidError> {
            self.execute(
                did,
                DidOperation::SetMethodValidity { id: method_id, valid_from, valid_until },
            )
        }

        /// Adds a service endpoint to `did`. Caller: a controller.
        ///
        /// Errors: `NotFound`, `Deactivated`, `NotController`, `EmptyField`, `FragmentTooLong`,
        /// `ServiceTypeTooLong`, `EndpointTooLong`, `ServiceExists`, `TooManyServices`,
        /// `Overflow`. Events: `ServiceAdded`.
        #[ink(message)]
        pub fn add_service(&mut self, did: DidId, service: Service) -> Result<(), DidError> {
            self.execute(did, DidOperation::AddService(service))
        }

        /// Removes the service `service_id` from `did`. Caller: a controller.
        ///
        /// Errors: `NotFound`, `Deactivated`, `NotController`, `ServiceNotFound`, `Overflow`.
        /// Events: `ServiceRemoved`.
        #[ink(message)]
        pub fn remove_service(&mut self, did: DidId, service_id: Vec<u8>) -> Result<(), DidError> {
            self.execute(did, DidOperation::RemoveService(service_id))
        }

        /// Deactivates `did` for ever: it then rejects every change, resolves with
        /// `deactivated = true`, and its id can never be created again. Caller: a controller.
        ///
        /// Errors: `NotFound`, `Deactivated`, `NotController`, `Overflow`.
        /// Events: `DidDeactivated`.
        #[ink(message)]
        pub fn deactivate(&mut self, did: DidId) -> Result<(), DidError> {
            self.execute(did, DidOperation::Deactivate)
        }

        /// Declares the verification method `method_id` of `did` compromised from `since` (ms,
        /// not in the future): the method leaves the document (kept in its `compromised`
        /// list), stops authorising, its id can never be used again, and credentials it issued
        /// at or after `since` verify as `IssuerKeyCompromised` (earlier ones stay valid). A
        /// method already removed can be marked too; marking again may only move `since`
        /// earlier. Caller: a controller.
        ///
        /// Errors: `NotFound`, `Deactivated`, `NotController`, `EmptyField`,
        /// `FragmentTooLong`, `InvalidCompromiseTime`, `TooManyCompromised`, `Overflow`.
        /// Events: `MethodCompromised`.
        #[ink(message)]
        pub fn mark_compromised(&mut self, did: DidId, method_id: Vec<u8>, since: u64) -> Result<(), DidError> {
            self.execute(did, DidOperation::MarkCompromised { id: method_id, since })
        }

        /// Consumes the DID's next nonce without changing the document: every signed operation
        /// not yet submitted becomes invalid. Caller: a controller.
        ///
        /// Errors: `NotFound`, `Deactivated`, `NotController`, `Overflow`.
        /// Events: `NonceBumped`.
        #[ink(message)]
        pub fn bump_nonce(&mut self, did: DidId) -> Result<(), DidError> {
            let ctx = Ctx::current();
            let events = self.data.bump_nonce(&ctx, did)?;
            DidEvent::emit_all(events);
            Ok(())
        }

        /// Executes `operation` on `did` for the controller who signed it; anyone (a relayer)
        /// may submit. The signature is a 65-byte recoverable secp256k1 ECDSA signature over
        /// `blake2b-256(signing_payload(did, operation, nonce, deadline))`; the signer's account
        /// is `blake2b-256(compressed public key)`.
        ///
        /// The relayer pays the storage deposit of whatever the operation adds (at most one
        /// bounded item); whoever later removes it is refunded (see `docs/threat-model.md`).
        ///
        /// Errors: `NotFound`, `Expired` (block > `deadline`), `NonceUsed` (replay or a change
        /// since signing), `InvalidNonce` (ahead of the next nonce), `NonCanonicalSignature`
        /// (high S, or v not 0/1), `BadSignature`, `NotController` (wrong signer), and the
        /// operation's own errors.
        /// Events: the operation's event, then `SignedOperationExecuted`.
        #[ink(message)]
        pub fn execute_signed(
            &mut self,
            did: DidId,
            operation: DidOperation,
            nonce: u64,
            deadline: BlockNumber,
            signature: [u8; 65],
        ) -> Result<(), DidError> {
            let ctx = Ctx::current();
            let registry = self.env().account_id();
            let events = self.data.execute_signed(
                &ctx, registry, did, operation, nonce, deadline, &signature,
            )?;
            DidEvent::emit_all(events);
            Ok(())
        }

        /// The exact bytes a controller signs to have `operation` relayed:
        /// `<Bytes>` ++ SCALE(`SignedPayload`) ++ `</Bytes>`, the payload binding this
        /// registry's chain id and address. Read-only; anyone may call.
        #[ink(message)]
        pub fn signing_payload(
            &self,
            did: DidId,
            operation: DidOperation,
            nonce: u64,
            deadline: BlockNumber,
        ) -> Vec<u8> {
            self.data.signing_message(self.env().account_id(), did, operation, nonce, deadline)
        }

        /// The id `create_did(salt)` yields for `creator`. Read-only; anyone may call.
        #[ink(message)]
        pub fn did_id_for(&self, creator: AccountId, salt: [u8; 32]) -> DidId {
            DidData::did_id(&creator, &salt)
        }

        /// Resolves `did` to its document and W3C metadata (deactivated DIDs resolve with
        /// `deactivated = true`). Read-only; anyone may call.
        ///
        /// Errors: `NotFound`.
        #[ink(message)]
        pub fn resolve(&self, did: DidId) -> Result<DidDocument, DidError> {
            self.data.resolve(did)
        }


        fn execute(&mut self, did: DidId, operation: DidOperation) -> Result<(), DidError> {
            let ctx = Ctx::current();
            let events = self.data.execute(&ctx, did, operation)?;
            DidEvent::emit_all(events);
            Ok(())
        }
    }

    impl DidRegistry for DidRegistryContract {
        /// Whether `did` exists and is not deactivated. Read-only; anyone may call.
        #[ink(message)]
        fn is_active(&self, did: DidId) -> bool {
            self.data.is_active(did)
        }

        /// Whether `account` is a controller of the active DID `did`. Read-only.
        #[ink(message)]
        fn is_controller(&self, did: DidId, account: AccountId) -> bool {
            self.data.is_controller(did, account)
        }

        /// Whether `account` may act for the active DID `did` in `relationship` now: a
        /// controller, or an `Account` method with that relationship valid at the current
        /// block timestamp. Read-only; the credential registry calls it.
        #[ink(message)]
        fn is_authorized(&self, did: DidId, account: AccountId, relationship: Relationship) -> bool {
            self.data
                .is_authorized(did, account, relationship, self.env().block_timestamp())
        }

        /// How `account` is authorised for the active DID `did` in `relationship` now
        /// (controller or `Account` method), or `None`. Read-only; the credential registry
        /// records it as the issuing key.
        #[ink(message)]
        fn authority(&self, did: DidId, account: AccountId, relationship: Relationship) -> Option<Authority> {
            self.data.authority(did, account, relationship, self.env().block_timestamp())
        }

        /// Whether `did` is active and since when `key` is compromised, if it is. Read-only;
        /// the credential registry calls it when verifying.
        #[ink(message)]
        fn key_status(&self, did: DidId, key: Authority) -> KeyStatus {
            self.data.key_status(did, &key)
        }
    }
}
