//! Plumbing shared by the contracts' plain-Rust logic: the calling context the `#[ink::contract]`
//! shells hand to their `Data` types, and the blake2b-256 every id and digest is built with.

use ink::env::hash::{Blake2x256, HashOutput};
use ink::primitives::AccountId;

/// Who calls, and when.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Ctx {
    /// The immediate caller.
    pub caller: AccountId,
    /// Current block number.
    pub block: u32,
    /// Current block timestamp (ms).
    pub now: u64,
}

/// blake2b-256 of `input` (the host function on chain, the same hash off chain).
pub fn blake2(input: &[u8]) -> [u8; 32] {
    let mut out = <Blake2x256 as HashOutput>::Type::default();
    ink::env::hash_bytes::<Blake2x256>(input, &mut out);
    out
}

impl Ctx {
    /// The context of the message being executed: its caller, block number and timestamp.
    pub fn current() -> Self {
        type Env = ink::env::DefaultEnvironment;
        Ctx {
            caller: ink::env::caller::<Env>(),
            block: ink::env::block_number::<Env>(),
            now: ink::env::block_timestamp::<Env>(),
        }
    }

    /// As [`Ctx::current`] without reading the timestamp (`now` is 0): for contracts whose
    /// rules count blocks only, one host call less per message.
    pub fn current_block() -> Self {
        type Env = ink::env::DefaultEnvironment;
        Ctx { caller: ink::env::caller::<Env>(), block: ink::env::block_number::<Env>(), now: 0 }
    }
}
