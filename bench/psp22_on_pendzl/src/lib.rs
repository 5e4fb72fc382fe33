//! PSP22 + metadata + mint (owner only) + burn on pendzl 1.0.2's default implementations. One of
//! three builds of the same core compared in `bench/README.md`. pendzl's `PSP22Mintable::mint`
//! and `PSP22Burnable::burn` take `(account, amount)` where the PSP22 standard's take `(value)`;
//! the overriders below keep pendzl's signatures and add the checks its defaults leave out
//! (anyone could mint, anyone could burn anyone's tokens).
#![cfg_attr(not(feature = "std"), no_std, no_main)]

#[pendzl::implementation(PSP22, PSP22Metadata, PSP22Mintable, PSP22Burnable)]
#[ink::contract]
mod psp22_on_pendzl {
    use ink::prelude::string::String;
    use pendzl::contracts::psp22::{PSP22Error, PSP22Internal};

    #[ink(storage)]
    #[derive(StorageFieldGetter)]
    pub struct Token {
        #[storage_field]
        psp22: PSP22Data,
        #[storage_field]
        metadata: PSP22MetadataData,
        owner: AccountId,
    }

    impl Token {
        /// `supply` to the caller, who may mint.
        #[ink(constructor)]
        pub fn new(supply: Balance, name: Option<String>, symbol: Option<String>, decimals: u8) -> Self {
            let owner = Self::env().caller();
            let mut token = Self {
                psp22: PSP22Data::default(),
                metadata: PSP22MetadataData::new(name, symbol, decimals),
                owner,
            };
            // a fresh token cannot overflow
            let _ = token._mint_to(&owner, &supply);
            token
        }
    }

    #[overrider(PSP22Mintable)]
    fn mint(&mut self, to: AccountId, amount: Balance) -> Result<(), PSP22Error> {
        if self.env().caller() != self.owner {
            return Err(PSP22Error::Custom(String::from("not the owner")));
        }
        self._mint_to(&to, &amount)
    }

    #[overrider(PSP22Burnable)]
    fn burn(&mut self, from: AccountId, amount: Balance) -> Result<(), PSP22Error> {
        if self.env().caller() != from {
            return Err(PSP22Error::Custom(String::from("burn your own tokens")));
        }
        self._burn_from(&from, &amount)
    }
}
