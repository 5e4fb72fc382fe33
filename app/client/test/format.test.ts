import { describe, expect, it } from 'vitest';
import { verdict, bitOf, setBits, readWholeList } from '../src/credentials.js';
import { ContractRefused, errorText } from '../src/errors.js';
import { accountId, formatAmount, parseAmount, toSs58 } from '../src/format.js';
import { depositMargin, gasLimit } from '../src/tx.js';

const ALICE = '0xd43593c715fdd31c61141abd04a99fd6822c8558854ccde39a5684e7a56da27d';

describe('amounts', () => {
  it('format with decimals and separators', () => {
    expect(formatAmount(1_234_500_000_000_000n, 12)).toBe('1,234.5');
    expect(formatAmount(1n, 12, 'SOV')).toBe('0.000000000001 SOV');
    expect(formatAmount(1_000_000n * 10n ** 12n, 12, 'SOV')).toBe('1,000,000 SOV');
    expect(formatAmount(-25n, 1)).toBe('-2.5');
    expect(formatAmount(7n, 0)).toBe('7');
  });

  it('parse what a person types and refuse the rest', () => {
    expect(parseAmount('1,234.5', 12)).toBe(1_234_500_000_000_000n);
    expect(parseAmount(' 0.000000000001 ', 12)).toBe(1n);
    expect(parseAmount('12', 0)).toBe(12n);
    expect(() => parseAmount('0.0000000000001', 12)).toThrow('more than 12 decimals');
    expect(() => parseAmount('-1', 12)).toThrow('not an amount');
    expect(() => parseAmount('1e3', 12)).toThrow('not an amount');
    expect(() => parseAmount('', 12)).toThrow('not an amount');
  });
});

describe('SS58', () => {
  it('matches the well-known dev addresses', () => {
    expect(toSs58(ALICE)).toBe('5GrwvaEF5zXb26Fz9rcQpDWS57CtERHpNehXCPcNoHGKutQY');
    expect(toSs58(ALICE, 0)).toBe('15oF4uVJwmo4TdGW7VfQxNLavjCXviqxT9S1MgbjMNHr6Sp5');
    expect(accountId('15oF4uVJwmo4TdGW7VfQxNLavjCXviqxT9S1MgbjMNHr6Sp5')).toBe(ALICE);
  });
});

describe('credential status', () => {
  it('reads as a verdict with the issuer’s reason', () => {
    expect(verdict({ type: 'Valid' })).toMatchObject({ valid: true, title: 'Valid' });
    expect(verdict({ type: 'Revoked', value: '0x6b657920737573706563746564' })).toMatchObject({ valid: false, title: 'Revoked', detail: 'Revoked by the issuer: “key suspected”' });
    expect(verdict({ type: 'Suspended', value: '0x' }).detail).toBe('Suspended by the issuer: no reason given');
    expect(verdict({ type: 'IssuerKeyCompromised' }).title).toBe('Issuer key compromised');
    expect(verdict({ type: 'IssuerNotTrusted' }).valid).toBe(false);
  });

  it('reads status list bits word by word', async () => {
    const words = [(1n << 3n) | (1n << 127n), 1n];
    expect([bitOf(words, 3), bitOf(words, 4), bitOf(words, 127), bitOf(words, 128), bitOf(words, 500)]).toEqual([true, false, true, true, false]);
    expect(setBits(words, 256)).toEqual([3, 127, 128]);
    const calls: [number, number][] = [];
    const list = await readWholeList(128 * 130, async (start, count) => {
      calls.push([start, count]);
      return Array.from({ length: count }, (_, i) => BigInt(start + i));
    });
    expect(calls).toEqual([[0, 64], [64, 64], [128, 2]]);
    expect(list.length).toBe(130);
    expect(list[129]).toBe(129n);
  });
});

describe('errors and limits', () => {
  it('speak words, not names or hex', () => {
    expect(errorText({ type: 'Custom', value: 'ComplianceFailed' })).toBe('the receiver holds no valid membership credential');
    expect(errorText('InsufficientBalance')).toBe('the sender’s balance is too low for this amount');
    expect(errorText({ type: 'Custom', value: '0x436f6d706c69616e63654661696c6564' })).toBe('the receiver holds no valid membership credential');
    expect(errorText('SomethingNew')).toBe('something new');
    expect(new ContractRefused('credential_registry', 'credentialVerifierVerify', 'NotIssuer').message).toBe('The credential registry refused to verify: the sender does not act for the issuer DID');
    expect(new ContractRefused('governor', 'castVote', { type: 'UnexpectedState', value: 'Defeated' }).message).toBe('The governor refused to cast vote: the proposal is defeated');
  });

  it('add the documented margins, as the Rust client does', () => {
    expect(gasLimit({ refTime: 4_148_370_086n, proofSize: 88_210n })).toEqual({ refTime: 4_189_853_787n, proofSize: 89_093n });
    expect(gasLimit({ refTime: 0n, proofSize: 1n })).toEqual({ refTime: 0n, proofSize: 2n });
    // the sandbox's prices (1 per item, 1 per byte): two 20-byte checkpoints
    expect(depositMargin(1n, 1n)).toBe(42n);
  });
});
