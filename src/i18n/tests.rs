use super::*;
use crate::test_util::{config, js};

const CATS: &str = r#"{"categories": {"necessary": {"readOnly": true}, "analytics": {}, "video_embeds": {}},
  "language": {"default": "en", "translations": {"en": {}, "de": {}}}}"#;

#[test]
fn v3_translation_reads_and_overrides_built_ins() {
    let c = config(CATS);
    let t = Translation::parse(
        &js(r#"{"consentModal": {"title": "Cookies!", "closeIconLabel": "Close banner"},
                "preferencesModal": {"sections": [{"title": "Intro"}, {"title": "Stats", "linkedCategory": "analytics",
                   "cookieTable": {"caption": "Cookies", "headers": {"name": "Name", "exp": "Expires"}, "body": [{"name": "_ga", "exp": "2 years"}]}}]}}"#),
        "en",
        &c,
        &mut Unknown::default(),
    )
    .unwrap();
    let texts = Texts::resolve("en", Some(&t), None, &c);
    assert_eq!(texts.get(T::CmTitle), "Cookies!");
    assert_eq!(texts.get(T::CmCloseLabel), "Close banner");
    assert_eq!(texts.get(T::CmAcceptAll), "Accept all", "missing strings come from the built-in English");
    assert_eq!(texts.sections.len(), 2);
    let table = texts.sections[1].cookie_table.as_ref().unwrap();
    assert_eq!(table.headers, [("name".to_owned(), "Name".to_owned()), ("exp".to_owned(), "Expires".to_owned())]);
    assert_eq!(table.body[0][0], ("name".to_owned(), "_ga".to_owned()));
}

#[test]
fn missing_sections_are_built_from_categories() {
    let c = config(CATS);
    let texts = Texts::resolve("en", None, None, &c);
    let titles: Vec<_> = texts.sections.iter().map(|s| s.title.clone().unwrap_or_default()).collect();
    assert_eq!(titles, ["How we use cookies", "Strictly necessary", "Analytics", "Video embeds", "More information"]);
    assert_eq!(texts.sections[2].linked_category.as_deref(), Some("analytics"));
    assert_eq!(texts.get(T::CmCloseLabel), "", "no close icon unless configured (v3)");
}

#[test]
fn translation_errors_name_the_path() {
    let c = config(CATS);
    let cases = [
        (r#"{"consentModal": {"title": 5}}"#, "consentry: language.translations.de.consentModal.title: expected a string, got a number"),
        (r#"{"preferencesModal": {"sections": {}}}"#, "consentry: language.translations.de.preferencesModal.sections: expected an array of sections, got an object"),
        (r#"{"preferencesModal": {"sections": [{"linkedCategory": "ads"}]}}"#,
         "consentry: language.translations.de.preferencesModal.sections[0].linkedCategory: expected the name of a configured category, got \"ads\""),
        (r#"{"preferencesModal": {"sections": [{"cookieTable": {"headers": []}}]}}"#,
         "consentry: language.translations.de.preferencesModal.sections[0].cookieTable.headers: expected an object mapping column keys to header texts, got an array"),
        (r#""not an object""#, "consentry: language.translations.de: expected a translation object ({ consentModal, preferencesModal, … }), got a string"),
    ];
    for (text, message) in cases {
        let e = Translation::parse(&js(text), "de", &c, &mut Unknown::default()).unwrap_err();
        assert_eq!(e.message(), message);
    }
}

#[test]
fn language_choice_prefers_the_detected_offered_language() {
    let c = config(CATS);
    assert_eq!(choose_language(&c, Some("de")), "de");
    assert_eq!(choose_language(&c, Some("de-AT")), "de");
    assert_eq!(choose_language(&c, Some("DE")), "de");
    assert_eq!(choose_language(&c, Some("fr")), "en", "not offered: default");
    assert_eq!(choose_language(&c, None), "en");
    let builtin_only = config(r#"{"language": {"default": "en"}}"#);
    assert_eq!(choose_language(&builtin_only, Some("en-GB")), "en");
}

#[test]
fn the_built_in_english_parses_and_is_complete() {
    let en = builtin::english().expect("locales/en.json parses as a translation");
    let by_design = [T::CmCloseLabel as usize, T::CmFooter as usize]; // no close icon, no footer unless a site sets them
    assert!(en.texts.iter().enumerate().all(|(i, t)| t.is_some() || by_design.contains(&i)), "every other text id has an English text");
    assert!(en.category("analytics").is_some());
}

#[test]
fn every_built_in_locale_has_the_same_texts_as_english() {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("src/i18n/locales");
    let c = config(CATS);
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        let text = std::fs::read_to_string(&path).unwrap();
        let value = crate::value::parse_json(&text).unwrap_or_else(|| panic!("{path:?} is not JSON"));
        let mut unknown = Unknown::default();
        let t = Translation::parse(&value, "xx", &c, &mut unknown).unwrap_or_else(|e| panic!("{path:?}: {}", e.message()));
        assert!(unknown.0.is_empty(), "{path:?}: unknown keys {:?}", unknown.0);
        let by_design = [T::CmCloseLabel as usize, T::CmFooter as usize];
        let missing: Vec<usize> = (0..TEXT_COUNT).filter(|i| t.texts[*i].is_none() && !by_design.contains(i)).collect();
        assert!(missing.is_empty(), "{path:?} lacks texts {missing:?}");
        for (name, _, _) in &builtin::english().unwrap().categories {
            assert!(t.category(name).is_some(), "{path:?} lacks category {name}");
        }
    }
}

#[test]
fn a_partial_translation_asks_for_the_built_in_locale() {
    let c = config(CATS);
    let full = Translation::parse(&js(r#"{"consentModal": {"title": "t", "description": "d", "acceptAllBtn": "a", "acceptNecessaryBtn": "n", "showPreferencesBtn": "s"},
        "preferencesModal": {"title": "t", "acceptAllBtn": "a", "acceptNecessaryBtn": "n", "savePreferencesBtn": "s", "closeIconLabel": "c", "serviceCounterLabel": "x|y", "sections": []}}"#), "de", &c, &mut Unknown::default()).unwrap();
    assert!(full.is_complete());
    let partial = Translation::parse(&js(r#"{"consentModal": {"title": "t"}}"#), "de", &c, &mut Unknown::default()).unwrap();
    assert!(!partial.is_complete());
}
