//! Entry points for the fuzz targets in `fuzz/` (compiled only with `--cfg fuzzing`): each
//! feeds arbitrary bytes to a pure part of the engine. None may panic; `sanitize` also checks
//! that what it lets through is inert.

#[allow(unused_imports)]
use crate::prelude::*;

use crate::config::{Config, TranslationSource, Unknown};
use crate::consent::{history, record::Record};
use crate::i18n::{Texts, Translation};

fn text(data: &[u8]) -> Option<&str> {
    core::str::from_utf8(data).ok()
}

/// A config as the loader would hand it over (walked JSON): parse, validate, read every
/// inline translation, resolve the texts and render both modals.
pub fn config(data: &[u8]) {
    let Some(value) = text(data).and_then(crate::value::parse_walked) else { return };
    let mut unknown = Unknown::default();
    let Ok(config) = Config::parse(&value, &mut unknown) else { return };
    for (code, source) in &config.language.translations {
        if let TranslationSource::Inline(v) = source {
            if let Ok(t) = Translation::parse(v, code, &config, &mut unknown) {
                let texts = Texts::resolve(code, Some(&t), None, &config);
                let choice = crate::consent::Choice::defaults(&config);
                let _ = crate::ui::html::consent_modal(&config, &texts, Default::default());
                let _ = crate::ui::html::preferences_modal(&config, &texts, &choice, Default::default());
            }
        }
    }
}

/// A stored value: the record and the history parsers.
pub fn record(data: &[u8]) {
    let Some(t) = text(data) else { return };
    let _ = Record::parse(t, 1_764_387_948_123.0);
    let _ = history::parse(t);
}

/// The HTML allowlist. Panics (a finding) if the output has a script tag, an event-handler
/// attribute or a `javascript:` URL inside a tag.
pub fn sanitize(data: &[u8]) {
    let Some(t) = text(data) else { return };
    let out = crate::i18n::sanitize::sanitize(t).to_ascii_lowercase();
    let mut rest = out.as_str();
    while let Some(start) = rest.find('<') {
        let tail = &rest[start..];
        let end = tail.find('>').unwrap_or(tail.len());
        // The tag without its quoted attribute values (where " on…=" is harmless text).
        let mut quoted = false;
        let tag: String = tail[..end]
            .chars()
            .filter(|c| {
                if *c == '"' {
                    quoted = !quoted;
                }
                !quoted && *c != '"'
            })
            .collect();
        let tag = tag.as_str();
        assert!(!tag.starts_with("<script") && !tag.starts_with("<svg") && !tag.starts_with("<img") && !tag.starts_with("<iframe"), "tag let through: {tag}");
        if let Some(h) = tail[..end].find(" href=\"") {
            let value: String = tail[h + 7..end].chars().take_while(|c| *c != '"').filter(|c| !c.is_ascii_whitespace()).collect();
            assert!(!["javascript:", "data:", "vbscript:"].iter().any(|s| value.starts_with(s)), "unsafe href in {tag}");
        }
        for (i, _) in tag.match_indices(" on") {
            let name: String = tag[i + 1..].chars().take_while(|c| c.is_ascii_alphanumeric()).collect();
            assert!(!tag[i + 1 + name.len()..].starts_with('='), "event handler attribute in {tag}");
        }
        rest = &tail[end.min(tail.len())..];
        if rest.is_empty() {
            break;
        }
    }
}

/// URL patterns: the first line is the pattern, the rest the URL.
pub fn urls(data: &[u8]) {
    let Some(t) = text(data) else { return };
    let (pattern, url) = t.split_once('\n').unwrap_or((t, ""));
    let _ = crate::gate::urls::matches(pattern, url);
}
