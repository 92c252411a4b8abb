//! Browser tests (`wasm-pack test --headless --chrome`): the engine with the real host
//! (`src/js/host.js`) in Chromium — storage that throws or is full, and the script gate
//! releasing held scripts in document order. Driven through `api::call`, as the loader does,
//! with the codes of `crate::protocol` (the same ones protocol.js has).

use wasm_bindgen::prelude::*;
use wasm_bindgen_futures::JsFuture;
use wasm_bindgen_test::*;

use crate::protocol::{Fx, HostOp, Op};
use crate::value::{parse_json, Value};

wasm_bindgen_test_configure!(run_in_browser);

#[wasm_bindgen(module = "/src/js/host.js")]
extern "C" {
    /// The loader's part of the gate: release held scripts by index (as `perform` does).
    fn release(indexes: Vec<u32>);
}

// host.js imports protocol.js: naming it here makes wasm-bindgen copy it next to host.js.
#[wasm_bindgen(module = "/src/js/protocol.js")]
extern "C" {
    #[wasm_bindgen(thread_local_v2, js_name = HOST_OPS)]
    static HOST_OPS: js_sys::Array;
}

#[wasm_bindgen(inline_js = r#"
export function breakStorage(mode) {
  const proto = Storage.prototype;
  window.__saved = window.__saved || { get: proto.getItem, set: proto.setItem, desc: Object.getOwnPropertyDescriptor(window, 'localStorage') };
  if (mode === 'throw') {
    proto.getItem = () => { throw new DOMException('denied', 'SecurityError'); };
    proto.setItem = () => { throw new DOMException('denied', 'SecurityError'); };
  } else if (mode === 'full') {
    proto.setItem = () => { throw new DOMException('full', 'QuotaExceededError'); };
  } else if (mode === 'getter') {
    Object.defineProperty(window, 'localStorage', { configurable: true, get() { throw new DOMException('denied', 'SecurityError'); } });
  }
}
export function restoreStorage() {
  const s = window.__saved;
  if (!s) return;
  Storage.prototype.getItem = s.get;
  Storage.prototype.setItem = s.set;
  if (s.desc) Object.defineProperty(window, 'localStorage', s.desc);
  try { localStorage.clear(); } catch {}
}
export function heldPage() {
  // Only our own container: the test runner reports through elements of the page.
  let box = document.getElementById('held-page');
  if (box) box.remove();
  box = document.createElement('div');
  box.id = 'held-page';
  document.body.appendChild(box);
  window.ran = [];
  const add = (attrs, text) => {
    const s = document.createElement('script');
    s.type = 'text/plain';
    for (const [k, v] of Object.entries(attrs)) s.setAttribute(k, v);
    if (text) s.text = text;
    box.appendChild(s);
  };
  add({ 'data-category': 'analytics' }, "window.ran.push('a1')");
  add({ 'data-category': 'analytics', 'data-src': 'data:text/javascript,window.ran.push(%22a2-external%22)' });
  add({ 'data-category': 'analytics', 'data-service': 'ga', nonce: 'n0nce' }, "window.ran.push('a3-ga:' + document.currentScript.nonce)");
  add({ 'data-category': 'marketing' }, "window.ran.push('m1')");
  add({ 'data-category': 'analytics', 'data-service': 'hotjar' }, "window.ran.push('a4-hotjar')");
  add({ 'data-category': 'analytics' }, "window.ran.push('a5')");
}
export function ran() { return (window.ran || []).join(','); }
export function sleep(ms) { return new Promise((r) => setTimeout(r, ms)); }
export function stored() { try { return window.__saved ? window.__saved.get.call(localStorage, 'cc_cookie') : localStorage.getItem('cc_cookie'); } catch { return null; } }
"#)]
extern "C" {
    #[wasm_bindgen(js_name = breakStorage)]
    fn break_storage(mode: &str);
    #[wasm_bindgen(js_name = restoreStorage)]
    fn restore_storage();
    #[wasm_bindgen(js_name = heldPage)]
    fn held_page();
    fn ran() -> String;
    fn sleep(ms: u32) -> js_sys::Promise;
    fn stored() -> Option<String>;
}

const CONFIG: &str = r#"{"hideFromBots":false,"categories":{"necessary":{"readOnly":true},"analytics":{"services":{"ga":{},"hotjar":{}}},"marketing":{}}}"#;

const CONFIGURE: Op = Op::Configure;
const START: Op = Op::Start;
const ACCEPT_CATEGORY: Op = Op::AcceptCategory;
const ACCEPT_SERVICE: Op = Op::AcceptService;
const VALID_CONSENT: Op = Op::ValidConsent;
const RESET: Op = Op::Reset;

/// `call` as the loader makes it; the payload of a reply that must be OK.
fn call(op: Op, a: &str, b: &str) -> String {
    let reply = crate::api::call(u32::from(op.code()), a, b);
    assert!(reply.starts_with('0'), "{op:?}: {reply}");
    reply[1..].to_owned()
}

fn fresh(config: &str) {
    call(RESET, "1", "");
    assert_eq!(call(CONFIGURE, config, ""), "[]", "configure: no Consent Mode, no effects");
}

/// The indexes of the release effect, released through the host (what the loader does).
fn perform_release(effects: &str) -> Vec<u32> {
    let mut released = Vec::new();
    for e in parse_json(effects).expect("effects are JSON").as_array().unwrap_or(&[]) {
        if let Some([Value::Num(kind), Value::Arr(list)]) = e.as_array() {
            if *kind == f64::from(Fx::Release.code()) {
                released = list.iter().filter_map(Value::as_f64).map(|n| n as u32).collect();
            }
        }
    }
    release(released.clone());
    released
}

#[wasm_bindgen_test]
fn host_js_knows_every_host_operation_by_its_code() {
    let names: Vec<String> = HOST_OPS.with(|list| list.iter().filter_map(|v| v.as_string()).collect());
    let expected: Vec<&str> = HostOp::ALL.iter().map(|op| op.name()).collect();
    assert_eq!(names, expected);
}

#[wasm_bindgen_test]
fn a_throwing_local_storage_never_reaches_the_page() {
    restore_storage();
    break_storage("throw");
    fresh(CONFIG);
    let fx = call(START, "", "");
    assert!(fx.contains("cc:onModalShow"), "banner shown: {fx}");
    let fx = call(ACCEPT_CATEGORY, "\"all\"", "[]");
    assert!(fx.contains("cc:onFirstConsent"), "{fx}");
    assert_eq!(call(VALID_CONSENT, "", ""), "1", "the choice holds for this page view (memory)");
    restore_storage();
    call(RESET, "", "");
}

#[wasm_bindgen_test]
fn a_full_local_storage_keeps_the_choice_in_memory() {
    restore_storage();
    break_storage("full");
    fresh(CONFIG);
    call(START, "", "");
    call(ACCEPT_CATEGORY, "[]", "[]");
    assert_eq!(call(VALID_CONSENT, "", ""), "1");
    assert_eq!(stored(), None, "nothing could be written");
    restore_storage();
    call(RESET, "", "");
}

#[wasm_bindgen_test]
fn a_local_storage_getter_that_throws_is_just_no_storage() {
    restore_storage();
    break_storage("getter");
    fresh(CONFIG);
    assert!(call(START, "", "").contains("cc:onModalShow"));
    call(ACCEPT_CATEGORY, "\"all\"", "[]");
    assert_eq!(call(VALID_CONSENT, "", ""), "1");
    restore_storage();
    call(RESET, "", "");
}

#[wasm_bindgen_test]
fn the_record_is_stored_and_read_back_on_the_next_start() {
    restore_storage();
    fresh(CONFIG);
    call(START, "", "");
    call(ACCEPT_CATEGORY, "[\"analytics\"]", "[]");
    let text = stored().expect("stored in localStorage");
    assert!(text.starts_with("{\"categories\":[\"necessary\",\"analytics\"]"), "{text}");
    // A new page view: a new engine reads it back.
    call(RESET, "", "");
    assert_eq!(call(CONFIGURE, CONFIG, ""), "[]");
    let fx = call(START, "", "");
    assert!(fx.contains("cc:onConsent") && !fx.contains("cc:onModalShow"), "{fx}");
    call(RESET, "1", "");
}

#[wasm_bindgen_test]
async fn the_gate_releases_in_document_order_and_waits_for_external_scripts() {
    restore_storage();
    held_page();
    fresh(CONFIG);
    call(START, "", "");
    assert_eq!(ran(), "", "nothing before consent");
    let released = perform_release(&call(ACCEPT_SERVICE, "\"ga\"", "\"analytics\""));
    assert_eq!(released, [0, 1, 2, 5], "analytics scripts without a service, and ga's");
    // The first inline script ran; the second waits for the external one.
    assert_eq!(ran(), "a1");
    JsFuture::from(sleep(300)).await.unwrap();
    assert_eq!(ran(), "a1,a2-external,a3-ga:n0nce,a5", "order kept; nonce carried over");
    // Accepting everything later releases only what was still held.
    perform_release(&call(ACCEPT_CATEGORY, "\"all\"", "[]"));
    JsFuture::from(sleep(50)).await.unwrap();
    assert_eq!(ran(), "a1,a2-external,a3-ga:n0nce,a5,m1,a4-hotjar");
    call(RESET, "1", "");
}
