//! Fuzz target `config`. A config as the loader hands it over (walked JSON): Config::parse, every inline
//! translation, the texts and both modals' markup. Must never panic.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| consentry::fuzz::config(data));
