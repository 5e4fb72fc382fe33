// The contracts' metadata as scripts/build.sh writes it ($SOVRA_INK_DIR or ../../target/ink).
import { readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { ContractMetadata } from 'dedot/contracts';
import { CONTRACTS, type ContractName, type Deployment, type Metadata } from '../src/suite.js';

export const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../../..');
export const INK_DIR = process.env.SOVRA_INK_DIR ?? resolve(ROOT, 'target/ink');

export function metadataOf(name: ContractName): ContractMetadata {
  return JSON.parse(readFileSync(resolve(INK_DIR, name, `${name}.json`), 'utf8')) as ContractMetadata;
}

export function allMetadata(): Metadata {
  return Object.fromEntries(CONTRACTS.map((n) => [n, metadataOf(n)])) as Metadata;
}

export function deployment(network = 'local'): Deployment {
  return JSON.parse(readFileSync(resolve(ROOT, 'deployments', `${network}.json`), 'utf8')) as Deployment;
}
