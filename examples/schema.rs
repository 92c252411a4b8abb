//! Prints the JSON Schema of the config (README "Config from a JSON file"), rendered from the
//! config table in src/config/schema.rs. `scripts/build.mjs` writes it to
//! `dist/consentry.schema.json`.

#[cfg(not(target_arch = "wasm32"))]
fn main() {
    println!("{}", consentry::config_json_schema());
}

/// `cargo test` builds the examples for the browser tests' target too; there is nothing to write.
#[cfg(target_arch = "wasm32")]
fn main() {}
