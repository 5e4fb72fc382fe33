// Governance actions from a callee's metadata: (message label, typed arguments) → selector and
// SCALE input, and back to text for a person reviewing a proposal.
import { TypinkRegistry } from 'dedot/contracts';
import type { ContractMetadata } from 'dedot/contracts';
import * as $ from 'dedot/shape';
import { concatU8a, hexToU8a, u8aToHex } from 'dedot/utils';
import { parseAmount } from './format.js';

/** An action as the governor stores it (`propose` takes a list of them). */
export interface ActionInput {
  callee: string;
  selector: `0x${string}`;
  input: `0x${string}`;
  value: bigint;
}

/** A message of a contract's metadata: its label, selector and named, typed arguments. */
export interface MessageInfo {
  label: string;
  selector: `0x${string}`;
  mutates: boolean;
  docs: string;
  args: { name: string; type: string; typeId: number }[];
}

/** A contract's messages and codecs, from its metadata. */
export class Abi {
  readonly registry: TypinkRegistry;
  constructor(readonly name: string, readonly metadata: ContractMetadata) {
    this.registry = new TypinkRegistry(metadata);
  }

  /** Every message, in metadata order. */
  messages(): MessageInfo[] {
    return this.metadata.spec.messages.map((m) => ({
      label: m.label,
      selector: m.selector as `0x${string}`,
      mutates: m.mutates,
      docs: m.docs.join(' ').trim(),
      args: m.args.map((a) => ({ name: a.label, type: a.type.displayName.join('::'), typeId: a.type.type })),
    }));
  }

  /** The message labelled `label` (`transfer`, `AccessControl::grant_role`). */
  message(label: string): MessageInfo {
    const found = this.messages().find((m) => m.label === label);
    if (!found) throw new Error(`${this.name} has no message ${label}`);
    return found;
  }

  /** The message with `selector`, if any. */
  bySelector(selector: string): MessageInfo | undefined {
    return this.messages().find((m) => m.selector === selector.toLowerCase());
  }

  /** SCALE encoding of `args` for `label` (without the selector). */
  encodeArgs(label: string, args: unknown[]): `0x${string}` {
    const message = this.message(label);
    if (args.length !== message.args.length) throw new Error(`${this.name}.${label} takes ${message.args.length} arguments, got ${args.length}`);
    const parts = message.args.map((a, i) => {
      try {
        return this.registry.findCodec(a.typeId).tryEncode(args[i]);
      } catch (e) {
        throw new Error(`${this.name}.${label}: argument ${a.name} (${a.type}): ${(e as Error).message}`);
      }
    });
    return u8aToHex(concatU8a(...parts));
  }

  /** The arguments of `label` decoded from `input`. Errors if bytes are left over. */
  decodeArgs(label: string, input: string): unknown[] {
    const message = this.message(label);
    const codec = $.Tuple(...message.args.map((a) => this.registry.findCodec(a.typeId)));
    return codec.tryDecode(hexToU8a(input)) as unknown[];
  }
}

/** The action calling `label` on `callee` (address) with `args`, from `abi` (the callee's). */
export function action(abi: Abi, callee: string, label: string, args: unknown[], value = 0n): ActionInput {
  return { callee, selector: abi.message(label).selector, input: abi.encodeArgs(label, args), value };
}

/** An action as text: callee name, message, argument names and values. */
export interface DecodedAction {
  callee: string;
  message: string;
  args: { name: string; type: string; value: string }[];
  value: bigint;
}

/** Shows a value for a person: accounts as SS58 (via `account`), bytes as text when printable. */
export function show(value: unknown, account: (raw: string) => string): string {
  if (value === undefined || value === null) return 'none';
  if (typeof value === 'bigint' || typeof value === 'number' || typeof value === 'boolean') return value.toString();
  if (typeof value === 'string') {
    if (/^0x[0-9a-f]*$/i.test(value)) {
      const bytes = hexToU8a(value);
      const printable = bytes.length > 0 && bytes.every((b) => b >= 0x20 && b < 0x7f);
      return printable ? `“${new TextDecoder().decode(bytes)}”` : value;
    }
    return value;
  }
  if (typeof value === 'object' && value !== null && 'raw' in value && typeof (value as { raw: unknown }).raw === 'string') {
    return account((value as { raw: string }).raw);
  }
  if (Array.isArray(value)) return `[${value.map((v) => show(v, account)).join(', ')}]`;
  if (typeof value === 'object') {
    const o = value as Record<string, unknown>;
    if ('type' in o && Object.keys(o).every((k) => k === 'type' || k === 'value')) {
      return 'value' in o ? `${String(o.type)}(${show(o.value, account)})` : String(o.type);
    }
    return `{ ${Object.entries(o).map(([k, v]) => `${k}: ${show(v, account)}`).join(', ')} }`;
  }
  return String(value);
}

/**
 * Decodes a stored action with the ABIs of the contracts it may call (`abis` by address), for
 * display; an action to an unknown contract or selector is shown with its raw input.
 */
export function decodeAction(
  stored: { callee: { raw: string } | string; selector?: string; input: string; value: bigint },
  abis: Map<string, Abi>,
  account: (raw: string) => string,
  amount?: (callee: string, value: bigint) => string,
): DecodedAction {
  const callee = typeof stored.callee === 'string' ? stored.callee : stored.callee.raw;
  const abi = abis.get(callee.toLowerCase());
  const calleeName = abi?.name ?? account(callee);
  if (!stored.selector) return { callee: calleeName, message: 'transfer of native currency', args: [], value: stored.value };
  const message = abi?.bySelector(stored.selector);
  if (!abi || !message) return { callee: calleeName, message: `unknown message ${stored.selector}`, args: [{ name: 'input', type: 'bytes', value: stored.input }], value: stored.value };
  const values = abi.decodeArgs(message.label, stored.input);
  return {
    callee: calleeName,
    message: message.label,
    args: message.args.map((a, i) => {
      const v = values[i];
      const asAmount = amount && typeof v === 'bigint' && argKind(abi, a.typeId).kind === 'amount';
      return { name: a.name, type: a.type, value: asAmount ? amount(abi.name, v) : show(v, account) };
    }),
    value: stored.value,
  };
}

/** How a person enters an argument of a message, from its type in the metadata. */
export type ArgKind =
  | { kind: 'account' }
  | { kind: 'amount' }
  | { kind: 'integer'; big: boolean }
  | { kind: 'bool' }
  | { kind: 'text' }
  | { kind: 'bytes' }
  | { kind: 'hex'; length: number }
  | { kind: 'option'; inner: ArgKind }
  | { kind: 'json'; type: string };

interface TypeDef {
  path?: string[];
  def: {
    primitive?: string;
    composite?: { fields: { type: number }[] };
    sequence?: { type: number };
    array?: { len: number; type: number };
    variant?: { variants: { name: string; fields?: { type: number }[] }[] };
  };
}

function typeDef(abi: Abi, typeId: number): TypeDef {
  const entry = (abi.metadata.types as unknown as { id: number; type: TypeDef }[]).find((t) => t.id === typeId);
  if (!entry) throw new Error(`${abi.name}: no type ${typeId} in the metadata`);
  return entry.type;
}

const isU8 = (abi: Abi, id: number) => typeDef(abi, id).def.primitive === 'u8';

/** The input kind of type `typeId` of `abi` (`Balance` / `u128` → an amount with decimals). */
export function argKind(abi: Abi, typeId: number): ArgKind {
  const t = typeDef(abi, typeId);
  const { def } = t;
  if (t.path?.[t.path.length - 1] === 'AccountId') return { kind: 'account' };
  if (def.primitive === 'u128') return { kind: 'amount' };
  if (def.primitive === 'bool') return { kind: 'bool' };
  if (def.primitive === 'str') return { kind: 'text' };
  if (def.primitive && /^[ui](8|16|32|64)$/.test(def.primitive)) return { kind: 'integer', big: def.primitive.endsWith('64') };
  if (def.sequence && isU8(abi, def.sequence.type)) return { kind: 'bytes' };
  if (def.array && isU8(abi, def.array.type)) return { kind: 'hex', length: def.array.len };
  if (def.composite?.fields.length === 1) {
    const inner = typeDef(abi, def.composite.fields[0]!.type).def;
    if (inner.array && isU8(abi, inner.array.type)) return { kind: 'hex', length: inner.array.len };
  }
  if (t.path?.[0] === 'Option' && def.variant) {
    const some = def.variant.variants.find((v) => v.name === 'Some');
    if (some?.fields?.[0]) return { kind: 'option', inner: argKind(abi, some.fields[0].type) };
  }
  return { kind: 'json', type: (t.path ?? []).join('::') || Object.keys(def)[0] || 'value' };
}

/**
 * The value for `text` typed by a person for an argument of `kind`: SS58 addresses, amounts
 * with `decimals`, integers, `true`/`false`, text, 0x-hex of the right length, empty for `None`,
 * JSON for anything else (integers beyond 2^53 as strings ending in `n`: `"5000n"`).
 */
export function argFromText(kind: ArgKind, text: string, decimals: number, toAccount: (address: string) => string): unknown {
  const t = text.trim();
  switch (kind.kind) {
    case 'account':
      return toAccount(t);
    case 'amount':
      if (t === '') throw new Error('enter an amount');
      return parseAmount(t, decimals);
    case 'integer': {
      if (!/^-?\d+$/.test(t)) throw new Error(`"${t}" is not a whole number`);
      return kind.big ? BigInt(t) : Number(t);
    }
    case 'bool':
      if (t !== 'true' && t !== 'false') throw new Error('enter true or false');
      return t === 'true';
    case 'text':
      return t;
    case 'bytes':
      return u8aToHex(new TextEncoder().encode(t));
    case 'hex':
      if (!new RegExp(`^0x[0-9a-fA-F]{${kind.length * 2}}$`).test(t)) throw new Error(`enter 0x and ${kind.length * 2} hex digits`);
      return t.toLowerCase();
    case 'option':
      return t === '' ? undefined : argFromText(kind.inner, t, decimals, toAccount);
    case 'json':
      try {
        return JSON.parse(t, (_k, v) => (typeof v === 'string' && /^-?\d+n$/.test(v) ? BigInt(v.slice(0, -1)) : v));
      } catch {
        throw new Error(`enter ${kind.type} as JSON`);
      }
  }
}
