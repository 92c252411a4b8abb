//! Languages: which one to show, the texts of each (the config's first, then consentry's
//! built-in text for that locale, then English), and the HTML allowlist.

#[allow(unused_imports)]
use crate::prelude::*;

pub(crate) mod builtin;
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
    CmGpcNotice,
    PmGpcNotice,
    PcHistoryTitle,
    PcHistoryEmpty,
    PcHistoryAll,
    PcHistoryNecessary,
    PcHistoryCustom,
    PcReceipt,
    /// The inline center's link to where the site keeps the consent records.
    PcRecords,
}

/// Number of text ids.
pub(crate) const TEXT_COUNT: usize = T::PcRecords as usize + 1;

/// Where each text sits in a v3 translation object.
const KEYS: [(&str, &str, T); 31] = [
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
    ("preferencesModal", "introTitle", T::PmIntroTitle),
    ("preferencesModal", "introDescription", T::PmIntroDescription),
    ("preferencesModal", "moreTitle", T::PmMoreTitle),
    ("preferencesModal", "moreDescription", T::PmMoreDescription),
    ("consentModal", "gpcNotice", T::CmGpcNotice),
    ("preferencesModal", "gpcNotice", T::PmGpcNotice),
    ("preferenceCenter", "historyTitle", T::PcHistoryTitle),
    ("preferenceCenter", "historyEmpty", T::PcHistoryEmpty),
    ("preferenceCenter", "historyAll", T::PcHistoryAll),
    ("preferenceCenter", "historyNecessary", T::PcHistoryNecessary),
    ("preferenceCenter", "historyCustom", T::PcHistoryCustom),
    ("preferenceCenter", "receiptBtn", T::PcReceipt),
    ("preferenceCenter", "recordsLink", T::PcRecords),
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

/// The texts of one language as a translation object gives them (any may be missing).
#[derive(Clone, Debug, PartialEq, Default)]
pub(crate) struct Translation {
    pub(crate) texts: Vec<Option<String>>,
    /// `None` when the translation gives no `sections` (consentry then builds them).
    pub(crate) sections: Option<Vec<Section>>,
    /// Titles and descriptions of categories, for sections consentry builds (consentry's
    /// `categories` key of a translation).
    pub(crate) categories: Vec<(String, Option<String>, Option<String>)>,
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
        let mut categories = Vec::new();
        for (name, c) in get(value, "categories").and_then(Value::as_object).unwrap_or(&[]) {
            categories.push((name.clone(), text(c, "title"), text(c, "description")));
        }
        Ok(Translation { texts, sections, categories })
    }

    fn category(&self, name: &str) -> Option<(Option<&str>, Option<&str>)> {
        self.categories.iter().find(|(n, _, _)| n == name).map(|(_, t, d)| (t.as_deref(), d.as_deref()))
    }

    /// Whether the texts of v3's two modals are all given (then no built-in locale is
    /// fetched; consentry's own extra texts fall back to English).
    pub(crate) fn is_complete(&self) -> bool {
        const NEEDED: [T; 11] = [
            T::CmTitle,
            T::CmDescription,
            T::CmAcceptAll,
            T::CmAcceptNecessary,
            T::CmShowPreferences,
            T::PmTitle,
            T::PmAcceptAll,
            T::PmAcceptNecessary,
            T::PmSave,
            T::PmCloseLabel,
            T::PmServiceCounter,
        ];
        self.sections.is_some() && NEEDED.iter().all(|t| self.texts.get(*t as usize).map(Option::is_some).unwrap_or(false))
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

    /// What a visitor was shown, as one string (its SHA-256 goes in consent-log records, so
    /// a site can prove which version of its texts a consent answered): language, every
    /// text, every section, in a fixed order.
    pub(crate) fn shown(&self) -> String {
        let mut out = self.language.clone();
        for t in &self.texts {
            out.push('\u{1f}');
            out.push_str(t);
        }
        for s in &self.sections {
            for part in [&s.title, &s.description, &s.linked_category] {
                out.push('\u{1e}');
                out.push_str(part.as_deref().unwrap_or(""));
            }
        }
        out
    }

    /// Merge, text by text: the config's translation, consentry's built-in texts for the
    /// language (`local`, when loaded), then English. Sections missing from the config are
    /// built from the categories: an introduction, one per category, "more information".
    pub(crate) fn resolve(language: &str, translation: Option<&Translation>, local: Option<&Translation>, config: &Config) -> Texts {
        let english = builtin::english();
        let layers = [translation, local, english];
        let mut texts = Vec::with_capacity(TEXT_COUNT);
        for i in 0..TEXT_COUNT {
            let found = layers.iter().flatten().find_map(|t| t.texts.get(i).cloned().flatten());
            texts.push(found.unwrap_or_default());
        }
        let sections = match translation.and_then(|t| t.sections.clone()) {
            Some(s) => s,
            None => {
                let mut s = vec![Section {
                    title: Some(texts[T::PmIntroTitle as usize].clone()),
                    description: Some(texts[T::PmIntroDescription as usize].clone()),
                    ..Section::default()
                }];
                for cat in &config.categories {
                    let mut title = None;
                    let mut description = None;
                    for layer in layers.iter().flatten() {
                        if let Some((t, d)) = layer.category(&cat.name) {
                            title = title.or(t.map(str::to_owned));
                            description = description.or(d.map(str::to_owned));
                        }
                    }
                    s.push(Section {
                        title: Some(title.unwrap_or_else(|| title_case(&cat.name))),
                        description,
                        linked_category: Some(cat.name.clone()),
                        cookie_table: None,
                    });
                }
                s.push(Section {
                    title: Some(texts[T::PmMoreTitle as usize].clone()),
                    description: Some(texts[T::PmMoreDescription as usize].clone()),
                    ..Section::default()
                });
                s
            }
        };
        Texts { language: language.to_owned(), rtl: config.is_rtl(language) || builtin::is_rtl(language), texts, sections }
    }
}

fn title_case(name: &str) -> String {
    let mut chars = name.chars();
    match chars.next() {
        // ASCII only: category names are identifiers, and Unicode case tables cost wasm.
        Some(first) => core::iter::once(first.to_ascii_uppercase()).chain(chars).map(|c| if c == '_' || c == '-' { ' ' } else { c }).collect(),
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
            builtin::canonical(code)
        } else {
            config.language.translations.iter().find(|(c, _)| c.eq_ignore_ascii_case(code)).map(|(c, _)| c.clone())
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
