//! Value histories over block numbers — votes per delegate and total supply in the token, the
//! quorum numerator in the governor — shared so that every "value at a past block" in Sovra
//! follows one rule.
//!
//! A history is a sequence of checkpoints `(block, value)` with strictly increasing blocks, kept
//! in `Mapping`s (a count per key and one cell per checkpoint: never a growing `Vec` in one
//! cell). At most one checkpoint per key and block: a second change in the same block overwrites
//! it. `value_at(key, block)` is the value at the end of `block`: the latest checkpoint at or
//! before it. Lookups probe the latest checkpoint first (flat cost for recent blocks), then
//! binary-search (O(log n) storage reads).

use ink::primitives::AccountId;
use ink::storage::Mapping;

/// Whose history: an account, or a named series (see [`series`]).
pub type HistoryKey = [u8; 32];

/// The key of a named series that is not an account (e.g. `series(b"total-supply")`): the
/// blake2b-256 of the name, which no account id equals in practice.
pub fn series(name: &[u8]) -> HistoryKey {
    crate::context::blake2(name)
}

/// The key of an account's history.
pub fn account_key(account: &AccountId) -> HistoryKey {
    *<AccountId as AsRef<[u8; 32]>>::as_ref(account)
}

/// From `block` on (until the next checkpoint), the value is `value`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
#[ink::scale_derive(Encode, Decode, TypeInfo)]
#[cfg_attr(feature = "std", derive(ink::storage::traits::StorageLayout))]
pub struct Checkpoint {
    /// The block the value was set in.
    pub block: u32,
    /// The value from that block on.
    pub value: u128,
}

/// A checkpoint would be written before the latest one, or a count overflows.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct CheckpointError;

/// Histories by key.
#[ink::storage_item]
#[derive(Debug, Default)]
pub struct Checkpoints {
    counts: Mapping<HistoryKey, u32>,
    items: Mapping<(HistoryKey, u32), Checkpoint>,
}

impl Checkpoints {
    /// How many checkpoints `key` has.
    pub fn len(&self, key: HistoryKey) -> u32 {
        self.counts.get(key).unwrap_or(0)
    }

    /// Whether `key` has no checkpoint.
    pub fn is_empty(&self, key: HistoryKey) -> bool {
        self.len(key) == 0
    }

    /// The `index`-th checkpoint of `key` (0 = oldest).
    pub fn get(&self, key: HistoryKey, index: u32) -> Option<Checkpoint> {
        self.items.get((key, index))
    }

    /// The latest checkpoint of `key`.
    pub fn last(&self, key: HistoryKey) -> Option<Checkpoint> {
        self.len(key).checked_sub(1).and_then(|i| self.get(key, i))
    }

    /// The current value of `key` (0 without checkpoints).
    pub fn latest(&self, key: HistoryKey) -> u128 {
        self.last(key).map_or(0, |c| c.value)
    }

    /// Sets `key`'s value from `block` on to `value`: overwrites the latest checkpoint if it is
    /// of the same block, else appends. Errors if `block` is before the latest checkpoint's.
    pub fn push(&mut self, key: HistoryKey, block: u32, value: u128) -> Result<(), CheckpointError> {
        let len = self.len(key);
        match len.checked_sub(1).and_then(|i| self.get(key, i).map(|c| (i, c))) {
            Some((i, last)) if last.block == block => {
                self.items.insert((key, i), &Checkpoint { block, value });
            }
            Some((_, last)) if last.block > block => return Err(CheckpointError),
            _ => {
                self.items.insert((key, len), &Checkpoint { block, value });
                self.counts.insert(key, &len.checked_add(1).ok_or(CheckpointError)?);
            }
        }
        Ok(())
    }

    /// The value of `key` at the end of `block`: that of the latest checkpoint at or before it
    /// (0 if none). Probes the latest checkpoint first, then binary-searches.
    pub fn value_at(&self, key: HistoryKey, block: u32) -> u128 {
        let len = self.len(key);
        let Some(last_index) = len.checked_sub(1) else {
            return 0;
        };
        match self.get(key, last_index) {
            Some(last) if last.block <= block => return last.value,
            None => return 0,
            Some(_) => {}
        }
        // The answer is among checkpoints [0, last_index): find the first one after `block`.
        let (mut low, mut high) = (0u32, last_index);
        while low < high {
            // low < high ≤ u32::MAX, so the midpoint neither overflows nor reaches `high`
            let mid = low.saturating_add(high.saturating_sub(low) / 2);
            match self.get(key, mid) {
                Some(c) if c.block > block => high = mid,
                _ => low = mid.saturating_add(1),
            }
        }
        low.checked_sub(1).and_then(|i| self.get(key, i)).map_or(0, |c| c.value)
    }
}

#[cfg(test)]
#[allow(clippy::arithmetic_side_effects, clippy::cast_possible_truncation)]
mod tests {
    use super::*;

    const K: HistoryKey = [7; 32];

    #[ink::test]
    fn an_empty_history_is_zero_everywhere() {
        let c = Checkpoints::default();
        assert_eq!((c.len(K), c.latest(K), c.value_at(K, 0), c.value_at(K, u32::MAX)), (0, 0, 0, 0));
        assert!(c.is_empty(K));
    }

    #[ink::test]
    fn one_checkpoint_per_block_and_never_before_the_latest() {
        let mut c = Checkpoints::default();
        c.push(K, 5, 10).unwrap();
        c.push(K, 5, 12).unwrap();
        assert_eq!(c.len(K), 1);
        assert_eq!(c.last(K), Some(Checkpoint { block: 5, value: 12 }));
        c.push(K, 9, 3).unwrap();
        assert_eq!(c.len(K), 2);
        assert_eq!(c.push(K, 8, 1), Err(CheckpointError));
        assert_eq!(c.latest(K), 3);
        // other keys are separate
        assert_eq!(c.latest([8; 32]), 0);
        assert_ne!(series(b"total-supply"), series(b"quorum"));
    }

    #[ink::test]
    fn value_at_is_the_latest_checkpoint_at_or_before_the_block() {
        let mut c = Checkpoints::default();
        for (block, value) in [(10, 1), (20, 2), (30, 3)] {
            c.push(K, block, value).unwrap();
        }
        for (block, expected) in [(0, 0), (9, 0), (10, 1), (19, 1), (20, 2), (29, 2), (30, 3), (1_000, 3)] {
            assert_eq!(c.value_at(K, block), expected, "block {block}");
        }
    }

    /// Property: against a plain list, for random histories (including same-block overwrites)
    /// and every block, `value_at` agrees.
    #[ink::test]
    fn property_value_at_matches_a_linear_scan() {
        let mut seed: u64 = 0x2545_F491_4F6C_DD1D;
        let mut next = move || {
            seed ^= seed << 13;
            seed ^= seed >> 7;
            seed ^= seed << 17;
            seed
        };
        for round in 0..40u8 {
            let key = [round; 32];
            let mut c = Checkpoints::default();
            let mut model: Vec<(u32, u128)> = Vec::new();
            let mut block = 0u32;
            for _ in 0..(next() % 60) {
                block += (next() % 3) as u32; // 0 = same block again
                let value = u128::from(next() % 1_000);
                c.push(key, block, value).unwrap();
                match model.last_mut() {
                    Some(last) if last.0 == block => last.1 = value,
                    _ => model.push((block, value)),
                }
            }
            assert_eq!(c.len(key) as usize, model.len());
            for b in 0..=block + 2 {
                let expected = model.iter().rev().find(|(at, _)| *at <= b).map_or(0, |(_, v)| *v);
                assert_eq!(c.value_at(key, b), expected, "round {round}, block {b}");
            }
        }
    }
}
