// Identity: create a DID, read its document (keys with relationships and validity, services,
// compromised keys, metadata, the W3C JSON), add a key, rotate with overlap, mark a key
// compromised, deactivate.
import { useEffect, useState } from 'react';
import { send, accountId, didOf, idOf, iso8601, relationshipMask, relationshipsOf, RELATIONSHIPS, resolutionJson, text, toSs58, errorText, type DidDocument, type KeyType, type RelationshipName } from '@sovra/client';
import { stringToHex, u8aToHex } from 'dedot/utils';
import { useChain } from '../chain';
import { Addr, Field, Problem, Section, TxButton, useGuard } from '../ui';

const KEY_TYPES: KeyType[] = ['Account', 'Sr25519', 'Ed25519', 'EcdsaSecp256k1', 'X25519'];

function remembered(account: string): string[] {
  return JSON.parse(localStorage.getItem(`sovra.dids.${account}`) ?? '[]') as string[];
}
function remember(account: string, did: string) {
  const all = remembered(account);
  if (!all.includes(did)) localStorage.setItem(`sovra.dids.${account}`, JSON.stringify([did, ...all]));
}

function keyStatus(doc: DidDocument, fragment: string, from: bigint | undefined, until: bigint | undefined, now: bigint): string {
  const compromised = doc.compromised.find((c) => text(c.methodId) === fragment);
  if (compromised) return `compromised since ${iso8601(compromised.since)}`;
  if (from !== undefined && now < from) return `not valid before ${iso8601(from)}`;
  if (until !== undefined && now >= until) return `expired ${iso8601(until)}`;
  if (until !== undefined) return `valid, for ${Math.max(0, Math.round(Number(until - now) / 60_000))} more minutes`;
  return 'valid';
}

export function Identity() {
  const { suite, account, block } = useChain();
  const [did, setDid] = useState('');
  const [doc, setDoc] = useState<DidDocument>();
  const [problem, setProblem] = useState<string>();
  const [now, setNow] = useState(0n);
  const [showJson, setShowJson] = useState(false);
  const mine = account ? remembered(account.address) : [];

  useEffect(() => {
    if (!did) return setDoc(undefined);
    let id: `0x${string}`;
    try {
      id = idOf(did);
    } catch (e) {
      setDoc(undefined);
      return setProblem((e as Error).message);
    }
    let stale = false;
    (async () => {
      const [resolved, time] = await Promise.all([suite.did.query.resolve(id), suite.client.query.timestamp.now()]);
      if (stale) return;
      setNow(BigInt(time));
      if (resolved.data.isErr) {
        setDoc(undefined);
        setProblem(`${did}: ${errorText(resolved.data.err)}`);
      } else {
        setProblem(undefined);
        setDoc(resolved.data.value);
      }
    })().catch((e: Error) => setProblem(e.message));
    return () => {
      stale = true;
    };
  }, [did, block, suite]);

  return (
    <div className="view" data-testid="identity-view">
      <Section title="Your decentralised identifiers" hint="A DID is an identifier you control with your account; credentials are issued to it and keys can be added, rotated or reported compromised without changing it.">
        <div className="row">
          <TxButton
            id="create-did"
            label="Create a new DID"
            disabled={!account}
            run={async (onState) => {
              const salt = u8aToHex(crypto.getRandomValues(new Uint8Array(32)));
              const id = (await suite.did.query.didIdFor(account!.address, salt)).data;
              const r = await send(suite, suite.did, 'createDid', [salt], account!, onState);
              remember(account!.address, didOf(id));
              setDid(didOf(id));
              return r;
            }}
          />
        </div>
        {mine.length > 0 ? (
          <ul className="list" data-testid="my-dids">
            {mine.map((d) => (
              <li key={d}>
                <button className="link" onClick={() => setDid(d)}>{d}</button>
              </li>
            ))}
          </ul>
        ) : (
          <p className="hint">DIDs you create here are listed here. Open any other DID below.</p>
        )}
        <Field id="did-input" label="Open a DID" wide value={did} onChange={setDid} placeholder="did:sovra:…" />
        <Problem id="did-problem" text={problem} />
      </Section>
      {doc ? <Document doc={doc} now={now} showJson={showJson} setShowJson={setShowJson} /> : null}
      {doc ? <Changes doc={doc} now={now} /> : null}
    </div>
  );
}

function Document({ doc, now, showJson, setShowJson }: { doc: DidDocument; now: bigint; showJson: boolean; setShowJson: (v: boolean) => void }) {
  const { suite } = useChain();
  const did = didOf(doc.id);
  const m = doc.metadata;
  return (
    <Section title="Document">
      <dl className="facts" data-testid="did-document">
        <dt>DID</dt>
        <dd data-testid="doc-id">{did}</dd>
        <dt>Status</dt>
        <dd data-testid="doc-status">{m.deactivated ? 'Deactivated — it can no longer change or act' : 'Active'}</dd>
        <dt>Controllers</dt>
        <dd>{doc.controllers.map((c) => <div key={c.raw}><Addr address={c.raw} /></div>)}</dd>
        <dt>Version</dt>
        <dd>{m.versionId} (created in block #{m.createdBlock} at {iso8601(m.createdAt)}; updated in block #{m.updatedBlock} at {iso8601(m.updatedAt)})</dd>
      </dl>
      <h3>Keys</h3>
      <table data-testid="doc-keys">
        <thead>
          <tr><th>Key</th><th>Type</th><th>Key material</th><th>May be used for</th><th>Status</th></tr>
        </thead>
        <tbody>
          {doc.verificationMethods.map((k) => {
            const fragment = text(k.id);
            return (
              <tr key={fragment} data-testid={`key-${fragment}`}>
                <td>#{fragment}</td>
                <td>{k.keyType === 'Account' ? 'account' : k.keyType}</td>
                <td>{k.keyType === 'Account' && k.publicKey.length === 66 ? <Addr address={k.publicKey} /> : <code>{k.publicKey.slice(0, 18)}…</code>}</td>
                <td>{relationshipsOf(k.relationships).join(', ')}</td>
                <td>{keyStatus(doc, fragment, k.validFrom, k.validUntil, now)}</td>
              </tr>
            );
          })}
          {doc.verificationMethods.length === 0 ? <tr><td colSpan={5}>No keys besides the controllers.</td></tr> : null}
        </tbody>
      </table>
      {doc.compromised.length > 0 ? (
        <>
          <h3>Compromised keys</h3>
          <ul data-testid="doc-compromised">
            {doc.compromised.map((c) => <li key={c.methodId}>#{text(c.methodId)} — nothing it signed since {iso8601(c.since)} counts</li>)}
          </ul>
        </>
      ) : null}
      {doc.services.length > 0 ? (
        <>
          <h3>Services</h3>
          <ul>{doc.services.map((s) => <li key={s.id}>#{text(s.id)} ({text(s.serviceType)}): {text(s.endpoint)}</li>)}</ul>
        </>
      ) : null}
      <button className="link" data-testid="toggle-json" onClick={() => setShowJson(!showJson)}>{showJson ? 'Hide' : 'Show'} the W3C DID document (JSON)</button>
      {showJson ? <pre data-testid="did-json">{resolutionJson(doc, { genesisHash: suite.deployment.genesis_hash, ss58Prefix: 42 })}</pre> : null}
    </Section>
  );
}

function Changes({ doc, now }: { doc: DidDocument; now: bigint }) {
  const { suite, account } = useChain();
  const [fragment, setFragment] = useState('');
  const [keyType, setKeyType] = useState<KeyType>('Account');
  const [material, setMaterial] = useState('');
  const [rels, setRels] = useState<RelationshipName[]>(['assertionMethod']);
  const [oldKey, setOldKey] = useState('');
  const [overlap, setOverlap] = useState('10');
  const [problem, guard] = useGuard();
  const id = doc.id;
  const fragments = doc.verificationMethods.map((k) => text(k.id));
  const closed = doc.metadata.deactivated;

  const method = () => {
    if (!/^[A-Za-z0-9._-]{1,32}$/.test(fragment)) throw new Error('A key name is 1–32 letters, digits, dots, dashes or underscores.');
    const publicKey = keyType === 'Account' ? accountId(material.trim()) : (material.trim() as `0x${string}`);
    if (!/^0x[0-9a-fA-F]+$/.test(publicKey)) throw new Error('The key is hex (0x…), or an SS58 address for an account key.');
    return { id: stringToHex(fragment), keyType, publicKey, relationships: relationshipMask(rels), validFrom: undefined, validUntil: undefined };
  };

  return (
    <Section title="Change the document" hint={closed ? 'This DID is deactivated: it can never change again.' : 'Only a controller of the DID may change it; every change is a transaction.'}>
      <h3>Add a key</h3>
      <div className="row">
        <Field id="key-name" label="Key name" value={fragment} onChange={setFragment} placeholder="key-2" />
        <label className="field">
          <span>Type</span>
          <select data-testid="key-type" value={keyType} onChange={(e) => setKeyType(e.target.value as KeyType)}>
            {KEY_TYPES.map((t) => <option key={t} value={t}>{t === 'Account' ? 'Account (an SS58 address)' : t}</option>)}
          </select>
        </label>
        <Field id="key-material" label={keyType === 'Account' ? 'Account address' : 'Public key (hex)'} wide value={material} onChange={setMaterial} placeholder={keyType === 'Account' ? '5F…' : '0x…'} />
      </div>
      <div className="row checks">
        {RELATIONSHIPS.map((r) => (
          <label key={r.name}>
            <input type="checkbox" checked={rels.includes(r.name)} onChange={(e) => setRels(e.target.checked ? [...rels, r.name] : rels.filter((x) => x !== r.name))} /> {r.name}
          </label>
        ))}
      </div>
      <TxButton id="add-key" label="Add the key" disabled={!account || closed} run={(onState) => send(suite, suite.did, 'addVerificationMethod', [id, guard(method)], account!, onState)} />

      <h3>Rotate a key with an overlap</h3>
      <p className="hint">Adds the key above, then lets the old key expire after the overlap, so what it signed meanwhile still verifies.</p>
      <div className="row">
        <label className="field">
          <span>Old key</span>
          <select data-testid="rotate-old" value={oldKey} onChange={(e) => setOldKey(e.target.value)}>
            <option value="">choose…</option>
            {fragments.map((f) => <option key={f} value={f}>#{f}</option>)}
          </select>
        </label>
        <Field id="rotate-overlap" label="Overlap (minutes)" value={overlap} onChange={setOverlap} />
      </div>
      <TxButton
        id="rotate"
        label="Rotate"
        disabled={!account || !oldKey || closed}
        run={async (onState) => {
          const m = guard(method);
          const minutes = guard(() => {
            const n = Number(overlap);
            if (!Number.isFinite(n) || n < 0) throw new Error('The overlap is a number of minutes.');
            return BigInt(Math.round(n * 60_000));
          });
          await send(suite, suite.did, 'addVerificationMethod', [id, m], account!, onState);
          const old = doc.verificationMethods.find((k) => text(k.id) === oldKey);
          return send(suite, suite.did, 'setMethodValidity', [id, stringToHex(oldKey), old?.validFrom, now + minutes], account!, onState);
        }}
      />

      <h3>Report a key compromised</h3>
      <div className="row">
        <label className="field">
          <span>Key</span>
          <select data-testid="compromised-key" value={oldKey} onChange={(e) => setOldKey(e.target.value)}>
            <option value="">choose…</option>
            {fragments.map((f) => <option key={f} value={f}>#{f}</option>)}
          </select>
        </label>
      </div>
      <TxButton id="mark-compromised" label="Mark compromised from now" disabled={!account || !oldKey || closed} confirm={`Mark #${oldKey} compromised? Everything it signed from now on is void.`} run={(onState) => send(suite, suite.did, 'markCompromised', [id, stringToHex(oldKey), now], account!, onState)} />

      <h3>Deactivate</h3>
      <TxButton id="deactivate" label="Deactivate this DID" disabled={!account || closed} confirm="Deactivate this DID for ever? It cannot be undone: the DID can never change or act again." run={(onState) => send(suite, suite.did, 'deactivate', [id], account!, onState)} />
      <Problem id="change-problem" text={problem} />
      <p className="hint">Signing as {account ? <Addr address={account.address} /> : 'nobody (select an account)'}; controllers: {doc.controllers.map((c) => toSs58(c.raw) === account?.address ? 'you' : '').filter(Boolean).join('') || 'not you'}.</p>
    </Section>
  );
}
