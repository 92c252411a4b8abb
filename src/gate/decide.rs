//! Which held element may run, as named predicates over the marker an element carries
//! (`data-category`, `data-service`, each optionally negated with `!`) and the consent state.

#[allow(unused_imports)]
use crate::prelude::*;

use crate::config::Config;
use crate::consent::{Changes, Choice};

/// What a held element is marked with.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct Marker {
    pub(crate) category: String,
    /// `data-category="!analytics"`: runs when analytics is withdrawn.
    pub(crate) category_negated: bool,
    pub(crate) service: Option<String>,
    /// `data-service="!ga"`: runs when the service is withdrawn.
    pub(crate) service_negated: bool,
}

impl Marker {
    /// Read the attributes; `None` when `data-category` is missing or empty.
    pub(crate) fn parse(category: Option<&str>, service: Option<&str>) -> Option<Marker> {
        let (category_negated, category) = split_bang(category?.trim());
        if category.is_empty() {
            return None;
        }
        let (service_negated, service) = match service.map(str::trim).filter(|s| !s.is_empty()) {
            Some(s) => {
                let (neg, name) = split_bang(s);
                (neg, Some(name.to_owned()).filter(|n| !n.is_empty()))
            }
            None => (false, None),
        };
        Some(Marker { category: category.to_owned(), category_negated, service, service_negated })
    }
}

fn split_bang(s: &str) -> (bool, &str) {
    match s.strip_prefix('!') {
        Some(rest) => (true, rest.trim()),
        None => (false, s),
    }
}

/// Where a marker points in the config: category index and, if named, service index.
/// `None` (fail closed) when the category is not configured; a service that is not
/// configured resolves to `Some(None)` in `service` and is never accepted.
struct Target {
    cat: usize,
    svc: Option<Option<usize>>,
}

fn resolve(m: &Marker, config: &Config) -> Option<Target> {
    let cat = config.category_index(&m.category)?;
    let svc = m.service.as_ref().map(|name| config.categories.get(cat).and_then(|c| c.services.iter().position(|s| s.name == *name)));
    Some(Target { cat, svc })
}

/// The category is accepted now.
fn category_accepted(t: &Target, now: &Choice) -> bool {
    now.has(t.cat)
}

/// The marked service (if any) is accepted now.
fn service_accepted(t: &Target, now: &Choice) -> bool {
    match t.svc {
        Some(Some(j)) => now.has_service(t.cat, j),
        Some(None) => false,
        None => true,
    }
}

/// The category was accepted and this change withdrew it.
fn category_just_rejected(t: &Target, now: &Choice, changes: &Changes) -> bool {
    changes.category(t.cat) && !now.has(t.cat)
}

/// The service was accepted and this change withdrew it.
fn service_just_rejected(t: &Target, now: &Choice, changes: &Changes) -> bool {
    match t.svc {
        Some(Some(j)) => changes.service(t.cat, j) && !now.has_service(t.cat, j),
        _ => false,
    }
}

/// May this element run now? `changes` is what the latest consent action changed (empty on
/// page load). Plain markers run while their consent holds; negated markers run only on
/// the withdrawal that just happened. Unknown categories never run.
pub(crate) fn may_run(m: &Marker, config: &Config, now: &Choice, changes: &Changes) -> bool {
    let Some(t) = resolve(m, config) else { return false };
    match (m.category_negated, m.service_negated && m.service.is_some()) {
        (true, _) => category_just_rejected(&t, now, changes),
        (false, true) => service_just_rejected(&t, now, changes),
        _ => category_accepted(&t, now) && service_accepted(&t, now),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn config() -> Config {
        let text = r#"{"categories": {"analytics": {"services": {"ga": {}, "hotjar": {}}}, "marketing": {}}}"#;
        crate::test_util::config(text)
    }

    #[test]
    fn markers_parse_negation_and_services() {
        assert_eq!(Marker::parse(Some("analytics"), None).unwrap().category, "analytics");
        let m = Marker::parse(Some(" !analytics "), Some("!ga")).unwrap();
        assert!(m.category_negated && m.service_negated);
        assert_eq!(m.service.as_deref(), Some("ga"));
        assert_eq!(Marker::parse(Some(""), None), None);
        assert_eq!(Marker::parse(Some("!"), None), None);
        assert_eq!(Marker::parse(None, Some("ga")), None);
        assert_eq!(Marker::parse(Some("a"), Some("  ")).unwrap().service, None);
    }

    #[test]
    fn plain_markers_follow_consent() {
        let c = config();
        let m = Marker::parse(Some("analytics"), Some("ga")).unwrap();
        let none = Changes::default();
        assert!(!may_run(&m, &c, &Choice::none(&c), &none));
        let hotjar_only = Choice::from_masks(0b01, vec![0b10, 0]);
        assert!(!may_run(&m, &c, &hotjar_only, &none), "service off");
        let ga = Choice::from_masks(0b01, vec![0b01, 0]);
        assert!(may_run(&m, &c, &ga, &none));
        assert!(may_run(&Marker::parse(Some("analytics"), None).unwrap(), &c, &hotjar_only, &none));
        assert!(!may_run(&Marker::parse(Some("unknown"), None).unwrap(), &c, &ga, &none), "fail closed");
        assert!(!may_run(&Marker::parse(Some("analytics"), Some("nope")).unwrap(), &c, &ga, &none));
    }

    #[test]
    fn negated_markers_run_only_on_withdrawal() {
        let c = config();
        let m = Marker::parse(Some("!analytics"), None).unwrap();
        let off = Choice::none(&c);
        assert!(!may_run(&m, &c, &off, &Changes::default()), "never accepted: nothing withdrawn");
        let withdrawn = Changes { categories: 0b01, services: vec![0b11, 0] };
        assert!(may_run(&m, &c, &off, &withdrawn));
        let on = Choice::from_masks(0b01, vec![0b11, 0]);
        assert!(!may_run(&m, &c, &on, &withdrawn), "accepted just now is not a withdrawal");

        let s = Marker::parse(Some("analytics"), Some("!ga")).unwrap();
        let svc_withdrawn = Changes { categories: 0, services: vec![0b01, 0] };
        let hotjar_only = Choice::from_masks(0b01, vec![0b10, 0]);
        assert!(may_run(&s, &c, &hotjar_only, &svc_withdrawn));
        assert!(!may_run(&s, &c, &on, &svc_withdrawn));
    }
}
