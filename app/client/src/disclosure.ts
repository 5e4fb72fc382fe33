// Selective disclosure (docs/selective-disclosure.md, "Hashing, exactly"): an issuer commits to
// salted claims with a Merkle root; a holder presents one claim with its proof.
import { blake2AsU8a, concatU8a, hexToU8a, stringToU8a, u8aToHex } from 'dedot/utils';

/** One claim: a fresh 16-byte salt, a name and a value (NFC-normalised UTF-8 before hashing). */
export interface Claim {
  salt: Uint8Array;
  name: string;
  value: string;
}

/** What a holder hands a verifier (or `verify_presentation`) for one claim. */
export interface Presentation {
  claim: { salt: `0x${string}`; name: `0x${string}`; value: `0x${string}` };
  proof: `0x${string}`[];
}

const MAX_PROOF = 16;
const H = (data: Uint8Array) => blake2AsU8a(data, 256);

/** SCALE encoding of a byte string: compact length, then the bytes. */
export function scaleBytes(bytes: Uint8Array): Uint8Array {
  const n = bytes.length;
  let prefix: Uint8Array;
  if (n < 1 << 6) prefix = Uint8Array.of(n << 2);
  else if (n < 1 << 14) prefix = Uint8Array.of(((n << 2) | 1) & 0xff, n >> 6);
  else if (n < 1 << 30) prefix = Uint8Array.of(((n << 2) | 2) & 0xff, (n >> 6) & 0xff, (n >> 14) & 0xff, (n >> 22) & 0xff);
  else throw new Error('a claim of 1 GiB or more');
  return concatU8a(prefix, bytes);
}

const utf8 = (s: string) => stringToU8a(s.normalize('NFC'));

/** A fresh salt from the platform's CSPRNG (one per claim, never shared or derived). */
export function freshSalt(): Uint8Array {
  return globalThis.crypto.getRandomValues(new Uint8Array(16));
}

/** `blake2b-256(salt ++ SCALE(name) ++ SCALE(value))`. */
export function claimDigest(claim: Claim): Uint8Array {
  if (claim.salt.length !== 16) throw new Error('a claim salt is 16 bytes');
  return H(concatU8a(claim.salt, scaleBytes(utf8(claim.name)), scaleBytes(utf8(claim.value))));
}

/** `blake2b-256(0x00 ++ digest)`. */
export function leaf(digest: Uint8Array): Uint8Array {
  return H(concatU8a(Uint8Array.of(0), digest));
}

function less(a: Uint8Array, b: Uint8Array): boolean {
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return a[i]! < b[i]!;
  return false;
}

/** `blake2b-256(0x01 ++ min(a, b) ++ max(a, b))`. */
export function inner(a: Uint8Array, b: Uint8Array): Uint8Array {
  return less(b, a) ? H(concatU8a(Uint8Array.of(1), b, a)) : H(concatU8a(Uint8Array.of(1), a, b));
}

/** The tree's levels from the leaves up (an odd last node is promoted). */
function levels(claims: Claim[]): Uint8Array[][] {
  if (claims.length === 0) throw new Error('a claims commitment needs at least one claim');
  const out = [claims.map((c) => leaf(claimDigest(c)))];
  while (out[out.length - 1]!.length > 1) {
    const level = out[out.length - 1]!;
    const next: Uint8Array[] = [];
    for (let i = 0; i < level.length; i += 2) next.push(i + 1 < level.length ? inner(level[i]!, level[i + 1]!) : level[i]!);
    out.push(next);
  }
  return out;
}

/** The claims root an issuer anchors (`claims_root`). */
export function claimsRoot(claims: Claim[]): `0x${string}` {
  const all = levels(claims);
  return u8aToHex(all[all.length - 1]![0]!);
}

/** The presentation of claim `index` of `claims`: the claim's bytes and its sibling hashes. */
export function present(claims: Claim[], index: number): Presentation {
  const claim = claims[index];
  if (!claim) throw new Error(`there is no claim ${index}`);
  const proof: `0x${string}`[] = [];
  let i = index;
  for (const level of levels(claims).slice(0, -1)) {
    const sibling = i % 2 === 0 ? i + 1 : i - 1;
    if (sibling < level.length) proof.push(u8aToHex(level[sibling]!));
    i = Math.floor(i / 2);
  }
  if (proof.length > MAX_PROOF) throw new Error(`a proof has at most ${MAX_PROOF} hashes`);
  return { claim: { salt: u8aToHex(claim.salt), name: u8aToHex(utf8(claim.name)), value: u8aToHex(utf8(claim.value)) }, proof };
}

/** Whether `presentation` proves its claim under `root` (what the registry checks). */
export function checkPresentation(presentation: Presentation, root: string): boolean {
  const { salt, name, value } = presentation.claim;
  let node = leaf(H(concatU8a(hexToU8a(salt), scaleBytes(hexToU8a(name)), scaleBytes(hexToU8a(value)))));
  for (const sibling of presentation.proof) node = inner(node, hexToU8a(sibling));
  return u8aToHex(node) === root.toLowerCase();
}
