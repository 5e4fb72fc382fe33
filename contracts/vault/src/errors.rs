//! The vault's errors: [`VaultError`], and how the kit's errors map to it.

use sovra_kit::access::MissingRole;

sovra_kit::named_errors! {
    /// Every way a vault call can fail.
    #[derive(Debug, Clone, Copy, PartialEq, Eq)]
    #[ink::scale_derive(Encode, Decode, TypeInfo)]
    pub enum VaultError {
        /// No asset has this id.
        UnknownAsset,
        /// A fractionalization asked for 0 shares.
        ZeroShares,
        /// The caller does not own the NFT.
        NotOwner,
        /// The NFT did not arrive (the vault is not approved for it, or the collection refused).
        NotReceived,
        /// The share token could not be created (no code at the share code hash, or its
        /// constructor refused).
        SharesNotCreated,
        /// The share token refused to mint the shares to the depositor (e.g. its compliance gate)
        /// or to take the vault's roles from it.
        MintFailed,
        /// The asset is not in the state this step needs (held, auctioned, sold).
        WrongState,
        /// Redeeming needs every share in circulation; the caller holds fewer.
        NotAllShares,
        /// The share token refused to move or burn the shares (allowance, balance).
        SharesNotTaken,
        /// The NFT could not be handed over.
        DeliveryFailed,
        /// A buyout needs at least the reserve price.
        BelowReserve,
        /// A bid must beat the current one by at least `MIN_RAISE_BPS`.
        BidTooLow,
        /// The auction window has closed.
        AuctionClosed,
        /// The auction window is still open.
        AuctionOpen,
        /// The caller may not receive the NFT: it lacks a valid credential of the collection's
        /// compliance schema.
        ComplianceFailed,
        /// Nothing to withdraw, or nothing to claim.
        NothingDue,
        /// The native transfer failed; the amount stays due.
        PaymentFailed,
        /// A reserve-price proposal is open (vote on it), or none is (propose one).
        ProposalState,
        /// The caller has voted on this reserve-price proposal already.
        AlreadyVoted,
        /// The caller had no share votes at the proposal's snapshot.
        NoVotes,
        /// The caller lacks the role the message requires.
        MissingRole,
        /// A parameter is out of range (auction window, vote period).
        InvalidSettings,
        /// A number would overflow.
        Overflow,
    }
}

impl From<MissingRole> for VaultError {
    fn from(_: MissingRole) -> Self {
        VaultError::MissingRole
    }
}
