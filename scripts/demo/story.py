#!/usr/bin/env python3
"""Sovra's identity story, played with real transactions through cargo-contract against a
deployed suite (deployments/<network>.json). Every step prints what it did and what the chain
answered; any answer other than the expected one ends the story with exit code 1.

Run by scripts/demo.sh (which builds, starts the node and deploys first)."""

import hashlib
import json
import os
import subprocess
import sys
import time

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
NETWORK = os.environ.get("SOVRA_NETWORK", "local")
DEPLOYMENT = json.load(open(os.path.join(ROOT, "deployments", f"{NETWORK}.json")))
URL = DEPLOYMENT["url"]
INK = os.environ.get("SOVRA_INK_DIR", os.path.join(ROOT, "target", "ink"))

# Substrate's well-known dev accounts (sr25519 //Name): SS58 and public key.
ACCOUNTS = {
    "Alice": ("5GrwvaEF5zXb26Fz9rcQpDWS57CtERHpNehXCPcNoHGKutQY", "d43593c715fdd31c61141abd04a99fd6822c8558854ccde39a5684e7a56da27d"),
    "Bob": ("5FHneW46xGXgs5mUiveU4sbTyGBzmstUspZC92UhjJM694ty", "8eaf04151687736326c9fea17e25fc5287613693c912909cb226aa4794f26a48"),
    "Charlie": ("5FLSigC9HGRKVhB9FiEo4Y3koPsNmBmLJbpXg2mp1hXcS59Y", "90b5ab205c6974c9ea841be688864633dc9ca8a357843eeacf2314649965fe22"),
    "Dave": ("5DAAnrj7VHTznn2AWBemMuyBwZWs6FNFjdyVXUeYum3PTXFy", "306721211d5404bd9da88e0204360a1a9ab8b87c66c1bc2fcdd37f3c2222cc20"),
    "Eve": ("5HGjWAeFDfFCWPsjFQdVV2Msvz2XtMktvgocEZcCj68kUMaw", "e659a7a1628cdd93febc04a4e0646ea20e9f5f0ce097d9a05290d4a9e054df4e"),
    "Ferdie": ("5CiPPseXPECbkjWCa6MnjNokrgYjMqmKndv2rSnekmSK2DjL", "1cbd2d43530a44705ad088af313e18f80b53ef16b36177cd4b77b846f2a5f07c"),
}

STEPS = []


def fail(msg):
    print(f"\n✗ {msg}", flush=True)
    sys.exit(1)


def render(v):
    """cargo-contract's decoded value (serde JSON of contract-transcode's Value) as text:
    `Ok(Valid)`, `Ok(Ok(true))`, byte sequences as 0x-hex, structs as `Name { field: value }`."""
    if isinstance(v, dict) and len(v) == 1:
        kind, body = next(iter(v.items()))
        if kind == "Tuple":
            values = body.get("values", [])
            if not values:
                return body.get("ident") or "()"
            inner = ", ".join(render(x) for x in values)
            return f"{body['ident']}({inner})" if body.get("ident") else f"({inner})"
        if kind == "Map":
            # a struct arrives as {field: value}
            return "{ " + ", ".join(f"{k}: {render(x)}" for k, x in body.items()) + " }"
        if kind == "Seq":
            elems = body.get("elems", [])
            if elems and all(isinstance(e, dict) and "UInt" in e and 0 <= e["UInt"] < 256 for e in elems):
                return "0x" + bytes(e["UInt"] for e in elems).hex()
            return "[" + ", ".join(render(x) for x in elems) + "]"
        if kind == "Hex":
            return body if isinstance(body, str) else "0x" + bytes(body.get("bytes", [])).hex()
        if kind == "Bool":
            return str(body).lower()
        if kind in ("UInt", "Int", "Char", "Literal", "String"):
            return str(body)
        return f"{kind}({body})"
    if v == "Unit":
        return "()"
    if isinstance(v, str):
        return v
    return json.dumps(v)


def contract_call(contract, message, args, suri, execute):
    cmd = ["cargo", "contract", "call", "--contract", DEPLOYMENT["contracts"][contract]["address"],
           "--message", message, "--suri", suri, "--url", URL, "--output-json",
           os.path.join(INK, contract, f"{contract}.contract")]
    if args:
        cmd[5:5] = ["--args", *args]
    if execute:
        cmd += ["-x", "-y"]
    p = subprocess.run(cmd, capture_output=True, text=True)
    if p.returncode != 0:
        fail(f"{contract}.{message} failed:\n{p.stderr.strip()[-2000:]}\n{p.stdout.strip()[-2000:]}")
    return json.loads(p.stdout)


def query(contract, message, *args, who="Ferdie"):
    out = contract_call(contract, message, list(args), f"//{who}", execute=False)
    return render(out["data"])


def tx(contract, message, *args, who):
    """Dry-runs (to read the return value), then submits; returns the dry run's value."""
    value = query(contract, message, *args, who=who)
    if not value.startswith("Ok(") or value.startswith("Ok(Err("):
        fail(f"{contract}.{message} as {who} would fail: {value}")
    contract_call(contract, message, list(args), f"//{who}", execute=True)
    return value


def step(title, got, expected):
    ok = got == expected
    STEPS.append((title, ok))
    print(f"  {'✓' if ok else '✗'} {title}: {got}", flush=True)
    if not ok:
        fail(f"expected {expected}")


def hexs(b):
    return "0x" + b.hex()


def H(x):
    return hashlib.blake2b(x, digest_size=32).digest()


def scale_bytes(b):
    assert len(b) < 64
    return bytes([len(b) << 2]) + b


def main():
    dids, creds = "did_registry", "credential_registry"
    acct = lambda n: ACCOUNTS[n][0]
    print(f"Sovra demo on {URL} — deployment {NETWORK}: did_registry {DEPLOYMENT['contracts'][dids]['address']}, "
          f"credential_registry {DEPLOYMENT['contracts'][creds]['address']}\n", flush=True)
    run = os.urandom(4).hex()

    print("1. The issuer organisation (Bob) and the holder (Charlie) create DIDs")
    value = tx(dids, "create_did", "0x" + (run + "11" * 28), who="Bob")
    issuer = value[len("Ok(Ok("):-2]
    value = tx(dids, "create_did", "0x" + (run + "22" * 28), who="Charlie")
    holder = value[len("Ok(Ok("):-2]
    print(f"  issuer did:sovra:{issuer[2:]}\n  holder did:sovra:{holder[2:]}")
    step("issuer DID active", query(dids, "DidRegistry::is_active", issuer), "Ok(true)")
    step("holder DID active", query(dids, "DidRegistry::is_active", holder), "Ok(true)")

    print("\n2. The issuer adds an Account assertion key (Dave) and rotates it to Eve with an overlap")
    def key(frag, who):
        return (f"VerificationMethod {{ id: {hexs(frag)}, key_type: Account, public_key: 0x{ACCOUNTS[who][1]}, "
                f"relationships: Relationships(2), valid_from: None, valid_until: None }}")
    tx(dids, "add_verification_method", issuer, key(b"key-1", "Dave"), who="Bob")
    step("Dave may assert for the issuer", query(dids, "DidRegistry::is_authorized", issuer, acct("Dave"), "AssertionMethod"), "Ok(true)")
    tx(dids, "add_verification_method", issuer, key(b"key-2", "Eve"), who="Bob")
    grace_end = int(time.time() * 1000) + 10 * 60 * 1000
    tx(dids, "set_method_validity", issuer, hexs(b"key-1"), "None", f"Some({grace_end})", who="Bob")
    step("during the overlap Dave still may", query(dids, "DidRegistry::is_authorized", issuer, acct("Dave"), "AssertionMethod"), "Ok(true)")
    step("and Eve may", query(dids, "DidRegistry::is_authorized", issuer, acct("Eve"), "AssertionMethod"), "Ok(true)")
    doc = query(dids, "resolve", issuer)
    print(f"  resolved: {doc[:400]}…")
    step("resolved document has version 4", "version_id: 4," in doc, True)

    print("\n3. A schema is registered and the issuer made trusted for it (by the trust admin, Alice)")
    schema_hash = H(b"sovra-demo-kyc-schema-" + run.encode())
    value = tx(creds, "register_schema", hexs(schema_hash), hexs(b"KYC"), hexs(b"ipfs://kyc-schema"), "true", who="Bob")
    schema = value[len("Ok(Ok("):-2]
    tx(creds, "add_trusted_issuer", schema, issuer, who="Alice")
    step("issuer trusted for the schema", query(creds, "is_trusted", schema, issuer), "Ok(true)")

    print("\n4. The issuer (key Eve) issues Charlie a credential with a selective-disclosure commitment")
    claims = [(b"age_over_18", b"true"), (b"nationality", b"DE"), (b"name", b"Charlie Example")]
    salts = [os.urandom(16) for _ in claims]
    digests = [H(s + scale_bytes(n) + scale_bytes(v)) for s, (n, v) in zip(salts, claims)]
    leaves = [H(b"\x00" + d) for d in digests]
    node = lambda a, b: H(b"\x01" + min(a, b) + max(a, b))
    root = node(node(leaves[0], leaves[1]), leaves[2])
    proof0 = [leaves[1], leaves[2]]
    credential = H(b"credential-" + run.encode())
    request = (f"IssueRequest {{ credential: {hexs(credential)}, schema: {schema}, subject_account: Some({acct('Charlie')}), "
               f"subject_did: Some({holder}), expires_at: None, claims_root: Some({hexs(root)}), revocation: None, suspension: None }}")
    tx(creds, "issue", issuer, request, who="Eve")

    print("\n5. A verifier (Ferdie) checks it")
    step("verify", query(creds, "CredentialVerifier::verify", issuer, hexs(credential)), "Ok(Valid)")
    step("has_valid_credential(Charlie, KYC)", query(creds, "CredentialVerifier::has_valid_credential", acct("Charlie"), schema), "Ok(true)")

    print("\n6. The holder (Charlie) proves one claim (age_over_18 = true) and nothing else")
    proof = "[" + ", ".join(hexs(p) for p in proof0) + "]"
    claim = lambda value: f"Claim {{ salt: {hexs(salts[0])}, name: {hexs(b'age_over_18')}, value: {hexs(value)} }}"
    step("the presentation verifies, with the credential's status",
         query(creds, "verify_presentation", issuer, hexs(credential), claim(b"true"), proof, who="Charlie"),
         "Ok(Ok({ status: Valid, claim_valid: true }))")
    step("a forged claim does not",
         query(creds, "verify_presentation", issuer, hexs(credential), claim(b"false"), proof, who="Charlie"),
         "Ok(Ok({ status: Valid, claim_valid: false }))")
    step("nobody else can replay it",
         query(creds, "verify_presentation", issuer, hexs(credential), claim(b"true"), proof, who="Ferdie"),
         "Ok(Err(NotHolder))")

    print("\n7. The issuer suspends, reinstates, then revokes it; the verifier sees each status")
    tx(creds, "suspend", issuer, f"[{hexs(credential)}]", hexs(b"under review"), who="Eve")
    step("after suspension", query(creds, "CredentialVerifier::verify", issuer, hexs(credential)), f"Ok(Suspended({hexs(b'under review')}))")
    tx(creds, "reinstate", issuer, f"[{hexs(credential)}]", who="Eve")
    step("after reinstatement", query(creds, "CredentialVerifier::verify", issuer, hexs(credential)), "Ok(Valid)")
    tx(creds, "revoke", issuer, f"[{hexs(credential)}]", hexs(b"fraud"), who="Eve")
    step("after revocation", query(creds, "CredentialVerifier::verify", issuer, hexs(credential)), f"Ok(Revoked({hexs(b'fraud')}))")
    step("has_valid_credential(Charlie, KYC)", query(creds, "CredentialVerifier::has_valid_credential", acct("Charlie"), schema), "Ok(false)")

    passed = sum(1 for _, ok in STEPS if ok)
    print(f"\nSummary: {passed} of {len(STEPS)} checks as expected. Deployment: deployments/{NETWORK}.json")


if __name__ == "__main__":
    main()
