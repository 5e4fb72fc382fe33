import { describe, expect, it } from 'vitest';
import { minBid, minRaise } from '../src/vault.js';
import type { VaultAsset, VaultAuction } from '../src/index.js';

describe('vault bids', () => {
  it('raise by at least 5%, rounded up, at least one unit (the contract’s vectors)', () => {
    expect(minRaise(100n)).toBe(105n);
    expect(minRaise(30n)).toBe(32n);
    expect(minRaise(19n)).toBe(20n);
    expect(minRaise(1n)).toBe(2n);
    expect(minRaise(0n)).toBe(1n);
    expect(minRaise(2_000_000_000_000n)).toBe(2_100_000_000_000n);
    for (let bid = 1n; bid < 2_000n; bid++) {
      const raise = minRaise(bid) - bid;
      expect(raise * 20n >= bid && (raise - 1n) * 20n < (bid > 20n ? bid : 20n)).toBe(true);
    }
  });

  it('follow the asset: the reserve to start, a raise while bids are taken, nothing after', () => {
    const asset = (state: VaultAsset['state'], reservePrice: bigint) => ({ state, reservePrice }) as VaultAsset;
    const auction = { bid: 5_000n, endsAt: 40 } as VaultAuction;
    expect(minBid(asset('Held', 5_000n), undefined, 10)).toBe(5_000n);
    expect(minBid(asset('Held', 0n), undefined, 10)).toBe(1n);
    expect(minBid(asset('Auction', 5_000n), auction, 39)).toBe(5_250n);
    // at block 40 a transaction lands in block 41: past the last block for bids
    expect(minBid(asset('Auction', 5_000n), auction, 40)).toBeUndefined();
    expect(minBid(asset('Sold', 5_000n), undefined, 50)).toBeUndefined();
    expect(minBid(asset('Redeemed', 5_000n), undefined, 50)).toBeUndefined();
  });
});
