//! `sovra deploy`: deploys the Sovra suite to a node as `sovra_client::deployment::deploy` wires
//! it (the function the end-to-end test `tests/suite.rs` runs), verifies it on chain, prints the
//! verification and role tables, and writes the deployment file a frontend loads. Run by
//! `scripts/deploy.sh`. `sovra verify` checks an existing deployment file against the chain.
//!
//! sovra deploy --url URL [--suri-file FILE] --profile FILE --network NAME --out FILE [--dry-run]
//!              [--tool name=version ...]
//! sovra verify --url URL --profile FILE DEPLOYMENT.json   (= sovra deploy … --verify FILE)
//!
//! The deployer's secret URI comes from `--suri-file` (a file holding it) or the environment
//! variable `SOVRA_DEPLOYER_SURI` — never from the command line, where `ps` shows it.
//! `--verify` reads an existing deployment file and verifies it against the chain again.
//!
//! Exit codes: 0 deployed and verified (or dry-run done, or re-verified); 1 a step or a check
//! failed (the file is not written); 2 bad arguments or profile.

use std::collections::BTreeMap;
use std::path::PathBuf;
use std::str::FromStr;

use serde_json::{json, Value};
use sovra_client::deployment::{self as suite, hex, Profile, CONTRACTS};
use sovra_client::node::NodeBackend;
use sovra_client::resolver::{did_string, ss58};
use psp22::PSP22;
use sovra_client::{AccountId, Bundle, Chain};
use token::TokenRef;
use subxt_signer::sr25519::Keypair;
use subxt_signer::SecretUri;

struct Args {
    url: String,
    suri: String,
    verify: Option<PathBuf>,
    profile: PathBuf,
    network: String,
    out: PathBuf,
    dry_run: bool,
    tools: BTreeMap<String, String>,
}

fn usage(msg: &str) -> ! {
    eprintln!(
        "deploy: {msg}\nusage: sovra deploy --url URL [--suri-file FILE] --profile FILE --network NAME --out FILE [--dry-run] [--tool name=version]…\n       sovra verify --url URL --profile FILE DEPLOYMENT.json\n(the secret URI: --suri-file or $SOVRA_DEPLOYER_SURI)"
    );
    std::process::exit(2)
}

/// Ends the command with exit code 1 on a failed chain operation.
trait OrExit<T> {
    fn or_exit(self) -> T;
}

impl<T, E: std::fmt::Display> OrExit<T> for Result<T, E> {
    fn or_exit(self) -> T {
        self.unwrap_or_else(|e| {
            eprintln!("deploy: failed: {e}");
            std::process::exit(1)
        })
    }
}

fn args(list: Vec<String>) -> Args {
    let mut a = Args {
        url: String::new(),
        suri: std::env::var("SOVRA_DEPLOYER_SURI").unwrap_or_default(),
        verify: None,
        profile: PathBuf::new(),
        network: String::new(),
        out: PathBuf::new(),
        dry_run: false,
        tools: BTreeMap::new(),
    };
    let mut it = list.into_iter();
    while let Some(flag) = it.next() {
        let mut value = || it.next().unwrap_or_else(|| usage(&format!("{flag} needs a value")));
        match flag.as_str() {
            "--url" => a.url = value(),
            "--suri-file" => {
                let path = value();
                let text = std::fs::read_to_string(&path).unwrap_or_else(|e| usage(&format!("--suri-file {path}: {e}")));
                a.suri = text.trim().to_string();
            }
            "--verify" => a.verify = Some(PathBuf::from(value())),
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
    if a.url.is_empty() || a.profile.as_os_str().is_empty() {
        usage("--url and --profile are required");
    }
    if a.verify.is_none() && (a.suri.is_empty() || a.network.is_empty()) {
        usage("--network and the deployer's secret (--suri-file or $SOVRA_DEPLOYER_SURI) are required");
    }
    a
}

fn account(a: AccountId) -> [u8; 32] {
    *a.as_ref()
}

/// `sovra verify --url URL --profile FILE DEPLOYMENT.json`.
pub fn verify_main(list: Vec<String>) {
    let mut flags = Vec::new();
    let mut file = None;
    let mut it = list.into_iter();
    while let Some(arg) = it.next() {
        if arg.starts_with("--") {
            flags.push(arg);
            flags.extend(it.next());
        } else {
            file = Some(arg);
        }
    }
    let file = file.unwrap_or_else(|| usage("verify needs the deployment file"));
    flags.extend(["--verify".to_string(), file]);
    main(flags)
}

/// `sovra deploy …`.
pub fn main(list: Vec<String>) {
    let args = args(list);
    let profile = Profile::load(&args.profile).unwrap_or_else(|e| usage(&e));
    if let Some(file) = &args.verify {
        reverify(&args.url, &profile, file);
        return;
    }
    let uri = SecretUri::from_str(&args.suri).unwrap_or_else(|e| usage(&format!("bad --suri: {e}")));
    let key = Keypair::from_uri(&uri).unwrap_or_else(|e| usage(&format!("bad --suri: {e}")));
    let deployer = key.public_key().0;
    let mut chain = NodeBackend::chain(&args.url, vec![key]).or_exit();
    let genesis = chain.genesis_hash().or_exit();

    if args.dry_run {
        dry_run(&mut chain, &profile, deployer, genesis, &args);
        return;
    }

    println!("deploy: {} on {} (genesis 0x{}) as {}", args.profile.display(), args.url, hex(&genesis), ss58(&deployer, 42));
    // progress is saved after every step: a re-run after a failure resumes from it
    let progress_file = args.out.with_extension("progress.json");
    let mut progress = load_progress(&progress_file, genesis, deployer);
    if !progress.deployed.is_empty() {
        println!("deploy: resuming the deployment recorded in {}", progress_file.display());
    }
    let mut save = |p: &suite::Progress| save_progress(&progress_file, genesis, deployer, p);
    let suite = match suite::deploy(&mut chain, &profile, deployer, &mut progress, &mut |line| println!("  {line}"), &mut save) {
        Ok(suite) => suite,
        Err(e) => {
            eprintln!("deploy: failed: {e}\ndeploy: run it again to resume from {}", progress_file.display());
            std::process::exit(1);
        }
    };
    let verification = suite::verify(&mut chain, &suite, &profile).or_exit();
    print_verification(&mut chain, &suite, &verification);
    let suite::Verification { checks, roles, code_hashes, .. } = verification;
    let code_of = |i: usize| code_hashes[i].map(|h| format!("0x{}", hex(&h)));
    let block = chain.block().or_exit();
    let held = chain.read(suite.token.calls::<TokenRef>().balance_of(sovra_client::ink_account(deployer))).or_exit();
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
        let c = &suite.contracts()[i].1;
        let addresses: Vec<AccountId> = suite.contracts().iter().take(i).map(|(_, c)| c.address).collect();
        let ctor = suite::constructor(name, &profile, deployer, genesis, &addresses, suite.schema);
        let code = code_of(i);
        let my_roles: Vec<Value> = roles
            .iter()
            .filter(|r| r.contract == name)
            .map(|r| json!({ "role": r.role, "holders": r.holders.iter().map(|a| suite::name_of(&suite, *a)).collect::<Vec<_>>() }))
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
    let text = serde_json::to_string_pretty(&file).or_exit() + "\n";
    if let Err(e) = std::fs::write(&tmp, text).and_then(|_| std::fs::rename(&tmp, &args.out)) {
        eprintln!("deploy: cannot write {}: {e}", args.out.display());
        std::process::exit(1);
    }
    let _ = std::fs::remove_file(&progress_file);
    println!("\ndeploy: verified; wrote {}", args.out.display());
}

/// The progress a previous run on this chain by this deployer saved, if any.
fn load_progress(path: &std::path::Path, genesis: [u8; 32], deployer: [u8; 32]) -> suite::Progress {
    let Some(record) = std::fs::read_to_string(path).ok().and_then(|t| serde_json::from_str::<Value>(&t).ok()) else {
        return suite::Progress::default();
    };
    let same = record["genesis_hash"] == json!(format!("0x{}", hex(&genesis))) && record["deployer"] == json!(format!("0x{}", hex(&deployer)));
    if !same {
        return suite::Progress::default();
    }
    let deployed = record["deployed"]
        .as_array()
        .map(|list| list.iter().filter_map(|a| a.as_str().and_then(|a| suite::parse_account(a).ok())).map(AccountId::from).collect())
        .unwrap_or_default();
    let distributed = record["distributed"].as_u64().and_then(|n| usize::try_from(n).ok()).unwrap_or(0);
    suite::Progress { deployed, distributed }
}

fn save_progress(path: &std::path::Path, genesis: [u8; 32], deployer: [u8; 32], p: &suite::Progress) -> Result<(), String> {
    let record = json!({
        "genesis_hash": format!("0x{}", hex(&genesis)),
        "deployer": format!("0x{}", hex(&deployer)),
        "deployed": p.deployed.iter().map(|a| format!("0x{}", hex(&account(*a)))).collect::<Vec<_>>(),
        "distributed": p.distributed,
    });
    let text = serde_json::to_string_pretty(&record).map_err(|e| e.to_string())?;
    std::fs::write(path, text + "\n").map_err(|e| format!("cannot save the progress to {}: {e}", path.display()))
}

/// Prints what `verify` read: contracts and code hashes, every check, every role's holders,
/// and the warnings.
fn print_verification(chain: &mut Chain, suite: &suite::Suite, v: &suite::Verification) {
    println!("\nverified on chain (block {}):", chain.block().or_exit());
    println!("  {:<20} {:<49} code hash", "contract", "address");
    for (i, name) in CONTRACTS.into_iter().enumerate() {
        let code = v.code_hashes[i].map(|h| format!("0x{}", hex(&h))).unwrap_or_else(|| "no contract".into());
        println!("  {:<20} {:<49} {}", name, ss58(&account(suite.contracts()[i].1.address), 42), code);
    }
    println!();
    for c in &v.checks {
        println!("  {} {:<56} {}", if c.ok { "✓" } else { "✗" }, c.what, c.found);
    }
    println!("\n  {:<20} {:<12} holders", "role of", "role");
    for r in &v.roles {
        let names: Vec<String> = r.holders.iter().map(|a| suite::name_of(suite, *a)).collect();
        println!("  {:<20} {:<12} {}", r.contract, r.role, if names.is_empty() { "nobody".into() } else { names.join(", ") });
    }
    for w in &v.warnings {
        println!("\n  WARNING: {w}");
    }
}

/// Verifies the deployment recorded in `file` against the chain again (exit 1 on a difference).
fn reverify(url: &str, profile: &Profile, file: &std::path::Path) {
    let text = std::fs::read_to_string(file).unwrap_or_else(|e| usage(&format!("{}: {e}", file.display())));
    let record: Value = serde_json::from_str(&text).unwrap_or_else(|e| usage(&format!("{}: {e}", file.display())));
    let mut chain = NodeBackend::chain(url, vec![]).or_exit();
    let suite = suite::Suite::from_record(&mut chain, &record).unwrap_or_else(|e| {
        eprintln!("deploy --verify: {}: {e}", file.display());
        std::process::exit(1)
    });
    println!("deploy --verify: {} on {url}", file.display());
    let verification = suite::verify(&mut chain, &suite, profile).or_exit();
    print_verification(&mut chain, &suite, &verification);
    let failed = verification.checks.iter().filter(|c| !c.ok).count();
    if failed > 0 {
        eprintln!("\ndeploy --verify: {failed} check(s) differ from the deployment as made (governance since may explain some)");
        std::process::exit(1);
    }
    println!("\ndeploy --verify: the chain matches {}", file.display());
}

/// Dry-runs every constructor in order with the would-be addresses of the ones before, and
/// lists the wiring calls that would follow; nothing is sent.
fn dry_run(chain: &mut Chain, profile: &Profile, deployer: [u8; 32], genesis: [u8; 32], args: &Args) {
    let schema = suite::schema_id(profile);
    println!("deploy --dry-run on {} (genesis 0x{}): nothing is sent\n", args.url, hex(&genesis));
    println!("{:<20} {:>24}  constructor arguments", "contract", "storage deposit");
    let mut before = Vec::new();
    let mut total: i128 = 0;
    for name in CONTRACTS {
        let c = suite::constructor(name, profile, deployer, genesis, &before, schema);
        let (address, deposit) = chain.dry_deploy(&Bundle::load(name).or_exit(), "new", suite::Encoded(c.args), deployer).or_exit();
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
