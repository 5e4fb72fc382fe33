//! `sovra`: deploy and verify the Sovra suite, play the demo, run the benchmarks.
//!
//! ```text
//! sovra deploy --url URL [--suri-file FILE] --profile FILE --network NAME --out FILE [--dry-run] [--tool name=version]…
//! sovra verify --url URL --profile FILE DEPLOYMENT.json
//! sovra demo [--node] [--network NAME]      in-process by default; --node: the deployment on a node
//! sovra bench                               benchmarks against the references (in-process)
//! sovra psp22-choice                        the token library-choice measurement (in-process)
//! ```
//!
//! The scripts in `scripts/` are thin wrappers over these commands. `deploy` and `verify` use
//! `sovra-client` only; the in-process runtime (`sovra-sandbox`) is behind the `in-process`
//! feature (default), which `demo`, `bench` and `psp22-choice` need — `scripts/deploy.sh`
//! builds the tool without it, so deploying never compiles a runtime.

mod deploy;
#[cfg(feature = "in-process")]
mod bench;
#[cfg(feature = "in-process")]
mod demo;
#[cfg(feature = "in-process")]
mod psp22_choice;

/// What the in-process commands share: the dev chain, the dev accounts and the client's types.
#[cfg(feature = "in-process")]
mod prelude {
    pub use sovra_client::{ink_account, ink_dir, Contract, Message, Outcome};
    pub use sovra_sandbox::dev::*;
    pub use sovra_sandbox::devchain::{account_credential, account_key, bundle, DevChain as Chain};
}

const USAGE: &str = "usage: sovra <command> [arguments]
  deploy --url URL [--suri-file FILE] --profile FILE --network NAME --out FILE [--dry-run] [--tool name=version]…
  verify --url URL --profile FILE DEPLOYMENT.json
  demo [--node] [--network NAME]   (in-process by default; --node: deployments/NAME.json on its node)
  bench
  psp22-choice
(the deployer's secret URI: --suri-file or $SOVRA_DEPLOYER_SURI)";

fn main() {
    let mut args = std::env::args().skip(1);
    let command = args.next().unwrap_or_default();
    let rest: Vec<String> = args.collect();
    match command.as_str() {
        "deploy" => deploy::main(rest),
        "verify" => deploy::verify_main(rest),
        #[cfg(feature = "in-process")]
        "demo" => demo::main(rest),
        #[cfg(feature = "in-process")]
        "bench" => bench::main(rest),
        #[cfg(feature = "in-process")]
        "psp22-choice" => psp22_choice::main(rest),
        "-h" | "--help" | "help" => println!("{USAGE}"),
        other => {
            #[cfg(not(feature = "in-process"))]
            if matches!(other, "demo" | "bench" | "psp22-choice") {
                eprintln!("sovra: `{other}` runs in process: build with the `in-process` feature (the default)");
                std::process::exit(2);
            }
            eprintln!("sovra: unknown command `{other}`\n{USAGE}");
            std::process::exit(2);
        }
    }
}
