// Credential status as a person reads it, and bitstring status lists read word by word.
import { hexToString } from 'dedot/utils';
import type { SovraInterfacesCredentialCredentialStatus as CredentialStatus } from './generated/credential-registry/types.js';

export type { CredentialStatus };

/** A verdict: `valid` only for `Valid`; `title` and `detail` are what a verifier is shown. */
export interface Verdict {
  valid: boolean;
  title: string;
  detail: string;
}

/** The verdict on a `verify(issuer, credential)` answer, with the issuer's reason text. */
export function verdict(status: CredentialStatus): Verdict {
  switch (status.type) {
    case 'Valid':
      return { valid: true, title: 'Valid', detail: 'The issuer is trusted for this schema and the credential is in force.' };
    case 'Revoked':
      return { valid: false, title: 'Revoked', detail: `Revoked by the issuer: ${reason(status.value)}` };
    case 'Suspended':
      return { valid: false, title: 'Suspended', detail: `Suspended by the issuer: ${reason(status.value)}` };
    case 'Expired':
      return { valid: false, title: 'Expired', detail: 'The credential is past its expiry.' };
    case 'IssuerNotTrusted':
      return { valid: false, title: 'Issuer not trusted', detail: 'The issuer is not (or no longer) trusted for this credential’s schema.' };
    case 'IssuerDeactivated':
      return { valid: false, title: 'Issuer deactivated', detail: 'The issuer’s DID is deactivated.' };
    case 'IssuerKeyCompromised':
      return { valid: false, title: 'Issuer key compromised', detail: 'The key that issued the credential was reported compromised before it was issued.' };
    case 'Unknown':
      return { valid: false, title: 'Unknown', detail: 'This issuer has no credential with this hash.' };
  }
}

function reason(bytes: string): string {
  const text = hexToString(bytes).trim();
  return text === '' ? 'no reason given' : `“${text}”`;
}

/** Bits per status-list word (`status_list_words`: bit `i` is bit `i % 128` of word `i / 128`). */
export const WORD_BITS = 128;
/** Words per `status_list_words` call. */
export const MAX_WORDS = 64;

/** Bit `index` of a list given as its words. */
export function bitOf(words: bigint[], index: number): boolean {
  const word = words[Math.floor(index / WORD_BITS)] ?? 0n;
  return ((word >> BigInt(index % WORD_BITS)) & 1n) === 1n;
}

/** The indices of the set bits among the first `size` bits of a list given as its words. */
export function setBits(words: bigint[], size: number): number[] {
  const out: number[] = [];
  for (let i = 0; i < size; i++) if (bitOf(words, i)) out.push(i);
  return out;
}

/**
 * A whole list of `size` bits, read `MAX_WORDS` words at a time with `read(start, count)` (the
 * registry's `status_list_words`).
 */
export async function readWholeList(size: number, read: (start: number, count: number) => Promise<bigint[]>): Promise<bigint[]> {
  const total = Math.ceil(size / WORD_BITS);
  const words: bigint[] = [];
  for (let start = 0; start < total; start += MAX_WORDS) {
    const chunk = await read(start, Math.min(MAX_WORDS, total - start));
    words.push(...chunk);
  }
  return words;
}
