//! The config schema as data, and one validator for it.
//!
//! Validation is a single walk of the value against this table: wrong types and values
//! become an [`Error`] naming the path and what was expected; keys the schema doesn't know
//! are collected for one warning. Reading the validated value into [`super::Config`] can
//! then no longer fail. (A table and one walker are a fraction of the wasm that per-field
//! validation code, or serde's derive, costs.)

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
    /// An object with these keys (`true`: required).
    Obj(&'static [(&'static str, S, bool)], &'static str),
    /// An object with any keys, each value of this schema.
    Map(&'static S, &'static str),
    Arr(&'static S, &'static str),
    /// The first alternative whose kind matches decides; the text is the combined expectation.
    Either(&'static [S], &'static str),
    /// A string passing a check.
    Check(fn(&str) -> bool, &'static str),
    /// Anything (setCookieData values, custom table cells).
    Any,
}

use S::*;

fn cookie_name_ok(name: &str) -> bool {
    !name.is_empty() && name.bytes().all(|b| b.is_ascii_graphic() && !b"()<>@,;:\\\"/[]?={}".contains(&b))
}

fn path_ok(path: &str) -> bool {
    path.starts_with('/')
}

/// A link the page may show: http(s), or a path on the site.
fn link_ok(url: &str) -> bool {
    let lower = url.to_ascii_lowercase();
    lower.starts_with("https://") || lower.starts_with("http://") || url.starts_with('/')
}

const GUI_CM: S = Obj(
    &[
        ("layout", Choice(&super::CM_LAYOUTS), false),
        ("position", Choice(&super::CM_POSITIONS), false),
        ("flipButtons", Bool, false),
        ("equalWeightButtons", Bool, false),
    ],
    "an object",
);
const GUI_PM: S = Obj(
    &[
        ("layout", Choice(&super::PM_LAYOUTS), false),
        ("position", Choice(&super::PM_POSITIONS), false),
        ("flipButtons", Bool, false),
        ("equalWeightButtons", Bool, false),
    ],
    "an object",
);
const COOKIE_RULE: S = Obj(
    &[
        ("name", Pattern("a cookie name (a non-empty string or a RegExp)"), true),
        ("path", Name("a non-empty path"), false),
        ("domain", Name("a non-empty domain"), false),
    ],
    "an object ({ name, path, domain })",
);
const COOKIE_RULES: S = Arr(&COOKIE_RULE, "an array");
const SERVICE: S = Obj(
    &[
        ("label", Str, false),
        ("onAccept", Func, false),
        ("onReject", Func, false),
        ("cookies", COOKIE_RULES, false),
        ("urls", Arr(&Name("a string"), "an array"), false),
    ],
    "an object ({ label, onAccept, onReject, cookies, urls })",
);
const CATEGORY: S = Obj(
    &[
        ("enabled", Bool, false),
        ("readOnly", Bool, false),
        ("services", Map(&SERVICE, "an object mapping service names to service options"), false),
        (
            "autoClear",
            Obj(
                &[
                    ("cookies", COOKIE_RULES, false),
                    ("reloadPage", Bool, false),
                    ("storageKeys", Arr(&Pattern("a storage key (a non-empty string or a RegExp)"), "an array"), false),
                ],
                "an object ({ cookies, reloadPage, storageKeys })",
            ),
            false,
        ),
    ],
    "an object ({ enabled, readOnly, services, autoClear })",
);

const TABLE: S = Obj(
    &[
        ("caption", Str, false),
        ("headers", Map(&Str, "an object mapping column keys to header texts"), true),
        ("body", Arr(&Map(&Any, "an object mapping column keys to cell texts"), "an array of rows"), false),
    ],
    "an object ({ caption, headers, body })",
);
const SECTION: S = Obj(
    &[("title", Str, false), ("description", Str, false), ("linkedCategory", Str, false), ("cookieTable", TABLE, false)],
    "a section object ({ title, description, linkedCategory, cookieTable })",
);

/// A v3 translation object (`language.translations.<code>`).
pub(crate) const TRANSLATION: S = Obj(
    &[
        (
            "consentModal",
            Obj(
                &[
                    ("label", Str, false),
                    ("title", Str, false),
                    ("description", Str, false),
                    ("acceptAllBtn", Str, false),
                    ("acceptNecessaryBtn", Str, false),
                    ("showPreferencesBtn", Str, false),
                    ("closeIconLabel", Str, false),
                    ("revisionMessage", Str, false),
                    ("footer", Str, false),
                    ("gpcNotice", Str, false),
                ],
                "an object",
            ),
            false,
        ),
        (
            "preferencesModal",
            Obj(
                &[
                    ("title", Str, false),
                    ("acceptAllBtn", Str, false),
                    ("acceptNecessaryBtn", Str, false),
                    ("savePreferencesBtn", Str, false),
                    ("closeIconLabel", Str, false),
                    ("serviceCounterLabel", Str, false),
                    ("sections", Arr(&SECTION, "an array of sections"), false),
                    ("introTitle", Str, false),
                    ("introDescription", Str, false),
                    ("moreTitle", Str, false),
                    ("moreDescription", Str, false),
                    ("gpcNotice", Str, false),
                ],
                "an object",
            ),
            false,
        ),
        (
            "embedPlaceholder",
            Obj(&[("text", Str, false), ("loadBtn", Str, false), ("preferencesBtn", Str, false)], "an object ({ text, loadBtn, preferencesBtn })"),
            false,
        ),
        (
            "preferenceCenter",
            Obj(
                &[
                    ("historyTitle", Str, false),
                    ("historyEmpty", Str, false),
                    ("historyAll", Str, false),
                    ("historyNecessary", Str, false),
                    ("historyCustom", Str, false),
                    ("receiptBtn", Str, false),
                    ("recordsLink", Str, false),
                ],
                "an object",
            ),
            false,
        ),
        (
            "categories",
            Map(
                &Obj(&[("title", Str, false), ("description", Str, false)], "an object ({ title, description })"),
                "an object mapping category names to { title, description }",
            ),
            false,
        ),
    ],
    "a translation object ({ consentModal, preferencesModal, … })",
);

/// The whole config.
pub(crate) const CONFIG: S = Obj(
    &[
        ("root", Root, false),
        ("mode", Choice(&["opt-in", "opt-out"]), false),
        ("autoShow", Bool, false),
        ("revision", Whole(0.0, 4_294_967_295.0, "a whole number ≥ 0"), false),
        ("manageScriptTags", Bool, false),
        ("autoClearCookies", Bool, false),
        ("disablePageInteraction", Bool, false),
        ("hideFromBots", Bool, false),
        ("lazyHtmlGeneration", Bool, false),
        ("guiOptions", Obj(&[("consentModal", GUI_CM, false), ("preferencesModal", GUI_PM, false)], "an object with consentModal and preferencesModal"), false),
        (
            "cookie",
            Obj(
                &[
                    ("name", Check(cookie_name_ok, "a cookie name without spaces, quotes, commas, semicolons or equals signs"), false),
                    ("domain", Name("a non-empty domain"), false),
                    ("path", Check(path_ok, "a path starting with \"/\""), false),
                    ("sameSite", Choice(&["Lax", "Strict", "None"]), false),
                    ("secure", Bool, false),
                    (
                        "expiresAfterDays",
                        Either(&[Num(0.0001, 36_500.0, ""), Func], "a number of days (> 0 and ≤ 36500) or a function of the accept type"),
                        false,
                    ),
                    ("useLocalStorage", Bool, false),
                ],
                "an object",
            ),
            false,
        ),
        ("onFirstConsent", Func, false),
        ("onConsent", Func, false),
        ("onChange", Func, false),
        ("onModalShow", Func, false),
        ("onModalHide", Func, false),
        ("onModalReady", Func, false),
        ("categories", Map(&CATEGORY, "an object mapping category names to category options"), false),
        (
            "language",
            Obj(
                &[
                    ("default", Name("a language code such as \"en\""), false),
                    ("rtl", StrList, false),
                    ("autoDetect", Choice(&["document", "browser"]), false),
                    (
                        "translations",
                        Map(
                            &Either(&[TRANSLATION, Name(""), Func], "a translation object, a URL string, or a function returning one"),
                            "an object mapping language codes to translations",
                        ),
                        false,
                    ),
                ],
                "an object ({ default, translations, autoDetect, rtl })",
            ),
            false,
        ),
        (
            "googleConsentMode",
            Either(
                &[
                    Bool,
                    Obj(
                        &[
                            ("mapping", Map(&StrList, "an object mapping consent types to category names"), false),
                            ("waitForUpdate", Num(0.0, 60_000.0, "milliseconds (0 to 60000)"), false),
                            ("regions", StrList, false),
                            ("urlPassthrough", Bool, false),
                            ("adsDataRedaction", Bool, false),
                        ],
                        "",
                    ),
                ],
                "true or an object ({ mapping, waitForUpdate, regions, urlPassthrough, adsDataRedaction })",
            ),
            false,
        ),
        ("microsoftConsentMode", Either(&[Bool, Obj(&[("categories", StrList, false)], "")], "true or an object ({ categories })"), false),
        ("gpc", Either(&[Bool, Obj(&[("categories", StrList, false)], "")], "true or an object ({ categories })"), false),
        ("debug", Bool, false),
        (
            "consentLog",
            Obj(
                &[("endpoint", Name("a URL string"), true), ("recordsUrl", Check(link_ok, "an http(s) URL or a path starting with \"/\""), false)],
                "an object ({ endpoint, recordsUrl })",
            ),
            false,
        ),
        // v3 accepted `delay` without documenting it; harmless to allow.
        ("delay", Any, false),
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
        Check(ok, what) => match v {
            Value::Str(x) if ok(x) => Ok(()),
            Value::Str(_) => Err(Error::config(path.render(), *what, "")),
            _ => fail(what),
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
            for (key, schema, required) in fields.iter() {
                match members.iter().find(|(k, _)| k == key).map(|(_, m)| m) {
                    Some(Value::Null) | None if *required => {
                        return Err(path.key(key).error(expected_of(schema), &Value::Null));
                    }
                    Some(Value::Null) | None => {}
                    Some(m) => validate(m, schema, &path.key(key), unknown)?,
                }
            }
            let known: Vec<&str> = fields.iter().map(|(k, _, _)| *k).collect();
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
        Name(w) | Pattern(w) | Check(_, w) | Whole(_, _, w) | Num(_, _, w) | Obj(_, w) | Map(_, w) | Arr(_, w) | Either(_, w) => w,
        Bool => "true or false",
        Func => "a function",
        _ => "a string",
    }
}
