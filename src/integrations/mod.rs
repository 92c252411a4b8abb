//! What consentry says to the outside: Google Consent Mode v2 and Microsoft UET consent
//! states, the tag-manager event and the consent-log record. Pure; the loader pushes and
//! sends them.

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

/// The `dataLayer` event name pushed after every consent (README "Tag managers").
pub(crate) const DATA_LAYER_EVENT: &str = "consentry_update";

/// UET consent mode's state for `choice`: `{ ad_storage }`, granted when one of its
/// categories is accepted. `None` without `microsoftConsentMode`.
pub(crate) fn uet_state(config: &Config, choice: &Choice) -> Option<Value> {
    let uet = config.uet_consent_mode.as_ref()?;
    let granted = uet.categories.iter().any(|c| choice.accepts(config, c));
    Some(crate::value::obj(vec![("ad_storage", Value::Str(if granted { "granted" } else { "denied" }.into()))]))
}

/// `uetq.push('consent', 'default' | 'update', state)`'s items; the default as before any
/// choice (only read-only categories accepted).
pub(crate) fn uet_command(config: &Config, choice: Option<&Choice>) -> Option<Vec<Value>> {
    let necessary;
    let (kind, choice) = match choice {
        Some(c) => ("update", c),
        None => {
            necessary = Choice::requested(config, &Request::Necessary, &[]);
            ("default", &necessary)
        }
    };
    let state = uet_state(config, choice)?;
    Some(vec![Value::Str("consent".into()), Value::Str(kind.into()), state])
}

/// The `dataLayer` event for a consent: `{ event, consentry: { acceptType, categories,
/// services } }`, each category and service `true` or `false` (`acceptType` `''` while no
/// choice is stored: opt-out mode's first visit). Maps, not lists: a tag
/// manager's data model merges a later array into an earlier one by position, so a shorter
/// list would keep names from before; keys are simply overwritten.
pub(crate) fn data_layer_event(config: &Config, choice: &Choice, valid: bool) -> Value {
    let mut categories = Vec::with_capacity(config.categories.len());
    let mut services = Vec::with_capacity(config.categories.len());
    for (i, cat) in config.categories.iter().enumerate() {
        categories.push((cat.name.clone(), Value::Bool(choice.has(i))));
        let list = cat.services.iter().enumerate().map(|(j, s)| (s.name.clone(), Value::Bool(choice.has_service(i, j)))).collect();
        services.push((cat.name.clone(), Value::Obj(list)));
    }
    let detail = crate::value::obj(vec![
        ("acceptType", Value::Str(if valid { choice.accept_type(config).as_str() } else { "" }.into())),
        ("categories", Value::Obj(categories)),
        ("services", Value::Obj(services)),
    ]);
    crate::value::obj(vec![("event", Value::Str(DATA_LAYER_EVENT.into())), ("consentry", detail)])
}

/// One warning naming the Consent Mode types (Google's and UET's `ad_storage`) whose default
/// mapping found no configured category, so they stay denied; `None` when there are none.
pub(crate) fn unmapped_warning(config: &Config) -> Option<String> {
    let mut types: Vec<&str> = Vec::new();
    if let Some(gcm) = &config.google_consent_mode {
        types.extend(gcm.unmapped.iter().filter_map(|i| GCM_TYPES.get(*i).copied()));
    }
    let uet = config.uet_consent_mode.as_ref().is_some_and(|u| u.unmapped);
    if types.is_empty() && !uet {
        return None;
    }
    let mut m = String::from("consentry: ");
    if !types.is_empty() {
        m.push_str("googleConsentMode: ");
        crate::value::push_joined(&mut m, &mut types.iter().copied(), ", ");
        m.push_str(if uet { "; " } else { "" });
    }
    if uet {
        m.push_str("microsoftConsentMode: ad_storage");
    }
    m.push_str(" map to no configured category and stay denied (name one with googleConsentMode.mapping / microsoftConsentMode.categories, or [] to keep it denied without this warning)");
    Some(m)
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
