//! The reference resolver: turns the registry's `resolve` output into the W3C DID Core
//! resolution result that `docs/did-method.md` specifies (JSON-LD document, document metadata,
//! resolution metadata). A frontend or universal-resolver driver does the same in its own
//! language; `tests/golden/did-resolution.json` pins the exact output.

use blake2::{Blake2b512, Digest};
use serde_json::{json, Map, Value};
use sovra_interfaces::did::{DidDocument, KeyType, Relationship, VerificationMethod};

/// The JSON-LD contexts every document carries: DID Core, Multikey, the blockchain-account
/// method type, and Sovra's extension terms.
pub const CONTEXTS: [&str; 4] = [
    "https://www.w3.org/ns/did/v1",
    "https://w3id.org/security/multikey/v1",
    "https://w3id.org/security/suites/secp256k1recovery-2020/v2",
    "https://sovra.example/ns/did/v1",
];

/// The relationships in the order DID Core lists them, with their JSON names.
const RELATIONSHIPS: [(Relationship, &str); 5] = [
    (Relationship::Authentication, "authentication"),
    (Relationship::AssertionMethod, "assertionMethod"),
    (Relationship::KeyAgreement, "keyAgreement"),
    (Relationship::CapabilityInvocation, "capabilityInvocation"),
    (Relationship::CapabilityDelegation, "capabilityDelegation"),
];

/// Where a resolved DID lives: the CAIP-2 chain id (`polkadot:<first 32 hex digits of the
/// genesis hash>`) and the SS58 address prefix of its accounts.
#[derive(Clone, Debug)]
pub struct Network {
    pub genesis_hash: [u8; 32],
    pub ss58_prefix: u16,
}

impl Network {
    /// CAIP-2 chain id of the network.
    pub fn caip2(&self) -> String {
        format!("polkadot:{}", &hex(&self.genesis_hash)[..32])
    }
}

fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

/// The SS58 address of a 32-byte account id (simple or full prefix form).
pub fn ss58(account: &[u8; 32], prefix: u16) -> String {
    let mut data = match prefix {
        0..=63 => vec![prefix as u8],
        _ => vec![((prefix & 0b1111_1100) >> 2) as u8 | 0b0100_0000, (prefix >> 8) as u8 | ((prefix & 0b11) << 6) as u8],
    };
    data.extend_from_slice(account);
    let mut hasher = Blake2b512::new();
    hasher.update(b"SS58PRE");
    hasher.update(&data);
    let checksum = hasher.finalize();
    data.extend_from_slice(&checksum[..2]);
    bs58::encode(data).into_string()
}

/// ISO-8601 UTC (`2023-11-14T22:13:20Z`, milliseconds when not zero) of a block timestamp in ms.
pub fn iso8601(ms: u64) -> String {
    let secs = ms / 1000;
    let (days, rem) = ((secs / 86_400) as i64, secs % 86_400);
    // civil-from-days (Howard Hinnant's algorithm)
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let day = doy - (153 * mp + 2) / 5 + 1;
    let month = if mp < 10 { mp + 3 } else { mp - 9 };
    let year = yoe + era * 400 + i64::from(month <= 2);
    let time = format!("{:02}:{:02}:{:02}", rem / 3600, rem % 3600 / 60, rem % 60);
    match ms % 1000 {
        0 => format!("{year:04}-{month:02}-{day:02}T{time}Z"),
        frac => format!("{year:04}-{month:02}-{day:02}T{time}.{frac:03}Z"),
    }
}

/// The multicodec prefix (unsigned varint) of a public key type.
fn multicodec(key_type: KeyType) -> Option<[u8; 2]> {
    match key_type {
        KeyType::Ed25519 => Some([0xed, 0x01]),
        KeyType::Sr25519 => Some([0xef, 0x01]),
        KeyType::EcdsaSecp256k1 => Some([0xe7, 0x01]),
        KeyType::X25519 => Some([0xec, 0x01]),
        KeyType::Account => None,
    }
}

/// `did:sovra:<64 lowercase hex>`.
pub fn did_string(id: &[u8; 32]) -> String {
    format!("did:sovra:{}", hex(id))
}

fn method_json(did: &str, network: &Network, m: &VerificationMethod) -> Value {
    let mut out = Map::new();
    out.insert("id".into(), json!(format!("{did}#{}", String::from_utf8_lossy(&m.id))));
    match multicodec(m.key_type) {
        Some(prefix) => {
            out.insert("type".into(), json!("Multikey"));
            out.insert("controller".into(), json!(did));
            let mut bytes = prefix.to_vec();
            bytes.extend_from_slice(&m.public_key);
            out.insert("publicKeyMultibase".into(), json!(format!("z{}", bs58::encode(bytes).into_string())));
        }
        None => {
            out.insert("type".into(), json!("BlockchainVerificationMethod2021"));
            out.insert("controller".into(), json!(did));
            // the registry stores 32-byte account keys only; anything else is shown as hex
            let account = match <[u8; 32]>::try_from(m.public_key.as_slice()) {
                Ok(account) => ss58(&account, network.ss58_prefix),
                Err(_) => format!("0x{}", hex(&m.public_key)),
            };
            out.insert("blockchainAccountId".into(), json!(format!("{}:{account}", network.caip2())));
        }
    }
    if let Some(from) = m.valid_from {
        out.insert("sovra:validFrom".into(), json!(iso8601(from)));
    }
    if let Some(until) = m.valid_until {
        out.insert("sovra:validUntil".into(), json!(iso8601(until)));
    }
    Value::Object(out)
}

/// The DID resolution result for `doc` on `network` (see `docs/did-method.md`, "Rendering").
pub fn resolution(doc: &DidDocument, network: &Network) -> Value {
    let did = did_string(&doc.id);
    let mut methods = Vec::new();
    let mut relationships: Vec<Vec<Value>> = vec![Vec::new(); RELATIONSHIPS.len()];
    // Controllers act for the DID in every relationship but keyAgreement (accounts agree no keys).
    for (n, controller) in doc.controllers.iter().enumerate() {
        let id = format!("{did}#controller-{n}");
        let account: [u8; 32] = *controller.as_ref();
        methods.push(json!({
            "id": id,
            "type": "BlockchainVerificationMethod2021",
            "controller": did,
            "blockchainAccountId": format!("{}:{}", network.caip2(), ss58(&account, network.ss58_prefix)),
        }));
        for (i, (relationship, _)) in RELATIONSHIPS.iter().enumerate() {
            if *relationship != Relationship::KeyAgreement {
                relationships[i].push(json!(id));
            }
        }
    }
    for m in &doc.verification_methods {
        let id = format!("{did}#{}", String::from_utf8_lossy(&m.id));
        methods.push(method_json(&did, network, m));
        for (i, (relationship, _)) in RELATIONSHIPS.iter().enumerate() {
            if m.relationships.contains(*relationship) {
                relationships[i].push(json!(id));
            }
        }
    }
    let mut document = Map::new();
    document.insert("@context".into(), json!(CONTEXTS));
    document.insert("id".into(), json!(did));
    document.insert("controller".into(), json!(did));
    document.insert("verificationMethod".into(), Value::Array(methods));
    for ((_, name), refs) in RELATIONSHIPS.iter().zip(relationships) {
        if !refs.is_empty() {
            document.insert((*name).into(), Value::Array(refs));
        }
    }
    if !doc.services.is_empty() {
        let services: Vec<Value> = doc
            .services
            .iter()
            .map(|s| {
                json!({
                    "id": format!("{did}#{}", String::from_utf8_lossy(&s.id)),
                    "type": String::from_utf8_lossy(&s.service_type),
                    "serviceEndpoint": String::from_utf8_lossy(&s.endpoint),
                })
            })
            .collect();
        document.insert("service".into(), Value::Array(services));
    }
    if !doc.compromised.is_empty() {
        let compromised: Vec<Value> = doc
            .compromised
            .iter()
            .map(|c| json!({ "id": format!("{did}#{}", String::from_utf8_lossy(&c.method_id)), "since": iso8601(c.since) }))
            .collect();
        document.insert("sovra:compromisedKeys".into(), Value::Array(compromised));
    }
    let m = &doc.metadata;
    let mut metadata = json!({
        "created": iso8601(m.created_at),
        "updated": iso8601(m.updated_at),
        "versionId": m.version_id.to_string(),
        "sovra:createdBlock": m.created_block,
        "sovra:updatedBlock": m.updated_block,
        "sovra:nextNonce": doc.next_nonce,
    });
    if m.deactivated {
        metadata["deactivated"] = json!(true);
    }
    json!({
        "@context": "https://w3id.org/did-resolution/v1",
        "didDocument": Value::Object(document),
        "didDocumentMetadata": metadata,
        "didResolutionMetadata": { "contentType": "application/did+ld+json" },
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use ink::primitives::AccountId;
    use sovra_interfaces::did::{CompromisedKey, DidMetadata, Relationships, Service};

    /// A document with every feature the rendering covers: two controllers, an Account key with
    /// a validity window, an Ed25519 and an X25519 key, a service and a compromised key.
    fn sample() -> (DidDocument, Network) {
        let method = |id: &str, key_type, public_key: Vec<u8>, rels: &[Relationship]| VerificationMethod {
            id: id.as_bytes().to_vec(),
            key_type,
            public_key,
            relationships: Relationships::of(rels),
            valid_from: None,
            valid_until: None,
        };
        let doc = DidDocument {
            id: [0x5c; 32],
            controllers: vec![AccountId::from(crate::dev_accounts::alice()), AccountId::from(crate::dev_accounts::bob())],
            verification_methods: vec![
                VerificationMethod {
                    valid_from: Some(1_700_000_000_000),
                    valid_until: Some(1_700_086_400_500),
                    ..method("assert-1", KeyType::Account, crate::dev_accounts::charlie().to_vec(), &[Relationship::AssertionMethod])
                },
                method("sign-1", KeyType::Ed25519, vec![0x11; 32], &[Relationship::Authentication, Relationship::AssertionMethod]),
                method("agree-1", KeyType::X25519, vec![0x22; 32], &[Relationship::KeyAgreement]),
            ],
            services: vec![Service {
                id: b"hub".to_vec(),
                service_type: b"DIDCommMessaging".to_vec(),
                endpoint: b"https://hub.example/didcomm".to_vec(),
            }],
            compromised: vec![CompromisedKey { method_id: b"old-key".to_vec(), since: 1_699_999_000_000 }],
            metadata: DidMetadata {
                created_block: 12,
                created_at: 1_699_990_000_000,
                updated_block: 40,
                updated_at: 1_700_000_000_000,
                version_id: 6,
                deactivated: false,
            },
            next_nonce: 5,
        };
        (doc, Network { genesis_hash: [0xab; 32], ss58_prefix: 42 })
    }

    #[test]
    fn ss58_and_iso8601_match_known_values() {
        // //Alice's well-known generic-prefix address
        assert_eq!(ss58(&crate::dev_accounts::alice(), 42), "5GrwvaEF5zXb26Fz9rcQpDWS57CtERHpNehXCPcNoHGKutQY");
        assert_eq!(ss58(&crate::dev_accounts::alice(), 0), "15oF4uVJwmo4TdGW7VfQxNLavjCXviqxT9S1MgbjMNHr6Sp5");
        assert_eq!(iso8601(0), "1970-01-01T00:00:00Z");
        assert_eq!(iso8601(1_700_000_000_000), "2023-11-14T22:13:20Z");
        assert_eq!(iso8601(951_782_400_250), "2000-02-29T00:00:00.250Z");
    }

    /// The golden file is the exact resolution result `docs/did-method.md` shows. Set
    /// `SOVRA_BLESS=1` to rewrite it after an intended change (and review the diff).
    #[test]
    fn resolution_matches_the_golden_file() {
        let (doc, network) = sample();
        let rendered = serde_json::to_string_pretty(&resolution(&doc, &network)).expect("json") + "\n";
        let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../../tests/golden/did-resolution.json");
        if std::env::var_os("SOVRA_BLESS").is_some() {
            std::fs::write(&path, &rendered).expect("write golden file");
        }
        let golden = std::fs::read_to_string(&path).expect("tests/golden/did-resolution.json");
        assert_eq!(rendered, golden, "rendering differs from {}", path.display());
    }
}
