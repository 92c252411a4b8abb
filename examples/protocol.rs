//! Writes `src/js/protocol.js` from `src/protocol.rs` (docs/protocol.md). `scripts/build.mjs`
//! runs it; a native test fails when the checked-in file is stale.

#[cfg(not(target_arch = "wasm32"))]
fn main() {
    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("src/js/protocol.js");
    let text = consentry::protocol::javascript();
    if std::fs::read_to_string(&path).ok().as_deref() != Some(text.as_str()) {
        std::fs::write(&path, text).expect("write src/js/protocol.js");
        println!("wrote {}", path.display());
    }
}

/// `cargo test` builds the examples for the browser tests' target too; there is nothing to write.
#[cfg(target_arch = "wasm32")]
fn main() {}
