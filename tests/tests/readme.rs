//! The README's Rust example, run as written (the lines between the markers are the README's
//! block, which app/client/test/docs.test.ts checks) against the suite `scripts/deploy.sh`
//! recorded in deployments/local.json on the local node, after the demo gave Charlie votes.
//! scripts/test.sh runs it after the deployment; without SOVRA_README_EXAMPLE=1 it is skipped.

#[test]
fn the_readme_example_runs_on_the_recorded_deployment() -> Result<(), Box<dyn std::error::Error>> {
    if std::env::var_os("SOVRA_README_EXAMPLE").is_none() {
        eprintln!("skipped: set SOVRA_README_EXAMPLE=1 with the suite deployed on the local node");
        return Ok(());
    }
    std::env::set_current_dir(concat!(env!("CARGO_MANIFEST_DIR"), "/.."))?;
    // README:begin
    use sovra_client::{deployment::Suite, governance::{self, Governance}, node::NodeBackend, refs};
    use subxt_signer::sr25519::dev;
    use psp22::PSP22;
    use sovra_interfaces::access::AccessControl;
    use token::TokenRef;

    let record = serde_json::from_str(&std::fs::read_to_string("deployments/local.json")?)?;
    let (charlie, eve) = (dev::charlie().public_key().0, dev::eve().public_key().0);
    let mut chain = NodeBackend::chain("ws://127.0.0.1:9944", vec![dev::charlie(), dev::eve()])?;
    let suite = Suite::from_record(&mut chain, &record)?;
    let token = &suite.token;
    // typed calls: a misspelt message or a wrong argument does not compile
    let before: u128 = chain.read(token.calls::<TokenRef>().balance_of(eve.into()))?;
    let sent = chain.call(charlie, token.calls::<TokenRef>().transfer(eve.into(), 1, Vec::new()))?;
    assert_eq!(sent.value, Ok(()));
    // any contract with roles, through its interface
    let registry = suite.credential_registry.calls::<refs::AccessControl>();
    assert!(chain.read(registry.has_role(0, suite.governor.address))?);
    // a proposal from typed messages, through its whole lifecycle
    let mint = governance::action(token.calls::<TokenRef>().mint_to(eve.into(), 1_000), 0);
    Governance::new(&mut chain, &suite.governor).enact(charlie, vec![mint], "Mint 1,000 to Eve")?;
    assert_eq!(chain.read(token.calls::<TokenRef>().balance_of(eve.into()))?, before + 1_001);
    // README:end
    Ok(())
}
