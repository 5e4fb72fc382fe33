// Amounts with decimals and SS58 addresses: what a person reads instead of raw integers and hex.
import { decodeAddress, encodeAddress, hexToString, u8aToHex } from 'dedot/utils';
import type { SovraInterfacesPsp34Id as NftId } from './generated/nft/types.js';

/** The SS58 prefix of Substrate's generic format (the local node and most test chains). */
export const GENERIC_SS58 = 42;

/**
 * `amount` (an integer of the token's smallest unit) as a decimal string with `decimals`
 * decimals and thousands separators: `formatAmount(1_234_500_000_000_000n, 12)` is
 * `"1,234.5"`. Trailing zeros are dropped; `symbol` is appended when given.
 */
export function formatAmount(amount: bigint, decimals: number, symbol?: string): string {
  const negative = amount < 0n;
  const abs = negative ? -amount : amount;
  const unit = 10n ** BigInt(decimals);
  const whole = (abs / unit).toString().replace(/\B(?=(\d{3})+(?!\d))/g, ',');
  const fraction = decimals > 0 ? (abs % unit).toString().padStart(decimals, '0').replace(/0+$/, '') : '';
  const text = `${negative ? '-' : ''}${whole}${fraction ? `.${fraction}` : ''}`;
  return symbol ? `${text} ${symbol}` : text;
}

/**
 * The integer amount a person means by `text` (`"1,234.5"`, `"0.000001"`) for a token with
 * `decimals` decimals. Errors on anything else: more decimals than the token has, signs,
 * exponents, empty input.
 */
export function parseAmount(text: string, decimals: number): bigint {
  const clean = text.trim().replace(/[,_\s]/g, '');
  const match = /^(\d*)(?:\.(\d*))?$/.exec(clean);
  if (!match || clean === '' || clean === '.') throw new Error(`"${text}" is not an amount`);
  const [, whole = '', fraction = ''] = match;
  if (fraction.length > decimals) throw new Error(`"${text}" has more than ${decimals} decimals`);
  return BigInt(whole || '0') * 10n ** BigInt(decimals) + BigInt(fraction.padEnd(decimals, '0') || '0');
}

/** The SS58 address of a 32-byte account id (hex or bytes) with `prefix`. */
export function toSs58(account: string | Uint8Array, prefix: number = GENERIC_SS58): string {
  return encodeAddress(account, prefix);
}

/** The 32-byte account id (0x-hex) of an SS58 address (any prefix) or of 0x-hex itself. */
export function accountId(address: string): `0x${string}` {
  return u8aToHex(decodeAddress(address));
}

/** `5GrwvaEF…HGKutQY`: an address shortened for tables (the full one belongs in a tooltip). */
export function shortAddress(address: string): string {
  return address.length > 16 ? `${address.slice(0, 8)}…${address.slice(-7)}` : address;
}

/** A PSP34 token id as a person reads it: `#2`, or the text of a bytes id. */
export function nftIdText(id: NftId): string {
  return id.type === 'Bytes' ? hexToString(id.value) : `#${id.value.toString()}`;
}
