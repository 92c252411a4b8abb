//! What consentry says to the outside: Google Consent Mode v2 states and the consent-log
//! record. Pure; the loader pushes and sends them.

#[allow(unused_imports)]
use crate::prelude::*;

use crate::config::{Config, GCM_TYPES};
use crate::consent::history::Action;
use crate::consent::record::Record;
use crate::consent::Choice;
use crate::value::Value;
use log::{ConsentLog, Services};

/// The consent-log record type (shared with the records service).
pub(crate) mod log;

/// Consent Mode v2 state for `choice`: each type `granted` when one of the categories the
/// mapping ties to it is accepted, else `denied`. `None` without `googleConsentMode`.
pub(crate) fn consent_mode(config: &Config, choice: &Choice) -> Option<Value> {
    let gcm = config.google_consent_mode.as_ref()?;
    let mut out = Vec::with_capacity(GCM_TYPES.len());
    for (ty, cats) in &gcm.mapping {
        let granted = cats.iter().any(|c| choice.accepts(config, c));
        out.push((GCM_TYPES[*ty].to_owned(), Value::Str(if granted { "granted" } else { "denied" }.into())));
    }
    Some(Value::Obj(out))
}

/// The record sent to `consentLog.endpoint` (the loader adds the page's origin and path and
/// the SHA-256 of the texts shown). Nothing personal beyond the random consent id.
pub(crate) fn log_record(config: &Config, choice: &Choice, record: &Record, action: Action, gpc: bool) -> Value {
    ConsentLog {
        consent_id: record.consent_id.clone(),
        timestamp: record.last_consent_timestamp.clone(),
        action,
        accepted_categories: choice.category_names(config),
        rejected_categories: choice.rejected_names(config),
        accepted_services: Services(choice.service_names(config, false)),
        rejected_services: Services(choice.service_names(config, true)),
        revision: record.revision,
        language: record.language_code.clone(),
        gpc,
        origin: None,
        path: None,
        text_hash: None,
    }
    .into_value()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn consent_mode_follows_the_mapping() {
        let text = r#"{"categories": {"necessary": {"readOnly": true}, "analytics": {}, "marketing": {}}, "googleConsentMode": {"mapping": {"personalization_storage": ["analytics", "marketing"]}}}"#;
        let config = crate::test_util::config(text);
        let analytics = Choice::requested(&config, &crate::consent::Request::Only(vec!["analytics".into()]), &[]);
        let state = consent_mode(&config, &analytics).unwrap();
        let of = |t: &str| state.get(t).and_then(Value::as_str).unwrap().to_owned();
        assert_eq!(of("analytics_storage"), "granted");
        assert_eq!(of("ad_storage"), "denied");
        assert_eq!(of("ad_user_data"), "denied");
        assert_eq!(of("functionality_storage"), "granted", "tied to necessary");
        assert_eq!(of("security_storage"), "granted");
        assert_eq!(of("personalization_storage"), "granted", "custom mapping: any of its categories");
        assert_eq!(state.as_object().unwrap().len(), 7);
        let plain = crate::test_util::config("{}");
        assert!(consent_mode(&plain, &analytics).is_none());
    }
}
