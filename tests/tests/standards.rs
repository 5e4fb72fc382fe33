//! The built bundles expose the published standards' selectors (w3f PSP-22 and PSP-34, the
//! first four bytes of `blake2b_256("<Trait>::<message>")`), so wallets, explorers and other
//! contracts that speak the standards reach these messages. Read from the bundles' metadata.

fn assert_selectors(name: &str, published: &[(&str, [u8; 4])]) {
    let bundle = sovra_e2e::bundle(name);
    for (label, selector) in published {
        assert_eq!(bundle.selector(label), Some(*selector), "{label}");
    }
}

#[test]
fn the_token_has_the_psp22_selectors() {
    assert_selectors(
        "token",
        &[
            ("PSP22::total_supply", [0x16, 0x2d, 0xf8, 0xc2]),
            ("PSP22::balance_of", [0x65, 0x68, 0x38, 0x2f]),
            ("PSP22::allowance", [0x4d, 0x47, 0xd9, 0x21]),
            ("PSP22::transfer", [0xdb, 0x20, 0xf9, 0xf5]),
            ("PSP22::transfer_from", [0x54, 0xb3, 0xc7, 0x6e]),
            ("PSP22::approve", [0xb2, 0x0f, 0x1b, 0xbd]),
            ("PSP22::increase_allowance", [0x96, 0xd6, 0xb5, 0x7a]),
            ("PSP22::decrease_allowance", [0xfe, 0xcb, 0x57, 0xd5]),
            ("PSP22Metadata::token_name", [0x3d, 0x26, 0x1b, 0xd4]),
            ("PSP22Metadata::token_symbol", [0x34, 0x20, 0x5b, 0xe5]),
            ("PSP22Metadata::token_decimals", [0x72, 0x71, 0xb7, 0x82]),
        ],
    );
}

#[test]
fn the_nft_has_the_psp34_selectors() {
    assert_selectors(
        "nft",
        &[
            ("PSP34::collection_id", [0xff, 0xa2, 0x7a, 0x5f]),
            ("PSP34::balance_of", [0xcd, 0xe7, 0xe5, 0x5f]),
            ("PSP34::owner_of", [0x11, 0x68, 0x62, 0x4d]),
            ("PSP34::allowance", [0x47, 0x90, 0xf5, 0x5a]),
            ("PSP34::approve", [0x19, 0x32, 0xa8, 0xb0]),
            ("PSP34::transfer", [0x31, 0x28, 0xd6, 0x1b]),
            ("PSP34::total_supply", [0x62, 0x84, 0x13, 0xfe]),
            ("PSP34Metadata::get_attribute", [0xf1, 0x9d, 0x48, 0xd1]),
            ("PSP34Enumerable::owners_token_by_index", [0x3b, 0xcf, 0xb5, 0x11]),
            ("PSP34Enumerable::token_by_index", [0xcd, 0x03, 0x40, 0xd0]),
        ],
    );
}
