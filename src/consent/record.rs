//! The stored value (README "The stored value"): what is written under `cc_cookie`, and the strict
//! reading that treats anything corrupt, expired, from the future or tampered with as no
//! consent at all.

#[allow(unused_imports)]
use crate::prelude::*;

use super::time::{iso, parse_iso};
use super::Choice;
use crate::config::Config;
use crate::value::{parse_json, Value};

/// Longest stored text we are willing to parse (a record is a few hundred bytes).
pub(crate) const MAX_STORED_LEN: usize = 64 * 1024;
/// Clock skew tolerated for timestamps slightly in the future.
const SKEW_MS: f64 = 10.0 * 60_000.0;
/// The longest a consent may last (`expiresAfterDays` ≤ 36500).
const MAX_LIFETIME_MS: f64 = 36_500.0 * 86_400_000.0;

/// The consent record, as stored.
#[derive(Clone, Debug, PartialEq)]
pub(crate) struct Record {
    pub(crate) categories: Vec<String>,
    pub(crate) revision: u32,
    pub(crate) data: Value,
    pub(crate) consent_id: String,
    pub(crate) consent_timestamp: String,
    pub(crate) last_consent_timestamp: String,
    pub(crate) language_code: String,
    /// Accepted services per category; every configured category has an entry.
    pub(crate) services: Vec<(String, Vec<String>)>,
    /// Milliseconds since the epoch after which the consent no longer counts.
    pub(crate) expiration_time: f64,
}

impl Record {
    /// The record for a new choice. `previous` (a still-readable earlier record, valid or
    /// from an older revision) keeps its consent id, first timestamp and `data`.
    // Each argument is one field of the record from a different part of the engine; a struct
    // of them would be one more type for this one caller.
    #[allow(clippy::too_many_arguments)]
    pub(crate) fn new(
        config: &Config,
        choice: &Choice,
        revision: u32,
        consent_id: String,
        language_code: &str,
        now: f64,
        days: f64,
        previous: Option<&Record>,
    ) -> Record {
        let (consent_id, consent_timestamp, data) = match previous {
            Some(p) => (p.consent_id.clone(), p.consent_timestamp.clone(), p.data.clone()),
            None => (consent_id, iso(now), Value::Null),
        };
        Record {
            categories: choice.category_names(config),
            revision,
            data,
            consent_id,
            consent_timestamp,
            last_consent_timestamp: iso(now),
            language_code: language_code.to_owned(),
            services: choice.service_names(config, false),
            expiration_time: now + days * 86_400_000.0,
        }
    }

    pub(crate) fn to_value(&self) -> Value {
        crate::value::obj(vec![
            ("categories", Value::str_array(&self.categories)),
            ("revision", Value::Num(f64::from(self.revision))),
            ("data", self.data.clone()),
            ("consentTimestamp", Value::Str(self.consent_timestamp.clone())),
            ("consentId", Value::Str(self.consent_id.clone())),
            ("services", services_value(&self.services)),
            ("languageCode", Value::Str(self.language_code.clone())),
            ("lastConsentTimestamp", Value::Str(self.last_consent_timestamp.clone())),
            ("expirationTime", Value::Num(self.expiration_time)),
        ])
    }

    pub(crate) fn to_json(&self) -> String {
        self.to_value().to_json()
    }

    /// Read stored text. `None` when it is not a well-formed, current record; see
    /// [`Record::from_value`].
    pub(crate) fn parse(text: &str, now: f64) -> Option<Record> {
        if text.len() > MAX_STORED_LEN {
            return None;
        }
        Record::from_value(&parse_json(text)?, now)
    }

    /// Strict reading: every field present with its type, a UUID v4 consent id, ISO
    /// timestamps in order and not in the future, an expiry in the future but not absurdly
    /// far. (Unknown categories are kept here and ignored by the engine.)
    pub(crate) fn from_value(v: &Value, now: f64) -> Option<Record> {
        let categories = strings(v.get("categories")?)?;
        let revision = v.get("revision")?.as_f64().filter(|r| *r >= 0.0 && crate::value::is_whole(*r) && *r <= u32::MAX as f64)?;
        let consent_id = v.get("consentId")?.as_str().filter(|s| is_uuid_v4(s))?.to_owned();
        let consent_timestamp = v.get("consentTimestamp")?.as_str()?.to_owned();
        let last_consent_timestamp = v.get("lastConsentTimestamp")?.as_str()?.to_owned();
        let first = parse_iso(&consent_timestamp)?;
        let last = parse_iso(&last_consent_timestamp)?;
        if first > last || last > now + SKEW_MS {
            return None;
        }
        let expiration_time = v.get("expirationTime")?.as_f64().filter(|e| e.is_finite())?;
        if expiration_time <= now || expiration_time > last + MAX_LIFETIME_MS + SKEW_MS {
            return None;
        }
        let mut services = Vec::new();
        match v.get("services") {
            None | Some(Value::Null) => {}
            Some(Value::Obj(members)) => {
                for (cat, list) in members {
                    services.push((cat.clone(), strings(list)?));
                }
            }
            Some(_) => return None,
        }
        let language_code = match v.get("languageCode") {
            None | Some(Value::Null) => String::new(),
            Some(Value::Str(s)) => s.clone(),
            Some(_) => return None,
        };
        Some(Record {
            categories,
            revision: revision as u32,
            data: v.get("data").cloned().unwrap_or(Value::Null),
            consent_id,
            consent_timestamp,
            last_consent_timestamp,
            language_code,
            services,
            expiration_time,
        })
    }
}

pub(crate) fn services_value(services: &[(String, Vec<String>)]) -> Value {
    Value::Obj(services.iter().map(|(c, s)| (c.clone(), Value::str_array(s))).collect())
}

fn strings(v: &Value) -> Option<Vec<String>> {
    v.as_array()?.iter().map(|s| s.as_str().map(str::to_owned)).collect()
}

/// `xxxxxxxx-xxxx-4xxx-[89ab]xxx-xxxxxxxxxxxx`.
pub(crate) fn is_uuid_v4(s: &str) -> bool {
    let b = s.as_bytes();
    b.len() == 36
        && b.iter().enumerate().all(|(i, c)| match i {
            8 | 13 | 18 | 23 => *c == b'-',
            14 => *c == b'4',
            19 => matches!(c.to_ascii_lowercase(), b'8' | b'9' | b'a' | b'b'),
            _ => c.is_ascii_hexdigit(),
        })
}

/// Format 16 random bytes as a UUID v4.
pub(crate) fn uuid_v4(mut bytes: [u8; 16]) -> String {
    const HEX: &[u8; 16] = b"0123456789abcdef";
    bytes[6] = (bytes[6] & 0x0f) | 0x40;
    bytes[8] = (bytes[8] & 0x3f) | 0x80;
    let mut out = String::with_capacity(36);
    for (i, b) in bytes.iter().enumerate() {
        if matches!(i, 4 | 6 | 8 | 10) {
            out.push('-');
        }
        out.push(HEX[usize::from(b >> 4)] as char);
        out.push(HEX[usize::from(b & 15)] as char);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    const NOW: f64 = 1_764_387_948_123.0;
    const ID: &str = "0f8fad5b-d9cb-469f-a165-70867728950e";

    fn config() -> Config {
        let text = r#"{"categories": {"necessary": {"readOnly": true}, "analytics": {"services": {"ga": {}}}, "marketing": {}}}"#;
        crate::test_util::config(text)
    }

    fn choice() -> Choice {
        Choice { categories: 0b011, services: vec![0, 1, 0] }
    }

    #[test]
    fn a_new_record_round_trips_through_json() {
        let r = Record::new(&config(), &choice(), 3, ID.into(), "de", NOW, 182.0, None);
        assert_eq!(r.consent_timestamp, "2025-11-29T03:45:48.123Z");
        assert_eq!(r.expiration_time, NOW + 182.0 * 86_400_000.0);
        let json = r.to_json();
        assert!(json.starts_with("{\"categories\":[\"necessary\",\"analytics\"],\"revision\":3,\"data\":null,"));
        assert!(json.contains("\"services\":{\"necessary\":[],\"analytics\":[\"ga\"],\"marketing\":[]}"));
        assert_eq!(Record::parse(&json, NOW + 1000.0), Some(r));
    }

    #[test]
    fn a_later_record_keeps_the_id_first_timestamp_and_data() {
        let mut first = Record::new(&config(), &choice(), 1, ID.into(), "en", NOW, 182.0, None);
        first.data = Value::Str("kept".into());
        let later = Record::new(&config(), &choice(), 2, "ignored".into(), "fr", NOW + 5000.0, 30.0, Some(&first));
        assert_eq!(later.consent_id, ID);
        assert_eq!(later.consent_timestamp, first.consent_timestamp);
        assert_eq!(later.data, Value::Str("kept".into()));
        assert_eq!(later.last_consent_timestamp, iso(NOW + 5000.0));
        assert_eq!(later.language_code, "fr");
    }

    #[test]
    fn corrupt_expired_future_or_tampered_records_are_no_consent() {
        let good = Record::new(&config(), &choice(), 0, ID.into(), "en", NOW, 182.0, None);
        let json = good.to_json();
        let cases = [
            ("not json", "{categories".to_owned()),
            ("wrong type", json.replace("\"revision\":0", "\"revision\":\"0\"")),
            ("negative revision", json.replace("\"revision\":0", "\"revision\":-1")),
            ("categories not strings", json.replace("[\"necessary\",\"analytics\"]", "[1,2]")),
            ("bad uuid", json.replace(ID, "0f8fad5b-d9cb-369f-a165-70867728950e")),
            ("bad timestamp", json.replace("2025-11-29T03:45:48.123Z\",\"consentId", "yesterday\",\"consentId")),
            ("services not an object", json.replace("\"services\":{", "\"services\":[{").replace("]},\"language", "]}],\"language")),
        ];
        for (what, text) in cases {
            assert_eq!(Record::parse(&text, NOW), None, "{what}");
        }
        assert_eq!(Record::parse(&json, NOW + 183.0 * 86_400_000.0), None, "expired");
        assert_eq!(Record::parse(&json, NOW - 3_600_000.0), None, "written in the future");
        let mut forever = good.clone();
        forever.expiration_time = NOW + 1e15;
        assert_eq!(Record::parse(&forever.to_json(), NOW), None, "absurd expiry");
        let huge = json.replace("\"data\":null", &("\"data\":\"".to_owned() + &"x".repeat(MAX_STORED_LEN) + "\""));
        assert_eq!(Record::parse(&huge, NOW), None, "huge");
    }

    #[test]
    fn a_vanilla_v3_record_reads() {
        let v3 = r#"{"categories":["necessary","analytics"],"revision":0,"data":{"x":1},"consentTimestamp":"2025-11-01T10:00:00.000Z","consentId":"0f8fad5b-d9cb-469f-a165-70867728950e","services":{"necessary":[],"analytics":[]},"languageCode":"en","lastConsentTimestamp":"2025-11-01T10:00:00.000Z","expirationTime":1777370400000}"#;
        let r = Record::parse(v3, NOW).unwrap();
        assert_eq!(r.categories, ["necessary", "analytics"]);
        assert_eq!(r.data, crate::value::obj(vec![("x", Value::Num(1.0))]));
    }

    #[test]
    fn uuids_are_version_4() {
        let id = uuid_v4([0xff; 16]);
        assert_eq!(id, "ffffffff-ffff-4fff-bfff-ffffffffffff");
        assert!(is_uuid_v4(&id));
        assert!(is_uuid_v4(&uuid_v4([0; 16])));
        assert!(!is_uuid_v4("ffffffff-ffff-4fff-cfff-ffffffffffff"));
    }
}
