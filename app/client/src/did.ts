// DIDs: `did:sovra:<hex>` ↔ the registry's 32-byte id, and the resolved document rendered as a
// W3C DID Core resolution result — the same rendering, byte for byte, as the Rust reference
// resolver (crates/client/src/resolver.rs, pinned by tests/golden/did-resolution.json).
import { base58 } from '@scure/base';
import { AccountId32 } from 'dedot/codecs';
import { hexToString, hexToU8a, u8aToHex } from 'dedot/utils';
import type {
  SovraInterfacesDidDidDocument as DidDocument,
  SovraInterfacesDidKeyType as KeyType,
  SovraInterfacesDidVerificationMethod as VerificationMethod,
} from './generated/did-registry/types.js';
import { toSs58 } from './format.js';

export type { DidDocument, KeyType, VerificationMethod };

/** The JSON-LD contexts every document carries (as the Rust resolver). */
export const CONTEXTS = [
  'https://www.w3.org/ns/did/v1',
  'https://w3id.org/security/multikey/v1',
  'https://w3id.org/security/suites/secp256k1recovery-2020/v2',
  'https://sovra.example/ns/did/v1',
] as const;

/** The relationships in DID Core's order, with their JSON names and registry bits. */
export const RELATIONSHIPS = [
  { name: 'authentication', bit: 1 },
  { name: 'assertionMethod', bit: 2 },
  { name: 'keyAgreement', bit: 4 },
  { name: 'capabilityInvocation', bit: 8 },
  { name: 'capabilityDelegation', bit: 16 },
] as const;
export type RelationshipName = (typeof RELATIONSHIPS)[number]['name'];

/** The relationship names in a registry bit mask. */
export function relationshipsOf(mask: number): RelationshipName[] {
  return RELATIONSHIPS.filter((r) => (mask & r.bit) !== 0).map((r) => r.name);
}

/** The registry bit mask of relationship names. */
export function relationshipMask(names: RelationshipName[]): number {
  return RELATIONSHIPS.filter((r) => names.includes(r.name)).reduce((mask, r) => mask | r.bit, 0);
}

const HEX64 = /^[0-9a-f]{64}$/;

/** `did:sovra:<64 lowercase hex>` of a registry id (0x-hex or bytes). */
export function didOf(id: string | Uint8Array): string {
  const hex = typeof id === 'string' ? id.toLowerCase().replace(/^0x/, '') : u8aToHex(id).slice(2);
  if (!HEX64.test(hex)) throw new Error(`a DID id is 32 bytes, got "${typeof id === 'string' ? id : hex}"`);
  return `did:sovra:${hex}`;
}

/**
 * The registry id (0x-hex) of `did:sovra:<hex>` or `did:sovra:<network>:<hex>`; a DID URL's
 * fragment (`#key-1`) is ignored. Errors on any other method or a malformed id.
 */
export function idOf(did: string): `0x${string}` {
  const parts = did.trim().split('#')[0]!.split(':');
  if (parts[0] !== 'did' || parts[1] !== 'sovra' || parts.length < 3 || parts.length > 4) {
    throw new Error(`"${did}" is not a did:sovra DID`);
  }
  if (parts.length === 4 && !/^[a-z0-9-]+$/.test(parts[2]!)) throw new Error(`"${parts[2]}" is not a network name`);
  const hex = parts[parts.length - 1]!;
  if (!HEX64.test(hex)) throw new Error(`"${hex}" is not 64 lowercase hex digits`);
  return `0x${hex}`;
}

/** Where a resolved DID lives: its chain's genesis hash and SS58 prefix. */
export interface Network {
  genesisHash: string;
  ss58Prefix: number;
}

/** CAIP-2 chain id: `polkadot:<first 32 hex digits of the genesis hash>`. */
export function caip2(network: Network): string {
  return `polkadot:${network.genesisHash.toLowerCase().replace(/^0x/, '').slice(0, 32)}`;
}

/** ISO-8601 UTC of a timestamp in ms (milliseconds shown when not zero), as the Rust resolver. */
export function iso8601(ms: bigint | number): string {
  const text = new Date(Number(ms)).toISOString();
  return text.endsWith('.000Z') ? `${text.slice(0, -5)}Z` : text;
}

const MULTICODEC: Partial<Record<KeyType, [number, number]>> = {
  Ed25519: [0xed, 0x01],
  Sr25519: [0xef, 0x01],
  EcdsaSecp256k1: [0xe7, 0x01],
  X25519: [0xec, 0x01],
};

/** The registry's byte strings (0x-hex) as text (fragments, service types, endpoints). */
export function text(bytes: string): string {
  return hexToString(bytes);
}

function rawAccount(account: AccountId32 | string): Uint8Array {
  return hexToU8a(account instanceof AccountId32 ? account.raw : new AccountId32(account).raw);
}

function methodJson(did: string, network: Network, m: VerificationMethod): Record<string, unknown> {
  const out: Record<string, unknown> = { id: `${did}#${text(m.id)}` };
  const prefix = MULTICODEC[m.keyType];
  const key = hexToU8a(m.publicKey);
  if (prefix) {
    out.type = 'Multikey';
    out.controller = did;
    out.publicKeyMultibase = `z${base58.encode(Uint8Array.from([...prefix, ...key]))}`;
  } else {
    out.type = 'BlockchainVerificationMethod2021';
    out.controller = did;
    const account = key.length === 32 ? toSs58(key, network.ss58Prefix) : u8aToHex(key);
    out.blockchainAccountId = `${caip2(network)}:${account}`;
  }
  if (m.validFrom !== undefined) out['sovra:validFrom'] = iso8601(m.validFrom);
  if (m.validUntil !== undefined) out['sovra:validUntil'] = iso8601(m.validUntil);
  return out;
}

/** The DID resolution result for `doc` on `network` (docs/did-method.md, "Rendering"). */
export function resolution(doc: DidDocument, network: Network): Record<string, unknown> {
  const did = didOf(doc.id);
  const methods: Record<string, unknown>[] = [];
  const relationships: string[][] = RELATIONSHIPS.map(() => []);
  // controllers act for the DID in every relationship but keyAgreement
  doc.controllers.forEach((controller, n) => {
    const id = `${did}#controller-${n}`;
    methods.push({
      id,
      type: 'BlockchainVerificationMethod2021',
      controller: did,
      blockchainAccountId: `${caip2(network)}:${toSs58(rawAccount(controller), network.ss58Prefix)}`,
    });
    RELATIONSHIPS.forEach((r, i) => r.name !== 'keyAgreement' && relationships[i]!.push(id));
  });
  for (const m of doc.verificationMethods) {
    methods.push(methodJson(did, network, m));
    RELATIONSHIPS.forEach((r, i) => (m.relationships & r.bit) !== 0 && relationships[i]!.push(`${did}#${text(m.id)}`));
  }
  const document: Record<string, unknown> = { '@context': [...CONTEXTS], id: did, controller: did, verificationMethod: methods };
  RELATIONSHIPS.forEach((r, i) => relationships[i]!.length > 0 && (document[r.name] = relationships[i]));
  if (doc.services.length > 0) {
    document.service = doc.services.map((s) => ({ id: `${did}#${text(s.id)}`, type: text(s.serviceType), serviceEndpoint: text(s.endpoint) }));
  }
  if (doc.compromised.length > 0) {
    document['sovra:compromisedKeys'] = doc.compromised.map((c) => ({ id: `${did}#${text(c.methodId)}`, since: iso8601(c.since) }));
  }
  const m = doc.metadata;
  const metadata: Record<string, unknown> = {
    created: iso8601(m.createdAt),
    updated: iso8601(m.updatedAt),
    versionId: m.versionId.toString(),
    'sovra:createdBlock': m.createdBlock,
    'sovra:updatedBlock': m.updatedBlock,
    'sovra:nextNonce': Number(doc.nextNonce),
  };
  if (m.deactivated) metadata.deactivated = true;
  return {
    '@context': 'https://w3id.org/did-resolution/v1',
    didDocument: document,
    didDocumentMetadata: metadata,
    didResolutionMetadata: { contentType: 'application/did+ld+json' },
  };
}

function sorted(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(sorted);
  if (value !== null && typeof value === 'object') {
    return Object.fromEntries(Object.keys(value).sort().map((k) => [k, sorted((value as Record<string, unknown>)[k])]));
  }
  return value;
}

/** The resolution result as JSON text: keys sorted, two-space indent, a final newline. */
export function resolutionJson(doc: DidDocument, network: Network): string {
  return `${JSON.stringify(sorted(resolution(doc, network)), null, 2)}\n`;
}
