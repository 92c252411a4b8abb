use super::*;
use crate::consent::history;
use crate::consent::Request;
use crate::host::fake::FakeHost;
use crate::host::{Held, Toggle};
use crate::protocol::{Action, HeldKind, Role, Scope, Verdict};
use crate::test_util::js;

const CONFIG: &str = r#"{
  "categories": {
    "necessary": {"readOnly": true},
    "analytics": {
      "autoClear": {"cookies": [{"name": "@re:1"}], "reloadPage": false, "storageKeys": ["_hjTracker"]},
      "services": {"ga": {"onAccept": "@fn:2", "onReject": "@fn:3", "cookies": [{"name": "_gid"}]}, "hotjar": {}}
    },
    "marketing": {}
  },
  "onConsent": "@fn:4",
  "revision": 1
}"#;

fn engine(host: &FakeHost, config: &str) -> Engine {
    if host.held.borrow().is_empty() {
        *host.held.borrow_mut() = scripts(&HELD);
    }
    host.regex_prefixes.borrow_mut().insert(1, "_ga".into());
    Engine::configure(&js(config), host).unwrap().0
}

const HELD: [(&str, &str); 4] = [("analytics", ""), ("marketing", ""), ("analytics", "ga"), ("!analytics", "")];

/// Held scripts from `(data-category, data-service)` (`""`: no such attribute).
fn scripts(list: &[(&str, &str)]) -> Vec<Held> {
    let some = |s: &str| Some(s.to_owned()).filter(|s| !s.is_empty());
    list.iter().map(|(c, s)| Held { category: some(c), service: some(s), kind: HeldKind::Script }).collect()
}

/// Toggles from `"necessary analytics analytics:hotjar"`.
fn pairs(text: &str) -> Vec<Toggle> {
    text.split(' ').filter(|t| !t.is_empty()).map(|t| t.split_once(':').map(|(c, s)| (c.into(), s.into())).unwrap_or((t.into(), String::new()))).collect()
}

/// `acceptService(services, category)` with JSON arguments.
fn accept_service(e: &mut Engine, host: &FakeHost, services: &str, category: &str) -> Option<Vec<Effect>> {
    e.accept_service(host, &js(services), &js(&std::format!("\"{category}\"")))
}

fn events(fx: &[Effect]) -> Vec<&'static str> {
    fx.iter()
        .filter_map(|e| match e {
            Effect::Emit { event, .. } => Some(event.name()),
            _ => None,
        })
        .collect()
}

fn released(fx: &[Effect]) -> Option<Vec<u32>> {
    fx.iter().find_map(|e| match e {
        Effect::Release(r) => Some(r.clone()),
        _ => None,
    })
}

#[test]
fn first_visit_shows_the_banner_and_releases_nothing() {
    let host = FakeHost::new();
    let mut e = engine(&host, CONFIG);
    let fx = e.start(&host);
    assert_eq!(events(&fx), ["cc:onModalReady", "cc:onModalShow"]);
    assert_eq!(released(&fx), Some(vec![]), "opt-in: nothing runs before consent");
    assert!(fx.contains(&Effect::Recheck), "what auto-blocking held while loading is classified");
    assert_eq!(*host.visible.borrow(), [Modal::Consent]);
    assert!(host.rendered.borrow()[&0].contains("data-role=\"all\""));
    assert!(!e.valid_consent());
}

#[test]
fn accept_all_stores_releases_and_fires_first_consent() {
    let host = FakeHost::new();
    let mut e = engine(&host, CONFIG);
    e.start(&host);
    let fx = e.act(&host, Action::AcceptAll);
    assert_eq!(released(&fx), Some(vec![0, 1, 2]));
    assert_eq!(events(&fx), ["cc:onFirstConsent", "cc:onConsent", "cc:onModalHide"]);
    assert!(fx.contains(&Effect::Call(2)), "ga.onAccept");
    assert!(host.visible.borrow().is_empty());
    let stored = host.local.borrow().get("cc_cookie").cloned().unwrap();
    let record = Record::parse(&stored, host.now()).unwrap();
    assert_eq!(record.categories, ["necessary", "analytics", "marketing"]);
    assert_eq!(record.revision, 1);
    assert!(e.valid_consent() && e.accepted_service("ga", "analytics"));
    if let Some(Effect::Emit { detail, callback, .. }) = fx.iter().find(|f| matches!(f, Effect::Emit { event: Event::Consent, .. })) {
        assert_eq!(*callback, Some(4));
        assert_eq!(detail.get("cookie").and_then(|c| c.get("consentId")), Some(&Value::Str(record.consent_id.clone())));
    } else {
        panic!("no onConsent");
    }
}

#[test]
fn a_returning_visit_releases_and_fires_on_consent_without_banner() {
    let host = FakeHost::new();
    let mut first = engine(&host, CONFIG);
    first.start(&host);
    first.accept_category(&host, Some(Request::Only(vec!["analytics".into()])), &[]);
    assert_eq!(*host.visible.borrow(), [Modal::Consent], "the API's choice leaves the banner to the site (v3)");
    host.visible.borrow_mut().clear();
    let mut e = engine(&host, CONFIG);
    let fx = e.start(&host);
    assert_eq!(released(&fx), Some(vec![0, 2]));
    assert_eq!(events(&fx), ["cc:onConsent"]);
    assert!(host.visible.borrow().is_empty());
}

#[test]
fn withdrawal_runs_negated_scripts_erases_cookies_and_calls_on_reject() {
    let host = FakeHost::new();
    let mut e = engine(&host, CONFIG);
    e.start(&host);
    e.act(&host, Action::AcceptAll);
    for c in ["_ga", "_ga_XYZ", "_gid", "keep"] {
        host.cookie_jar.borrow_mut().insert(c.into(), "1".into());
    }
    host.local.borrow_mut().insert("_hjTracker".into(), "x".into());
    let fx = e.act(&host, Action::AcceptNecessary);
    assert_eq!(released(&fx), Some(vec![3]), "only the !analytics script");
    assert_eq!(events(&fx), ["cc:onChange"]);
    assert!(fx.contains(&Effect::Call(3)), "ga.onReject");
    let jar: Vec<String> = host.cookie_jar.borrow().keys().cloned().collect();
    assert_eq!(jar, ["keep"]);
    assert!(!host.local.borrow().contains_key("_hjTracker"));
    assert!(host.local.borrow().contains_key("cc_cookie"), "the consent itself stays");
    if let Some(Effect::Emit { detail, .. }) = fx.first().filter(|_| false).or(fx.iter().find(|f| matches!(f, Effect::Emit { .. }))) {
        assert_eq!(detail.get("changedCategories"), Some(&Value::str_array(&["analytics", "marketing"])));
    }
}

#[test]
fn a_revision_bump_asks_again_and_keeps_the_consent_id() {
    let host = FakeHost::new();
    let mut e = engine(&host, CONFIG);
    e.start(&host);
    e.act(&host, Action::AcceptAll);
    let id = e.record.as_ref().unwrap().consent_id.clone();
    let bumped = CONFIG.replace("\"revision\": 1", "\"revision\": 2");
    let mut e = engine(&host, &bumped);
    let fx = e.start(&host);
    assert_eq!(released(&fx), Some(vec![]), "old consent no longer counts");
    assert!(host.rendered.borrow()[&0].contains("cm__revision"));
    e.act(&host, Action::AcceptNecessary);
    assert_eq!(e.record.as_ref().unwrap().consent_id, id);
    assert_eq!(e.record.as_ref().unwrap().revision, 2);
}

#[test]
fn corrupt_or_blocked_storage_never_breaks_and_asks_again() {
    let host = FakeHost::new();
    host.local.borrow_mut().insert("cc_cookie".into(), "{not json".into());
    host.local_refuses.set(true);
    let mut e = engine(&host, CONFIG);
    let fx = e.start(&host);
    assert_eq!(events(&fx), ["cc:onModalReady", "cc:onModalShow"]);
    let fx = e.act(&host, Action::AcceptAll);
    assert_eq!(released(&fx), Some(vec![0, 1, 2]));
    assert!(e.valid_consent(), "held in memory for this page view");
}

#[test]
fn opt_out_runs_enabled_categories_before_consent() {
    let host = FakeHost::new();
    let mut e = engine(&host, r#"{"mode": "opt-out", "categories": {"necessary": {"readOnly": true}, "analytics": {"enabled": true}, "marketing": {}}}"#);
    let fx = e.start(&host);
    assert_eq!(released(&fx), Some(vec![0, 2]), "script 2's service (ga, named only in the markup) is one of analytics");
    assert_eq!(e.config.categories[1].services.iter().map(|s| s.name.as_str()).collect::<Vec<_>>(), ["ga"]);
    assert!(!e.valid_consent());
    assert_eq!(*host.visible.borrow(), [Modal::Consent]);
}

#[test]
fn bots_get_nothing() {
    let mut host = FakeHost::new();
    host.env.webdriver = true;
    let mut e = engine(&host, CONFIG);
    assert!(e.start(&host).is_empty());
    assert!(host.rendered.borrow().is_empty());
    assert!(e.act(&host, Action::AcceptAll).is_empty());
    let mut visible = engine(&host, &CONFIG.replace("\"revision\": 1", "\"revision\": 1, \"hideFromBots\": false"));
    assert!(!visible.start(&host).is_empty());
}

#[test]
fn custom_selection_reads_the_toggles() {
    let host = FakeHost::new();
    let mut e = engine(&host, CONFIG);
    e.start(&host);
    e.act(&host, Action::ShowPreferences);
    assert_eq!(*host.toggles.borrow(), Some(pairs("necessary")), "defaults before consent");
    host.set_toggles(&pairs("necessary analytics analytics:hotjar"));
    let fx = e.act(&host, Action::AcceptCustom);
    assert_eq!(released(&fx), Some(vec![0]));
    assert!(e.accepted_service("hotjar", "analytics") && !e.accepted_service("ga", "analytics"));
    assert_eq!(e.user_preferences().get("acceptType"), Some(&Value::Str("custom".into())));
}

#[test]
fn set_cookie_data_works_before_consent_and_is_kept_by_it() {
    let host = FakeHost::new();
    let mut e = engine(&host, CONFIG);
    e.start(&host);
    assert!(e.set_cookie_data(&host, &js(r#"{"value": {"a": 1}}"#)), "before consent too (v3)");
    assert!(!e.valid_consent());
    let early = crate::value::parse_json(&host.local.borrow()["cc_cookie"]).unwrap();
    assert_eq!(early.get("data"), Some(&js(r#"{"a": 1}"#)));
    assert_eq!(early.get("expirationTime").and_then(Value::as_f64), Some(host.now() + 182.0 * 86_400_000.0));
    assert_eq!(e.cookie(), early, "getCookie() reads it although it is no consent");

    let mut again = engine(&host, CONFIG);
    again.start(&host);
    assert!(!again.valid_consent() && host.visible.borrow().contains(&Modal::Consent), "still asked");
    assert_eq!(again.cookie().get("data"), Some(&js(r#"{"a": 1}"#)));
    again.act(&host, Action::AcceptAll);
    assert_eq!(again.cookie().get("data"), Some(&js(r#"{"a": 1}"#)), "kept by the consent");
    assert!(again.set_cookie_data(&host, &js(r#"{"value": "plain"}"#)));
    let stored = host.local.borrow().get("cc_cookie").cloned().unwrap();
    assert!(stored.contains("\"data\":\"plain\""));
    assert!(Record::parse(&stored, host.now()).is_some());
}

#[test]
fn set_cookie_data_on_an_expired_record_gives_it_a_fresh_expiry() {
    let host = FakeHost::new();
    let expired = r#"{"categories":["necessary"],"revision":1,"data":null,"consentTimestamp":"2025-01-01T00:00:00.000Z","consentId":"0f8fad5b-d9cb-469f-a165-70867728950e","services":{},"languageCode":"en","lastConsentTimestamp":"2025-01-01T00:00:00.000Z","expirationTime":1740000000000}"#;
    host.cookie_jar.borrow_mut().insert("cc_cookie".into(), crate::storage::cookie::encode(expired));
    let mut e = engine(&host, &CONFIG.replace("\"revision\": 1", "\"revision\": 1, \"cookie\": {\"useLocalStorage\": false}"));
    e.start(&host);
    assert_eq!(e.cookie().get("consentId"), Some(&Value::Str("0f8fad5b-d9cb-469f-a165-70867728950e".into())), "getCookie() reads the expired record");
    assert!(e.set_cookie_data(&host, &js(r#"{"value": 7}"#)));
    let stored = crate::storage::cookie::decode(&host.cookie_jar.borrow()["cc_cookie"]).unwrap();
    let value = crate::value::parse_json(&stored).unwrap();
    assert_eq!(value.get("data"), Some(&js("7")));
    assert_eq!(value.get("expirationTime").and_then(Value::as_f64), Some(host.now() + 182.0 * 86_400_000.0), "not the past one (the cookie would be gone)");
    assert!(!e.valid_consent());
}

#[test]
fn a_v3_cookie_is_taken_over_into_local_storage() {
    let host = FakeHost::new();
    let record = r#"{"categories":["necessary","analytics"],"revision":1,"data":null,"consentTimestamp":"2025-11-29T03:00:00.000Z","consentId":"0f8fad5b-d9cb-469f-a165-70867728950e","services":{"analytics":["ga"]},"languageCode":"en","lastConsentTimestamp":"2025-11-29T03:00:00.000Z","expirationTime":1780000000000}"#;
    host.cookie_jar.borrow_mut().insert("cc_cookie".into(), crate::storage::cookie::encode(record));
    let mut e = engine(&host, CONFIG);
    let fx = e.start(&host);
    assert_eq!(released(&fx), Some(vec![0, 2]));
    assert!(host.local.borrow().contains_key("cc_cookie"));
    assert!(!host.cookie_jar.borrow().contains_key("cc_cookie"));
}

#[test]
fn effects_serialize_for_the_loader() {
    let fx = vec![
        Effect::emit(Event::ModalReady(Modal::Preferences), Value::Null, Some(9)),
        Effect::Release(vec![0, 2]),
        Effect::Call(3),
        Effect::Reload,
        Effect::Then(Action::AcceptAll),
    ];
    assert_eq!(effects::to_json(&fx), r#"[[0,"cc:onModalReady",{"modalName":"preferencesModal"},9,1],[1,[0,2]],[8,3],[9],[10,0]]"#);
}

#[test]
fn auto_blocking_holds_claimed_urls_until_their_service_is_accepted() {
    let host = FakeHost::new();
    let config = r#"{"categories": {"necessary": {"readOnly": true}, "analytics": {"services": {"ga": {"urls": ["https://www.googletagmanager.com/gtag/js"]}}}}, "debug": true}"#;
    let mut e = engine(&host, config);
    assert_eq!(e.classify("https://www.googletagmanager.com/gtag/js?id=G-1"), Verdict::Hold, "held even before start");
    e.start(&host);
    assert_eq!(e.classify("https://www.googletagmanager.com/gtag/js?id=G-1"), Verdict::Hold);
    assert_eq!(e.classify("https://cdn.example/lib.js"), Verdict::Report, "debug lists what no service claims");
    e.act(&host, Action::AcceptAll);
    assert_eq!(e.classify("https://www.googletagmanager.com/gtag/js?id=G-1"), Verdict::Pass);
    e.act(&host, Action::AcceptNecessary);
    assert_eq!(e.classify("https://www.googletagmanager.com/gtag/js?id=G-1"), Verdict::Hold, "withdrawn: nothing new loads");
}

#[test]
fn auto_blocking_lets_read_only_services_load_before_any_choice() {
    // A payment form or a captcha the site lists under its necessary category needs no
    // consent: held until the visitor answers the banner, it would break the page meanwhile.
    let host = FakeHost::new();
    let config = r#"{"categories": {"necessary": {"readOnly": true, "services": {"pay": {"urls": ["https://js.pay.example/"]}}}, "analytics": {"services": {"ga": {"urls": ["https://www.googletagmanager.com/"]}}}}}"#;
    let mut e = engine(&host, config);
    e.start(&host);
    assert!(!e.valid_consent());
    assert_eq!(e.classify("https://js.pay.example/v3/"), Verdict::Pass);
    assert_eq!(e.classify("https://www.googletagmanager.com/gtag/js"), Verdict::Hold);
    assert!(!e.accepted_category("necessary"), "v3: nothing counts as accepted before a choice");
}

#[test]
fn a_placeholder_button_accepts_one_service_on_top_of_the_rest() {
    let host = FakeHost::new();
    let mut e = engine(&host, CONFIG);
    e.start(&host);
    e.act(&host, Action::AcceptNecessary);
    let fx = e.accept_one(&host, "analytics", "hotjar");
    assert!(e.accepted_service("hotjar", "analytics") && !e.accepted_service("ga", "analytics"));
    assert_eq!(events(&fx), ["cc:onChange"]);
    e.accept_one(&host, "marketing", "");
    assert!(e.accepted_category("marketing") && e.accepted_service("hotjar", "analytics"), "earlier choices kept");
    assert!(e.accept_one(&host, "analytics", "nope").is_empty());
}

#[test]
fn another_tab_changing_consent_is_adopted() {
    let host = FakeHost::new();
    let mut mine = engine(&host, CONFIG);
    mine.start(&host);
    let mut other = engine(&host, CONFIG);
    other.start(&host);
    other.act(&host, Action::AcceptAll);
    let fx = mine.sync(&host, None);
    assert!(mine.accepted_category("analytics"));
    assert_eq!(released(&fx), Some(vec![0, 1, 2]));
    assert!(events(&fx).contains(&"cc:onChange") && events(&fx).contains(&"cc:onModalHide"));
    other.act(&host, Action::AcceptNecessary);
    let fx = mine.sync(&host, None);
    assert!(!mine.accepted_category("analytics"));
    assert_eq!(released(&fx), Some(vec![3]), "the !analytics script runs in this tab too");
    assert!(mine.sync(&host, None).is_empty(), "nothing new");
}

#[test]
fn two_tabs_choosing_at_once_keep_both_entries_and_end_on_the_stored_choice() {
    let host = FakeHost::new();
    let (mut a, mut b) = (engine(&host, CONFIG), engine(&host, CONFIG));
    a.start(&host);
    b.start(&host);
    let key = "cc_cookie_history";
    let before = host.local.borrow().get(key).cloned();
    a.act(&host, Action::AcceptAll);
    let (record_a, history_a) = (host.local.borrow()["cc_cookie"].clone(), host.local.borrow()[key].clone());
    // B read the history before A's write arrived; its history write lands last, A's record does.
    match &before {
        Some(h) => host.local.borrow_mut().insert(key.into(), h.clone()),
        None => host.local.borrow_mut().remove(key),
    };
    host.time.set(host.time.get() + 2.0);
    b.act(&host, Action::AcceptNecessary);
    host.local.borrow_mut().insert("cc_cookie".into(), record_a);
    let newest = |host: &FakeHost| history::parse(&host.local.borrow()[key]).last().map(|e| e.categories.clone());
    assert_eq!(newest(&host), Some(vec!["necessary".to_string()]), "the race: history ends on B, record is A's");
    b.sync(&host, None);
    a.sync(&host, None);
    b.sync(&host, None);
    let stored = history::parse(&host.local.borrow()[key]);
    assert_eq!(stored.iter().map(|e| e.categories.len()).collect::<Vec<_>>(), [1, 3], "both choices, A's (the stored one) last");
    assert_eq!(a.history_json(), b.history_json());
    assert_eq!(a.history_json(), host.local.borrow()[key]);
    let again = host.local.borrow()[key].clone();
    a.sync(&host, None);
    b.sync(&host, None);
    assert_eq!(host.local.borrow()[key], again, "settled: nothing more to write");
    assert_ne!(history_a, again);
}

#[test]
fn a_choice_confirmed_again_while_another_tab_changes_it_still_ends_the_history() {
    let host = FakeHost::new();
    let (mut a, mut b) = (engine(&host, CONFIG), engine(&host, CONFIG));
    a.start(&host);
    b.start(&host);
    a.act(&host, Action::AcceptAll);
    b.sync(&host, None);
    // A confirms "all" again (no new history entry) while B rejects; A's record lands last.
    host.time.set(host.time.get() + 1000.0);
    a.act(&host, Action::AcceptAll);
    let record_a = host.local.borrow()["cc_cookie"].clone();
    host.time.set(host.time.get() + 2.0);
    b.act(&host, Action::AcceptNecessary);
    host.local.borrow_mut().insert("cc_cookie".into(), record_a);
    a.sync(&host, None);
    b.sync(&host, None);
    a.sync(&host, None);
    let stored = history::parse(&host.local.borrow()["cc_cookie_history"]);
    let lines: Vec<_> = stored.iter().map(|e| (e.action.as_str(), e.categories.len())).collect();
    assert_eq!(lines, [("given", 3), ("withdrawn", 1), ("changed", 3)], "the stored choice (all) is the newest entry");
    assert_eq!(a.history_json(), b.history_json());
}

#[test]
fn global_privacy_control_starts_its_categories_off_and_an_opt_in_still_wins() {
    let mut host = FakeHost::new();
    host.env.gpc = true;
    let opt_in = engine(&host, r#"{"gpc": true, "categories": {"necessary": {"readOnly": true}, "marketing": {}}}"#);
    let mut opt_in = opt_in;
    assert_eq!(released(&opt_in.start(&host)), Some(vec![]), "opt-in with GPC: still nothing before a choice");
    let config = r#"{"mode": "opt-out", "gpc": true, "categories": {"necessary": {"readOnly": true}, "analytics": {"enabled": true}, "marketing": {"enabled": true}}, "consentLog": {"endpoint": "/log"}}"#;
    let mut e = engine(&host, config);
    let fx = e.start(&host);
    assert!(!e.choice.accepts(&e.config, "marketing"), "GPC: marketing off before the visitor chooses");
    assert!(e.choice.accepts(&e.config, "analytics"), "opt-out still runs the other enabled categories");
    assert!(!e.accepted_category("analytics"), "though nothing counts as accepted yet (v3)");
    assert_eq!(released(&fx), Some(vec![0, 2]), "nothing of marketing (1) released");
    assert!(host.rendered.borrow()[&0].contains("cm__gpc"), "the banner says why");
    e.act(&host, Action::ShowPreferences);
    assert_eq!(*host.toggles.borrow(), Some(pairs("necessary analytics analytics:ga")));
    let fx = e.act(&host, Action::AcceptAll);
    assert!(e.accepted_category("marketing"), "an explicit opt-in wins");
    let Some(Effect::Log(endpoint, record)) = fx.iter().find(|f| matches!(f, Effect::Log(..))) else { panic!("no log record") };
    assert_eq!(endpoint, "/log");
    assert_eq!(record.get("gpc"), Some(&Value::Bool(true)));
    assert_eq!(record.get("action"), Some(&Value::Str("given".into())));
    assert_eq!(record.get("acceptedCategories"), Some(&Value::str_array(&["necessary", "analytics", "marketing"])));
    assert!(e.history.entries().last().unwrap().gpc, "recorded as made with GPC on");
}

#[test]
fn consent_mode_updates_on_every_consent_and_on_a_returning_visit() {
    let host = FakeHost::new();
    let config = r#"{"googleConsentMode": true, "categories": {"necessary": {"readOnly": true}, "analytics": {}, "marketing": {}}}"#;
    let update = |fx: &[Effect]| {
        fx.iter().find_map(|f| match f {
            Effect::Gtag(args) if args.get(1) == Some(&Value::Str("update".into())) => args.get(2).cloned(),
            _ => None,
        })
    };
    let mut e = engine(&host, config);
    let fx = e.start(&host);
    assert_eq!(update(&fx), None, "before consent the defaults stand");
    let fx = e.accept_category(&host, Some(Request::Only(vec!["analytics".into()])), &[]);
    let state = update(&fx).expect("an update");
    assert_eq!(state.get("analytics_storage"), Some(&Value::Str("granted".into())));
    assert_eq!(state.get("ad_storage"), Some(&Value::Str("denied".into())));
    let mut again = engine(&host, config);
    let fx = again.start(&host);
    assert!(update(&fx).is_some_and(|s| s.get("analytics_storage") == Some(&Value::Str("granted".into()))));
}

#[test]
fn the_center_links_to_where_the_records_are_kept() {
    let with_url = |url: &str| CONFIG.replacen('{', &format!(r#"{{"consentLog": {{"endpoint": "/log", "recordsUrl": "{url}"}}, "#), 1);
    let host = FakeHost::new();
    let mut e = engine(&host, &with_url("https://records.example/v1/records/{consentId}"));
    e.start(&host);
    e.mount_center(&host);
    assert!(!host.center.borrow().as_deref().unwrap().contains("cc-pc__records"), "no consent id yet: no records");
    e.act(&host, Action::AcceptAll);
    let id = e.record.as_ref().unwrap().consent_id.clone();
    let center = host.center.borrow().clone().unwrap();
    let link = format!(
        r#"<p class="cc-pc__records"><a href="https://records.example/v1/records/{id}" target="_blank" rel="noopener">Where the records of your choices are kept</a></p>"#
    );
    assert!(center.contains(&link), "{center}");
    // A fixed page (no {consentId}) is linked from the start; without the key, no link.
    let host = FakeHost::new();
    let mut e = engine(&host, &with_url("/privacy#records"));
    e.start(&host);
    e.mount_center(&host);
    assert!(host.center.borrow().as_deref().unwrap().contains(r#"<a href="/privacy#records""#));
    let host = FakeHost::new();
    let mut e = engine(&host, CONFIG);
    e.start(&host);
    e.act(&host, Action::AcceptAll);
    e.mount_center(&host);
    assert!(!host.center.borrow().as_deref().unwrap().contains("cc-pc__records"));
}

#[test]
fn history_is_kept_per_device_and_the_center_shows_it() {
    let host = FakeHost::new();
    let mut e = engine(&host, CONFIG);
    e.start(&host);
    e.mount_center(&host);
    assert!(host.center.borrow().as_deref().unwrap().contains("cc-pc__history-empty"));
    e.act(&host, Action::AcceptAll);
    e.act(&host, Action::AcceptNecessary);
    *host.center_toggles.borrow_mut() = Some(pairs("necessary marketing"));
    e.click(&host, Scope::Center, Role::Save, "", "");
    e.click(&host, Scope::Center, Role::Save, "", "");
    let actions: Vec<&str> = e.history.entries().iter().map(|h| h.action.as_str()).collect();
    assert_eq!(actions, ["given", "withdrawn", "changed"], "saving the same choice again records nothing");
    assert!(e.accepted_category("marketing") && !e.accepted_category("analytics"));
    let center = host.center.borrow().clone().unwrap();
    assert!(center.contains("Accepted: Marketing") && center.contains("Only strictly necessary") && center.contains("Accepted all"));
    let stored = host.local.borrow().get("cc_cookie_history").cloned().unwrap();
    assert_eq!(history::parse(&stored).len(), 3);
    let receipt = e.receipt().unwrap();
    assert_eq!(receipt.get("consentId"), Some(&Value::Str(e.record.as_ref().unwrap().consent_id.clone())));
    assert_eq!(receipt.get("history").and_then(Value::as_array).map(|h| h.len()), Some(3));
    let mut next = engine(&host, CONFIG);
    next.start(&host);
    assert_eq!(next.history.entries().len(), 3, "read back on the next page");
}

/// The kinds of effects in order: `e:<event>`, `c` (a hook), `r` (release).
fn order(fx: &[Effect]) -> Vec<String> {
    fx.iter()
        .filter_map(|e| match e {
            Effect::Emit { event, .. } => Some(std::format!("e:{}", &event.name()[3..])),
            Effect::Call(_) => Some("c".into()),
            Effect::Release(_) => Some("r".into()),
            _ => None,
        })
        .collect()
}

#[test]
fn services_named_only_in_markup_become_services_of_their_category() {
    let host = FakeHost::new();
    *host.held.borrow_mut() = scripts(&[("analytics", "yt"), ("!marketing", "!pixel"), ("analytics", "ga"), ("nope", "x"), ("analytics", " yt ")]);
    let mut e = engine(&host, CONFIG);
    e.start(&host);
    let names = |c: usize| e.config.categories[c].services.iter().map(|s| s.name.clone()).collect::<Vec<_>>();
    assert_eq!(names(1), ["ga", "hotjar", "yt"], "configured ones first, each name once");
    assert_eq!(names(2), ["pixel"], "'!' markers name the service too");
    assert!(accept_service(&mut e, &host, "\"all\"", "analytics").is_some());
    assert!(e.accepted_service("yt", "analytics"));
    let record = Record::parse(&host.local.borrow()["cc_cookie"], host.now()).unwrap();
    assert_eq!(record.services[1], ("analytics".to_owned(), vec!["ga".to_owned(), "hotjar".to_owned(), "yt".to_owned()]));

    let crowded = FakeHost::new();
    let names: Vec<String> = (0..33).map(|i| std::format!("s{i}")).collect();
    *crowded.held.borrow_mut() = scripts(&names.iter().map(|n| ("marketing", n.as_str())).collect::<Vec<_>>());
    let mut e = engine(&crowded, CONFIG);
    e.start(&crowded);
    assert_eq!(e.config.categories[2].services.len(), 32);
    assert_eq!(crowded.warnings.borrow().len(), 1, "the 33rd is ignored, with a warning");

    let unmanaged = FakeHost::new();
    *unmanaged.held.borrow_mut() = scripts(&[("analytics", "yt")]);
    let mut e = engine(&unmanaged, &CONFIG.replace("\"revision\": 1", "\"revision\": 1, \"manageScriptTags\": false"));
    e.start(&unmanaged);
    assert_eq!(e.config.categories[1].services.len(), 2, "manageScriptTags: false reads no markup");
}

#[test]
fn accept_service_refuses_what_v3_refuses_and_keeps_the_other_toggles() {
    let host = FakeHost::new();
    let mut e = engine(&host, &CONFIG.replace("\"marketing\": {}", "\"marketing\": {\"enabled\": true}"));
    e.start(&host);
    assert_eq!(accept_service(&mut e, &host, "\"all\"", "nope"), None);
    assert_eq!(accept_service(&mut e, &host, "\"all\"", "necessary"), None, "no services");
    assert_eq!(accept_service(&mut e, &host, "null", "analytics"), None, "no services asked for");
    assert_eq!(accept_service(&mut e, &host, "\"\"", "analytics"), None);
    assert_eq!(e.accept_service(&host, &js("\"all\""), &js("7")), None, "the category is no string");
    assert!(!e.valid_consent(), "nothing changed");
    accept_service(&mut e, &host, "[\"ga\"]", "analytics").unwrap();
    assert!(e.accepted_category("marketing"), "before consent: enabled categories keep their toggle state");
    e.act(&host, Action::ShowPreferences);
    host.toggles.borrow_mut().replace(pairs("necessary analytics analytics:ga")); // marketing switched off, not saved
    accept_service(&mut e, &host, "\"all\"", "analytics").unwrap();
    assert!(!e.accepted_category("marketing") && e.accepted_service("hotjar", "analytics"), "the toggles as they are now");
}

#[test]
fn events_come_in_v3_order() {
    let host = FakeHost::new();
    let mut e = engine(&host, &CONFIG.replace("\"revision\": 1", "\"revision\": 1, \"lazyHtmlGeneration\": false"));
    assert_eq!(order(&e.start(&host)), ["e:onModalReady", "e:onModalReady", "e:onModalShow", "r"], "modals first");
    e.act(&host, Action::ShowPreferences);
    assert_eq!(
        order(&e.act(&host, Action::AcceptAll)),
        ["c", "r", "e:onFirstConsent", "e:onConsent", "e:onModalHide", "e:onModalHide"],
        "hooks, scripts, consent, then the preferences and the banner close"
    );
    let fx = e.accept_category(&host, Some(Request::Necessary), &[]);
    assert_eq!(order(&fx), ["c", "r", "e:onChange"], "the API closes nothing");
    let mut again = engine(&host, &CONFIG.replace("\"revision\": 1", "\"revision\": 1, \"lazyHtmlGeneration\": false"));
    assert_eq!(order(&again.start(&host)), ["e:onModalReady", "r", "e:onConsent"], "a valid consent: only the preferences are built");
    assert!(!host.rendered.borrow().is_empty() && !again.modals.rendered(Modal::Consent) && again.modals.rendered(Modal::Preferences));
}

#[test]
fn closing_the_preferences_undoes_unsaved_toggles() {
    let host = FakeHost::new();
    let mut e = engine(&host, CONFIG);
    e.start(&host);
    e.act(&host, Action::ShowPreferences);
    host.toggles.borrow_mut().replace(pairs("necessary marketing"));
    e.act(&host, Action::HidePreferences);
    assert_eq!(*host.toggles.borrow(), Some(pairs("necessary")));
    e.act(&host, Action::AcceptCustom);
    assert_eq!(e.choice.category_names(&e.config), ["necessary"]);
}

#[test]
fn user_preferences_before_consent_list_what_runs_now() {
    let host = FakeHost::new();
    let mut e = engine(
        &host,
        r#"{"mode": "opt-out", "categories": {"necessary": {"readOnly": true}, "analytics": {"enabled": true, "services": {"ga": {}}}, "marketing": {"services": {"ads": {}}}}}"#,
    );
    e.start(&host);
    let p = e.user_preferences();
    assert_eq!(p.get("acceptType"), Some(&Value::Str(String::new())));
    assert_eq!(p.get("acceptedCategories"), Some(&js(r#"["necessary", "analytics"]"#)));
    assert_eq!(p.get("rejectedCategories"), Some(&js("[]")));
    assert_eq!(p.get("acceptedServices"), Some(&js(r#"{"necessary": [], "analytics": ["ga"], "marketing": []}"#)));
    assert_eq!(p.get("rejectedServices"), Some(&js(r#"{"necessary": [], "analytics": [], "marketing": ["ads"]}"#)));
}

#[test]
fn scan_decides_markup_rendered_after_start() {
    let host = FakeHost::new();
    let mut e = engine(&host, CONFIG);
    assert!(e.scan(&host).is_empty(), "before start: start looks at the page");
    e.start(&host);
    // A route renders a held frame and a script for a service only markup names.
    host.held.borrow_mut().push(Held { category: Some("analytics".into()), service: Some("yt".into()), kind: HeldKind::Frame });
    host.held.borrow_mut().extend(scripts(&[("analytics", "yt")]));
    let fx = e.scan(&host);
    assert_eq!(released(&fx), Some(vec![]), "no consent yet: nothing runs");
    assert!(fx.iter().any(|f| matches!(f, Effect::Placeholder(4, _))), "the new frame gets its placeholder: {fx:?}");
    assert!(e.config.categories[1].services.iter().any(|s| s.name == "yt"), "data-service adopted as at start");
    e.act(&host, Action::AcceptAll);
    // Released scripts leave the list (host.js marks them); another component mounts.
    *host.held.borrow_mut() = scripts(&[("analytics", ""), ("!analytics", ""), ("marketing", "")]);
    let fx = e.scan(&host);
    assert_eq!(released(&fx), Some(vec![0, 2]), "accepted: released without a page load; negated ones wait for a withdrawal");
    assert!(!events(&fx).iter().any(|e| e.contains("Consent")), "a scan is no consent event");
}

#[test]
fn tags_hear_of_every_consent_uet_and_the_data_layer_event() {
    let host = FakeHost::new();
    let config =
        r#"{"microsoftConsentMode": true, "categories": {"necessary": {"readOnly": true}, "analytics": {"services": {"ga": {}}}, "advertisement": {}}}"#;
    let pushes = |fx: &[Effect], global: &str| -> Vec<Value> {
        fx.iter()
            .filter_map(|f| match f {
                Effect::Push(g, items) if *g == global => Some(Value::Arr(items.clone())),
                _ => None,
            })
            .collect()
    };
    let (mut e, fx) = Engine::configure(&js(config), &host).unwrap();
    assert_eq!(pushes(&fx, "uetq"), [js(r#"["consent", "default", {"ad_storage": "denied"}]"#)], "the default, while run() is called");
    assert!(host.warnings.borrow().is_empty(), "every type found its category: {:?}", host.warnings.borrow());
    let fx = e.start(&host);
    assert!(pushes(&fx, "dataLayer").is_empty() && pushes(&fx, "uetq").is_empty(), "no choice yet: the defaults stand");
    let fx = e.accept_category(&host, Some(Request::Only(vec!["analytics".into()])), &[]);
    assert_eq!(pushes(&fx, "uetq"), [js(r#"["consent", "update", {"ad_storage": "denied"}]"#)]);
    let event = r#"[{"event": "consentry_update", "consentry": {"acceptType": "custom",
        "categories": {"necessary": true, "analytics": true, "advertisement": false},
        "services": {"necessary": {}, "analytics": {"ga": true}, "advertisement": {}}}}]"#;
    assert_eq!(pushes(&fx, "dataLayer"), [js(event)]);
    let fx = e.act(&host, Action::AcceptAll);
    assert_eq!(pushes(&fx, "uetq"), [js(r#"["consent", "update", {"ad_storage": "granted"}]"#)]);
    // A returning visit: the stored choice is announced at start.
    let (mut again, _) = Engine::configure(&js(config), &host).unwrap();
    let fx = again.start(&host);
    assert_eq!(pushes(&fx, "uetq"), [js(r#"["consent", "update", {"ad_storage": "granted"}]"#)]);
    let layer = pushes(&fx, "dataLayer");
    assert_eq!(layer.len(), 1);
    assert_eq!(layer[0].at(0).and_then(|e| e.get("consentry")).and_then(|c| c.get("acceptType")), Some(&Value::Str("all".into())));
}

#[test]
fn a_consent_mode_type_without_a_category_is_named_in_one_warning() {
    let host = FakeHost::new();
    let config = r#"{"googleConsentMode": true, "microsoftConsentMode": true, "categories": {"necessary": {"readOnly": true}, "analytics": {}}}"#;
    Engine::configure(&js(config), &host).unwrap();
    assert_eq!(
        *host.warnings.borrow(),
        ["consentry: googleConsentMode: ad_storage, ad_user_data, ad_personalization, personalization_storage; microsoftConsentMode: ad_storage map to no configured category and stay denied (name one with googleConsentMode.mapping / microsoftConsentMode.categories, or [] to keep it denied without this warning)"]
    );
}
