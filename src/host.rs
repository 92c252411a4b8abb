//! What the engine needs from the page, as one small trait: storage, cookies, time and
//! randomness, the modals' DOM, held scripts, callbacks. On wasm it is implemented by
//! `src/js/host.js` (a few dozen lines of DOM code imported through wasm-bindgen); in native
//! tests by [`fake::FakeHost`], so the whole engine is tested with `cargo test`.
//!
//! Why JS for the DOM and not web-sys: measured on this crate, the web-sys layer (≈170
//! imports, their glue, and the Rust code that drives them) was more than half of the
//! shipped bytes. The engine decides everything; the host only does what it is told.

#[allow(unused_imports)]
use crate::prelude::*;

use crate::ui::Modal;
use crate::value::Handle;

/// Facts about the page read once at start.
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
}

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
    /// `sessionStorage` and `localStorage` keys (for `autoClear.storageKeys`).
    fn storage_keys(&self) -> Vec<(bool, String)> {
        Vec::new()
    }
    fn storage_remove(&self, _session: bool, _key: &str) {}
    /// `document.cookie` (empty when cookies are unavailable).
    fn cookies(&self) -> String;
    /// Assign one string to `document.cookie`.
    fn set_cookie(&self, cookie: &str);

    /// Put a modal's markup in `#cc-main` (created on first use), replacing the old one.
    fn render(&self, modal: Modal, html: &str, language: &str, rtl: bool);
    /// Show or hide a modal (classes on `<html>`, `aria-hidden`, focus in and back).
    fn show(&self, modal: Modal, visible: bool, lock_page: bool);
    /// The checked toggles of the preferences modal: `cat` or `cat:service` per line.
    fn toggles(&self) -> Option<String>;
    /// Set the toggles: the same format; everything else unchecked.
    fn set_toggles(&self, checked: &str);
    /// Remove `#cc-main` and the `<html>` classes.
    fn remove_ui(&self);
    /// Put the inline preference center's markup in the element `mountPreferences` got.
    fn render_center(&self, _html: &str, _language: &str, _rtl: bool) {}
    /// The checked toggles of the inline preference center (same format as `toggles`).
    fn center_toggles(&self) -> Option<String> {
        None
    }

    /// Held scripts not released yet, in document order: `index\tcategory\tservice` lines.
    fn held(&self) -> String;
    /// Test a configured RegExp (cookie names, storage keys).
    fn regex_test(&self, handle: Handle, text: &str) -> bool;
    /// Call a configured function with a string argument and read a number back
    /// (`cookie.expiresAfterDays(acceptType)`).
    fn call_number(&self, handle: Handle, arg: &str) -> Option<f64>;
}

/// The host on wasm: `src/js/host.js`. All of it goes through one import,
/// `host(op, a, b)`, whose operation codes are the order of `OPS` in host.js: one piece
/// of wasm-bindgen glue instead of one per function (measured: the per-function glue was
/// a third of the loader's bytes).
#[cfg(target_arch = "wasm32")]
pub(crate) mod js {
    use super::*;
    use wasm_bindgen::prelude::*;

    #[wasm_bindgen(module = "/src/js/host.js")]
    extern "C" {
        fn host(op: u8, a: &str, b: &str) -> Option<String>;
        fn random(out: &mut [u8]);
    }

    /// Operation codes: the index of each function in `OPS` (src/js/host.js).
    #[derive(Clone, Copy)]
    #[repr(u8)]
    enum Op {
        Now,
        Env,
        Warn,
        LocalGet,
        LocalSet,
        LocalRemove,
        StorageKeys,
        StorageRemove,
        Cookies,
        SetCookie,
        Render,
        Show,
        Toggles,
        SetToggles,
        RemoveUi,
        Held,
        RegexTest,
        CallNumber,
        RenderCenter,
        CenterToggles,
    }

    fn call(op: Op, a: &str, b: &str) -> Option<String> {
        host(op as u8, a, b)
    }

    fn flag(op: Op, a: &str, b: &str) -> bool {
        call(op, a, b).is_some()
    }

    fn number(text: Option<String>) -> Option<f64> {
        crate::value::parse_json(&text?)?.as_f64()
    }

    fn handle(h: Handle) -> String {
        let mut s = String::new();
        crate::value::push_int(i64::from(h), &mut s);
        s
    }

    /// The page's host functions.
    pub(crate) struct JsHost;

    impl Host for JsHost {
        fn now(&self) -> f64 {
            number(call(Op::Now, "", "")).unwrap_or(0.0)
        }
        fn random(&self) -> [u8; 16] {
            let mut bytes = [0u8; 16];
            random(&mut bytes);
            bytes
        }
        fn env(&self) -> Env {
            // `lang\tnavigatorLanguage\tuserAgent\twebdriver\thostname\tgpc\thttps`
            let text = call(Op::Env, "", "").unwrap_or_default();
            let mut parts = text.split('\t');
            let mut next = || parts.next().unwrap_or("").to_owned();
            let non_empty = |s: String| if s.is_empty() { None } else { Some(s) };
            Env {
                document_language: non_empty(next()),
                browser_language: non_empty(next()),
                user_agent: next(),
                webdriver: next() == "1",
                hostname: next(),
                gpc: next() == "1",
                https: next() == "1",
            }
        }
        fn warn(&self, message: &str) {
            call(Op::Warn, message, "");
        }
        fn local_get(&self, key: &str) -> Option<String> {
            call(Op::LocalGet, key, "")
        }
        fn local_set(&self, key: &str, value: &str) -> bool {
            flag(Op::LocalSet, key, value)
        }
        fn local_remove(&self, key: &str) {
            call(Op::LocalRemove, key, "");
        }
        fn storage_keys(&self) -> Vec<(bool, String)> {
            let text = call(Op::StorageKeys, "", "").unwrap_or_default();
            let mut out = Vec::new();
            for line in text.split('\n') {
                if let Some((kind, key)) = line.split_once('\t') {
                    out.push((kind == "s", key.to_owned()));
                }
            }
            out
        }
        fn storage_remove(&self, session: bool, key: &str) {
            call(Op::StorageRemove, if session { "s" } else { "l" }, key);
        }
        fn cookies(&self) -> String {
            call(Op::Cookies, "", "").unwrap_or_default()
        }
        fn set_cookie(&self, cookie: &str) {
            call(Op::SetCookie, cookie, "");
        }
        fn render(&self, modal: Modal, html: &str, language: &str, rtl: bool) {
            // `a`: modal code, rtl flag and language; `b`: the markup.
            let mut head = String::with_capacity(language.len() + 2);
            head.push(if modal == Modal::Consent { '0' } else { '1' });
            head.push(if rtl { '1' } else { '0' });
            head.push_str(language);
            call(Op::Render, &head, html);
        }
        fn show(&self, modal: Modal, visible: bool, lock_page: bool) {
            let code = [b'0' + modal as u8, b'0' + visible as u8, b'0' + lock_page as u8];
            call(Op::Show, core::str::from_utf8(&code).unwrap_or("000"), "");
        }
        fn toggles(&self) -> Option<String> {
            call(Op::Toggles, "", "")
        }
        fn set_toggles(&self, checked: &str) {
            call(Op::SetToggles, checked, "");
        }
        fn remove_ui(&self) {
            call(Op::RemoveUi, "", "");
        }
        fn held(&self) -> String {
            call(Op::Held, "", "").unwrap_or_default()
        }
        fn regex_test(&self, h: Handle, text: &str) -> bool {
            flag(Op::RegexTest, &handle(h), text)
        }
        fn call_number(&self, h: Handle, arg: &str) -> Option<f64> {
            number(call(Op::CallNumber, &handle(h), arg))
        }
        fn render_center(&self, html: &str, language: &str, rtl: bool) {
            let mut head = String::with_capacity(language.len() + 1);
            head.push(if rtl { '1' } else { '0' });
            head.push_str(language);
            call(Op::RenderCenter, &head, html);
        }
        fn center_toggles(&self) -> Option<String> {
            call(Op::CenterToggles, "", "")
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
        pub(crate) toggles: RefCell<Option<String>>,
        /// `(index, category, service)` of held scripts.
        pub(crate) held: RefCell<Vec<(u32, String, String)>>,
        pub(crate) warnings: RefCell<Vec<String>>,
        /// Cookie names a RegExp handle matches: handle → prefix.
        pub(crate) regex_prefixes: RefCell<BTreeMap<u32, String>>,
        pub(crate) days: Cell<Option<f64>>,
        pub(crate) removed_ui: Cell<bool>,
        pub(crate) center: RefCell<Option<String>>,
        pub(crate) center_toggles: RefCell<Option<String>>,
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
        fn toggles(&self) -> Option<String> {
            self.rendered.borrow().contains_key(&(Modal::Preferences as u8)).then(|| self.toggles.borrow().clone().unwrap_or_default())
        }
        fn set_toggles(&self, checked: &str) {
            *self.toggles.borrow_mut() = Some(checked.to_owned());
        }
        fn remove_ui(&self) {
            self.rendered.borrow_mut().clear();
            self.visible.borrow_mut().clear();
            self.removed_ui.set(true);
        }
        fn held(&self) -> String {
            let lines: Vec<String> = self.held.borrow().iter().map(|(i, c, s)| std::format!("{i}\t{c}\t{s}")).collect();
            lines.join("\n")
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
        fn center_toggles(&self) -> Option<String> {
            self.center_toggles.borrow().clone()
        }
    }
}
