//! The modals of one engine: rendering them into the page, showing and hiding them, what a
//! click on one of consentry's controls does, the preferences' toggles, and the inline
//! preference center.

#[allow(unused_imports)]
use crate::prelude::*;

use super::{Effect, Engine, Event};
use crate::consent::{Choice, Request};
use crate::host::Host;
use crate::protocol::{Action, Modal, Role, Scope};
use crate::ui::html::{self, Notes};

/// Which modals are in the page and which are visible; whether the inline center is.
#[derive(Default)]
pub(super) struct Modals {
    rendered: [bool; 2],
    visible: [bool; 2],
    /// `mountPreferences` put the inline preference center in the page.
    pub(super) center: bool,
}

impl Modals {
    pub(super) fn rendered(&self, modal: Modal) -> bool {
        self.rendered[usize::from(modal.code())]
    }

    pub(super) fn visible(&self, modal: Modal) -> bool {
        self.visible[usize::from(modal.code())]
    }

    /// The modal's markup is stale (rendered again by the next `ensure`).
    pub(super) fn forget(&mut self, modal: Modal) {
        self.rendered[usize::from(modal.code())] = false;
    }
}

impl Engine {
    pub(super) fn notes(&self) -> Notes {
        Notes { revision_changed: self.revision_changed, gpc: self.gpc && self.record.is_none() }
    }

    /// Put a modal in the page if it isn't there yet.
    pub(super) fn ensure(&mut self, host: &dyn Host, modal: Modal, fx: &mut Vec<Effect>) {
        if self.modals.rendered(modal) || !self.running() {
            return;
        }
        let (config, texts) = (&self.config, &self.lang.texts);
        let markup = match modal {
            Modal::Consent => html::consent_modal(config, texts, self.notes()),
            Modal::Preferences => html::preferences_modal(config, texts, &self.initial_toggles(), self.notes()),
        };
        host.render(modal, &markup, &self.lang.current, texts.rtl);
        self.modals.rendered[usize::from(modal.code())] = true;
        fx.push(self.emit(Event::ModalReady(modal)));
    }

    pub(super) fn show(&mut self, host: &dyn Host, modal: Modal, fx: &mut Vec<Effect>) {
        self.ensure(host, modal, fx);
        if !self.modals.rendered(modal) || self.modals.visible(modal) {
            return;
        }
        if modal == Modal::Preferences {
            host.set_toggles(&self.initial_toggles().toggle_pairs(&self.config));
        }
        host.show(modal, true, self.config.disable_page_interaction);
        self.modals.visible[usize::from(modal.code())] = true;
        fx.push(self.emit(Event::ModalShow(modal)));
    }

    pub(super) fn hide(&mut self, host: &dyn Host, modal: Modal, fx: &mut Vec<Effect>) {
        if !self.modals.visible(modal) {
            return;
        }
        host.show(modal, false, self.config.disable_page_interaction);
        self.modals.visible[usize::from(modal.code())] = false;
        if modal == Modal::Preferences {
            // v3: toggles changed and not saved are undone when the preferences close.
            host.set_toggles(&self.initial_toggles().toggle_pairs(&self.config));
        }
        fx.push(self.emit(Event::ModalHide(modal)));
    }

    /// `show(createModal)`: the consent modal, if it exists or may be created. Like v3, it
    /// exists whenever there is no valid consent (even with `autoShow: false`).
    pub(crate) fn show_consent(&mut self, host: &dyn Host, create: bool) -> Vec<Effect> {
        let mut fx = Vec::new();
        if self.modals.rendered(Modal::Consent) || create || self.record.is_none() {
            self.show(host, Modal::Consent, &mut fx);
        }
        fx
    }

    /// A `data-cc` control, the API's show and hide functions, the Escape key.
    pub(crate) fn act(&mut self, host: &dyn Host, action: Action) -> Vec<Effect> {
        let mut fx = Vec::new();
        let request = match action {
            Action::AcceptAll => Request::All,
            Action::AcceptNecessary => Request::Necessary,
            Action::AcceptCustom => {
                let fx = self.accept_category(host, None, &[]);
                return self.and_close(host, fx);
            }
            Action::ShowConsent => {
                self.show(host, Modal::Consent, &mut fx);
                return fx;
            }
            Action::ShowPreferences => {
                self.show(host, Modal::Preferences, &mut fx);
                return fx;
            }
            Action::HidePreferences => {
                self.hide(host, Modal::Preferences, &mut fx);
                return fx;
            }
            Action::HideConsent => {
                self.hide(host, Modal::Consent, &mut fx);
                return fx;
            }
        };
        let fx = self.accept_category(host, Some(request), &[]);
        self.and_close(host, fx)
    }

    /// A click on a `data-role` control of consentry's markup: what the role means where it
    /// is. `category` / `service`: a placeholder's.
    pub(crate) fn click(&mut self, host: &dyn Host, scope: Scope, role: Role, category: &str, service: &str) -> Vec<Effect> {
        let action = match (scope, role) {
            // v3: the banner's buttons (and its close icon, which rejects) close it first,
            // then the choice is made.
            (Scope::Banner, Role::All | Role::Necessary) => {
                let mut fx = Vec::new();
                self.hide(host, Modal::Consent, &mut fx);
                fx.push(Effect::Then(if role == Role::All { Action::AcceptAll } else { Action::AcceptNecessary }));
                return fx;
            }
            (Scope::Banner, Role::Show) => Action::ShowPreferences,
            (Scope::Preferences | Scope::Center, Role::All) => Action::AcceptAll,
            (Scope::Preferences | Scope::Center, Role::Necessary) => Action::AcceptNecessary,
            (Scope::Preferences, Role::Save) => Action::AcceptCustom,
            (Scope::Preferences, Role::Close) => Action::HidePreferences,
            (Scope::Center, Role::Save) => {
                let toggles = host.center_toggles().unwrap_or_default();
                let fx = self.commit(host, Choice::from_toggles(&self.config, &toggles));
                return self.and_close(host, fx);
            }
            (Scope::Center, Role::Receipt) => return self.download_receipt(host).unwrap_or_default(),
            (Scope::Placeholder, Role::Load) => return self.accept_one(host, category, service),
            _ => return Vec::new(),
        };
        self.act(host, action)
    }

    /// After a choice made with one of consentry's buttons: close the preferences, then the
    /// banner (v3's order), before a reload if one is due.
    pub(super) fn and_close(&mut self, host: &dyn Host, mut fx: Vec<Effect>) -> Vec<Effect> {
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

    /// The toggles a preferences modal starts with: the consent, or the defaults before it.
    pub(super) fn initial_toggles(&self) -> Choice {
        if self.record.is_some() {
            self.choice.clone()
        } else {
            self.without_gpc(Choice::defaults(&self.config))
        }
    }

    /// The toggles' state: the modal's if it exists, else the initial toggles.
    pub(super) fn toggle_choice(&self, host: &dyn Host) -> Choice {
        match host.toggles().filter(|_| self.modals.rendered(Modal::Preferences)) {
            Some(pairs) => Choice::from_toggles(&self.config, &pairs),
            None => self.initial_toggles(),
        }
    }

    /// Set the toggles in the page to the current choice (after it changed).
    pub(super) fn refresh_toggles(&self, host: &dyn Host, choice: &Choice) {
        if self.modals.rendered(Modal::Preferences) || self.modals.center {
            host.set_toggles(&choice.toggle_pairs(&self.config));
        }
        if self.modals.center {
            self.render_center(host);
        }
    }

    /// `mountPreferences(element)`: the inline preference center (re-rendered after every
    /// change while it is in the page).
    pub(crate) fn mount_center(&mut self, host: &dyn Host) {
        if !self.running() {
            return;
        }
        self.modals.center = true;
        self.render_center(host);
    }

    pub(super) fn render_center(&self, host: &dyn Host) {
        let records = self.records_url();
        let markup = html::center(&self.config, &self.lang.texts, &self.initial_toggles(), self.notes(), self.history.entries(), records.as_deref());
        host.render_center(&markup, &self.lang.current, self.lang.texts.rtl);
    }
}
