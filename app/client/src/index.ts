// @sovra/client: typed access to Sovra's contracts for dApps and scripts. The development
// accounts of a local chain are in '@sovra/client/dev' (apart: a dApp's bundle needs no keyring).
export * from './credentials.js';
export * from './did.js';
export * from './disclosure.js';
export * from './errors.js';
export * from './format.js';
export * from './governance.js';
export * from './suite.js';
export * from './tx.js';
export * from './vault.js';
export type { CredentialRegistryContractApi } from './generated/credential-registry/index.js';
export type { DidRegistryContractApi } from './generated/did-registry/index.js';
export type { GovernorContractApi } from './generated/governor/index.js';
export type { NftContractApi } from './generated/nft/index.js';
export type { TokenContractApi } from './generated/token/index.js';
export type { VaultContractApi } from './generated/vault/index.js';
export type { VaultDataAsset as VaultAsset, VaultDataAuction as VaultAuction, VaultDataSale as VaultSale } from './generated/vault/types.js';
export type { SovraInterfacesPsp34Id as NftId } from './generated/nft/types.js';
export type { SovraInterfacesGovernanceProposalView as ProposalView, SovraInterfacesGovernanceSupport as Support } from './generated/governor/types.js';
