// For scripts and services on Node.js ('@sovra/client/node'): the suite a deployment record
// names, with the metadata its `metadata` paths point to.
import { readFileSync } from 'node:fs';
import { dirname, isAbsolute, resolve } from 'node:path';
import { CONTRACTS, Suite, type Deployment, type Metadata } from './suite.js';

/**
 * Opens the suite recorded in `recordPath` (deployments/<network>.json): each contract's
 * metadata from `$SOVRA_INK_DIR/<name>/<name>.json` if set, else from the record's `metadata`
 * path, relative to the repository holding `deployments/`; the node at the record's `url` unless
 * `url` is given.
 */
export async function openDeployment(recordPath: string, url?: string): Promise<Suite> {
  const record = JSON.parse(readFileSync(recordPath, 'utf8')) as Deployment & { contracts: Record<string, { metadata: string }> };
  const root = resolve(dirname(recordPath), '..');
  const inkDir = process.env.SOVRA_INK_DIR;
  const metadata = Object.fromEntries(
    CONTRACTS.map((name) => {
      const path = inkDir ? resolve(inkDir, name, `${name}.json`) : isAbsolute(record.contracts[name]!.metadata) ? record.contracts[name]!.metadata : resolve(root, record.contracts[name]!.metadata);
      return [name, JSON.parse(readFileSync(path, 'utf8'))];
    }),
  ) as Metadata;
  return Suite.open(record, metadata, url);
}
