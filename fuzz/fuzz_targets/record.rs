//! Fuzz target `record`. A stored value (`cc_cookie` / its history): Record::parse and history::parse.
//! Must never panic.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| consentry::fuzz::record(data));
