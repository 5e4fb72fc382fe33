//! Deploys the Sovra suite to a node as `sovra_e2e::suite::deploy` wires it (the function the
//! end-to-end test `tests/suite.rs` runs), verifies it on chain, prints the verification and
//! role tables, and writes the deployment file a frontend loads. Run by `scripts/deploy.sh`.
//!
//! deploy --url URL --suri SURI --profile FILE --network NAME --out FILE [--dry-run]
//!        [--tool name=version ...]
//!
//! Exit codes: 0 deployed and verified (or dry-run done); 1 a step or a check failed (the
//! file is not written); 2 bad arguments or profile.

use std::collections::BTreeMap;
use std::path::PathBuf;
use std::str::FromStr;

use serde_json::{json, Value};
use sovra_e2e::resolver::{did_string, ss58};
use sovra_e2e::suite::{self, hex, Profile, CONTRACTS};
use sovra_e2e::{AccountId, Bundle, Chain};
use subxt_signer::sr25519::Keypair;
use subxt_signer::SecretUri;

struct Args {
    url: String,
    suri: String,
    profile: PathBuf,
    network: String,
    out: PathBuf,
    dry_run: bool,
    tools: BTreeMap<String, String>,
}

fn usage(msg: &str) -> ! {
    eprintln!("deploy: {msg}\nusage: deploy --url URL --suri SURI --profile FILE --network NAME --out FILE [--dry-run] [--tool name=version]…");
    std::process::exit(2)
}

fn args() -> Args {
    let mut a = Args {
        url: String::new(),
        suri: String::new(),
        profile: PathBuf::new(),
        network: String::new(),
        out: PathBuf::new(),
        dry_run: false,
        tools: BTreeMap::new(),
    };
    let mut it = std::env::args().skip(1);
    while let Some(flag) = it.next() {
        let mut value = || it.next().unwrap_or_else(|| usage(&format!("{flag} needs a value")));
        match flag.as_str() {
            "--url" => a.url = value(),
            "--suri" => a.suri = value(),
            "--profile" => a.profile = PathBuf::from(value()),
            "--network" => a.network = value(),
            "--out" => a.out = PathBuf::from(value()),
            "--dry-run" => a.dry_run = true,
            "--tool" => {
                let v = value();
                let (name, version) = v.split_once('=').unwrap_or_else(|| usage("--tool takes name=version"));
                a.tools.insert(name.to_string(), version.to_string());
            }
            other => usage(&format!("unknown argument {other}")),
        }
    }
    if a.url.is_empty() || a.suri.is_empty() || a.network.is_empty() || a.profile.as_os_str().is_empty() {
        usage("--url, --suri, --profile and --network are required");
    }
    a
}

fn account(a: AccountId) -> [u8; 32] {
    *a.as_ref()
}

fn main() {
    let args = args();
    let profile = Profile::load(&args.profile).unwrap_or_else(|e| usage(&e));
    let uri = SecretUri::from_str(&args.suri).unwrap_or_else(|e| usage(&format!("bad --suri: {e}")));
    let key = Keypair::from_uri(&uri).unwrap_or_else(|e| usage(&format!("bad --suri: {e}")));
    let deployer = key.public_key().0;
    let mut chain = Chain::node_at(&args.url, vec![key]);
    let genesis = chain.genesis_hash();

    if args.dry_run {
        dry_run(&mut chain, &profile, deployer, genesis, &args);
        return;
    }

    println!("deploy: {} on {} (genesis 0x{}) as {}", args.profile.display(), args.url, hex(&genesis), ss58(&deployer, 42));
    let suite = match suite::deploy(&mut chain, &profile, deployer, &mut |line| println!("  {line}")) {
        Ok(suite) => suite,
        Err(e) => {
            eprintln!("deploy: failed: {e}");
            std::process::exit(1);
        }
    };
    let suite::Verification { checks, roles, code_hashes } = suite::verify(&mut chain, &suite, &profile);
    let code_of = |i: usize| code_hashes[i].map(|h| format!("0x{}", hex(&h)));

    let block = chain.block();
    println!("\nverified on chain (block {block}):");
    println!("  {:<20} {:<49} code hash", "contract", "address");
    for (i, name) in CONTRACTS.into_iter().enumerate() {
        let c = suite.contract(name);
        let code = code_of(i).unwrap_or_default();
        println!("  {:<20} {:<49} {}", name, ss58(&account(c.address), 42), code);
    }
    println!();
    for c in &checks {
        println!("  {} {:<56} {}", if c.ok { "✓" } else { "✗" }, c.what, c.found);
    }
    println!("\n  {:<20} {:<12} {:<9} deployer", "role of", "role", "governor");
    for r in &roles {
        println!("  {:<20} {:<12} {:<9} {}", r.contract, r.role, yes(r.governor), yes(r.deployer));
    }
    let held = chain.query::<u128>(&suite.token, "PSP22::balance_of", sovra_e2e::ink_account(deployer));
    if held > 0 {
        println!(
            "\n  note: the deployer holds {} (the undistributed supply: votes, not a role) — distribute it to members",
            suite::format_amount(held, profile.token_decimals, &profile.token_symbol)
        );
    }
    let failed = checks.iter().filter(|c| !c.ok).count();
    if failed > 0 {
        eprintln!("\ndeploy: {failed} check(s) failed; {} not written", args.out.display());
        std::process::exit(1);
    }

    let mut contracts = serde_json::Map::new();
    for (i, name) in CONTRACTS.into_iter().enumerate() {
        let c = suite.contract(name);
        let addresses: Vec<AccountId> =
            CONTRACTS.iter().take_while(|n| **n != name).map(|n| suite.contract(n).address).collect();
        let ctor = suite::constructor(name, &profile, deployer, genesis, &addresses, suite.schema);
        let code = code_of(i);
        let my_roles: Vec<Value> = roles
            .iter()
            .filter(|r| r.contract == name)
            .map(|r| json!({ "role": r.role, "holder": if r.governor { "governor" } else { "none" } }))
            .collect();
        contracts.insert(
            name.to_string(),
            json!({
                "address": ss58(&account(c.address), 42),
                "address_hex": format!("0x{}", hex(&account(c.address))),
                "code_hash": code,
                "constructor": "new",
                "constructor_args": ctor.shown,
                "constructor_args_scale": format!("0x{}", hex(&ctor.args)),
                "metadata": format!("target/ink/{name}/{name}.json"),
                "bundle": format!("target/ink/{name}/{name}.contract"),
                "roles": my_roles,
            }),
        );
    }
    let profile_json: Value = std::fs::read_to_string(&args.profile)
        .ok()
        .and_then(|t| serde_json::from_str(&t).ok())
        .unwrap_or(Value::Null);
    let file = json!({
        "network": args.network,
        "url": args.url,
        "genesis_hash": format!("0x{}", hex(&genesis)),
        "block_number": block,
        "deployer": ss58(&deployer, 42),
        "profile": args.profile.display().to_string(),
        "parameters": profile_json,
        "contracts": contracts,
        "membership": {
            "schema": format!("0x{}", hex(&suite.schema)),
            "founding_issuer": did_string(&suite.founding_issuer),
            "founding_issuer_id": format!("0x{}", hex(&suite.founding_issuer)),
            "founding_issuer_controller": ss58(&profile.founding_issuer.0, 42),
        },
        "wiring": checks.iter().map(|c| json!({ "check": c.what, "found": c.found })).collect::<Vec<_>>(),
        "tools": args.tools,
    });
    let tmp = args.out.with_extension("json.tmp");
    let text = serde_json::to_string_pretty(&file).expect("JSON") + "\n";
    if let Err(e) = std::fs::write(&tmp, text).and_then(|_| std::fs::rename(&tmp, &args.out)) {
        eprintln!("deploy: cannot write {}: {e}", args.out.display());
        std::process::exit(1);
    }
    println!("\ndeploy: verified; wrote {}", args.out.display());
}

fn yes(b: bool) -> &'static str {
    if b {
        "yes"
    } else {
        "no"
    }
}

/// Dry-runs every constructor in order with the would-be addresses of the ones before, and
/// lists the wiring calls that would follow; nothing is sent.
fn dry_run(chain: &mut Chain, profile: &Profile, deployer: [u8; 32], genesis: [u8; 32], args: &Args) {
    use scale::Encode;
    let schema = sovra_traits::blake2(
        &(profile.schema_hash, profile.schema_name.clone(), profile.schema_uri.clone(), profile.schema_revocable).encode(),
    );
    println!("deploy --dry-run on {} (genesis 0x{}): nothing is sent\n", args.url, hex(&genesis));
    println!("{:<20} {:>24}  constructor arguments", "contract", "storage deposit");
    let mut before = Vec::new();
    let mut total: i128 = 0;
    for name in CONTRACTS {
        let c = suite::constructor(name, profile, deployer, genesis, &before, schema);
        let (address, deposit) = chain.dry_deploy(&Bundle::load(name), "new", suite::Encoded(c.args), deployer);
        println!("{:<20} {:>24}  {}", name, deposit, c.shown);
        total += deposit;
        before.push(address);
    }
    println!("{:<20} {:>24}  (plancks, reserved from {})", "total", total, ss58(&deployer, 42));
    println!(
        "\nthen: register the membership schema (id 0x{}), trust the DID {} creates with the profile's salt,",
        hex(&schema),
        ss58(&profile.founding_issuer.0, 42)
    );
    println!("      distribute {} transfer(s), gate the token: {}, hand every role of the credential registry,", profile.distribution.len(), profile.token_gated);
    println!("      token and NFT to the governor and renounce the deployer's (the roles' calls need the contracts, so they are not dry-run)");
}
