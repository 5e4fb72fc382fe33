//! The SCALE shapes of pallet-contracts' runtime API answers (`ContractsApi_call`,
//! `ContractsApi_instantiate`), mirrored here so that a client decodes them without compiling
//! the pallet or a runtime. They follow pallet-contracts' `ContractResult` with no events
//! requested (the `events` field is always `None`).

use scale::{Decode, Input};

use crate::chain::Weight;

/// `StorageDeposit<Balance>`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Decode)]
pub enum StorageDeposit {
    Refund(u128),
    Charge(u128),
}

impl StorageDeposit {
    /// Charged (positive) or refunded (negative) plancks.
    pub fn signed(&self) -> i128 {
        match *self {
            StorageDeposit::Charge(v) => i128::try_from(v).unwrap_or(i128::MAX),
            StorageDeposit::Refund(v) => i128::try_from(v).map(|v| -v).unwrap_or(i128::MIN),
        }
    }
}

/// `sp_runtime::DispatchError`: a module error by (pallet index, error bytes), the rest by name.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum DispatchError {
    Module { pallet: u8, error: [u8; 4] },
    Other(&'static str),
}

impl Decode for DispatchError {
    fn decode<I: Input>(input: &mut I) -> Result<Self, scale::Error> {
        const NAMES: [&str; 14] = [
            "Other",
            "CannotLookup",
            "BadOrigin",
            "Module",
            "ConsumerRemaining",
            "NoProviders",
            "TooManyConsumers",
            "Token",
            "Arithmetic",
            "Transactional",
            "Exhausted",
            "Corruption",
            "Unavailable",
            "RootNotAllowed",
        ];
        let tag = input.read_byte()?;
        match tag {
            3 => Ok(DispatchError::Module { pallet: input.read_byte()?, error: <[u8; 4]>::decode(input)? }),
            // Token, Arithmetic and Transactional carry a one-byte reason
            7..=9 => {
                input.read_byte()?;
                Ok(DispatchError::Other(NAMES[usize::from(tag)]))
            }
            t if usize::from(t) < NAMES.len() => Ok(DispatchError::Other(NAMES[usize::from(t)])),
            _ => Err("unknown DispatchError variant".into()),
        }
    }
}

/// `ExecReturnValue`: the return flags (bit 0: revert) and the output.
#[derive(Debug, Clone, PartialEq, Eq, Decode)]
pub struct ExecReturnValue {
    pub flags: u32,
    pub data: Vec<u8>,
}

impl ExecReturnValue {
    /// Whether the contract reverted.
    pub fn did_revert(&self) -> bool {
        self.flags & 1 == 1
    }
}

/// `InstantiateReturnValue<AccountId>`.
#[derive(Debug, Clone, PartialEq, Eq, Decode)]
pub struct InstantiateReturnValue {
    pub result: ExecReturnValue,
    pub account_id: [u8; 32],
}

/// `ContractResult<R, Balance, ()>` (no events requested).
#[derive(Debug, Clone, PartialEq, Eq, Decode)]
pub struct ContractResult<R> {
    pub gas_consumed: Weight,
    pub gas_required: Weight,
    pub storage_deposit: StorageDeposit,
    pub debug_message: Vec<u8>,
    pub result: R,
    pub events: Option<Vec<()>>,
}

/// `ContractExecResult<Balance, ()>`.
pub type ContractExecResult = ContractResult<Result<ExecReturnValue, DispatchError>>;
/// `ContractInstantiateResult<AccountId, Balance, ()>`.
pub type ContractInstantiateResult = ContractResult<Result<InstantiateReturnValue, DispatchError>>;
