//! The script gate: which held `<script type="text/plain" data-category>` elements may run
//! (named predicates in `decide`). The host lists the held scripts and releases the ones
//! chosen here, in document order.

#[allow(unused_imports)]
use crate::prelude::*;

pub(crate) mod decide;

use crate::config::Config;
use crate::consent::{Changes, Choice};
use decide::{may_run, Marker};

/// From the host's list of held scripts (`index\tcategory\tservice` lines), the indexes of
/// those that may run now, in document order.
pub(crate) fn select(held: &str, config: &Config, now: &Choice, changes: &Changes) -> Vec<u32> {
    let mut out = Vec::new();
    for line in held.split('\n') {
        let mut parts = line.split('\t');
        let (Some(index), Some(category)) = (parts.next(), parts.next()) else { continue };
        let Ok(index) = index.parse::<u32>() else { continue };
        let Some(marker) = Marker::parse(Some(category), parts.next()) else { continue };
        if may_run(&marker, config, now, changes) {
            out.push(index);
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
        let config = Config::parse(&crate::test_util::js(text), &mut crate::config::Unknown::default()).unwrap();
        let now = Choice { categories: 0b01, services: vec![0b01, 0] };
        let held = "0\tanalytics\t\n1\tmarketing\t\n2\tanalytics\tga\n3\tanalytics\thotjar\n4\t!analytics\t\nbroken\n5\t\t";
        assert_eq!(select(held, &config, &now, &Changes::default()), [0, 2]);
        let withdrawn = Changes { categories: 0b10, services: vec![0, 0] };
        assert_eq!(select("7\t!marketing\t", &config, &now, &withdrawn), [7]);
    }
}
