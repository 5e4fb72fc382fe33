//! The governor's error is [`GovernorError`], defined with the governor's types in
//! `sovra_interfaces::governance` (clients decode it).

pub use sovra_interfaces::governance::GovernorError;
