//! Built contract bundles (`scripts/build.sh` writes `target/ink/<name>/<name>.contract`).

use std::collections::HashMap;
use std::path::{Path, PathBuf};

use scale::Encode;

use crate::Error;

/// A built contract: its Wasm and the selectors of its constructors and messages.
#[derive(Clone, Debug)]
pub struct Bundle {
    pub name: String,
    pub wasm: Vec<u8>,
    selectors: HashMap<String, [u8; 4]>,
}

fn hex_bytes(s: &str) -> Option<Vec<u8>> {
    let s = s.strip_prefix("0x").unwrap_or(s);
    if s.len() % 2 != 0 {
        return None;
    }
    (0..s.len()).step_by(2).map(|i| u8::from_str_radix(s.get(i..i + 2)?, 16).ok()).collect()
}

/// Where bundles are read from: `$SOVRA_INK_DIR`, else the nearest `target/ink` in the working
/// directory or one of its parents (`scripts/build.sh` writes the repository's), so a tool run
/// from the repository and a test run from its crate find the same bundles.
pub fn ink_dir() -> PathBuf {
    if let Some(dir) = std::env::var_os("SOVRA_INK_DIR") {
        return PathBuf::from(dir);
    }
    let cwd = std::env::current_dir().unwrap_or_else(|_| PathBuf::from("."));
    cwd.ancestors().map(|d| d.join("target/ink")).find(|d| d.is_dir()).unwrap_or_else(|| PathBuf::from("target/ink"))
}

impl Bundle {
    /// Loads `<ink_dir()>/<name>/<name>.contract`.
    pub fn load(name: &str) -> Result<Self, Error> {
        Self::load_from(&ink_dir(), name)
    }

    /// Loads `<dir>/<name>/<name>.contract`.
    pub fn load_from(dir: &Path, name: &str) -> Result<Self, Error> {
        let path = dir.join(name).join(format!("{name}.contract"));
        let text = std::fs::read_to_string(&path)
            .map_err(|e| Error::Bundle(format!("cannot read {}: {e} — run scripts/build.sh first", path.display())))?;
        Self::parse(name, &text).map_err(|e| Error::Bundle(format!("{}: {e}", path.display())))
    }

    /// Reads a bundle's JSON.
    pub fn parse(name: &str, text: &str) -> Result<Self, String> {
        let json: serde_json::Value = serde_json::from_str(text).map_err(|e| format!("not JSON: {e}"))?;
        let wasm = json["source"]["wasm"].as_str().and_then(hex_bytes).ok_or("no source.wasm")?;
        let mut selectors = HashMap::new();
        for kind in ["constructors", "messages"] {
            for item in json["spec"][kind].as_array().ok_or("no spec lists")? {
                let label = item["label"].as_str().ok_or("a label is missing")?.to_string();
                let selector = item["selector"].as_str().and_then(hex_bytes).ok_or("a selector is missing")?;
                let selector: [u8; 4] = selector.try_into().map_err(|_| "a selector is not 4 bytes")?;
                selectors.insert(label, selector);
            }
        }
        Ok(Bundle { name: name.to_string(), wasm, selectors })
    }

    /// Its code hash on chain: blake2b-256 of the Wasm.
    pub fn code_hash(&self) -> [u8; 32] {
        sp_crypto_hashing::blake2_256(&self.wasm)
    }

    /// The selector of the constructor or message `label` (e.g. `"PSP22::transfer"`).
    pub fn selector(&self, label: &str) -> Option<[u8; 4]> {
        self.selectors.get(label).copied()
    }

    /// The call data of `label(args)`: its selector, then the SCALE-encoded arguments.
    pub fn input(&self, label: &str, args: impl Encode) -> Result<Vec<u8>, Error> {
        let mut data = self
            .selector(label)
            .ok_or_else(|| Error::UnknownMessage { contract: self.name.clone(), label: label.to_string() })?
            .to_vec();
        args.encode_to(&mut data);
        Ok(data)
    }
}
