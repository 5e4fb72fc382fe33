import { AccountId32 } from 'dedot/codecs';
import { blake2AsU8a, stringToU8a, u8aToHex } from 'dedot/utils';
import { describe, expect, it } from 'vitest';
import { Abi, action, decodeAction } from '../src/governance.js';
import { CONTRACTS } from '../src/suite.js';
import { metadataOf } from './metadata.js';

const ALICE = '0xd43593c715fdd31c61141abd04a99fd6822c8558854ccde39a5684e7a56da27d';
const ss58 = (raw: string) => new AccountId32(raw).address(42);

describe('governance actions', () => {
  it('carry the selectors the contracts were built with', () => {
    for (const name of CONTRACTS) {
      const abi = new Abi(name, metadataOf(name));
      for (const m of abi.messages()) {
        // ink! 5: the first four bytes of blake2b-256 of the message's label ("Trait::message")
        expect(m.selector, `${name}.${m.label}`).toBe(u8aToHex(blake2AsU8a(stringToU8a(m.label), 256).slice(0, 4)));
      }
    }
    const token = new Abi('token', metadataOf('token'));
    expect(token.message('PSP22::transfer').selector).toBe('0xdb20f9f5');
    expect(token.message('mint_to').selector).toBe('0x1d2f13c5');
  });

  it('encode typed arguments as SCALE and decode them back as text', () => {
    const token = new Abi('token', metadataOf('token'));
    const mint = action(token, '5FhpProzxhk5GF5e8AfHDyMdZrcGuR9tiyNxtwCH3Wt36zso', 'mint_to', [ALICE, 1_000n * 10n ** 12n]);
    // account id (32 bytes) ++ u128 little endian
    const amount = (1_000n * 10n ** 12n).toString(16).padStart(32, '0').match(/../g)!.reverse().join('');
    expect(mint.input).toBe(`${ALICE}${amount}`);
    expect(mint.selector).toBe('0x1d2f13c5');
    const abis = new Map([[`0x${'77'.repeat(32)}`, token]]);
    const shown = decodeAction({ callee: `0x${'77'.repeat(32)}`, selector: mint.selector, input: mint.input, value: 0n }, abis, ss58);
    expect(shown).toEqual({
      callee: 'token',
      message: 'mint_to',
      args: [
        { name: 'to', type: 'AccountId', value: '5GrwvaEF5zXb26Fz9rcQpDWS57CtERHpNehXCPcNoHGKutQY' },
        { name: 'value', type: 'Balance', value: '1000000000000000' },
      ],
      value: 0n,
    });
  });

  it('refuse a wrong argument list and show unknown callees as addresses', () => {
    const token = new Abi('token', metadataOf('token'));
    expect(() => token.encodeArgs('mint_to', [ALICE])).toThrow('takes 2 arguments');
    expect(() => token.message('mint_too')).toThrow('token has no message mint_too');
    expect(() => token.encodeArgs('mint_to', ['not an account', 5n])).toThrow('argument to');
    const unknown = decodeAction({ callee: ALICE, selector: '0x12345678', input: '0x01', value: 5n }, new Map(), ss58);
    expect(unknown.callee).toBe('5GrwvaEF5zXb26Fz9rcQpDWS57CtERHpNehXCPcNoHGKutQY');
    expect(unknown.message).toBe('unknown message 0x12345678');
  });
});
