//! The credential registry's error is [`CredentialError`], defined with the registry's types in
//! `sovra_interfaces::credential` (clients decode it).

pub use sovra_interfaces::credential::CredentialError;
