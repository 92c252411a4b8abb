use super::*;

fn config(mode: &str) -> Config {
    let text = r#"{"mode": "MODE", "categories": {
        "necessary": {"readOnly": true},
        "analytics": {"enabled": true, "services": {"ga": {}, "hotjar": {}}},
        "marketing": {"services": {"pixel": {}}},
        "functionality": {}
    }}"#
    .replace("MODE", mode);
    crate::test_util::config(&text)
}

fn names(list: &[&str]) -> Vec<String> {
    list.iter().map(|s| (*s).to_owned()).collect()
}

#[test]
fn opt_in_accepts_nothing_before_consent_and_opt_out_accepts_the_enabled() {
    let c = config("opt-in");
    assert!(Choice::before_consent(&c).category_names(&c).is_empty());
    let c = config("opt-out");
    let before = Choice::before_consent(&c);
    assert_eq!(before.category_names(&c), ["necessary", "analytics"]);
    assert_eq!(before.service_names(&c, false)[1].1, ["ga", "hotjar"]);
}

#[test]
fn accept_category_variants() {
    let c = config("opt-in");
    let all = Choice::requested(&c, &Request::All, &[]);
    assert_eq!(all.category_names(&c), ["necessary", "analytics", "marketing", "functionality"]);
    assert_eq!(all.accept_type(&c), AcceptType::All);

    let none = Choice::requested(&c, &Request::Necessary, &[]);
    assert_eq!(none.category_names(&c), ["necessary"]);
    assert_eq!(none.accept_type(&c), AcceptType::Necessary);
    assert!(!none.accepts_service(&c, "analytics", "ga"));

    let some = Choice::requested(&c, &Request::Only(names(&["marketing", "nope"])), &[]);
    assert_eq!(some.category_names(&c), ["necessary", "marketing"]);
    assert_eq!(some.accept_type(&c), AcceptType::Custom);

    let excluded = Choice::requested(&c, &Request::All, &names(&["marketing", "necessary"]));
    assert_eq!(excluded.category_names(&c), ["necessary", "analytics", "functionality"], "read-only can't be excluded");
}

#[test]
fn accept_service_sets_one_categorys_services() {
    let c = config("opt-in");
    let start = Choice::requested(&c, &Request::Necessary, &[]);
    let one = start.with_services(&c, 1, &ServiceRequest::Only(names(&["hotjar"])));
    assert_eq!(one.category_names(&c), ["necessary", "analytics"]);
    assert_eq!(one.service_names(&c, false)[1].1, ["hotjar"]);
    assert!(one.accepts_service(&c, "analytics", "hotjar") && !one.accepts_service(&c, "analytics", "ga"));
    assert_eq!(one.accept_type(&c), AcceptType::Custom);

    let off = one.with_services(&c, 1, &ServiceRequest::None);
    assert_eq!(off.category_names(&c), ["necessary"], "no service left: category off");
    let all = off.with_services(&c, 2, &ServiceRequest::All);
    assert_eq!(all.service_names(&c, false)[2].1, ["pixel"]);
    assert_eq!(all.with_services(&c, 9, &ServiceRequest::All), all, "no such category: unchanged");
}

#[test]
fn custom_selection_from_toggles() {
    let c = config("opt-in");
    // analytics (bit 1) with ga (bit 0); marketing (bit 2) with no service on.
    let picked = Choice::custom(&c, 0b0110, &[0, 0b01, 0, 0]);
    assert_eq!(picked.category_names(&c), ["necessary", "analytics"], "marketing with no service on is off");
    assert_eq!(picked.service_names(&c, false)[1].1, ["ga"]);
}

#[test]
fn restoring_drops_unknowns_and_keeps_read_only() {
    let c = config("opt-in");
    let stored = Choice::restore(&c, &names(&["analytics", "retired"]), &[("analytics".into(), names(&["ga", "gone"])), ("retired".into(), names(&["x"]))]);
    assert_eq!(stored.category_names(&c), ["necessary", "analytics"]);
    assert_eq!(stored.service_names(&c, false)[1].1, ["ga"]);
    let legacy = Choice::restore(&c, &names(&["marketing"]), &[]);
    assert!(legacy.accepts(&c, "marketing"));
    assert!(legacy.service_names(&c, false)[2].1.is_empty(), "no services entry: none of the category's services (as v3 reads it)");
}

#[test]
fn changes_list_categories_and_services_in_config_order() {
    let c = config("opt-in");
    let before = Choice::requested(&c, &Request::Only(names(&["analytics"])), &[]);
    let after = Choice::requested(&c, &Request::Only(names(&["marketing", "functionality"])), &[]);
    let changes = after.changes_since(&before, &c);
    assert_eq!(changes.category_names(&c), ["analytics", "marketing", "functionality"]);
    assert_eq!(
        changes.service_names(&c),
        [
            ("necessary".to_owned(), names(&[])),
            ("analytics".to_owned(), names(&["ga", "hotjar"])),
            ("marketing".to_owned(), names(&["pixel"])),
            ("functionality".to_owned(), names(&[])),
        ],
        "every category has an entry (v3's changedServices)"
    );
    assert!(changes.category(1) && !changes.category(0));
    assert!(after.changes_since(&after, &c).is_empty());
    assert_eq!(after.rejected_names(&c), ["analytics"]);
    assert_eq!(after.service_names(&c, true)[1], ("analytics".to_owned(), names(&["ga", "hotjar"])));
}
