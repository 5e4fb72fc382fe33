// The connection to the chain, shared by every view: the suite, the token's units, the best
// block (views re-read when it changes), the accounts (an injected extension's, and on a local
// chain the development accounts) and the one selected to sign.
import { createContext, useCallback, useContext, useEffect, useMemo, useRef, useState, type ReactNode } from 'react';
import {
  CONTRACTS,
  send,
  Suite,
  toSs58,
  type Args,
  type MessageOf,
  type Deployment,
  type Metadata,
  type Sender,
  type TxResult,
  type TxState,
} from '@sovra/client';
import type { Contract, GenericContractApi } from 'dedot/contracts';
import type { InjectedSigner } from 'dedot/types';

export interface Account extends Sender {
  name: string;
  source: 'development' | string;
}

export interface Units {
  decimals: number;
  symbol: string;
}

interface Chain {
  suite: Suite;
  units: Units;
  block: number;
  accounts: Account[];
  account: Account | undefined;
  select: (address: string) => void;
  connectExtension: () => Promise<string>;
  /** A known name for an address (dev accounts, extension accounts, suite contracts). */
  nameOf: (address: string) => string | undefined;
  /** Sends a message as the selected account (see @sovra/client's `send`). */
  tx: <A extends GenericContractApi, M extends MessageOf<A>>(
    contract: Contract<A>,
    message: M,
    args: Args<A, M>,
    onState: (s: TxState) => void,
    value?: bigint,
  ) => Promise<TxResult>;
}

const ChainContext = createContext<Chain | undefined>(undefined);

export function useChain(): Chain {
  const chain = useContext(ChainContext);
  if (!chain) throw new Error('useChain outside <SovraProvider>');
  return chain;
}

async function loadSuite(): Promise<Suite> {
  const fetchJson = async (path: string) => {
    const res = await fetch(path);
    if (!res.ok) throw new Error(`${path}: ${await res.text()}`);
    return res.json();
  };
  const deployment = (await fetchJson('/sovra/deployment.json')) as Deployment;
  const metadata = Object.fromEntries(await Promise.all(CONTRACTS.map(async (n) => [n, await fetchJson(`/sovra/metadata/${n}.json`)]))) as Metadata;
  const url = new URLSearchParams(window.location.search).get('rpc') ?? deployment.url;
  return Suite.open(deployment, metadata, url);
}

declare global {
  interface Window {
    injectedWeb3?: Record<string, { enable: (app: string) => Promise<{ accounts: { get: () => Promise<{ address: string; name?: string }[]> }; signer: InjectedSigner }> }>;
  }
}

export function SovraProvider({ children }: { children: ReactNode }) {
  const [suite, setSuite] = useState<Suite>();
  const [error, setError] = useState<string>();
  const [units, setUnits] = useState<Units>({ decimals: 12, symbol: 'SOV' });
  const [block, setBlock] = useState(0);
  const [accounts, setAccounts] = useState<Account[]>([]);
  const [selected, setSelected] = useState<string | undefined>(() => localStorage.getItem('sovra.account') ?? undefined);
  const started = useRef(false);

  useEffect(() => {
    if (started.current) return;
    started.current = true;
    (async () => {
      const s = await loadSuite();
      const [decimals, symbol] = await Promise.all([s.token.query.psp22MetadataTokenDecimals(), s.token.query.psp22MetadataTokenSymbol()]);
      setUnits({ decimals: decimals.data, symbol: symbol.data ?? '' });
      // development accounts only where they are meant: a local chain
      if (s.deployment.network === 'local') {
        const { devAccounts } = await import('@sovra/client/dev'); // a keyring only where it is used
        const dev = await devAccounts();
        setAccounts((known) => [...Object.values(dev).map((d) => ({ ...d, source: 'development' })), ...known]);
      }
      await s.client.query.system.number((n: number) => setBlock(n));
      setSuite(s);
    })().catch((e: Error) => setError(e.message));
  }, []);

  const select = useCallback((address: string) => {
    localStorage.setItem('sovra.account', address);
    setSelected(address);
  }, []);

  const connectExtension = useCallback(async () => {
    const injected = window.injectedWeb3 ?? {};
    const names = Object.keys(injected);
    if (names.length === 0) return 'No wallet extension found: install one (polkadot.js, Talisman, SubWallet) and reload.';
    const found: Account[] = [];
    for (const name of names) {
      const ext = await injected[name]!.enable('Sovra');
      for (const a of await ext.accounts.get()) found.push({ address: toSs58(a.address), name: a.name ?? name, source: name, signer: ext.signer });
    }
    setAccounts((known) => [...known.filter((k) => !found.some((f) => f.address === k.address)), ...found]);
    return `${found.length} account(s) from ${names.join(', ')}`;
  }, []);

  const value = useMemo<Chain | undefined>(() => {
    if (!suite) return undefined;
    const account = accounts.find((a) => a.address === selected) ?? accounts[0];
    const contractNames = new Map(CONTRACTS.map((n) => [suite.deployment.contracts[n].address, n.replace('_', ' ')]));
    return {
      suite,
      units,
      block,
      accounts,
      account,
      select,
      connectExtension,
      nameOf: (address) => {
        let ss58 = address;
        try {
          ss58 = toSs58(address);
        } catch {
          return undefined;
        }
        return accounts.find((a) => a.address === ss58)?.name ?? contractNames.get(ss58);
      },
      tx: (contract, message, args, onState, value) => {
        if (!account) return Promise.reject(new Error('Select an account first.'));
        return send(suite, contract, message, args, account, onState, value);
      },
    };
  }, [suite, units, block, accounts, selected, select, connectExtension]);

  if (error) return <div className="fatal" data-testid="fatal">Cannot reach Sovra: {error}</div>;
  if (!value) return <div className="loading">Connecting to the chain…</div>;
  return <ChainContext.Provider value={value}>{children}</ChainContext.Provider>;
}
