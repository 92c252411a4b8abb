//! Languages: which one to show, the texts of each (the config's first, then consentry's
//! built-in text for that locale, then English), and the HTML allowlist.

#[allow(unused_imports)]
use crate::prelude::*;

mod builtin;
pub(crate) mod sanitize;

use crate::config::{get, schema, text, Config, Path, Unknown};
use crate::error::Error;
use crate::value::Value;

/// The id of each text a modal shows. The order matches the built-in tables.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
#[repr(u8)]
pub(crate) enum T {
    CmLabel,
    CmTitle,
    CmDescription,
    CmAcceptAll,
    CmAcceptNecessary,
    CmShowPreferences,
    CmCloseLabel,
    CmRevisionMessage,
    CmFooter,
    PmTitle,
    PmAcceptAll,
    PmAcceptNecessary,
    PmSave,
    PmCloseLabel,
    PmServiceCounter,
    PmIntroTitle,
    PmIntroDescription,
    PmMoreTitle,
    PmMoreDescription,
    EmbedText,
    EmbedLoad,
    EmbedPreferences,
}

/// Number of text ids.
pub(crate) const TEXT_COUNT: usize = T::EmbedPreferences as usize + 1;

/// Where each text sits in a v3 translation object.
const KEYS: [(&str, &str, T); 18] = [
    ("consentModal", "label", T::CmLabel),
    ("consentModal", "title", T::CmTitle),
    ("consentModal", "description", T::CmDescription),
    ("consentModal", "acceptAllBtn", T::CmAcceptAll),
    ("consentModal", "acceptNecessaryBtn", T::CmAcceptNecessary),
    ("consentModal", "showPreferencesBtn", T::CmShowPreferences),
    ("consentModal", "closeIconLabel", T::CmCloseLabel),
    ("consentModal", "revisionMessage", T::CmRevisionMessage),
    ("consentModal", "footer", T::CmFooter),
    ("preferencesModal", "title", T::PmTitle),
    ("preferencesModal", "acceptAllBtn", T::PmAcceptAll),
    ("preferencesModal", "acceptNecessaryBtn", T::PmAcceptNecessary),
    ("preferencesModal", "savePreferencesBtn", T::PmSave),
    ("preferencesModal", "closeIconLabel", T::PmCloseLabel),
    ("preferencesModal", "serviceCounterLabel", T::PmServiceCounter),
    ("embedPlaceholder", "text", T::EmbedText),
    ("embedPlaceholder", "loadBtn", T::EmbedLoad),
    ("embedPlaceholder", "preferencesBtn", T::EmbedPreferences),
];

/// A preferences-modal section.
#[derive(Clone, Debug, PartialEq, Default)]
pub(crate) struct Section {
    pub(crate) title: Option<String>,
    pub(crate) description: Option<String>,
    pub(crate) linked_category: Option<String>,
    pub(crate) cookie_table: Option<CookieTable>,
}

#[derive(Clone, Debug, PartialEq, Default)]
pub(crate) struct CookieTable {
    pub(crate) caption: Option<String>,
    /// Column key and header text, in order.
    pub(crate) headers: Vec<(String, String)>,
    /// Each row: the cell text per column key.
    pub(crate) body: Vec<Vec<(String, String)>>,
}

/// The texts of one language as the config gives them (any may be missing).
#[derive(Clone, Debug, PartialEq, Default)]
pub(crate) struct Translation {
    pub(crate) texts: Vec<Option<String>>,
    /// `None` when the config gives no `sections` (consentry then builds them).
    pub(crate) sections: Option<Vec<Section>>,
}

impl Translation {
    /// Read a v3 translation object for language `code`.
    ///
    /// # Errors
    /// A wrong type, or a `linkedCategory` that is not a configured category.
    pub(crate) fn parse(value: &Value, code: &str, config: &Config, unknown: &mut Unknown) -> Result<Translation, Error> {
        let mut prefix = String::from("language.translations.");
        prefix.push_str(code);
        let root = Path::root(&prefix);
        schema::validate(value, &schema::TRANSLATION, &root, unknown)?;
        let mut texts = vec![None; TEXT_COUNT];
        for (group, key, id) in KEYS {
            if let Some(g) = get(value, group) {
                texts[id as usize] = text(g, key);
            }
        }
        let mut sections = None;
        if let Some(list) = get(value, "preferencesModal").and_then(|pm| get(pm, "sections")).and_then(Value::as_array) {
            let sp = root.key("preferencesModal");
            let sp = sp.key("sections");
            let mut out = Vec::with_capacity(list.len());
            for (i, item) in list.iter().enumerate() {
                let linked_category = text(item, "linkedCategory");
                if let Some(name) = &linked_category {
                    if config.category(name).is_none() {
                        let mut expected = String::from("the name of a configured category, got \"");
                        expected.push_str(name);
                        expected.push('"');
                        let ip = sp.index(i);
                        return Err(Error::config(ip.key("linkedCategory").render(), expected, ""));
                    }
                }
                out.push(Section {
                    title: text(item, "title"),
                    description: text(item, "description"),
                    linked_category,
                    cookie_table: get(item, "cookieTable").map(read_table),
                });
            }
            sections = Some(out);
        }
        Ok(Translation { texts, sections })
    }
}

fn read_table(t: &Value) -> CookieTable {
    let mut headers = Vec::new();
    for (k, h) in get(t, "headers").and_then(Value::as_object).unwrap_or(&[]) {
        if let Value::Str(h) = h {
            headers.push((k.clone(), h.clone()));
        }
    }
    let mut body = Vec::new();
    for row in get(t, "body").and_then(Value::as_array).unwrap_or(&[]) {
        let mut cells = Vec::new();
        for (k, cell) in row.as_object().unwrap_or(&[]) {
            let shown = match cell {
                Value::Str(s) => s.clone(),
                Value::Null => continue,
                other => other.to_json(),
            };
            cells.push((k.clone(), shown));
        }
        body.push(cells);
    }
    CookieTable { caption: text(t, "caption"), headers, body }
}

/// The texts a modal shows, every one resolved.
#[derive(Clone, Debug, PartialEq)]
pub(crate) struct Texts {
    pub(crate) language: String,
    pub(crate) rtl: bool,
    texts: Vec<String>,
    pub(crate) sections: Vec<Section>,
}

impl Texts {
    /// The text with id `id` (empty when that text is switched off, like a missing
    /// `closeIconLabel`).
    pub(crate) fn get(&self, id: T) -> &str {
        self.texts.get(id as usize).map(String::as_str).unwrap_or("")
    }

    /// Merge the config's translation with the built-in texts of `language` (when
    /// consentry has them) and English. Sections missing from the config are built from the
    /// categories: an introduction, one per category, a closing "more information".
    pub(crate) fn resolve(language: &str, translation: Option<&Translation>, config: &Config) -> Texts {
        let local = builtin::table(language);
        let english = builtin::table("en");
        let texts = (0..TEXT_COUNT)
            .map(|i| {
                let configured = translation.and_then(|t| t.texts.get(i).cloned().flatten());
                configured
                    .or_else(|| local.and_then(|l| l.texts.get(i)).map(|s| (*s).to_owned()))
                    .or_else(|| english.and_then(|l| l.texts.get(i)).map(|s| (*s).to_owned()))
                    .unwrap_or_default()
            })
            .collect::<Vec<String>>();
        let sections = match translation.and_then(|t| t.sections.clone()) {
            Some(s) => s,
            None => {
                let mut s = vec![Section {
                    title: Some(texts[T::PmIntroTitle as usize].clone()),
                    description: Some(texts[T::PmIntroDescription as usize].clone()),
                    ..Section::default()
                }];
                for cat in &config.categories {
                    let known = builtin::category(local, &cat.name).or_else(|| builtin::category(english, &cat.name));
                    let (title, description) = match known {
                        Some((t, d)) => (t.to_owned(), Some(d.to_owned())),
                        None => (title_case(&cat.name), None),
                    };
                    s.push(Section { title: Some(title), description, linked_category: Some(cat.name.clone()), cookie_table: None });
                }
                s.push(Section {
                    title: Some(texts[T::PmMoreTitle as usize].clone()),
                    description: Some(texts[T::PmMoreDescription as usize].clone()),
                    ..Section::default()
                });
                s
            }
        };
        Texts { language: language.to_owned(), rtl: config.is_rtl(language), texts, sections }
    }
}

fn title_case(name: &str) -> String {
    let mut chars = name.chars();
    match chars.next() {
        // ASCII only: category names are identifiers, and Unicode case tables cost wasm.
        Some(first) => core::iter::once(first.to_ascii_uppercase())
            .chain(chars)
            .map(|c| if c == '_' || c == '-' { ' ' } else { c })
            .collect(),
        None => String::new(),
    }
}

/// Pick the language to show: the detected one (`<html lang>` or the browser's) if the
/// site offers it, matching `de-AT` to `de`; otherwise the default.
/// The languages offered are the configured translations, or consentry's built-in ones
/// when the config has none.
pub(crate) fn choose_language(config: &Config, detected: Option<&str>) -> String {
    let offered = |code: &str| -> Option<String> {
        if config.language.translations.is_empty() {
            builtin::table(code).map(|_| builtin::canonical(code))
        } else {
            config
                .language
                .translations
                .iter()
                .find(|(c, _)| c.eq_ignore_ascii_case(code))
                .map(|(c, _)| c.clone())
        }
    };
    if let Some(code) = detected.map(str::trim).filter(|c| !c.is_empty()) {
        if let Some(found) = offered(code) {
            return found;
        }
        let primary = code.split(['-', '_']).next().unwrap_or(code);
        if let Some(found) = offered(primary) {
            return found;
        }
    }
    config.language.default.clone()
}

#[cfg(test)]
mod tests;
