//! The consent history kept on the device (INTERFACE §6): one entry per consent given,
//! changed or withdrawn, newest last, at most [`MAX_ENTRIES`]. Pure.

#[allow(unused_imports)]
use crate::prelude::*;

use super::record::services_value;
use crate::value::{parse_json, Value};

/// Entries kept; older ones are dropped.
pub(crate) const MAX_ENTRIES: usize = 50;

/// What a consent action did.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Action {
    /// The first choice (or the first after a revision change).
    Given,
    /// Something was accepted that wasn't before.
    Changed,
    /// Only withdrawals.
    Withdrawn,
}

impl Action {
    pub(crate) fn as_str(self) -> &'static str {
        match self {
            Action::Given => "given",
            Action::Changed => "changed",
            Action::Withdrawn => "withdrawn",
        }
    }
}

/// One history entry.
#[derive(Clone, Debug, PartialEq)]
pub(crate) struct Entry {
    pub(crate) time: String,
    pub(crate) action: String,
    pub(crate) categories: Vec<String>,
    pub(crate) services: Vec<(String, Vec<String>)>,
    pub(crate) revision: u32,
    pub(crate) language: String,
    /// Global Privacy Control was on when the choice was made.
    pub(crate) gpc: bool,
}

impl Entry {
    pub(crate) fn to_value(&self) -> Value {
        Value::Obj(vec![
            ("time".into(), Value::Str(self.time.clone())),
            ("action".into(), Value::Str(self.action.clone())),
            ("categories".into(), Value::str_array(&self.categories)),
            ("services".into(), services_value(&self.services)),
            ("revision".into(), Value::Num(f64::from(self.revision))),
            ("language".into(), Value::Str(self.language.clone())),
            ("gpc".into(), Value::Bool(self.gpc)),
        ])
    }

    /// Whether this entry records that choice at that time.
    pub(crate) fn is(&self, time: &str, categories: &[String], services: &[(String, Vec<String>)]) -> bool {
        self.time == time && self.categories == categories && self.services == services
    }

    fn from_value(v: &Value) -> Option<Entry> {
        let strings = |v: &Value| -> Option<Vec<String>> { v.as_array()?.iter().map(|s| s.as_str().map(str::to_owned)).collect() };
        let mut services = Vec::new();
        for (c, list) in v.get("services")?.as_object()? {
            services.push((c.clone(), strings(list)?));
        }
        Some(Entry {
            time: v.get("time")?.as_str()?.to_owned(),
            action: v.get("action")?.as_str()?.to_owned(),
            categories: strings(v.get("categories")?)?,
            services,
            revision: v.get("revision")?.as_f64().filter(|r| *r >= 0.0 && *r <= u32::MAX as f64)? as u32,
            language: v.get("language")?.as_str()?.to_owned(),
            gpc: matches!(v.get("gpc"), Some(Value::Bool(true))),
        })
    }
}

/// Read a stored history; entries that don't read are skipped, anything else is an empty
/// history (never an error).
pub(crate) fn parse(text: &str) -> Vec<Entry> {
    if text.len() > 256 * 1024 {
        return Vec::new();
    }
    let Some(Value::Arr(items)) = parse_json(text) else { return Vec::new() };
    let mut out: Vec<Entry> = items.iter().filter_map(Entry::from_value).collect();
    let excess = out.len().saturating_sub(MAX_ENTRIES);
    out.drain(..excess);
    out
}

/// Append, dropping the oldest entries beyond [`MAX_ENTRIES`].
pub(crate) fn push(history: &mut Vec<Entry>, entry: Entry) {
    history.push(entry);
    let excess = history.len().saturating_sub(MAX_ENTRIES);
    history.drain(..excess);
}

/// Make the stored history one that two tabs which chose at the same moment agree on: it
/// keeps this tab's newest entry (the other tab's write may have dropped it), placed by
/// time, and ends on the entry of the stored record (`current`) — the stored consent is
/// always the newest entry. Once the history holds both tabs' entries with the stored one
/// last, neither tab changes it again, so rewriting ends after a write or two. Returns
/// whether anything changed.
pub(crate) fn settle(history: &mut Vec<Entry>, own: Option<&Entry>, current: impl Fn(&Entry) -> bool) -> bool {
    let mut changed = false;
    if let Some(own) = own.filter(|own| !history.iter().any(|e| e.is(&own.time, &own.categories, &own.services))) {
        let at = history.iter().position(|e| e.time > own.time).unwrap_or(history.len());
        // In a full history an entry older than all the others would be dropped at once.
        if at > 0 || history.len() < MAX_ENTRIES {
            history.insert(at, own.clone());
            let excess = history.len().saturating_sub(MAX_ENTRIES);
            history.drain(..excess);
            changed = true;
        }
    }
    match history.iter().position(current) {
        Some(i) if i + 1 < history.len() => {
            let newest = history.remove(i);
            history.push(newest);
            true
        }
        _ => changed,
    }
}

pub(crate) fn to_json(history: &[Entry]) -> String {
    Value::Arr(history.iter().map(Entry::to_value).collect()).to_json()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn entry(n: u32) -> Entry {
        Entry {
            time: "2026-11-29T04:00:00.000Z".into(),
            action: "changed".into(),
            categories: vec!["necessary".into()],
            services: vec![("analytics".into(), vec!["ga".into()])],
            revision: n,
            language: "en".into(),
            gpc: n % 2 == 0,
        }
    }

    #[test]
    fn round_trips_and_stays_bounded() {
        let mut h = Vec::new();
        for n in 0..(MAX_ENTRIES as u32 + 7) {
            push(&mut h, entry(n));
        }
        assert_eq!(h.len(), MAX_ENTRIES);
        assert_eq!(h[0].revision, 7, "the oldest were dropped");
        let back = parse(&to_json(&h));
        assert_eq!(back, h);
    }

    #[test]
    fn settle_keeps_both_tabs_entries_and_ends_on_the_stored_one() {
        let at = |t: &str, n: u32| Entry { time: t.into(), categories: vec![n.to_string()], ..entry(n) };
        let (a, b) = (at("2026-11-29T04:00:00.001Z", 1), at("2026-11-29T04:00:00.002Z", 2));
        let is_a = |e: &Entry| e.revision == 1;
        // B's history write landed last without A's entry, but A's record is the stored one.
        let mut h = vec![at("2026-11-29T03:00:00.000Z", 0), b.clone()];
        assert!(settle(&mut h, Some(&a), is_a));
        assert_eq!(h.iter().map(|e| e.revision).collect::<Vec<_>>(), [0, 2, 1]);
        // B has nothing to add, nor A again: the rewriting ends.
        assert!(!settle(&mut h, Some(&b), is_a));
        assert!(!settle(&mut h, Some(&a), is_a));
        // B's record won instead: its entry goes last.
        assert!(settle(&mut h, Some(&b), |e| e.revision == 2));
        assert_eq!(h.iter().map(|e| e.revision).collect::<Vec<_>>(), [0, 1, 2]);
        // Full: this tab's old entry would be the oldest, so nothing to write.
        let mut full: Vec<Entry> = (0..MAX_ENTRIES as u32).map(|n| at(&format!("2026-11-29T05:{:02}:00.000Z", n), n + 10)).collect();
        assert!(!settle(&mut full, Some(&a), |_| false));
        assert_eq!(full.len(), MAX_ENTRIES);
        // Full, own entry newer than the oldest: it goes in, the oldest goes out.
        let late = at("2026-11-29T05:00:30.000Z", 99);
        assert!(settle(&mut full, Some(&late), |_| false));
        assert_eq!((full.len(), full[0].revision, full[1].revision), (MAX_ENTRIES, 99, 11));
    }

    #[test]
    fn corrupt_history_is_empty_or_skips_bad_entries() {
        assert!(parse("{").is_empty());
        assert!(parse("{\"a\":1}").is_empty());
        let one = to_json(&[entry(1)]);
        let mixed = one.replacen('[', "[{\"time\":5},", 1);
        assert_eq!(parse(&mixed), vec![entry(1)]);
    }
}
