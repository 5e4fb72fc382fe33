//! The DID registry's error is [`DidError`], defined with the registry's types in
//! `sovra_interfaces::did` (the credential registry and clients decode it).

pub use sovra_interfaces::did::DidError;
