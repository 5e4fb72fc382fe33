//! # Sovra governance token
//!
//! A PSP22 fungible token (standard selectors and events, from the `psp22` crate's trait
//! definitions) with roles (admin, minter, pauser; the shared `sovra_kit::access` model), an
//! optional supply cap fixed at construction, pause, and checkpointed votes with delegation
//! (`sovra_interfaces::votes::Votes`, OpenZeppelin ERC20Votes semantics on block numbers) for the
//! DAO governor. Holders vote with their balance by default (self-delegation on first receipt).
//!
//! The rules live in [`data::TokenData`]; this module is the thin `#[ink::contract]` shell.
#![cfg_attr(not(feature = "std"), no_std, no_main)]

pub mod data;
pub mod errors;
pub mod events;

/// The contract, and `TokenRef`: a typed reference to a deployed instance whose generated call
/// builders (`call_mut().<message>(..)`) other contracts and clients call it through.
pub use self::token::{Token, TokenRef};

#[ink::contract]
mod token {
    use sovra_interfaces::access::{AccessControl, RoleError};
    use crate::data::{ComplianceGate, Ctx, RoleId, SignedAction, TokenData};
    use crate::errors::TokenError;
    use crate::events::TokenEvent;
    use sovra_kit::compliance::Registry;
    use ink::prelude::{string::String, vec::Vec};
    use psp22::{PSP22Burnable, PSP22Error, PSP22Metadata, PSP22Mintable, PSP22};
    use sovra_kit::checkpoints::Checkpoint;
    use sovra_kit::upgrade::{UpgradeError, Upgradeable};
    use sovra_interfaces::votes::{Votes, VotesError};

    /// The token's storage.
    #[ink(storage)]
    pub struct Token {
        data: TokenData,
        name: Option<String>,
        symbol: Option<String>,
        decimals: u8,
        /// Only in the test build `incompatible-storage`: a root it cannot read from the
        /// token's storage.
        #[cfg(feature = "incompatible-storage")]
        incompatible: u128,
    }

    /// A standard message's error: the standard's own variants where they exist, else
    /// `Custom(<TokenError name>)`.
    fn psp22_error(e: TokenError) -> PSP22Error {
        match e {
            TokenError::InsufficientBalance => PSP22Error::InsufficientBalance,
            TokenError::InsufficientAllowance => PSP22Error::InsufficientAllowance,
            other => PSP22Error::Custom(String::from(other.name())),
        }
    }

    impl Token {
        /// Deploys a token for the network `chain_id` (its genesis hash: every signed permit
        /// and delegation names it) named `name` / `symbol` with `decimals`; the caller receives
        /// `initial_supply` and every role (admin, minter, pauser) — hand them to the governor.
        /// `cap` (fixed for ever) bounds the total supply. `compliance` (changeable by the
        /// admin) makes every receiver of a transfer or mint — the deployer's initial supply
        /// included — hold a valid credential of its schema. Fails (reverts) with `CapExceeded`
        /// or `ComplianceFailed`. Events: `RoleGranted` ×3, `ComplianceChanged` (if set),
        /// `Transfer` (mint), `DelegateChanged`, `DelegateVotesChanged`.
        #[ink(constructor)]
        pub fn new(
            chain_id: [u8; 32],
            name: Option<String>,
            symbol: Option<String>,
            decimals: u8,
            initial_supply: Balance,
            cap: Option<Balance>,
            compliance: Option<ComplianceGate>,
        ) -> Result<Self, TokenError> {
            let ctx = Ctx::current_block();
            let (data, events) = TokenData::new(&ctx, &Registry, chain_id, ctx.caller, initial_supply, cap, compliance)?;
            let token = Self {
                data,
                name,
                symbol,
                decimals,
                #[cfg(feature = "incompatible-storage")]
                incompatible: 0,
            };
            TokenEvent::emit_all(events);
            Ok(token)
        }

        /// The supply cap, if any. Read-only.
        #[ink(message)]
        pub fn cap(&self) -> Option<Balance> {
            self.data.cap()
        }

        /// The compliance gate (credential registry and schema receivers need), if any.
        /// Read-only.
        #[ink(message)]
        pub fn compliance(&self) -> Option<ComplianceGate> {
            self.data.compliance()
        }

        /// Sets, changes or removes (`None`) the compliance gate. Caller: admin. Errors:
        /// `MissingRole`. Events: `ComplianceChanged`.
        #[ink(message)]
        pub fn set_compliance(&mut self, gate: Option<ComplianceGate>) -> Result<(), TokenError> {
            let events = self.data.set_compliance(&Ctx::current_block(), gate)?;
            TokenEvent::emit_all(events);
            Ok(())
        }

        /// Whether transfers, mints and burns are paused. Read-only.
        #[ink(message)]
        pub fn paused(&self) -> bool {
            self.data.paused()
        }

        /// Pauses transfers, mints and burns (never delegation or approvals). Caller: pauser.
        /// Errors: `MissingRole`, `AlreadyInThatState`. Events: `PausedChanged`.
        #[ink(message)]
        pub fn pause(&mut self) -> Result<(), TokenError> {
            let events = self.data.set_paused(&Ctx::current_block(), true)?;
            TokenEvent::emit_all(events);
            Ok(())
        }

        /// Resumes transfers, mints and burns. Caller: pauser. Errors: `MissingRole`,
        /// `AlreadyInThatState`. Events: `PausedChanged`.
        #[ink(message)]
        pub fn unpause(&mut self) -> Result<(), TokenError> {
            let events = self.data.set_paused(&Ctx::current_block(), false)?;
            TokenEvent::emit_all(events);
            Ok(())
        }

        /// Mints `value` to `to` (the standard `PSP22Mintable::mint` mints to the caller).
        /// Caller: minter. Errors: `MissingRole`, `Paused`, `CapExceeded`, `Overflow`.
        /// Events: `Transfer`, vote events.
        #[ink(message)]
        pub fn mint_to(&mut self, to: AccountId, value: Balance) -> Result<(), TokenError> {
            let events = self.data.mint(&Ctx::current_block(), &Registry, to, value)?;
            TokenEvent::emit_all(events);
            Ok(())
        }

        /// Sets `owner`'s allowance for `spender` to `value` on `owner`'s secp256k1 signature
        /// over `signing_payload(Permit{..}, nonce, deadline)` (ERC-2612 style; the owner is a
        /// Substrate ECDSA account; the payload names this chain and token). Anyone may
        /// submit. A signed permit stays valid until its deadline even after `approve(spender,
        /// 0)`: to withdraw one not yet submitted, call `bump_nonce`. Errors: `Expired`,
        /// `NonceUsed`, `InvalidNonce`, `NonCanonicalSignature`, `BadSignature`. Events:
        /// `Approval`.
        #[ink(message)]
        pub fn permit(
            &mut self,
            owner: AccountId,
            spender: AccountId,
            value: Balance,
            nonce: u64,
            deadline: BlockNumber,
            signature: [u8; 65],
        ) -> Result<(), TokenError> {
            self.signed(SignedAction::Permit { owner, spender, value }, nonce, deadline, signature)
        }

        /// Delegates `delegator`'s votes to `delegatee` on `delegator`'s signature over
        /// `signing_payload(Delegation{..}, nonce, deadline)`. Anyone may submit. Errors: as
        /// `permit`. Events: `DelegateChanged`, `DelegateVotesChanged`.
        #[ink(message)]
        pub fn delegate_by_sig(
            &mut self,
            delegator: AccountId,
            delegatee: AccountId,
            nonce: u64,
            deadline: BlockNumber,
            signature: [u8; 65],
        ) -> Result<(), TokenError> {
            self.signed(SignedAction::Delegation { delegator, delegatee }, nonce, deadline, signature)
        }

        /// The next nonce `owner` signs permits and delegations with. Read-only.
        #[ink(message)]
        pub fn nonces(&self, owner: AccountId) -> u64 {
            self.data.nonce_of(owner)
        }

        /// The caller uses up its next nonce: every permit and delegation it signed and has not
        /// had submitted becomes void (the way to withdraw a pending permit). Anyone may call,
        /// for itself. Errors: `Overflow`. Events: `SignerNonceBumped`.
        #[ink(message)]
        pub fn bump_nonce(&mut self) -> Result<(), TokenError> {
            let events = self.data.bump_nonce(&Ctx::current_block())?;
            TokenEvent::emit_all(events);
            Ok(())
        }

        /// The network identifier every signed payload names (the genesis hash given at
        /// construction). Read-only.
        #[ink(message)]
        pub fn chain_id(&self) -> [u8; 32] {
            self.data.chain_id()
        }

        /// The exact bytes to sign for `action`: `<Bytes>` ++ SCALE(domain `sovra-token/v1`,
        /// chain id, this token, action, nonce, deadline) ++ `</Bytes>`. Read-only.
        #[ink(message)]
        pub fn signing_payload(&self, action: SignedAction, nonce: u64, deadline: BlockNumber) -> Vec<u8> {
            self.data.signing_message(self.env().account_id(), action, nonce, deadline)
        }

        fn signed(&mut self, action: SignedAction, nonce: u64, deadline: BlockNumber, signature: [u8; 65]) -> Result<(), TokenError> {
            let token = self.env().account_id();
            let events = self.data.execute_signed(&Ctx::current_block(), token, action, nonce, deadline, &signature)?;
            TokenEvent::emit_all(events);
            Ok(())
        }

        /// How many vote checkpoints `account` has. Read-only.
        #[ink(message)]
        pub fn num_checkpoints(&self, account: AccountId) -> u32 {
            self.data.num_checkpoints(account)
        }

        /// The `index`-th vote checkpoint of `account` (0 = oldest). Read-only.
        #[ink(message)]
        pub fn checkpoints(&self, account: AccountId, index: u32) -> Option<Checkpoint> {
            self.data.checkpoint(account, index)
        }



        fn run(&mut self, result: Result<Vec<TokenEvent>, TokenError>) -> Result<(), PSP22Error> {
            TokenEvent::emit_all(result.map_err(psp22_error)?);
            Ok(())
        }
    }

    impl PSP22 for Token {
        /// Total supply. Read-only.
        #[ink(message)]
        fn total_supply(&self) -> Balance {
            self.data.total_supply()
        }

        /// Balance of `owner`. Read-only.
        #[ink(message)]
        fn balance_of(&self, owner: AccountId) -> Balance {
            self.data.balance_of(owner)
        }

        /// What `spender` may move from `owner`. Read-only.
        #[ink(message)]
        fn allowance(&self, owner: AccountId, spender: AccountId) -> Balance {
            self.data.allowance(owner, spender)
        }

        /// Sends `value` to `to`; votes move between the parties' delegates. Errors:
        /// `InsufficientBalance`, `Custom("Paused")`, `Custom("ComplianceFailed")`,
        /// `Custom("Overflow")`. Events: `Transfer`,
        /// `DelegateChanged` (a first-time receiver), `DelegateVotesChanged`.
        #[ink(message)]
        fn transfer(&mut self, to: AccountId, value: Balance, _data: Vec<u8>) -> Result<(), PSP22Error> {
            let result = self.data.transfer(&Ctx::current_block(), &Registry, to, value);
            self.run(result)
        }

        /// Moves `value` from `from` to `to` within the caller's allowance. Errors:
        /// `InsufficientAllowance`, `InsufficientBalance`, `Custom("Paused")`. Events:
        /// `Approval`, `Transfer`, vote events.
        #[ink(message)]
        fn transfer_from(&mut self, from: AccountId, to: AccountId, value: Balance, _data: Vec<u8>) -> Result<(), PSP22Error> {
            let result = self.data.transfer_from(&Ctx::current_block(), &Registry, from, to, value);
            self.run(result)
        }

        /// Sets the caller's allowance for `spender`. Events: `Approval`.
        #[ink(message)]
        fn approve(&mut self, spender: AccountId, value: Balance) -> Result<(), PSP22Error> {
            let events = self.data.approve(&Ctx::current_block(), spender, value);
            self.run(Ok(events))
        }

        /// Raises the caller's allowance for `spender`. Events: `Approval`.
        #[ink(message)]
        fn increase_allowance(&mut self, spender: AccountId, delta_value: Balance) -> Result<(), PSP22Error> {
            let events = self.data.increase_allowance(&Ctx::current_block(), spender, delta_value);
            self.run(Ok(events))
        }

        /// Lowers the caller's allowance for `spender`. Errors: `InsufficientAllowance`.
        /// Events: `Approval`.
        #[ink(message)]
        fn decrease_allowance(&mut self, spender: AccountId, delta_value: Balance) -> Result<(), PSP22Error> {
            let result = self.data.decrease_allowance(&Ctx::current_block(), spender, delta_value);
            self.run(result)
        }
    }

    impl PSP22Metadata for Token {
        /// The token's name. Read-only.
        #[ink(message)]
        fn token_name(&self) -> Option<String> {
            self.name.clone()
        }

        /// The token's symbol. Read-only.
        #[ink(message)]
        fn token_symbol(&self) -> Option<String> {
            self.symbol.clone()
        }

        /// The token's decimals. Read-only.
        #[ink(message)]
        fn token_decimals(&self) -> u8 {
            self.decimals
        }
    }

    impl PSP22Mintable for Token {
        /// Mints `value` to the caller. Caller: minter. Errors: `Custom("MissingRole")`,
        /// `Custom("Paused")`, `Custom("CapExceeded")`. Events: `Transfer`, vote events.
        #[ink(message)]
        fn mint(&mut self, value: Balance) -> Result<(), PSP22Error> {
            let ctx = Ctx::current_block();
            let result = self.data.mint(&ctx, &Registry, ctx.caller, value);
            self.run(result)
        }
    }

    impl PSP22Burnable for Token {
        /// Burns `value` of the caller's tokens. Errors: `InsufficientBalance`,
        /// `Custom("Paused")`. Events: `Transfer`, vote events.
        #[ink(message)]
        fn burn(&mut self, value: Balance) -> Result<(), PSP22Error> {
            let result = self.data.burn(&Ctx::current_block(), value);
            self.run(result)
        }
    }

    /// Roles (0 admin, 2 minter, 3 pauser): the suite's one `AccessControl` interface (`sovra_kit::access`).
    impl AccessControl for Token {
        /// Whether `account` holds `role`. Read-only.
        #[ink(message)]
        fn has_role(&self, role: RoleId, account: AccountId) -> bool {
            self.data.roles.has(role, account)
        }

        /// Grants `role` to `account`. Caller: admin. Errors: `MissingRole`, `TooManyMembers`.
        /// Events: `RoleGranted` (none if held).
        #[ink(message)]
        fn grant_role(&mut self, role: RoleId, account: AccountId) -> Result<(), RoleError> {
            TokenEvent::emit_all(self.data.roles.grant_role(self.env().caller(), role, account)?);
            Ok(())
        }

        /// Revokes `role` from `account`. Caller: admin. Errors: `MissingRole`, `LastAdmin`.
        /// Events: `RoleRevoked` (none if not held).
        #[ink(message)]
        fn revoke_role(&mut self, role: RoleId, account: AccountId) -> Result<(), RoleError> {
            TokenEvent::emit_all(self.data.roles.revoke_role(self.env().caller(), role, account)?);
            Ok(())
        }

        /// The caller gives up `role`. Errors: `MissingRole`, `LastAdmin` (the last admin
        /// stays). Events: `RoleRevoked`.
        #[ink(message)]
        fn renounce_role(&mut self, role: RoleId) -> Result<(), RoleError> {
            TokenEvent::emit_all(self.data.roles.renounce_role(self.env().caller(), role)?);
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
        fn hand_over(&mut self, successor: AccountId) -> Result<(), RoleError> {
            TokenEvent::emit_all(self.data.roles.hand_over(self.env().caller(), successor, crate::data::ROLES)?);
            Ok(())
        }
    }

    impl Upgradeable for Token {
        /// Replaces the code with the uploaded `code_hash`, keeping the storage; `migrate`
        /// next (a proposal does both). Caller: admin (the governor). Errors: `MissingRole`,
        /// `CodeNotFound`. Events: `CodeUpgraded`.
        #[ink(message)]
        fn set_code_hash(&mut self, code_hash: Hash) -> Result<(), UpgradeError> {
            let events = self.data.set_code(&Ctx::current_block(), code_hash)?;
            TokenEvent::emit_all(events);
            Ok(())
        }

        /// Migrates the stored layout to this code's version. Caller: admin. Errors:
        /// `MissingRole`, `MigrationFailed`. Events: `Migrated`.
        #[ink(message)]
        fn migrate(&mut self) -> Result<(), UpgradeError> {
            let events = self.data.migrate(&Ctx::current_block())?;
            TokenEvent::emit_all(events);
            Ok(())
        }

        /// (stored layout version, this code's version). Read-only.
        #[ink(message)]
        fn storage_version(&self) -> (u32, u32) {
            (self.data.storage_version(), crate::data::STORAGE_VERSION)
        }
    }

    impl Votes for Token {
        /// Current votes of `account`. Read-only.
        #[ink(message)]
        fn get_votes(&self, account: AccountId) -> u128 {
            self.data.get_votes(account)
        }

        /// Votes of `account` at the end of past block `block`. Read-only; the governor calls
        /// it. Errors: `FutureLookup`.
        #[ink(message)]
        fn get_past_votes(&self, account: AccountId, block: u32) -> Result<u128, VotesError> {
            Ok(self.data.get_past_votes(&Ctx::current_block(), account, block)?)
        }

        /// Total supply at the end of past block `block`. Read-only. Errors: `FutureLookup`.
        #[ink(message)]
        fn get_past_total_supply(&self, block: u32) -> Result<u128, VotesError> {
            Ok(self.data.get_past_total_supply(&Ctx::current_block(), block)?)
        }

        /// The delegate of `account`, if any. Read-only.
        #[ink(message)]
        fn delegates(&self, account: AccountId) -> Option<AccountId> {
            self.data.delegates(account)
        }

        /// The caller delegates its votes to `delegatee`. Errors: `Overflow`. Events:
        /// `DelegateChanged`, `DelegateVotesChanged`.
        #[ink(message)]
        fn delegate(&mut self, delegatee: AccountId) -> Result<(), VotesError> {
            let events = self.data.delegate(&Ctx::current_block(), delegatee)?;
            TokenEvent::emit_all(events);
            Ok(())
        }
    }

    // Cardinal's PSP22 conformance suite (the `psp22` crate's `tests!`), on this token:
    // `cargo test -p token --features psp22-conformance psp22_unit_tests`. Six of its 33 tests
    // count every event a call emits and expect PSP22's alone; this token also emits role and
    // vote events (contracts/token/README.md: conformance), so scripts/test.sh runs the other 27.
    #[cfg(all(test, feature = "psp22-conformance"))]
    psp22::tests!(Token, (|supply| Token::new([0; 32], None, None, 0, supply, None, None).expect("a token")));

}
