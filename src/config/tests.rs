use super::*;
use crate::test_util::js;

fn parse(text: &str) -> core::result::Result<Config, String> {
    let mut unknown = Unknown::default();
    Config::parse(&js(text), &mut unknown).map_err(|e| e.message())
}

fn err(text: &str) -> String {
    match parse(text) {
        Ok(_) => panic!("config should have been rejected: {text}"),
        Err(e) => e,
    }
}

const V3_EXAMPLE: &str = r#"{
  "guiOptions": {
    "consentModal": { "layout": "box wide", "position": "bottom left", "flipButtons": true, "equalWeightButtons": false },
    "preferencesModal": { "layout": "bar wide", "position": "left" }
  },
  "cookie": { "name": "my_consent", "expiresAfterDays": "@fn:4", "sameSite": "Strict", "useLocalStorage": false },
  "revision": 2,
  "mode": "opt-out",
  "onConsent": "@fn:1",
  "onChange": "@fn:2",
  "categories": {
    "necessary": { "enabled": true, "readOnly": true },
    "analytics": {
      "autoClear": { "cookies": [ { "name": "@re:3" }, { "name": "_gid", "path": "/", "domain": ".example.com" } ], "reloadPage": true },
      "services": {
        "ga": { "label": "Google Analytics", "onAccept": "@fn:5", "onReject": "@fn:6", "urls": ["https://www.googletagmanager.com/gtag/js"] },
        "hotjar": { "label": "Hotjar" }
      }
    },
    "marketing": {}
  },
  "language": {
    "default": "en",
    "autoDetect": "browser",
    "rtl": "ar",
    "translations": { "en": { "consentModal": {}, "preferencesModal": { "sections": [] } }, "de": "/i18n/de.json", "it": "@fn:7" }
  }
}"#;

#[test]
fn a_full_v3_config_reads_with_every_field() {
    let c = parse(V3_EXAMPLE).unwrap();
    assert_eq!(c.mode, Mode::OptOut);
    assert_eq!(c.revision, 2);
    assert_eq!((c.consent_gui.kind, c.consent_gui.wide, c.consent_gui.inline), (CmKind::Box, true, false));
    assert_eq!((c.consent_gui.vertical, c.consent_gui.horizontal), (Vertical::Bottom, Horizontal::Left));
    assert!(c.consent_gui.flip_buttons && !c.consent_gui.equal_weight_buttons);
    assert!(c.prefs_gui.bar && c.prefs_gui.wide && c.prefs_gui.left);
    assert_eq!(c.cookie.name, "my_consent");
    assert_eq!(c.cookie.expires, Expiry::Function(4));
    assert_eq!(c.cookie.same_site, SameSite::Strict);
    assert!(!c.cookie.use_local_storage);
    assert_eq!(c.callbacks.on_consent, Some(1));
    assert_eq!(c.categories.iter().map(|c| c.name.as_str()).collect::<Vec<_>>(), ["necessary", "analytics", "marketing"]);
    let analytics = c.category("analytics").unwrap();
    assert_eq!(analytics.auto_clear.cookies[0].name, Pattern::Regex(3));
    assert_eq!(analytics.auto_clear.cookies[1].domain.as_deref(), Some(".example.com"));
    assert!(analytics.auto_clear.reload_page);
    assert_eq!(analytics.services[0].on_reject, Some(6));
    assert_eq!(analytics.services[0].urls, ["https://www.googletagmanager.com/gtag/js"]);
    assert!(c.category("necessary").unwrap().read_only);
    assert_eq!(c.language.auto_detect, Some(AutoDetect::Browser));
    assert_eq!(c.language.rtl, ["ar"]);
    assert!(matches!(c.translation("de"), Some(TranslationSource::Url(u)) if u == "/i18n/de.json"));
    assert!(matches!(c.translation("it"), Some(TranslationSource::Function(7))));
}

#[test]
fn defaults_are_v3_defaults_except_local_storage() {
    let c = parse("{}").unwrap();
    assert_eq!(c.mode, Mode::OptIn);
    assert!(c.auto_show && c.manage_script_tags && c.auto_clear_cookies && c.hide_from_bots && c.lazy_html_generation);
    assert!(!c.disable_page_interaction);
    assert_eq!(c.revision, 0);
    assert_eq!(c.cookie.name, "cc_cookie");
    assert_eq!(c.cookie.path, "/");
    assert_eq!(c.cookie.same_site, SameSite::Lax);
    assert_eq!(c.cookie.expires, Expiry::Days(182.0));
    assert!(c.cookie.use_local_storage, "consentry stores in localStorage by default");
    assert_eq!((c.consent_gui.kind, c.consent_gui.vertical, c.consent_gui.horizontal), (CmKind::Box, Vertical::Bottom, Horizontal::Right));
    assert!(c.consent_gui.equal_weight_buttons);
    assert_eq!(c.language.default, "en");
    assert!(c.google_consent_mode.is_none() && c.gpc.is_none() && c.consent_log.is_none());
}

#[test]
fn wrong_types_name_the_field_path() {
    let cases: &[(&str, &str)] = &[
        ("[]", "consentry: config: expected a config object, got an array"),
        (r#"{"mode": "opt"}"#, "consentry: mode: expected one of \"opt-in\", \"opt-out\", got \"opt\""),
        (r#"{"autoShow": "yes"}"#, "consentry: autoShow: expected true or false, got a string"),
        (r#"{"revision": -1}"#, "consentry: revision: expected a whole number ≥ 0, got a number"),
        (r#"{"revision": 1.5}"#, "consentry: revision: expected a whole number ≥ 0, got a number"),
        (r#"{"root": 5}"#, "consentry: root: expected a CSS selector or an Element, got a number"),
        (r#"{"onConsent": "alert(1)"}"#, "consentry: onConsent: expected a function, got a string"),
        (r#"{"guiOptions": {"consentModal": {"layout": "modal"}}}"#,
         "consentry: guiOptions.consentModal.layout: expected one of \"box\", \"box wide\", \"box inline\", \"cloud\", \"cloud inline\", \"bar\", \"bar inline\", got \"modal\""),
        (r#"{"guiOptions": {"preferencesModal": {"position": "top"}}}"#,
         "consentry: guiOptions.preferencesModal.position: expected one of \"left\", \"right\", got \"top\""),
        (r#"{"cookie": {"expiresAfterDays": 0}}"#,
         "consentry: cookie.expiresAfterDays: expected a number of days (> 0 and ≤ 36500) or a function of the accept type, got a number"),
        (r#"{"cookie": {"name": "a b"}}"#,
         "consentry: cookie.name: expected a cookie name without spaces, quotes, commas, semicolons or equals signs"),
        (r#"{"categories": {"analytics": true}}"#,
         "consentry: categories.analytics: expected an object ({ enabled, readOnly, services, autoClear }), got a boolean"),
        (r#"{"categories": {"analytics": {"services": {"ga": {"urls": ["https://a", "https://b", 3]}}}}}"#,
         "consentry: categories.analytics.services.ga.urls[2]: expected a string, got a number"),
        (r#"{"categories": {"analytics": {"autoClear": {"cookies": [{"name": 7}]}}}}"#,
         "consentry: categories.analytics.autoClear.cookies[0].name: expected a cookie name (a non-empty string or a RegExp), got a number"),
        (r#"{"categories": {"analytics": {"autoClear": {"cookies": [{}]}}}}"#,
         "consentry: categories.analytics.autoClear.cookies[0].name: expected a cookie name (a non-empty string or a RegExp), got null"),
        (r#"{"language": {"default": ""}}"#, "consentry: language.default: expected a language code such as \"en\", got a blank string"),
        (r#"{"categories": {"a": {"services": {"s": {"urls": [" "]}}}}}"#, "consentry: categories.a.services.s.urls[0]: expected a string, got a blank string"),
        (r#"{"language": {"translations": {"en": 3}}}"#,
         "consentry: language.translations.en: expected a translation object, a URL string, or a function returning one, got a number"),
        (r#"{"categories": {"a": {}}, "gpc": {"categories": ["marketing"]}}"#,
         "consentry: gpc.categories[0]: expected the name of a configured category, got \"marketing\""),
        (r#"{"consentLog": {}}"#, "consentry: consentLog.endpoint: expected a URL string, got null"),
        (r#"{"consentLog": {"endpoint": "/log", "recordsUrl": "javascript:alert(1)"}}"#,
         "consentry: consentLog.recordsUrl: expected an http(s) URL or a path starting with \"/\""),
        (r#"{"consentLog": {"endpoint": "/log", "recordsUrl": 5}}"#,
         "consentry: consentLog.recordsUrl: expected an http(s) URL or a path starting with \"/\", got a number"),
        (r#"{"googleConsentMode": {"mapping": {"ads": "marketing"}}}"#,
         "consentry: googleConsentMode.mapping.ads: expected a key that is a Consent Mode type: ad_storage, ad_user_data, ad_personalization, analytics_storage, functionality_storage, personalization_storage, security_storage"),
    ];
    for (config, message) in cases {
        assert_eq!(&err(config), message, "for config {config}");
    }
}

#[test]
fn unknown_keys_are_collected_with_their_paths() {
    let mut unknown = Unknown::default();
    let v = js(r#"{"moed": "opt-in", "categories": {"analytics": {"enable": true}}, "cookie": {"expires": 3}}"#);
    Config::parse(&v, &mut unknown).unwrap();
    assert_eq!(unknown.0, ["cookie.expires", "categories.analytics.enable", "moed"]);
}

#[test]
fn read_only_implies_enabled_and_null_means_absent() {
    let c = parse(r#"{"root": null, "categories": {"necessary": {"readOnly": true}}}"#).unwrap();
    assert_eq!(c.root, Root::Body);
    assert!(c.category("necessary").unwrap().enabled);
}

#[test]
fn consent_mode_has_the_documented_default_mapping() {
    let c = parse(r#"{"categories": {"necessary": {"readOnly": true}, "analytics": {}, "marketing": {}}, "googleConsentMode": {"waitForUpdate": 500, "regions": ["DE", "FR"]}}"#).unwrap();
    let gcm = c.google_consent_mode.unwrap();
    let of = |t: &str| gcm.mapping.iter().find(|(i, _)| GCM_TYPES[*i] == t).map(|(_, c)| c.clone()).unwrap();
    assert_eq!(of("analytics_storage"), ["analytics"]);
    assert_eq!(of("ad_user_data"), ["marketing"]);
    assert_eq!(of("security_storage"), ["necessary"]);
    assert!(of("personalization_storage").is_empty());
    assert_eq!(gcm.wait_for_update, Some(500.0));
    assert_eq!(gcm.regions, ["DE", "FR"]);
}

#[test]
fn the_ads_types_find_the_advertising_category_by_its_usual_names() {
    let ads = |cats: &str| {
        let c = parse(&format!(r#"{{"categories": {cats}, "googleConsentMode": true, "microsoftConsentMode": true}}"#)).unwrap();
        let gcm = c.google_consent_mode.unwrap();
        let of = |t: &str| gcm.mapping.iter().find(|(i, _)| GCM_TYPES[*i] == t).map(|(_, c)| c.clone()).unwrap();
        assert_eq!(of("ad_storage"), of("ad_personalization"));
        assert_eq!(of("ad_storage"), c.uet_consent_mode.as_ref().unwrap().categories, "UET's ad_storage maps as Google's");
        let unmapped: Vec<&str> = gcm.unmapped.iter().map(|i| GCM_TYPES[*i]).collect();
        (of("ad_storage"), unmapped, c.uet_consent_mode.unwrap().unmapped)
    };
    // v3's Consent Mode guide names it `advertisement`.
    let (found, unmapped, uet) = ads(r#"{"necessary": {"readOnly": true}, "analytics": {}, "advertisement": {}}"#);
    assert_eq!(found, ["advertisement"]);
    assert_eq!(unmapped, ["personalization_storage"], "only the type with no category left");
    assert!(!uet);
    assert_eq!(ads(r#"{"ads": {}, "marketing": {}}"#).0, ["marketing"], "the first usual name configured");
    assert_eq!(ads(r#"{"advertising": {}}"#).0, ["advertising"]);
    let (found, unmapped, uet) = ads(r#"{"necessary": {"readOnly": true}, "analytics": {}}"#);
    assert!(found.is_empty());
    assert_eq!(unmapped, ["ad_storage", "ad_user_data", "ad_personalization", "personalization_storage"]);
    assert!(uet);
    // A type the site maps itself — even to no category — is not reported.
    let c = parse(r#"{"categories": {"analytics": {}, "promo": {}}, "googleConsentMode": {"mapping": {"ad_storage": "promo", "ad_user_data": [], "ad_personalization": "promo", "personalization_storage": [], "functionality_storage": [], "security_storage": []}}, "microsoftConsentMode": {"categories": ["promo"]}}"#).unwrap();
    assert!(c.google_consent_mode.unwrap().unmapped.is_empty());
    assert_eq!(c.uet_consent_mode.unwrap(), crate::config::UetConsentMode { categories: vec!["promo".into()], unmapped: false });
    assert_eq!(
        err(r#"{"categories": {"a": {}}, "microsoftConsentMode": {"categories": "ads"}}"#),
        "consentry: microsoftConsentMode.categories[0]: expected the name of a configured category, got \"ads\""
    );
    assert_eq!(err(r#"{"microsoftConsentMode": "yes"}"#), "consentry: microsoftConsentMode: expected true or an object ({ categories }), got a string");
}

#[test]
fn gpc_defaults_to_marketing_and_refuses_read_only_categories() {
    let c = parse(r#"{"categories": {"marketing": {}}, "gpc": true}"#).unwrap();
    assert_eq!(c.gpc.unwrap().categories, ["marketing"]);
    let e = err(r#"{"categories": {"necessary": {"readOnly": true}}, "gpc": {"categories": "necessary"}}"#);
    assert_eq!(e, "consentry: gpc.categories: expected categories that can be rejected; \"necessary\" is readOnly");
}

#[test]
fn a_key_over_the_reading_budget_is_named_as_such() {
    // The loader marks a top-level key whose value went over its reading budget (core.js walk).
    let v = crate::value::parse_walked(r#"{"categories": {"\u0000b": 0}, "hugeKey": {"\u0000b": 0}}"#).unwrap();
    let mut unknown = Unknown::default();
    let e = Config::parse(&v, &mut unknown).err().map(|e| e.message()).unwrap();
    assert_eq!(
        e,
        "consentry: categories: expected an object mapping category names to category options, got more values than consentry reads (over the reading budget of 100000 values)"
    );
}

#[test]
fn get_config_defaults_are_the_rows_the_table_shows() {
    let expected = r#"{"mode":"opt-in","autoShow":true,"revision":0,"manageScriptTags":true,"autoClearCookies":true,"hideFromBots":true,"lazyHtmlGeneration":true,"cookie":{"name":"cc_cookie","domain":"shop.example","path":"/","sameSite":"Lax","secure":true,"expiresAfterDays":182,"useLocalStorage":true}}"#;
    assert_eq!(defaults("shop.example").to_json(), expected);
}

#[test]
fn layouts_are_read_by_name() {
    for layout in CM_LAYOUTS {
        let c = parse(&format!(r#"{{"guiOptions": {{"consentModal": {{"layout": "{layout}"}}}}}}"#)).unwrap();
        let g = &c.consent_gui;
        let kind = match layout.split(' ').next() {
            Some("box") => CmKind::Box,
            Some("cloud") => CmKind::Cloud,
            _ => CmKind::Bar,
        };
        assert_eq!((g.kind, g.wide, g.inline), (kind, layout.ends_with("wide"), layout.ends_with("inline")), "{layout}");
        let horizontal = if kind == CmKind::Box { Horizontal::Right } else { Horizontal::Center };
        assert_eq!((g.vertical, g.horizontal), (Vertical::Bottom, horizontal), "{layout}: the default position");
    }
    for layout in PM_LAYOUTS {
        let c = parse(&format!(r#"{{"guiOptions": {{"preferencesModal": {{"layout": "{layout}"}}}}}}"#)).unwrap();
        assert_eq!((c.prefs_gui.bar, c.prefs_gui.wide), (layout.starts_with("bar"), layout.ends_with("wide")), "{layout}");
    }
}

#[test]
fn null_members_take_the_tables_default() {
    let c = parse(r#"{"autoShow": null, "cookie": {"name": null, "secure": null}, "guiOptions": {"consentModal": {"equalWeightButtons": null}}}"#).unwrap();
    assert!(c.auto_show && c.cookie.secure && c.consent_gui.equal_weight_buttons);
    assert_eq!(c.cookie.name, "cc_cookie");
}

#[test]
fn a_json_config_may_name_its_schema() {
    let mut unknown = Unknown::default();
    Config::parse(&js(r#"{"$schema": "/dist/consentry.schema.json"}"#), &mut unknown).unwrap();
    assert!(unknown.0.is_empty(), "{:?}", unknown.0);
}
