//! PSP22 + metadata + mint (owner only) + burn with storage and rules written here (only the
//! standard's trait definitions and events come from the `psp22` crate). One of three builds of
//! the same core compared in `bench/README.md`.
#![cfg_attr(not(feature = "std"), no_std, no_main)]

#[ink::contract]
mod psp22_in_tree {
    use ink::prelude::{string::String, vec::Vec};
    use ink::storage::Mapping;
    use psp22::{Approval, PSP22Burnable, PSP22Error, PSP22Metadata, PSP22Mintable, Transfer, PSP22};

    #[ink(storage)]
    pub struct Token {
        supply: u128,
        balances: Mapping<AccountId, u128>,
        allowances: Mapping<(AccountId, AccountId), u128>,
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
            let mut token = Self {
                supply: 0,
                balances: Mapping::default(),
                allowances: Mapping::default(),
                owner,
                name,
                symbol,
                decimals,
            };
            // a fresh token cannot overflow
            let _ = token.update(None, Some(owner), supply);
            token
        }

        fn balance(&self, who: AccountId) -> u128 {
            self.balances.get(who).unwrap_or_default()
        }

        fn set_balance(&mut self, who: AccountId, value: u128) {
            if value == 0 {
                self.balances.remove(who);
            } else {
                self.balances.insert(who, &value);
            }
        }

        /// Moves `value` from `from` (None = mint) to `to` (None = burn) and emits `Transfer`.
        fn update(&mut self, from: Option<AccountId>, to: Option<AccountId>, value: u128) -> Result<(), PSP22Error> {
            if value == 0 || from == to {
                return Ok(());
            }
            match from {
                Some(from) => {
                    let balance = self.balance(from);
                    let left = balance.checked_sub(value).ok_or(PSP22Error::InsufficientBalance)?;
                    self.set_balance(from, left);
                }
                None => {
                    self.supply = self.supply.checked_add(value).ok_or(PSP22Error::Custom(String::from("supply overflow")))?;
                }
            }
            match to {
                // the sum of balances is the supply, so no balance overflows
                Some(to) => {
                    let balance = self.balance(to).saturating_add(value);
                    self.set_balance(to, balance);
                }
                None => self.supply = self.supply.saturating_sub(value),
            }
            self.env().emit_event(Transfer { from, to, value });
            Ok(())
        }

        fn set_allowance(&mut self, owner: AccountId, spender: AccountId, amount: u128) {
            if amount == 0 {
                self.allowances.remove((owner, spender));
            } else {
                self.allowances.insert((owner, spender), &amount);
            }
            self.env().emit_event(Approval { owner, spender, amount });
        }
    }

    impl PSP22 for Token {
        #[ink(message)]
        fn total_supply(&self) -> u128 {
            self.supply
        }
        #[ink(message)]
        fn balance_of(&self, owner: AccountId) -> u128 {
            self.balance(owner)
        }
        #[ink(message)]
        fn allowance(&self, owner: AccountId, spender: AccountId) -> u128 {
            self.allowances.get((owner, spender)).unwrap_or_default()
        }
        #[ink(message)]
        fn transfer(&mut self, to: AccountId, value: u128, _data: Vec<u8>) -> Result<(), PSP22Error> {
            self.update(Some(self.env().caller()), Some(to), value)
        }
        #[ink(message)]
        fn transfer_from(&mut self, from: AccountId, to: AccountId, value: u128, _data: Vec<u8>) -> Result<(), PSP22Error> {
            let caller = self.env().caller();
            if caller != from && from != to && value != 0 {
                let allowance = self.allowance(from, caller);
                let left = allowance.checked_sub(value).ok_or(PSP22Error::InsufficientAllowance)?;
                if self.balance(from) < value {
                    return Err(PSP22Error::InsufficientBalance);
                }
                self.set_allowance(from, caller, left);
            }
            self.update(Some(from), Some(to), value)
        }
        #[ink(message)]
        fn approve(&mut self, spender: AccountId, value: u128) -> Result<(), PSP22Error> {
            let owner = self.env().caller();
            if owner != spender {
                self.set_allowance(owner, spender, value);
            }
            Ok(())
        }
        #[ink(message)]
        fn increase_allowance(&mut self, spender: AccountId, delta: u128) -> Result<(), PSP22Error> {
            let owner = self.env().caller();
            if owner != spender && delta != 0 {
                let amount = self.allowance(owner, spender).saturating_add(delta);
                self.set_allowance(owner, spender, amount);
            }
            Ok(())
        }
        #[ink(message)]
        fn decrease_allowance(&mut self, spender: AccountId, delta: u128) -> Result<(), PSP22Error> {
            let owner = self.env().caller();
            if owner != spender && delta != 0 {
                let amount = self.allowance(owner, spender).checked_sub(delta).ok_or(PSP22Error::InsufficientAllowance)?;
                self.set_allowance(owner, spender, amount);
            }
            Ok(())
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
            self.update(None, Some(self.owner), value)
        }
    }

    impl PSP22Burnable for Token {
        #[ink(message)]
        fn burn(&mut self, value: u128) -> Result<(), PSP22Error> {
            self.update(Some(self.env().caller()), None, value)
        }
    }

    #[cfg(test)]
    mod tests {
        use super::Token;
        // Cardinal's PSP22 conformance suite, run against this implementation.
        psp22::tests!(Token, (|supply| Token::new(supply, None, None, 0)));
    }
}
