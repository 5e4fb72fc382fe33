// Tokens: balance and votes, delegation (and who delegates to you), transfers (a compliance
// refusal said in words), voting power over blocks from the token's checkpoints, and the NFTs
// owned with their attributes and royalty.
import { useEffect, useState } from 'react';
import { accountId, nftIdText, parseAmount, send, text, toSs58 } from '@sovra/client';
import type { NftId } from '@sovra/client';
import { stringToHex } from 'dedot/utils';
import { useChain } from '../chain';
import { Addr, Amount, Field, Problem, Section, TxButton, useGuard } from '../ui';

const ATTRIBUTE_KEYS = ['name', 'description', 'image'];

interface Holdings {
  balance: bigint;
  votes: bigint;
  delegate?: string;
  delegators: string[];
  history: { block: number; value: bigint }[];
  nfts: { id: NftId; attributes: [string, string][]; royalty?: { receiver: string; bps: number } }[];
}


export function Tokens() {
  const { suite, account, accounts, block, units } = useChain();
  const [h, setH] = useState<Holdings>();
  const [to, setTo] = useState('');
  const [amount, setAmount] = useState('');
  const [delegatee, setDelegatee] = useState('');
  const [problem, guard, setProblem] = useGuard();

  useEffect(() => {
    if (!account) return;
    const who = account.address;
    let stale = false; // a newer block or another account started another read
    (async () => {
      const t = suite.token.query;
      const [balance, votes, delegate, count] = await Promise.all([t.psp22BalanceOf(who), t.votesGetVotes(who), t.votesDelegates(who), t.numCheckpoints(who)]);
      const delegators: string[] = [];
      for (const a of accounts) {
        if (a.address === who) continue;
        const d = (await t.votesDelegates(a.address)).data;
        if (d && toSs58(d.raw) === who) delegators.push(a.address);
      }
      const history: Holdings['history'] = [];
      for (let i = Math.max(0, count.data - 50); i < count.data; i++) {
        const c = (await t.checkpoints(who, i)).data;
        if (c) history.push({ block: c.block, value: c.value });
      }
      const nfts: Holdings['nfts'] = [];
      const owned = Number((await suite.nft.query.psp34BalanceOf(who)).data);
      for (let i = 0; i < Math.min(owned, 20); i++) {
        const id = (await suite.nft.query.psp34EnumerableOwnersTokenByIndex(who, BigInt(i))).data;
        if (!id) continue;
        const attributes: [string, string][] = [];
        for (const key of ATTRIBUTE_KEYS) {
          const v = (await suite.nft.query.psp34MetadataGetAttribute(id, stringToHex(key))).data;
          if (v) attributes.push([key, text(v)]);
        }
        const r = (await suite.nft.query.royaltyInfo(id, 10_000n)).data;
        const royalty = r.isOk && r.value ? { receiver: r.value[0].raw, bps: Number(r.value[1]) } : undefined;
        nfts.push({ id, attributes, royalty });
      }
      if (stale) return;
      setH({ balance: balance.data, votes: votes.data, delegate: delegate.data?.raw, delegators, history, nfts });
    })().catch((e: Error) => setProblem(e.message));
    return () => {
      stale = true;
    };
  }, [account, accounts, block, suite]);

  if (!account) return <div className="view"><p>Select an account to see its tokens.</p></div>;

  return (
    <div className="view" data-testid="tokens-view">
      <Section title={`${units.symbol} — your balance and votes`}>
        {h ? (
          <dl className="facts">
            <dt>Balance</dt>
            <dd data-testid="balance"><Amount value={h.balance} /></dd>
            <dt>Voting power</dt>
            <dd data-testid="votes"><Amount value={h.votes} /></dd>
            <dt>You delegate to</dt>
            <dd data-testid="delegate">{h.delegate ? (toSs58(h.delegate) === account.address ? 'yourself' : <Addr address={h.delegate} />) : 'nobody yet (your balance does not count as votes until you delegate, to yourself or someone else)'}</dd>
            <dt>Delegating to you</dt>
            <dd data-testid="delegators">{h.delegators.length ? h.delegators.map((d) => <div key={d}><Addr address={d} /></div>) : 'none of the accounts this app knows'}</dd>
          </dl>
        ) : (
          <p>Reading…</p>
        )}
      </Section>

      <Section title="Delegate your votes" hint="Your tokens stay yours; the delegate votes with their weight. Delegate to yourself to vote yourself.">
        <div className="row">
          <Field id="delegatee" label="Delegate to (address)" wide value={delegatee} onChange={setDelegatee} placeholder={account.address} />
          <TxButton id="delegate-btn" label="Delegate" run={(onState) => send(suite, suite.token, 'votesDelegate', [guard(() => accountId(delegatee.trim() || account.address))], account, onState)} />
        </div>
      </Section>

      <Section title="Send tokens" hint="The token is credential-gated: the receiver must hold a valid membership credential.">
        <div className="row">
          <Field id="transfer-to" label="To (address)" wide value={to} onChange={setTo} placeholder="5…" />
          <Field id="transfer-amount" label={`Amount (${units.symbol})`} value={amount} onChange={setAmount} placeholder="10.5" />
          <TxButton id="transfer" label="Send" run={(onState) => send(suite, suite.token, 'psp22Transfer', [guard(() => accountId(to.trim())), guard(() => parseAmount(amount, units.decimals)), '0x'], account, onState)} />
        </div>
        <Problem id="token-problem" text={problem} />
      </Section>

      <Section title="Your voting power over time" hint="From the token’s checkpoints: your votes at the end of each block in which they changed.">
        {h ? <PowerChart history={h.history} now={block} /> : null}
      </Section>

      <Section title="Your NFTs">
        {h && h.nfts.length ? (
          <table data-testid="nfts">
            <thead><tr><th>Token</th><th>Attributes</th><th>Royalty</th></tr></thead>
            <tbody>
              {h.nfts.map((n) => (
                <tr key={nftIdText(n.id)}>
                  <td>{nftIdText(n.id)}</td>
                  <td>{n.attributes.length ? n.attributes.map(([k, v]) => <div key={k}>{k}: {v}</div>) : 'none'}</td>
                  <td>{n.royalty ? <>{(n.royalty.bps / 100).toFixed(2)}% to <Addr address={n.royalty.receiver} /></> : 'none'}</td>
                </tr>
              ))}
            </tbody>
          </table>
        ) : (
          <p data-testid="nfts-none">You hold no NFT of this collection.</p>
        )}
      </Section>
    </div>
  );
}

function PowerChart({ history, now }: { history: { block: number; value: bigint }[]; now: number }) {
  const { units } = useChain();
  if (history.length === 0) return <p data-testid="power-chart-empty">No votes yet: delegate to yourself to start counting.</p>;
  const W = 640, H = 180, P = 36;
  const first = history[0]!.block;
  const last = Math.max(now, history[history.length - 1]!.block + 1);
  const max = history.reduce((m, c) => (c.value > m ? c.value : m), 1n);
  const x = (b: number) => P + ((b - first) / Math.max(1, last - first)) * (W - 2 * P);
  const y = (v: bigint) => H - P + 8 - (Number((v * 1000n) / max) / 1000) * (H - 2 * P);
  let d = `M ${x(first)} ${y(0n)}`;
  for (const c of history) d += ` L ${x(c.block)} ${d.length ? y(history[history.indexOf(c) - 1]?.value ?? 0n) : y(0n)} L ${x(c.block)} ${y(c.value)}`;
  d += ` L ${x(last)} ${y(history[history.length - 1]!.value)}`;
  const top = Number(max / 10n ** BigInt(units.decimals));
  return (
    <svg className="chart" viewBox={`0 0 ${W} ${H}`} data-testid="power-chart" role="img" aria-label="voting power over blocks">
      <line x1={P} y1={H - P + 8} x2={W - P} y2={H - P + 8} className="axis" />
      <line x1={P} y1={P - 8} x2={P} y2={H - P + 8} className="axis" />
      <path d={d} className="line" />
      <text x={P} y={H - 8}>block {first}</text>
      <text x={W - P} y={H - 8} textAnchor="end">block {last}</text>
      <text x={P + 4} y={P - 12}>{top.toLocaleString('en-US')} {units.symbol}</text>
      <text x={P - 4} y={H - P + 12} textAnchor="end">0</text>
    </svg>
  );
}
