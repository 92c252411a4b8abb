//! Prints the JSON Schema of the config (README "Config from a JSON file"), rendered from the
//! config table in src/config/schema.rs. `scripts/build.mjs` writes it to
//! `dist/consentry.schema.json`.

fn main() {
    println!("{}", consentry::config_json_schema());
}
