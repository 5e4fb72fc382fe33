//! Cross-contract calls through the `call` host function directly (the version ink! 5.1.1 itself
//! uses), for two things ink!'s call builder does not give: telling a callee that *reverted*
//! from one that returned (ink! decodes a reverted callee's output like a normal return — the
//! governor runs actions whose output type it does not know), and one small code path shared by
//! every call site instead of a call builder per message (every byte of Wasm is paid as proof
//! size on every call).
//!
//! Off chain (unit tests) there is no other contract: calls fail, and the contracts' rules are
//! tested with in-memory oracles instead; end-to-end tests run the real calls.

use ink::prelude::vec::Vec;
use ink::primitives::AccountId;
use scale::{Decode, DecodeAll, Encode};

/// Calls `callee`'s message `selector` with `args` (SCALE-encoded arguments), transferring
/// `value`, with all the gas left; `reenter` lets the callee call back into the caller. Whether
/// the callee returned without reverting or trapping (an unknown selector reverts too).
pub fn call(callee: &AccountId, selector: [u8; 4], args: &[u8], value: u128, reenter: bool) -> bool {
    let mut input = Vec::with_capacity(args.len().saturating_add(4));
    input.extend_from_slice(&selector);
    input.extend_from_slice(args);
    invoke(callee, &input, value, reenter, None)
}

/// The `call` host function with `input` = selector ++ arguments; writes the callee's output
/// into `output` (shrunk to its length) if given.
#[cfg(target_arch = "wasm32")]
fn invoke(callee: &AccountId, input: &[u8], value: u128, reenter: bool, output: Option<&mut &mut [u8]>) -> bool {
    use pallet_contracts_uapi::{CallFlags, HostFn, HostFnImpl};
    let flags = if reenter { CallFlags::ALLOW_REENTRY } else { CallFlags::empty() };
    let callee: &[u8; 32] = callee.as_ref();
    // SCALE of a u128 is its 16 little-endian bytes; limits 0 = all that is left
    HostFnImpl::call_v2(flags, callee, 0, 0, None, &value.to_le_bytes(), input, output).is_ok()
}

/// Off chain there is no other contract to call.
#[cfg(not(target_arch = "wasm32"))]
fn invoke(_callee: &AccountId, _input: &[u8], _value: u128, _reenter: bool, _output: Option<&mut &mut [u8]>) -> bool {
    false
}

/// Instantiates the code `code_hash` with `input` (constructor selector ++ SCALE(arguments)) and
/// `salt`, with all the gas left and no deposit limit: the new contract's account if the
/// constructor returned without reverting or trapping (an ink! constructor returning `Err`
/// reverts). Off chain: `None`.
pub fn instantiate(code_hash: &[u8; 32], input: &[u8], salt: &[u8]) -> Option<AccountId> {
    instantiate_host(code_hash, input, salt)
}

#[cfg(target_arch = "wasm32")]
fn instantiate_host(code_hash: &[u8; 32], input: &[u8], salt: &[u8]) -> Option<AccountId> {
    use pallet_contracts_uapi::{HostFn, HostFnImpl};
    let mut address = [0u8; 32];
    let mut out: &mut [u8] = &mut address;
    HostFnImpl::instantiate_v2(code_hash, 0, 0, None, &0u128.to_le_bytes(), input, Some(&mut out), None, salt).ok()?;
    Some(AccountId::from(address))
}

#[cfg(not(target_arch = "wasm32"))]
fn instantiate_host(_code_hash: &[u8; 32], _input: &[u8], _salt: &[u8]) -> Option<AccountId> {
    None
}

/// Asks `callee`'s message `selector` with `args` for an answer of type `R` (at most 256
/// bytes): `None` if the call failed or reverted, the selector is unknown, or the answer does
/// not decode as exactly one `R`.
pub fn query<R: Decode>(callee: &AccountId, selector: [u8; 4], args: &impl Encode) -> Option<R> {
    // selector ++ SCALE(args), encoded once
    let mut input = Vec::with_capacity(args.size_hint().saturating_add(4));
    input.extend_from_slice(&selector);
    args.encode_to(&mut input);
    let mut buffer = [0u8; 256];
    let mut output: &mut [u8] = &mut buffer;
    if !invoke(callee, &input, 0, false, Some(&mut output)) {
        return None;
    }
    // ink! wraps every answer in `Result<_, LangError>`
    match <Result<R, ink::LangError>>::decode_all(&mut &output[..]) {
        Ok(Ok(answer)) => Some(answer),
        _ => None,
    }
}
