// DAO: proposals with their state, a timeline, tallies against the quorum, decoded actions and
// the votes with reasons; voting, queueing and executing; a proposal built from typed actions.
import { useEffect, useMemo, useState } from 'react';
import {
  accountId, action, argFromText, formatAmount, argKind, decodeAction, eventsInBlocks, send, text, toSs58,
  type ActionInput, type ArgKind, type BlockEvent, type ContractName, type DecodedAction, type ProposalView, type Support, type TxResult, type TxState, CONTRACTS,
} from '@sovra/client';
import { stringToHex } from 'dedot/utils';
import { useChain } from '../chain';
import { Addr, Amount, Field, Problem, Section, TxButton } from '../ui';

interface Row {
  view: ProposalView;
  description: string;
  created?: number;
  events: BlockEvent[];
  /** Voting blocks whose events the node no longer keeps. */
  unavailableVotes: number;
}

const SCAN_LIMIT = 400; // blocks read per proposal for its events (no indexer)

function blockTime(ms: number | undefined, blocks: number): string {
  if (!ms || blocks <= 0) return '';
  const minutes = (ms * blocks) / 60_000;
  return minutes < 1 ? ` (≈ ${Math.round(minutes * 60)} s)` : minutes < 120 ? ` (≈ ${Math.round(minutes)} min)` : ` (≈ ${(minutes / 60).toFixed(1)} h)`;
}

export function Dao() {
  const { suite, block } = useChain();
  const [rows, setRows] = useState<Row[]>([]);
  const [open, setOpen] = useState<string>();
  const [msPerBlock, setMsPerBlock] = useState<number>();
  const [problem, setProblem] = useState<string>();
  const cache = useMemo(() => new Map<string, { description: string; created?: number }>(), []);

  useEffect(() => {
    let stale = false; // a newer block started another read
    (async () => {
      const g = suite.governor.query;
      const count = Number((await g.proposalCount()).data);
      const settings = (await g.settings()).data!;
      const out: Row[] = [];
      for (let i = count - 1; i >= Math.max(0, count - 20); i--) {
        const id = (await g.proposalIdAt(i)).data;
        if (!id) continue;
        const view = (await g.proposal(id)).data;
        if (!view) continue;
        if (!cache.has(id)) {
          // the description is in ProposalCreated only: read the blocks it can be in
          const from = Math.max(0, view.snapshot - settings.votingDelay - 1);
          const scan = await eventsInBlocks(suite, from, view.snapshot);
          const created = scan.events.find((e) => e.name === 'ProposalCreated' && e.data.id === id);
          const description = created
            ? text(created.data.description as string)
            : scan.unavailable.length
              ? `Proposal ${id.slice(0, 10)}… (its description is in block #${scan.unavailable[0]}, which this node no longer keeps: ask an archive node)`
              : `Proposal ${id.slice(0, 10)}…`;
          cache.set(id, { description, created: created?.block });
        }
        const known = cache.get(id)!;
        const to = Math.min(block, view.deadline, view.snapshot + SCAN_LIMIT);
        const scan = open === id ? await eventsInBlocks(suite, view.snapshot + 1, to) : { events: [], unavailable: [] };
        out.push({ view, description: known.description, created: known.created, events: scan.events, unavailableVotes: scan.unavailable.length });
      }
      if (stale) return;
      setRows(out);
      // the chain's recent pace, for estimated times
      if (block > 10) {
        const past = await suite.client.rpc.chain_getBlockHash(block - 10);
        const then = past ? Number(await (await suite.client.at(past)).query.timestamp.now()) : 0;
        const now = Number(await suite.client.query.timestamp.now());
        if (then) setMsPerBlock((now - then) / 10);
      }
    })().catch((e: Error) => setProblem(e.message));
    return () => {
      stale = true;
    };
  }, [suite, block, open, cache]);

  return (
    <div className="view" data-testid="dao-view">
      <Section title="Proposals" hint="Members propose; token holders vote with the votes delegated to them at the proposal’s snapshot; a succeeded proposal waits in the timelock, then anyone executes it.">
        {rows.length === 0 ? <p>No proposals yet.</p> : null}
        {rows.map((r) => (
          <Proposal key={r.view.id} row={r} open={open === r.view.id} toggle={() => setOpen(open === r.view.id ? undefined : r.view.id)} msPerBlock={msPerBlock} />
        ))}
        <Problem id="dao-problem" text={problem} />
      </Section>
      <NewProposal />
    </div>
  );
}

function Bars({ view }: { view: ProposalView }) {
  const t = view.tally;
  const max = [t.forVotes, t.againstVotes, t.abstainVotes, t.quorum ?? 0n].reduce((a, b) => (b > a ? b : a), 1n);
  const pct = (v: bigint) => `${Number((v * 10000n) / max) / 100}%`;
  const quorum = t.quorum;
  const member = view.counting === 'OneMemberOneVote';
  const show = (v: bigint) => (member ? <span>{v.toString()} votes</span> : <Amount value={v} />);
  return (
    <div className="tally" data-testid={`tally-${view.id}`}>
      {([['For', t.forVotes, 'for'], ['Against', t.againstVotes, 'against'], ['Abstain', t.abstainVotes, 'abstain']] as const).map(([label, v, cls]) => (
        <div className="bar-row" key={label}>
          <span className="bar-label">{label}</span>
          <div className="bar-track">
            <div className={`bar ${cls}`} style={{ width: pct(v) }} />
            {quorum !== undefined && label === 'For' ? <div className="quorum-line" style={{ left: pct(quorum) }} title="quorum" /> : null}
          </div>
          <span className="bar-value" data-testid={`tally-${label.toLowerCase()}`}>{show(v)}</span>
        </div>
      ))}
      <p className="hint">
        {quorum === undefined && t.participation === 0n ? (
          'No votes yet (the quorum is fixed at the first vote, from the supply at the snapshot).'
        ) : (
          <>
            Participation {show(t.participation)}; quorum {quorum !== undefined ? show(quorum) : 'not fixed yet'}
            {quorum !== undefined ? (t.participation >= quorum ? ' — reached' : ' — not reached') : ''}.
          </>
        )}
      </p>
    </div>
  );
}

function Timeline({ row, msPerBlock }: { row: Row; msPerBlock?: number }) {
  const { block } = useChain();
  const v = row.view;
  const steps: [string, number | undefined, string][] = [
    ['created', row.created, 'the proposal was made'],
    ['voting opens', v.snapshot + 1, `votes count as delegated at the end of block #${v.snapshot}`],
    ['deadline', v.deadline, 'the last block to vote in'],
    ['queued until', v.eta, 'the timelock: executable from this block'],
    ['expires', v.expires, 'not executable after this block'],
  ];
  return (
    <ol className="timeline" data-testid={`timeline-${v.id}`}>
      {steps.map(([label, at, what]) => (
        <li key={label} className={at !== undefined && at <= block ? 'past' : 'future'}>
          <b>{label}</b> {at !== undefined ? <>block #{at}{at > block ? ` — in ${at - block} blocks${blockTime(msPerBlock, at - block)}` : ''}</> : '—'}
          <span className="hint"> {what}</span>
        </li>
      ))}
      <li className={v.state === 'Executed' ? 'past' : 'future'}><b>{v.state === 'Executed' ? 'executed' : 'executed?'}</b> {v.state === 'Executed' ? 'yes' : 'not yet'}</li>
    </ol>
  );
}

/** Decodes a stored action for a person: names for known accounts, token amounts with decimals. */
function useDecode(): (a: Parameters<typeof decodeAction>[0]) => DecodedAction {
  const { suite, units, nameOf } = useChain();
  const abis = suite.abisByAccount();
  const account58 = (raw: string) => {
    const ss58 = toSs58(raw);
    const name = nameOf(ss58);
    return name ? `${name} (${ss58})` : ss58;
  };
  const tokenAmount = (callee: string, value: bigint) => (callee === 'token' ? formatAmount(value, units.decimals, units.symbol) : value.toString());
  return (a) => decodeAction(a, abis, account58, tokenAmount);
}

function Proposal({ row, open, toggle, msPerBlock }: { row: Row; open: boolean; toggle: () => void; msPerBlock?: number }) {
  const { suite, account, block } = useChain();
  const v = row.view;
  const [reason, setReason] = useState('');
  const abis = suite.abisByAccount();
  const decode = useDecode();
  const actions: DecodedAction[] = v.actions.map(decode);
  const left = v.state === 'Active' ? v.deadline - block : v.state === 'Pending' ? v.snapshot + 1 - block : 0;
  const votes = row.events.filter((e) => e.name === 'VoteCast' && e.data.id === v.id);
  // the outcome of the last step stays shown when its button goes (a vote ends Active, …)
  const [last, setLast] = useState<{ what: string; state: TxState }>();
  const track = (what: string, run: (onState: (s: TxState) => void) => Promise<TxResult>) => (onState: (s: TxState) => void) =>
    run((state) => {
      onState(state);
      setLast({ what, state });
    });
  const vote = (support: Support) =>
    track(`Vote ${support}`, (onState) => send(suite, suite.governor, 'castVote', [v.id, support, stringToHex(reason)], account!, onState));
  return (
    <article className="proposal" data-testid={`proposal-${v.id}`}>
      <header onClick={toggle}>
        <span className={`state ${v.state.toLowerCase()}`} data-testid="proposal-state">{v.state}</span>
        <span className="title" data-testid="proposal-title">{row.description}</span>
        <span className="hint" data-testid="proposal-time">
          {v.state === 'Active'
            ? left > 0
              ? `${left} block${left === 1 ? '' : 's'} left to vote${blockTime(msPerBlock, left)}`
              : 'voting is closing: the next block is past the deadline'
            : v.state === 'Pending'
              ? `voting opens in ${left} block${left === 1 ? '' : 's'}`
              : ''}
        </span>
        <button className="link">{open ? 'hide' : 'details'}</button>
      </header>
      <Bars view={v} />
      {open ? (
        <div className="detail">
          <p>Proposed by <Addr address={v.proposer.raw} />; counting: {v.counting === 'TokenWeighted' ? 'token-weighted' : v.counting === 'OneMemberOneVote' ? 'one member, one vote' : 'quadratic, verified members'}.</p>
          <Timeline row={row} msPerBlock={msPerBlock} />
          <h3>Actions (run in order, all or none)</h3>
          <ol data-testid="proposal-actions">
            {actions.map((a, i) => (
              <li key={i}>
                <b>{a.callee}</b>.<code>{a.message}</code>({a.args.map((x) => `${x.name}: ${x.value}`).join(', ')}){a.value > 0n ? ` with ${a.value} native units` : ''}
              </li>
            ))}
          </ol>
          <h3>Votes</h3>
          {votes.length ? (
            <ul data-testid="proposal-votes">
              {votes.map((e, i) => (
                <li key={i}><Addr address={(e.data.voter as { raw: string }).raw} /> voted <b>{String(e.data.support)}</b> with <Amount value={e.data.weight as bigint} />{e.data.reason && text(e.data.reason as string) ? <> — “{text(e.data.reason as string)}”</> : null} (block #{e.block})</li>
              ))}
            </ul>
          ) : (
            <p>{row.unavailableVotes ? 'The votes’ reasons are in blocks this node no longer keeps (an archive node or an indexer has them); the tally above is current.' : 'No votes yet.'}</p>
          )}
          {v.state === 'Active' ? (
            <div className="row">
              <Field id="vote-reason" label="Reason (optional, public)" wide value={reason} onChange={setReason} />
              <TxButton id="vote-for" label="Vote For" disabled={!account} run={vote('For')} />
              <TxButton id="vote-against" label="Vote Against" disabled={!account} run={vote('Against')} />
              <TxButton id="vote-abstain" label="Abstain" disabled={!account} run={vote('Abstain')} />
            </div>
          ) : null}
          {v.state === 'Succeeded' ? <TxButton id="queue" label="Queue for execution" disabled={!account} run={track('Queue', (onState) => send(suite, suite.governor, 'queue', [v.id], account!, onState))} /> : null}
          {v.state === 'Queued' ? (
            v.eta !== undefined && block + 1 >= v.eta ? (
              <TxButton id="execute" label="Execute" disabled={!account} run={track('Execute', (onState) => send(suite, suite.governor, 'execute', [v.id], account!, onState))} />
            ) : (
              <p className="hint" data-testid="execute-wait">Executable from block #{v.eta} ({(v.eta ?? 0) - block} blocks).</p>
            )
          ) : null}
          {last ? (
            <p className={`tx-state ${last.state.stage}`} data-testid="proposal-tx" role="status">
              {last.what}: {last.state.stage === 'done' ? `done in block #${last.state.block}.` : last.state.stage === 'failed' ? `failed: ${last.state.error}` : last.state.stage === 'in-block' ? `in block #${last.state.block}…` : last.state.stage === 'pending' ? 'sent, waiting for a block…' : 'checking…'}
            </p>
          ) : null}
        </div>
      ) : null}
    </article>
  );
}

interface Draft {
  contract: ContractName;
  message: string;
  args: string[];
}

function NewProposal() {
  const { suite, account, units } = useChain();
  const decode = useDecode();
  const [draft, setDraft] = useState<Draft>({ contract: 'token', message: 'mint_to', args: [] });
  const [actions, setActions] = useState<{ input: ActionInput; shown: string }[]>([]);
  const [description, setDescription] = useState('');
  const [problem, setProblem] = useState<string>();
  const abi = suite.abis[draft.contract];
  const messages = abi.messages().filter((m) => m.mutates);
  const message = messages.find((m) => m.label === draft.message) ?? messages[0]!;
  const kinds: ArgKind[] = message.args.map((a) => argKind(abi, a.typeId));
  const hint = (k: ArgKind): string =>
    k.kind === 'account' ? 'address (5…)' : k.kind === 'amount' ? `amount in ${units.symbol}` : k.kind === 'option' ? `optional: ${hint(k.inner)}` : k.kind === 'hex' ? `0x + ${k.length * 2} hex digits` : k.kind === 'json' ? `${k.type} as JSON` : k.kind;

  const add = () => {
    try {
      const values = message.args.map((a, i) => {
        try {
          return argFromText(kinds[i]!, draft.args[i] ?? '', units.decimals, (addr) => accountId(addr));
        } catch (e) {
          throw new Error(`${a.name}: ${(e as Error).message}`);
        }
      });
      const input = action(abi, suite.deployment.contracts[draft.contract].address, message.label, values);
      const shown = decode({ callee: suite.deployment.contracts[draft.contract].address_hex, selector: input.selector, input: input.input, value: 0n });
      setActions([...actions, { input, shown: `${shown.callee}.${shown.message}(${shown.args.map((x) => `${x.name}: ${x.value}`).join(', ')})` }]);
      setDraft({ ...draft, args: [] });
      setProblem(undefined);
    } catch (e) {
      setProblem((e as Error).message);
    }
  };

  return (
    <Section title="New proposal" hint="Build the actions the DAO would run: pick a contract and a message, fill its arguments. They run in order, atomically, after the vote and the timelock.">
      <div className="row">
        <label className="field">
          <span>Contract</span>
          <select data-testid="builder-contract" value={draft.contract} onChange={(e) => setDraft({ contract: e.target.value as ContractName, message: '', args: [] })}>
            {CONTRACTS.map((c) => <option key={c} value={c}>{c.replace('_', ' ')}</option>)}
          </select>
        </label>
        <label className="field">
          <span>Message</span>
          <select data-testid="builder-message" value={message.label} onChange={(e) => setDraft({ ...draft, message: e.target.value, args: [] })}>
            {messages.map((m) => <option key={m.label} value={m.label}>{m.label}</option>)}
          </select>
        </label>
      </div>
      {message.docs ? <p className="hint">{message.docs}</p> : null}
      <div className="row">
        {message.args.map((a, i) => (
          <Field key={`${message.label}-${a.name}`} id={`builder-arg-${a.name}`} label={`${a.name} — ${hint(kinds[i]!)}`} wide value={draft.args[i] ?? ''} onChange={(value) => { const args = [...draft.args]; args[i] = value; setDraft({ ...draft, args }); }} />
        ))}
      </div>
      <button data-testid="builder-add" onClick={add}>Add this action</button>
      <Problem id="builder-problem" text={problem} />
      {actions.length ? (
        <ol data-testid="builder-actions">
          {actions.map((a, i) => <li key={i}>{a.shown} <button className="link" onClick={() => setActions(actions.filter((_, j) => j !== i))}>remove</button></li>)}
        </ol>
      ) : null}
      <Field id="proposal-description" label="Description (what and why)" wide value={description} onChange={setDescription} />
      <TxButton
        id="propose"
        label="Propose"
        disabled={!account || actions.length === 0 || description.trim() === ''}
        run={(onState) => send(suite, suite.governor, 'propose', [actions.map((a) => ({ ...a.input, callee: a.input.callee })), stringToHex(description.trim())], account!, onState)}
        onDone={() => { setActions([]); setDescription(''); }}
      />
    </Section>
  );
}
