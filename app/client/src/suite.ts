// The deployed suite: a client on the node and the five contracts, typed by the generated APIs,
// from a deployment record (deployments/<network>.json) and the contracts' metadata.
import { LegacyClient, WsProvider } from 'dedot';
import { Contract } from 'dedot/contracts';
import type { ContractMetadata } from 'dedot/contracts';
import type { CredentialRegistryContractApi } from './generated/credential-registry/index.js';
import type { DidRegistryContractApi } from './generated/did-registry/index.js';
import type { GovernorContractApi } from './generated/governor/index.js';
import type { NftContractApi } from './generated/nft/index.js';
import type { TokenContractApi } from './generated/token/index.js';
import type { VaultContractApi } from './generated/vault/index.js';
import { Abi } from './governance.js';

export const CONTRACTS = ['did_registry', 'credential_registry', 'token', 'nft', 'governor', 'vault'] as const;
export type ContractName = (typeof CONTRACTS)[number];

/** What a deployment record (deployments/<network>.json) says, as far as a client needs it. */
export interface Deployment {
  network: string;
  url: string;
  /** The membership the deployment set up: its schema and founding issuer. */
  membership?: { schema: string; founding_issuer: string; founding_issuer_id: string; founding_issuer_controller: string };
  /** The account that deployed the suite (reads are dry-run as it: any existing account works). */
  deployer?: string;
  genesis_hash: string;
  contracts: Record<ContractName, { address: string; address_hex: string; metadata: string }>;
}

/** The origin of reads when the deployment names no deployer (//Alice; nothing is signed). */
export const READER = '5GrwvaEF5zXb26Fz9rcQpDWS57CtERHpNehXCPcNoHGKutQY';

/** Each contract's metadata (target/ink/<name>/<name>.json), by contract name. */
export type Metadata = Record<ContractName, ContractMetadata | Record<string, unknown>>;

/**
 * Connects to a node. dedot's legacy JSON-RPC client: its default (JSON-RPC v2) client never
 * gets a transaction included on substrate-contracts-node 0.42.
 */
export async function connect(url: string): Promise<LegacyClient> {
  return LegacyClient.new(new WsProvider(url));
}

/** The suite's contracts on one chain, typed. */
export class Suite {
  readonly did: Contract<DidRegistryContractApi>;
  readonly credentials: Contract<CredentialRegistryContractApi>;
  readonly token: Contract<TokenContractApi>;
  readonly nft: Contract<NftContractApi>;
  readonly governor: Contract<GovernorContractApi>;
  readonly vault: Contract<VaultContractApi>;
  /** Each contract's ABI (messages, codecs), by name. */
  readonly abis: Record<ContractName, Abi>;
  /** Reads are dry runs: they need an origin, not a signature. */
  private readonly reads: { defaultCaller: string };

  constructor(readonly client: LegacyClient, readonly deployment: Deployment, metadata: Metadata) {
    const at = (name: ContractName) => deployment.contracts[name].address;
    const meta = (name: ContractName) => metadata[name] as ContractMetadata;
    const options = (this.reads = { defaultCaller: deployment.deployer ?? READER });
    this.did = new Contract<DidRegistryContractApi>(client, meta('did_registry'), at('did_registry'), options);
    this.credentials = new Contract<CredentialRegistryContractApi>(client, meta('credential_registry'), at('credential_registry'), options);
    this.token = new Contract<TokenContractApi>(client, meta('token'), at('token'), options);
    this.nft = new Contract<NftContractApi>(client, meta('nft'), at('nft'), options);
    this.governor = new Contract<GovernorContractApi>(client, meta('governor'), at('governor'), options);
    this.vault = new Contract<VaultContractApi>(client, meta('vault'), at('vault'), options);
    this.abis = Object.fromEntries(CONTRACTS.map((n) => [n, new Abi(n, meta(n))])) as Record<ContractName, Abi>;
  }

  /** Connects to `deployment.url` (or `url`) and opens the suite. */
  static async open(deployment: Deployment, metadata: Metadata, url?: string): Promise<Suite> {
    return new Suite(await connect(url ?? deployment.url), deployment, metadata);
  }

  /** The suite's contracts by name, as untyped handles (event decoding, action building). */
  contracts(): [ContractName, Contract][] {
    return [
      ['did_registry', this.did as unknown as Contract],
      ['credential_registry', this.credentials as unknown as Contract],
      ['token', this.token as unknown as Contract],
      ['nft', this.nft as unknown as Contract],
      ['governor', this.governor as unknown as Contract],
      ['vault', this.vault as unknown as Contract],
    ];
  }

  /** A share token (or any Sovra token) at `address`, typed as the suite's token. */
  tokenAt(address: string): Contract<TokenContractApi> {
    return new Contract<TokenContractApi>(this.client, this.token.metadata as ContractMetadata, address, this.reads);
  }

  /** The name of the suite contract at `address` (SS58 or 0x-hex), if it is one. */
  nameOf(address: string): ContractName | undefined {
    const a = address.toLowerCase();
    return CONTRACTS.find((n) => this.deployment.contracts[n].address.toLowerCase() === a || this.deployment.contracts[n].address_hex.toLowerCase() === a);
  }

  /** ABIs by callee account id (0x-hex), for decoding proposal actions. */
  abisByAccount(): Map<string, Abi> {
    return new Map(CONTRACTS.map((n) => [this.deployment.contracts[n].address_hex.toLowerCase(), this.abis[n]]));
  }

  /** Disconnects from the node. */
  async close(): Promise<void> {
    await this.client.disconnect();
  }
}
