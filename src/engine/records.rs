//! What an engine keeps of the visitor's choices beyond the stored record: the device's
//! consent history (README "Consent records, history and receipts"), the consent receipt,
//! and the consent-log record sent to `consentLog.endpoint`.

#[allow(unused_imports)]
use crate::prelude::*;

use super::{Effect, Engine};
use crate::config::Config;
use crate::consent::record::services_value;
use crate::consent::time::iso;
use crate::consent::{history, Changes, Choice};
use crate::host::Host;
use crate::integrations;
use crate::value::Value;

/// The device's consent history as this page knows it.
#[derive(Default)]
pub(super) struct History {
    /// Oldest first.
    entries: Vec<history::Entry>,
    /// The entry of the record this page stored last, and whether it went into the history
    /// (a tab that chose at the same moment may write over either).
    own: Option<(history::Entry, bool)>,
}

impl History {
    /// Its storage key: `<cookie.name>_history`.
    pub(super) fn key(&self, config: &Config) -> String {
        let mut key = config.cookie.name.clone();
        key.push_str("_history");
        key
    }

    pub(super) fn entries(&self) -> &[history::Entry] {
        &self.entries
    }

    /// Read the history as stored now (another tab may have added to it); when storage can't
    /// be read, the history this page holds stays.
    pub(super) fn load(&mut self, host: &dyn Host, config: &Config) {
        if let Some(text) = host.local_get(&self.key(config)) {
            self.entries = history::parse(&text);
        }
    }

    fn store(&self, host: &dyn Host, config: &Config) {
        host.local_set(&self.key(config), &history::to_json(&self.entries));
    }
}

impl Engine {
    /// After another tab wrote: keep this tab's newest entry in the stored history and the
    /// stored record's entry last (see [`history::settle`]); write only when that changes it.
    pub(super) fn settle_history(&mut self, host: &dyn Host) {
        self.history.load(host, &self.config);
        let record = self.record.as_ref();
        let current = |e: &history::Entry| record.is_some_and(|r| e.is(&r.last_consent_timestamp, &r.categories, &r.services));
        let own = self.history.own.as_ref().map(|(entry, added)| history::Own { entry, added: *added });
        if history::settle(&mut self.history.entries, own, current) {
            self.history.store(host, &self.config);
        }
    }

    /// Append this choice to the device's history; with `consentLog`, the effect that sends
    /// its record.
    pub(super) fn record_history(&mut self, host: &dyn Host, old: &Choice, changes: &Changes, first: bool) -> Option<Effect> {
        let action = if first {
            history::Action::Given
        } else if self.choice.gained_since(old) {
            history::Action::Changed
        } else {
            history::Action::Withdrawn
        };
        // The same choice confirmed again adds nothing: nothing given, changed or withdrawn —
        // unless another tab changed it in the same moment (see history::settle).
        let added = first || !changes.is_empty();
        if added {
            self.history.load(host, &self.config); // another tab may have added entries since this page started
        }
        let record = self.record.as_ref()?;
        let entry = history::Entry {
            time: record.last_consent_timestamp.clone(),
            action: action.as_str().into(),
            categories: record.categories.clone(),
            services: record.services.clone(),
            revision: record.revision,
            language: record.language_code.clone(),
            gpc: self.gpc,
        };
        if !added {
            self.history.own = Some((entry, false));
            return None;
        }
        self.history.own = Some((entry.clone(), true));
        history::push(&mut self.history.entries, entry);
        self.history.store(host, &self.config);
        let endpoint = self.config.consent_log.clone()?;
        let env = host.env();
        Some(Effect::Log(endpoint, integrations::log_record(&self.config, &self.choice, record, action, self.gpc, &env.origin, &env.path)))
    }

    /// `getConsentHistory()`.
    pub(crate) fn history_json(&self) -> String {
        history::to_json(&self.history.entries)
    }

    /// The consent receipt: the current consent and its history, as a JSON document the
    /// visitor keeps. `None` before any consent.
    pub(crate) fn receipt(&self) -> Option<Value> {
        let r = self.record.as_ref()?;
        Some(crate::value::obj(vec![
            ("type", Value::Str("consentry consent receipt".into())),
            ("consentId", Value::Str(r.consent_id.clone())),
            ("consentTimestamp", Value::Str(r.consent_timestamp.clone())),
            ("lastConsentTimestamp", Value::Str(r.last_consent_timestamp.clone())),
            ("acceptedCategories", Value::str_array(&r.categories)),
            ("rejectedCategories", Value::str_array(&self.choice.rejected_names(&self.config))),
            ("services", services_value(&r.services)),
            ("revision", Value::Num(f64::from(r.revision))),
            ("language", Value::Str(r.language_code.clone())),
            ("expirationTime", Value::Num(r.expiration_time)),
            ("history", Value::Arr(self.history.entries.iter().map(history::Entry::to_value).collect())),
        ]))
    }

    /// `downloadReceipt()` (and the inline center's button): the receipt, with the site and
    /// the time of the download, offered as `consent-receipt-<consent id>.json`. `None`
    /// before any consent.
    pub(crate) fn download_receipt(&self, host: &dyn Host) -> Option<Vec<Effect>> {
        let Value::Obj(mut members) = self.receipt()? else { return None };
        members.push(("site".into(), Value::Str(host.env().origin)));
        members.push(("downloadedAt".into(), Value::Str(iso(host.now()))));
        let mut name = String::from("consent-receipt-");
        name.push_str(&self.record.as_ref()?.consent_id);
        name.push_str(".json");
        Some(vec![Effect::Download(name, Value::Obj(members))])
    }

    /// `consentLog.recordsUrl` for this visitor: `{consentId}` replaced by their consent id
    /// (`None` while they have none).
    pub(super) fn records_url(&self) -> Option<String> {
        let url = self.config.records_url.as_ref()?;
        if !url.contains("{consentId}") {
            return Some(url.clone());
        }
        Some(url.replace("{consentId}", &self.record.as_ref()?.consent_id))
    }
}
