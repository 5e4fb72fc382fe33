//! Value histories over block numbers — votes per delegate and the total supply in the token,
//! the quorum numerator in the governor — shared so that every "value at a past block" in Sovra
//! follows one rule.
//!
//! A history is a sequence of checkpoints `(block, value)` with strictly increasing blocks, kept
//! in `Mapping`s (a count and one cell per checkpoint: never a growing `Vec` in one cell). At
//! most one checkpoint per block: a second change in the same block overwrites it.
//! `value_at(block)` is the value at the end of `block`: the latest checkpoint at or before it.
//! Lookups probe the latest checkpoint first (flat cost for recent blocks), then binary-search
//! (O(log n) storage reads).
//!
//! Two stores share those rules: [`Checkpoints`] holds one history per account (delegates'
//! votes) and [`Trace`] holds a single history of its own (a total, a setting). They are
//! separate types with separate storage, so no account id can ever name a [`Trace`]'s history:
//! a series never shares a map with account-keyed entries.

use ink::primitives::AccountId;
use ink::storage::traits::{AutoKey, StorageKey};
use ink::storage::{Lazy, Mapping};
pub use sovra_interfaces::checkpoint::{Checkpoint, CheckpointError};

/// Where a new entry of `block` goes in a block-ordered log of `len` entries whose latest
/// entry is of `last_block`: `(index, new length)` — the latest entry's own index when it is of
/// the same block (one entry per block). Errors if `block` is before the latest entry's. Any
/// history by block uses it (these checkpoints; the credential registry's status and trust
/// logs).
pub fn slot(len: u32, last_block: Option<u32>, block: u32) -> Result<(u32, u32), CheckpointError> {
    match (len.checked_sub(1), last_block) {
        (Some(i), Some(last)) if last == block => Ok((i, len)),
        (_, Some(last)) if last > block => Err(CheckpointError),
        _ => Ok((len, len.checked_add(1).ok_or(CheckpointError)?)),
    }
}

/// The entry in force at the end of `block` in a block-ordered log of `len` entries read by
/// `get`: the latest one of a block at or before it, if any. Probes the latest entry first (flat
/// cost for recent blocks), then binary-searches (O(log n) reads).
pub fn entry_at<T>(len: u32, get: impl Fn(u32) -> Option<T>, block_of: impl Fn(&T) -> u32, block: u32) -> Option<T> {
    let last_index = len.checked_sub(1)?;
    let last = get(last_index)?;
    if block_of(&last) <= block {
        return Some(last);
    }
    // The answer is among entries [0, last_index): find the first one after `block`.
    let (mut low, mut high) = (0u32, last_index);
    while low < high {
        // low < high ≤ u32::MAX, so the midpoint neither overflows nor reaches `high`
        let mid = low.saturating_add(high.saturating_sub(low) / 2);
        match get(mid) {
            Some(entry) if block_of(&entry) > block => high = mid,
            _ => low = mid.saturating_add(1),
        }
    }
    low.checked_sub(1).and_then(get)
}

/// Appends `(block, value)` to `key`'s block-ordered log kept in two mappings of a contract's
/// storage — `lens[key]` entries at `entries[(key, i)]` — or replaces its latest entry when that
/// is of the same block. Errors if `block` is before the latest entry's.
pub fn log_push<K, V, L, E>(
    lens: &mut Mapping<K, u32, L>,
    entries: &mut Mapping<(K, u32), (u32, V), E>,
    key: K,
    block: u32,
    value: V,
) -> Result<(), CheckpointError>
where
    K: scale::Encode + scale::EncodeLike + Copy,
    V: scale::Encode + scale::EncodeLike + scale::Decode,
    L: StorageKey,
    E: StorageKey,
{
    let len = lens.get(key).unwrap_or(0);
    let last = len.checked_sub(1).and_then(|i| entries.get((key, i))).map(|(at, _)| at);
    let (index, new_len) = slot(len, last, block)?;
    entries.insert((key, index), &(block, value));
    // written even when unchanged: see `Checkpoints::push`
    lens.insert(key, &new_len);
    Ok(())
}

/// The value in force at the end of `block` in `key`'s log (see [`log_push`]), if any.
pub fn log_at<K, V, L, E>(lens: &Mapping<K, u32, L>, entries: &Mapping<(K, u32), (u32, V), E>, key: K, block: u32) -> Option<V>
where
    K: scale::Encode + scale::EncodeLike + Copy,
    V: scale::Encode + scale::EncodeLike + scale::Decode,
    L: StorageKey,
    E: StorageKey,
{
    let len = lens.get(key).unwrap_or(0);
    entry_at(len, |i| entries.get((key, i)), |(at, _)| *at, block).map(|(_, value)| value)
}

/// The value at the end of `block` in a history of `len` checkpoints read by `get`.
fn search(len: u32, get: impl Fn(u32) -> Option<Checkpoint>, block: u32) -> u128 {
    entry_at(len, get, |c| c.block, block).map_or(0, |c| c.value)
}

/// One history per account.
#[ink::storage_item]
#[derive(Debug, Default)]
pub struct Checkpoints {
    counts: Mapping<AccountId, u32>,
    items: Mapping<(AccountId, u32), Checkpoint>,
}

impl Checkpoints {
    /// How many checkpoints `account` has.
    pub fn len(&self, account: AccountId) -> u32 {
        self.counts.get(account).unwrap_or(0)
    }

    /// Whether `account` has no checkpoint.
    pub fn is_empty(&self, account: AccountId) -> bool {
        self.len(account) == 0
    }

    /// The `index`-th checkpoint of `account` (0 = oldest).
    pub fn get(&self, account: AccountId, index: u32) -> Option<Checkpoint> {
        self.items.get((account, index))
    }

    /// The latest checkpoint of `account`.
    pub fn last(&self, account: AccountId) -> Option<Checkpoint> {
        self.len(account).checked_sub(1).and_then(|i| self.get(account, i))
    }

    /// The current value of `account` (0 without checkpoints).
    pub fn latest(&self, account: AccountId) -> u128 {
        self.last(account).map_or(0, |c| c.value)
    }

    /// Sets `account`'s value from `block` on to `value`: overwrites the latest checkpoint if it
    /// is of the same block, else appends. Errors if `block` is before the latest checkpoint's.
    pub fn push(&mut self, account: AccountId, block: u32, value: u128) -> Result<(), CheckpointError> {
        let len = self.len(account);
        let (index, new_len) = slot(len, self.last(account).map(|c| c.block), block)?;
        self.items.insert((account, index), &Checkpoint { block, value });
        // The count is written even when it is unchanged, so that overwriting costs at least
        // as much weight as appending: a client's dry run executes at the best block and may
        // overwrite that block's checkpoint, while the transaction runs in a later block and
        // appends one — with the count written only on appends, the dry run's weight fell
        // short and a transaction submitted with it ran out of gas.
        self.counts.insert(account, &new_len);
        Ok(())
    }

    /// The value of `account` at the end of `block` (0 if none).
    pub fn value_at(&self, account: AccountId, block: u32) -> u128 {
        search(self.len(account), |i| self.get(account, i), block)
    }
}

/// A single history in storage of its own (a total supply, a setting). Generic over the
/// parent's storage key, so one contract may hold several (each field's `Trace` gets cells of
/// its own; a plain storage item's cells would be the same for every field of its type).
#[ink::storage_item]
#[derive(Debug, Default)]
pub struct Trace<KEY: StorageKey = AutoKey> {
    count: Lazy<u32>,
    items: Mapping<u32, Checkpoint>,
}

impl<KEY: StorageKey> Trace<KEY> {
    /// How many checkpoints it has.
    pub fn len(&self) -> u32 {
        self.count.get().unwrap_or(0)
    }

    /// Whether it has no checkpoint.
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// The `index`-th checkpoint (0 = oldest).
    pub fn get(&self, index: u32) -> Option<Checkpoint> {
        self.items.get(index)
    }

    /// The latest checkpoint.
    pub fn last(&self) -> Option<Checkpoint> {
        self.len().checked_sub(1).and_then(|i| self.get(i))
    }

    /// The current value (0 without checkpoints).
    pub fn latest(&self) -> u128 {
        self.last().map_or(0, |c| c.value)
    }

    /// Sets the value from `block` on (as [`Checkpoints::push`]).
    pub fn push(&mut self, block: u32, value: u128) -> Result<(), CheckpointError> {
        let len = self.len();
        let (index, new_len) = slot(len, self.last().map(|c| c.block), block)?;
        self.items.insert(index, &Checkpoint { block, value });
        // written even when unchanged: see `Checkpoints::push`
        self.count.set(&new_len);
        Ok(())
    }

    /// The value at the end of `block` (0 if none).
    pub fn value_at(&self, block: u32) -> u128 {
        search(self.len(), |i| self.get(i), block)
    }
}

#[cfg(test)]
#[allow(clippy::arithmetic_side_effects, clippy::cast_possible_truncation)]
mod tests {
    use super::*;

    fn k(byte: u8) -> AccountId {
        AccountId::from([byte; 32])
    }

    #[ink::test]
    fn an_empty_history_is_zero_everywhere() {
        let c = Checkpoints::default();
        let key = k(7);
        assert_eq!((c.len(key), c.latest(key), c.value_at(key, 0), c.value_at(key, u32::MAX)), (0, 0, 0, 0));
        assert!(c.is_empty(key));
        let t: Trace = Trace::default();
        assert_eq!((t.len(), t.latest(), t.value_at(0), t.value_at(u32::MAX)), (0, 0, 0, 0));
        assert!(t.is_empty());
    }

    #[ink::test]
    fn one_checkpoint_per_block_and_never_before_the_latest() {
        let mut c = Checkpoints::default();
        let key = k(7);
        c.push(key, 5, 10).unwrap();
        c.push(key, 5, 12).unwrap();
        assert_eq!(c.len(key), 1);
        assert_eq!(c.last(key), Some(Checkpoint { block: 5, value: 12 }));
        c.push(key, 9, 3).unwrap();
        assert_eq!(c.len(key), 2);
        assert_eq!(c.push(key, 8, 1), Err(CheckpointError));
        assert_eq!(c.latest(key), 3);
        // other accounts are separate
        assert_eq!(c.latest(k(8)), 0);
        let mut t: Trace = Trace::default();
        t.push(5, 10).unwrap();
        t.push(5, 12).unwrap();
        t.push(9, 3).unwrap();
        assert_eq!((t.len(), t.get(0), t.latest()), (2, Some(Checkpoint { block: 5, value: 12 }), 3));
        assert_eq!(t.push(8, 1), Err(CheckpointError));
    }

    /// Two traces in one storage item keep separate histories.
    #[ink::test]
    fn traces_in_one_contract_do_not_share_cells() {
        #[ink::storage_item]
        #[derive(Default)]
        struct Two {
            a: Trace,
            b: Trace,
        }
        let mut two = Two::default();
        two.a.push(1, 10).unwrap();
        two.b.push(1, 20).unwrap();
        two.b.push(2, 30).unwrap();
        assert_eq!((two.a.len(), two.a.latest(), two.b.len(), two.b.latest()), (1, 10, 2, 30));
    }

    #[ink::test]
    fn value_at_is_the_latest_checkpoint_at_or_before_the_block() {
        let mut c = Checkpoints::default();
        let mut t: Trace = Trace::default();
        for (block, value) in [(10, 1), (20, 2), (30, 3)] {
            c.push(k(7), block, value).unwrap();
            t.push(block, value).unwrap();
        }
        for (block, expected) in [(0, 0), (9, 0), (10, 1), (19, 1), (20, 2), (29, 2), (30, 3), (1_000, 3)] {
            assert_eq!(c.value_at(k(7), block), expected, "block {block}");
            assert_eq!(t.value_at(block), expected, "block {block}");
        }
    }

    /// Property: against a plain list, for random histories (including same-block overwrites)
    /// and every block, `value_at` agrees — per account (a fresh account each round) and in one
    /// trace that runs on through every round and never sees the accounts' writes.
    #[ink::test]
    fn property_value_at_matches_a_linear_scan() {
        let mut seed: u64 = 0x2545_F491_4F6C_DD1D;
        let mut next = move || {
            seed ^= seed << 13;
            seed ^= seed >> 7;
            seed ^= seed << 17;
            seed
        };
        let mut t: Trace = Trace::default();
        let mut trace_model: Vec<(u32, u128)> = Vec::new();
        let mut block = 0u32;
        for round in 0..40u8 {
            let key = k(round);
            let mut c = Checkpoints::default();
            let mut model: Vec<(u32, u128)> = Vec::new();
            let first = block;
            for _ in 0..(next() % 60) {
                block += (next() % 3) as u32; // 0 = same block again
                let value = u128::from(next() % 1_000);
                c.push(key, block, value).unwrap();
                t.push(block, value).unwrap();
                for m in [&mut model, &mut trace_model] {
                    match m.last_mut() {
                        Some(last) if last.0 == block => last.1 = value,
                        _ => m.push((block, value)),
                    }
                }
            }
            assert_eq!(c.len(key) as usize, model.len());
            assert_eq!(t.len() as usize, trace_model.len());
            let at = |m: &[(u32, u128)], b: u32| m.iter().rev().find(|(at, _)| *at <= b).map_or(0, |(_, v)| *v);
            for b in first..=block + 2 {
                assert_eq!(c.value_at(key, b), at(&model, b), "round {round}, block {b}");
                assert_eq!(t.value_at(b), at(&trace_model, b), "round {round}, block {b}");
            }
        }
    }
}
