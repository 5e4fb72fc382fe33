//! The NFT's errors: [`NftError`] for its own messages (the standard PSP34 messages report it as
//! `PSP34Error`), and how the kit's errors map to it.

use sovra_kit::access::MissingRole;
use sovra_kit::pause::PauseError;

sovra_kit::named_errors! {
    /// Every way an NFT call can fail. The standard PSP34 messages report `TokenExists`,
    /// `TokenNotExists`, `NotApproved` and `SelfApprove` as the standard's errors and the rest as
    /// `PSP34Error::Custom(name)`.
    #[derive(Debug, Clone, Copy, PartialEq, Eq)]
    #[ink::scale_derive(Encode, Decode, TypeInfo)]
    pub enum NftError {
        /// A token with this id exists.
        TokenExists,
        /// No token with this id exists.
        TokenNotExists,
        /// The caller is neither the owner nor approved (nor, for soulbound burns, a minter).
        NotApproved,
        /// An account cannot approve itself.
        SelfApprove,
        /// `burn(account, id)` names an account that does not own the token.
        NotOwner,
        /// The caller lacks the role the message requires.
        MissingRole,
        /// Transfers, mints and burns are paused.
        Paused,
        /// The collection is soulbound: tokens are minted and burned, never transferred or approved.
        Soulbound,
        /// The receiver holds no valid credential of the compliance schema (or the credential
        /// registry did not answer: the gate fails closed).
        ComplianceFailed,
        /// Pausing a paused collection, or unpausing a running one.
        AlreadyInThatState,
        /// An `Id::Bytes` id is longer than `MAX_ID_BYTES`, or is the collection's own id.
        InvalidId,
        /// An attribute key is empty or longer than `MAX_ATTRIBUTE_KEY`, or a value is longer than
        /// `MAX_ATTRIBUTE_VALUE`.
        AttributeTooLong,
        /// The token (or collection) already has `MAX_ATTRIBUTES` attributes.
        TooManyAttributes,
        /// Royalty basis points above `MAX_ROYALTY_BPS`.
        RoyaltyTooHigh,
        /// A counter would overflow.
        Overflow,
    }
}

impl From<MissingRole> for NftError {
    fn from(_: MissingRole) -> Self {
        NftError::MissingRole
    }
}


impl From<PauseError> for NftError {
    fn from(e: PauseError) -> Self {
        match e {
            PauseError::MissingRole => NftError::MissingRole,
            PauseError::AlreadyInThatState => NftError::AlreadyInThatState,
        }
    }
}
