//! consentry's own texts (written for consentry), used where a site's translation leaves a
//! string out. English ships inside the engine (`locales/en.json`); the other locales are
//! files next to the wasm (`dist/i18n/<code>.json`) that the loader fetches only for a
//! visitor who needs one.

#[allow(unused_imports)]
use crate::prelude::*;

use super::Translation;
use crate::config::{Config, Unknown};

/// Locales with built-in texts.
pub(crate) const LOCALES: [&str; 11] = ["en", "es", "pt", "th", "zh", "ms", "de", "fr", "it", "nl", "ar"];
/// Built-in locales written right to left.
const RTL: [&str; 4] = ["ar", "he", "fa", "ur"];

const ENGLISH: &str = include_str!("locales/en.json");

crate::mem::global! {
    static PARSED: core::cell::RefCell<Option<&'static Translation>> = core::cell::RefCell::new(None);
}

/// The built-in English texts (parsed once; the engine keeps them for the page's life).
pub(crate) fn english() -> Option<&'static Translation> {
    PARSED.with(|slot| {
        if let Some(t) = *slot.borrow() {
            return Some(t);
        }
        let value = crate::value::parse_json(ENGLISH)?;
        let empty = Config::parse(&crate::value::Value::Obj(Vec::new()), &mut Unknown::default()).ok()?;
        let t: &'static Translation = Box::leak(Box::new(Translation::parse(&value, "en", &empty, &mut Unknown::default()).ok()?));
        *slot.borrow_mut() = Some(t);
        Some(t)
    })
}

/// The built-in locale for a language code (`pt-BR` → `pt`, case-insensitive).
pub(crate) fn canonical(code: &str) -> Option<String> {
    let primary = code.split(['-', '_']).next().unwrap_or(code);
    LOCALES.iter().find(|l| l.eq_ignore_ascii_case(primary)).map(|l| (*l).to_owned())
}

pub(crate) fn is_rtl(code: &str) -> bool {
    let primary = code.split(['-', '_']).next().unwrap_or(code);
    RTL.iter().any(|l| l.eq_ignore_ascii_case(primary))
}
