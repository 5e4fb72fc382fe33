// The vault's bidding rules, as the contract applies them (contracts/vault: `min_raise`,
// `start_buyout`, `bid`), so a page can say what the next bid must be before anyone signs.
import type { VaultDataAsset, VaultDataAuction } from './generated/vault/types.js';

/** A raise must add at least this many basis points (5%) to the highest bid. */
export const MIN_RAISE_BPS = 500n;

/** The lowest bid that beats `bid`: 5% more, rounded up, and at least one unit more. */
export function minRaise(bid: bigint): bigint {
  const divisor = 10_000n / MIN_RAISE_BPS;
  const raise = (bid + divisor - 1n) / divisor;
  return bid + (raise > 0n ? raise : 1n);
}

/**
 * The lowest bid `asset` takes in a transaction sent when `block` is the best block (it lands
 * in the next one): the reserve price (at least one unit) to start a buyout of a held asset, a
 * raise of the highest bid while its auction still takes bids; `undefined` when it takes none
 * (auction over, sold, redeemed).
 */
export function minBid(asset: VaultDataAsset, auction: VaultDataAuction | undefined, block: number): bigint | undefined {
  if (asset.state === 'Held') return asset.reservePrice > 0n ? asset.reservePrice : 1n;
  if (asset.state === 'Auction' && auction && block < auction.endsAt) return minRaise(auction.bid);
  return undefined;
}
