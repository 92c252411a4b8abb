//! The dispatcher: replies are tagged, codes are checked, and calls made before the page is
//! ready wait for the engine to start.

use super::*;
use crate::host::fake::FakeHost;

const CONFIG: &str =
    r#"{"hideFromBots":false,"categories":{"necessary":{"readOnly":true},"analytics":{"services":{"ga":{}}}},"googleConsentMode":{"waitForUpdate":500}}"#;

fn call(slot: &mut Slot, host: &FakeHost, op: Op, a: &str, b: &str) -> String {
    dispatch(slot, host, Parts::THIS_BUILD, u32::from(op.code()), a, b)
}

#[test]
fn every_reply_is_tagged() {
    let host = FakeHost::new();
    let mut slot = Slot::default();
    let fx = call(&mut slot, &host, Op::Configure, CONFIG, "");
    assert!(fx.starts_with("0[[6,[\"consent\",\"default\",{"), "the Consent Mode default comes from configure: {fx}");
    assert!(fx.contains("\"wait_for_update\":500"), "{fx}");
    let bad = call(&mut slot, &host, Op::Configure, r#"{"mode": "sometimes"}"#, "");
    assert_eq!(bad, "1consentry: mode: expected one of \"opt-in\", \"opt-out\", got \"sometimes\"");
    assert_eq!(call(&mut slot, &host, Op::ValidConsent, "", ""), "0", "a flag: false is empty");
    // A payload may start with anything, `!` included: only the status says "error".
    host.local.borrow_mut().insert("other".into(), "\"!not an error\"".into());
    assert_eq!(call(&mut slot, &host, Op::GetCookie, "other", ""), "0\"!not an error\"");
}

#[test]
fn unknown_and_out_of_range_codes_are_bad_requests() {
    let host = FakeHost::new();
    let mut slot = Slot::default();
    call(&mut slot, &host, Op::Configure, CONFIG, "");
    call(&mut slot, &host, Op::Start, "", "");
    let status = |r: String| r.chars().next().unwrap();
    assert_eq!(status(dispatch(&mut slot, &host, Parts::THIS_BUILD, 999, "", "")), '3');
    assert_eq!(status(dispatch(&mut slot, &host, Parts::THIS_BUILD, Op::ALL.len() as u32, "", "")), '3');
    for action in ["7", "10", "17", "-1", "1.5", "\"1\"", ""] {
        assert_eq!(status(call(&mut slot, &host, Op::Act, action, "")), '3', "action {action:?} is no action");
    }
    assert_eq!(status(call(&mut slot, &host, Op::Click, "[2, 9]", "")), '3', "an unknown role");
    assert_eq!(status(call(&mut slot, &host, Op::Click, "[7, 0]", "")), '3', "an unknown scope");
    assert!(!slot.engine.as_ref().unwrap().valid_consent(), "none of them chose anything");
    assert_eq!(status(call(&mut slot, &host, Op::Act, "1", "")), '0');
    assert!(slot.engine.as_ref().unwrap().valid_consent());
}

#[test]
fn a_build_without_the_choosing_part_says_so() {
    let host = FakeHost::new();
    let mut slot = Slot::default();
    let core = Parts { choosing: false };
    dispatch(&mut slot, &host, core, u32::from(Op::Configure.code()), CONFIG, "");
    let history = dispatch(&mut slot, &host, core, u32::from(Op::History.code()), "", "");
    assert_eq!(history, "2consentry: this build of the engine leaves out operation 25");
    assert!(dispatch(&mut slot, &host, core, u32::from(Op::Start.code()), "", "").starts_with('0'));
}

#[test]
fn the_banner_closes_then_the_choice_is_made() {
    let host = FakeHost::new();
    let mut slot = Slot::default();
    call(&mut slot, &host, Op::Configure, CONFIG, "");
    call(&mut slot, &host, Op::Start, "", "");
    let click = std::format!("[{}, {}]", Scope::Banner.code(), Role::Necessary.code());
    let fx = call(&mut slot, &host, Op::Click, &click, "");
    assert_eq!(fx, "0[[0,\"cc:onModalHide\",{\"modalName\":\"consentModal\"},null,-1],[10,1]]", "hidden; then ACT_ACCEPT_NECESSARY");
    assert!(!slot.engine.as_ref().unwrap().valid_consent(), "not chosen yet: the loader asks for it after the hide");
}

#[test]
fn calls_before_the_page_is_ready_wait_for_start_and_queries_answer_at_once() {
    let host = FakeHost::new();
    host.local.borrow_mut().insert("keep".into(), "{\"x\":1}".into());
    let mut slot = Slot::default();
    call(&mut slot, &host, Op::Configure, CONFIG, "");
    assert_eq!(call(&mut slot, &host, Op::AcceptCategory, "[\"analytics\"]", "[]"), "0[]", "kept for the start");
    assert_eq!(call(&mut slot, &host, Op::AcceptService, "null", "\"analytics\""), "0", "refused at once, as v3 would");
    assert_eq!(call(&mut slot, &host, Op::ValidConsent, "", ""), "0", "not chosen yet");
    assert!(host.rendered.borrow().is_empty(), "nothing in the page before start");
    let fx = call(&mut slot, &host, Op::Start, "", "");
    assert!(fx.contains("cc:onFirstConsent"), "{fx}");
    assert_eq!(call(&mut slot, &host, Op::AcceptedCategory, "analytics", ""), "01");
    // Another page view: the stored consent answers as soon as the engine is configured.
    let mut next = Slot::default();
    call(&mut next, &host, Op::Configure, CONFIG, "");
    assert_eq!(call(&mut next, &host, Op::AcceptedCategory, "analytics", ""), "01");
    assert_eq!(call(&mut next, &host, Op::GetCookie, "keep", ""), "0{\"x\":1}");
}

#[test]
fn without_an_engine_nothing_is_accepted_and_auto_blocking_holds() {
    let host = FakeHost::new();
    let mut slot = Slot::default();
    assert_eq!(call(&mut slot, &host, Op::AcceptedCategory, "analytics", ""), "0");
    assert_eq!(call(&mut slot, &host, Op::Classify, "https://example.com/x.js", ""), "01");
    assert_eq!(call(&mut slot, &host, Op::AcceptCategory, "\"all\"", "[]"), "0[]");
    assert_eq!(call(&mut slot, &host, Op::GetCookie, "", ""), "0", "empty: the loader's {{}}");
    assert_eq!(call(&mut slot, &host, Op::GetUserPreferences, "", ""), "0");
}
