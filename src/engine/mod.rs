//! The running consent manager: config, consent state, storage and modals of one `run()`.
//! Every operation reads and writes the page through [`Host`] and returns the [`Effect`]s
//! that may run site code; decisions are the pure modules'. By concern:
//! - this file: the engine, its [`Phase`], configuring and starting, the queries;
//! - `language`: translations, built-in locales, switching language;
//! - `modals`: rendering, showing and hiding the modals, clicks, toggles, the inline center;
//! - `choose`: a new choice and what follows from it, other tabs, Consent Mode;
//! - `records`: the device's history, receipts, the consent log;
//! - `cleanup`: cookies and storage keys on withdrawal, `eraseCookies`, `setCookieData`, reset;
//! - `page`: held elements, services named in markup, auto-blocking's verdicts.

#[allow(unused_imports)]
use crate::prelude::*;

mod choose;
mod cleanup;
pub(crate) mod effects;
mod language;
mod modals;
mod page;
mod records;

use crate::config::{Config, Unknown};
use crate::consent::record::{services_value, Record, MAX_STORED_LEN};
use crate::consent::Choice;
use crate::error::Error;
use crate::host::Host;
use crate::integrations;
use crate::protocol::Modal;
use crate::storage::{cookie, Storage};
use crate::value::{parse_json, Value};
pub(crate) use effects::{Effect, Event};
use language::Languages;
use modals::Modals;
use records::History;

/// Bots and crawlers (v3's `hideFromBots`): automation (`navigator.webdriver`) or a
/// crawler's user agent.
pub(crate) fn is_bot(user_agent: &str, webdriver: bool) -> bool {
    let ua = user_agent.to_ascii_lowercase();
    webdriver
        || ["bot", "crawl", "spider", "slurp", "lighthouse", "facebookexternalhit", "bingpreview", "mediapartners", "headlesschrome"]
            .iter()
            .any(|needle| ua.contains(needle))
}

/// Where the engine is in its life.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Phase {
    /// The config is read and the stored consent loaded (queries answer from it); nothing in
    /// the page has changed yet: the page is still parsing or a translation is loading.
    Configured,
    /// Started: modals, held elements, listeners.
    Running,
    /// `hideFromBots` caught a bot: consentry stays out of the page.
    Dormant,
}

/// One configured consent manager.
pub(crate) struct Engine {
    config: Config,
    storage: Storage,
    phase: Phase,
    /// The valid stored consent, if any.
    record: Option<Record>,
    /// A readable record that no longer counts (older revision): keeps id and data.
    previous: Option<Record>,
    /// The stored value when it is no valid consent (an older revision, an expired record,
    /// data set before consent): what `getCookie()` returns; its `data` is kept.
    loose: Value,
    /// What is accepted now (before consent: nothing, or the enabled ones in opt-out).
    choice: Choice,
    revision_changed: bool,
    /// Global Privacy Control is on and the config honours it (`gpc`).
    gpc: bool,
    lang: Languages,
    modals: Modals,
    history: History,
}

impl Engine {
    /// Validate the config (a walked JS object) and read the stored consent; nothing in the
    /// page changes. Returns the engine and the effects `run()` carries out at once: the
    /// Consent Mode defaults (README "Google Consent Mode v2").
    ///
    /// # Errors
    /// [`Error::Config`] for the first invalid field.
    pub(crate) fn configure(value: &Value, host: &dyn Host) -> Result<(Engine, Vec<Effect>), Error> {
        let mut unknown = Unknown::default();
        let config = Config::parse(value, &mut unknown)?;
        let env = host.env();
        let lang = Languages::configure(&config, &env, &mut unknown)?;
        if !unknown.0.is_empty() {
            let mut message = String::from("consentry: unknown config keys (ignored): ");
            crate::value::push_joined(&mut message, &mut unknown.0.iter().map(String::as_str), ", ");
            host.warn(&message);
        }
        let dormant = config.hide_from_bots && is_bot(&env.user_agent, env.webdriver);
        let mut engine = Engine {
            choice: Choice::none(&config),
            storage: Storage::new(&config.cookie),
            gpc: env.gpc && config.gpc.is_some(),
            config,
            phase: if dormant { Phase::Dormant } else { Phase::Configured },
            record: None,
            previous: None,
            loose: Value::Null,
            revision_changed: false,
            lang,
            modals: Modals::default(),
            history: History::default(),
        };
        if !dormant {
            engine.load_record(host);
            engine.history.load(host, &engine.config);
            engine.choice = engine.stored_choice();
        }
        let mut fx: Vec<Effect> = integrations::consent_mode_defaults(&engine.config).into_iter().map(Effect::Gtag).collect();
        fx.extend(integrations::uet_command(&engine.config, None).map(|items| Effect::Push("uetq", items)));
        if let Some(warning) = integrations::unmapped_warning(&engine.config) {
            host.warn(&warning);
        }
        Ok((engine, fx))
    }

    pub(crate) fn phase(&self) -> Phase {
        self.phase
    }

    fn running(&self) -> bool {
        self.phase == Phase::Running
    }

    /// The page is ready: release what the consent allows, show the banner if needed.
    pub(crate) fn start(&mut self, host: &dyn Host) -> Vec<Effect> {
        if self.phase != Phase::Configured {
            return Vec::new();
        }
        self.phase = Phase::Running;
        host.set_root(&self.config.root);
        if self.config.manage_script_tags && self.adopt_markup_services(host) {
            self.choice = self.stored_choice();
        }
        let mut fx = Vec::new();
        let valid = self.record.is_some();
        // v3's order: the modals (the banner only when there is no valid consent, shown or
        // not; the preferences too with `lazyHtmlGeneration: false`), then the services'
        // onAccept, the held scripts and onConsent.
        if !valid {
            self.ensure(host, Modal::Consent, &mut fx);
        }
        if !self.config.lazy_html_generation {
            self.ensure(host, Modal::Preferences, &mut fx);
        }
        if !valid && self.config.auto_show {
            self.show(host, Modal::Consent, &mut fx);
        }
        if valid || !self.choice.is_empty() {
            self.signals(&mut fx);
            for (i, cat) in self.config.categories.iter().enumerate() {
                for (j, s) in cat.services.iter().enumerate() {
                    if let (true, Some(h)) = (self.choice.has_service(i, j), s.on_accept) {
                        fx.push(Effect::Call(h));
                    }
                }
            }
        }
        // Always decide at start: held frames get their placeholders and what auto-blocking
        // held while the engine loaded is classified, even when nothing is accepted yet.
        self.release(host, &Default::default(), &mut fx);
        if valid {
            fx.push(self.emit(Event::Consent));
        }
        fx
    }

    /// Read the stored record. A v3 cookie of the same name is taken over into
    /// localStorage, so sites migrating keep their visitors' choices.
    fn load_record(&mut self, host: &dyn Host) {
        let now = host.now();
        let mut text = self.storage.read(host);
        if text.is_none() && self.config.cookie.use_local_storage {
            let name = &self.config.cookie.name;
            let jar = host.cookies();
            if let Some(legacy) = cookie::value(&jar, name).and_then(cookie::decode) {
                if let Some(r) = Record::parse(&legacy, now) {
                    if self.storage.write(host, &legacy, r.expiration_time) {
                        let c = &self.config.cookie;
                        for s in cookie::erase_strings(name, Some(&c.path), c.domain.as_deref(), &host.env().hostname) {
                            host.set_cookie(&s);
                        }
                    }
                    text = Some(legacy);
                }
            }
        }
        self.loose = Value::Null;
        let parsed = text.filter(|t| t.len() <= MAX_STORED_LEN).and_then(|t| parse_json(&t));
        match parsed.as_ref().and_then(|v| Record::from_value(v, now)) {
            Some(r) if r.revision == self.config.revision => {
                self.record = Some(r);
                return;
            }
            Some(r) => {
                self.revision_changed = true;
                self.previous = Some(r);
            }
            None => {}
        }
        if let Some(v @ Value::Obj(_)) = parsed {
            self.loose = v;
        }
    }

    /// What the stored record allows, or — without one — what runs before the visitor
    /// chooses (nothing, or the enabled categories in opt-out; minus Global Privacy Control's).
    fn stored_choice(&self) -> Choice {
        match &self.record {
            Some(r) => Choice::restore(&self.config, &r.categories, &r.services),
            None => self.without_gpc(Choice::before_consent(&self.config)),
        }
    }

    /// Before the visitor chooses, Global Privacy Control turns its categories off.
    fn without_gpc(&self, choice: Choice) -> Choice {
        match self.config.gpc.as_ref().filter(|_| self.gpc) {
            Some(gpc) => choice.without(&self.config, &gpc.categories),
            None => choice,
        }
    }

    fn emit(&self, event: Event) -> Effect {
        let cb = &self.config.callbacks;
        let (callback, cookie) = match event {
            Event::FirstConsent => (cb.on_first_consent, self.cookie()),
            Event::Consent => (cb.on_consent, self.cookie()),
            Event::Change(..) => (cb.on_change, self.cookie()),
            Event::ModalShow(_) => (cb.on_modal_show, Value::Null),
            Event::ModalHide(_) => (cb.on_modal_hide, Value::Null),
            Event::ModalReady(_) => (cb.on_modal_ready, Value::Null),
        };
        Effect::emit(event, cookie, callback)
    }

    // ---- queries -----------------------------------------------------------------------------

    pub(crate) fn valid_consent(&self) -> bool {
        self.record.is_some()
    }

    /// As in v3, nothing counts as accepted before the visitor has chosen (also what
    /// opt-out mode already runs).
    pub(crate) fn accepted_category(&self, name: &str) -> bool {
        self.record.is_some() && self.choice.accepts(&self.config, name)
    }

    pub(crate) fn accepted_service(&self, service: &str, category: &str) -> bool {
        self.record.is_some() && self.choice.accepts_service(&self.config, category, service)
    }

    /// `getUserPreferences()`. Before consent (v3): `acceptType` is empty, no category is
    /// listed as rejected, and the lists say what runs now (nothing in opt-in).
    pub(crate) fn user_preferences(&self) -> Value {
        let c = &self.config;
        let valid = self.record.is_some();
        let accept_type = if valid { self.choice.accept_type(c).as_str() } else { "" };
        let rejected = if valid { self.choice.rejected_names(c) } else { Vec::new() };
        crate::value::obj(vec![
            ("acceptType", Value::Str(accept_type.into())),
            ("acceptedCategories", Value::str_array(&self.choice.category_names(c))),
            ("rejectedCategories", Value::str_array(&rejected)),
            ("acceptedServices", services_value(&self.choice.service_names(c, false))),
            ("rejectedServices", services_value(&self.choice.service_names(c, true))),
        ])
    }

    /// `getCookie()`: the stored value, also when it is no valid consent (v3); `{}` when
    /// nothing readable is stored.
    pub(crate) fn cookie(&self) -> Value {
        match (&self.record, &self.loose) {
            (Some(r), _) => r.to_value(),
            (None, Value::Obj(_)) => self.loose.clone(),
            _ => Value::Obj(Vec::new()),
        }
    }

    /// `getCookie(field, name)` with a name: another key's (or, storing in cookies, another
    /// cookie's) JSON value, as v3 reads it.
    pub(crate) fn named_cookie(&self, host: &dyn Host, name: &str) -> Value {
        read_named(host, name, self.config.cookie.use_local_storage)
    }

    /// `getConfig()`'s defaults (the loader lays the site's config over them).
    pub(crate) fn config_defaults(&self, host: &dyn Host) -> Value {
        crate::config::defaults(&host.env().hostname)
    }

    /// The texts and categories shown, for the consent log's hash.
    pub(crate) fn shown(&self) -> String {
        let mut out = self.lang.texts.shown();
        for c in &self.config.categories {
            out.push('\u{1d}');
            out.push_str(&c.name);
        }
        out
    }
}

/// A stored JSON value by key (`getCookie(field, name)`): localStorage, or with
/// `local_storage` false a cookie; `{}` when absent, unreadable or `null`.
pub(crate) fn read_named(host: &dyn Host, name: &str, local_storage: bool) -> Value {
    let text = if local_storage { host.local_get(name) } else { cookie::value(&host.cookies(), name).and_then(cookie::decode) };
    match text.filter(|t| t.len() <= MAX_STORED_LEN).and_then(|t| parse_json(&t)) {
        // v3: `JSON.parse(…) || {}`.
        Some(v) if v.truthy() => v,
        _ => Value::Obj(Vec::new()),
    }
}

#[cfg(test)]
mod tests;
