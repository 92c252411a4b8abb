//! The page's held elements as an engine sees them: services named only in markup, which
//! held elements are released or held again, and auto-blocking's verdict on a URL.

#[allow(unused_imports)]
use crate::prelude::*;

use super::{Effect, Engine};
use crate::config::{at_most, Service, MAX_ITEMS};
use crate::consent::Changes;
use crate::gate;
use crate::host::Host;
use crate::protocol::Verdict;
use crate::ui::html;

impl Engine {
    /// A `data-service` in the page's held markup that the config doesn't name, under a
    /// configured category, becomes a service of that category (as in v3: it gets a toggle,
    /// is accepted with its category and is stored). At most [`MAX_ITEMS`] per category.
    /// Whether any was added.
    pub(super) fn adopt_markup_services(&mut self, host: &dyn Host) -> bool {
        let mut added = false;
        for h in host.held() {
            let Some(marker) = gate::decide::Marker::parse(h.category.as_deref(), h.service.as_deref()) else { continue };
            let (Some(i), Some(name)) = (self.config.category_index(&marker.category), marker.service) else { continue };
            let Some(cat) = self.config.categories.get_mut(i) else { continue };
            if cat.services.iter().any(|s| s.name == name) {
                continue;
            }
            if cat.services.len() >= MAX_ITEMS {
                let mut m = String::from("consentry: category \"");
                m.push_str(&cat.name);
                m.push_str("\" can have ");
                m.push_str(&at_most("services"));
                m.push_str("; data-service=\"");
                m.push_str(&name);
                m.push_str("\" is ignored");
                host.warn(&m);
                continue;
            }
            cat.services.push(Service { name, label: None, on_accept: None, on_reject: None, cookies: Vec::new(), urls: Vec::new() });
            added = true;
        }
        added
    }

    /// Ask the host for held elements: release those the consent allows now, hold again
    /// released embeds whose consent is gone, give held frames a placeholder, and have the
    /// loader re-check what auto-blocking holds.
    pub(super) fn release(&self, host: &dyn Host, changes: &Changes, fx: &mut Vec<Effect>) {
        if !self.running() {
            return;
        }
        if self.config.manage_script_tags {
            let d = gate::decide(&host.held(), &self.config, &self.choice, changes);
            fx.push(Effect::Release(d.release));
            if !d.block.is_empty() {
                fx.push(Effect::Block(d.block));
            }
            for (index, cat, svc) in d.placeholders {
                let Some(category) = self.config.categories.get(cat) else { continue };
                let service = svc.and_then(|j| category.services.get(j));
                let label = service.map(|s| s.label.as_deref().unwrap_or(&s.name)).unwrap_or(&category.name);
                let markup = html::placeholder(&self.lang.texts, &category.name, service.map(|s| s.name.as_str()), label);
                fx.push(Effect::Placeholder(index, markup));
            }
        }
        fx.push(Effect::Recheck);
    }

    /// Held markup may have appeared since the last look (a single-page app rendered a route
    /// or mounted a component): services its `data-service` names are adopted as at start,
    /// and every held element is decided as on a page load (no change to react to, so
    /// negated markers stay held). Before the page has started, nothing: `start` looks then.
    pub(crate) fn scan(&mut self, host: &dyn Host) -> Vec<Effect> {
        let mut fx = Vec::new();
        if !self.running() {
            return fx;
        }
        if self.config.manage_script_tags && self.adopt_markup_services(host) {
            self.choice = self.stored_choice();
            // The preferences list the new services when they are next shown (a visible
            // modal is left as the visitor sees it).
            if !self.modals.visible(crate::protocol::Modal::Preferences) {
                self.modals.forget(crate::protocol::Modal::Preferences);
                if !self.config.lazy_html_generation {
                    self.ensure(host, crate::protocol::Modal::Preferences, &mut fx);
                }
            }
        }
        self.release(host, &Default::default(), &mut fx);
        fx
    }

    /// Auto-blocking: should an element with this URL, inserted by page code, be held?
    /// `Hold` when a service whose `urls` claim it is not accepted now. A read-only category's
    /// services need no consent (the visitor cannot refuse them): they count as accepted once
    /// the engine runs, before any choice too (README "Auto-blocking").
    pub(crate) fn classify(&self, url: &str) -> Verdict {
        let read_only = |i: usize| self.config.categories.get(i).is_some_and(|c| c.read_only);
        match gate::urls::held(&self.config, url, |i, j| self.running() && (self.choice.has_service(i, j) || read_only(i))) {
            Some(true) => Verdict::Hold,
            Some(false) => Verdict::Pass,
            None if self.config.debug => Verdict::Report,
            None => Verdict::Pass,
        }
    }
}
