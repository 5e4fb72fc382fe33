// Vault: NFTs split into shares — each asset with its state, shares, reserve price, auction and
// sale; fractionalize an NFT, redeem with every share, start or raise a buyout, close it, claim
// the price with shares, withdraw what is due, propose or vote a reserve price.
import { useEffect, useState } from 'react';
import { accountId, formatAmount, minBid, nftIdText, parseAmount, send, text, type VaultAsset, type VaultAuction, type VaultSale } from '@sovra/client';
import { stringToHex } from 'dedot/utils';
import { useChain } from '../chain';
import { Addr, Field, Problem, Section, TxButton, useGuard } from '../ui';

/** The chain's native currency, as its spec says (the local node: 12 decimals, UNIT). */
interface Native {
  decimals: number;
  symbol: string;
}

interface Row {
  id: number;
  asset: VaultAsset;
  name: string;
  symbol: string;
  mine: bigint;
  supply: bigint;
  auction?: VaultAuction;
  sale?: VaultSale;
  proposal?: { price: bigint; deadline: number; votes: bigint };
}


export function Vault() {
  const { suite, account, block } = useChain();
  const [rows, setRows] = useState<Row[]>([]);
  const [native, setNative] = useState<Native>({ decimals: 12, symbol: 'UNIT' });
  const [due, setDue] = useState(0n);
  const [problem, setProblem] = useState<string>();

  useEffect(() => {
    let stale = false;
    (async () => {
      const props = (await suite.client.chainSpec.properties()) as { tokenDecimals?: number | number[]; tokenSymbol?: string | string[] };
      const first = <T,>(v: T | T[] | undefined) => (Array.isArray(v) ? v[0] : v);
      const nat = { decimals: Number(first(props.tokenDecimals) ?? 12), symbol: String(first(props.tokenSymbol) ?? 'UNIT') };
      const v = suite.vault.query;
      const count = (await v.assetCount()).data;
      const out: Row[] = [];
      for (let i = count - 1; i >= Math.max(0, count - 20); i--) {
        const asset = (await v.asset(i)).data;
        if (!asset) continue;
        const shares = suite.tokenAt(asset.shares.raw);
        const [symbol, supply, mine, named, auction, sale, proposal] = await Promise.all([
          shares.query.psp22MetadataTokenSymbol(),
          shares.query.psp22TotalSupply(),
          account ? shares.query.psp22BalanceOf(account.address) : Promise.resolve({ data: 0n }),
          asset.nft.raw === suite.deployment.contracts.nft.address_hex ? suite.nft.query.psp34MetadataGetAttribute(asset.id, stringToHex('name')) : Promise.resolve({ data: undefined }),
          v.auction(i),
          v.sale(i),
          v.reserveProposal(i),
        ]);
        out.push({
          id: i,
          asset,
          name: named.data ? text(named.data) : `NFT ${nftIdText(asset.id)}`,
          symbol: symbol.data ?? 'shares',
          mine: mine.data,
          supply: supply.data,
          auction: auction.data,
          sale: sale.data,
          proposal: proposal.data,
        });
      }
      const owed = account ? (await v.due(account.address)).data : 0n;
      if (stale) return;
      setNative(nat);
      setRows(out);
      setDue(owed);
    })().catch((e: Error) => setProblem(e.message));
    return () => {
      stale = true;
    };
  }, [suite, block, account]);

  const money = (v: bigint) => formatAmount(v, native.decimals, native.symbol);
  return (
    <div className="view" data-testid="vault-view">
      <Section title="Shared assets" hint="An NFT in the vault is owned through its shares: they trade and vote like any Sovra token. The holder of every share can take the NFT back; anyone can buy it in an auction at or above the reserve price the holders vote on, and the holders then claim the price.">
        {rows.length === 0 ? <p>No assets yet.</p> : null}
        {rows.map((r) => (
          <AssetCard key={r.id} row={r} money={money} native={native} />
        ))}
        {due > 0n ? (
          <div className="row">
            <span data-testid="vault-due">You may withdraw {money(due)} (outbid bids, payments that failed).</span>
            <TxButton id="vault-withdraw" label="Withdraw" run={(onState) => send(suite, suite.vault, 'withdraw', [], account!, onState)} />
          </div>
        ) : null}
        <Problem id="vault-problem" text={problem} />
      </Section>
      <Fractionalize native={native} />
    </div>
  );
}

/**
 * Where an auction stands at the best block `block`. A transaction lands in the next block
 * (its dry run runs at this one): bids are taken through block `endsAt`, the auction closes
 * from the block after it.
 */
function auctionText(endsAt: number, block: number): string {
  if (block < endsAt) return `ends after block #${endsAt} (${endsAt - block} ${endsAt - block === 1 ? 'block' : 'blocks'})`;
  if (block === endsAt) return `bidding is over; it can be closed from block #${endsAt + 1}`;
  return 'over: anyone may close it';
}

function AssetCard({ row, money, native }: { row: Row; money: (v: bigint) => string; native: Native }) {
  const { suite, account, block } = useChain();
  const [amount, setAmount] = useState('');
  const [problem, guard] = useGuard();
  const a = row.asset;
  const value = () => guard(() => parseAmount(amount, native.decimals));
  const lowest = minBid(a, row.auction, block);
  const shares = suite.tokenAt(a.shares.raw);
  const pct = row.supply > 0n ? Number((row.mine * 10000n) / row.supply) / 100 : 0;
  return (
    <article className="proposal" data-testid={`asset-${row.id}`}>
      <header>
        <span className={`state ${a.state.toLowerCase()}`} data-testid="asset-state">{a.state === 'Held' ? 'In the vault' : a.state === 'Auction' ? 'Auction' : a.state === 'Sold' ? 'Sold' : 'Redeemed'}</span>
        <span className="title" data-testid="asset-name">{row.name}</span>
        <span className="hint">asset {row.id}</span>
      </header>
      <dl className="facts">
        <dt>Shares</dt>
        <dd data-testid="asset-shares">{row.supply.toString()} {row.symbol} in circulation (of {a.supply.toString()}); you hold {row.mine.toString()} ({pct}%)</dd>
        <dt>Deposited by</dt>
        <dd><Addr address={a.depositor.raw} /> in block #{a.createdBlock}</dd>
        <dt>Reserve price</dt>
        <dd data-testid="asset-reserve">{money(a.reservePrice)}{row.proposal && block <= row.proposal.deadline ? ` — holders are voting on ${money(row.proposal.price)} until block #${row.proposal.deadline}` : ''}</dd>
        {row.auction ? (
          <>
            <dt>Auction</dt>
            <dd data-testid="asset-auction">highest bid {money(row.auction.bid)} by <Addr address={row.auction.bidder.raw} />; {auctionText(row.auction.endsAt, block)}{lowest !== undefined ? `; the next bid must be at least ${money(lowest)}` : ''}</dd>
          </>
        ) : null}
        {row.sale ? (
          <>
            <dt>Sale</dt>
            <dd data-testid="asset-sale">sold to <Addr address={row.sale.buyer.raw} /> for {money(row.sale.price)}; {row.sale.unclaimed === 0n ? 'every holder has claimed' : `${money(row.sale.unclaimed)} not yet claimed`}{row.sale.delivered ? '' : ' (the NFT awaits delivery)'}</dd>
          </>
        ) : null}
      </dl>
      <div className="row">
        {a.state === 'Held' && row.mine > 0n && row.mine === row.supply ? (
          <TxButton
            id={`redeem-${row.id}`}
            label="Redeem the NFT (burns every share)"
            confirm={`Burn all ${row.supply} ${row.symbol} and take the NFT?`}
            run={async (onState) => {
              await send(suite, shares, 'psp22Approve', [suite.deployment.contracts.vault.address, row.supply], account!, onState);
              return send(suite, suite.vault, 'redeem', [row.id], account!, onState);
            }}
          />
        ) : null}
        {a.state === 'Sold' && row.mine > 0n ? (
          <TxButton
            id={`claim-${row.id}`}
            label={`Claim your part (burns ${row.mine} ${row.symbol})`}
            run={async (onState) => {
              await send(suite, shares, 'psp22Approve', [suite.deployment.contracts.vault.address, row.mine], account!, onState);
              return send(suite, suite.vault, 'claim', [row.id, row.mine], account!, onState);
            }}
          />
        ) : null}
        {a.state === 'Sold' && row.sale && !row.sale.delivered ? <TxButton id={`deliver-${row.id}`} label="Deliver the NFT to the buyer" run={(onState) => send(suite, suite.vault, 'deliver', [row.id], account!, onState)} /> : null}
        {a.state === 'Auction' && row.auction && block > row.auction.endsAt ? <TxButton id={`end-${row.id}`} label="Close the auction" run={(onState) => send(suite, suite.vault, 'endBuyout', [row.id], account!, onState)} /> : null}
      </div>
      {lowest !== undefined ? (
        <div className="row">
          <Field id={`amount-${row.id}`} label={`Amount (${native.symbol})`} value={amount} onChange={setAmount} placeholder={money(lowest)} />
          {a.state === 'Held' ? (
            <>
              <TxButton id={`buyout-${row.id}`} label="Start a buyout with this bid" run={(onState) => send(suite, suite.vault, 'startBuyout', [row.id], account!, onState, value())} />
              {row.mine > 0n ? <TxButton id={`reserve-${row.id}`} label="Propose this as the reserve price" run={(onState) => send(suite, suite.vault, 'proposeReservePrice', [row.id, value()], account!, onState)} /> : null}
              {row.mine > 0n && row.proposal && block <= row.proposal.deadline ? <TxButton id={`vote-reserve-${row.id}`} label="Vote for the proposed price" run={(onState) => send(suite, suite.vault, 'voteReservePrice', [row.id], account!, onState)} /> : null}
            </>
          ) : (
            <TxButton id={`bid-${row.id}`} label="Outbid" run={(onState) => send(suite, suite.vault, 'bid', [row.id], account!, onState, value())} />
          )}
        </div>
      ) : null}
      <Problem id={`asset-problem-${row.id}`} text={problem} />
    </article>
  );
}

function Fractionalize({ native }: { native: Native }) {
  const { suite, account } = useChain();
  const [collection, setCollection] = useState(suite.deployment.contracts.nft.address);
  const [tokenId, setTokenId] = useState('');
  const [count, setCount] = useState('1000');
  const [name, setName] = useState('');
  const [symbol, setSymbol] = useState('');
  const [reserve, setReserve] = useState('');
  const [problem, guard] = useGuard();
  const parse = () =>
    guard(() => {
      if (!/^\d+$/.test(tokenId.trim())) throw new Error('The token id is a whole number.');
      if (!/^\d+$/.test(count.trim()) || BigInt(count.trim()) === 0n) throw new Error('The number of shares is a whole number above 0.');
      if (!name.trim() || !symbol.trim()) throw new Error('Name the shares and give them a symbol.');
      return { nft: accountId(collection.trim()), id: { type: 'U32' as const, value: Number(tokenId.trim()) }, shares: BigInt(count.trim()), reserve: parseAmount(reserve || '0', native.decimals) };
    });
  return (
    <Section title="Fractionalize an NFT" hint="Deposit an NFT you own and receive shares of it. A gated collection admits the vault only if it holds the collection’s credential.">
      <div className="row">
        <Field id="frac-collection" label="Collection (address)" wide value={collection} onChange={setCollection} />
        <Field id="frac-id" label="Token id" value={tokenId} onChange={setTokenId} placeholder="2" />
      </div>
      <div className="row">
        <Field id="frac-shares" label="Shares" value={count} onChange={setCount} />
        <Field id="frac-name" label="Share name" value={name} onChange={setName} placeholder="Community hall shares" />
        <Field id="frac-symbol" label="Symbol" value={symbol} onChange={setSymbol} placeholder="HALL" />
        <Field id="frac-reserve" label={`Reserve price (${native.symbol})`} value={reserve} onChange={setReserve} placeholder="100" />
      </div>
      <TxButton
        id="fractionalize"
        label="Deposit and receive the shares"
        disabled={!account}
        run={async (onState) => {
          const p = parse();
          if (p.nft !== suite.deployment.contracts.nft.address_hex) throw new Error('This app approves the vault on the suite’s own collection; approve it on another collection first.');
          await send(suite, suite.nft, 'psp34Approve', [suite.deployment.contracts.vault.address, p.id, true], account!, onState);
          return send(suite, suite.vault, 'fractionalize', [suite.deployment.contracts.nft.address, p.id, p.shares, name.trim(), symbol.trim(), p.reserve], account!, onState);
        }}
      />
      <Problem id="frac-problem" text={problem} />
    </Section>
  );
}
