import { useEffect, useState } from 'react';
import { SovraProvider, useChain } from './chain';
import { Addr } from './ui';
import { Credentials } from './views/Credentials';
import { Dao } from './views/Dao';
import { Identity } from './views/Identity';
import { Tokens } from './views/Tokens';
import { Vault } from './views/Vault';

const VIEWS = [
  { id: 'identity', label: 'Identity', View: Identity },
  { id: 'credentials', label: 'Credentials', View: Credentials },
  { id: 'tokens', label: 'Tokens', View: Tokens },
  { id: 'dao', label: 'DAO', View: Dao },
  { id: 'vault', label: 'Vault', View: Vault },
] as const;

function useHashView(): [string, (v: string) => void] {
  const read = () => window.location.hash.replace(/^#\/?/, '') || 'identity';
  const [view, setView] = useState(read);
  useEffect(() => {
    const on = () => setView(read());
    window.addEventListener('hashchange', on);
    return () => window.removeEventListener('hashchange', on);
  }, []);
  return [view, (v) => (window.location.hash = `/${v}`)];
}

function Header() {
  const { suite, block, accounts, account, select, connectExtension } = useChain();
  const [note, setNote] = useState<string>();
  return (
    <header className="top">
      <div className="brand">
        <h1>Sovra</h1>
        <span className="hint" data-testid="network">
          {suite.deployment.network} network · block <b data-testid="block">#{block}</b>
        </span>
      </div>
      <div className="wallet">
        <label>
          <span>Account</span>
          <select data-testid="account" value={account?.address ?? ''} onChange={(e) => select(e.target.value)}>
            {accounts.length === 0 ? <option value="">no account: connect a wallet</option> : null}
            {accounts.map((a) => (
              <option key={a.address} value={a.address}>
                {a.name} ({a.source === 'development' ? 'development account' : a.source}) {a.address.slice(0, 6)}…{a.address.slice(-4)}
              </option>
            ))}
          </select>
        </label>
        <button onClick={async () => setNote(await connectExtension())}>Connect wallet</button>
        {account ? <span className="signing">signing as <Addr address={account.address} /></span> : null}
        {note ? <span className="hint">{note}</span> : null}
      </div>
    </header>
  );
}

function Shell() {
  const [view, setView] = useHashView();
  const { account } = useChain();
  const current = VIEWS.find((v) => v.id === view) ?? VIEWS[0];
  return (
    <>
      <Header />
      <nav className="tabs">
        {VIEWS.map((v) => (
          <button key={v.id} data-testid={`tab-${v.id}`} className={v.id === current.id ? 'active' : ''} onClick={() => setView(v.id)}>
            {v.label}
          </button>
        ))}
      </nav>
      <main>
        {/* a view starts afresh for another account: no outcome of someone else's transaction stays shown */}
        <current.View key={account?.address ?? 'nobody'} />
      </main>
    </>
  );
}

export function App() {
  return (
    <SovraProvider>
      <Shell />
    </SovraProvider>
  );
}
