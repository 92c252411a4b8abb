//! The consent history kept on the device (README "Consent records, history and receipts"): one entry per consent given,
//! changed or withdrawn, newest last, at most [`MAX_ENTRIES`]. Pure.

#[allow(unused_imports)]
use crate::prelude::*;

use super::record::services_value;
use crate::value::{parse_json, Value};

/// Entries kept; older ones are dropped.
pub(crate) const MAX_ENTRIES: usize = 50;

/// What a consent action did.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Action {
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
        crate::value::obj(vec![
            ("time", Value::Str(self.time.clone())),
            ("action", Value::Str(self.action.clone())),
            ("categories", Value::str_array(&self.categories)),
            ("services", services_value(&self.services)),
            ("revision", Value::Num(f64::from(self.revision))),
            ("language", Value::Str(self.language.clone())),
            ("gpc", Value::Bool(self.gpc)),
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

/// Stored text read per history: a longer one keeps its newest entries that fit.
const MAX_TEXT: usize = 256 * 1024;

/// Read a stored history: its newest [`MAX_ENTRIES`] entries within [`MAX_TEXT`] bytes;
/// entries that don't read are skipped, anything else is an empty history (never an error).
pub(crate) fn parse(text: &str) -> Vec<Entry> {
    let Some(items) = items(text) else { return Vec::new() };
    let mut out = Vec::new();
    let mut size = 0;
    for item in items.iter().rev() {
        size += item.len();
        if out.len() == MAX_ENTRIES || size > MAX_TEXT {
            break;
        }
        if let Some(entry) = parse_json(item).as_ref().and_then(Entry::from_value) {
            out.push(entry);
        }
    }
    out.reverse();
    out
}

/// The items of a JSON array as text, found without reading them (so only the newest are
/// read); `None` when the text is not one array.
fn items(text: &str) -> Option<Vec<&str>> {
    let bytes = text.as_bytes();
    let open = bytes.iter().position(|b| !b.is_ascii_whitespace()).filter(|&i| bytes[i] == b'[')?;
    let (mut depth, mut string, mut escaped, mut start) = (0usize, false, false, open + 1);
    let mut out = Vec::new();
    for (i, &b) in bytes.iter().enumerate().skip(open + 1) {
        if string {
            match b {
                _ if escaped => escaped = false,
                b'\\' => escaped = true,
                b'"' => string = false,
                _ => {}
            }
            continue;
        }
        match b {
            b'"' => string = true,
            b'[' | b'{' => depth += 1,
            b']' | b'}' if depth > 0 => depth -= 1,
            b',' | b']' if depth == 0 => {
                let item = text.get(start..i)?;
                if !item.trim().is_empty() || b == b',' {
                    out.push(item);
                }
                if b == b']' {
                    return text.get(i + 1..)?.trim().is_empty().then_some(out);
                }
                start = i + 1;
            }
            _ => {}
        }
    }
    None
}

/// Append, dropping the oldest entries beyond [`MAX_ENTRIES`].
pub(crate) fn push(history: &mut Vec<Entry>, entry: Entry) {
    history.push(entry);
    let excess = history.len().saturating_sub(MAX_ENTRIES);
    history.drain(..excess);
}

/// The entry a tab made for its last stored record. `added`: it went into the history; a
/// choice confirmed again unchanged adds nothing, but its record is still the stored one.
pub(crate) struct Own<'a> {
    pub(crate) entry: &'a Entry,
    pub(crate) added: bool,
}

/// Make the stored history one that two tabs which chose at the same moment agree on: it
/// keeps this tab's newest entry (the other tab's write may have dropped it), placed by
/// time, and ends on the entry of the stored record (`current`) — the stored consent is
/// always the newest entry. A confirmation that added nothing comes in only when its record
/// is the stored one and the history ends on another choice (the other tab's, written over
/// it); it goes last, its action read against that choice. Once the history holds both
/// tabs' entries with the stored one last, neither tab changes it again, so rewriting ends
/// after a write or two. Returns whether anything changed.
pub(crate) fn settle(history: &mut Vec<Entry>, own: Option<Own>, current: impl Fn(&Entry) -> bool) -> bool {
    let mut changed = false;
    let wanted = |own: &Own| {
        let same = |e: &Entry| e.categories == own.entry.categories && e.services == own.entry.services;
        let missing = !history.iter().any(|e| e.is(&own.entry.time, &own.entry.categories, &own.entry.services));
        missing && (own.added || (current(own.entry) && !history.last().is_some_and(same)))
    };
    if let Some(own) = own.filter(wanted) {
        // A confirmation is the stored record's entry: it goes last, after the choice it
        // followed. An added entry goes back where its time puts it.
        let by_time = || history.iter().position(|e| e.time > own.entry.time).unwrap_or(history.len());
        let at = if own.added { by_time() } else { history.len() };
        // In a full history an entry older than all the others would be dropped at once.
        if at > 0 || history.len() < MAX_ENTRIES {
            let mut entry = own.entry.clone();
            if !own.added {
                entry.action = action_after(history.last(), &entry).as_str().into();
            }
            history.insert(at, entry);
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

/// What `entry` did after `before`: given (nothing before), changed (it accepts a category or
/// service `before` did not), else withdrawn.
fn action_after(before: Option<&Entry>, entry: &Entry) -> Action {
    let Some(before) = before else { return Action::Given };
    let had_service = |c: &String, s: &String| before.services.iter().any(|(bc, list)| bc == c && list.contains(s));
    let gained =
        entry.categories.iter().any(|c| !before.categories.contains(c)) || entry.services.iter().any(|(c, list)| list.iter().any(|s| !had_service(c, s)));
    if gained {
        Action::Changed
    } else {
        Action::Withdrawn
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
            gpc: n.is_multiple_of(2),
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

    fn added(entry: &Entry) -> Option<Own<'_>> {
        Some(Own { entry, added: true })
    }

    #[test]
    fn settle_brings_back_a_stored_confirmation_only_when_the_history_ends_elsewhere() {
        let at = |t: &str, cats: &[&str]| Entry { time: t.into(), categories: cats.iter().map(|c| c.to_string()).collect(), services: Vec::new(), ..entry(0) };
        let all = at("2026-11-29T04:00:00.000Z", &["necessary", "analytics"]);
        // A confirmed "all" again (nothing added) while B withdrew; B's history write landed
        // last, A's record did: A's confirmation comes in, as a change after B's withdrawal.
        let again = at("2026-11-29T04:01:00.001Z", &["necessary", "analytics"]);
        let withdrawn = Entry { action: "withdrawn".into(), ..at("2026-11-29T04:01:00.002Z", &["necessary"]) };
        let mut h = vec![all.clone(), withdrawn.clone()];
        let is_again = |e: &Entry| e.time == again.time;
        assert!(settle(&mut h, Some(Own { entry: &again, added: false }), is_again));
        assert_eq!(
            h.iter().map(|e| (e.time.as_str(), e.action.as_str())).collect::<Vec<_>>(),
            [(all.time.as_str(), "changed"), (withdrawn.time.as_str(), "withdrawn"), (again.time.as_str(), "changed")]
        );
        assert!(!settle(&mut h, Some(Own { entry: &again, added: false }), is_again), "settled");
        // Without a race the history already ends on that choice: nothing to add.
        let mut quiet = vec![all.clone()];
        assert!(!settle(&mut quiet, Some(Own { entry: &again, added: false }), is_again));
        // Nor when another tab's record is the stored one.
        let mut other = vec![all, withdrawn];
        assert!(!settle(&mut other, Some(Own { entry: &again, added: false }), |_| false));
    }

    #[test]
    fn settle_keeps_both_tabs_entries_and_ends_on_the_stored_one() {
        let at = |t: &str, n: u32| Entry { time: t.into(), categories: vec![n.to_string()], ..entry(n) };
        let (a, b) = (at("2026-11-29T04:00:00.001Z", 1), at("2026-11-29T04:00:00.002Z", 2));
        let is_a = |e: &Entry| e.revision == 1;
        // B's history write landed last without A's entry, but A's record is the stored one.
        let mut h = vec![at("2026-11-29T03:00:00.000Z", 0), b.clone()];
        assert!(settle(&mut h, added(&a), is_a));
        assert_eq!(h.iter().map(|e| e.revision).collect::<Vec<_>>(), [0, 2, 1]);
        // B has nothing to add, nor A again: the rewriting ends.
        assert!(!settle(&mut h, added(&b), is_a));
        assert!(!settle(&mut h, added(&a), is_a));
        // B's record won instead: its entry goes last.
        assert!(settle(&mut h, added(&b), |e| e.revision == 2));
        assert_eq!(h.iter().map(|e| e.revision).collect::<Vec<_>>(), [0, 1, 2]);
        // Full: this tab's old entry would be the oldest, so nothing to write.
        let mut full: Vec<Entry> = (0..MAX_ENTRIES as u32).map(|n| at(&format!("2026-11-29T05:{:02}:00.000Z", n), n + 10)).collect();
        assert!(!settle(&mut full, added(&a), |_| false));
        assert_eq!(full.len(), MAX_ENTRIES);
        // Full, own entry newer than the oldest: it goes in, the oldest goes out.
        let late = at("2026-11-29T05:00:30.000Z", 99);
        assert!(settle(&mut full, added(&late), |_| false));
        assert_eq!((full.len(), full[0].revision, full[1].revision), (MAX_ENTRIES, 99, 11));
    }

    #[test]
    fn a_history_longer_than_the_limit_keeps_its_newest_entries() {
        // Entries of a site with many services: 40 of them are well over the text limit.
        let big = |n: u32| Entry { services: vec![("analytics".into(), (0..700).map(|s| format!("service-{s:04}")).collect())], ..entry(n) };
        let all: Vec<Entry> = (0..40).map(big).collect();
        let text = to_json(&all);
        assert!(text.len() > MAX_TEXT);
        let kept = parse(&text);
        assert!(!kept.is_empty(), "not dropped whole");
        assert!(to_json(&kept).len() <= MAX_TEXT);
        assert_eq!(kept, all[all.len() - kept.len()..], "the newest, in order");
        // More entries than kept, each small: the newest MAX_ENTRIES.
        let many: Vec<Entry> = (0..MAX_ENTRIES as u32 + 9).map(entry).collect();
        assert_eq!(parse(&to_json(&many)), many[9..]);
        // Items with brackets, commas and escaped quotes inside strings split right.
        let odd = Entry { language: "x\"],[{,}\\".into(), ..entry(3) };
        assert_eq!(parse(&to_json(&[entry(1), odd.clone()])), [entry(1), odd]);
        assert_eq!(parse(" [ ] "), []);
        assert!(parse("[1,2] x").is_empty() && parse("[1,").is_empty());
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
