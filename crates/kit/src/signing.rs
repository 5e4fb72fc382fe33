//! Off-chain signatures, shared by every contract that executes something a key holder signed
//! (the DID registry's relayed operations; the token's permits and vote delegation).
//!
//! The scheme is the one Polkadot wallets' ECDSA accounts use for raw payloads: the message is
//! `b"<Bytes>" ++ SCALE(payload) ++ b"</Bytes>"`, hashed with blake2b-256 and signed with
//! secp256k1 ECDSA (65-byte recoverable signature `r ++ s ++ v`). The signer's account is
//! `blake2b-256(compressed public key)`, the Substrate ECDSA account id.
//!
//! Every signed message starts with a [`Domain`] — the contract's tag, the chain it runs on
//! (its genesis hash, a constructor argument) and the contract's address — followed by the
//! contract's own payload (what is authorised, a nonce and a deadline). [`signing_message`] is
//! the only way to build a message and needs a `Domain`, so no payload of the suite can leave the
//! chain or the contract out: a signature made on a staging fork or for another deployment does
//! not verify. [`check_fresh`] applies the nonce and deadline rules.

use crate::context::blake2;
use ink::prelude::vec::Vec;
use ink::primitives::AccountId;
#[cfg(feature = "nonces")]
use ink::storage::Mapping;
use scale::Encode;
pub use sovra_interfaces::signing::SignatureError;

/// Half the order of secp256k1, big-endian: signatures with a larger S are rejected, so each
/// signature has exactly one accepted encoding.
pub const SECP256K1_HALF_ORDER: [u8; 32] = [
    0x7f, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff,
    0x5d, 0x57, 0x6e, 0x73, 0x57, 0xa4, 0x50, 0x1d, 0xdf, 0xe9, 0x2f, 0x46, 0x68, 0x1b, 0x20, 0xa0,
];

/// Where a signature is valid: one contract (`tag`, e.g. `b"sovra-token/v1"`, and its address)
/// on one chain.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Domain {
    /// The contract kind and payload version.
    pub tag: &'static [u8],
    /// The chain identifier (the genesis hash the contract was constructed with).
    pub chain: [u8; 32],
    /// The contract's address.
    pub contract: AccountId,
}

/// The exact bytes a signer signs for `payload` in `domain`:
/// `<Bytes>` ++ tag ++ chain ++ contract ++ SCALE(payload) ++ `</Bytes>` (the tag as raw bytes,
/// as SCALE encodes a fixed-size byte array).
pub fn signing_message(domain: &Domain, payload: &impl Encode) -> Vec<u8> {
    let mut message = Vec::new();
    message.extend_from_slice(b"<Bytes>");
    message.extend_from_slice(domain.tag);
    message.extend_from_slice(&domain.chain);
    message.extend_from_slice(<AccountId as AsRef<[u8; 32]>>::as_ref(&domain.contract));
    payload.encode_to(&mut message);
    message.extend_from_slice(b"</Bytes>");
    message
}

/// Whether a 65-byte recoverable signature is in its one canonical form: recovery id 0 or 1 and
/// S at most half the curve order (otherwise `(r, n - s, v ^ 1)`, or `v + 27`, would be a
/// second valid encoding of the same signature).
pub fn is_canonical(signature: &[u8; 65]) -> bool {
    let s_ok = signature.get(32..64).is_some_and(|s| s <= &SECP256K1_HALF_ORDER[..]);
    s_ok && matches!(signature.get(64), Some(0 | 1))
}

/// Nonce and deadline rules: `nonce` must be the signer's `next` one, and `block` at most
/// `deadline`.
pub fn check_fresh(next: u64, nonce: u64, block: u32, deadline: u32) -> Result<(), SignatureError> {
    if block > deadline {
        Err(SignatureError::Expired)
    } else if nonce < next {
        Err(SignatureError::NonceUsed)
    } else if nonce > next {
        Err(SignatureError::NonceAhead)
    } else {
        Ok(())
    }
}

/// The account whose key signed `message` (see the module docs), for canonical signatures only.
pub fn recover_signer(message: &[u8], signature: &[u8; 65]) -> Result<AccountId, SignatureError> {
    if !is_canonical(signature) {
        return Err(SignatureError::NonCanonical);
    }
    let mut public_key = [0u8; 33];
    ink::env::ecdsa_recover(signature, &blake2(message), &mut public_key).map_err(|_| SignatureError::Unrecoverable)?;
    Ok(AccountId::from(blake2(&public_key)))
}

/// Per-signer nonces of signed operations (the token's permits and delegations, the governor's
/// votes), with the whole acceptance rule in one place: fresh nonce and deadline, canonical
/// signature, the expected signer, then the nonce is used up. Embed it in a contract's storage.
#[cfg(feature = "nonces")]
#[ink::storage_item]
#[derive(Debug, Default)]
pub struct Nonces {
    next: Mapping<AccountId, u64>,
}

#[cfg(feature = "nonces")]
impl Nonces {
    /// The next nonce `signer` signs with.
    pub fn next(&self, signer: AccountId) -> u64 {
        self.next.get(signer).unwrap_or(0)
    }

    /// Accepts `signature` over `signing_message(domain, payload)` as `signer`'s, with `nonce`
    /// valid through `deadline` at `block`, and uses the nonce up. `payload` must contain
    /// `nonce` and `deadline`.
    #[allow(clippy::too_many_arguments)]
    pub fn consume(
        &mut self,
        domain: &Domain,
        signer: AccountId,
        nonce: u64,
        block: u32,
        deadline: u32,
        payload: &impl Encode,
        signature: &[u8; 65],
    ) -> Result<(), SignatureError> {
        let next = self.next(signer);
        check_fresh(next, nonce, block, deadline)?;
        if recover_signer(&signing_message(domain, payload), signature)? != signer {
            return Err(SignatureError::WrongSigner);
        }
        self.next.insert(signer, &next.checked_add(1).ok_or(SignatureError::NonceOverflow)?);
        Ok(())
    }

    /// `signer` uses up its next nonce without a signature, so anything it signed with that
    /// nonce (a pending permit or vote) can no longer execute. Returns the event to emit.
    pub fn bump(&mut self, signer: AccountId) -> Result<SignerNonceBumped, SignatureError> {
        let next_nonce = self.next(signer).checked_add(1).ok_or(SignatureError::NonceOverflow)?;
        self.next.insert(signer, &next_nonce);
        Ok(SignerNonceBumped { signer, next_nonce })
    }
}

/// Emitted when a signer uses up a nonce without a signature (`bump_nonce`): what it signed
/// with a lower nonce is void.
#[cfg(feature = "nonces")]
#[ink::event]
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SignerNonceBumped {
    /// Whose nonce.
    #[ink(topic)]
    pub signer: AccountId,
    /// The nonce it signs with from now on.
    pub next_nonce: u64,
}

/// A secp256k1 key for tests: signs what [`recover_signer`] recovers (feature `test-signer`,
/// never in contract builds).
#[cfg(feature = "test-signer")]
pub mod test_signer {
    use super::*;
    use secp256k1::{Message, PublicKey, SecretKey, SECP256K1};

    /// secp256k1's group order n, big-endian.
    const ORDER: [u8; 32] = [
        0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xfe,
        0xba, 0xae, 0xdc, 0xe6, 0xaf, 0x48, 0xa0, 0x3b, 0xbf, 0xd2, 0x5e, 0x8c, 0xd0, 0x36, 0x41, 0x41,
    ];

    /// A signing key derived from a one-byte seed.
    pub struct EcdsaSigner(SecretKey);

    impl EcdsaSigner {
        /// The key whose secret is 32 bytes of `seed` (not zero).
        pub fn new(seed: u8) -> Self {
            EcdsaSigner(SecretKey::from_slice(&[seed; 32]).expect("a non-zero seed is a valid key"))
        }

        /// Its Substrate ECDSA account id.
        pub fn account(&self) -> AccountId {
            AccountId::from(blake2(&PublicKey::from_secret_key(SECP256K1, &self.0).serialize()))
        }

        /// Its 65-byte recoverable signature (low S) over `message`.
        pub fn sign(&self, message: &[u8]) -> [u8; 65] {
            let sig = SECP256K1.sign_ecdsa_recoverable(&Message::from_digest(blake2(message)), &self.0);
            let (id, bytes) = sig.serialize_compact();
            let mut out = [0u8; 65];
            out[..64].copy_from_slice(&bytes);
            out[64] = u8::try_from(id.to_i32()).expect("recovery id is 0..=3");
            out
        }
    }

    /// The same signature with S replaced by n - S and the recovery id flipped: it recovers the
    /// same key, so it is the malleated twin [`is_canonical`] must reject.
    #[allow(clippy::arithmetic_side_effects, clippy::indexing_slicing, clippy::cast_possible_truncation, clippy::cast_sign_loss)]
    pub fn malleate(signature: [u8; 65]) -> [u8; 65] {
        let mut out = signature;
        let mut borrow = 0i16;
        for i in (0..32).rev() {
            let mut d = i16::from(ORDER[i]) - i16::from(signature[32 + i]) - borrow;
            borrow = i16::from(d < 0);
            if d < 0 {
                d += 256;
            }
            out[32 + i] = d as u8;
        }
        out[64] ^= 1;
        out
    }
}
