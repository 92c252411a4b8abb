//! Languages of one engine: which one is shown, the site's translations (inline, or loaded by
//! the loader from a URL or a function), consentry's built-in locales, and switching.

#[allow(unused_imports)]
use crate::prelude::*;

use super::{Effect, Engine};
use crate::config::{AutoDetect, Config, TranslationSource, Unknown};
use crate::error::Error;
use crate::host::{Env, Host};
use crate::i18n::{builtin, choose_language, Texts, Translation};
use crate::protocol::{Load, Modal};
use crate::value::{parse_json, parse_walked, Value};

/// The texts an engine has and shows.
pub(super) struct Languages {
    /// The language shown.
    pub(super) current: String,
    /// The site's translations read so far (inline ones at once).
    translations: Vec<(String, Translation)>,
    /// consentry's built-in texts of other locales, as the loader fetched them.
    builtins: Vec<(String, Translation)>,
    /// The texts of `current`, resolved.
    pub(super) texts: Texts,
}

fn find<'t>(translations: &'t [(String, Translation)], code: &str) -> Option<&'t Translation> {
    translations.iter().find(|(c, _)| c == code).map(|(_, t)| t)
}

impl Languages {
    /// Choose the language and read every inline translation now (a typo should fail on
    /// every page load, not only for visitors of that language).
    pub(super) fn configure(config: &Config, env: &Env, unknown: &mut Unknown) -> Result<Languages, Error> {
        let detected = match config.language.auto_detect {
            Some(AutoDetect::Document) => env.document_language.as_deref(),
            Some(AutoDetect::Browser) => env.browser_language.as_deref(),
            None => None,
        };
        let current = choose_language(config, detected);
        let mut translations = Vec::new();
        for (code, source) in &config.language.translations {
            if let TranslationSource::Inline(v) = source {
                translations.push((code.clone(), Translation::parse(v, code, config, unknown)?));
            }
        }
        let texts = Texts::resolve(&current, find(&translations, &current), None, config);
        Ok(Languages { current, translations, builtins: Vec::new(), texts })
    }

    fn retexts(&mut self, config: &Config) {
        let code = &self.current;
        let local = builtin::canonical(code).and_then(|l| find(&self.builtins, &l));
        self.texts = Texts::resolve(code, find(&self.translations, code), local, config);
    }

    /// The built-in locale to fetch for `code`: when consentry has one, it isn't English, it
    /// isn't loaded yet, and the site's translation for `code` leaves texts out.
    fn builtin_pending(&self, code: &str) -> Option<String> {
        let locale = builtin::canonical(code).filter(|l| l != "en")?;
        if find(&self.builtins, &locale).is_some() || find(&self.translations, code).map(Translation::is_complete).unwrap_or(false) {
            return None;
        }
        Some(locale)
    }
}

impl Engine {
    /// What language `code` still needs loaded, first the site's translation (a URL or a
    /// function), then consentry's built-in locale: `None` when nothing.
    pub(crate) fn next_load(&self, code: &str) -> Option<(Load, Value)> {
        if find(&self.lang.translations, code).is_none() {
            match self.config.translation(code) {
                Some(TranslationSource::Url(url)) => return Some((Load::Url, Value::Str(url.clone()))),
                Some(TranslationSource::Function(h)) => return Some((Load::Call, Value::Num(f64::from(*h)))),
                _ => {}
            }
        }
        self.lang.builtin_pending(code).map(|locale| (Load::Builtin, Value::Str(locale)))
    }

    /// The loader's answer to [`Engine::next_load`] for `code`: the text it got (`""`: loading
    /// failed; consentry's built-in texts are used, with a warning).
    ///
    /// # Errors
    /// [`Error::Config`] when a translation has wrong types, or a built-in locale file is
    /// malformed.
    pub(crate) fn provide(&mut self, host: &dyn Host, code: &str, text: &str) -> Result<(), Error> {
        let Some((kind, what)) = self.next_load(code) else { return Ok(()) };
        let value = Some(text).filter(|t| !t.is_empty()).and_then(if kind == Load::Builtin { parse_json } else { parse_walked });
        let (list, key) = match (kind, what) {
            (Load::Builtin, Value::Str(locale)) => (&mut self.lang.builtins, locale),
            _ => (&mut self.lang.translations, code.to_owned()),
        };
        let t = match value {
            Some(v) => Translation::parse(&v, &key, &self.config, &mut Unknown::default())?,
            None => {
                if kind != Load::Builtin {
                    let mut m = String::from("consentry: the translation for \"");
                    m.push_str(code);
                    m.push_str("\" could not be loaded; using built-in texts");
                    host.warn(&m);
                }
                Translation::default()
            }
        };
        list.retain(|(c, _)| *c != key);
        list.push((key, t));
        self.lang.retexts(&self.config);
        Ok(())
    }

    /// Whether `code` can be shown: `None` when the language is not offered, else whether
    /// its translation must be loaded first.
    fn language_pending(&self, code: &str) -> Option<bool> {
        match self.config.translation(code) {
            Some(TranslationSource::Inline(_)) => Some(false),
            Some(_) => Some(find(&self.lang.translations, code).is_none()),
            None if self.config.language.translations.is_empty() && choose_language(&self.config, Some(code)) == code => Some(false),
            None => None,
        }
    }

    /// `setLanguage(code, force)`: whether the loader should load `code` and switch to it
    /// (it is offered, and it is another language or `force`).
    pub(crate) fn wants_language(&self, code: &str, force: bool) -> bool {
        self.running() && (force || code != self.lang.current) && self.language_pending(code).is_some()
    }

    /// Switch language (its translation loaded): rebuild the modals in the page (v3 fires
    /// no onModalReady for that). `None` when the language is not offered or not loaded.
    pub(crate) fn apply_language(&mut self, host: &dyn Host, code: &str) -> Option<Vec<Effect>> {
        if !self.running() || self.language_pending(code) != Some(false) {
            return None;
        }
        self.lang.current = code.to_owned();
        self.lang.retexts(&self.config);
        for modal in [Modal::Consent, Modal::Preferences] {
            if !self.modals.rendered(modal) {
                continue;
            }
            let toggles = (modal == Modal::Preferences).then(|| self.toggle_choice(host));
            self.modals.forget(modal);
            self.ensure(host, modal, &mut Vec::new());
            if let Some(t) = toggles {
                host.set_toggles(&t.toggle_pairs(&self.config));
            }
            if self.modals.visible(modal) {
                host.show(modal, true, self.config.disable_page_interaction);
            }
        }
        if self.modals.center {
            self.render_center(host);
        }
        Some(Vec::new())
    }

    pub(crate) fn language(&self) -> &str {
        &self.lang.current
    }
}
