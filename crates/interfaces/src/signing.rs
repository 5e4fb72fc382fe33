//! Why a signed operation was refused: each contract's error names these cases its own way
//! (`From<SignatureError>`). The scheme is `sovra_kit::signing`.

/// Why a signature was not accepted.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SignatureError {
    /// The deadline block has passed.
    Expired,
    /// The nonce was already used.
    NonceUsed,
    /// The nonce is ahead of the next one.
    NonceAhead,
    /// High S or a recovery id other than 0 / 1.
    NonCanonical,
    /// No public key recovers from it.
    Unrecoverable,
    /// It recovers to another account than the expected signer (another payload, purpose,
    /// contract or key).
    WrongSigner,
    /// The signer's nonce counter is exhausted.
    NonceOverflow,
}


/// `impl From<SignatureError> for $error`, for an error enum with the suite's signed-operation
/// variants — `Expired`, `NonceUsed`, `InvalidNonce`, `NonCanonicalSignature`, `BadSignature`
/// and `Overflow` — so every contract that accepts signatures reports them the same way
/// (the token's `TokenError`, the governor's `GovernorError`).
#[macro_export]
macro_rules! signature_errors {
    ($error:ident) => {
        impl From<$crate::signing::SignatureError> for $error {
            fn from(e: $crate::signing::SignatureError) -> Self {
                use $crate::signing::SignatureError as S;
                match e {
                    S::Expired => $error::Expired,
                    S::NonceUsed => $error::NonceUsed,
                    S::NonceAhead => $error::InvalidNonce,
                    S::NonCanonical => $error::NonCanonicalSignature,
                    S::Unrecoverable | S::WrongSigner => $error::BadSignature,
                    S::NonceOverflow => $error::Overflow,
                }
            }
        }
    };
}
