// Small shared pieces: addresses with names, amounts with decimals, transaction buttons that
// show pending → in block → result, labelled inputs.
import { useState, type ReactNode } from 'react';
import { formatAmount, shortAddress, toSs58, type TxResult, type TxState } from '@sovra/client';
import { useChain } from './chain';

export function Addr({ address }: { address: string }) {
  const { nameOf } = useChain();
  let ss58 = address;
  try {
    ss58 = toSs58(address);
  } catch {
    /* not an account: shown as given */
  }
  const name = nameOf(ss58);
  return (
    <span className="addr" title={ss58} data-address={ss58}>
      {name ? <b>{name}</b> : null} <code>{shortAddress(ss58)}</code>
    </span>
  );
}

export function Amount({ value }: { value: bigint }) {
  const { units } = useChain();
  return <span className="amount">{formatAmount(value, units.decimals, units.symbol)}</span>;
}

function stateText(s: TxState): string {
  switch (s.stage) {
    case 'checking':
      return 'Checking with a dry run…';
    case 'pending':
      return 'Signed and sent; waiting for a block…';
    case 'in-block':
      return `In block #${s.block}…`;
    case 'done':
      return `Done in block #${s.block}.`;
    case 'failed':
      return `Failed: ${s.error}`;
  }
}

/**
 * A button that runs a transaction and shows where it is. `confirm` asks first (irreversible
 * steps); `onDone` runs after success (e.g. to show what changed).
 */
export function TxButton({
  label,
  run,
  confirm,
  onDone,
  disabled,
  id,
}: {
  label: string;
  run: (onState: (s: TxState) => void) => Promise<TxResult>;
  confirm?: string;
  onDone?: (r: TxResult) => void;
  disabled?: boolean;
  id: string;
}) {
  const [state, setState] = useState<TxState>();
  const busy = state !== undefined && state.stage !== 'done' && state.stage !== 'failed';
  return (
    <span className="tx">
      <button
        data-testid={id}
        disabled={disabled || busy}
        onClick={async () => {
          if (confirm && !window.confirm(confirm)) return;
          try {
            const result = await run(setState);
            onDone?.(result);
          } catch (e) {
            setState({ stage: 'failed', error: (e as Error).message });
          }
        }}
      >
        {label}
      </button>
      {state ? (
        <span className={`tx-state ${state.stage}`} data-testid={`${id}-state`} role="status">
          {stateText(state)}
        </span>
      ) : null}
    </span>
  );
}

export function Field({ label, value, onChange, placeholder, id, wide }: { label: string; value: string; onChange: (v: string) => void; placeholder?: string; id: string; wide?: boolean }) {
  return (
    <label className={wide ? 'field wide' : 'field'}>
      <span>{label}</span>
      <input data-testid={id} value={value} placeholder={placeholder} onChange={(e) => onChange(e.target.value)} />
    </label>
  );
}

export function Section({ title, children, hint }: { title: string; children: ReactNode; hint?: string }) {
  return (
    <section className="card">
      <h2>{title}</h2>
      {hint ? <p className="hint">{hint}</p> : null}
      {children}
    </section>
  );
}

/**
 * A form's problem line and `guard(parse)`: runs `parse` (reading what a person typed); on an
 * error shows its message and rethrows it (so a transaction built from it never starts).
 */
export function useGuard(): [string | undefined, <T>(parse: () => T) => T, (p: string | undefined) => void] {
  const [problem, setProblem] = useState<string>();
  const guard = <T,>(parse: () => T): T => {
    try {
      const value = parse();
      setProblem(undefined);
      return value;
    } catch (e) {
      setProblem((e as Error).message);
      throw e;
    }
  };
  return [problem, guard, setProblem];
}

/** An error from parsing what a person typed, shown next to the form. */
export function Problem({ text, id }: { text?: string; id: string }) {
  return text ? <p className="problem" data-testid={id} role="alert">{text}</p> : null;
}
