import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { u8aToHex } from 'dedot/utils';
import { describe, expect, it } from 'vitest';
import { checkPresentation, claimDigest, claimsRoot, leaf, present, scaleBytes, type Claim } from '../src/disclosure.js';
import { ROOT } from './metadata.js';

const claims: Claim[] = [
  { salt: new Uint8Array(16).fill(1), name: 'age_over_18', value: 'true' },
  { salt: new Uint8Array(16).fill(2), name: 'nationality', value: 'DE' },
  { salt: new Uint8Array(16).fill(3), name: 'name', value: 'Erika Mustermann' },
];

/** The vectors as docs/selective-disclosure.md prints them (read from the document itself). */
function vectors(): Record<string, string> {
  const doc = readFileSync(resolve(ROOT, 'docs/selective-disclosure.md'), 'utf8');
  return Object.fromEntries([...doc.matchAll(/^(d0|d1|d2|leaf0|root|proof0)=(.*)$/gm)].map((m) => [m[1]!, m[2]!]));
}

describe('selective disclosure', () => {
  it('hashes as the documented test vectors', () => {
    const v = vectors();
    expect(Object.keys(v).sort()).toEqual(['d0', 'd1', 'd2', 'leaf0', 'proof0', 'root']);
    claims.forEach((c, i) => expect(u8aToHex(claimDigest(c)).slice(2)).toBe(v[`d${i}`]));
    expect(u8aToHex(leaf(claimDigest(claims[0]!))).slice(2)).toBe(v.leaf0);
    expect(claimsRoot(claims).slice(2)).toBe(v.root);
    expect(`[${present(claims, 0).proof.map((p) => p.slice(2)).join(', ')}]`).toBe(v.proof0);
  });

  it('proves every claim and nothing altered', () => {
    const root = claimsRoot(claims);
    for (let i = 0; i < claims.length; i++) expect(checkPresentation(present(claims, i), root)).toBe(true);
    const forged = present(claims, 1);
    forged.claim.value = u8aToHex(new TextEncoder().encode('FR'));
    expect(checkPresentation(forged, root)).toBe(false);
    expect(present([claims[0]!], 0).proof).toEqual([]);
    expect(claimsRoot([claims[0]!])).toBe(u8aToHex(leaf(claimDigest(claims[0]!))));
  });

  it('normalises claims to NFC and encodes long strings with SCALE’s two-byte length', () => {
    const composed = { salt: new Uint8Array(16), name: 'city', value: 'Caf\u00e9' };
    const decomposed = { ...composed, value: 'Cafe\u0301' };
    expect(claimDigest(composed)).toEqual(claimDigest(decomposed));
    expect(Array.from(scaleBytes(new Uint8Array(64)).slice(0, 2))).toEqual([0x01, 0x01]);
    expect(scaleBytes(new Uint8Array(63))[0]).toBe(63 << 2);
    expect(() => claimDigest({ ...composed, salt: new Uint8Array(8) })).toThrow('16 bytes');
  });
});
