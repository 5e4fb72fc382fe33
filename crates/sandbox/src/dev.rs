//! The dev keyring's accounts (//Alice … //Ferdie): the in-process chain funds them, and a
//! local `substrate-contracts-node`'s genesis endows the same accounts.

/// The sr25519 dev accounts //Alice … //Eve (checked against subxt's keyring in the tests).
pub const ALICE: [u8; 32] = hex32("d43593c715fdd31c61141abd04a99fd6822c8558854ccde39a5684e7a56da27d");
pub const BOB: [u8; 32] = hex32("8eaf04151687736326c9fea17e25fc5287613693c912909cb226aa4794f26a48");
pub const CHARLIE: [u8; 32] = hex32("90b5ab205c6974c9ea841be688864633dc9ca8a357843eeacf2314649965fe22");
pub const DAVE: [u8; 32] = hex32("306721211d5404bd9da88e0204360a1a9ab8b87c66c1bc2fcdd37f3c2222cc20");
pub const EVE: [u8; 32] = hex32("e659a7a1628cdd93febc04a4e0646ea20e9f5f0ce097d9a05290d4a9e054df4e");
/// //Ferdie: funded on both backends; signs the node tests' block-advancing remarks; the demo's
/// non-member.
pub const FERDIE: [u8; 32] = hex32("1cbd2d43530a44705ad088af313e18f80b53ef16b36177cd4b77b846f2a5f07c");
/// //Alice … //Eve, in the keyring's order.
pub const ACCOUNTS: [[u8; 32]; 5] = [ALICE, BOB, CHARLIE, DAVE, EVE];

const fn hex32(s: &str) -> [u8; 32] {
    const fn nibble(c: u8) -> u8 {
        match c {
            b'0'..=b'9' => c - b'0',
            b'a'..=b'f' => c - b'a' + 10,
            _ => panic!("lower-case hex"),
        }
    }
    let b = s.as_bytes();
    assert!(b.len() == 64);
    let mut out = [0u8; 32];
    let mut i = 0;
    while i < 32 {
        out[i] = nibble(b[2 * i]) << 4 | nibble(b[2 * i + 1]);
        i += 1;
    }
    out
}
