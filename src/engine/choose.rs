//! A new choice and everything that follows from it: the stored record, Consent Mode, the
//! services' hooks, released and withdrawn scripts, the events, clean-up; and a choice made
//! in another tab.

#[allow(unused_imports)]
use crate::prelude::*;

use super::{Effect, Engine, Event};
use crate::consent::record::{uuid_v4, Record};
use crate::consent::{Choice, Request, ServiceRequest};
use crate::host::Host;
use crate::integrations;
use crate::protocol::Modal;
use crate::value::Value;

impl Engine {
    /// `acceptCategory`; `None`: the current toggles.
    pub(crate) fn accept_category(&mut self, host: &dyn Host, request: Option<Request>, excluded: &[String]) -> Vec<Effect> {
        let choice = match request {
            Some(r) => Choice::requested(&self.config, &r, excluded),
            None => self.toggle_choice(host).excluding(&self.config, excluded),
        };
        self.commit(host, choice)
    }

    /// `acceptService(services, category)`: the category's services as asked, the other
    /// categories as their toggles are now (as in v3). `None` (v3 returns `false`, nothing
    /// changes) when `services` is empty or `category` is not a configured category with
    /// services.
    pub(crate) fn accept_service(&mut self, host: &dyn Host, services: &Value, category: &Value) -> Option<Vec<Effect>> {
        let (i, request) = self.service_request(services, category)?;
        let choice = self.toggle_choice(host).with_services(&self.config, i, &request);
        Some(self.commit(host, choice))
    }

    /// Contextual consent (a placeholder's "load" button): accept this service — or the
    /// whole category when none is named — on top of what is accepted now.
    pub(crate) fn accept_one(&mut self, host: &dyn Host, category: &str, service: &str) -> Vec<Effect> {
        let Some(i) = self.config.category_index(category) else { return Vec::new() };
        let base = if self.record.is_some() { self.choice.clone() } else { Choice::requested(&self.config, &Request::Necessary, &[]) };
        let j = match self.config.categories[i].services.iter().position(|s| s.name == service) {
            Some(j) => Some(j),
            None if service.is_empty() => None,
            None => return Vec::new(),
        };
        let fx = self.commit(host, base.with_one(&self.config, i, j));
        self.and_close(host, fx)
    }

    /// Store a new choice and derive everything that follows from it.
    pub(super) fn commit(&mut self, host: &dyn Host, new: Choice) -> Vec<Effect> {
        if !self.running() {
            return Vec::new();
        }
        let first = self.record.is_none();
        let old = core::mem::replace(&mut self.choice, new);
        let changes = self.choice.changes_since(&old, &self.config);
        let now = host.now();
        let days = self.expiry_days(host);
        let previous = self.record.as_ref().or(self.previous.as_ref());
        let mut record = Record::new(&self.config, &self.choice, self.config.revision, uuid_v4(host.random()), &self.lang.current, now, days, previous);
        if let Some(data) = self.loose.get("data") {
            record.data = data.clone(); // set before this consent (setCookieData)
        }
        self.storage.write(host, &record.to_json(), record.expiration_time);
        self.record = Some(record);
        self.previous = None;
        self.loose = Value::Null;
        self.revision_changed = false;

        let mut fx = vec![Effect::Broadcast];
        self.signals(&mut fx);
        if let Some(effect) = self.record_history(host, &old, &changes, first) {
            fx.push(effect);
        }
        // v3's order: the services' onAccept / onReject, the held scripts, then the events.
        for (i, cat) in self.config.categories.iter().enumerate() {
            for (j, s) in cat.services.iter().enumerate() {
                let hook = match (old.has_service(i, j), self.choice.has_service(i, j)) {
                    (false, true) => s.on_accept,
                    (true, false) => s.on_reject,
                    _ => None,
                };
                if let Some(h) = hook {
                    fx.push(Effect::Call(h));
                }
            }
        }
        self.release(host, &changes, &mut fx);
        if first {
            fx.push(self.emit(Event::FirstConsent));
            fx.push(self.emit(Event::Consent));
        } else if !changes.is_empty() {
            fx.push(self.emit(Event::Change(changes.category_names(&self.config), changes.service_names(&self.config))));
        }
        let mut reload = false;
        if self.config.auto_clear_cookies {
            self.clear_leftovers(host);
            reload = !first && self.config.categories.iter().enumerate().any(|(i, c)| c.auto_clear.reload_page && changes.category(i) && !self.choice.has(i));
        }
        self.refresh_toggles(host, &self.choice);
        if reload {
            fx.push(Effect::Reload);
        }
        fx
    }

    /// Another tab wrote to storage (`key`: the storage event's; `None`: a broadcast, or
    /// storage was cleared). Only the record's and the history's keys matter: adopt the
    /// stored consent (release what is newly accepted, hold again what was withdrawn), or ask
    /// again when it is gone.
    pub(crate) fn sync(&mut self, host: &dyn Host, key: Option<&str>) -> Vec<Effect> {
        let name = &self.config.cookie.name;
        if !self.running() || key.is_some_and(|k| k != name && k != self.history.key(&self.config)) {
            return Vec::new();
        }
        let had = self.record.take();
        self.previous = None;
        self.load_record(host);
        self.settle_history(host);
        if self.record == had {
            return Vec::new();
        }
        let stored = self.stored_choice();
        let old = core::mem::replace(&mut self.choice, stored);
        let changes = self.choice.changes_since(&old, &self.config);
        let mut fx = Vec::new();
        self.signals(&mut fx); // the stored choice changed in another tab
        self.release(host, &changes, &mut fx);
        if self.config.auto_clear_cookies {
            self.clear_leftovers(host);
        }
        if !changes.is_empty() {
            fx.push(self.emit(Event::Change(changes.category_names(&self.config), changes.service_names(&self.config))));
        }
        if self.record.is_some() {
            self.hide(host, Modal::Consent, &mut fx);
        } else if self.config.auto_show {
            self.show(host, Modal::Consent, &mut fx);
        }
        if self.modals.rendered(Modal::Preferences) {
            host.set_toggles(&self.initial_toggles().toggle_pairs(&self.config));
        }
        fx
    }

    /// Tell the page's tags the current choice: the Consent Mode updates (Google's, UET's;
    /// when configured) and the `dataLayer` event (README "Tag managers").
    pub(super) fn signals(&self, fx: &mut Vec<Effect>) {
        if let Some(state) = integrations::consent_mode(&self.config, &self.choice) {
            fx.push(Effect::Gtag(vec![Value::Str("consent".into()), Value::Str("update".into()), state]));
        }
        if let Some(items) = integrations::uet_command(&self.config, Some(&self.choice)) {
            fx.push(Effect::Push("uetq", items));
        }
        fx.push(Effect::Push("dataLayer", vec![integrations::data_layer_event(&self.config, &self.choice, self.record.is_some())]));
    }
}

impl Engine {
    /// `acceptService`'s arguments as v3 takes them: the category's position and the
    /// services asked for; refused (`None`) when `services` is empty (`undefined`, `null`,
    /// `''`) or `category` is not a configured category with services.
    pub(crate) fn service_request(&self, services: &Value, category: &Value) -> Option<(usize, ServiceRequest)> {
        let config = &self.config;
        let i = config.category_index(category.as_str()?)?;
        if !services.truthy() || config.categories.get(i)?.services.is_empty() {
            return None;
        }
        let request = match services {
            Value::Str(s) if s == "all" => ServiceRequest::All,
            v => {
                let list = v.string_list();
                if list.is_empty() {
                    ServiceRequest::None
                } else {
                    ServiceRequest::Only(list)
                }
            }
        };
        Some((i, request))
    }
}
