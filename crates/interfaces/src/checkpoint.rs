//! A value history's entry — what the token's `checkpoints` message returns — and the error of
//! writing one. The histories themselves are `sovra_kit::checkpoints`.

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

