// Transactions as a wallet should send them to pallet-contracts: dry-run first (a refusal is
// reported in words before anything is signed), then submit with the dry run's limits plus the
// documented margins, follow the transaction to its block and decode every suite contract's
// events — also those a cross-contract call emitted (a governor's execution minting tokens).
import type { KeyringPair } from '@polkadot/keyring/types';
import type { Contract, GenericContractApi } from 'dedot/contracts';
import type { InjectedSigner } from 'dedot/types';
import { ContractRefused, DispatchFailed } from './errors.js';
import type { ContractName, Suite } from './suite.js';

/**
 * Percent added to a dry run's `gasRequired` (both dimensions, rounded up). The dry run executes
 * at the best block and the transaction in a later one, where block-dependent code may take
 * other branches: Sovra's contracts write the same storage either way, and the remaining
 * difference, measured for a vote-moving transfer, is 0.0016%. Unused weight is refunded.
 * The Rust client applies the same rule (`sovra_client::gas_limit`).
 */
export const GAS_MARGIN_PERCENT = 1n;

/**
 * Checkpoints a call may append beyond those its dry run saw (a dry run at the best block
 * overwrites that block's vote checkpoint; in the next block the call appends one): at most two
 * per call, 20 bytes each. The storage deposit limit adds their deposit
 * (`2 × (DepositPerItem + 20 × DepositPerByte)`), the one cost a dry run cannot see; dedot
 * itself leaves the limit unlimited on pallet-contracts.
 */
export const UNSEEN_CHECKPOINTS = 2n;
export const CHECKPOINT_BYTES = 20n;

export interface Weight {
  refTime: bigint;
  proofSize: bigint;
}

/** The gas limit to submit for a dry run's `gasRequired`. */
export function gasLimit(required: Weight): Weight {
  const more = (v: bigint) => v + ((v + 99n) / 100n) * GAS_MARGIN_PERCENT;
  return { refTime: more(BigInt(required.refTime)), proofSize: more(BigInt(required.proofSize)) };
}

/** The storage deposit margin for the chain's deposit prices. */
export function depositMargin(perItem: bigint, perByte: bigint): bigint {
  return UNSEEN_CHECKPOINTS * (perItem + CHECKPOINT_BYTES * perByte);
}

/** Who signs: a keyring pair (dev accounts, scripts) or an address with an extension's signer. */
export interface Sender {
  address: string;
  pair?: KeyringPair;
  signer?: InjectedSigner;
}

/** An event a suite contract emitted, decoded with its contract's metadata. */
export interface SuiteEvent {
  contract: ContractName;
  name: string;
  data: Record<string, unknown>;
}

/** Where a transaction is: shown to the person who sent it. */
export type TxState =
  | { stage: 'checking' }
  | { stage: 'pending' }
  | { stage: 'in-block'; block: number }
  | { stage: 'done'; block: number; events: SuiteEvent[] }
  | { stage: 'failed'; error: string };

export interface TxResult {
  block: number;
  events: SuiteEvent[];
  /** The limits it was submitted with. */
  gasLimit: Weight;
  storageDepositLimit: bigint;
}

type Callable = ((...args: any[]) => any) & { meta: { args: unknown[] } };
/** The messages a generated contract API names (without its index signature: a misspelt name
 * does not compile). */
export type MessageOf<A extends GenericContractApi> = keyof { [K in keyof A['tx'] as string extends K ? never : K]: unknown } & string;
/** The arguments of message `M` of a generated contract API (the trailing options optional). */
export type Args<A extends GenericContractApi, M extends keyof A['tx']> = A['tx'][M] extends (...args: infer P) => any ? P : never;

/** A pallet's error as the runtime metadata describes it. */
interface ModuleError {
  pallet: string;
  name: string;
  docs: string[];
}

/** `Contracts::OutOfGas — The executed contract exhausted its gas limit.` */
function moduleErrorText(e: ModuleError): string {
  return `${e.pallet}::${e.name} — ${e.docs.join(' ')}`;
}

function resultError(data: unknown): unknown | undefined {
  if (data && typeof data === 'object' && 'isErr' in data && (data as { isErr: boolean }).isErr) return (data as unknown as { err: unknown }).err;
  return undefined;
}

/** The chain's deposit prices (`Contracts::DepositPerItem`, `DepositPerByte`). */
export function depositPrices(suite: Suite): { perItem: bigint; perByte: bigint } {
  const contracts = (suite.client.consts as unknown as { contracts: { depositPerItem: bigint; depositPerByte: bigint } }).contracts;
  return { perItem: BigInt(contracts.depositPerItem), perByte: BigInt(contracts.depositPerByte) };
}

/** Decodes the events of every suite contract among a block's event records, in order. */
export function suiteEvents(suite: Suite, records: unknown[]): SuiteEvent[] {
  const out: SuiteEvent[] = [];
  const contracts = suite.contracts();
  for (const record of records) {
    for (const [name, contract] of contracts) {
      const [decoded] = contract.decodeEvents([record as never]);
      if (decoded) out.push({ contract: name, name: decoded.name, data: ('data' in decoded ? decoded.data : {}) as Record<string, unknown> });
    }
  }
  return out;
}

/**
 * Sends `message(args)` to `contract` as `from`: dry run (a contract `Err` or a trap is thrown
 * as a sentence and nothing is signed), then the transaction with `gasLimit(gasRequired)` and
 * the dry run's storage deposit plus `depositMargin`; resolves when it is in a block with the
 * suite's decoded events; rejects with the decoded dispatch error otherwise. `onState` follows
 * it: checking → pending → in block → done (or failed).
 */
export async function send<A extends GenericContractApi, M extends MessageOf<A>>(
  suite: Suite,
  contract: Contract<A>,
  message: M,
  args: Args<A, M>,
  from: Sender,
  onState: (state: TxState) => void = () => {},
  value = 0n,
): Promise<TxResult> {
  const name = suite.nameOf(contract.address.toString()) ?? 'contract';
  const call = `${name}.${message}`;
  const fail = (error: Error): never => {
    onState({ stage: 'failed', error: error.message });
    throw error;
  };
  onState({ stage: 'checking' });
  const query = (contract.query as unknown as Record<string, Callable>)[message];
  const tx = (contract.tx as unknown as Record<string, Callable>)[message];
  if (!query || !tx) return fail(new Error(`${name} has no message ${message}`));
  const params = (args as unknown[]).slice(0, query.meta.args.length);
  let dry: { data: unknown; raw: { gasRequired: Weight; storageDeposit: { type: string; value: bigint } }; flags: { revert: boolean } };
  try {
    dry = await query(...params, { caller: from.address, value });
  } catch (e) {
    const err = e as { moduleError?: ModuleError; message: string };
    return fail(new DispatchFailed(call, err.moduleError ? moduleErrorText(err.moduleError) : err.message));
  }
  const refused = resultError(dry.data);
  if (refused !== undefined) return fail(new ContractRefused(name, message, refused));
  if (dry.flags.revert) return fail(new DispatchFailed(call, 'the contract reverted'));
  const { perItem, perByte } = depositPrices(suite);
  const charged = dry.raw.storageDeposit.type === 'Charge' ? BigInt(dry.raw.storageDeposit.value) : 0n;
  const limits = { gasLimit: gasLimit(dry.raw.gasRequired), storageDepositLimit: charged + depositMargin(perItem, perByte) };
  const extrinsic = tx(...params, { ...limits, value });
  return new Promise<TxResult>((resolve, reject) => {
    let settled = false;
    const failed = (reason: string) => {
      settled = true;
      const error = new DispatchFailed(call, reason);
      onState({ stage: 'failed', error: error.message });
      reject(error);
    };
    const callback = (result: { status: { type: string; value?: { blockNumber: number } }; dispatchError?: unknown; events: unknown[] }) => {
      if (settled) return;
      const { status } = result;
      if (status.type === 'Broadcasting' || status.type === 'Validated') onState({ stage: 'pending' });
      if (status.type === 'Invalid' || status.type === 'Drop') failed(`the transaction was ${status.type === 'Invalid' ? 'rejected as invalid' : 'dropped'}`);
      if (status.type === 'BestChainBlockIncluded' || status.type === 'Finalized') {
        settled = true;
        const block = status.value!.blockNumber;
        onState({ stage: 'in-block', block });
        if (result.dispatchError) {
          const meta = suite.client.registry.findErrorMeta(result.dispatchError as never);
          failed(meta ? moduleErrorText(meta) : JSON.stringify(result.dispatchError));
          return;
        }
        const events = suiteEvents(suite, result.events);
        onState({ stage: 'done', block, events });
        resolve({ block, events, ...limits });
      }
    };
    const signing = from.pair ? extrinsic.signAndSend(from.pair, callback) : extrinsic.signAndSend(from.address, { signer: from.signer }, callback);
    Promise.resolve(signing).catch((e: Error) => {
      if (!settled) failed(e.message);
    });
  });
}

/** A suite event with the block it was emitted in. */
export interface BlockEvent extends SuiteEvent {
  block: number;
}

/** The suite's events in a range of blocks, and the blocks whose state the node no longer keeps. */
export interface BlockEvents {
  events: BlockEvent[];
  /** Blocks a pruning node has discarded (an archive node or an indexer still has them). */
  unavailable: number[];
}

/** The suite's events in blocks `from..=to` (read block by block: keep the range short). */
export async function eventsInBlocks(suite: Suite, from: number, to: number): Promise<BlockEvents> {
  const out: BlockEvents = { events: [], unavailable: [] };
  for (let n = Math.max(0, from); n <= to; n++) {
    const hash = await suite.client.rpc.chain_getBlockHash(n);
    if (!hash) continue;
    let records: unknown[];
    try {
      records = (await (await suite.client.at(hash)).query.system.events()) as unknown[];
    } catch (e) {
      if (!/discarded|unknown block/i.test((e as Error).message)) throw e;
      out.unavailable.push(n);
      continue;
    }
    for (const e of suiteEvents(suite, records)) out.events.push({ ...e, block: n });
  }
  return out;
}
