//! The config schema (vanilla-cookieconsent v3 plus consentry's extensions), its defaults
//! and its validation. Pure Rust: it reads a [`Value`] tree, never a `JsValue`.
//!
//! Every wrong type or value is an [`Error`] naming the field path and what was expected;
//! unknown keys are collected in [`Unknown`] for a single `console.warn`.

#[allow(unused_imports)]
use crate::prelude::*;

mod read;
pub(crate) mod schema;

use read::Result;
pub(crate) use read::{Path, Unknown};

use crate::error::Error;
use crate::value::{Handle, Value};

/// Most categories, and most services in one category (consent keeps them as the bits of a
/// `u32`).
pub(crate) const MAX_ITEMS: usize = 32;

/// `mode`: whether categories start accepted before the visitor chooses.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Mode {
    OptIn,
    OptOut,
}

/// Where the modals are appended.
#[derive(Clone, Debug, PartialEq)]
pub(crate) enum Root {
    Body,
    Selector(String),
    Element(Handle),
}

/// The consent modal's shape.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum CmKind {
    Box,
    Cloud,
    Bar,
}

/// Consent-modal layouts, v3's names in v3's order.
pub(crate) const CM_LAYOUTS: [&str; 7] = ["box", "box wide", "box inline", "cloud", "cloud inline", "bar", "bar inline"];
/// Consent-modal positions, v3's names.
pub(crate) const CM_POSITIONS: [&str; 12] = [
    "top",
    "bottom",
    "middle",
    "top left",
    "top center",
    "top right",
    "middle left",
    "middle center",
    "middle right",
    "bottom left",
    "bottom center",
    "bottom right",
];
pub(crate) const PM_LAYOUTS: [&str; 3] = ["box", "bar", "bar wide"];
pub(crate) const PM_POSITIONS: [&str; 2] = ["left", "right"];

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Vertical {
    Top,
    Middle,
    Bottom,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Horizontal {
    Left,
    Center,
    Right,
}

#[derive(Clone, Debug, PartialEq)]
pub(crate) struct ConsentGui {
    pub(crate) kind: CmKind,
    pub(crate) wide: bool,
    pub(crate) inline: bool,
    pub(crate) vertical: Vertical,
    pub(crate) horizontal: Horizontal,
    pub(crate) flip_buttons: bool,
    pub(crate) equal_weight_buttons: bool,
}

#[derive(Clone, Debug, PartialEq)]
pub(crate) struct PrefsGui {
    /// `bar` (side panel) rather than `box`.
    pub(crate) bar: bool,
    pub(crate) wide: bool,
    pub(crate) left: bool,
    pub(crate) flip_buttons: bool,
    pub(crate) equal_weight_buttons: bool,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum SameSite {
    Lax,
    Strict,
    None,
}

impl SameSite {
    pub(crate) fn as_str(self) -> &'static str {
        match self {
            SameSite::Lax => "Lax",
            SameSite::Strict => "Strict",
            SameSite::None => "None",
        }
    }
}

/// `cookie.expiresAfterDays`.
#[derive(Clone, Copy, Debug, PartialEq)]
pub(crate) enum Expiry {
    Days(f64),
    /// A function of the accept type (`'all' | 'custom' | 'necessary'`) returning days.
    Function(Handle),
}

#[derive(Clone, Debug, PartialEq)]
pub(crate) struct CookieOptions {
    pub(crate) name: String,
    /// `None`: the page's host name (resolved in the browser).
    pub(crate) domain: Option<String>,
    pub(crate) path: String,
    pub(crate) same_site: SameSite,
    pub(crate) secure: bool,
    pub(crate) expires: Expiry,
    pub(crate) use_local_storage: bool,
}

/// A cookie name or storage key: exact, or a JS RegExp.
#[derive(Clone, Debug, PartialEq)]
pub(crate) enum Pattern {
    Exact(String),
    Regex(Handle),
}

/// A cookie to erase on withdrawal.
#[derive(Clone, Debug, PartialEq)]
pub(crate) struct CookieRule {
    pub(crate) name: Pattern,
    pub(crate) path: Option<String>,
    pub(crate) domain: Option<String>,
}

#[derive(Clone, Debug, PartialEq)]
pub(crate) struct Service {
    pub(crate) name: String,
    pub(crate) label: Option<String>,
    pub(crate) on_accept: Option<Handle>,
    pub(crate) on_reject: Option<Handle>,
    pub(crate) cookies: Vec<CookieRule>,
    /// URL prefixes or `*` globs whose late-inserted elements are held (auto-blocking).
    pub(crate) urls: Vec<String>,
}

#[derive(Clone, Debug, PartialEq, Default)]
pub(crate) struct AutoClear {
    pub(crate) cookies: Vec<CookieRule>,
    pub(crate) reload_page: bool,
    pub(crate) storage_keys: Vec<Pattern>,
}

#[derive(Clone, Debug, PartialEq)]
pub(crate) struct Category {
    pub(crate) name: String,
    pub(crate) enabled: bool,
    pub(crate) read_only: bool,
    pub(crate) services: Vec<Service>,
    pub(crate) auto_clear: AutoClear,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum AutoDetect {
    Document,
    Browser,
}

/// Where a language's texts come from.
#[derive(Clone, Debug, PartialEq)]
pub(crate) enum TranslationSource {
    Inline(Value),
    Url(String),
    Function(Handle),
}

#[derive(Clone, Debug, PartialEq)]
pub(crate) struct Language {
    pub(crate) default: String,
    pub(crate) rtl: Vec<String>,
    pub(crate) auto_detect: Option<AutoDetect>,
    pub(crate) translations: Vec<(String, TranslationSource)>,
}

#[derive(Clone, Debug, PartialEq, Default)]
pub(crate) struct Callbacks {
    pub(crate) on_first_consent: Option<Handle>,
    pub(crate) on_consent: Option<Handle>,
    pub(crate) on_change: Option<Handle>,
    pub(crate) on_modal_show: Option<Handle>,
    pub(crate) on_modal_hide: Option<Handle>,
    pub(crate) on_modal_ready: Option<Handle>,
}

pub(crate) use crate::protocol::GCM_TYPES;

#[derive(Clone, Debug, PartialEq)]
pub(crate) struct GoogleConsentMode {
    /// For each consent type (index into [`GCM_TYPES`]): the categories that grant it
    /// (granted when any of them is accepted). Empty: always denied.
    pub(crate) mapping: Vec<(usize, Vec<String>)>,
    /// Types the default mapping tied to no configured category (the engine warns).
    pub(crate) unmapped: Vec<usize>,
    pub(crate) wait_for_update: Option<f64>,
    pub(crate) regions: Vec<String>,
    pub(crate) url_passthrough: bool,
    pub(crate) ads_data_redaction: bool,
}

/// Microsoft UET consent mode (`microsoftConsentMode`): `ad_storage` is granted when any of
/// these categories is accepted; empty: always denied.
#[derive(Clone, Debug, PartialEq)]
pub(crate) struct UetConsentMode {
    pub(crate) categories: Vec<String>,
    /// The default found no advertising category (the engine warns).
    pub(crate) unmapped: bool,
}

#[derive(Clone, Debug, PartialEq)]
pub(crate) struct Gpc {
    pub(crate) categories: Vec<String>,
}

/// The whole validated config.
#[derive(Clone, Debug, PartialEq)]
pub(crate) struct Config {
    pub(crate) root: Root,
    pub(crate) mode: Mode,
    pub(crate) auto_show: bool,
    pub(crate) revision: u32,
    pub(crate) manage_script_tags: bool,
    pub(crate) auto_clear_cookies: bool,
    pub(crate) disable_page_interaction: bool,
    pub(crate) hide_from_bots: bool,
    pub(crate) lazy_html_generation: bool,
    pub(crate) consent_gui: ConsentGui,
    pub(crate) prefs_gui: PrefsGui,
    pub(crate) cookie: CookieOptions,
    pub(crate) callbacks: Callbacks,
    pub(crate) categories: Vec<Category>,
    pub(crate) language: Language,
    pub(crate) google_consent_mode: Option<GoogleConsentMode>,
    pub(crate) uet_consent_mode: Option<UetConsentMode>,
    pub(crate) gpc: Option<Gpc>,
    pub(crate) debug: bool,
    pub(crate) consent_log: Option<String>,
    /// `consentLog.recordsUrl`: where the site keeps the consent records; `{consentId}`
    /// is the visitor's consent id. The inline preference center links to it.
    pub(crate) records_url: Option<String>,
}

impl Config {
    /// Read and validate a config.
    ///
    /// # Errors
    /// The first wrong field, as [`Error::Config`] with its path.
    pub(crate) fn parse(value: &Value, unknown: &mut Unknown) -> Result<Config> {
        let root_path = Path::root("");
        schema::validate(value, &schema::CONFIG, &root_path, unknown)?;
        // The readers below see the table's defaults where the site's config is silent.
        let filled = schema::with_defaults(value, &schema::CONFIG, None);
        let v = &filled;
        let gui = get(v, "guiOptions");
        let categories = read_categories(v);
        let too_many = |n: usize| n > MAX_ITEMS;
        if too_many(categories.len()) {
            return Err(Error::config("categories".into(), at_most("categories"), ""));
        }
        if let Some(c) = categories.iter().find(|c| too_many(c.services.len())) {
            let p = root_path.key("categories");
            let p = p.key(&c.name);
            return Err(Error::config(p.key("services").render(), at_most("services"), ""));
        }
        let config = Config {
            root: match get(v, "root") {
                Some(Value::Str(s)) => Root::Selector(s.clone()),
                Some(Value::Node(h)) => Root::Element(*h),
                _ => Root::Body,
            },
            mode: if word(v, "mode") == "opt-out" { Mode::OptOut } else { Mode::OptIn },
            auto_show: flag(v, "autoShow"),
            revision: number(v, "revision").unwrap_or_default() as u32,
            manage_script_tags: flag(v, "manageScriptTags"),
            auto_clear_cookies: flag(v, "autoClearCookies"),
            disable_page_interaction: flag(v, "disablePageInteraction"),
            hide_from_bots: flag(v, "hideFromBots"),
            lazy_html_generation: flag(v, "lazyHtmlGeneration"),
            consent_gui: read_consent_gui(gui.and_then(|g| get(g, "consentModal"))),
            prefs_gui: read_prefs_gui(gui.and_then(|g| get(g, "preferencesModal"))),
            cookie: read_cookie(get(v, "cookie")),
            callbacks: Callbacks {
                on_first_consent: func(v, "onFirstConsent"),
                on_consent: func(v, "onConsent"),
                on_change: func(v, "onChange"),
                on_modal_show: func(v, "onModalShow"),
                on_modal_hide: func(v, "onModalHide"),
                on_modal_ready: func(v, "onModalReady"),
            },
            language: read_language(get(v, "language")),
            google_consent_mode: read_gcm(get(v, "googleConsentMode"), &categories, &root_path)?,
            uet_consent_mode: read_uet(get(v, "microsoftConsentMode"), &categories, &root_path)?,
            gpc: read_gpc(get(v, "gpc"), &categories, &root_path)?,
            debug: flag(v, "debug"),
            consent_log: get(v, "consentLog").and_then(|c| text(c, "endpoint")),
            records_url: get(v, "consentLog").and_then(|c| text(c, "recordsUrl")),
            categories,
        };
        Ok(config)
    }

    pub(crate) fn category(&self, name: &str) -> Option<&Category> {
        self.categories.iter().find(|c| c.name == name)
    }

    /// The position of a category (its bit in a consent choice).
    pub(crate) fn category_index(&self, name: &str) -> Option<usize> {
        self.categories.iter().position(|c| c.name == name)
    }

    /// The translation source configured for `code`, if any.
    pub(crate) fn translation(&self, code: &str) -> Option<&TranslationSource> {
        self.language.translations.iter().find(|(c, _)| c == code).map(|(_, s)| s)
    }

    pub(crate) fn is_rtl(&self, code: &str) -> bool {
        self.language.rtl.iter().any(|c| c == code)
    }
}

/// v3's defaults as `getConfig()` shows them where the site's config is silent
/// (`cookie.domain`: the page's host name): the table's shown defaults
/// ([`schema::Key::shown`]); the loader lays the site's config over them.
pub(crate) fn defaults(hostname: &str) -> Value {
    schema::with_defaults(&Value::Obj(Vec::new()), &schema::CONFIG, Some(hostname))
}

/// "at most 32 services", the number being [`MAX_ITEMS`].
pub(crate) fn at_most(what: &str) -> String {
    let mut s = String::from("at most ");
    crate::value::push_int(MAX_ITEMS as i64, &mut s);
    s.push(' ');
    s.push_str(what);
    s
}

// ---- reading a validated value (cannot fail) ----------------------------------------------

/// A member that is present and not `null`.
pub(crate) fn get<'v>(v: &'v Value, key: &str) -> Option<&'v Value> {
    v.get(key).filter(|m| !matches!(m, Value::Null))
}

/// A flag: `true` only when it is (the table's default is already in `v`).
fn flag(v: &Value, key: &str) -> bool {
    matches!(get(v, key), Some(Value::Bool(true)))
}

/// A string member, `""` when absent.
fn word<'v>(v: &'v Value, key: &str) -> &'v str {
    get(v, key).and_then(Value::as_str).unwrap_or_default()
}

pub(crate) fn text(v: &Value, key: &str) -> Option<String> {
    get(v, key).and_then(Value::as_str).map(str::to_owned)
}

fn number(v: &Value, key: &str) -> Option<f64> {
    get(v, key).and_then(Value::as_f64)
}

fn func(v: &Value, key: &str) -> Option<Handle> {
    match get(v, key) {
        Some(Value::Func(h)) => Some(*h),
        _ => None,
    }
}

/// A string or an array of strings, as a list.
pub(crate) fn list(v: Option<&Value>) -> Vec<String> {
    let mut out = Vec::new();
    match v {
        Some(Value::Str(s)) => out.push(s.clone()),
        Some(Value::Arr(items)) => {
            for item in items {
                if let Value::Str(s) = item {
                    out.push(s.clone());
                }
            }
        }
        _ => {}
    }
    out
}

fn read_consent_gui(o: Option<&Value>) -> ConsentGui {
    let none = Value::Null;
    let o = o.unwrap_or(&none);
    let layout = word(o, "layout");
    let (kind, wide, inline) = match layout {
        "box wide" => (CmKind::Box, true, false),
        "box inline" => (CmKind::Box, false, true),
        "cloud" => (CmKind::Cloud, false, false),
        "cloud inline" => (CmKind::Cloud, false, true),
        "bar" => (CmKind::Bar, false, false),
        "bar inline" => (CmKind::Bar, false, true),
        _ => (CmKind::Box, false, false),
    };
    // The position's default depends on the layout: bottom right for a box, else bottom center.
    let mut words = get(o, "position").and_then(Value::as_str).unwrap_or(if kind == CmKind::Box { "bottom right" } else { "bottom center" }).split(' ');
    let vertical = match words.next() {
        Some("top") => Vertical::Top,
        Some("middle") => Vertical::Middle,
        _ => Vertical::Bottom,
    };
    let horizontal = match words.next() {
        Some("left") => Horizontal::Left,
        Some("right") => Horizontal::Right,
        _ => Horizontal::Center,
    };
    ConsentGui { kind, wide, inline, vertical, horizontal, flip_buttons: flag(o, "flipButtons"), equal_weight_buttons: flag(o, "equalWeightButtons") }
}

fn read_prefs_gui(o: Option<&Value>) -> PrefsGui {
    let none = Value::Null;
    let o = o.unwrap_or(&none);
    let layout = word(o, "layout");
    PrefsGui {
        bar: layout.starts_with("bar"),
        wide: layout == "bar wide",
        left: word(o, "position") == "left",
        flip_buttons: flag(o, "flipButtons"),
        equal_weight_buttons: flag(o, "equalWeightButtons"),
    }
}

fn read_cookie(o: Option<&Value>) -> CookieOptions {
    let none = Value::Null;
    let o = o.unwrap_or(&none);
    CookieOptions {
        name: word(o, "name").into(),
        domain: text(o, "domain"),
        path: word(o, "path").into(),
        same_site: match word(o, "sameSite") {
            "Strict" => SameSite::Strict,
            "None" => SameSite::None,
            _ => SameSite::Lax,
        },
        secure: flag(o, "secure"),
        expires: match get(o, "expiresAfterDays") {
            Some(Value::Func(h)) => Expiry::Function(*h),
            days => Expiry::Days(days.and_then(Value::as_f64).unwrap_or_default()),
        },
        use_local_storage: flag(o, "useLocalStorage"),
    }
}

fn pattern(v: &Value) -> Option<Pattern> {
    match v {
        Value::Str(s) => Some(Pattern::Exact(s.clone())),
        Value::Regex(h) => Some(Pattern::Regex(*h)),
        _ => None,
    }
}

fn cookie_rules(v: Option<&Value>) -> Vec<CookieRule> {
    let mut out = Vec::new();
    for rule in v.and_then(Value::as_array).unwrap_or(&[]) {
        if let Some(name) = get(rule, "name").and_then(pattern) {
            out.push(CookieRule { name, path: text(rule, "path"), domain: text(rule, "domain") });
        }
    }
    out
}

fn read_categories(v: &Value) -> Vec<Category> {
    let mut out = Vec::new();
    for (name, c) in get(v, "categories").and_then(Value::as_object).unwrap_or(&[]) {
        if matches!(c, Value::Null) {
            continue;
        }
        let read_only = flag(c, "readOnly");
        let mut services = Vec::new();
        for (sname, s) in get(c, "services").and_then(Value::as_object).unwrap_or(&[]) {
            if matches!(s, Value::Null) {
                continue;
            }
            services.push(Service {
                name: sname.clone(),
                label: text(s, "label"),
                on_accept: func(s, "onAccept"),
                on_reject: func(s, "onReject"),
                cookies: cookie_rules(get(s, "cookies")),
                urls: list(get(s, "urls")),
            });
        }
        let ac = get(c, "autoClear");
        let mut storage_keys = Vec::new();
        for k in ac.and_then(|a| get(a, "storageKeys")).and_then(Value::as_array).unwrap_or(&[]) {
            storage_keys.extend(pattern(k));
        }
        out.push(Category {
            name: name.clone(),
            enabled: flag(c, "enabled") || read_only,
            read_only,
            services,
            auto_clear: AutoClear {
                cookies: cookie_rules(ac.and_then(|a| get(a, "cookies"))),
                reload_page: ac.is_some_and(|a| flag(a, "reloadPage")),
                storage_keys,
            },
        });
    }
    out
}

fn read_language(o: Option<&Value>) -> Language {
    let none = Value::Null;
    let o = o.unwrap_or(&none);
    let mut translations = Vec::new();
    for (code, source) in get(o, "translations").and_then(Value::as_object).unwrap_or(&[]) {
        let source = match source {
            Value::Obj(_) => TranslationSource::Inline(source.clone()),
            Value::Str(url) => TranslationSource::Url(url.clone()),
            Value::Func(h) => TranslationSource::Function(*h),
            _ => continue,
        };
        translations.push((code.clone(), source));
    }
    Language {
        default: word(o, "default").into(),
        rtl: list(get(o, "rtl")),
        auto_detect: match word(o, "autoDetect") {
            "document" => Some(AutoDetect::Document),
            "browser" => Some(AutoDetect::Browser),
            _ => None,
        },
        translations,
    }
}

/// Every name must be a configured category.
fn known_categories(names: &[String], categories: &[Category], p: &Path) -> Result<()> {
    for (i, name) in names.iter().enumerate() {
        if !categories.iter().any(|c| &c.name == name) {
            let mut expected = String::from("the name of a configured category, got \"");
            expected.push_str(name);
            expected.push('"');
            return Err(Error::config(p.index(i).render(), expected, ""));
        }
    }
    Ok(())
}

fn read_gcm(v: Option<&Value>, cats: &[Category], root: &Path) -> Result<Option<GoogleConsentMode>> {
    let o = match v {
        None | Some(Value::Bool(false)) => return Ok(None),
        Some(o) => o,
    };
    let p = root.key("googleConsentMode");
    let has = |name: &str| cats.iter().any(|c| c.name == name);
    let mut necessary = Vec::new();
    for c in cats.iter().filter(|c| c.read_only) {
        necessary.push(c.name.clone());
    }
    // The default mapping (README "Google Consent Mode v2").
    let ads = ads_categories(cats);
    let mut mapping: Vec<(usize, Vec<String>)> = Vec::new();
    for (i, t) in GCM_TYPES.iter().enumerate() {
        let cats = match *t {
            "analytics_storage" if has("analytics") => vec!["analytics".to_owned()],
            "ad_storage" | "ad_user_data" | "ad_personalization" => ads.clone(),
            "functionality_storage" | "security_storage" => necessary.clone(),
            "personalization_storage" if has("functionality") => vec!["functionality".to_owned()],
            _ => Vec::new(),
        };
        mapping.push((i, cats));
    }
    let mut unmapped: Vec<usize> = mapping.iter().filter(|(_, c)| c.is_empty()).map(|(i, _)| *i).collect();
    if let Some(m) = get(o, "mapping").and_then(Value::as_object) {
        let mp = p.key("mapping");
        for (ty, names) in m {
            let Some(i) = GCM_TYPES.iter().position(|t| t == ty) else {
                let mut expected = String::from("a key that is a Consent Mode type: ");
                crate::value::push_joined(&mut expected, &mut GCM_TYPES.iter().copied(), ", ");
                return Err(Error::config(mp.key(ty).render(), expected, ""));
            };
            let names = list(Some(names));
            known_categories(&names, cats, &mp.key(ty))?;
            mapping[i].1 = names;
            unmapped.retain(|u| *u != i); // the site's own mapping, even to no category
        }
    }
    Ok(Some(GoogleConsentMode {
        mapping,
        unmapped,
        wait_for_update: number(o, "waitForUpdate"),
        regions: list(get(o, "regions")),
        url_passthrough: flag(o, "urlPassthrough"),
        ads_data_redaction: flag(o, "adsDataRedaction"),
    }))
}

/// The category a site keeps advertising in, by the names sites use: `marketing` (v3's
/// examples), `advertisement` (v3's Consent Mode guide), `advertising`, `ads`; the first one
/// configured. Empty when none is.
fn ads_categories(cats: &[Category]) -> Vec<String> {
    let name = ["marketing", "advertisement", "advertising", "ads"].into_iter().find(|n| cats.iter().any(|c| c.name == *n));
    name.map(|n| vec![n.to_owned()]).unwrap_or_default()
}

fn read_uet(v: Option<&Value>, cats: &[Category], root: &Path) -> Result<Option<UetConsentMode>> {
    let o = match v {
        None | Some(Value::Bool(false)) => return Ok(None),
        Some(o) => o,
    };
    let categories = match get(o, "categories") {
        Some(names) => {
            let names = list(Some(names));
            known_categories(&names, cats, &root.key("microsoftConsentMode").key("categories"))?;
            names
        }
        None => ads_categories(cats),
    };
    let unmapped = categories.is_empty() && get(o, "categories").is_none();
    Ok(Some(UetConsentMode { categories, unmapped }))
}

fn read_gpc(v: Option<&Value>, cats: &[Category], root: &Path) -> Result<Option<Gpc>> {
    let o = match v {
        None | Some(Value::Bool(false)) => return Ok(None),
        Some(o) => o,
    };
    let p = root.key("gpc");
    let categories = match get(o, "categories") {
        Some(list_value) => {
            let names = list(Some(list_value));
            known_categories(&names, cats, &p.key("categories"))?;
            names
        }
        None => cats.iter().filter(|c| c.name == "marketing").map(|c| c.name.clone()).collect(),
    };
    if let Some(c) = cats.iter().find(|c| c.read_only && categories.contains(&c.name)) {
        let mut expected = String::from("categories that can be rejected; \"");
        expected.push_str(&c.name);
        expected.push_str("\" is readOnly");
        return Err(Error::config(p.key("categories").render(), expected, ""));
    }
    Ok(Some(Gpc { categories }))
}

#[cfg(test)]
mod tests;
