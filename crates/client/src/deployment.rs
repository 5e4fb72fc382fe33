//! The Sovra suite as one DAO: how it is deployed and wired, once. `scripts/deploy.sh` runs
//! [`deploy`] on a node (through the `deploy` binary) and the end-to-end test `tests/suite.rs`
//! runs the same function on both backends, so what is tested is what is deployed.
//!
//! Order (each contract gets the addresses of the ones before):
//! 1. DID registry (chain id = the genesis hash);
//! 2. credential registry (DID registry; the deployer as temporary admin), the profile's
//!    membership schema registered and its founding issuer's DID trusted for it;
//! 3. token (supply to the deployer, the profile's distribution, then the compliance gate:
//!    the credential registry and the membership schema);
//! 4. NFT (optionally gated by the same credential);
//! 5. governor (the token; optionally the membership gate; the deployer as guardian only if the
//!    profile says so);
//! 6. vault (share tokens made from the token's code; the profile's auction and vote windows);
//! 7. handover: every role of the credential registry, token, NFT and vault is granted to the
//!    governor, then renounced by the deployer — admin last.
//!
//! [`verify`] reads everything back from the chain: code hashes, every wiring, and every role's
//! holder; a deployment passes only if the governor holds every role and the deployer none.

use std::fmt::Debug;

use scale::Encode;
use serde_json::Value;
use sovra_interfaces::access::{AccessControl, RoleId, DEFAULT_ADMIN_ROLE, MINTER_ROLE, PAUSER_ROLE};
use sovra_interfaces::compliance::ComplianceGate;
use sovra_interfaces::credential::{CredentialError, SchemaId, TRUST_ADMIN_ROLE};
use sovra_interfaces::did::DidId;
use sovra_interfaces::governance::{CountingMode, GovernorSettings};

use crate::{ink_account, refs, AccountId, Bundle, Chain, Contract, Error, Outcome};
use credential_registry::CredentialRegistryRef;
use did_registry::DidRegistryContractRef;
use governor::GovernorRef;
use nft::NftRef;
use token::TokenRef;
use vault::VaultRef;
use psp22::PSP22;
use sovra_interfaces::credential::CredentialVerifier;

/// The contracts in deployment order.
pub const CONTRACTS: [&str; 6] = ["did_registry", "credential_registry", "token", "nft", "governor", "vault"];

/// The roles each contract has, by name; all go to the governor. The DID registry has none
/// (DIDs belong to their controllers) and the governor none (it changes its settings only
/// through its own proposals).
pub const ROLES: [(&str, &[(RoleId, &str)]); 4] = [
    ("credential_registry", &[(DEFAULT_ADMIN_ROLE, "admin"), (TRUST_ADMIN_ROLE, "trust admin")]),
    ("token", &[(DEFAULT_ADMIN_ROLE, "admin"), (MINTER_ROLE, "minter"), (PAUSER_ROLE, "pauser")]),
    ("nft", &[(DEFAULT_ADMIN_ROLE, "admin"), (MINTER_ROLE, "minter"), (PAUSER_ROLE, "pauser")]),
    ("vault", &[(DEFAULT_ADMIN_ROLE, "admin")]),
];

/// A deployment profile (`deployments/profiles/<name>.json`): everything a deployment may
/// choose. See `deployments/README.md` for the fields.
#[derive(Clone, Debug, PartialEq)]
pub struct Profile {
    pub schema_name: Vec<u8>,
    pub schema_uri: Vec<u8>,
    pub schema_hash: [u8; 32],
    pub schema_revocable: bool,
    /// The account that creates the founding issuer DID, and its salt: the DID id
    /// `did_id_for(account, salt)` is trusted for the membership schema at deployment (only
    /// that account can create it), so the first members can be credentialed before any
    /// proposal can pass.
    pub founding_issuer: ([u8; 32], [u8; 32]),
    pub token_name: String,
    pub token_symbol: String,
    pub token_decimals: u8,
    pub token_cap: Option<u128>,
    pub initial_supply: u128,
    /// Transfers from the deployer before the gate is set (the founding allocation).
    pub distribution: Vec<([u8; 32], u128)>,
    pub token_gated: bool,
    pub nft_soulbound: bool,
    pub nft_gated: bool,
    pub settings: GovernorSettings,
    pub quorum_bps: u32,
    /// Members voting For or Abstain a one-member-one-vote or quadratic proposal needs.
    pub member_quorum: u32,
    pub governor_membership_gate: bool,
    pub deployer_is_guardian: bool,
    /// The vault's buyout auction window and reserve-price vote window (blocks).
    pub vault_auction_blocks: u32,
    pub vault_vote_blocks: u32,
}

/// `blake2b-256` of a profile's text value (salts and schema hashes given as text).
fn text_hash(s: &str) -> [u8; 32] {
    sp_crypto_hashing::blake2_256(s.as_bytes())
}

/// An account given as SS58 or 0x-hex.
pub fn parse_account(s: &str) -> Result<[u8; 32], String> {
    if let Some(hex) = s.strip_prefix("0x") {
        let bytes: Vec<u8> = (0..hex.len())
            .step_by(2)
            .map(|i| hex.get(i..i + 2).and_then(|b| u8::from_str_radix(b, 16).ok()))
            .collect::<Option<_>>()
            .ok_or_else(|| format!("bad hex account {s}"))?;
        return bytes.try_into().map_err(|_| format!("account {s} is not 32 bytes"));
    }
    let id: subxt::utils::AccountId32 = s.parse().map_err(|e| format!("bad SS58 account {s}: {e:?}"))?;
    Ok(id.0)
}

fn field<'a>(v: &'a Value, path: &str) -> Result<&'a Value, String> {
    path.split('.').try_fold(v, |v, key| v.get(key).ok_or_else(|| format!("profile: missing `{path}`")))
}

fn text(v: &Value, path: &str) -> Result<String, String> {
    field(v, path)?.as_str().map(str::to_string).ok_or_else(|| format!("profile: `{path}` must be a string"))
}

fn flag(v: &Value, path: &str) -> Result<bool, String> {
    field(v, path)?.as_bool().ok_or_else(|| format!("profile: `{path}` must be true or false"))
}

fn number<T: TryFrom<u64>>(v: &Value, path: &str) -> Result<T, String> {
    field(v, path)?
        .as_u64()
        .and_then(|n| T::try_from(n).ok())
        .ok_or_else(|| format!("profile: `{path}` must be a small non-negative integer"))
}

/// Balances are strings (JSON numbers lose precision past 2^53).
fn amount(v: &Value, path: &str) -> Result<u128, String> {
    text(v, path)?.parse().map_err(|_| format!("profile: `{path}` must be a decimal string of an amount"))
}

impl Profile {
    /// Reads and checks `path`.
    pub fn load(path: &std::path::Path) -> Result<Self, String> {
        let raw = std::fs::read_to_string(path).map_err(|e| format!("cannot read {}: {e}", path.display()))?;
        let json: Value = serde_json::from_str(&raw).map_err(|e| format!("{}: {e}", path.display()))?;
        Self::parse(&json).map_err(|e| format!("{}: {e}", path.display()))
    }

    pub fn parse(p: &Value) -> Result<Self, String> {
        let counting = match text(p, "governor.counting")?.as_str() {
            "TokenWeighted" => CountingMode::TokenWeighted,
            "OneMemberOneVote" => CountingMode::OneMemberOneVote,
            "Quadratic" => CountingMode::Quadratic,
            other => return Err(format!("profile: unknown counting mode {other}")),
        };
        let cap = match field(p, "token.cap")? {
            Value::Null => None,
            _ => Some(amount(p, "token.cap")?),
        };
        let distribution = field(p, "token.distribution")?
            .as_array()
            .ok_or("profile: `token.distribution` must be a list")?
            .iter()
            .map(|entry| Ok((parse_account(&text(entry, "to")?)?, amount(entry, "amount")?)))
            .collect::<Result<Vec<_>, String>>()?;
        let profile = Profile {
            schema_name: text(p, "membership.schema.name")?.into_bytes(),
            schema_uri: text(p, "membership.schema.uri")?.into_bytes(),
            schema_hash: text_hash(&text(p, "membership.schema.document")?),
            schema_revocable: flag(p, "membership.schema.revocable")?,
            founding_issuer: (
                parse_account(&text(p, "membership.founding_issuer.account")?)?,
                text_hash(&text(p, "membership.founding_issuer.salt")?),
            ),
            token_name: text(p, "token.name")?,
            token_symbol: text(p, "token.symbol")?,
            token_decimals: number(p, "token.decimals")?,
            token_cap: cap,
            initial_supply: amount(p, "token.initial_supply")?,
            distribution,
            token_gated: flag(p, "token.gated")?,
            nft_soulbound: flag(p, "nft.soulbound")?,
            nft_gated: flag(p, "nft.gated")?,
            settings: GovernorSettings {
                voting_delay: number(p, "governor.voting_delay")?,
                voting_period: number(p, "governor.voting_period")?,
                proposal_threshold: amount(p, "governor.proposal_threshold")?,
                timelock_delay: number(p, "governor.timelock_delay")?,
                grace_period: number(p, "governor.grace_period")?,
                vote_extension: number(p, "governor.vote_extension")?,
                counting,
            },
            quorum_bps: number(p, "governor.quorum_bps")?,
            member_quorum: number(p, "governor.member_quorum")?,
            governor_membership_gate: flag(p, "governor.membership_gate")?,
            deployer_is_guardian: flag(p, "deployer_keeps_guardian")?,
            vault_auction_blocks: number(p, "vault.auction_blocks")?,
            vault_vote_blocks: number(p, "vault.vote_blocks")?,
        };
        let distributed = profile.distribution.iter().try_fold(0u128, |sum, (_, value)| sum.checked_add(*value));
        if distributed.is_none_or(|total| total > profile.initial_supply) {
            return Err("profile: the distribution exceeds the initial supply".into());
        }
        if profile.settings.counting != CountingMode::TokenWeighted && !profile.governor_membership_gate {
            return Err("profile: member-based counting needs governor.membership_gate".into());
        }
        Ok(profile)
    }
}

/// The deployed suite.
#[derive(Clone)]
pub struct Suite {
    pub did_registry: Contract,
    pub credential_registry: Contract,
    pub token: Contract,
    pub nft: Contract,
    pub governor: Contract,
    pub vault: Contract,
    /// The membership schema's id.
    pub schema: SchemaId,
    /// The founding issuer's DID id (trusted for the schema).
    pub founding_issuer: DidId,
    pub deployer: [u8; 32],
}

impl Suite {
    /// The suite a deployment file (`deployments/<network>.json`) records, attached on `chain`
    /// after checking that the file was made on it (same genesis hash).
    pub fn from_record(chain: &mut Chain, record: &Value) -> Result<Suite, String> {
        let field = |pointer: &str| -> Result<[u8; 32], String> {
            let text = record.pointer(pointer).and_then(Value::as_str).ok_or_else(|| format!("the deployment file has no {pointer}"))?;
            parse_account(text)
        };
        let genesis = field("/genesis_hash")?;
        if chain.genesis_hash()? != genesis {
            return Err("the deployment was made on another chain (its genesis hash differs): run scripts/deploy.sh".into());
        }
        let at = |name: &str| -> Result<Contract, String> {
            Ok(chain.attach(&Bundle::load(name)?, ink_account(field(&format!("/contracts/{name}/address"))?)))
        };
        Ok(Suite {
            did_registry: at("did_registry")?,
            credential_registry: at("credential_registry")?,
            token: at("token")?,
            nft: at("nft")?,
            governor: at("governor")?,
            vault: at("vault")?,
            schema: field("/membership/schema")?,
            founding_issuer: field("/membership/founding_issuer_id")?,
            deployer: field("/deployer")?,
        })
    }

    /// The suite's contracts with their names ([`CONTRACTS`]), in deployment order.
    pub fn contracts(&self) -> [(&'static str, &Contract); 6] {
        [
            ("did_registry", &self.did_registry),
            ("credential_registry", &self.credential_registry),
            ("token", &self.token),
            ("nft", &self.nft),
            ("governor", &self.governor),
            ("vault", &self.vault),
        ]
    }

    /// The contract called `name`, if it is one of [`CONTRACTS`].
    pub fn contract(&self, name: &str) -> Option<&Contract> {
        self.contracts().into_iter().find(|(n, _)| *n == name).map(|(_, c)| c)
    }

    fn named(&self, name: &str) -> Result<&Contract, String> {
        self.contract(name).ok_or_else(|| format!("the suite has no contract `{name}`"))
    }

    /// The membership gate: the credential registry and the membership schema.
    pub fn gate(&self) -> ComplianceGate {
        ComplianceGate { registry: self.credential_registry.address, schema: self.schema }
    }
}

/// One constructor call of the deployment: bundle, constructor, encoded arguments and how
/// they read.
pub struct Constructor {
    pub name: &'static str,
    pub args: Vec<u8>,
    pub shown: String,
}

/// The constructor of `name` given the addresses deployed before it and the membership schema
/// (the same for a deployment and its dry run).
pub fn constructor(
    name: &'static str,
    profile: &Profile,
    deployer: [u8; 32],
    genesis: [u8; 32],
    before: &[AccountId],
    schema: SchemaId,
) -> Constructor {
    let at = |i: usize| before.get(i).copied().unwrap_or(AccountId::from([0u8; 32]));
    let gate = |on: bool| on.then(|| ComplianceGate { registry: at(1), schema });
    let (args, shown) = match name {
        "did_registry" => (genesis.encode(), format!("chain_id: 0x{}", hex(&genesis))),
        "credential_registry" => (
            (at(0), ink_account(deployer)).encode(),
            "did_registry: <did_registry>, admin: <deployer> (until the handover)".to_string(),
        ),
        "token" => (
            (
                genesis,
                Some(profile.token_name.clone()),
                Some(profile.token_symbol.clone()),
                profile.token_decimals,
                profile.initial_supply,
                profile.token_cap,
                None::<ComplianceGate>,
            )
                .encode(),
            format!(
                "chain_id: 0x{}, {} ({}), {} decimals, supply {} to <deployer>, cap {}, gate set after the distribution",
                hex(&genesis),
                profile.token_name,
                profile.token_symbol,
                profile.token_decimals,
                format_amount(profile.initial_supply, profile.token_decimals, &profile.token_symbol),
                profile.token_cap.map_or_else(|| "none".into(), |cap| format_amount(cap, profile.token_decimals, &profile.token_symbol))
            ),
        ),
        "nft" => (
            (profile.nft_soulbound, None::<nft::data::Royalty>, gate(profile.nft_gated)).encode(),
            format!(
                "soulbound: {}, no royalty, gate: {}",
                profile.nft_soulbound,
                if profile.nft_gated { "membership" } else { "none" }
            ),
        ),
        "vault" => {
            let share_code = Bundle::load("token").map(|b| b.code_hash()).unwrap_or([0; 32]);
            (
                (genesis, share_code, profile.vault_auction_blocks, profile.vault_vote_blocks).encode(),
                format!(
                    "chain_id: 0x{}, share code: the token's (0x{}), auctions {} blocks, reserve votes {} blocks",
                    hex(&genesis),
                    hex(&share_code),
                    profile.vault_auction_blocks,
                    profile.vault_vote_blocks
                ),
            )
        }
        _ => (
            (
                genesis,
                at(2),
                profile.settings,
                profile.quorum_bps,
                profile.member_quorum,
                gate(profile.governor_membership_gate),
                profile.deployer_is_guardian.then(|| ink_account(deployer)),
            )
                .encode(),
            format!(
                "chain_id: 0x{}, token: <token>, {:?}, quorum {} bps ({} members in member modes), membership gate: {}, guardian: {}",
                hex(&genesis),
                profile.settings,
                profile.quorum_bps,
                profile.member_quorum,
                profile.governor_membership_gate,
                if profile.deployer_is_guardian { "<deployer>" } else { "none" }
            ),
        ),
    };
    Constructor { name, args, shown }
}

/// Arguments encoded already (a [`Constructor`]'s).
pub struct Encoded(pub Vec<u8>);

impl Encode for Encoded {
    fn size_hint(&self) -> usize {
        self.0.len()
    }
    fn encode_to<T: scale::Output + ?Sized>(&self, dest: &mut T) {
        dest.write(&self.0);
    }
}

/// `value` base units in whole tokens, e.g. `450,000 SOV` or `0.5 SOV`.
pub fn format_amount(value: u128, decimals: u8, symbol: &str) -> String {
    let unit = 10u128.checked_pow(u32::from(decimals)).unwrap_or(u128::MAX);
    let (whole, frac) = (value / unit, value % unit);
    let digits = whole.to_string();
    let mut out = String::new();
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i) % 3 == 0 {
            out.push(',');
        }
        out.push(c);
    }
    if frac > 0 {
        let f = format!("{frac:0width$}", width = usize::from(decimals));
        out = format!("{out}.{}", f.trim_end_matches('0'));
    }
    format!("{out} {symbol}")
}

pub fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

/// `Ok(())` if the call neither reverted nor returned an error.
fn ok<E: Debug>(out: Outcome<Result<(), E>>, what: &str) -> Result<(), String> {
    match out.value {
        Ok(()) if !out.reverted => Ok(()),
        Ok(()) => Err(format!("{what}: reverted")),
        Err(e) => Err(format!("{what}: {e:?}")),
    }
}

/// A contract's own error type, to read what its role messages return.
/// How far a deployment got: saved after every step, so that a re-run after a failure (a lost
/// connection, a refused call, a crash) resumes from what is on chain instead of orphaning it.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Progress {
    /// The contracts deployed so far, in [`CONTRACTS`] order.
    pub deployed: Vec<AccountId>,
    /// How many of the profile's distribution transfers were made.
    pub distributed: usize,
}

/// The membership schema's id for `profile` (it is the hash of the schema's content).
pub fn schema_id(profile: &Profile) -> SchemaId {
    sp_crypto_hashing::blake2_256(&(profile.schema_hash, profile.schema_name.clone(), profile.schema_uri.clone(), profile.schema_revocable).encode())
}

/// Deploys and wires the suite as `deployer`, then hands every role to the governor; `log`
/// hears of every step, `save` gets the progress after each one (an error from it stops the
/// deployment there). Starting from a saved `progress`, it resumes: contracts deployed before
/// are used, and each wiring step checks the chain first (a schema registered already — by
/// anyone: its id is its content's hash —, an issuer trusted, a gate set, roles handed over).
/// Contract errors come back as text (the harness panics on transport failures).
pub fn deploy(
    chain: &mut Chain,
    profile: &Profile,
    deployer: [u8; 32],
    progress: &mut Progress,
    log: &mut dyn FnMut(String),
    save: &mut dyn FnMut(&Progress) -> Result<(), String>,
) -> Result<Suite, String> {
    let genesis = chain.genesis_hash()?;
    let mut deployed: Vec<Contract> = Vec::new();
    let schema = schema_id(profile);
    let mut founding_issuer: DidId = [0; 32];
    for (i, name) in CONTRACTS.into_iter().enumerate() {
        let bundle = Bundle::load(name)?;
        let contract = match progress.deployed.get(i) {
            Some(&address) => {
                if chain.code_hash(address)?.is_none() {
                    return Err(format!("resuming: no contract at {name}'s recorded address {}", crate::resolver::ss58(&raw(address), 42)));
                }
                log(format!("resumed {name} at {}", crate::resolver::ss58(&raw(address), 42)));
                chain.attach(&bundle, address)
            }
            None => {
                let addresses: Vec<AccountId> = deployed.iter().map(|c| c.address).collect();
                let c = constructor(name, profile, deployer, genesis, &addresses, schema);
                let contract = chain.deploy(&bundle, "new", Encoded(c.args), deployer)?;
                log(format!("deployed {name} at {}: {}", crate::resolver::ss58(&raw(contract.address), 42), c.shown));
                progress.deployed.push(contract.address);
                save(progress)?;
                contract
            }
        };
        match name {
            "credential_registry" => {
                let dids = &deployed[0];
                let (account, salt) = profile.founding_issuer;
                founding_issuer = chain.read(dids.calls::<DidRegistryContractRef>().did_id_for(ink_account(account), salt))?;
                let mut calls = contract.calls::<CredentialRegistryRef>();
                let register = calls.register_schema(profile.schema_hash, profile.schema_name.clone(), profile.schema_uri.clone(), profile.schema_revocable);
                let out = chain.call(deployer, register)?;
                match out.value {
                    Ok(id) if id == schema => {
                        log(format!("registered the membership schema {} as 0x{}", String::from_utf8_lossy(&profile.schema_name), hex(&schema)))
                    }
                    // registered before (by a previous run, or by anyone: the same id is the same content)
                    Err(CredentialError::SchemaExists) => log(format!("the membership schema 0x{} is registered already (same content)", hex(&schema))),
                    other => return Err(format!("credential_registry.register_schema: {other:?}")),
                }
                if !chain.read(calls.is_trusted(schema, founding_issuer))? {
                    ok(chain.call(deployer, calls.add_trusted_issuer(schema, founding_issuer))?, "add_trusted_issuer")?;
                }
                log(format!("trusted the founding issuer {} for it", crate::resolver::did_string(&founding_issuer)));
            }
            "token" => {
                for (to, value) in profile.distribution.iter().skip(progress.distributed) {
                    let out = chain.call(deployer, contract.calls::<TokenRef>().transfer(ink_account(*to), *value, Vec::new()))?;
                    ok(out, "token distribution")?;
                    log(format!("distributed {value} to {}", crate::resolver::ss58(to, 42)));
                    progress.distributed = progress.distributed.saturating_add(1);
                    save(progress)?;
                }
                let gate = profile.token_gated.then_some(ComplianceGate { registry: deployed[1].address, schema });
                if gate.is_some() && chain.read(contract.calls::<TokenRef>().compliance())? != gate {
                    ok(chain.call(deployer, contract.calls::<TokenRef>().set_compliance(gate))?, "token.set_compliance")?;
                    log("gated the token: receivers need a valid membership credential".into());
                }
            }
            _ => {}
        }
        deployed.push(contract);
    }
    let [did_registry, credential_registry, token, nft, governor, vault]: [Contract; 6] =
        deployed.try_into().map_err(|_| "the deployment did not make the six contracts".to_string())?;
    let suite = Suite { did_registry, credential_registry, token, nft, governor, vault, schema, founding_issuer, deployer };
    let governor = suite.governor.address;
    for (name, roles) in ROLES {
        // every role the deployer holds to the governor, the deployer's given up (admin last);
        // a resumed run finds some contracts handed over already
        let contract = suite.named(name)?;
        let mut access = contract.calls::<refs::AccessControl>();
        if chain.read(access.has_role(DEFAULT_ADMIN_ROLE, ink_account(deployer)))? {
            ok(chain.call(deployer, access.hand_over(governor))?, &format!("{name}.hand_over"))?;
        }
        let names: Vec<&str> = roles.iter().map(|(_, n)| *n).collect();
        log(format!("handed {name}'s roles ({}) to the governor; the deployer renounced them", names.join(", ")));
    }
    Ok(suite)
}

fn raw(a: AccountId) -> [u8; 32] {
    *a.as_ref()
}

/// One line of the verification: what was read back, and whether it is what the profile says.
#[derive(Clone, Debug)]
pub struct Check {
    pub what: String,
    pub found: String,
    pub ok: bool,
}

/// A role and who holds it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct RoleRow {
    pub contract: &'static str,
    pub role: &'static str,
    /// Every holder, as the contract lists them.
    pub holders: Vec<AccountId>,
    pub governor: bool,
    pub deployer: bool,
}

/// What [`verify`] read back.
pub struct Verification {
    pub checks: Vec<Check>,
    pub roles: Vec<RoleRow>,
    /// Each contract's code hash on chain, in [`CONTRACTS`] order (`None`: no contract).
    pub code_hashes: Vec<Option<[u8; 32]>>,
    /// What a holder should know but that is not wrong in itself (e.g. the deployer is the
    /// founding issuer).
    pub warnings: Vec<String>,
}

/// Every holder of `role` on `contract`, read from the contract's own list (`role_member_count`
/// and `role_member`: at most `MAX_ROLE_MEMBERS` reads).
pub fn role_holders(chain: &mut Chain, contract: &Contract, role: RoleId) -> Result<Vec<AccountId>, Error> {
    let access = contract.calls::<refs::AccessControl>();
    let count = chain.read(access.role_member_count(role))?;
    let mut holders = Vec::new();
    for i in 0..count {
        holders.extend(chain.read(access.role_member(role, i))?);
    }
    Ok(holders)
}

/// Reads the deployment back from the chain: code hashes (against the bundles), the wiring
/// and the role table. The deployer may hold nothing; the guardian only if the profile says.
pub fn verify(chain: &mut Chain, suite: &Suite, profile: &Profile) -> Result<Verification, String> {
    let mut checks = Vec::new();
    let mut check = |what: String, found: String, ok: bool| checks.push(Check { what, found, ok });
    let mut code_hashes = Vec::new();
    for name in CONTRACTS {
        let contract = suite.named(name)?;
        let expected = contract.bundle().code_hash();
        let found = chain.code_hash(contract.address)?;
        code_hashes.push(found);
        check(
            format!("{name} code hash"),
            found.map(|h| format!("0x{}", hex(&h))).unwrap_or_else(|| "no contract".into()),
            found == Some(expected),
        );
    }
    let (dids, creds, token, nft, gov) =
        (suite.did_registry.clone(), suite.credential_registry.clone(), suite.token.clone(), suite.nft.clone(), suite.governor.clone());
    let genesis = chain.genesis_hash()?;
    // every contract that accepts signatures names this chain in what it accepts
    let chain_ids = [
        (&dids, chain.read(dids.calls::<DidRegistryContractRef>().chain_id())?),
        (&token, chain.read(token.calls::<TokenRef>().chain_id())?),
        (&gov, chain.read(gov.calls::<GovernorRef>().chain_id())?),
    ];
    for (contract, chain_id) in chain_ids {
        check(format!("{} chain id = genesis hash", name_of(suite, contract.address)), format!("0x{}", hex(&chain_id)), chain_id == genesis);
    }
    let pointer = chain.read(creds.calls::<CredentialRegistryRef>().did_registry())?;
    check("credential_registry → did_registry".into(), name_of(suite, pointer), pointer == dids.address);
    let trusted = chain.read(creds.calls::<CredentialRegistryRef>().trusted_issuers(suite.schema))?;
    let shown: Vec<String> = trusted.iter().map(crate::resolver::did_string).collect();
    check(
        "membership schema trusts exactly the founding issuer".into(),
        if shown.is_empty() { "nobody".into() } else { shown.join(", ") },
        trusted == [suite.founding_issuer],
    );
    let gate = suite.gate();
    let token_gate = chain.read(token.calls::<TokenRef>().compliance())?;
    check("token → credential_registry (compliance gate)".into(), gate_text(suite, token_gate), token_gate == profile.token_gated.then_some(gate));
    let nft_gate = chain.read(nft.calls::<NftRef>().compliance())?;
    check("nft → credential_registry (compliance gate)".into(), gate_text(suite, nft_gate), nft_gate == profile.nft_gated.then_some(gate));
    let gov_token = chain.read(gov.calls::<GovernorRef>().token())?;
    check("governor → token (votes)".into(), gov_token.map(|a| name_of(suite, a)).unwrap_or_default(), gov_token == Some(token.address));
    let membership = chain.read(gov.calls::<GovernorRef>().membership())?;
    check(
        "governor → credential_registry (membership)".into(),
        gate_text(suite, membership),
        membership == profile.governor_membership_gate.then_some(gate),
    );
    let known = chain.read(creds.calls::<CredentialRegistryRef>().has_schema(suite.schema))?;
    check("credential_registry knows the membership schema".into(), known.to_string(), known);
    let settings = chain.read(gov.calls::<GovernorRef>().settings())?;
    let shown = settings.map(|s| format!("{s:?}")).unwrap_or_else(|| "none".into());
    check("governor settings".into(), shown.replace("GovernorSettings ", ""), settings == Some(profile.settings));
    let block = chain.block()?;
    let quorum = chain.read(gov.calls::<GovernorRef>().quorum_numerator(block))?;
    check("governor quorum (bps)".into(), quorum.to_string(), quorum == profile.quorum_bps);
    let members = chain.read(gov.calls::<GovernorRef>().member_quorum(block))?;
    check("governor member quorum".into(), members.to_string(), members == profile.member_quorum);
    let guardian = chain.read(gov.calls::<GovernorRef>().guardian())?;
    let want_guardian = profile.deployer_is_guardian.then(|| ink_account(suite.deployer));
    check("governor guardian".into(), guardian.map(|a| name_of(suite, a)).unwrap_or_else(|| "none".into()), guardian == want_guardian);
    // the state a holder trusts: nothing minted, paused or proposed behind the profile's back
    let supply = chain.read(token.calls::<TokenRef>().total_supply())?;
    let amount = |value: u128| format_amount(value, profile.token_decimals, &profile.token_symbol);
    check("token supply as the profile says".into(), amount(supply), supply == profile.initial_supply);
    let cap = chain.read(token.calls::<TokenRef>().cap())?;
    check("token cap as the profile says".into(), cap.map_or_else(|| "none".into(), amount), cap == profile.token_cap);
    let pauses = [(&token, chain.read(token.calls::<TokenRef>().paused())?), (&nft, chain.read(nft.calls::<NftRef>().paused())?)];
    for (contract, paused) in pauses {
        check(format!("{} not paused", name_of(suite, contract.address)), paused.to_string(), !paused);
    }
    let proposals = chain.read(gov.calls::<GovernorRef>().proposal_count())?;
    check("governor has no proposals".into(), proposals.to_string(), proposals == 0);
    let vault_settings = chain.read(suite.vault.calls::<VaultRef>().settings())?;
    let share_code = token.bundle().code_hash();
    check(
        "vault → the token's code for share tokens".into(),
        if vault_settings.share_code == share_code { "token".into() } else { format!("0x{}", hex(&vault_settings.share_code)) },
        vault_settings.share_code == share_code,
    );
    check(
        "vault windows (auction, reserve vote)".into(),
        format!("{} blocks, {} blocks", vault_settings.auction_blocks, vault_settings.vote_blocks),
        (vault_settings.auction_blocks, vault_settings.vote_blocks) == (profile.vault_auction_blocks, profile.vault_vote_blocks),
    );
    let assets = chain.read(suite.vault.calls::<VaultRef>().asset_count())?;
    check("vault holds no assets".into(), assets.to_string(), assets == 0);
    // every holder of every role, read from the contracts' own lists
    let mut rows = Vec::new();
    for (name, roles) in ROLES {
        let contract = suite.named(name)?.clone();
        for (role, role_name) in roles.iter() {
            let holders = role_holders(chain, &contract, *role)?;
            let governor = holders.contains(&gov.address);
            let deployer = holders.contains(&ink_account(suite.deployer));
            rows.push(RoleRow { contract: name, role: role_name, holders, governor, deployer });
        }
    }
    for row in &rows {
        let names: Vec<String> = row.holders.iter().map(|a| name_of(suite, *a)).collect();
        check(
            format!("{} {} held by the governor alone", row.contract, row.role),
            if names.is_empty() { "nobody".into() } else { names.join(", ") },
            row.holders == [gov.address],
        );
    }
    let mut warnings = Vec::new();
    if profile.founding_issuer.0 == suite.deployer {
        warnings.push(format!(
            "the deployer {} is the founding issuer: the key that deployed also admits every member",
            crate::resolver::ss58(&suite.deployer, 42)
        ));
    }
    Ok(Verification { checks, roles: rows, code_hashes, warnings })
}

/// A contract of the suite by name, else the account in SS58.
pub fn name_of(suite: &Suite, account: AccountId) -> String {
    suite
        .contracts()
        .into_iter()
        .find(|(_, c)| c.address == account)
        .map(|(n, _)| n.to_string())
        .unwrap_or_else(|| {
            if raw(account) == suite.deployer {
                "deployer".into()
            } else {
                crate::resolver::ss58(&raw(account), 42)
            }
        })
}

fn gate_text(suite: &Suite, gate: Option<ComplianceGate>) -> String {
    match gate {
        None => "none".into(),
        Some(g) if g.schema == suite.schema => format!("{} / membership schema", name_of(suite, g.registry)),
        Some(g) => format!("{} / schema 0x{}", name_of(suite, g.registry), hex(&g.schema)),
    }
}

impl From<Error> for String {
    fn from(e: Error) -> String {
        e.to_string()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    use crate::dev_accounts::bob;

    fn local() -> Value {
        let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../../deployments/profiles/local.json");
        serde_json::from_str(&std::fs::read_to_string(path).expect("the local profile")).expect("JSON")
    }

    #[test]
    fn the_local_profile_reads_as_written() {
        let p = Profile::parse(&local()).expect("valid");
        assert_eq!(p.founding_issuer.0, bob());
        assert_eq!(p.founding_issuer.1, sp_crypto_hashing::blake2_256(b"sovra founding issuer"));
        assert_eq!((p.token_decimals, p.initial_supply, p.token_cap), (12, 1_000_000 * 10u128.pow(12), Some(10_000_000 * 10u128.pow(12))));
        assert_eq!((p.settings.voting_period, p.settings.timelock_delay, p.quorum_bps), (8, 3, 2_500));
        assert!(p.token_gated && p.nft_gated && p.governor_membership_gate && !p.deployer_is_guardian);
        assert_eq!(format_amount(450_000 * 10u128.pow(12) + 5 * 10u128.pow(11), 12, "SOV"), "450,000.5 SOV");
        assert_eq!(format_amount(1_000, 0, "X"), "1,000 X");
        assert_eq!(parse_account("0x8eaf04151687736326c9fea17e25fc5287613693c912909cb226aa4794f26a48"), Ok(bob()));
    }

    #[test]
    fn a_bad_profile_is_refused_with_the_field_named() {
        let mut p = local();
        p["token"]["distribution"] = serde_json::json!([{ "to": "5FHneW46xGXgs5mUiveU4sbTyGBzmstUspZC92UhjJM694ty", "amount": "1000000000000000001" }]);
        assert_eq!(Profile::parse(&p), Err("profile: the distribution exceeds the initial supply".into()));
        let mut p = local();
        p["governor"]["counting"] = "Quadratic".into();
        p["governor"]["membership_gate"] = false.into();
        assert_eq!(Profile::parse(&p), Err("profile: member-based counting needs governor.membership_gate".into()));
        let mut p = local();
        p["token"]["initial_supply"] = 5.into();
        assert_eq!(Profile::parse(&p), Err("profile: `token.initial_supply` must be a string".into()));
        let mut p = local();
        p["governor"]["voting_period"] = serde_json::json!(1u64 << 40);
        assert_eq!(Profile::parse(&p), Err("profile: `governor.voting_period` must be a small non-negative integer".into()));
        let mut p = local();
        p["membership"]["founding_issuer"]["account"] = "5FHneW46xGXgs5mUiveU4sbTyGBzmstUspZC92UhjJM694tz".into();
        assert!(Profile::parse(&p).is_err_and(|e| e.starts_with("bad SS58 account")));
        let mut p = local();
        p.as_object_mut().expect("object").remove("deployer_keeps_guardian");
        assert_eq!(Profile::parse(&p), Err("profile: missing `deployer_keeps_guardian`".into()));
    }
}
