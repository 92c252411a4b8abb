//! Everything JavaScript sees: one function, `call(op, a, b)`, through which the loader
//! (`src/js/core.js`) reaches the engine behind each `CookieConsent` function. Arguments and
//! results are text: JSON for structured values (the loader walks and parses them), `"1"`
//! or `""` for booleans, and a leading `!` for an error message the loader throws as an
//! `Error`. One entry point means one piece of wasm-bindgen glue; the public, typed API is
//! the loader's.
//!
//! Calls that may cause site code to run return their effects (`engine::effects`) for the
//! loader to carry out after this call has returned, so site code that calls the API again
//! always finds the engine free.

#[allow(unused_imports)]
use crate::prelude::*;

use core::cell::RefCell;

use wasm_bindgen::prelude::*;

use crate::consent::{Request, ServiceRequest};
use crate::engine::{effects, Effect, Engine, Verdict};
use crate::host::js::JsHost;
use crate::host::Host;
use crate::ui::Action;
use crate::value::{parse_json, parse_walked, Value};

crate::mem::global! {
    static ENGINE: RefCell<Option<Engine>> = RefCell::new(None);
}

/// The operations, by code (the same table is `OP` in src/js/core.js).
#[derive(Clone, Copy)]
#[repr(u8)]
enum Op {
    /// `a`: the walked config. → the language to load, `""`, or `!error`.
    Configure,
    /// `a`: language code, `b`: walked translation (`""`: loading failed). → `""` or `!error`.
    ProvideTranslation,
    /// → effects.
    Start,
    /// `a`: an `Action` code. → effects.
    Act,
    /// `a`: `"1"` to create the modal. → effects.
    Show,
    /// `a`, `b`: categories and excluded as JSON. → effects.
    AcceptCategory,
    /// `a`: services as JSON, `b`: category. → effects, or `""` when refused (v3's `false`).
    AcceptService,
    AcceptedCategory,
    AcceptedService,
    ValidConsent,
    ValidCookie,
    /// `a`: names, one per line; `b`: `[path, domain]` as JSON.
    EraseCookieNames,
    /// `a`: walked value (the loader has applied `mode: 'update'`).
    SetCookieData,
    GetCookie,
    GetUserPreferences,
    /// → `"0"` ready, `"1"` must load, `"2"` not offered.
    LanguagePending,
    /// → effects, or `""` when the language can't be used.
    ApplyLanguage,
    CurrentLanguage,
    /// `a`: `"1"` to erase the stored consent.
    Reset,
    /// `a`: an absolute URL inserted by page code. → `"0"` let it load, `"1"` hold it,
    /// `"2"` let it load and report it (`debug`: no service claims it).
    Classify,
    /// `a`: category, `b`: service (`""`: the whole category), on top of the current
    /// choice (a placeholder's "load" button). → effects.
    AcceptOne,
    /// Another tab changed the stored consent. → effects.
    Sync,
    /// `a`: language code. → the built-in locale to fetch (`dist/i18n/<locale>.json`) or `""`.
    BuiltinPending,
    /// `a`: locale, `b`: the fetched JSON (`""`: fetching failed). → `""` or `!error`.
    ProvideBuiltin,
    /// Render the inline preference center into the element the loader keeps.
    MountPreferences,
    /// → `getConsentHistory()` as JSON.
    History,
    /// → the consent receipt as JSON, or `""` before any consent.
    Receipt,
    /// → the texts and categories shown, for the consent log's SHA-256.
    Shown,
}

const OPS: [Op; 28] = [
    Op::Configure,
    Op::ProvideTranslation,
    Op::Start,
    Op::Act,
    Op::Show,
    Op::AcceptCategory,
    Op::AcceptService,
    Op::AcceptedCategory,
    Op::AcceptedService,
    Op::ValidConsent,
    Op::ValidCookie,
    Op::EraseCookieNames,
    Op::SetCookieData,
    Op::GetCookie,
    Op::GetUserPreferences,
    Op::LanguagePending,
    Op::ApplyLanguage,
    Op::CurrentLanguage,
    Op::Reset,
    Op::Classify,
    Op::AcceptOne,
    Op::Sync,
    Op::BuiltinPending,
    Op::ProvideBuiltin,
    Op::MountPreferences,
    Op::History,
    Op::Receipt,
    Op::Shown,
];

/// Run `f` on the engine, or return `default` when none is configured (or it is busy:
/// a re-entrant call from site code gets the "not running" answer, never a panic).
fn with<R>(default: R, f: impl FnOnce(&mut Engine, &dyn Host) -> R) -> R {
    ENGINE.with(|slot| match slot.try_borrow_mut() {
        Ok(mut guard) => match guard.as_mut() {
            Some(engine) => f(engine, &JsHost),
            None => default,
        },
        Err(_) => default,
    })
}

fn fx(f: impl FnOnce(&mut Engine, &dyn Host) -> Vec<Effect>) -> String {
    effects::to_json(&with(Vec::new(), f))
}

fn flag(b: bool) -> String {
    if b { "1" } else { "" }.into()
}

fn error(e: crate::error::Error) -> String {
    let mut s = String::from("!");
    s.push_str(&e.message());
    s
}

fn strings(v: &Value) -> Vec<String> {
    match v {
        Value::Str(s) => vec![s.clone()],
        Value::Arr(items) => items.iter().filter_map(|i| i.as_str().map(str::to_owned)).collect(),
        _ => Vec::new(),
    }
}

fn json_arg(text: &str) -> Value {
    parse_json(text).unwrap_or(Value::Null)
}

/// The engine's single entry point; see the module docs and [`Op`].
#[wasm_bindgen]
pub fn call(op: u8, a: &str, b: &str) -> String {
    let Some(&op) = OPS.get(usize::from(op)) else { return String::new() };
    match op {
        Op::Configure => {
            let value = parse_walked(a).unwrap_or(Value::Unsupported);
            match Engine::configure(&value, &JsHost) {
                Ok((engine, pending)) => {
                    let old = ENGINE.with(|slot| slot.try_borrow_mut().ok().and_then(|mut g| g.replace(engine)));
                    if let Some(old) = old {
                        old.reset(&JsHost, false);
                    }
                    pending.unwrap_or_default()
                }
                Err(e) => error(e),
            }
        }
        Op::ProvideTranslation => {
            let value = (!b.is_empty()).then(|| parse_walked(b).unwrap_or(Value::Unsupported));
            match with(Ok(()), |e, host| e.provide_translation(a, value.as_ref(), host)) {
                Ok(()) => String::new(),
                Err(e) => error(e),
            }
        }
        Op::Start => fx(|e, host| e.start(host)),
        Op::Act => match a.bytes().next().and_then(|c| Action::from_code(c.wrapping_sub(b'0'))) {
            Some(action) => fx(|e, host| e.act(host, action)),
            None => String::from("[]"),
        },
        Op::Show => fx(|e, host| e.show_consent(host, a == "1")),
        Op::AcceptCategory => {
            let request = match json_arg(a) {
                Value::Null => None,
                Value::Str(s) if s == "all" => Some(Request::All),
                v => {
                    let list = strings(&v);
                    Some(if list.is_empty() { Request::Necessary } else { Request::Only(list) })
                }
            };
            let excluded = strings(&json_arg(b));
            fx(|e, host| e.accept_category(host, request, &excluded))
        }
        Op::AcceptService => {
            let request = match json_arg(a) {
                Value::Str(s) if s == "all" => ServiceRequest::All,
                v => {
                    let list = strings(&v);
                    if list.is_empty() {
                        ServiceRequest::None
                    } else {
                        ServiceRequest::Only(list)
                    }
                }
            };
            with(None, |e, host| e.accept_service(host, b, &request)).map(|fx| effects::to_json(&fx)).unwrap_or_default()
        }
        Op::AcceptedCategory => flag(with(false, |e, _| e.accepted_category(a))),
        Op::AcceptedService => flag(with(false, |e, _| e.accepted_service(a, b))),
        Op::ValidConsent => flag(with(false, |e, _| e.valid_consent())),
        Op::ValidCookie => {
            let jar = JsHost.cookies();
            flag(crate::storage::cookie::value(&jar, a).map(|v| !v.is_empty()).unwrap_or(false))
        }
        Op::EraseCookieNames => {
            let where_ = json_arg(b);
            let part = |i: usize| where_.as_array().and_then(|l| l.get(i)).and_then(Value::as_str).map(str::to_owned);
            with((), |e, host| e.erase_cookie_names(host, a, part(0).as_deref(), part(1).as_deref()));
            String::new()
        }
        Op::SetCookieData => {
            let value = parse_walked(a).unwrap_or(Value::Null);
            flag(with(false, |e, host| e.set_cookie_data(host, value)))
        }
        Op::GetCookie => with(String::from("{}"), |e, _| e.cookie().to_json()),
        Op::GetUserPreferences => with(String::new(), |e, _| e.user_preferences().to_json()),
        Op::LanguagePending => match with(None, |e, _| e.language_pending(a)) {
            Some(false) => "0",
            Some(true) => "1",
            None => "2",
        }
        .into(),
        Op::ApplyLanguage => with(None, |e, host| e.set_language(host, a)).map(|fx| effects::to_json(&fx)).unwrap_or_default(),
        Op::CurrentLanguage => with(String::new(), |e, _| e.language().to_owned()),
        Op::Classify => match with(Verdict::Hold, |e, _| e.classify(a)) {
            Verdict::Pass => "0",
            Verdict::Hold => "1",
            Verdict::Report => "2",
        }
        .into(),
        Op::AcceptOne => fx(|e, host| e.accept_one(host, a, b)),
        Op::Sync => fx(|e, host| e.sync(host)),
        Op::BuiltinPending => with(None, |e, _| e.builtin_pending(a)).unwrap_or_default(),
        Op::ProvideBuiltin => {
            let value = if b.is_empty() { None } else { parse_json(b) };
            match with(Ok(()), |e, _| e.provide_builtin(a, value.as_ref())) {
                Ok(()) => String::new(),
                Err(e) => error(e),
            }
        }
        Op::MountPreferences => {
            with((), |e, host| e.mount_center(host));
            String::new()
        }
        Op::History => with(String::from("[]"), |e, _| e.history_json()),
        Op::Receipt => with(None, |e, _| e.receipt()).map(|v| v.to_json()).unwrap_or_default(),
        Op::Shown => with(String::new(), |e, _| e.shown()),
        Op::Reset => {
            let engine = ENGINE.with(|slot| slot.try_borrow_mut().ok().and_then(|mut g| g.take()));
            if let Some(e) = engine {
                e.reset(&JsHost, a == "1");
            }
            String::new()
        }
    }
}
