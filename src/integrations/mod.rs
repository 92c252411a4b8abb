//! What consentry says to the outside: Google Consent Mode v2 states and the consent-log
//! record. Pure; the loader pushes and sends them.

#[allow(unused_imports)]
use crate::prelude::*;

use crate::config::Config;
use crate::consent::history::Action;
use crate::consent::record::Record;
use crate::consent::Choice;
use crate::consent::Request;
use crate::protocol::GCM_TYPES;
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

/// The Consent Mode commands `run()` pushes before anything else (README "Google Consent Mode
/// v2"): `gtag('consent', 'default', …)` with every type denied but those the mapping ties to
/// a read-only category, `wait_for_update` and `region` when set, then `gtag('set', …)` for
/// `urlPassthrough` and `adsDataRedaction`. Empty without `googleConsentMode`.
pub(crate) fn consent_mode_defaults(config: &Config) -> Vec<Vec<Value>> {
    let Some(gcm) = config.google_consent_mode.as_ref() else { return Vec::new() };
    let necessary = Choice::requested(config, &Request::Necessary, &[]);
    let Some(Value::Obj(mut state)) = consent_mode(config, &necessary) else { return Vec::new() };
    if let Some(ms) = gcm.wait_for_update.filter(|ms| *ms != 0.0) {
        state.push(("wait_for_update".into(), Value::Num(ms)));
    }
    if !gcm.regions.is_empty() {
        state.push(("region".into(), Value::str_array(&gcm.regions)));
    }
    let text = |s: &str| Value::Str(s.into());
    let mut out = vec![vec![text("consent"), text("default"), Value::Obj(state)]];
    for (on, name) in [(gcm.url_passthrough, "url_passthrough"), (gcm.ads_data_redaction, "ads_data_redaction")] {
        if on {
            out.push(vec![text("set"), text(name), Value::Bool(true)]);
        }
    }
    out
}

/// The record sent to `consentLog.endpoint` (the loader adds the SHA-256 of the texts
/// shown). Nothing personal beyond the random consent id.
pub(crate) fn log_record(config: &Config, choice: &Choice, record: &Record, action: Action, gpc: bool, origin: &str, path: &str) -> Value {
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
        origin: Some(origin.to_owned()),
        path: Some(path.to_owned()),
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
