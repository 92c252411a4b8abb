//! Which held element may run, as named predicates over the marker an element carries
//! (`data-category`, `data-service`, each optionally negated with `!`) and the consent state.

#[allow(unused_imports)]
use crate::prelude::*;

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

/// The category is accepted now.
pub(crate) fn category_accepted(m: &Marker, now: &Choice) -> bool {
    now.accepts(&m.category)
}

/// The marked service (if any) is accepted now.
pub(crate) fn service_accepted(m: &Marker, now: &Choice) -> bool {
    match &m.service {
        Some(s) => now.accepts_service(&m.category, s),
        None => true,
    }
}

/// The category was accepted and this change withdrew it.
pub(crate) fn category_just_rejected(m: &Marker, now: &Choice, changes: &Changes) -> bool {
    changes.category_changed(&m.category) && !now.accepts(&m.category)
}

/// The service was accepted and this change withdrew it.
pub(crate) fn service_just_rejected(m: &Marker, now: &Choice, changes: &Changes) -> bool {
    match &m.service {
        Some(s) => changes.service_changed(&m.category, s) && !now.accepts_service(&m.category, s),
        None => false,
    }
}

/// May this element run now? `changes` is what the latest consent action changed (empty on
/// page load). Plain markers run while their consent holds; negated markers run only on
/// the withdrawal that just happened.
pub(crate) fn may_run(m: &Marker, now: &Choice, changes: &Changes) -> bool {
    match (m.category_negated, m.service_negated, m.service.is_some()) {
        (true, _, _) => category_just_rejected(m, now, changes),
        (false, true, true) => service_just_rejected(m, now, changes),
        _ => category_accepted(m, now) && service_accepted(m, now),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn choice(cats: &[&str], services: &[(&str, &[&str])]) -> Choice {
        Choice {
            categories: cats.iter().map(|s| (*s).to_owned()).collect(),
            services: services.iter().map(|(c, s)| ((*c).to_owned(), s.iter().map(|x| (*x).to_owned()).collect())).collect(),
        }
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
        let m = Marker::parse(Some("analytics"), Some("ga")).unwrap();
        let none = Changes::default();
        assert!(!may_run(&m, &choice(&[], &[]), &none));
        assert!(!may_run(&m, &choice(&["analytics"], &[("analytics", &["hotjar"])]), &none), "service off");
        assert!(may_run(&m, &choice(&["analytics"], &[("analytics", &["ga"])]), &none));
        let cat_only = Marker::parse(Some("analytics"), None).unwrap();
        assert!(may_run(&cat_only, &choice(&["analytics"], &[("analytics", &[])]), &none));
    }

    #[test]
    fn negated_markers_run_only_on_withdrawal() {
        let m = Marker::parse(Some("!analytics"), None).unwrap();
        let off = choice(&[], &[]);
        assert!(!may_run(&m, &off, &Changes::default()), "never accepted: nothing withdrawn");
        let withdrawn = Changes { categories: vec!["analytics".into()], services: vec![] };
        assert!(may_run(&m, &off, &withdrawn));
        assert!(!may_run(&m, &choice(&["analytics"], &[]), &withdrawn), "accepted just now is not a withdrawal");

        let s = Marker::parse(Some("analytics"), Some("!ga")).unwrap();
        let svc_withdrawn = Changes { categories: vec![], services: vec![("analytics".into(), vec!["ga".into()])] };
        assert!(may_run(&s, &choice(&["analytics"], &[("analytics", &["hotjar"])]), &svc_withdrawn));
        assert!(!may_run(&s, &choice(&["analytics"], &[("analytics", &["ga"])]), &svc_withdrawn));
    }
}
