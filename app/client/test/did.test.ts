import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { AccountId32 } from 'dedot/codecs';
import { stringToHex } from 'dedot/utils';
import { describe, expect, it } from 'vitest';
import { didOf, idOf, iso8601, relationshipMask, relationshipsOf, resolutionJson, type DidDocument } from '../src/did.js';
import { ROOT } from './metadata.js';

const ALICE = '0xd43593c715fdd31c61141abd04a99fd6822c8558854ccde39a5684e7a56da27d';
const BOB = '0x8eaf04151687736326c9fea17e25fc5287613693c912909cb226aa4794f26a48';
const CHARLIE = '0x90b5ab205c6974c9ea841be688864633dc9ca8a357843eeacf2314649965fe22';

/** The Rust resolver's sample document (crates/client/src/resolver.rs, `sample`). */
function sample(): DidDocument {
  const method = (id: string, keyType: DidDocument['verificationMethods'][number]['keyType'], publicKey: string, relationships: number) => ({
    id: stringToHex(id), keyType, publicKey: publicKey as `0x${string}`, relationships, validFrom: undefined, validUntil: undefined,
  });
  return {
    id: `0x${'5c'.repeat(32)}`,
    controllers: [new AccountId32(ALICE), new AccountId32(BOB)],
    verificationMethods: [
      { ...method('assert-1', 'Account', CHARLIE, relationshipMask(['assertionMethod'])), validFrom: 1_700_000_000_000n, validUntil: 1_700_086_400_500n },
      method('sign-1', 'Ed25519', `0x${'11'.repeat(32)}`, relationshipMask(['authentication', 'assertionMethod'])),
      method('agree-1', 'X25519', `0x${'22'.repeat(32)}`, relationshipMask(['keyAgreement'])),
    ],
    services: [{ id: stringToHex('hub'), serviceType: stringToHex('DIDCommMessaging'), endpoint: stringToHex('https://hub.example/didcomm') }],
    compromised: [{ methodId: stringToHex('old-key'), since: 1_699_999_000_000n }],
    metadata: { createdBlock: 12, createdAt: 1_699_990_000_000n, updatedBlock: 40, updatedAt: 1_700_000_000_000n, versionId: 6, deactivated: false },
    nextNonce: 5n,
  };
}

describe('the W3C rendering', () => {
  it('is byte for byte the Rust resolver’s golden file', () => {
    const golden = readFileSync(resolve(ROOT, 'tests/golden/did-resolution.json'), 'utf8');
    expect(resolutionJson(sample(), { genesisHash: `0x${'ab'.repeat(32)}`, ss58Prefix: 42 })).toBe(golden);
  });

  it('says deactivated only for a deactivated DID', () => {
    const doc = sample();
    doc.metadata.deactivated = true;
    const json = JSON.parse(resolutionJson(doc, { genesisHash: `0x${'ab'.repeat(32)}`, ss58Prefix: 42 }));
    expect(json.didDocumentMetadata.deactivated).toBe(true);
    expect(JSON.parse(resolutionJson(sample(), { genesisHash: '0x00', ss58Prefix: 42 })).didDocumentMetadata.deactivated).toBeUndefined();
  });
});

describe('DID strings', () => {
  it('go from id to DID and back', () => {
    const id = `0x${'ab'.repeat(32)}`;
    expect(didOf(id)).toBe(`did:sovra:${'ab'.repeat(32)}`);
    expect(idOf(didOf(id))).toBe(id);
    expect(idOf(`did:sovra:local:${'ab'.repeat(32)}#key-1`)).toBe(id);
    expect(didOf(id.toUpperCase().replace('0X', '0x'))).toBe(`did:sovra:${'ab'.repeat(32)}`);
  });

  it('refuse other methods and malformed ids', () => {
    expect(() => idOf(`did:web:${'ab'.repeat(32)}`)).toThrow('is not a did:sovra DID');
    expect(() => idOf(`did:sovra:${'AB'.repeat(32)}`)).toThrow('64 lowercase hex');
    expect(() => idOf('did:sovra:1234')).toThrow('64 lowercase hex');
    expect(() => idOf(`did:sovra:Main Net:${'ab'.repeat(32)}`)).toThrow('not a network name');
    expect(() => didOf('0x1234')).toThrow('32 bytes');
  });

  it('name relationships from the registry’s bits', () => {
    expect(relationshipsOf(1 | 2 | 16)).toEqual(['authentication', 'assertionMethod', 'capabilityDelegation']);
    expect(relationshipMask(['keyAgreement', 'capabilityInvocation'])).toBe(12);
  });

  it('render times as the Rust resolver', () => {
    expect(iso8601(0)).toBe('1970-01-01T00:00:00Z');
    expect(iso8601(1_700_000_000_000n)).toBe('2023-11-14T22:13:20Z');
    expect(iso8601(951_782_400_250n)).toBe('2000-02-29T00:00:00.250Z');
  });
});
