//! The running consent manager: config, consent state, storage and modals of one `run()`.
//! Every operation reads and writes the page through [`Host`] and returns the [`Effect`]s
//! that may run site code; decisions are the pure modules'.

#[allow(unused_imports)]
use crate::prelude::*;

pub(crate) mod effects;

use crate::config::{Config, Expiry, Pattern, Service, TranslationSource, Unknown};
use crate::consent::history;
use crate::consent::record::{services_value, uuid_v4, Record, MAX_STORED_LEN};
use crate::consent::{Changes, Choice, Request, ServiceRequest, MAX_ITEMS};
use crate::error::Error;
use crate::gate;
use crate::host::Host;
use crate::i18n::{builtin, choose_language, Texts, Translation};
use crate::integrations;
use crate::storage::{cookie, Storage};
use crate::ui::html::{self, Notes};
use crate::ui::{Action, Modal};
use crate::value::{parse_json, Value};
pub(crate) use effects::{Effect, Event};

/// What auto-blocking does with an inserted element's URL.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Verdict {
    Pass,
    Hold,
    /// Let it load, and list it in the `debug` report (no service claims it).
    Report,
}

/// Bots and crawlers (v3's `hideFromBots`): automation (`navigator.webdriver`) or a
/// crawler's user agent.
pub(crate) fn is_bot(user_agent: &str, webdriver: bool) -> bool {
    let ua = user_agent.to_ascii_lowercase();
    webdriver
        || ["bot", "crawl", "spider", "slurp", "lighthouse", "facebookexternalhit", "bingpreview", "mediapartners", "headlesschrome"]
            .iter()
            .any(|needle| ua.contains(needle))
}

/// One configured consent manager.
pub(crate) struct Engine {
    config: Config,
    storage: Storage,
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
    language: String,
    translations: Vec<(String, Translation)>,
    /// consentry's built-in texts of other locales, as the loader fetched them.
    builtins: Vec<(String, Translation)>,
    texts: Texts,
    /// Which modals are in the page, and which are shown.
    rendered: [bool; 2],
    shown: [bool; 2],
    started: bool,
    /// `hideFromBots` caught a bot: consentry stays out of the page.
    dormant: bool,
    /// Global Privacy Control is on and the config honours it (`gpc`).
    gpc: bool,
    /// The consent history of this device, oldest first.
    history: Vec<history::Entry>,
    /// The entry of the record this page stored last, and whether it went into the history
    /// (a tab that chose at the same moment may write over either).
    own_entry: Option<(history::Entry, bool)>,
    /// `mountPreferences` put the inline preference center in the page.
    center: bool,
}

impl Engine {
    /// Validate the config (a walked JS object) and prepare; nothing in the page changes.
    /// Returns the engine and the language whose translation the loader must fetch or call.
    ///
    /// # Errors
    /// [`Error::Config`] for the first invalid field.
    pub(crate) fn configure(value: &Value, host: &dyn Host) -> Result<(Engine, Option<String>), Error> {
        let mut unknown = Unknown::default();
        let config = Config::parse(value, &mut unknown)?;
        let env = host.env();
        let detected = match config.language.auto_detect {
            Some(crate::config::AutoDetect::Document) => env.document_language,
            Some(crate::config::AutoDetect::Browser) => env.browser_language,
            None => None,
        };
        let language = choose_language(&config, detected.as_deref());
        let mut translations = Vec::new();
        let mut pending = None;
        // Every inline translation is validated now: a typo should fail on every page load,
        // not only for visitors of that language.
        for (code, source) in &config.language.translations {
            match source {
                TranslationSource::Inline(v) => translations.push((code.clone(), Translation::parse(v, code, &config, &mut unknown)?)),
                _ if *code == language => pending = Some(language.clone()),
                _ => {}
            }
        }
        if !unknown.0.is_empty() {
            let mut message = String::from("consentry: unknown config keys (ignored): ");
            message.push_str(&unknown.0.join(", "));
            host.warn(&message);
        }
        let texts = Texts::resolve(&language, find(&translations, &language), None, &config);
        let engine = Engine {
            choice: Choice::none(&config),
            storage: Storage::new(&config.cookie),
            config,
            record: None,
            previous: None,
            loose: Value::Null,
            revision_changed: false,
            language,
            translations,
            builtins: Vec::new(),
            texts,
            rendered: [false; 2],
            shown: [false; 2],
            started: false,
            dormant: false,
            gpc: false,
            history: Vec::new(),
            own_entry: None,
            center: false,
        };
        Ok((engine, pending))
    }

    /// A translation the loader fetched or computed; `None` when that failed (consentry's
    /// built-in texts are used, with a warning).
    ///
    /// # Errors
    /// [`Error::Config`] when the translation has wrong types.
    pub(crate) fn provide_translation(&mut self, code: &str, value: Option<&Value>, host: &dyn Host) -> Result<(), Error> {
        let t = match value {
            Some(v) => Translation::parse(v, code, &self.config, &mut Unknown::default())?,
            None => {
                let mut m = String::from("consentry: the translation for \"");
                m.push_str(code);
                m.push_str("\" could not be loaded; using built-in texts");
                host.warn(&m);
                Translation::default()
            }
        };
        self.translations.retain(|(c, _)| c != code);
        self.translations.push((code.to_owned(), t));
        if code == self.language {
            self.retexts();
        }
        Ok(())
    }

    fn retexts(&mut self) {
        let code = &self.language;
        let local = builtin::canonical(code).and_then(|l| find(&self.builtins, &l));
        self.texts = Texts::resolve(code, find(&self.translations, code), local, &self.config);
    }

    /// The built-in locale the loader should fetch for `code` (`dist/i18n/<locale>.json`):
    /// when consentry has one, it isn't English, it isn't loaded yet, and the site's
    /// translation for `code` leaves texts out.
    pub(crate) fn builtin_pending(&self, code: &str) -> Option<String> {
        let locale = builtin::canonical(code).filter(|l| l != "en")?;
        if find(&self.builtins, &locale).is_some() || find(&self.translations, code).map(Translation::is_complete).unwrap_or(false) {
            return None;
        }
        Some(locale)
    }

    /// A built-in locale the loader fetched (`None`: it failed; English fills in).
    ///
    /// # Errors
    /// A malformed locale file.
    pub(crate) fn provide_builtin(&mut self, locale: &str, value: Option<&Value>) -> Result<(), Error> {
        let t = match value {
            Some(v) => Translation::parse(v, locale, &self.config, &mut Unknown::default())?,
            None => Translation::default(),
        };
        self.builtins.retain(|(c, _)| c != locale);
        self.builtins.push((locale.to_owned(), t));
        self.retexts();
        Ok(())
    }

    /// Whether `code` needs its translation loaded before `set_language`: `None` when the
    /// language is not offered.
    pub(crate) fn language_pending(&self, code: &str) -> Option<bool> {
        match self.config.translation(code) {
            Some(TranslationSource::Inline(_)) => Some(false),
            Some(_) => Some(find(&self.translations, code).is_none()),
            None if self.config.language.translations.is_empty() && choose_language(&self.config, Some(code)) == code => Some(false),
            None => None,
        }
    }

    // ---- start-up --------------------------------------------------------------------------

    /// Read the stored consent, release what it allows, show the banner if needed.
    pub(crate) fn start(&mut self, host: &dyn Host) -> Vec<Effect> {
        if self.started {
            return Vec::new();
        }
        self.started = true;
        let env = host.env();
        if self.config.hide_from_bots && is_bot(&env.user_agent, env.webdriver) {
            self.dormant = true;
            return Vec::new();
        }
        self.gpc = env.gpc && self.config.gpc.is_some();
        if self.config.manage_script_tags {
            self.adopt_markup_services(host);
        }
        self.load_record(host);
        self.load_history(host);
        let mut fx = Vec::new();
        let valid = self.record.is_some();
        self.choice = self.stored_choice();
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
        if valid || self.choice.categories != 0 {
            self.consent_mode(&mut fx);
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
        self.release(host, &Changes::default(), &mut fx);
        if valid {
            fx.push(self.emit(Event::Consent));
        }
        fx
    }

    /// A `data-service` in the page's held markup that the config doesn't name, under a
    /// configured category, becomes a service of that category (as in v3: it gets a toggle,
    /// is accepted with its category and is stored). At most [`MAX_ITEMS`] per category.
    fn adopt_markup_services(&mut self, host: &dyn Host) {
        for line in host.held().split('\n') {
            let mut parts = line.split('\t').skip(1);
            let Some(marker) = gate::decide::Marker::parse(parts.next(), parts.next()) else { continue };
            let (Some(i), Some(name)) = (self.config.category_index(&marker.category), marker.service) else { continue };
            let Some(cat) = self.config.categories.get_mut(i) else { continue };
            if cat.services.iter().any(|s| s.name == name) {
                continue;
            }
            if cat.services.len() >= MAX_ITEMS {
                let mut m = String::from("consentry: more than 32 services in category \"");
                m.push_str(&cat.name);
                m.push_str("\"; data-service=\"");
                m.push_str(&name);
                m.push_str("\" is ignored");
                host.warn(&m);
                continue;
            }
            cat.services.push(Service { name, label: None, on_accept: None, on_reject: None, cookies: Vec::new(), urls: Vec::new() });
        }
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

    /// Ask the host for held elements: release those the consent allows now, hold again
    /// released embeds whose consent is gone, give held frames a placeholder, and have the
    /// loader re-check what auto-blocking holds.
    fn release(&self, host: &dyn Host, changes: &Changes, fx: &mut Vec<Effect>) {
        if self.dormant {
            return;
        }
        if self.config.manage_script_tags {
            let d = gate::decide(&host.held(), &self.config, &self.choice, changes);
            fx.push(Effect::Release(d.release));
            if !d.block.is_empty() {
                fx.push(Effect::Block(d.block));
            }
            for (index, cat, svc) in d.placeholders {
                let category = &self.config.categories[cat];
                let service = svc.and_then(|j| category.services.get(j));
                let label = service.map(|s| s.label.as_deref().unwrap_or(&s.name)).unwrap_or(&category.name);
                let html = html::placeholder(&self.texts, &category.name, service.map(|s| s.name.as_str()), label);
                fx.push(Effect::Placeholder(index, html));
            }
        }
        fx.push(Effect::Recheck);
    }

    /// Auto-blocking: should an element with this URL, inserted by page code, be held?
    /// `Hold` when a service's `urls` claim it and that service is not accepted now.
    pub(crate) fn classify(&self, url: &str) -> Verdict {
        match gate::urls::claim(&self.config, url) {
            Some((i, j)) if self.started && !self.dormant && self.choice.has_service(i, j) => Verdict::Pass,
            Some(_) => Verdict::Hold,
            None if self.config.debug => Verdict::Report,
            None => Verdict::Pass,
        }
    }

    /// Contextual consent (a placeholder's "load" button): accept this service — or the
    /// whole category when none is named — on top of what is accepted now.
    pub(crate) fn accept_one(&mut self, host: &dyn Host, category: &str, service: &str) -> Vec<Effect> {
        let Some(i) = self.config.category_index(category) else { return Vec::new() };
        let mut choice = if self.record.is_some() { self.choice.clone() } else { Choice::requested(&self.config, &Request::Necessary, &[]) };
        let cat = &self.config.categories[i];
        choice.categories |= 1 << i;
        match cat.services.iter().position(|s| s.name == service) {
            Some(j) => choice.services[i] |= 1 << j,
            None if service.is_empty() => choice.services[i] = u32::MAX,
            None => return Vec::new(),
        }
        let choice = Choice::custom(&self.config, choice.categories, &choice.services);
        let fx = self.commit(host, choice);
        self.and_close(host, fx)
    }

    /// Another tab changed the stored consent: adopt it (release what is newly accepted,
    /// hold again what was withdrawn), or ask again when it is gone.
    pub(crate) fn sync(&mut self, host: &dyn Host) -> Vec<Effect> {
        if !self.started || self.dormant {
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
        if self.rendered[Modal::Preferences as usize] {
            host.set_toggles(&toggle_lines(&self.config, &self.initial_toggles()));
        }
        fx
    }

    // ---- consent ---------------------------------------------------------------------------

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

    /// The toggles a preferences modal starts with: the consent, or the defaults before it.
    fn initial_toggles(&self) -> Choice {
        if self.record.is_some() {
            self.choice.clone()
        } else {
            self.without_gpc(Choice::defaults(&self.config))
        }
    }

    /// Before the visitor chooses, Global Privacy Control turns its categories off.
    fn without_gpc(&self, mut choice: Choice) -> Choice {
        let Some(gpc) = self.config.gpc.as_ref().filter(|_| self.gpc) else { return choice };
        for name in &gpc.categories {
            if let Some(i) = self.config.category_index(name) {
                choice.categories &= !(1 << i);
                if let Some(services) = choice.services.get_mut(i) {
                    *services = 0;
                }
            }
        }
        choice
    }

    /// Push the Consent Mode state for the current choice (when configured).
    fn consent_mode(&self, fx: &mut Vec<Effect>) {
        if let Some(state) = integrations::consent_mode(&self.config, &self.choice) {
            fx.push(Effect::ConsentMode(state));
        }
    }

    fn history_key(&self) -> String {
        let mut key = self.config.cookie.name.clone();
        key.push_str("_history");
        key
    }

    /// Read the device's history as stored now (another tab may have added to it); when
    /// storage can't be read, the history this page holds stays.
    fn load_history(&mut self, host: &dyn Host) {
        if let Some(text) = host.local_get(&self.history_key()) {
            self.history = history::parse(&text);
        }
    }

    /// After another tab wrote: keep this tab's newest entry in the stored history and the
    /// stored record's entry last (see [`history::settle`]); write only when that changes it.
    fn settle_history(&mut self, host: &dyn Host) {
        self.load_history(host);
        let record = self.record.as_ref();
        let current = |e: &history::Entry| record.is_some_and(|r| e.is(&r.last_consent_timestamp, &r.categories, &r.services));
        let own = self.own_entry.as_ref().map(|(entry, added)| history::Own { entry, added: *added });
        if history::settle(&mut self.history, own, current) {
            host.local_set(&self.history_key(), &history::to_json(&self.history));
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

    /// The toggles' state: the modal's if it exists, else the initial toggles.
    fn toggle_choice(&self, host: &dyn Host) -> Choice {
        match host.toggles().filter(|_| self.rendered[Modal::Preferences as usize]) {
            Some(text) => {
                let (categories, services) = parse_toggles(&self.config, &text);
                Choice::toggled(&self.config, categories, &services)
            }
            None => self.initial_toggles(),
        }
    }

    /// `acceptCategory`; `None`: the current toggles.
    pub(crate) fn accept_category(&mut self, host: &dyn Host, request: Option<Request>, excluded: &[String]) -> Vec<Effect> {
        let choice = match request {
            Some(r) => Choice::requested(&self.config, &r, excluded),
            None => {
                let t = self.toggle_choice(host);
                let excluded = Choice::requested(&self.config, &Request::Only(excluded.to_vec()), &[]);
                let necessary = Choice::requested(&self.config, &Request::Necessary, &[]);
                let drop = excluded.categories & !necessary.categories;
                Choice::toggled(&self.config, t.categories & !drop, &t.services)
            }
        };
        self.commit(host, choice)
    }

    /// `acceptService`: the category's services as asked, the other categories as their
    /// toggles are now (as in v3). `None` (v3 returns `false`, nothing changes) when the
    /// category is not configured or has no services.
    pub(crate) fn accept_service(&mut self, host: &dyn Host, category: &str, request: &ServiceRequest) -> Option<Vec<Effect>> {
        let i = self.config.category_index(category)?;
        if self.config.categories.get(i)?.services.is_empty() {
            return None;
        }
        let choice = self.toggle_choice(host).with_services(&self.config, i, request);
        Some(self.commit(host, choice))
    }

    /// Store a new choice and derive everything that follows from it.
    fn commit(&mut self, host: &dyn Host, new: Choice) -> Vec<Effect> {
        if !self.started || self.dormant {
            return Vec::new();
        }
        let first = self.record.is_none();
        let old = core::mem::replace(&mut self.choice, new);
        let changes = self.choice.changes_since(&old, &self.config);
        let now = host.now();
        let days = self.expiry_days(host);
        let previous = self.record.as_ref().or(self.previous.as_ref());
        let mut record = Record::new(&self.config, &self.choice, self.config.revision, uuid_v4(host.random()), &self.language, now, days, previous);
        if let Some(data) = self.loose.get("data") {
            record.data = data.clone(); // set before this consent (setCookieData)
        }
        self.storage.write(host, &record.to_json(), record.expiration_time);
        self.record = Some(record);
        self.previous = None;
        self.loose = Value::Null;
        self.revision_changed = false;

        let mut fx = vec![Effect::Broadcast];
        self.consent_mode(&mut fx);
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
        if self.rendered[Modal::Preferences as usize] || self.center {
            host.set_toggles(&toggle_lines(&self.config, &self.choice));
        }
        if self.center {
            self.render_center(host);
        }
        if reload {
            fx.push(Effect::Reload);
        }
        fx
    }

    /// After a choice made with one of consentry's buttons: close the preferences, then the
    /// banner (v3's order), before a reload if one is due.
    fn and_close(&mut self, host: &dyn Host, mut fx: Vec<Effect>) -> Vec<Effect> {
        let reload = fx.last() == Some(&Effect::Reload);
        if reload {
            fx.pop();
        }
        self.hide(host, Modal::Preferences, &mut fx);
        self.hide(host, Modal::Consent, &mut fx);
        if reload {
            fx.push(Effect::Reload);
        }
        fx
    }

    /// Append this choice to the device's history; with `consentLog`, the effect that sends
    /// its record.
    fn record_history(&mut self, host: &dyn Host, old: &Choice, changes: &Changes, first: bool) -> Option<Effect> {
        let gained = self.choice.categories & !old.categories != 0 || self.choice.services.iter().zip(old.services.iter()).any(|(n, o)| n & !o != 0);
        let action = if first {
            history::Action::Given
        } else if gained {
            history::Action::Changed
        } else {
            history::Action::Withdrawn
        };
        // The same choice confirmed again adds nothing: nothing given, changed or withdrawn —
        // unless another tab changed it in the same moment (see history::settle).
        let added = first || !changes.is_empty();
        if added {
            self.load_history(host); // another tab may have added entries since this page started
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
            self.own_entry = Some((entry, false));
            return None;
        }
        self.own_entry = Some((entry.clone(), true));
        history::push(&mut self.history, entry);
        host.local_set(&self.history_key(), &history::to_json(&self.history));
        let endpoint = self.config.consent_log.clone()?;
        Some(Effect::Log(endpoint, integrations::log_record(&self.config, &self.choice, record, action, self.gpc)))
    }

    fn expiry_days(&self, host: &dyn Host) -> f64 {
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

    /// Erase the declared cookies (and storage keys) of everything not accepted now.
    fn clear_leftovers(&self, host: &dyn Host) {
        let jar = host.cookies();
        let names: Vec<&str> = cookie::pairs(&jar).map(|(n, _)| n).filter(|n| !n.is_empty()).collect();
        let hostname = host.env().hostname;
        let mut erase = |rule: &crate::config::CookieRule| {
            for name in names.iter().filter(|n| self.matches(host, &rule.name, n)) {
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
                if key != self.config.cookie.name && key_patterns.iter().any(|p| self.matches(host, p, &key)) {
                    host.storage_remove(session, &key);
                }
            }
        }
    }

    /// A name against an exact name or a configured RegExp.
    fn matches(&self, host: &dyn Host, pattern: &Pattern, name: &str) -> bool {
        match pattern {
            Pattern::Exact(s) => s == name,
            Pattern::Regex(h) => host.regex_test(*h, name),
        }
    }

    /// `eraseCookies(names, path, domain)` (the loader matches RegExps): at `path` (default
    /// `cookie.path`), see [`cookie::erase_at`].
    pub(crate) fn erase_cookie_names(&self, host: &dyn Host, names: &str, path: Option<&str>, domain: Option<&str>) {
        let c = &self.config.cookie;
        let hostname = host.env().hostname;
        let cookie_domain = c.domain.as_deref().unwrap_or(&hostname);
        for name in names.split('\n').filter(|n| !n.is_empty()) {
            for s in cookie::erase_at(name, path.unwrap_or(&c.path), domain, cookie_domain) {
                host.set_cookie(&s);
            }
        }
    }

    /// `getUserPreferences()`. Before consent (v3): `acceptType` is empty, no category is
    /// listed as rejected, and the lists say what runs now (nothing in opt-in).
    pub(crate) fn user_preferences(&self) -> Value {
        let c = &self.config;
        let valid = self.record.is_some();
        let accept_type = if valid { self.choice.accept_type(c).as_str() } else { "" };
        let rejected = if valid { self.choice.rejected_names(c) } else { Vec::new() };
        Value::Obj(vec![
            ("acceptType".into(), Value::Str(accept_type.into())),
            ("acceptedCategories".into(), Value::str_array(&self.choice.category_names(c))),
            ("rejectedCategories".into(), Value::str_array(&rejected)),
            ("acceptedServices".into(), services_value(&self.choice.service_names(c, false))),
            ("rejectedServices".into(), services_value(&self.choice.service_names(c, true))),
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

    /// `setCookieData` (the loader applies `mode: 'update'`): store `value` as the record's
    /// `data`. Before consent (v3) it is stored with an expiry and kept when the visitor
    /// chooses; the stored value still counts as no consent.
    pub(crate) fn set_cookie_data(&mut self, host: &dyn Host, value: Value) -> bool {
        if !self.started || self.dormant {
            return false;
        }
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

    // ---- modals ----------------------------------------------------------------------------

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

    fn notes(&self) -> Notes {
        Notes { revision_changed: self.revision_changed, gpc: self.gpc && self.record.is_none() }
    }

    /// `mountPreferences(element)`: the inline preference center (re-rendered after every
    /// change while it is in the page).
    pub(crate) fn mount_center(&mut self, host: &dyn Host) {
        if !self.started || self.dormant {
            return;
        }
        self.center = true;
        self.render_center(host);
    }

    fn render_center(&self, host: &dyn Host) {
        let markup = html::center(&self.config, &self.texts, &self.initial_toggles(), self.notes(), &self.history, self.records_url().as_deref());
        host.render_center(&markup, &self.language, self.texts.rtl);
    }

    /// `consentLog.recordsUrl` for this visitor: `{consentId}` replaced by their consent id
    /// (`None` while they have none).
    fn records_url(&self) -> Option<String> {
        let url = self.config.records_url.as_ref()?;
        if !url.contains("{consentId}") {
            return Some(url.clone());
        }
        Some(url.replace("{consentId}", &self.record.as_ref()?.consent_id))
    }

    /// The texts and categories shown, for the consent log's hash.
    pub(crate) fn shown(&self) -> String {
        let mut out = self.texts.shown();
        for c in &self.config.categories {
            out.push('\u{1d}');
            out.push_str(&c.name);
        }
        out
    }

    /// `getConsentHistory()`.
    pub(crate) fn history_json(&self) -> String {
        history::to_json(&self.history)
    }

    /// `downloadReceipt()`: the current consent and its history, as a JSON document the
    /// visitor keeps. `None` before any consent.
    pub(crate) fn receipt(&self) -> Option<Value> {
        let r = self.record.as_ref()?;
        Some(Value::Obj(vec![
            ("type".into(), Value::Str("consentry consent receipt".into())),
            ("consentId".into(), Value::Str(r.consent_id.clone())),
            ("consentTimestamp".into(), Value::Str(r.consent_timestamp.clone())),
            ("lastConsentTimestamp".into(), Value::Str(r.last_consent_timestamp.clone())),
            ("acceptedCategories".into(), Value::str_array(&r.categories)),
            ("rejectedCategories".into(), Value::str_array(&self.choice.rejected_names(&self.config))),
            ("services".into(), services_value(&r.services)),
            ("revision".into(), Value::Num(f64::from(r.revision))),
            ("language".into(), Value::Str(r.language_code.clone())),
            ("expirationTime".into(), Value::Num(r.expiration_time)),
            ("history".into(), Value::Arr(self.history.iter().map(history::Entry::to_value).collect())),
        ]))
    }

    /// Put a modal in the page if it isn't there yet.
    fn ensure(&mut self, host: &dyn Host, modal: Modal, fx: &mut Vec<Effect>) {
        if self.rendered[modal as usize] || self.dormant || !self.started {
            return;
        }
        let markup = match modal {
            Modal::Consent => html::consent_modal(&self.config, &self.texts, self.notes()),
            Modal::Preferences => html::preferences_modal(&self.config, &self.texts, &self.initial_toggles(), self.notes()),
        };
        host.render(modal, &markup, &self.language, self.texts.rtl);
        self.rendered[modal as usize] = true;
        fx.push(self.emit(Event::ModalReady(modal)));
    }

    fn show(&mut self, host: &dyn Host, modal: Modal, fx: &mut Vec<Effect>) {
        self.ensure(host, modal, fx);
        if !self.rendered[modal as usize] || self.shown[modal as usize] {
            return;
        }
        if modal == Modal::Preferences {
            host.set_toggles(&toggle_lines(&self.config, &self.initial_toggles()));
        }
        host.show(modal, true, self.config.disable_page_interaction);
        self.shown[modal as usize] = true;
        fx.push(self.emit(Event::ModalShow(modal)));
    }

    fn hide(&mut self, host: &dyn Host, modal: Modal, fx: &mut Vec<Effect>) {
        if !self.shown[modal as usize] {
            return;
        }
        host.show(modal, false, self.config.disable_page_interaction);
        self.shown[modal as usize] = false;
        if modal == Modal::Preferences {
            // v3: toggles changed and not saved are undone when the preferences close.
            host.set_toggles(&toggle_lines(&self.config, &self.initial_toggles()));
        }
        fx.push(self.emit(Event::ModalHide(modal)));
    }

    /// `show(createModal)`: the consent modal, if it exists or may be created. Like v3, it
    /// exists whenever there is no valid consent (even with `autoShow: false`).
    pub(crate) fn show_consent(&mut self, host: &dyn Host, create: bool) -> Vec<Effect> {
        let mut fx = Vec::new();
        if self.rendered[Modal::Consent as usize] || create || self.record.is_none() {
            self.show(host, Modal::Consent, &mut fx);
        }
        fx
    }

    /// A click on one of consentry's controls, or the API's show/hide functions.
    pub(crate) fn act(&mut self, host: &dyn Host, action: Action) -> Vec<Effect> {
        let mut fx = Vec::new();
        let request = match action {
            Action::AcceptAll => Some(Request::All),
            Action::AcceptNecessary => Some(Request::Necessary),
            _ => None,
        };
        match action {
            Action::AcceptAll | Action::AcceptNecessary | Action::AcceptCustom => {
                let fx = self.accept_category(host, request, &[]);
                return self.and_close(host, fx);
            }
            Action::ShowConsent => self.show(host, Modal::Consent, &mut fx),
            Action::ShowPreferences => self.show(host, Modal::Preferences, &mut fx),
            Action::HidePreferences => self.hide(host, Modal::Preferences, &mut fx),
            Action::HideConsent => self.hide(host, Modal::Consent, &mut fx),
            Action::SaveInline => {
                let toggles = host.center_toggles().unwrap_or_default();
                let (categories, services) = parse_toggles(&self.config, &toggles);
                let fx = self.commit(host, Choice::toggled(&self.config, categories, &services));
                return self.and_close(host, fx);
            }
        }
        fx
    }

    /// Switch language (its translation already loaded): rebuild the modals in the page
    /// (v3 fires no onModalReady for that). `None` when the language is not offered or not
    /// loaded.
    pub(crate) fn set_language(&mut self, host: &dyn Host, code: &str) -> Option<Vec<Effect>> {
        if self.language_pending(code) != Some(false) {
            return None;
        }
        self.language = code.to_owned();
        self.retexts();
        for modal in [Modal::Consent, Modal::Preferences] {
            if !self.rendered[modal as usize] {
                continue;
            }
            let toggles = (modal == Modal::Preferences).then(|| self.toggle_choice(host));
            self.rendered[modal as usize] = false;
            self.ensure(host, modal, &mut Vec::new());
            if let Some(t) = toggles {
                host.set_toggles(&toggle_lines(&self.config, &t));
            }
            if self.shown[modal as usize] {
                host.show(modal, true, self.config.disable_page_interaction);
            }
        }
        if self.center {
            self.render_center(host);
        }
        Some(Vec::new())
    }

    pub(crate) fn language(&self) -> &str {
        &self.language
    }

    /// `reset(eraseCookie)`: remove the modals; with `erase`, forget the stored consent.
    pub(crate) fn reset(mut self, host: &dyn Host, erase: bool) {
        if erase {
            self.storage.erase(host);
        }
        host.remove_ui();
    }
}

fn find<'t>(translations: &'t [(String, Translation)], code: &str) -> Option<&'t Translation> {
    translations.iter().find(|(c, _)| c == code).map(|(_, t)| t)
}

/// The host's toggle format: `category` per checked category, `category:service` per
/// checked service.
fn toggle_lines(config: &Config, choice: &Choice) -> String {
    let mut out = String::new();
    for (i, cat) in config.categories.iter().enumerate() {
        if choice.has(i) {
            out.push_str(&cat.name);
            out.push('\n');
        }
        for (j, s) in cat.services.iter().enumerate() {
            if choice.has_service(i, j) {
                out.push_str(&cat.name);
                out.push(':');
                out.push_str(&s.name);
                out.push('\n');
            }
        }
    }
    out
}

/// Read the host's toggle lines into a category mask and service masks.
fn parse_toggles(config: &Config, text: &str) -> (u32, Vec<u32>) {
    let mut categories = 0u32;
    let mut services = vec![0u32; config.categories.len()];
    for line in text.split('\n') {
        let (cat, svc) = match line.split_once(':') {
            Some((c, s)) => (c, Some(s)),
            None => (line, None),
        };
        let Some(i) = config.category_index(cat) else { continue };
        match svc {
            None => categories |= 1 << i,
            Some(name) => {
                if let Some(j) = config.categories[i].services.iter().position(|s| s.name == name) {
                    services[i] |= 1 << j;
                }
            }
        }
    }
    (categories, services)
}

#[cfg(test)]
mod tests;
