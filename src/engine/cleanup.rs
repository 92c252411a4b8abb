//! What an engine writes and erases besides the record's choice: the declared cookies and
//! storage keys of what is withdrawn (README "Withdrawal"), `eraseCookies`, the record's
//! `data` (`setCookieData`), its expiry, and `reset`.

#[allow(unused_imports)]
use crate::prelude::*;

use super::Engine;
use crate::config::{CookieRule, Expiry, Pattern};
use crate::host::Host;
use crate::storage::cookie;
use crate::value::Value;

impl Engine {
    /// Erase the declared cookies (and storage keys) of everything not accepted now.
    pub(super) fn clear_leftovers(&self, host: &dyn Host) {
        let jar = host.cookies();
        let names: Vec<&str> = cookie::pairs(&jar).map(|(n, _)| n).filter(|n| !n.is_empty()).collect();
        let hostname = host.env().hostname;
        let mut erase = |rule: &CookieRule| {
            for name in names.iter().filter(|n| matches(host, &rule.name, n)) {
                for s in cookie::erase_strings(name, rule.path.as_deref(), rule.domain.as_deref(), &hostname) {
                    host.set_cookie(&s);
                }
            }
        };
        let mut key_patterns: Vec<&Pattern> = Vec::new();
        for (i, cat) in self.config.categories.iter().enumerate() {
            if !self.choice.has(i) {
                cat.auto_clear.cookies.iter().for_each(&mut erase);
                key_patterns.extend(cat.auto_clear.storage_keys.iter());
            }
            for (j, s) in cat.services.iter().enumerate() {
                if !self.choice.has_service(i, j) {
                    s.cookies.iter().for_each(&mut erase);
                }
            }
        }
        if !key_patterns.is_empty() {
            for (session, key) in host.storage_keys() {
                if key != self.config.cookie.name && key_patterns.iter().any(|p| matches(host, p, &key)) {
                    host.storage_remove(session, &key);
                }
            }
        }
    }

    /// `eraseCookies(names, path, domain)`: every cookie of the page whose name is one of
    /// `names` (names and RegExps, one or a list), at `path` (default `cookie.path`); see
    /// [`cookie::erase_at`].
    pub(crate) fn erase_cookies(&self, host: &dyn Host, names: &Value, path: Option<&str>, domain: Option<&str>) {
        let patterns = match names {
            Value::Arr(items) => items.as_slice(),
            one => core::slice::from_ref(one),
        };
        let c = &self.config.cookie;
        let hostname = host.env().hostname;
        let cookie_domain = c.domain.as_deref().unwrap_or(&hostname);
        let jar = host.cookies();
        for (name, _) in cookie::pairs(&jar).filter(|(n, _)| !n.is_empty()) {
            if patterns.iter().any(|p| matches_value(host, p, name)) {
                for s in cookie::erase_at(name, path.unwrap_or(&c.path), domain, cookie_domain) {
                    host.set_cookie(&s);
                }
            }
        }
    }

    /// `setCookieData({ value, mode })` (`props` walked): store `value` as the record's
    /// `data`; with `mode: 'update'`, v3's rules (see [`updated`]). Before consent (v3) it
    /// is stored with an expiry and kept when the visitor chooses; the stored value still
    /// counts as no consent. `false` when nothing was set.
    pub(crate) fn set_cookie_data(&mut self, host: &dyn Host, props: &Value) -> bool {
        if !props.truthy() || self.phase == super::Phase::Dormant {
            return false;
        }
        let value = props.get("value").cloned();
        let value = if props.get("mode").and_then(Value::as_str) == Some("update") {
            let old = match (&self.record, &self.loose) {
                (Some(r), _) => Some(&r.data),
                (None, loose) => loose.get("data"),
            };
            match updated(old, value) {
                Some(v) => v,
                None => return false,
            }
        } else {
            value.unwrap_or(Value::Null)
        };
        let (text, expires) = match self.record.as_mut() {
            Some(record) => {
                record.data = value;
                (record.to_json(), record.expiration_time)
            }
            None => {
                let now = host.now();
                let mut members = match core::mem::replace(&mut self.loose, Value::Null) {
                    Value::Obj(m) => m,
                    _ => Vec::new(),
                };
                // The stored expiry while it lies ahead (an older revision's record), else a
                // fresh one.
                let stored = members.iter().find(|(k, _)| k == "expirationTime").and_then(|(_, v)| v.as_f64());
                let expires = match stored.filter(|e| *e > now) {
                    Some(e) => e,
                    None => now + self.expiry_days(host) * 86_400_000.0,
                };
                members.retain(|(k, _)| k != "data" && k != "expirationTime");
                members.push(("data".into(), value));
                members.push(("expirationTime".into(), Value::Num(expires)));
                self.loose = Value::Obj(members);
                (self.loose.to_json(), expires)
            }
        };
        self.storage.write(host, &text, expires);
        true
    }

    /// Days until the record expires: `cookie.expiresAfterDays`, or what its function
    /// returns for the accept type.
    pub(super) fn expiry_days(&self, host: &dyn Host) -> f64 {
        match self.config.cookie.expires {
            Expiry::Days(d) => d,
            Expiry::Function(h) => match host.call_number(h, self.choice.accept_type(&self.config).as_str()) {
                Some(d) if d.is_finite() && d > 0.0 && d <= 36_500.0 => d,
                _ => {
                    host.warn("consentry: cookie.expiresAfterDays returned no valid number of days; using 182");
                    182.0
                }
            },
        }
    }

    /// `reset(eraseCookie)`: remove the modals; with `erase`, forget the stored consent.
    pub(crate) fn reset(mut self, host: &dyn Host, erase: bool) {
        if erase {
            self.storage.erase(host);
        }
        host.remove_ui();
    }
}

/// A name against an exact name or a configured RegExp.
fn matches(host: &dyn Host, pattern: &Pattern, name: &str) -> bool {
    match pattern {
        Pattern::Exact(s) => s == name,
        Pattern::Regex(h) => host.regex_test(*h, name),
    }
}

/// A name against one of `eraseCookies`' names: a string, or a RegExp (walked).
fn matches_value(host: &dyn Host, pattern: &Value, name: &str) -> bool {
    match pattern {
        Value::Str(s) => s == name,
        Value::Regex(h) => host.regex_test(*h, name),
        _ => false,
    }
}

/// `setCookieData` with `mode: 'update'`, as v3 decides it (`None`: refused, v3's `false`):
/// an object's properties are merged into a stored object, or an array's items into a stored
/// array (refused when none changes; one that is itself an object or array always counts as
/// changed, as JavaScript compares those by identity); otherwise the same value again, or a
/// value of another type than a non-empty stored one, is refused. `None` is `undefined`.
pub(crate) fn updated(old: Option<&Value>, new: Option<Value>) -> Option<Value> {
    match (old, new) {
        (Some(Value::Obj(stored)), Some(Value::Obj(members))) => {
            let mut merged = stored.clone();
            let mut changed = false;
            for (k, v) in members {
                match merged.iter_mut().find(|(key, _)| *key == k) {
                    Some(slot) if identical(&slot.1, &v) => continue,
                    Some(slot) => slot.1 = v,
                    None => merged.push((k, v)),
                }
                changed = true;
            }
            changed.then_some(Value::Obj(merged))
        }
        (Some(Value::Arr(stored)), Some(Value::Arr(items))) => {
            let mut merged = stored.clone();
            let mut changed = false;
            for (i, v) in items.into_iter().enumerate() {
                match merged.get_mut(i) {
                    Some(slot) if identical(slot, &v) => continue,
                    Some(slot) => *slot = v,
                    None => merged.push(v),
                }
                changed = true;
            }
            changed.then_some(Value::Arr(merged))
        }
        // `null` merges nothing into an object or array; an array and an object don't mix.
        (Some(Value::Obj(_) | Value::Arr(_)), Some(Value::Obj(_) | Value::Arr(_) | Value::Null)) => None,
        (old, new) => {
            let same = match (old, &new) {
                (None, None) => true,
                (Some(o), Some(n)) => identical(o, n),
                _ => false,
            };
            let other_type = old.is_some_and(|o| o.truthy() && Some(o.type_of()) != new.as_ref().map(Value::type_of));
            if same || other_type {
                return None;
            }
            Some(new.unwrap_or(Value::Null))
        }
    }
}

/// JavaScript's `===` between a stored value and a new one: primitives by value; objects and
/// arrays never (a new one is never the stored one).
fn identical(a: &Value, b: &Value) -> bool {
    match (a, b) {
        (Value::Null, Value::Null) => true,
        (Value::Bool(x), Value::Bool(y)) => x == y,
        (Value::Num(x), Value::Num(y)) => x == y,
        (Value::Str(x), Value::Str(y)) => x == y,
        _ => false,
    }
}

#[cfg(test)]
mod tests {
    use super::updated;
    use crate::test_util::js;

    fn up(old: Option<&str>, new: Option<&str>) -> Option<String> {
        let old = old.map(js);
        updated(old.as_ref(), new.map(js)).map(|v| v.to_json())
    }

    /// The steps `tests/e2e/dropin.test.mjs` pins against v3, plus JavaScript's identity rule.
    #[test]
    fn update_mode_follows_v3() {
        assert_eq!(up(Some(r#"{"a":1}"#), Some(r#"{"a":1}"#)), None, "nothing changes");
        assert_eq!(up(Some(r#"{"a":1}"#), Some("{}")), None);
        assert_eq!(up(Some(r#"{"a":1}"#), Some(r#"{"b":2}"#)).as_deref(), Some(r#"{"a":1,"b":2}"#));
        assert_eq!(up(Some(r#"{"a":1}"#), Some(r#""text""#)), None, "another type than a non-empty stored one");
        assert_eq!(up(Some(r#"{"a":1}"#), Some("null")), None, "null merges nothing");
        assert_eq!(up(Some(r#""text""#), Some(r#""text""#)), None, "the same value");
        assert_eq!(up(Some(r#""text""#), Some(r#"{"c":1}"#)), None);
        assert_eq!(up(Some(r#""""#), Some(r#"{"c":1}"#)).as_deref(), Some(r#"{"c":1}"#), "an empty stored value may change type");
        assert_eq!(up(Some(r#"{"a":{"x":1}}"#), Some(r#"{"a":{"x":1}}"#)).as_deref(), Some(r#"{"a":{"x":1}}"#), "objects differ by identity");
        assert_eq!(up(None, Some("5")).as_deref(), Some("5"), "nothing stored");
        assert_eq!(up(None, None), None, "undefined for undefined");
        assert_eq!(up(Some("[1,2]"), Some("[1,3]")).as_deref(), Some("[1,3]"));
        assert_eq!(up(Some("[1,2]"), Some("[1]")), None, "item by item");
        assert_eq!(up(Some("[1]"), Some(r#"{"a":1}"#)), None, "an array and an object don't mix");
    }
}
