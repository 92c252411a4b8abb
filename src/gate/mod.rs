//! The script gate: which held `<script type="text/plain" data-category>` elements (and
//! embeds) may run (named predicates in `decide`). The host lists them and releases the ones
//! chosen here, in document order.

#[allow(unused_imports)]
use crate::prelude::*;

pub(crate) mod decide;
pub(crate) mod urls;

use crate::config::Config;
use crate::consent::{Changes, Choice};
use crate::host::Held;
use crate::protocol::HeldKind;
use decide::{may_run, Marker};

/// What the gate decided for the host's list.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub(crate) struct Decision {
    /// Held elements that may run now, in document order.
    pub(crate) release: Vec<u32>,
    /// Released embeds whose consent is gone: hold them again.
    pub(crate) block: Vec<u32>,
    /// Held frames that stay held: index, category index, service index.
    pub(crate) placeholders: Vec<(u32, usize, Option<usize>)>,
}

/// Decide for every element the host lists (its position is its index).
pub(crate) fn decide(held: &[Held], config: &Config, now: &Choice, changes: &Changes) -> Decision {
    let mut out = Decision::default();
    for (index, h) in held.iter().enumerate() {
        let Ok(index) = u32::try_from(index) else { break };
        let Some(marker) = Marker::parse(h.category.as_deref(), h.service.as_deref()) else { continue };
        let kind = h.kind;
        let allowed = may_run(&marker, config, now, changes);
        let plain = !marker.category_negated && !marker.service_negated;
        match kind {
            HeldKind::Live if plain && !allowed => out.block.push(index),
            HeldKind::Live => {}
            _ if allowed && (plain || kind == HeldKind::Script) => out.release.push(index),
            _ => {}
        }
        if plain && !allowed && matches!(kind, HeldKind::Frame | HeldKind::Live) {
            if let Some(cat) = config.category_index(&marker.category) {
                let svc = marker.service.as_ref().and_then(|s| config.categories.get(cat)?.services.iter().position(|x| x.name == *s));
                out.placeholders.push((index, cat, svc));
            }
        }
    }
    out
}
#[cfg(test)]
mod tests {
    use super::*;

    /// Held elements from `(category, service, kind)`; `""` is an absent attribute.
    fn held(list: &[(&str, &str, HeldKind)]) -> Vec<Held> {
        let some = |s: &str| Some(s.to_owned()).filter(|s| !s.is_empty());
        list.iter().map(|(c, s, kind)| Held { category: some(c), service: some(s), kind: *kind }).collect()
    }

    #[test]
    fn selects_in_document_order() {
        let text = r#"{"categories": {"analytics": {"services": {"ga": {}, "hotjar": {}}}, "marketing": {}}}"#;
        let config = crate::test_util::config(text);
        let now = Choice::from_masks(0b01, vec![0b01, 0]);
        use HeldKind::Script as S;
        let list = held(&[("analytics", "", S), ("marketing", "", S), ("analytics", "ga", S), ("analytics", "hotjar", S), ("!analytics", "", S), ("", "", S)]);
        assert_eq!(decide(&list, &config, &now, &Changes::default()).release, [0, 2]);
        let withdrawn = Changes { categories: 0b10, services: vec![0, 0] };
        assert_eq!(decide(&held(&[("", "", S), ("!marketing", "", S)]), &config, &now, &withdrawn).release, [1]);
    }

    #[test]
    fn embeds_get_placeholders_and_are_held_again_on_withdrawal() {
        let text = r#"{"categories": {"analytics": {"services": {"ga": {}, "yt": {}}}, "marketing": {}}}"#;
        let config = crate::test_util::config(text);
        let now = Choice::from_masks(0b01, vec![0b01, 0]);
        use HeldKind::{Frame as F, Live as L, Media as M};
        let list = held(&[
            ("analytics", "yt", F),
            ("analytics", "ga", F),
            ("marketing", "", M),
            ("analytics", "yt", L),
            ("analytics", "ga", L),
            ("!analytics", "", F),
        ]);
        let d = decide(&list, &config, &now, &Changes::default());
        assert_eq!(d.release, [1]);
        assert_eq!(d.block, [3], "a live embed whose service is off goes back to held");
        assert_eq!(d.placeholders, [(0, 0, Some(1)), (3, 0, Some(1))]);
    }
}
