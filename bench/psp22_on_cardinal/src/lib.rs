//! PSP22 + metadata + mint (owner only) + burn on Cardinal's `psp22::PSP22Data`. One of three
//! builds of the same core compared in `bench/README.md`.
#![cfg_attr(not(feature = "std"), no_std, no_main)]

#[ink::contract]
mod psp22_on_cardinal {
    use ink::prelude::{string::String, vec::Vec};
    use psp22::{PSP22Burnable, PSP22Data, PSP22Error, PSP22Event, PSP22Metadata, PSP22Mintable, PSP22};

    #[ink(storage)]
    pub struct Token {
        data: PSP22Data,
        owner: AccountId,
        name: Option<String>,
        symbol: Option<String>,
        decimals: u8,
    }

    impl Token {
        /// `supply` to the caller, who may mint.
        #[ink(constructor)]
        pub fn new(supply: u128, name: Option<String>, symbol: Option<String>, decimals: u8) -> Self {
            let owner = Self::env().caller();
            let (data, events) = PSP22Data::new(supply, owner);
            let token = Self { data, owner, name, symbol, decimals };
            token.emit(events);
            token
        }

        fn emit(&self, events: Vec<PSP22Event>) {
            for event in events {
                match event {
                    PSP22Event::Transfer(e) => self.env().emit_event(e),
                    PSP22Event::Approval(e) => self.env().emit_event(e),
                }
            }
        }

        fn done(&self, events: Result<Vec<PSP22Event>, PSP22Error>) -> Result<(), PSP22Error> {
            self.emit(events?);
            Ok(())
        }
    }

    impl PSP22 for Token {
        #[ink(message)]
        fn total_supply(&self) -> u128 {
            self.data.total_supply()
        }
        #[ink(message)]
        fn balance_of(&self, owner: AccountId) -> u128 {
            self.data.balance_of(owner)
        }
        #[ink(message)]
        fn allowance(&self, owner: AccountId, spender: AccountId) -> u128 {
            self.data.allowance(owner, spender)
        }
        #[ink(message)]
        fn transfer(&mut self, to: AccountId, value: u128, _data: Vec<u8>) -> Result<(), PSP22Error> {
            let events = self.data.transfer(self.env().caller(), to, value);
            self.done(events)
        }
        #[ink(message)]
        fn transfer_from(&mut self, from: AccountId, to: AccountId, value: u128, _data: Vec<u8>) -> Result<(), PSP22Error> {
            let events = self.data.transfer_from(self.env().caller(), from, to, value);
            self.done(events)
        }
        #[ink(message)]
        fn approve(&mut self, spender: AccountId, value: u128) -> Result<(), PSP22Error> {
            let events = self.data.approve(self.env().caller(), spender, value);
            self.done(events)
        }
        #[ink(message)]
        fn increase_allowance(&mut self, spender: AccountId, delta: u128) -> Result<(), PSP22Error> {
            let events = self.data.increase_allowance(self.env().caller(), spender, delta);
            self.done(events)
        }
        #[ink(message)]
        fn decrease_allowance(&mut self, spender: AccountId, delta: u128) -> Result<(), PSP22Error> {
            let events = self.data.decrease_allowance(self.env().caller(), spender, delta);
            self.done(events)
        }
    }

    impl PSP22Metadata for Token {
        #[ink(message)]
        fn token_name(&self) -> Option<String> {
            self.name.clone()
        }
        #[ink(message)]
        fn token_symbol(&self) -> Option<String> {
            self.symbol.clone()
        }
        #[ink(message)]
        fn token_decimals(&self) -> u8 {
            self.decimals
        }
    }

    impl PSP22Mintable for Token {
        #[ink(message)]
        fn mint(&mut self, value: u128) -> Result<(), PSP22Error> {
            if self.env().caller() != self.owner {
                return Err(PSP22Error::Custom(String::from("not the owner")));
            }
            let events = self.data.mint(self.owner, value);
            self.done(events)
        }
    }

    impl PSP22Burnable for Token {
        #[ink(message)]
        fn burn(&mut self, value: u128) -> Result<(), PSP22Error> {
            let events = self.data.burn(self.env().caller(), value);
            self.done(events)
        }
    }
}
