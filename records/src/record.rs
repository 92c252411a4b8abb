//! What a valid record is (README, "Consent records service"): the engine's own record type,
//! `consentry::log::ConsentLog`, read with serde (types, required fields), then the checks
//! types cannot say: a UUID consent id, an RFC 3339 timestamp with a zone, a SHA-256 text
//! hash. The record is kept as received, unknown fields included (a newer engine may send
//! more).

use consentry::log::ConsentLog;
use serde_json::Value;

/// A record that passed every check, ready to store.
#[derive(Debug, Clone, PartialEq)]
pub struct Valid {
    /// Lower-case UUID.
    pub consent_id: String,
    /// The timestamp's canonical form (see [`crate::time`]).
    pub ts: String,
    pub action: &'static str,
    /// The record as received, as compact JSON (members in the order received).
    pub body: String,
}

/// Read one request body. The error names the field and what was expected.
pub fn read(body: &[u8]) -> Result<Valid, String> {
    let text = std::str::from_utf8(body).map_err(|_| "body: expected UTF-8 text".to_owned())?;
    let value: Value = serde_json::from_str(text).map_err(|e| format!("body: expected one JSON object ({e})"))?;
    if !value.is_object() {
        return Err(format!("body: expected a JSON object, got {}", kind(&value)));
    }
    let log: ConsentLog = serde_path_to_error::deserialize(&value).map_err(|e| {
        let path = e.path().to_string();
        let inner = e.into_inner().to_string();
        match inner.strip_prefix("missing field `").and_then(|rest| rest.split('`').next()) {
            Some(field) => {
                let field = if path == "." { field.to_owned() } else { format!("{path}.{field}") };
                format!("{field}: missing")
            }
            None => format!("{path}: {inner}"),
        }
    })?;
    if !is_uuid(&log.consent_id) {
        return Err(format!("consentId: expected a UUID, got {}", shown(&log.consent_id)));
    }
    let ts = crate::time::canonical(&log.timestamp)
        .ok_or_else(|| format!("timestamp: expected an RFC 3339 date-time with a zone (2026-12-01T09:30:00.000Z), got {}", shown(&log.timestamp)))?;
    if let Some(hash) = &log.text_hash {
        if hash.len() != 64 || !hash.bytes().all(|b| b.is_ascii_hexdigit()) {
            return Err(format!("textHash: expected 64 hexadecimal characters (SHA-256), got {}", shown(hash)));
        }
    }
    Ok(Valid { consent_id: log.consent_id.to_ascii_lowercase(), ts, action: log.action.name(), body: value.to_string() })
}

/// `xxxxxxxx-xxxx-xxxx-xxxx-xxxxxxxxxxxx`, hexadecimal, either case.
pub fn is_uuid(s: &str) -> bool {
    s.len() == 36 && s.bytes().enumerate().all(|(i, b)| if matches!(i, 8 | 13 | 18 | 23) { b == b'-' } else { b.is_ascii_hexdigit() })
}

fn kind(v: &Value) -> &'static str {
    match v {
        Value::Null => "null",
        Value::Bool(_) => "a boolean",
        Value::Number(_) => "a number",
        Value::String(_) => "a string",
        Value::Array(_) => "an array",
        Value::Object(_) => "an object",
    }
}

/// A received value quoted for an error message (at most 40 characters of it).
fn shown(s: &str) -> String {
    let cut: String = s.chars().take(40).collect();
    let quoted = serde_json::to_string(&cut).unwrap_or_default();
    if cut.len() < s.len() {
        format!("{quoted}…")
    } else {
        quoted
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use consentry::log::{Action, Services};
    use serde_json::json;

    fn sample() -> Value {
        json!({
            "consentId": "0F8FAD5B-D9CB-469F-A165-70867728950E",
            "timestamp": "2026-12-01T10:30:00.000+01:00",
            "action": "changed",
            "acceptedCategories": ["necessary", "analytics"],
            "rejectedCategories": ["marketing"],
            "acceptedServices": {"necessary": [], "analytics": ["ga"], "marketing": []},
            "rejectedServices": {"necessary": [], "analytics": [], "marketing": ["ads"]},
            "revision": 2,
            "language": "de",
            "gpc": false,
            "origin": "https://shop.example",
            "path": "/checkout",
            "textHash": "a".repeat(64),
        })
    }

    fn with(key: &str, value: Value) -> Vec<u8> {
        let mut v = sample();
        v[key] = value;
        v.to_string().into_bytes()
    }

    fn without(key: &str) -> Vec<u8> {
        let mut v = sample();
        v.as_object_mut().unwrap().shift_remove(key);
        v.to_string().into_bytes()
    }

    #[test]
    fn a_record_as_the_loader_sends_it() {
        let r = read(sample().to_string().as_bytes()).unwrap();
        assert_eq!(r.consent_id, "0f8fad5b-d9cb-469f-a165-70867728950e");
        assert_eq!(r.ts, "2026-12-01T09:30:00.000000000Z");
        assert_eq!(r.action, "changed");
        assert_eq!(r.body, sample().to_string(), "kept as received");
        // Without the loader's fields (the engine's record alone) it is valid too.
        let mut bare = sample();
        for k in ["origin", "path", "textHash"] {
            bare.as_object_mut().unwrap().shift_remove(k);
        }
        assert!(read(bare.to_string().as_bytes()).is_ok());
    }

    #[test]
    fn unknown_fields_are_kept_in_their_order() {
        let text = r#"{"zNew":{"deep":[1,2.5,"x"]},"consentId":"0f8fad5b-d9cb-469f-a165-70867728950e","timestamp":"2026-12-01T09:30:00Z","action":"given","acceptedCategories":[],"rejectedCategories":[],"acceptedServices":{},"rejectedServices":{},"revision":0,"language":"en","gpc":true,"aNew":null}"#;
        assert_eq!(read(text.as_bytes()).unwrap().body, text);
        let spaced = text.replace(',', ",\n  ");
        assert_eq!(read(spaced.as_bytes()).unwrap().body, text, "one line, whatever the spacing");
    }

    #[test]
    fn malformed_records_name_the_field() {
        let cases: Vec<(Vec<u8>, &str)> = vec![
            (b"".to_vec(), "body: expected one JSON object"),
            (b"not json".to_vec(), "body: expected one JSON object"),
            (b"[1]".to_vec(), "body: expected a JSON object, got an array"),
            (vec![0xff, 0xfe], "body: expected UTF-8 text"),
            (with("consentId", json!("")), "consentId: expected a UUID, got \"\""),
            (with("consentId", json!("not-a-uuid")), "consentId: expected a UUID"),
            (with("consentId", json!(12)), "consentId: invalid type"),
            (without("consentId"), "consentId: missing"),
            (with("timestamp", json!("")), "timestamp: expected an RFC 3339 date-time with a zone"),
            (with("timestamp", json!("2026-12-01T09:30:00")), "timestamp: expected an RFC 3339"),
            (without("timestamp"), "timestamp: missing"),
            (with("action", json!("deleted")), "action: invalid value: string \"deleted\", expected one of \"given\", \"changed\", \"withdrawn\""),
            (with("acceptedCategories", json!("analytics")), "acceptedCategories: invalid type"),
            (with("rejectedCategories", json!([1])), "rejectedCategories[0]: invalid type"),
            (with("acceptedServices", json!([])), "acceptedServices: invalid type"),
            (with("rejectedServices", json!({"marketing": "ads"})), "rejectedServices.marketing: invalid type"),
            (with("revision", json!(-1)), "revision: invalid value"),
            (with("revision", json!(1.5)), "revision: invalid type"),
            (with("revision", json!("2")), "revision: invalid type"),
            (with("language", json!(null)), "language: invalid type"),
            (with("gpc", json!("false")), "gpc: invalid type"),
            (without("gpc"), "gpc: missing"),
            (with("textHash", json!("abc")), "textHash: expected 64 hexadecimal characters"),
            (with("textHash", json!("g".repeat(64))), "textHash: expected 64 hexadecimal characters"),
            (with("origin", json!(5)), "origin: invalid type"),
        ];
        for (body, expected) in cases {
            let err = read(&body).unwrap_err();
            assert!(err.starts_with(expected), "{} → {err}", String::from_utf8_lossy(&body));
        }
    }

    /// The engine writes its record from the same struct serde reads: both give the same
    /// JSON (field names, order, types).
    #[test]
    fn serde_and_the_engine_write_the_same_record() {
        let log = ConsentLog {
            consent_id: "0f8fad5b-d9cb-469f-a165-70867728950e".into(),
            timestamp: "2026-12-01T09:30:00.000Z".into(),
            action: Action::Withdrawn,
            accepted_categories: vec!["necessary".into()],
            rejected_categories: vec!["analytics".into(), "marketing".into()],
            accepted_services: Services(vec![("necessary".into(), vec![]), ("analytics".into(), vec![])]),
            rejected_services: Services(vec![("analytics".into(), vec!["ga".into(), "hotjar".into()])]),
            revision: 3,
            language: "fr".into(),
            gpc: true,
            origin: None,
            path: None,
            text_hash: None,
        };
        let engine = log.to_engine_json();
        assert_eq!(serde_json::to_string(&log).unwrap(), engine);
        let back: ConsentLog = serde_json::from_str(&engine).unwrap();
        assert_eq!(back, log);
        let full = ConsentLog { origin: Some("https://a.example".into()), path: Some("/".into()), text_hash: Some("0".repeat(64)), ..log };
        assert_eq!(serde_json::to_string(&full).unwrap(), full.to_engine_json());
        assert!(read(engine.as_bytes()).is_ok());
    }
}
