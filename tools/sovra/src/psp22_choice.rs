//! The token's library choice, measured (issue #10): the same PSP22 + metadata + mint/burn core
//! built on pendzl, on Cardinal's `psp22::PSP22Data` and in-tree (`bench/psp22_*`), compared by
//! Wasm size and the weight of a `transfer` in the in-process runtime. A library is chosen when
//! it is within 10% of the best on each figure; otherwise in-tree. Run with
//! `scripts/psp22-choice.sh`; writes `target/bench/psp22-choice.md`.

use crate::prelude::*;
use psp22::PSP22;

const VARIANTS: [(&str, &str); 3] = [
    ("psp22_on_pendzl", "pendzl 1.0.2"),
    ("psp22_on_cardinal", "psp22 2.0 (PSP22Data)"),
    ("psp22_in_tree", "in-tree"),
];

/// A figure's name and how to read it.
type Metric = (&'static str, fn(&Figures) -> u64);

struct Figures {
    label: &'static str,
    wasm: u64,
    /// (ref_time, proof_size) of a transfer to an account without a balance yet
    to_new: (u64, u64),
    /// (ref_time, proof_size) of a transfer to an account that holds tokens
    to_holder: (u64, u64),
}

fn weight<R>(out: &Outcome<R>) -> (u64, u64) {
    assert!(!out.reverted, "transfer reverted");
    (out.gas_consumed.ref_time(), out.gas_consumed.proof_size())
}

fn measure(name: &str, label: &'static str) -> Figures {
    let mut chain = Chain::sandbox();
    let bundle = bundle(name);
    let token = chain.deploy(&bundle, "new", (1_000_000u128, Some(String::from("Sovra")), Some(String::from("SOV")), 12u8), ALICE);
    let transfer = |chain: &mut Chain, to: [u8; 32]| {
        let mut psp22 = token.calls::<sovra_client::refs::PSP22>();
        let dry = chain.dry_run(ALICE, psp22.transfer(ink_account(to), 100, Vec::new()));
        assert_eq!(chain.call(ALICE, psp22.transfer(ink_account(to), 100, Vec::new())).value, Ok(()));
        weight(&dry)
    };
    let to_new = transfer(&mut chain, BOB);
    let to_holder = transfer(&mut chain, BOB);
    assert_eq!(chain.read(token.calls::<sovra_client::refs::PSP22>().balance_of(ink_account(BOB))), 200);
    Figures { label, wasm: bundle.wasm.len() as u64, to_new, to_holder }
}

/// `sovra psp22-choice`.
pub fn main(args: Vec<String>) {
    if let Some(other) = args.first() {
        eprintln!("sovra psp22-choice: unknown argument {other}");
        std::process::exit(2);
    }
    let figures: Vec<Figures> = VARIANTS.iter().map(|(name, label)| measure(name, label)).collect();
    let best = |f: fn(&Figures) -> u64| figures.iter().map(f).min().expect("three variants");
    let metrics: [Metric; 5] = [
        ("Wasm bytes", |f| f.wasm),
        ("transfer to a new holder: ref_time", |f| f.to_new.0),
        ("transfer to a new holder: proof_size", |f| f.to_new.1),
        ("transfer to a holder: ref_time", |f| f.to_holder.0),
        ("transfer to a holder: proof_size", |f| f.to_holder.1),
    ];
    let mut report = String::from("# PSP22 library choice\n\nThe same PSP22 + metadata + mint/burn core, three ways (in-process runtime; ratio to the best in parentheses).\n\n| figure |");
    for f in &figures {
        report.push_str(&format!(" {} |", f.label));
    }
    report.push_str("\n|---|");
    report.push_str(&"---:|".repeat(figures.len()));
    report.push('\n');
    for (metric, get) in metrics {
        let min = best(get);
        report.push_str(&format!("| {metric} |"));
        for f in &figures {
            report.push_str(&format!(" {} ({:.2}) |", get(f), get(f) as f64 / min as f64));
        }
        report.push('\n');
    }
    // within 10% of the best on every figure
    let eligible: Vec<&str> = figures
        .iter()
        .filter(|f| metrics.iter().all(|(_, get)| get(f) as f64 <= 1.10 * best(*get) as f64))
        .map(|f| f.label)
        .collect();
    report.push_str(&format!("\nWithin 10% of the best on every figure: {}.\n", if eligible.is_empty() { "none".to_string() } else { eligible.join(", ") }));
    let dir = ink_dir().join("../bench");
    std::fs::create_dir_all(&dir).expect("bench dir");
    std::fs::write(dir.join("psp22-choice.md"), &report).expect("write report");
    print!("{report}");
}
