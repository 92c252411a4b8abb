//! The script gate: which held `<script type="text/plain" data-category>` elements may run
//! (named predicates in `decide`). The host lists the held scripts and releases the ones
//! chosen here, in document order.

#[allow(unused_imports)]
use crate::prelude::*;

pub(crate) mod decide;
pub(crate) mod urls;

use crate::config::Config;
use crate::consent::{Changes, Choice};
use decide::{may_run, Marker};

/// How a held element is listed by the host (the fourth field of a `held()` line).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Held {
    /// A `<script type="text/plain">` not released yet.
    Script,
    /// An `<iframe data-src>` not released yet: it gets a placeholder while held.
    Frame,
    /// Other held media (`img`, `video`, `audio`, `source` with `data-src`).
    Media,
    /// An embed released earlier (it can be held again when consent is withdrawn).
    Live,
}

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

/// Decide for every element the host lists (`index\tcategory\tservice\tkind` lines, kind
/// `s` script, `f` frame, `m` media, `l` live embed).
pub(crate) fn decide(held: &str, config: &Config, now: &Choice, changes: &Changes) -> Decision {
    let mut out = Decision::default();
    for line in held.split('\n') {
        let mut parts = line.split('\t');
        let (Some(index), Some(category)) = (parts.next(), parts.next()) else { continue };
        let Ok(index) = index.parse::<u32>() else { continue };
        let Some(marker) = Marker::parse(Some(category), parts.next()) else { continue };
        let kind = match parts.next() {
            Some("f") => Held::Frame,
            Some("m") => Held::Media,
            Some("l") => Held::Live,
            _ => Held::Script,
        };
        let allowed = may_run(&marker, config, now, changes);
        let plain = !marker.category_negated && !marker.service_negated;
        match kind {
            Held::Live if plain && !allowed => out.block.push(index),
            Held::Live => {}
            _ if allowed && (plain || kind == Held::Script) => out.release.push(index),
            _ => {}
        }
        if plain && !allowed && matches!(kind, Held::Frame | Held::Live) {
            if let Some(cat) = config.category_index(&marker.category) {
                let svc = marker.service.as_ref().and_then(|s| config.categories[cat].services.iter().position(|x| x.name == *s));
                out.placeholders.push((index, cat, svc));
            }
        }
    }
    out
}
#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn selects_in_document_order() {
        let text = r#"{"categories": {"analytics": {"services": {"ga": {}, "hotjar": {}}}, "marketing": {}}}"#;
        let config = crate::test_util::config(text);
        let now = Choice { categories: 0b01, services: vec![0b01, 0] };
        let held = "0\tanalytics\t\n1\tmarketing\t\n2\tanalytics\tga\n3\tanalytics\thotjar\n4\t!analytics\t\nbroken\n5\t\t";
        assert_eq!(decide(held, &config, &now, &Changes::default()).release, [0, 2]);
        let withdrawn = Changes { categories: 0b10, services: vec![0, 0] };
        assert_eq!(decide("7\t!marketing\t", &config, &now, &withdrawn).release, [7]);
    }

    #[test]
    fn embeds_get_placeholders_and_are_held_again_on_withdrawal() {
        let text = r#"{"categories": {"analytics": {"services": {"ga": {}, "yt": {}}}, "marketing": {}}}"#;
        let config = crate::test_util::config(text);
        let now = Choice { categories: 0b01, services: vec![0b01, 0] };
        let held = "0\tanalytics\tyt\tf\n1\tanalytics\tga\tf\n2\tmarketing\t\tm\n3\tanalytics\tyt\tl\n4\tanalytics\tga\tl\n5\t!analytics\t\tf";
        let d = decide(held, &config, &now, &Changes::default());
        assert_eq!(d.release, [1]);
        assert_eq!(d.block, [3], "a live embed whose service is off goes back to held");
        assert_eq!(d.placeholders, [(0, 0, Some(1)), (3, 0, Some(1))]);
    }
}
