// Contract errors and dispatch errors as sentences a person reads — never SCALE or hex.
import { hexToString } from 'dedot/utils';

/** What each error name of Sovra's contracts means, said to the person who sent the call. */
export const ERROR_TEXT: Record<string, string> = {
  InsufficientBalance: 'the sender’s balance is too low for this amount',
  InsufficientAllowance: 'the allowance is too low for this amount',
  MissingRole: 'the sender does not hold the role this needs',
  Paused: 'the contract is paused',
  ComplianceFailed: 'the receiver holds no valid membership credential',
  CapExceeded: 'this would exceed the token’s supply cap',
  AlreadyInThatState: 'nothing to change: it is already so',
  FutureLookup: 'that block has not ended yet',
  Expired: 'the signed request has expired',
  NonceUsed: 'this signed request was used already',
  InvalidNonce: 'the signed request’s nonce is not the next one',
  NonCanonicalSignature: 'the signature is not in canonical (low-S) form',
  BadSignature: 'the signature does not match the signer',
  Overflow: 'a number would overflow',
  ZeroRecipientAddress: 'the receiver is the zero address',
  ZeroSenderAddress: 'the sender is the zero address',
  NotFound: 'there is no such DID',
  AlreadyExists: 'a DID with this id exists already',
  NotController: 'the sender does not control this DID',
  Deactivated: 'the DID is deactivated',
  NotHolder: 'the sender is not the credential’s holder',
  NotIssuer: 'the sender does not act for the issuer DID',
  NotOwner: 'the sender does not own this token',
  NotApproved: 'the sender is not approved for this token',
  TokenExists: 'this token id exists already',
  TokenNotExists: 'there is no token with this id',
  Soulbound: 'this token is soulbound and cannot be transferred',
  TooManyMembers: 'the role has the most members it may have',
  LastAdmin: 'the last admin cannot leave',
  UnknownProposal: 'there is no such proposal',
  BelowThreshold: 'the proposer’s votes are below the proposal threshold',
  NotMember: 'the account holds no valid membership credential',
  TimelockNotPassed: 'the timelock has not passed yet',
  AlreadyVoted: 'this account has voted on the proposal already',
  NotAllowedToCancel: 'only the proposer (before voting) or the guardian may cancel',
  OnlyGovernance: 'only the DAO itself may change this, through a proposal',
  InvalidActionCount: 'a proposal has 1 to the maximum number of actions',
  DescriptionTooLong: 'the description is too long',
  ReasonTooLong: 'the reason is too long',
  ProposalExists: 'the same proposal exists already',
  NotAuthorizedForIssuer: 'the sender neither controls the issuer DID nor holds one of its valid assertion keys',
  IssuerInactive: 'the issuer DID is deactivated',
  NotTrusted: 'the issuer is not trusted for this schema',
  CredentialExists: 'a credential with this hash exists already',
  CredentialNotFound: 'this issuer has no credential with this hash',
  SchemaNotFound: 'there is no such schema',
  MissingSubject: 'a credential needs a holder (an account or a DID)',
  InvalidExpiry: 'the expiry is in the past',
  NotRevocable: 'credentials of this schema cannot be revoked',
  AlreadyRevoked: 'the credential is revoked already',
  AlreadySuspended: 'the credential is suspended already',
  NotSuspended: 'the credential is not suspended',
  RevocationIsPermanent: 'a revoked credential cannot be reinstated',
  NoCommitment: 'the credential commits to no claims',
  ProofTooLong: 'the proof is too long',
  SelfApprove: 'an owner cannot approve itself',
  RoyaltyTooHigh: 'the royalty is above the maximum',
  UnknownAsset: 'the vault has no such asset',
  ZeroShares: 'an asset needs at least one share',
  NotReceived: 'the NFT did not arrive: approve the vault for it first (a gated collection must admit the vault)',
  SharesNotCreated: 'the share token could not be created',
  MintFailed: 'the shares could not be minted to the depositor (does it hold the collection’s credential?)',
  WrongState: 'the asset is not in a state that allows this (held, in auction, sold)',
  NotAllShares: 'redeeming needs every share in circulation',
  SharesNotTaken: 'the vault could not take the shares: approve it for them first',
  DeliveryFailed: 'the NFT could not be handed over',
  BelowReserve: 'the bid is below the reserve price',
  BidTooLow: 'a bid must beat the current one by at least 5%',
  AuctionClosed: 'the auction has closed',
  AuctionOpen: 'the auction is still open',
  NothingDue: 'nothing is due',
  PaymentFailed: 'the payment failed; it stays due',
  ProposalState: 'a reserve-price proposal is open already, or none is open',
  NoVotes: 'the caller held no share votes at the snapshot',
  InvalidSettings: 'a value is out of range',
};

/** `NotController` → "not controller" for names without a sentence. */
function words(name: string): string {
  return name.replace(/([a-z0-9])([A-Z])/g, '$1 $2').toLowerCase();
}

/**
 * A contract's `Err` value as a sentence: a name (`"Paused"`), an enum (`{ type: "Custom",
 * value: "ComplianceFailed" }`), nested errors (`{ type: "Did", value: "NotFound" }`).
 */
export function errorText(err: unknown): string {
  if (typeof err === 'string') {
    const name = /^0x[0-9a-f]*$/i.test(err) ? hexToString(err) : err;
    return ERROR_TEXT[name] ?? words(name);
  }
  if (err && typeof err === 'object' && 'type' in err) {
    const { type, value } = err as { type: string; value?: unknown };
    if (type === 'UnexpectedState' && typeof value === 'string') return `the proposal is ${value.toLowerCase()}`;
    if (type === 'ActionFailed' && typeof value === 'number') return `action ${value + 1} of the proposal failed, so none ran`;
    if ((type === 'Custom' || type === 'SafeTransferCheckFailed') && value !== undefined) return errorText(value);
    if (value !== undefined && (typeof value === 'string' || (typeof value === 'object' && value !== null))) return errorText(value);
    return ERROR_TEXT[type] ?? words(type);
  }
  return String(err);
}

const INTERFACES = /^(psp22Metadata|psp22Mintable|psp22Burnable|psp22|psp34Metadata|psp34Enumerable|psp34Mintable|psp34Burnable|psp34|votes|accessControl|upgradeable|credentialVerifier|didRegistry)(?=[A-Z])/;

/** A generated message name as words: `psp22Transfer` → "transfer", `castVote` → "cast vote". */
export function messageWords(message: string): string {
  return words(message.replace(INTERFACES, ''));
}

/** A refused call: `message` is the sentence, `error` the contract's error as decoded. */
export class ContractRefused extends Error {
  constructor(readonly contract: string, readonly call: string, readonly error: unknown) {
    super(`The ${contract.replace('_', ' ')} refused to ${messageWords(call)}: ${errorText(error)}`);
    this.name = 'ContractRefused';
  }
}

/** A call the chain did not execute (out of gas, a trap, a failed dispatch). */
export class DispatchFailed extends Error {
  constructor(readonly call: string, readonly reason: string) {
    super(`${call} failed on chain: ${reason}`);
    this.name = 'DispatchFailed';
  }
}
