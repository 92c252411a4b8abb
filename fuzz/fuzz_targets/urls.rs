//! Fuzz target `urls`. URL patterns (`services.<s>.urls`): first line the pattern, the rest the URL.
//! Must never panic (nor hang: libFuzzer's -timeout catches that).
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| consentry::fuzz::urls(data));
