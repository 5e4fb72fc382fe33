//! Declarations that spare every contract the same code: its list of events (its rules return
//! `Vec<Event>`, its `lib.rs` emits them) and its error names.

/// Declares the enum of every event a contract emits (one variant per `#[ink::event]` type) and
/// `emit_all`, which emits a list of them in order — what each message of the contract's shell
/// calls with the events its rules returned:
///
/// ```ignore
/// sovra_kit::event_list! {
///     /// An event the shell must emit.
///     pub enum TokenEvent {
///         Transfer(Transfer),
///         RoleGranted(RoleGranted),
///     }
/// }
/// // in a message:
/// TokenEvent::emit_all(self.data.transfer(&ctx, to, value)?);
/// ```
///
/// The enum lists the contract's events in one place, beside their definitions in
/// `events.rs`; the macro only writes the `match` that emits each variant.
#[macro_export]
macro_rules! event_list {
    (
        $(#[$meta:meta])*
        $vis:vis enum $name:ident {
            $( $(#[$vmeta:meta])* $variant:ident($event:ty) ),* $(,)?
        }
    ) => {
        $(#[$meta])*
        $vis enum $name {
            $( $(#[$vmeta])* $variant($event), )*
        }

        impl $name {
            /// Emits `events` in order, from the contract's message being executed.
            pub fn emit_all(events: ::ink::prelude::vec::Vec<$name>) {
                for event in events {
                    match event {
                        $( $name::$variant(e) => ::ink::env::emit_event::<::ink::env::DefaultEnvironment, _>(e), )*
                    }
                }
            }
        }
    };
}

/// Declares a contract's error enum (unit variants) with `name()`, the variant's name — what a
/// standard's `Custom(String)` error carries for the contract's own failures (PSP22's and
/// PSP34's), so no contract spells its variants' names out again:
///
/// ```ignore
/// sovra_kit::named_errors! {
///     #[derive(Debug, Clone, Copy, PartialEq, Eq)]
///     #[ink::scale_derive(Encode, Decode, TypeInfo)]
///     pub enum TokenError {
///         /// The sender's balance is too low.
///         InsufficientBalance,
///         Paused,
///     }
/// }
/// assert_eq!(TokenError::Paused.name(), "Paused");
/// ```
#[macro_export]
macro_rules! named_errors {
    (
        $(#[$meta:meta])*
        $vis:vis enum $name:ident {
            $( $(#[$vmeta:meta])* $variant:ident ),* $(,)?
        }
    ) => {
        $(#[$meta])*
        $vis enum $name {
            $( $(#[$vmeta])* $variant, )*
        }

        impl $name {
            /// The variant's name (what a standard's `Custom(String)` error carries).
            pub fn name(&self) -> &'static str {
                match self {
                    $( $name::$variant => stringify!($variant), )*
                }
            }
        }
    };
}
