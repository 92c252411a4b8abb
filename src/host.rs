//! What the engine needs from the page, as one small trait: storage, cookies, time and
//! randomness, the modals' DOM, held elements, configured functions and RegExps. On wasm it
//! is `src/js/host.js` (DOM, storage and cookie operations; no decisions) reached through two
//! imports (`host`, `random`); in native tests it is [`fake::FakeHost`], so the whole engine is tested with
//! `cargo test`. The operations and their message shapes are `protocol::HostOp`.
//!
//! Why JS for the DOM and not web-sys: measured on this crate, the web-sys layer (≈170
//! imports, their glue, and the Rust code that drives them) was more than half of the
//! shipped bytes. The engine decides everything; the host only does what it is told.

#[allow(unused_imports)]
use crate::prelude::*;

use crate::config::Root;
use crate::protocol::{HeldKind, Modal};
use crate::value::Handle;

/// Facts about the page read when needed.
#[derive(Clone, Debug, Default, PartialEq)]
pub(crate) struct Env {
    /// `<html lang>`.
    pub(crate) document_language: Option<String>,
    /// `navigator.language`.
    pub(crate) browser_language: Option<String>,
    pub(crate) user_agent: String,
    pub(crate) webdriver: bool,
    pub(crate) hostname: String,
    /// `navigator.globalPrivacyControl === true`.
    pub(crate) gpc: bool,
    /// The page is served over https.
    pub(crate) https: bool,
    /// `location.origin` and `location.pathname` (consent-log records, receipts).
    pub(crate) origin: String,
    pub(crate) path: String,
}

/// A held element as the page lists it (document order; its position is its index).
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct Held {
    /// `data-category` and `data-service` as written.
    pub(crate) category: Option<String>,
    pub(crate) service: Option<String>,
    pub(crate) kind: HeldKind,
}

/// A toggle: `(category, service)`, `service` empty for the category's own toggle.
pub(crate) type Toggle = (String, String);

/// The page, as the engine sees it. Queries and DOM writes that run no site code are
/// called directly; anything that may run site code (events, callbacks, released scripts,
/// reload) is returned as an [`crate::engine::Effect`] and run once the engine is released.
pub(crate) trait Host {
    fn now(&self) -> f64;
    fn random(&self) -> [u8; 16];
    fn env(&self) -> Env;
    fn warn(&self, message: &str);

    /// `localStorage.getItem`; `None` when absent or when storage throws.
    fn local_get(&self, key: &str) -> Option<String>;
    /// `localStorage.setItem`; `false` when it throws (blocked, full).
    fn local_set(&self, key: &str, value: &str) -> bool;
    fn local_remove(&self, key: &str);
    /// `sessionStorage` and `localStorage` keys (for `autoClear.storageKeys`): `(session, key)`.
    fn storage_keys(&self) -> Vec<(bool, String)> {
        Vec::new()
    }
    fn storage_remove(&self, _session: bool, _key: &str) {}
    /// `document.cookie` (empty when cookies are unavailable).
    fn cookies(&self) -> String;
    /// Assign one string to `document.cookie`.
    fn set_cookie(&self, cookie: &str);

    /// Where the modals go (`root`).
    fn set_root(&self, _root: &Root) {}
    /// Put a modal's markup in `#cc-main` (created on first use), replacing the old one.
    fn render(&self, modal: Modal, html: &str, language: &str, rtl: bool);
    /// Show or hide a modal (classes on `<html>`, `aria-hidden`, focus in and back).
    fn show(&self, modal: Modal, visible: bool, lock_page: bool);
    /// The checked toggles of the preferences modal; `None` without the modal.
    fn toggles(&self) -> Option<Vec<Toggle>>;
    /// Check these toggles (of the modal and the inline center); uncheck the others.
    fn set_toggles(&self, checked: &[Toggle]);
    /// Remove `#cc-main` and the `<html>` classes.
    fn remove_ui(&self);
    /// Put the inline preference center's markup in the element `mountPreferences` got.
    fn render_center(&self, _html: &str, _language: &str, _rtl: bool) {}
    /// The checked toggles of the inline preference center.
    fn center_toggles(&self) -> Option<Vec<Toggle>> {
        None
    }

    /// Held elements not released yet (and released embeds), in document order.
    fn held(&self) -> Vec<Held>;
    /// Test a configured RegExp (cookie names, storage keys).
    fn regex_test(&self, handle: Handle, text: &str) -> bool;
    /// Call a configured function with a string argument and read a number back
    /// (`cookie.expiresAfterDays(acceptType)`).
    fn call_number(&self, handle: Handle, arg: &str) -> Option<f64>;
}

/// The host on wasm: `src/js/host.js`, through two imports: `host(op, a, b)` for every page
/// operation (one piece of wasm-bindgen glue instead of one per function: measured, the
/// per-function glue was a third of the loader's bytes) and `random(out)`, which fills bytes
/// in place (`crypto.getRandomValues`). Codes and shapes: `protocol::HostOp`.
#[cfg(target_arch = "wasm32")]
pub(crate) mod js {
    use super::*;
    use crate::protocol::{self as p, HostOp};
    use crate::value::{parse_json, Value};
    use wasm_bindgen::prelude::*;

    #[wasm_bindgen(module = "/src/js/host.js")]
    extern "C" {
        fn host(op: u8, a: &str, b: &str) -> Option<String>;
        fn random(out: &mut [u8]);
    }

    fn call(op: HostOp, a: &str, b: &str) -> Option<String> {
        host(op.code(), a, b)
    }

    fn json(op: HostOp) -> Value {
        call(op, "", "").and_then(|t| parse_json(&t)).unwrap_or(Value::Null)
    }

    fn number(text: Option<String>) -> Option<f64> {
        parse_json(&text?)?.as_f64()
    }

    fn handle(h: Handle) -> String {
        let mut s = String::new();
        crate::value::push_int(i64::from(h), &mut s);
        s
    }

    fn toggles(v: Option<String>) -> Option<Vec<Toggle>> {
        let list = parse_json(&v?)?;
        let pair = |t: &Value| Some((t.at(0)?.as_str()?.to_owned(), t.at(1)?.as_str()?.to_owned()));
        Some(list.as_array()?.iter().filter_map(pair).collect())
    }

    fn toggles_json(checked: &[Toggle]) -> String {
        Value::Arr(checked.iter().map(|(c, s)| Value::str_array(&[c, s])).collect()).to_json()
    }

    /// The page's host functions.
    pub(crate) struct JsHost;

    impl Host for JsHost {
        fn now(&self) -> f64 {
            number(call(HostOp::Now, "", "")).unwrap_or(0.0)
        }
        fn random(&self) -> [u8; 16] {
            let mut bytes = [0u8; 16];
            random(&mut bytes);
            bytes
        }
        fn env(&self) -> Env {
            let v = json(HostOp::Env);
            let text = |i: usize| v.at(i).and_then(Value::as_str).unwrap_or("").to_owned();
            let some = |i: usize| Some(text(i)).filter(|s| !s.is_empty());
            let flag = |i: usize| v.at(i) == Some(&Value::Bool(true));
            Env {
                document_language: some(p::ENV_DOCUMENT_LANGUAGE),
                browser_language: some(p::ENV_BROWSER_LANGUAGE),
                user_agent: text(p::ENV_USER_AGENT),
                webdriver: flag(p::ENV_WEBDRIVER),
                hostname: text(p::ENV_HOSTNAME),
                gpc: flag(p::ENV_GPC),
                https: flag(p::ENV_HTTPS),
                origin: text(p::ENV_ORIGIN),
                path: text(p::ENV_PATH),
            }
        }
        fn warn(&self, message: &str) {
            call(HostOp::Warn, message, "");
        }
        fn local_get(&self, key: &str) -> Option<String> {
            call(HostOp::LocalGet, key, "")
        }
        fn local_set(&self, key: &str, value: &str) -> bool {
            call(HostOp::LocalSet, key, value).is_some()
        }
        fn local_remove(&self, key: &str) {
            call(HostOp::LocalRemove, key, "");
        }
        fn storage_keys(&self) -> Vec<(bool, String)> {
            let v = json(HostOp::StorageKeys);
            let pair = |e: &Value| Some((e.at(0)? == &Value::Bool(true), e.at(1)?.as_str()?.to_owned()));
            v.as_array().unwrap_or(&[]).iter().filter_map(pair).collect()
        }
        fn storage_remove(&self, session: bool, key: &str) {
            call(HostOp::StorageRemove, if session { "1" } else { "" }, key);
        }
        fn cookies(&self) -> String {
            call(HostOp::Cookies, "", "").unwrap_or_default()
        }
        fn set_cookie(&self, cookie: &str) {
            call(HostOp::SetCookie, cookie, "");
        }
        fn set_root(&self, root: &Root) {
            let v = match root {
                Root::Body => Value::Null,
                Root::Selector(s) => Value::Str(s.clone()),
                Root::Element(h) => Value::Num(f64::from(*h)),
            };
            call(HostOp::SetRoot, &v.to_json(), "");
        }
        fn render(&self, modal: Modal, html: &str, language: &str, rtl: bool) {
            let args = Value::Arr(vec![Value::Num(f64::from(modal.code())), Value::Bool(rtl), Value::Str(language.into())]);
            call(HostOp::Render, &args.to_json(), html);
        }
        fn show(&self, modal: Modal, visible: bool, lock_page: bool) {
            let args = Value::Arr(vec![Value::Num(f64::from(modal.code())), Value::Bool(visible), Value::Bool(lock_page)]);
            call(HostOp::Show, &args.to_json(), "");
        }
        fn toggles(&self) -> Option<Vec<Toggle>> {
            toggles(call(HostOp::Toggles, "", ""))
        }
        fn set_toggles(&self, checked: &[Toggle]) {
            call(HostOp::SetToggles, &toggles_json(checked), "");
        }
        fn remove_ui(&self) {
            call(HostOp::RemoveUi, "", "");
        }
        fn held(&self) -> Vec<Held> {
            let v = json(HostOp::Held);
            let text = |e: &Value, i: usize| e.at(i).and_then(Value::as_str).map(str::to_owned);
            let entry = |e: &Value| {
                let kind = e.at(p::HELD_KIND).and_then(Value::as_f64).and_then(|k| HeldKind::from_code(k as u32)).unwrap_or(HeldKind::Script);
                Held { category: text(e, p::HELD_CATEGORY), service: text(e, p::HELD_SERVICE), kind }
            };
            v.as_array().unwrap_or(&[]).iter().map(entry).collect()
        }
        fn regex_test(&self, h: Handle, text: &str) -> bool {
            call(HostOp::RegexTest, &handle(h), text).is_some()
        }
        fn call_number(&self, h: Handle, arg: &str) -> Option<f64> {
            number(call(HostOp::CallNumber, &handle(h), arg))
        }
        fn render_center(&self, html: &str, language: &str, rtl: bool) {
            let args = Value::Arr(vec![Value::Bool(rtl), Value::Str(language.into())]);
            call(HostOp::RenderCenter, &args.to_json(), html);
        }
        fn center_toggles(&self) -> Option<Vec<Toggle>> {
            toggles(call(HostOp::CenterToggles, "", ""))
        }
    }
}

/// An in-memory page for native tests.
#[cfg(test)]
pub(crate) mod fake {
    use super::*;
    use core::cell::{Cell, RefCell};
    use std::collections::BTreeMap;

    #[derive(Default)]
    pub(crate) struct FakeHost {
        pub(crate) time: Cell<f64>,
        pub(crate) env: Env,
        pub(crate) local: RefCell<BTreeMap<String, String>>,
        /// `local_set` fails (blocked or full storage).
        pub(crate) local_refuses: Cell<bool>,
        pub(crate) cookie_jar: RefCell<BTreeMap<String, String>>,
        pub(crate) rendered: RefCell<BTreeMap<u8, String>>,
        pub(crate) visible: RefCell<Vec<Modal>>,
        pub(crate) toggles: RefCell<Option<Vec<Toggle>>>,
        /// The held elements.
        pub(crate) held: RefCell<Vec<Held>>,
        pub(crate) warnings: RefCell<Vec<String>>,
        /// Cookie names a RegExp handle matches: handle → prefix.
        pub(crate) regex_prefixes: RefCell<BTreeMap<u32, String>>,
        pub(crate) days: Cell<Option<f64>>,
        pub(crate) removed_ui: Cell<bool>,
        pub(crate) center: RefCell<Option<String>>,
        pub(crate) center_toggles: RefCell<Option<Vec<Toggle>>>,
        pub(crate) root: RefCell<Option<Root>>,
    }

    impl FakeHost {
        pub(crate) fn new() -> FakeHost {
            let host = FakeHost::default();
            host.time.set(1_764_387_948_123.0);
            host
        }
    }

    impl Host for FakeHost {
        fn now(&self) -> f64 {
            self.time.get()
        }
        fn random(&self) -> [u8; 16] {
            [7; 16]
        }
        fn env(&self) -> Env {
            self.env.clone()
        }
        fn warn(&self, message: &str) {
            self.warnings.borrow_mut().push(message.to_owned());
        }
        fn local_get(&self, key: &str) -> Option<String> {
            self.local.borrow().get(key).cloned()
        }
        fn local_set(&self, key: &str, value: &str) -> bool {
            if self.local_refuses.get() {
                return false;
            }
            self.local.borrow_mut().insert(key.to_owned(), value.to_owned());
            true
        }
        fn local_remove(&self, key: &str) {
            self.local.borrow_mut().remove(key);
        }
        fn storage_keys(&self) -> Vec<(bool, String)> {
            self.local.borrow().keys().map(|k| (false, k.clone())).collect()
        }
        fn storage_remove(&self, _session: bool, key: &str) {
            self.local.borrow_mut().remove(key);
        }
        fn cookies(&self) -> String {
            let jar = self.cookie_jar.borrow();
            let parts: Vec<String> = jar.iter().map(|(k, v)| std::format!("{k}={v}")).collect();
            parts.join("; ")
        }
        fn set_cookie(&self, cookie: &str) {
            let first = cookie.split(';').next().unwrap_or("");
            let (name, value) = first.split_once('=').unwrap_or((first, ""));
            if cookie.contains("Max-Age=0") {
                self.cookie_jar.borrow_mut().remove(name);
            } else {
                self.cookie_jar.borrow_mut().insert(name.to_owned(), value.to_owned());
            }
        }
        fn render(&self, modal: Modal, html: &str, _language: &str, _rtl: bool) {
            self.rendered.borrow_mut().insert(modal as u8, html.to_owned());
        }
        fn show(&self, modal: Modal, visible: bool, _lock_page: bool) {
            let mut v = self.visible.borrow_mut();
            v.retain(|m| *m != modal);
            if visible {
                v.push(modal);
            }
        }
        fn toggles(&self) -> Option<Vec<Toggle>> {
            self.rendered.borrow().contains_key(&(Modal::Preferences as u8)).then(|| self.toggles.borrow().clone().unwrap_or_default())
        }
        fn set_toggles(&self, checked: &[Toggle]) {
            *self.toggles.borrow_mut() = Some(checked.to_vec());
        }
        fn set_root(&self, root: &Root) {
            *self.root.borrow_mut() = Some(root.clone());
        }
        fn remove_ui(&self) {
            self.rendered.borrow_mut().clear();
            self.visible.borrow_mut().clear();
            self.removed_ui.set(true);
        }
        fn held(&self) -> Vec<Held> {
            self.held.borrow().clone()
        }
        fn regex_test(&self, handle: Handle, text: &str) -> bool {
            self.regex_prefixes.borrow().get(&handle).map(|p| text.starts_with(p.as_str())).unwrap_or(false)
        }
        fn call_number(&self, _handle: Handle, _arg: &str) -> Option<f64> {
            self.days.get()
        }
        fn render_center(&self, html: &str, _language: &str, _rtl: bool) {
            *self.center.borrow_mut() = Some(html.to_owned());
        }
        fn center_toggles(&self) -> Option<Vec<Toggle>> {
            self.center_toggles.borrow().clone()
        }
    }
}
