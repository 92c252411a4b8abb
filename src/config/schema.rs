//! The config schema as data: each key described once, and one validator for it.
//!
//! Each key is one row ([`Key`]): its name, what its value must be ([`S`]), whether it is
//! required, its default and whether `getConfig()` shows that default. From this table come
//! the validator (a single walk: wrong types and values become an [`Error`] naming the path
//! and what was expected; keys the table doesn't know are collected for one warning), the
//! defaults the readers in `super` see ([`with_defaults`]), `getConfig()`'s defaults and the
//! JSON Schema of the config (`dist/consentry.schema.json`, [`json_schema`]). A table and one
//! walker are a fraction of the wasm that per-field code costs; serde's derive over the same
//! `Value` was measured at +13,493 B gzip (README "Config reference").

#[allow(unused_imports)]
use crate::prelude::*;

use super::read::{one_of, Path, Unknown};
use crate::error::Error;
use crate::value::{is_whole, Value};

/// What a value must be.
pub(crate) enum S {
    Bool,
    Str,
    /// A string with something other than white space in it; the text says what it is.
    Name(&'static str),
    Func,
    /// A whole number within a range.
    Whole(f64, f64, &'static str),
    /// A number within a range.
    Num(f64, f64, &'static str),
    Choice(&'static [&'static str]),
    /// A string or an array of strings.
    StrList,
    /// A string, RegExp (cookie names, storage keys).
    Pattern(&'static str),
    /// A string or an Element (`root`).
    Root,
    /// An object with these keys.
    Obj(&'static [Key], &'static str),
    /// An object with any keys, each value of this schema.
    Map(&'static S, &'static str),
    Arr(&'static S, &'static str),
    /// The first alternative whose kind matches decides; the text is the combined expectation.
    Either(&'static [S], &'static str),
    /// A string passing a check.
    Check(Check),
    /// Anything (setCookieData values, custom table cells).
    Any,
}

use S::*;

/// One key of an object: the config described once.
pub(crate) struct Key {
    pub(crate) name: &'static str,
    pub(crate) s: S,
    pub(crate) required: bool,
    /// What consentry uses where the config is silent.
    pub(crate) default: Def,
    /// Whether `getConfig()` shows the default (v3 shows some, not all).
    pub(crate) shown: bool,
}

/// A key's default.
#[derive(Clone, Copy)]
pub(crate) enum Def {
    None,
    Bool(bool),
    /// A whole number (keeps each row small: a `u32`, not an `f64`).
    Num(u32),
    Str(&'static str),
    /// The page's host name (`cookie.domain`): shown by `getConfig()`, resolved in the browser.
    Host,
}

/// A key with no default, not required.
const fn key(name: &'static str, s: S) -> Key {
    Key { name, s, required: false, default: Def::None, shown: false }
}

impl Key {
    const fn required(mut self) -> Key {
        self.required = true;
        self
    }

    /// A default that `getConfig()` shows.
    const fn shown(mut self, default: Def) -> Key {
        self.default = default;
        self.shown = true;
        self
    }

    /// A default that `getConfig()` leaves out (as v3's does).
    const fn or(mut self, default: Def) -> Key {
        self.default = default;
        self
    }
}

/// The checks a string can have to pass.
#[derive(Clone, Copy)]
pub(crate) enum Check {
    CookieName,
    /// A path on the site.
    Path,
    /// A link the page may show: http(s), or a path on the site.
    Link,
}

impl Check {
    fn ok(self, s: &str) -> bool {
        match self {
            Check::CookieName => !s.is_empty() && s.bytes().all(|b| b.is_ascii_graphic() && !b"()<>@,;:\\\"/[]?={}".contains(&b)),
            Check::Path => s.starts_with('/'),
            Check::Link => {
                let lower = s.to_ascii_lowercase();
                lower.starts_with("https://") || lower.starts_with("http://") || s.starts_with('/')
            }
        }
    }

    fn what(self) -> &'static str {
        match self {
            Check::CookieName => "a cookie name without spaces, quotes, commas, semicolons or equals signs",
            Check::Path => "a path starting with \"/\"",
            Check::Link => "an http(s) URL or a path starting with \"/\"",
        }
    }

    /// The same check as a JSON Schema `pattern` (ECMA-262 regular expression).
    fn pattern(self) -> &'static str {
        match self {
            Check::CookieName => "^[!#$%&'*+.0-9A-Z^_`a-z|~-]+$",
            Check::Path => "^/",
            Check::Link => "^([hH][tT][tT][pP][sS]?://|/)",
        }
    }
}

const GUI_CM: S = Obj(
    &[
        key("layout", Choice(&super::CM_LAYOUTS)).or(Def::Str("box")),
        // The default depends on the layout ("bottom right" for a box, else "bottom center").
        key("position", Choice(&super::CM_POSITIONS)),
        key("flipButtons", Bool).or(Def::Bool(false)),
        key("equalWeightButtons", Bool).or(Def::Bool(true)),
    ],
    "an object",
);
const GUI_PM: S = Obj(
    &[
        key("layout", Choice(&super::PM_LAYOUTS)).or(Def::Str("box")),
        key("position", Choice(&super::PM_POSITIONS)).or(Def::Str("right")),
        key("flipButtons", Bool).or(Def::Bool(false)),
        key("equalWeightButtons", Bool).or(Def::Bool(true)),
    ],
    "an object",
);
const COOKIE_RULE: S = Obj(
    &[
        key("name", Pattern("a cookie name (a non-empty string or a RegExp)")).required(),
        key("path", Name("a non-empty path")),
        key("domain", Name("a non-empty domain")),
    ],
    "an object ({ name, path, domain })",
);
const COOKIE_RULES: S = Arr(&COOKIE_RULE, "an array");
const SERVICE: S = Obj(
    &[key("label", Str), key("onAccept", Func), key("onReject", Func), key("cookies", COOKIE_RULES), key("urls", Arr(&Name("a string"), "an array"))],
    "an object ({ label, onAccept, onReject, cookies, urls })",
);
const CATEGORY: S = Obj(
    &[
        key("enabled", Bool),
        key("readOnly", Bool),
        key("services", Map(&SERVICE, "an object mapping service names to service options")),
        key(
            "autoClear",
            Obj(
                &[
                    key("cookies", COOKIE_RULES),
                    key("reloadPage", Bool),
                    key("storageKeys", Arr(&Pattern("a storage key (a non-empty string or a RegExp)"), "an array")),
                ],
                "an object ({ cookies, reloadPage, storageKeys })",
            ),
        ),
    ],
    "an object ({ enabled, readOnly, services, autoClear })",
);

const TABLE: S = Obj(
    &[
        key("caption", Str),
        key("headers", Map(&Str, "an object mapping column keys to header texts")).required(),
        key("body", Arr(&Map(&Any, "an object mapping column keys to cell texts"), "an array of rows")),
    ],
    "an object ({ caption, headers, body })",
);
const SECTION: S = Obj(
    &[key("title", Str), key("description", Str), key("linkedCategory", Str), key("cookieTable", TABLE)],
    "a section object ({ title, description, linkedCategory, cookieTable })",
);

/// A v3 translation object (`language.translations.<code>`).
pub(crate) const TRANSLATION: S = Obj(
    &[
        key(
            "consentModal",
            Obj(
                &[
                    key("label", Str),
                    key("title", Str),
                    key("description", Str),
                    key("acceptAllBtn", Str),
                    key("acceptNecessaryBtn", Str),
                    key("showPreferencesBtn", Str),
                    key("closeIconLabel", Str),
                    key("revisionMessage", Str),
                    key("footer", Str),
                    key("gpcNotice", Str),
                ],
                "an object",
            ),
        ),
        key(
            "preferencesModal",
            Obj(
                &[
                    key("title", Str),
                    key("acceptAllBtn", Str),
                    key("acceptNecessaryBtn", Str),
                    key("savePreferencesBtn", Str),
                    key("closeIconLabel", Str),
                    key("serviceCounterLabel", Str),
                    key("sections", Arr(&SECTION, "an array of sections")),
                    key("introTitle", Str),
                    key("introDescription", Str),
                    key("moreTitle", Str),
                    key("moreDescription", Str),
                    key("gpcNotice", Str),
                ],
                "an object",
            ),
        ),
        key("embedPlaceholder", Obj(&[key("text", Str), key("loadBtn", Str), key("preferencesBtn", Str)], "an object ({ text, loadBtn, preferencesBtn })")),
        key(
            "preferenceCenter",
            Obj(
                &[
                    key("historyTitle", Str),
                    key("historyEmpty", Str),
                    key("historyAll", Str),
                    key("historyNecessary", Str),
                    key("historyCustom", Str),
                    key("receiptBtn", Str),
                    key("recordsLink", Str),
                ],
                "an object",
            ),
        ),
        key(
            "categories",
            Map(
                &Obj(&[key("title", Str), key("description", Str)], "an object ({ title, description })"),
                "an object mapping category names to { title, description }",
            ),
        ),
    ],
    "a translation object ({ consentModal, preferencesModal, … })",
);

/// The whole config.
pub(crate) const CONFIG: S = Obj(
    &[
        // A JSON config file's pointer to its JSON Schema (README "Config from a JSON file").
        key("$schema", Str),
        key("root", Root),
        key("mode", Choice(&["opt-in", "opt-out"])).shown(Def::Str("opt-in")),
        key("autoShow", Bool).shown(Def::Bool(true)),
        key("revision", Whole(0.0, 4_294_967_295.0, "a whole number ≥ 0")).shown(Def::Num(0)),
        key("manageScriptTags", Bool).shown(Def::Bool(true)),
        key("autoClearCookies", Bool).shown(Def::Bool(true)),
        key("disablePageInteraction", Bool),
        key("hideFromBots", Bool).shown(Def::Bool(true)),
        key("lazyHtmlGeneration", Bool).shown(Def::Bool(true)),
        key("guiOptions", Obj(&[key("consentModal", GUI_CM), key("preferencesModal", GUI_PM)], "an object with consentModal and preferencesModal")),
        key(
            "cookie",
            Obj(
                &[
                    key("name", Check(Check::CookieName)).shown(Def::Str("cc_cookie")),
                    key("domain", Name("a non-empty domain")).shown(Def::Host),
                    key("path", Check(Check::Path)).shown(Def::Str("/")),
                    key("sameSite", Choice(&["Lax", "Strict", "None"])).shown(Def::Str("Lax")),
                    key("secure", Bool).shown(Def::Bool(true)),
                    key("expiresAfterDays", Either(&[Num(0.0001, 36_500.0, ""), Func], "a number of days (> 0 and ≤ 36500) or a function of the accept type"))
                        .shown(Def::Num(182)),
                    key("useLocalStorage", Bool).shown(Def::Bool(true)),
                ],
                "an object",
            ),
        ),
        key("onFirstConsent", Func),
        key("onConsent", Func),
        key("onChange", Func),
        key("onModalShow", Func),
        key("onModalHide", Func),
        key("onModalReady", Func),
        key("categories", Map(&CATEGORY, "an object mapping category names to category options")),
        key(
            "language",
            Obj(
                &[
                    key("default", Name("a language code such as \"en\"")).or(Def::Str("en")),
                    key("rtl", StrList),
                    key("autoDetect", Choice(&["document", "browser"])),
                    key(
                        "translations",
                        Map(
                            &Either(&[TRANSLATION, Name(""), Func], "a translation object, a URL string, or a function returning one"),
                            "an object mapping language codes to translations",
                        ),
                    ),
                ],
                "an object ({ default, translations, autoDetect, rtl })",
            ),
        ),
        key(
            "googleConsentMode",
            Either(
                &[
                    Bool,
                    Obj(
                        &[
                            key("mapping", Map(&StrList, "an object mapping consent types to category names")),
                            key("waitForUpdate", Num(0.0, 60_000.0, "milliseconds (0 to 60000)")),
                            key("regions", StrList),
                            key("urlPassthrough", Bool),
                            key("adsDataRedaction", Bool),
                        ],
                        "",
                    ),
                ],
                "true or an object ({ mapping, waitForUpdate, regions, urlPassthrough, adsDataRedaction })",
            ),
        ),
        key("microsoftConsentMode", Either(&[Bool, Obj(&[key("categories", StrList)], "")], "true or an object ({ categories })")),
        key("gpc", Either(&[Bool, Obj(&[key("categories", StrList)], "")], "true or an object ({ categories })")),
        key("debug", Bool),
        key(
            "consentLog",
            Obj(&[key("endpoint", Name("a URL string")).required(), key("recordsUrl", Check(Check::Link))], "an object ({ endpoint, recordsUrl })"),
        ),
        // v3 accepted `delay` without documenting it; harmless to allow.
        key("delay", Any),
    ],
    "a config object",
);

/// Which [`S`] accepts values of this kind at all (for [`S::Either`]).
fn accepts_kind(s: &S, v: &Value) -> bool {
    matches!(
        (s, v),
        (Bool, Value::Bool(_))
            | (Str | Name(_) | Check(..) | Choice(_), Value::Str(_))
            | (Func, Value::Func(_))
            | (Whole(..) | Num(..), Value::Num(_))
            | (StrList, Value::Str(_) | Value::Arr(_))
            | (Pattern(_), Value::Str(_) | Value::Regex(_))
            | (Root, Value::Str(_) | Value::Node(_))
            | (Obj(..) | Map(..), Value::Obj(_))
            | (Arr(..), Value::Arr(_))
            | (Any, _)
    )
}

/// Validate `v` against `s` at `path`. `null`/`undefined` members count as absent.
///
/// # Errors
/// The first value that doesn't fit, with its path.
pub(crate) fn validate(v: &Value, s: &S, path: &Path, unknown: &mut Unknown) -> Result<(), Error> {
    let fail = |expected: &str| Err(path.error(expected, v));
    match s {
        Any => Ok(()),
        Bool => {
            if matches!(v, Value::Bool(_)) {
                Ok(())
            } else {
                fail("true or false")
            }
        }
        Str => {
            if matches!(v, Value::Str(_)) {
                Ok(())
            } else {
                fail("a string")
            }
        }
        Func => {
            if matches!(v, Value::Func(_)) {
                Ok(())
            } else {
                fail("a function")
            }
        }
        Name(what) => match v {
            Value::Str(x) if !x.trim().is_empty() => Ok(()),
            _ => fail(what),
        },
        Check(check) => match v {
            Value::Str(x) if check.ok(x) => Ok(()),
            Value::Str(_) => Err(Error::config(path.render(), check.what(), "")),
            _ => fail(check.what()),
        },
        Whole(min, max, what) | Num(min, max, what) => match v {
            Value::Num(n) if n.is_finite() && *n >= *min && *n <= *max && (matches!(s, Num(..)) || is_whole(*n)) => Ok(()),
            _ => fail(what),
        },
        Choice(choices) => match v {
            Value::Str(x) if choices.contains(&x.as_str()) => Ok(()),
            Value::Str(x) => {
                let mut expected = one_of(choices);
                expected.push_str(", got \"");
                expected.extend(x.chars().take(60));
                expected.push('"');
                Err(Error::config(path.render(), expected, ""))
            }
            _ => fail(&one_of(choices)),
        },
        StrList => match v {
            Value::Str(_) => Ok(()),
            Value::Arr(items) => {
                for (i, item) in items.iter().enumerate() {
                    validate(item, &Str, &path.index(i), unknown)?;
                }
                Ok(())
            }
            _ => fail("a string or an array of strings"),
        },
        Pattern(what) => match v {
            Value::Str(x) if !x.is_empty() => Ok(()),
            Value::Regex(_) => Ok(()),
            _ => fail(what),
        },
        Root => match v {
            Value::Str(x) if !x.trim().is_empty() => Ok(()),
            Value::Node(_) => Ok(()),
            _ => fail("a CSS selector or an Element"),
        },
        Obj(fields, what) => {
            let Value::Obj(members) = v else { return fail(what) };
            for field in fields.iter() {
                match members.iter().find(|(k, _)| k == field.name).map(|(_, m)| m) {
                    Some(Value::Null) | None if field.required => {
                        return Err(path.key(field.name).error(expected_of(&field.s), &Value::Null));
                    }
                    Some(Value::Null) | None => {}
                    Some(m) => validate(m, &field.s, &path.key(field.name), unknown)?,
                }
            }
            let known: Vec<&str> = fields.iter().map(|k| k.name).collect();
            unknown.check(members, &known, path);
            Ok(())
        }
        Map(schema, what) => {
            let Value::Obj(members) = v else { return fail(what) };
            for (key, m) in members {
                if key.trim().is_empty() {
                    return Err(Error::config(path.key(key).render(), "a non-empty name", ""));
                }
                if !matches!(m, Value::Null) {
                    validate(m, schema, &path.key(key), unknown)?;
                }
            }
            Ok(())
        }
        Arr(schema, what) => {
            let Value::Arr(items) = v else { return fail(what) };
            for (i, item) in items.iter().enumerate() {
                validate(item, schema, &path.index(i), unknown)?;
            }
            Ok(())
        }
        Either(options, what) => match options.iter().find(|o| accepts_kind(o, v)) {
            Some(o) => match validate(v, o, path, unknown) {
                // Keep the alternative's own message when it has one (an object's field);
                // otherwise report the combined expectation.
                Err(Error::Config { path: p, .. }) if p == path.render() => fail(what),
                other => other,
            },
            None => fail(what),
        },
    }
}

/// The expectation text of a schema node (for missing required fields).
fn expected_of(s: &S) -> &'static str {
    match s {
        Check(check) => check.what(),
        Name(w) | Pattern(w) | Whole(_, _, w) | Num(_, _, w) | Obj(_, w) | Map(_, w) | Arr(_, w) | Either(_, w) => w,
        Bool => "true or false",
        Func => "a function",
        _ => "a string",
    }
}

/// `v` with the table's defaults where it is silent (absent or `null` members), into objects
/// and maps of objects. With `host` (`getConfig()`): only the defaults `getConfig()` shows,
/// [`Def::Host`] as `host`; without: every default but [`Def::Host`] (the readers in `super`).
pub(crate) fn with_defaults(v: &Value, s: &S, host: Option<&str>) -> Value {
    match (s, v) {
        (Obj(fields, _), Value::Obj(members)) => {
            let mut out: Vec<(String, Value)> = Vec::new();
            for (name, m) in members {
                let filled = match fields.iter().find(|k| k.name == name) {
                    Some(k) => with_defaults(m, &k.s, host),
                    None => m.clone(),
                };
                out.push((name.clone(), filled));
            }
            for k in fields.iter() {
                let present = members.iter().position(|(name, m)| name == k.name && !matches!(m, Value::Null));
                if present.is_some() || (host.is_some() && !k.shown && !matches!(k.s, Obj(..))) {
                    continue;
                }
                let default = match k.default {
                    Def::None => match &k.s {
                        Obj(..) => match with_defaults(&Value::Obj(Vec::new()), &k.s, host) {
                            Value::Obj(m) if m.is_empty() => continue,
                            filled => filled,
                        },
                        _ => continue,
                    },
                    Def::Bool(b) => Value::Bool(b),
                    Def::Num(n) => Value::Num(f64::from(n)),
                    Def::Str(t) => Value::Str(t.into()),
                    Def::Host => match host {
                        Some(h) => Value::Str(h.into()),
                        None => continue,
                    },
                };
                match out.iter_mut().find(|(name, _)| name == k.name) {
                    Some(slot) => slot.1 = default,
                    None => out.push((k.name.into(), default)),
                }
            }
            Value::Obj(out)
        }
        (Map(each @ Obj(..), _), Value::Obj(members)) => Value::Obj(members.iter().map(|(name, m)| (name.clone(), with_defaults(m, each, host))).collect()),
        _ => v.clone(),
    }
}

/// The JSON Schema (draft 2020-12) of a config written as JSON (`data-config`): the table
/// above, rendered. What JSON cannot hold (functions, RegExps, Elements) is left out: a key
/// that only takes a function accepts nothing. Unknown keys are allowed, as by the validator
/// (which warns about them). `null` means "absent" to the validator; the
/// JSON Schema is stricter there (editors flag a `null`).
pub fn json_schema() -> String {
    let mut root = match node(&CONFIG) {
        Value::Obj(members) => members,
        _ => Vec::new(),
    };
    let head =
        [("$schema", "https://json-schema.org/draft/2020-12/schema"), ("title", "consentry config (vanilla-cookieconsent v3's, with consentry's extensions)")];
    for (i, (k, t)) in head.iter().enumerate() {
        root.insert(i, ((*k).into(), Value::Str((*t).into())));
    }
    Value::Obj(root).to_json()
}

fn node(s: &S) -> Value {
    let text = |t: &str| Value::Str(t.into());
    let obj = |members: Vec<(&str, Value)>| Value::Obj(members.into_iter().map(|(k, v)| (k.into(), v)).collect());
    let with_what = |mut n: Vec<(&'static str, Value)>, what: &str| {
        if !what.is_empty() {
            n.push(("description", text(what)));
        }
        obj(n)
    };
    let nonblank = |what: &str| with_what(vec![("type", text("string")), ("pattern", text("\\S"))], what);
    match s {
        Bool => obj(vec![("type", text("boolean"))]),
        Str => obj(vec![("type", text("string"))]),
        Name(what) => nonblank(what),
        Root => nonblank("a CSS selector"),
        // Not expressible in JSON: nothing is accepted.
        Func => obj(vec![("not", obj(Vec::new())), ("description", text("a function (not possible in JSON)"))]),
        Whole(min, max, what) | Num(min, max, what) => with_what(
            vec![("type", text(if matches!(s, Whole(..)) { "integer" } else { "number" })), ("minimum", Value::Num(*min)), ("maximum", Value::Num(*max))],
            what,
        ),
        Choice(choices) => obj(vec![("enum", Value::Arr(choices.iter().map(|c| text(c)).collect()))]),
        StrList => obj(vec![("anyOf", Value::Arr(vec![node(&Str), obj(vec![("type", text("array")), ("items", node(&Str))])]))]),
        Pattern(what) => with_what(vec![("type", text("string")), ("minLength", Value::Num(1.0))], what),
        Check(check) => with_what(vec![("type", text("string")), ("pattern", text(check.pattern()))], check.what()),
        Obj(fields, what) => {
            let mut properties = Vec::new();
            for k in fields.iter() {
                let mut n = node(&k.s);
                let default = match k.default {
                    Def::Bool(b) => Some(Value::Bool(b)),
                    Def::Num(x) => Some(Value::Num(f64::from(x))),
                    Def::Str(t) => Some(text(t)),
                    Def::None | Def::Host => None,
                };
                if let (Value::Obj(m), Some(d)) = (&mut n, default) {
                    m.push(("default".into(), d));
                }
                properties.push((k.name.into(), n));
            }
            let required: Vec<Value> = fields.iter().filter(|k| k.required).map(|k| text(k.name)).collect();
            let mut n = vec![("type", text("object")), ("properties", Value::Obj(properties))];
            if !required.is_empty() {
                n.push(("required", Value::Arr(required)));
            }
            with_what(n, what)
        }
        Map(each, what) => with_what(vec![("type", text("object")), ("propertyNames", nonblank("")), ("additionalProperties", node(each))], what),
        Arr(each, what) => with_what(vec![("type", text("array")), ("items", node(each))], what),
        Either(options, what) => {
            let options: Vec<Value> = options.iter().filter(|o| !matches!(o, Func)).map(node).collect();
            with_what(vec![("anyOf", Value::Arr(options))], what)
        }
        Any => Value::Bool(true),
    }
}
