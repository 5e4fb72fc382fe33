//! Each contract's metadata lists exactly the events that contract can emit — its own (in its
//! `events.rs`), the standard's it implements and those of the `sovra-kit` modules it enables —
//! so a frontend's generated types and an indexer see no other contract's events, and no two
//! events share a label. ink! 5 lists every `#[ink::event]` compiled into a contract, which is
//! why events live in the contracts and the kit's modules are cargo features. Read from the
//! built bundles.

use sovra_e2e::ink_dir;

/// (label, module path) of every event in `<name>.json`, sorted.
fn events(name: &str) -> Vec<(String, String)> {
    let path = ink_dir().join(name).join(format!("{name}.json"));
    let text = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e} — run scripts/build.sh", path.display()));
    let json: serde_json::Value = serde_json::from_str(&text).expect("metadata is JSON");
    let mut list: Vec<(String, String)> = json["spec"]["events"]
        .as_array()
        .expect("spec.events")
        .iter()
        .map(|e| (e["label"].as_str().expect("label").to_string(), e["module_path"].as_str().expect("module_path").to_string()))
        .collect();
    list.sort();
    list
}

fn assert_events(name: &str, expected: &[(&str, &str)]) {
    let mut expected: Vec<(String, String)> = expected.iter().map(|(l, m)| (l.to_string(), m.to_string())).collect();
    expected.sort();
    let listed = events(name);
    assert_eq!(listed, expected, "{name}'s metadata events");
    let mut labels: Vec<&String> = listed.iter().map(|(l, _)| l).collect();
    labels.dedup();
    assert_eq!(labels.len(), listed.len(), "{name}: two events share a label");
}

const ROLES: [(&str, &str); 2] = [("RoleGranted", "sovra_kit::access"), ("RoleRevoked", "sovra_kit::access")];
const UPGRADES: [(&str, &str); 2] = [("CodeUpgraded", "sovra_kit::upgrade"), ("Migrated", "sovra_kit::upgrade")];

#[test]
fn the_did_registry_lists_its_own_events_only() {
    let own = [
        "DidCreated",
        "ControllerAdded",
        "ControllerRemoved",
        "VerificationMethodAdded",
        "VerificationMethodRemoved",
        "VerificationMethodValidityChanged",
        "ServiceAdded",
        "ServiceRemoved",
        "DidDeactivated",
        "MethodCompromised",
        "NonceBumped",
        "SignedOperationExecuted",
    ];
    let expected: Vec<(&str, &str)> = own.iter().map(|l| (*l, "did_registry::events")).collect();
    assert_events("did_registry", &expected);
}

#[test]
fn the_credential_registry_lists_its_events_roles_and_upgrades() {
    let own = [
        "DidRegistryChanged",
        "SchemaRegistered",
        "TrustedIssuerAdded",
        "TrustedIssuerRemoved",
        "CredentialIssued",
        "CredentialStateChanged",
        "StatusListCreated",
        "StatusListUpdated",
    ];
    let mut expected: Vec<(&str, &str)> = own.iter().map(|l| (*l, "credential_registry::events")).collect();
    expected.extend(ROLES);
    expected.extend(UPGRADES);
    assert_events("credential_registry", &expected);
}

#[test]
fn the_token_lists_psp22_votes_roles_pause_gate_nonces_and_upgrades() {
    let mut expected = vec![
        ("Transfer", "psp22::events"),
        ("Approval", "psp22::events"),
        ("DelegateChanged", "token::events"),
        ("DelegateVotesChanged", "token::events"),
        ("PausedChanged", "sovra_kit::pause"),
        ("ComplianceChanged", "sovra_kit::compliance"),
        ("SignerNonceBumped", "sovra_kit::signing"),
    ];
    expected.extend(ROLES);
    expected.extend(UPGRADES);
    assert_events("token", &expected);
}

#[test]
fn the_nft_lists_psp34_its_own_roles_pause_gate_and_upgrades() {
    let mut expected = vec![
        ("Transfer", "nft::events"),
        ("Approval", "nft::events"),
        ("AttributeSet", "nft::events"),
        ("Locked", "nft::events"),
        ("RoyaltySet", "nft::events"),
        ("PausedChanged", "sovra_kit::pause"),
        ("ComplianceChanged", "sovra_kit::compliance"),
    ];
    expected.extend(ROLES);
    expected.extend(UPGRADES);
    assert_events("nft", &expected);
}

#[test]
fn the_governor_lists_the_proposal_lifecycle_and_nonces() {
    let own = ["ProposalCreated", "VoteCast", "ProposalExtended", "ProposalQueued", "ProposalExecuted", "ProposalCanceled", "SettingsChanged"];
    let mut expected: Vec<(&str, &str)> = own.iter().map(|l| (*l, "governor::events")).collect();
    expected.push(("SignerNonceBumped", "sovra_kit::signing"));
    assert_events("governor", &expected);
}

#[test]
fn the_vault_lists_its_own_events_roles_and_upgrades_but_not_the_share_tokens() {
    let own = [
        "Fractionalized",
        "Redeemed",
        "BuyoutStarted",
        "Bid",
        "BuyoutEnded",
        "Delivered",
        "Claimed",
        "Withdrawn",
        "ReservePriceProposed",
        "ReservePriceVoted",
        "ReservePriceChanged",
        "SettingsChanged",
    ];
    let mut expected: Vec<(&str, &str)> = own.iter().map(|label| (*label, "vault::events")).collect();
    expected.extend(ROLES);
    expected.extend(UPGRADES);
    assert_events("vault", &expected);
}
