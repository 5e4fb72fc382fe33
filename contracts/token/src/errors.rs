//! The token's errors: [`TokenError`] for its own messages (the standard PSP22 messages report it
//! as `PSP22Error`: see `psp22_error`), and how the kit's and the votes interface's errors map to it.

use sovra_kit::access::MissingRole;
use sovra_kit::checkpoints::CheckpointError;
use sovra_kit::pause::PauseError;
use sovra_interfaces::votes::VotesError;

sovra_kit::named_errors! {
    /// Every way a token call can fail. The standard PSP22 messages report `InsufficientBalance` and
    /// `InsufficientAllowance` as the standard's errors and the rest as `PSP22Error::Custom(name)`.
    #[derive(Debug, Clone, Copy, PartialEq, Eq)]
    #[ink::scale_derive(Encode, Decode, TypeInfo)]
    pub enum TokenError {
        /// The sender's balance is too low.
        InsufficientBalance,
        /// The spender's allowance is too low.
        InsufficientAllowance,
        /// The caller lacks the role the message requires.
        MissingRole,
        /// Transfers, mints and burns are paused.
        Paused,
        /// The receiver holds no valid credential of the compliance schema (or the credential
        /// registry did not answer: the gate fails closed).
        ComplianceFailed,
        /// Minting would exceed the supply cap.
        CapExceeded,
        /// Pausing a paused token, or unpausing a running one.
        AlreadyInThatState,
        /// A past lookup for the current or a future block.
        FutureLookup,
        /// A signed permit or delegation's deadline block has passed.
        Expired,
        /// The signed nonce was already used (replay).
        NonceUsed,
        /// The signed nonce is ahead of the signer's next one.
        InvalidNonce,
        /// The signature is not canonical (high S, or v not 0/1).
        NonCanonicalSignature,
        /// No key recovers from the signature, or it recovers to someone other than the owner
        /// (another payload, purpose, token or signer).
        BadSignature,
        /// A counter would overflow.
        Overflow,
    }
}

impl From<MissingRole> for TokenError {
    fn from(_: MissingRole) -> Self {
        TokenError::MissingRole
    }
}


impl From<CheckpointError> for TokenError {
    fn from(_: CheckpointError) -> Self {
        TokenError::Overflow
    }
}

impl From<PauseError> for TokenError {
    fn from(e: PauseError) -> Self {
        match e {
            PauseError::MissingRole => TokenError::MissingRole,
            PauseError::AlreadyInThatState => TokenError::AlreadyInThatState,
        }
    }
}

sovra_interfaces::signature_errors!(TokenError);

impl From<TokenError> for VotesError {
    fn from(e: TokenError) -> Self {
        match e {
            TokenError::FutureLookup => VotesError::FutureLookup,
            _ => VotesError::Overflow,
        }
    }
}
