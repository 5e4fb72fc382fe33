// The local chain's well-known development accounts (//Alice … //Ferdie) and a way to move it
// on: only for a local node, never for a chain with value.
import { Keyring } from '@polkadot/keyring';
import type { KeyringPair } from '@polkadot/keyring/types';
import { cryptoWaitReady } from '@polkadot/util-crypto';
import type { LegacyClient } from 'dedot';
import type { Sender } from './tx.js';

export const DEV_NAMES = ['Alice', 'Bob', 'Charlie', 'Dave', 'Eve', 'Ferdie'] as const;
export type DevName = (typeof DEV_NAMES)[number];

/** The development accounts as senders (sr25519 from `//Name`). */
export async function devAccounts(): Promise<Record<DevName, Sender & { pair: KeyringPair; name: DevName }>> {
  await cryptoWaitReady();
  const keyring = new Keyring({ type: 'sr25519', ss58Format: 42 });
  return Object.fromEntries(
    DEV_NAMES.map((name) => {
      const pair = keyring.addFromUri(`//${name}`, { name });
      return [name, { name, address: pair.address, pair }];
    }),
  ) as Record<DevName, Sender & { pair: KeyringPair; name: DevName }>;
}

/** The best block's number. */
export async function bestBlock(client: LegacyClient): Promise<number> {
  const header = await client.rpc.chain_getHeader();
  return header ? Number(header.number) : 0;
}

/** Builds `n` blocks on a local instant-seal node by sending `n` remarks as `by`. */
export async function advanceBlocks(client: LegacyClient, n: number, by: KeyringPair): Promise<number> {
  for (let i = 0; i < n; i++) {
    await client.tx.system.remark('0x00').signAndSend(by).untilBestChainBlockIncluded();
  }
  return bestBlock(client);
}
