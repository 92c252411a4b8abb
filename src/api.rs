//! Everything JavaScript sees: the engine behind the `CookieConsent` functions (v3's names),
//! plus the lifecycle calls the loader drives (`configure`, `provideTranslation`, `start`).
//! Structured arguments and results cross as JSON text (the loader walks and parses them);
//! calls that may cause site code to run return their effects (see `engine::effects`) for
//! the loader to carry out once this call has returned.

#[allow(unused_imports)]
use crate::prelude::*;

use core::cell::RefCell;

use wasm_bindgen::prelude::*;

use crate::consent::{Request, ServiceRequest};
use crate::engine::{effects, Effect, Engine};
use crate::host::js::JsHost;
use crate::host::Host;
use crate::ui::Action;
use crate::value::{parse_json, parse_walked, Value};

crate::mem::global! {
    static ENGINE: RefCell<Option<Engine>> = RefCell::new(None);
}

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

/// Validate and keep a config (walked by the loader). Returns the language whose
/// translation the loader must load and hand over, or `""`.
///
/// # Errors
/// A JS `Error` naming the first invalid field; nothing is kept.
#[wasm_bindgen]
pub fn configure(config: &str) -> Result<String, JsError> {
    let value = parse_walked(config).unwrap_or(Value::Unsupported);
    let (engine, pending) = Engine::configure(&value, &JsHost).map_err(|e| JsError::new(&e.message()))?;
    let old = ENGINE.with(|slot| slot.try_borrow_mut().ok().and_then(|mut g| g.replace(engine)));
    if let Some(old) = old {
        old.reset(&JsHost, false);
    }
    Ok(pending.unwrap_or_default())
}

/// Hand over a translation the loader loaded (`undefined` when loading failed).
///
/// # Errors
/// A JS `Error` naming the invalid field of the translation.
#[wasm_bindgen(js_name = provideTranslation)]
pub fn provide_translation(code: &str, translation: Option<String>) -> Result<(), JsError> {
    let value = translation.as_deref().map(|t| parse_walked(t).unwrap_or(Value::Unsupported));
    with(Ok(()), |e, host| e.provide_translation(code, value.as_ref(), host)).map_err(|e| JsError::new(&e.message()))
}

/// Start: read the stored consent, release what it allows, show the banner if needed.
#[wasm_bindgen]
pub fn start() -> String {
    fx(|e, host| e.start(host))
}

/// A click on a consentry control (`Action` code), or show/hide from the API.
#[wasm_bindgen]
pub fn act(action: u8) -> String {
    match Action::from_code(action) {
        Some(a) => fx(|e, host| e.act(host, a)),
        None => String::from("[]"),
    }
}

/// `show(createModal)`.
#[wasm_bindgen]
pub fn show(create_modal: bool) -> String {
    fx(|e, host| e.show_consent(host, create_modal))
}

/// `acceptCategory(categories?, excluded?)`, arguments as JSON: `"all"`, `[]` (necessary
/// only), a name or a list of names, or `null` (the current toggle selection).
#[wasm_bindgen(js_name = acceptCategory)]
pub fn accept_category(categories: &str, excluded: &str) -> String {
    let request = match json_arg(categories) {
        Value::Null => None,
        Value::Str(s) if s == "all" => Some(Request::All),
        v => {
            let list = strings(&v);
            Some(if list.is_empty() { Request::Necessary } else { Request::Only(list) })
        }
    };
    let excluded = strings(&json_arg(excluded));
    fx(|e, host| e.accept_category(host, request, &excluded))
}

/// `acceptService(services, category)`: `"all"`, `[]`, a name or a list, as JSON.
#[wasm_bindgen(js_name = acceptService)]
pub fn accept_service(services: &str, category: &str) -> String {
    let request = match json_arg(services) {
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
    fx(|e, host| e.accept_service(host, category, &request))
}

#[wasm_bindgen(js_name = acceptedCategory)]
pub fn accepted_category(name: &str) -> bool {
    with(false, |e, _| e.accepted_category(name))
}

#[wasm_bindgen(js_name = acceptedService)]
pub fn accepted_service(service: &str, category: &str) -> bool {
    with(false, |e, _| e.accepted_service(service, category))
}

#[wasm_bindgen(js_name = validConsent)]
pub fn valid_consent() -> bool {
    with(false, |e, _| e.valid_consent())
}

/// A cookie exists and has a non-empty value.
#[wasm_bindgen(js_name = validCookie)]
pub fn valid_cookie(name: &str) -> bool {
    crate::storage::cookie::value(&JsHost.cookies(), name).map(|v| !v.is_empty()).unwrap_or(false)
}

/// Erase these cookies (one name per line) on `path`/`domain` and every parent domain.
#[wasm_bindgen(js_name = eraseCookieNames)]
pub fn erase_cookie_names(names: &str, path: Option<String>, domain: Option<String>) {
    Engine::erase_cookie_names(&JsHost, names, path.as_deref(), domain.as_deref());
}

/// `setCookieData({ value, mode })` with `value` walked to JSON.
#[wasm_bindgen(js_name = setCookieData)]
pub fn set_cookie_data(value: &str, update: bool) -> bool {
    let v = parse_walked(value).unwrap_or(Value::Null);
    with(false, |e, host| e.set_cookie_data(host, v, update))
}

/// `getCookie()` as JSON (`{}` before consent).
#[wasm_bindgen(js_name = getCookie)]
pub fn get_cookie() -> String {
    with(String::from("{}"), |e, _| e.cookie().to_json())
}

/// `getUserPreferences()` as JSON.
#[wasm_bindgen(js_name = getUserPreferences)]
pub fn get_user_preferences() -> String {
    with(String::new(), |e, _| e.user_preferences().to_json())
}

/// Whether `setLanguage(code)` must load a translation first: 0 no, 1 yes, 2 not offered.
#[wasm_bindgen(js_name = languagePending)]
pub fn language_pending(code: &str) -> u8 {
    match with(None, |e, _| e.language_pending(code)) {
        Some(false) => 0,
        Some(true) => 1,
        None => 2,
    }
}

/// Switch to a loaded language; `undefined` when it can't be switched to.
#[wasm_bindgen(js_name = applyLanguage)]
pub fn apply_language(code: &str) -> Option<String> {
    with(None, |e, host| e.set_language(host, code)).map(|fx| effects::to_json(&fx))
}

/// The language shown now.
#[wasm_bindgen(js_name = currentLanguage)]
pub fn current_language() -> String {
    with(String::new(), |e, _| e.language().to_owned())
}

/// `reset(eraseCookie)`: remove the modals and forget the config; with `true` also the
/// stored consent.
#[wasm_bindgen]
pub fn reset(erase_cookie: bool) {
    let engine = ENGINE.with(|slot| slot.try_borrow_mut().ok().and_then(|mut g| g.take()));
    if let Some(e) = engine {
        e.reset(&JsHost, erase_cookie);
    }
}
