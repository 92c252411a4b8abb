//! The consent-log record, defined once: what the engine sends to `consentLog.endpoint`
//! (README, "Consent records, history and receipts") and what the records service
//! (`records/`) reads. The engine writes it as JSON with [`ConsentLog::into_value`]; with the
//! `serde` feature (never enabled by the wasm build) it also implements serde's `Serialize`
//! and `Deserialize`, under the same field names.

#[allow(unused_imports)]
use crate::prelude::*;

pub use crate::consent::history::Action;
use crate::consent::record::services_value;
use crate::value::Value;

/// Service names per category, in the config's order (a JSON object of string arrays).
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Services(pub Vec<(String, Vec<String>)>);

/// One consent record as sent. The engine fills every field but `textHash`, which the
/// loader adds before sending (the SHA-256 of what `SHOWN` returns).
#[derive(Clone, Debug, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize), serde(rename_all = "camelCase"))]
pub struct ConsentLog {
    /// The random UUID v4 of the stored consent.
    pub consent_id: String,
    /// When the choice was made (the record's `lastConsentTimestamp`, ISO 8601).
    pub timestamp: String,
    pub action: Action,
    pub accepted_categories: Vec<String>,
    pub rejected_categories: Vec<String>,
    pub accepted_services: Services,
    pub rejected_services: Services,
    /// The config's `revision`.
    pub revision: u32,
    pub language: String,
    /// Global Privacy Control was on when the choice was made.
    pub gpc: bool,
    /// The page's origin.
    #[cfg_attr(feature = "serde", serde(default, skip_serializing_if = "Option::is_none"))]
    pub origin: Option<String>,
    /// The page's path.
    #[cfg_attr(feature = "serde", serde(default, skip_serializing_if = "Option::is_none"))]
    pub path: Option<String>,
    /// SHA-256 (hex) of the texts and categories shown (added by the loader).
    #[cfg_attr(feature = "serde", serde(default, skip_serializing_if = "Option::is_none"))]
    pub text_hash: Option<String>,
}

impl ConsentLog {
    /// The record as the engine hands it to the loader (fields in this order).
    pub(crate) fn into_value(self) -> Value {
        let mut fields = vec![
            ("consentId".into(), Value::Str(self.consent_id)),
            ("timestamp".into(), Value::Str(self.timestamp)),
            ("action".into(), Value::Str(self.action.as_str().into())),
            ("acceptedCategories".into(), Value::str_array(&self.accepted_categories)),
            ("rejectedCategories".into(), Value::str_array(&self.rejected_categories)),
            ("acceptedServices".into(), services_value(&self.accepted_services.0)),
            ("rejectedServices".into(), services_value(&self.rejected_services.0)),
            ("revision".into(), Value::Num(f64::from(self.revision))),
            ("language".into(), Value::Str(self.language)),
            ("gpc".into(), Value::Bool(self.gpc)),
        ];
        if let Some(origin) = self.origin {
            fields.push(("origin".into(), Value::Str(origin)));
        }
        if let Some(path) = self.path {
            fields.push(("path".into(), Value::Str(path)));
        }
        if let Some(hash) = self.text_hash {
            fields.push(("textHash".into(), Value::Str(hash)));
        }
        Value::Obj(fields)
    }

    /// The JSON the engine writes for this record (to check it against serde's).
    #[cfg(feature = "serde")]
    pub fn to_engine_json(&self) -> String {
        self.clone().into_value().to_json()
    }
}

/// Every action, in declaration order.
#[cfg(feature = "serde")]
pub const ACTIONS: [Action; 3] = [Action::Given, Action::Changed, Action::Withdrawn];

#[cfg(feature = "serde")]
mod with_serde {
    use super::{Action, Services, ACTIONS};
    use alloc::string::String;
    use alloc::vec::Vec;
    use core::fmt;
    use serde::de::{self, MapAccess, Visitor};
    use serde::{Deserialize, Deserializer, Serialize, Serializer};

    impl Action {
        /// The action's name in records (`given`, `changed`, `withdrawn`).
        pub fn name(self) -> &'static str {
            self.as_str()
        }
    }

    impl Serialize for Action {
        fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
            s.serialize_str(self.as_str())
        }
    }

    impl<'de> Deserialize<'de> for Action {
        fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
            struct Names;
            impl Visitor<'_> for Names {
                type Value = Action;
                fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                    f.write_str("one of")?;
                    for (i, a) in ACTIONS.iter().enumerate() {
                        f.write_str(if i == 0 { " " } else { ", " })?;
                        write!(f, "\"{}\"", a.as_str())?;
                    }
                    Ok(())
                }
                fn visit_str<E: de::Error>(self, v: &str) -> Result<Action, E> {
                    ACTIONS.iter().copied().find(|a| a.as_str() == v).ok_or_else(|| E::invalid_value(de::Unexpected::Str(v), &self))
                }
            }
            d.deserialize_str(Names)
        }
    }

    impl Serialize for Services {
        fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
            s.collect_map(self.0.iter().map(|(category, names)| (category, names)))
        }
    }

    impl<'de> Deserialize<'de> for Services {
        fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
            struct Map;
            impl<'de> Visitor<'de> for Map {
                type Value = Services;
                fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                    f.write_str("an object of string arrays")
                }
                fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Services, A::Error> {
                    let mut out = Vec::new();
                    while let Some((category, names)) = map.next_entry::<String, Vec<String>>()? {
                        out.push((category, names));
                    }
                    Ok(Services(out))
                }
            }
            d.deserialize_map(Map)
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sample() -> ConsentLog {
        ConsentLog {
            consent_id: "0f8fad5b-d9cb-469f-a165-70867728950e".into(),
            timestamp: "2026-12-01T09:30:00.000Z".into(),
            action: Action::Changed,
            accepted_categories: vec!["necessary".into(), "analytics".into()],
            rejected_categories: vec!["marketing".into()],
            accepted_services: Services(vec![("analytics".into(), vec!["ga".into()])]),
            rejected_services: Services(vec![("marketing".into(), vec!["ads".into()])]),
            revision: 2,
            language: "de".into(),
            gpc: true,
            origin: None,
            path: None,
            text_hash: None,
        }
    }

    #[test]
    fn the_json_the_engine_sends() {
        assert_eq!(
            sample().into_value().to_json(),
            r#"{"consentId":"0f8fad5b-d9cb-469f-a165-70867728950e","timestamp":"2026-12-01T09:30:00.000Z","action":"changed","acceptedCategories":["necessary","analytics"],"rejectedCategories":["marketing"],"acceptedServices":{"analytics":["ga"]},"rejectedServices":{"marketing":["ads"]},"revision":2,"language":"de","gpc":true}"#
        );
        let loaded = ConsentLog { origin: Some("https://a.example".into()), path: Some("/p".into()), text_hash: Some("ab".into()), ..sample() };
        assert!(loaded.into_value().to_json().ends_with(r#""gpc":true,"origin":"https://a.example","path":"/p","textHash":"ab"}"#));
    }
}
