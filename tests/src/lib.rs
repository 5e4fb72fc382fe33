//! Harness for Sovra's end-to-end tests: the built `.contract` bundles driven through
//! `sovra-client` on two backends, with failures as panics (a test fails where it went wrong):
//!
//! - [`Chain::sandbox`]: the in-process runtime (`sovra-sandbox`); a fresh chain per test.
//! - [`Chain::node`]: a local `substrate-contracts-node` over RPC: every committed call is a
//!   signed extrinsic in a real block. One node serves all tests (each deploys its own
//!   contracts); node tests run one at a time.
//!
//! Test bodies take a `Chain` and [`e2e_tests!`] runs each on both backends.
//!
//! Bundles are read from `$SOVRA_INK_DIR/<name>/<name>.contract`, by default
//! `<workspace>/target/ink`.

use std::sync::Mutex;
use credential_registry::CredentialRegistryRef;
use did_registry::DidRegistryContractRef;

pub use sovra_client::deployment as suite;
pub use sovra_client::{gas_limit, ink_account, resolver, AccountId, Bundle, Contract, Emitted, Message, Outcome, Weight};
pub use sovra_sandbox::dev::{ACCOUNTS, ALICE, BOB, CHARLIE, DAVE, EVE, FERDIE};
pub use sovra_client::ink_dir;
pub use sovra_sandbox::devchain::{account_credential, account_key, bundle, dev_signers, signature_topic, DevChain as Chain, Events};

/// Node tests share one chain and its accounts' nonces: one at a time.
static NODE_TESTS: Mutex<()> = Mutex::new(());

/// The URL of the node: `$SOVRA_NODE_URL`, or the one `scripts/node.sh start` reuses or starts
/// (once per test process).
fn node_url() -> String {
    if let Ok(url) = std::env::var("SOVRA_NODE_URL") {
        return url;
    }
    static STARTED: std::sync::OnceLock<String> = std::sync::OnceLock::new();
    STARTED
        .get_or_init(|| {
            let script = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../scripts/node.sh");
            let out = std::process::Command::new("bash")
                .arg(&script)
                .arg("start")
                .stderr(std::process::Stdio::inherit())
                .output()
                .unwrap_or_else(|e| panic!("cannot run {}: {e}", script.display()));
            assert!(out.status.success(), "`scripts/node.sh start` failed: no node for the node-backend tests");
            let text = String::from_utf8_lossy(&out.stdout);
            text.lines()
                .rev()
                .find(|l| l.starts_with("ws://"))
                .unwrap_or_else(|| panic!("`scripts/node.sh start` printed no URL: {text}"))
                .to_string()
        })
        .clone()
}

/// The local node's dev chain, held for one test at a time (the node tests share one chain
/// and its accounts' nonces).
pub fn node_chain() -> Chain {
    let turn = NODE_TESTS.lock().unwrap_or_else(|poisoned| poisoned.into_inner());
    let mut chain = Chain::node(&node_url());
    chain.hold(turn);
    chain
}

/// Runs each named test body (`fn(Chain)`) on both backends: `sandbox::<name>` and
/// `node::<name>`.
#[macro_export]
macro_rules! e2e_tests {
    ($($name:ident),* $(,)?) => {
        mod sandbox {
            $( #[test] fn $name() { super::$name($crate::Chain::sandbox()) } )*
        }
        mod node {
            $( #[test] fn $name() { super::$name($crate::node_chain()) } )*
        }
    };
}

/// A credential-gated setup on the real registries: a DID registry, a credential registry
/// (admin Alice), an issuer DID controlled by Bob, trusted for a "Member" schema; `issue` gives
/// an account a valid credential of it and `set_status` suspends, reinstates or revokes one.
#[derive(Clone)]
pub struct Membership {
    pub dids: Contract,
    pub creds: Contract,
    pub issuer: sovra_interfaces::did::DidId,
    pub schema: sovra_interfaces::credential::SchemaId,
}

impl Membership {
    /// Deploys the registries and trusts Bob's issuer DID for the schema.
    pub fn set_up(chain: &mut Chain) -> Self {
        let dids = chain.deploy(&bundle("did_registry"), "new", [0xC1u8; 32], ALICE);
        let creds = chain.deploy(&bundle("credential_registry"), "new", (dids.address, ink_account(ALICE)), ALICE);
        let issuer = chain.call(BOB, dids.calls::<DidRegistryContractRef>().create_did([1u8; 32])).value.expect("DID");
        let schema = chain
            .call(BOB, creds.calls::<CredentialRegistryRef>().register_schema([3u8; 32], b"Member".to_vec(), Vec::<u8>::new(), true))
            .value
            .expect("schema");
        let trusted = chain.call(ALICE, creds.calls::<CredentialRegistryRef>().add_trusted_issuer(schema, issuer)).value;
        assert_eq!(trusted, Ok(()));
        Membership { dids, creds, issuer, schema }
    }

    /// The issuer gives `who` a valid credential `[id; 32]` of the schema.
    pub fn issue(&self, chain: &mut Chain, who: [u8; 32], id: u8) {
        let request = account_credential(id, self.schema, who);
        assert_eq!(chain.call(BOB, self.creds.calls::<CredentialRegistryRef>().issue(self.issuer, request)).value, Ok(()));
    }

    /// The issuer `suspend`s, `reinstate`s or `revoke`s credential `[id; 32]`.
    pub fn set_status(&self, chain: &mut Chain, message: &str, id: u8) {
        let ids = vec![[id; 32]];
        let mut creds = self.creds.calls::<CredentialRegistryRef>();
        let out = match message {
            "suspend" => chain.call(BOB, creds.suspend(self.issuer, ids, b"r".to_vec())),
            "reinstate" => chain.call(BOB, creds.reinstate(self.issuer, ids)),
            "revoke" => chain.call(BOB, creds.revoke(self.issuer, ids, b"r".to_vec())),
            other => panic!("set_status: `{other}` is not suspend, reinstate or revoke"),
        };
        assert_eq!(out.value, Ok(()), "{message}");
    }

    /// The gate contracts take: this credential registry and schema.
    pub fn gate(&self) -> sovra_kit::compliance::ComplianceGate {
        sovra_kit::compliance::ComplianceGate { registry: self.creds.address, schema: self.schema }
    }
}
