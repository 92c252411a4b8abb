#![doc = include_str!("../README.md")]
#![cfg_attr(all(target_arch = "wasm32", not(test), not(feature = "std")), no_std)]
// Natively the crate is only built for tests and fuzzing; the wasm API is what uses it all.
#![cfg_attr(not(target_arch = "wasm32"), allow(dead_code, unused_macros))]
//! consentry's crate map. Pure modules first (tested with `cargo test`), then the browser
//! layer, then the one JS boundary.

extern crate alloc;

/// `String`, `Vec`, … for `no_std` modules.
mod prelude {
    pub(crate) use alloc::borrow::ToOwned;
    pub(crate) use alloc::boxed::Box;
    pub(crate) use alloc::string::String;
    pub(crate) use alloc::vec;
    pub(crate) use alloc::vec::Vec;
}
/// The wasm heap and panic handler.
mod mem;
/// Every code and message shape between the engine and the page (docs/protocol.md); its
/// `javascript()` renders `src/js/protocol.js`.
#[doc(hidden)]
pub mod protocol;
/// The JSON Schema of the config, from the config table (`dist/consentry.schema.json`).
pub use config::schema::json_schema as config_json_schema;

// Pure logic.
/// The config schema, defaults and validation.
mod config;
/// Consent decisions, the stored record, timestamps.
mod consent;
/// The one error type and its messages.
mod error;
/// Which held elements may run, and releasing them.
mod gate;
/// Languages, built-in texts, the HTML allowlist.
mod i18n;
/// Google Consent Mode states and consent-log records.
mod integrations;
/// A plain-Rust image of JS values, and JSON.
mod value;

/// The running consent manager and its effects.
mod engine;
/// What the engine needs from the page (JS on wasm, a fake in tests).
mod host;
/// localStorage, cookie and memory stores (over the host).
mod storage;
/// The modals' HTML.
mod ui;

/// The one function JavaScript calls: `call(op, a, b)`.
pub mod api;

/// The consent-log record (`ConsentLog`) with serde's traits, for the records service
/// (`records/`). Only with the `serde` feature, which the wasm build never enables.
#[cfg(feature = "serde")]
pub mod log {
    pub use crate::integrations::log::{Action, ConsentLog, Services, ACTIONS};
}

/// Entry points for `fuzz/` (cargo fuzz).
#[cfg(fuzzing)]
pub mod fuzz;

#[cfg(all(test, target_arch = "wasm32"))]
mod browser_tests;
#[cfg(test)]
mod test_util;
