//! # Sovra vault
//!
//! Fractional ownership: the owner of a PSP34 NFT (Sovra's or any PSP34) deposits it and
//! receives PSP22 shares — a Sovra token instantiated for the asset from the token's code hash,
//! so the shares trade, delegate and vote like any Sovra token, gated like the collection. The
//! holder of every share can redeem the NFT; anyone may buy it out at or above a reserve price
//! the holders set by a share-weighted vote, in an auction that anyone may outbid (outbid bids
//! are withdrawn by pull); the holders then claim the price pro rata by burning their shares.
//!
//! The rules live in [`data::VaultData`] (reaching the other contracts through
//! [`data::World`]); this module is the thin `#[ink::contract]` shell and the `World` made of
//! cross-contract calls.
#![cfg_attr(not(feature = "std"), no_std, no_main)]

pub mod data;
pub mod errors;
pub mod events;

/// The contract, and `VaultRef`: a typed reference to a deployed instance.
pub use self::vault::{Vault, VaultRef};

#[ink::contract]
mod vault {
    use crate::data::{Asset, AssetId, Auction, Ctx, ReserveProposal, Sale, Settings, ShareArgs, VaultData, World};
    use crate::errors::VaultError;
    use crate::events::VaultEvent;
    use ink::prelude::{string::String, vec::Vec};
    use scale::Encode;
    use sovra_interfaces::access::{AccessControl, RoleError, RoleId};
    use sovra_interfaces::compliance::ComplianceGate;
    use sovra_interfaces::psp34::Id;
    use sovra_kit::compliance::{CredentialOracle, Registry};
    use sovra_kit::raw;
    use sovra_kit::upgrade::{UpgradeError, Upgradeable};

    type Env = ink::env::DefaultEnvironment;

    /// The vault's storage.
    #[ink(storage)]
    pub struct Vault {
        data: VaultData,
    }

    /// The other contracts, reached with cross-contract calls that may not call back into the
    /// vault (no reentry), and the chain's native currency.
    struct Chain;

    impl World for Chain {
        fn vault(&self) -> AccountId {
            ink::env::account_id::<Env>()
        }
        fn nft_owner(&self, nft: AccountId, id: &Id) -> Option<AccountId> {
            raw::query::<Option<AccountId>>(&nft, ink::selector_bytes!("PSP34::owner_of"), id).flatten()
        }
        fn nft_transfer(&mut self, nft: AccountId, to: AccountId, id: &Id) -> bool {
            raw::call(&nft, ink::selector_bytes!("PSP34::transfer"), &(to, id, Vec::<u8>::new()).encode(), 0, false)
        }
        fn nft_gate(&self, nft: AccountId) -> Option<ComplianceGate> {
            raw::query::<Option<ComplianceGate>>(&nft, ink::selector_bytes!("compliance"), &()).flatten()
        }
        fn passes(&self, gate: &ComplianceGate, who: AccountId) -> bool {
            Registry.has_valid_credential(gate, who)
        }
        fn create_shares(&mut self, code: &[u8; 32], args: &ShareArgs, salt: &[u8]) -> Option<AccountId> {
            let mut input = ink::selector_bytes!("new").to_vec();
            args.encode_to(&mut input);
            raw::instantiate(code, &input, salt)
        }
        fn mint_shares(&mut self, token: AccountId, to: AccountId, amount: u128) -> bool {
            raw::call(&token, ink::selector_bytes!("mint_to"), &(to, amount).encode(), 0, false)
        }
        fn seal_shares(&mut self, token: AccountId) -> bool {
            raw::call(&token, ink::selector_bytes!("AccessControl::hand_over"), &token.encode(), 0, false)
        }
        fn share_balance(&self, token: AccountId, who: AccountId) -> u128 {
            raw::query(&token, ink::selector_bytes!("PSP22::balance_of"), &who).unwrap_or(0)
        }
        fn share_supply(&self, token: AccountId) -> u128 {
            raw::query(&token, ink::selector_bytes!("PSP22::total_supply"), &()).unwrap_or(0)
        }
        fn take_shares(&mut self, token: AccountId, from: AccountId, amount: u128) -> bool {
            let args = (from, self.vault(), amount, Vec::<u8>::new()).encode();
            raw::call(&token, ink::selector_bytes!("PSP22::transfer_from"), &args, 0, false)
        }
        fn burn_shares(&mut self, token: AccountId, amount: u128) -> bool {
            raw::call(&token, ink::selector_bytes!("PSP22Burnable::burn"), &amount.encode(), 0, false)
        }
        fn past_votes(&self, token: AccountId, who: AccountId, block: u32) -> Option<u128> {
            raw::query::<Result<u128, sovra_interfaces::votes::VotesError>>(&token, ink::selector_bytes!("Votes::get_past_votes"), &(who, block))?.ok()
        }
        fn past_supply(&self, token: AccountId, block: u32) -> Option<u128> {
            raw::query::<Result<u128, sovra_interfaces::votes::VotesError>>(&token, ink::selector_bytes!("Votes::get_past_total_supply"), &block)?.ok()
        }
        fn votes(&self, token: AccountId, who: AccountId) -> u128 {
            raw::query(&token, ink::selector_bytes!("Votes::get_votes"), &who).unwrap_or(0)
        }
        fn pay(&mut self, to: AccountId, amount: u128) -> bool {
            ink::env::transfer::<Env>(to, amount).is_ok()
        }
    }

    impl Vault {
        /// Deploys a vault for the network `chain_id` (its genesis hash: every share token's
        /// chain id) whose share tokens are instantiated from `share_code` (the Sovra token's
        /// uploaded code hash); auctions run `auction_blocks` blocks, reserve-price votes
        /// `vote_blocks` (each 1–`MAX_WINDOW_BLOCKS`). The caller becomes admin — hand it to
        /// the governor. Errors: `InvalidSettings`. Events: `RoleGranted`, `SettingsChanged`.
        #[ink(constructor)]
        pub fn new(chain_id: [u8; 32], share_code: [u8; 32], auction_blocks: u32, vote_blocks: u32) -> Result<Self, VaultError> {
            let settings = Settings { share_code, auction_blocks, vote_blocks };
            let (data, events) = VaultData::new(chain_id, Ctx::current_block().caller, settings)?;
            VaultEvent::emit_all(events);
            Ok(Self { data })
        }

        /// The caller deposits `nft`'s token `id` (approve the vault for it first) and receives
        /// `shares` whole shares of a new Sovra token named `name` / `symbol`, gated like the
        /// collection and sealed once they exist (every role of the share token held by the share
        /// token itself: no account can mint, pause or upgrade it); `reserve_price` is the lowest
        /// buyout price. Returns the asset's id. Errors: `ZeroShares`, `InvalidSettings` (a name
        /// or symbol over 64 bytes), `NotOwner`, `NotReceived`, `SharesNotCreated`,
        /// `MintFailed`, `Overflow`. Events: `Fractionalized`.
        #[ink(message)]
        pub fn fractionalize(&mut self, nft: AccountId, id: Id, shares: Balance, name: String, symbol: String, reserve_price: Balance) -> Result<AssetId, VaultError> {
            let (asset, events) = self.data.fractionalize(&Ctx::current_block(), &mut Chain, nft, id, shares, name, symbol, reserve_price)?;
            VaultEvent::emit_all(events);
            Ok(asset)
        }

        /// The holder of every share in circulation (approve the vault for them first) burns
        /// them and receives the NFT. Not during a buyout or after a sale. Errors:
        /// `UnknownAsset`, `WrongState`, `NotAllShares`, `SharesNotTaken`, `DeliveryFailed`.
        /// Events: `Redeemed`.
        #[ink(message)]
        pub fn redeem(&mut self, asset: AssetId) -> Result<(), VaultError> {
            VaultEvent::emit_all(self.data.redeem(&Ctx::current_block(), &mut Chain, asset)?);
            Ok(())
        }

        /// Anyone who may receive the NFT opens a buyout auction of `asset` by sending at least
        /// its reserve price (the bid, held by the vault). Errors: `UnknownAsset`, `WrongState`,
        /// `BelowReserve`, `ComplianceFailed`, `Overflow`. Events: `BuyoutStarted`.
        #[ink(message, payable)]
        pub fn start_buyout(&mut self, asset: AssetId) -> Result<(), VaultError> {
            let value = self.env().transferred_value();
            VaultEvent::emit_all(self.data.start_buyout(&Ctx::current_block(), &Chain, asset, value)?);
            Ok(())
        }

        /// Anyone who may receive the NFT outbids by sending at least 5% more than the current
        /// bid before the auction closes; the outbid bidder withdraws its bid (`withdraw`). A
        /// bid in the last 10 blocks extends the auction to 10 blocks after it. Errors:
        /// `UnknownAsset`, `WrongState`, `AuctionClosed`, `BidTooLow`, `ComplianceFailed`,
        /// `Overflow`. Events: `Bid`.
        #[ink(message, payable)]
        pub fn bid(&mut self, asset: AssetId) -> Result<(), VaultError> {
            let value = self.env().transferred_value();
            VaultEvent::emit_all(self.data.bid(&Ctx::current_block(), &Chain, asset, value)?);
            Ok(())
        }

        /// Anyone closes an auction after its last block: the highest bidder buys the asset and
        /// receives the NFT (`deliver` retries if that fails); the holders claim the price.
        /// Errors: `UnknownAsset`, `WrongState`, `AuctionOpen`. Events: `BuyoutEnded`.
        #[ink(message)]
        pub fn end_buyout(&mut self, asset: AssetId) -> Result<(), VaultError> {
            VaultEvent::emit_all(self.data.end_buyout(&Ctx::current_block(), &mut Chain, asset)?);
            Ok(())
        }

        /// Anyone retries handing a sold NFT to its buyer. Errors: `UnknownAsset`,
        /// `WrongState`, `DeliveryFailed`. Events: `Delivered`.
        #[ink(message)]
        pub fn deliver(&mut self, asset: AssetId) -> Result<(), VaultError> {
            VaultEvent::emit_all(self.data.deliver(&mut Chain, asset)?);
            Ok(())
        }

        /// A holder of a sold asset's shares (approve the vault for them first) burns `shares`
        /// for its part of the price: unclaimed × shares / shares in circulation, rounded
        /// down; the holder of all remaining shares gets all that remains. A payment that
        /// fails becomes withdrawable. Errors: `UnknownAsset`, `WrongState`, `NothingDue`,
        /// `SharesNotTaken`, `Overflow`. Events: `Claimed`.
        #[ink(message)]
        pub fn claim(&mut self, asset: AssetId, shares: Balance) -> Result<(), VaultError> {
            VaultEvent::emit_all(self.data.claim(&Ctx::current_block(), &mut Chain, asset, shares)?);
            Ok(())
        }

        /// The caller takes out everything it is due (outbid bids, failed claim payments).
        /// Errors: `NothingDue`, `PaymentFailed`. Events: `Withdrawn`.
        #[ink(message)]
        pub fn withdraw(&mut self) -> Result<(), VaultError> {
            VaultEvent::emit_all(self.data.withdraw(&Ctx::current_block(), &mut Chain)?);
            Ok(())
        }

        /// A holder proposes `price` as `asset`'s reserve price and votes for it with its share
        /// votes at the previous block; it passes when the votes exceed half the shares then.
        /// Errors: `UnknownAsset`, `WrongState`, `ProposalState`, `NoVotes`, `Overflow`. Events:
        /// `ReservePriceProposed`, `ReservePriceVoted`, `ReservePriceChanged` (if it passes).
        #[ink(message)]
        pub fn propose_reserve_price(&mut self, asset: AssetId, price: Balance) -> Result<(), VaultError> {
            VaultEvent::emit_all(self.data.propose_reserve_price(&Ctx::current_block(), &Chain, asset, price)?);
            Ok(())
        }

        /// A holder votes for `asset`'s open reserve-price proposal with its share votes at the
        /// proposal's snapshot, once. Errors: `UnknownAsset`, `WrongState`, `ProposalState`,
        /// `AlreadyVoted`, `NoVotes`, `Overflow`. Events: `ReservePriceVoted`,
        /// `ReservePriceChanged` (if it passes).
        #[ink(message)]
        pub fn vote_reserve_price(&mut self, asset: AssetId) -> Result<(), VaultError> {
            VaultEvent::emit_all(self.data.vote_reserve_price(&Ctx::current_block(), &Chain, asset)?);
            Ok(())
        }

        /// Changes the share code and the windows (running auctions and votes keep their
        /// ends). Caller: admin. Errors: `MissingRole`, `InvalidSettings`. Events:
        /// `SettingsChanged`.
        #[ink(message)]
        pub fn set_settings(&mut self, settings: Settings) -> Result<(), VaultError> {
            VaultEvent::emit_all(self.data.set_settings(&Ctx::current_block(), settings)?);
            Ok(())
        }

        /// The settings. Read-only.
        #[ink(message)]
        pub fn settings(&self) -> Settings {
            self.data.settings()
        }

        /// Asset `asset`. Read-only.
        #[ink(message)]
        pub fn asset(&self, asset: AssetId) -> Option<Asset> {
            self.data.asset(asset)
        }

        /// How many assets were ever deposited (ids 0..count). Read-only.
        #[ink(message)]
        pub fn asset_count(&self) -> u32 {
            self.data.asset_count()
        }

        /// `asset`'s running auction. Read-only.
        #[ink(message)]
        pub fn auction(&self, asset: AssetId) -> Option<Auction> {
            self.data.auction(asset)
        }

        /// `asset`'s sale, once its auction ended. Read-only.
        #[ink(message)]
        pub fn sale(&self, asset: AssetId) -> Option<Sale> {
            self.data.sale(asset)
        }

        /// What `account` may withdraw. Read-only.
        #[ink(message)]
        pub fn due(&self, account: AccountId) -> Balance {
            self.data.due(account)
        }

        /// `asset`'s open (or last, unpassed) reserve-price proposal. Read-only.
        #[ink(message)]
        pub fn reserve_proposal(&self, asset: AssetId) -> Option<ReserveProposal> {
            self.data.reserve_proposal(asset)
        }

        /// `account`'s current voting power in `asset`'s share token (for a governor of the
        /// holders). Read-only. Errors: `UnknownAsset`.
        #[ink(message)]
        pub fn holder_votes(&self, asset: AssetId, account: AccountId) -> Result<Balance, VaultError> {
            let record = self.data.asset(asset).ok_or(VaultError::UnknownAsset)?;
            Ok(Chain.votes(record.shares, account))
        }
    }

    impl AccessControl for Vault {
        /// Whether `account` holds `role`. Read-only.
        #[ink(message)]
        fn has_role(&self, role: RoleId, account: AccountId) -> bool {
            self.data.roles.has(role, account)
        }

        /// Grants `role` to `account`. Caller: admin. Errors: `MissingRole`, `TooManyMembers`.
        /// Events: `RoleGranted` (none if held).
        #[ink(message)]
        fn grant_role(&mut self, role: RoleId, account: AccountId) -> Result<(), RoleError> {
            VaultEvent::emit_all(self.data.roles.grant_role(self.env().caller(), role, account)?);
            Ok(())
        }

        /// Revokes `role` from `account`. Caller: admin. Errors: `MissingRole`, `LastAdmin`.
        /// Events: `RoleRevoked` (none if not held).
        #[ink(message)]
        fn revoke_role(&mut self, role: RoleId, account: AccountId) -> Result<(), RoleError> {
            VaultEvent::emit_all(self.data.roles.revoke_role(self.env().caller(), role, account)?);
            Ok(())
        }

        /// The caller gives up `role`. Errors: `MissingRole`, `LastAdmin`. Events: `RoleRevoked`.
        #[ink(message)]
        fn renounce_role(&mut self, role: RoleId) -> Result<(), RoleError> {
            VaultEvent::emit_all(self.data.roles.renounce_role(self.env().caller(), role)?);
            Ok(())
        }

        /// How many accounts hold `role`. Read-only.
        #[ink(message)]
        fn role_member_count(&self, role: RoleId) -> u32 {
            self.data.roles.member_count(role)
        }

        /// The `index`-th holder of `role`. Read-only.
        #[ink(message)]
        fn role_member(&self, role: RoleId, index: u32) -> Option<AccountId> {
            self.data.roles.member(role, index)
        }

        /// The caller hands every role it holds to `successor` and gives them up, the admin
        /// role last. Caller: admin. Errors: `MissingRole`, `TooManyMembers`, `LastAdmin`
        /// (successor = caller). Events: `RoleGranted` per role, then `RoleRevoked` per role.
        #[ink(message)]
        fn hand_over(&mut self, successor: AccountId) -> Result<(), RoleError> {
            VaultEvent::emit_all(self.data.roles.hand_over(self.env().caller(), successor, crate::data::ROLES)?);
            Ok(())
        }
    }

    impl Upgradeable for Vault {
        /// Replaces the code with the uploaded `code_hash`, keeping the storage; `migrate` next.
        /// Caller: admin. Errors: `MissingRole`, `CodeNotFound`. Events: `CodeUpgraded`.
        #[ink(message)]
        fn set_code_hash(&mut self, code_hash: Hash) -> Result<(), UpgradeError> {
            VaultEvent::emit_all(self.data.set_code(&Ctx::current_block(), code_hash)?);
            Ok(())
        }

        /// Migrates the stored layout to this code's version. Caller: admin. Errors:
        /// `MissingRole`, `MigrationFailed`. Events: `Migrated`.
        #[ink(message)]
        fn migrate(&mut self) -> Result<(), UpgradeError> {
            VaultEvent::emit_all(self.data.migrate(&Ctx::current_block())?);
            Ok(())
        }

        /// (stored layout version, this code's version). Read-only.
        #[ink(message)]
        fn storage_version(&self) -> (u32, u32) {
            (self.data.storage_version(), crate::data::STORAGE_VERSION)
        }
    }
}
