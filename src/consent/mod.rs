//! Consent decisions, pure: what is accepted after each visitor action, how a stored record
//! is restored against the current config, and what changed (for `onChange`).

#[allow(unused_imports)]
use crate::prelude::*;

pub(crate) mod record;
pub(crate) mod time;

use crate::config::{Category, Config, Mode};

/// What is accepted: categories, and per category the accepted services.
/// `services` has one entry per configured category (empty when rejected), in config order.
#[derive(Clone, Debug, Default, PartialEq)]
pub(crate) struct Choice {
    pub(crate) categories: Vec<String>,
    pub(crate) services: Vec<(String, Vec<String>)>,
}

/// `getUserPreferences().acceptType`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum AcceptType {
    All,
    Custom,
    Necessary,
}

impl AcceptType {
    pub(crate) fn as_str(self) -> &'static str {
        match self {
            AcceptType::All => "all",
            AcceptType::Custom => "custom",
            AcceptType::Necessary => "necessary",
        }
    }
}

/// Which categories an `acceptCategory` call asks for.
#[derive(Clone, Debug, PartialEq)]
pub(crate) enum Request {
    /// `'all'`
    All,
    /// `[]`: read-only categories only.
    Necessary,
    /// A list (or a single name): those plus the read-only ones.
    Only(Vec<String>),
}

/// Which services an `acceptService` call asks for, within one category.
#[derive(Clone, Debug, PartialEq)]
pub(crate) enum ServiceRequest {
    All,
    None,
    Only(Vec<String>),
}

/// What changed between two choices, as `onChange` reports it.
#[derive(Clone, Debug, Default, PartialEq)]
pub(crate) struct Changes {
    pub(crate) categories: Vec<String>,
    /// Per category whose services changed: the services that changed.
    pub(crate) services: Vec<(String, Vec<String>)>,
}

impl Changes {
    pub(crate) fn is_empty(&self) -> bool {
        self.categories.is_empty() && self.services.is_empty()
    }

    /// `category` was accepted before and is not now (it is in the changes).
    pub(crate) fn category_changed(&self, category: &str) -> bool {
        self.categories.iter().any(|c| c == category)
    }

    pub(crate) fn service_changed(&self, category: &str, service: &str) -> bool {
        self.services.iter().any(|(c, s)| c == category && s.iter().any(|x| x == service))
    }
}

impl Choice {
    pub(crate) fn accepts(&self, category: &str) -> bool {
        self.categories.iter().any(|c| c == category)
    }

    pub(crate) fn services_of(&self, category: &str) -> &[String] {
        self.services.iter().find(|(c, _)| c == category).map(|(_, s)| s.as_slice()).unwrap_or(&[])
    }

    pub(crate) fn accepts_service(&self, category: &str, service: &str) -> bool {
        self.accepts(category) && self.services_of(category).iter().any(|s| s == service)
    }

    /// Build a choice from a predicate on categories; accepted categories get all services.
    fn from_categories(config: &Config, mut accept: impl FnMut(&Category) -> bool) -> Choice {
        let mut choice = Choice::default();
        for cat in &config.categories {
            let on = cat.read_only || accept(cat);
            if on {
                choice.categories.push(cat.name.clone());
            }
            let services = if on { cat.services.iter().map(|s| s.name.clone()).collect() } else { Vec::new() };
            choice.services.push((cat.name.clone(), services));
        }
        choice
    }

    /// Nothing accepted: the state before consent in opt-in mode.
    pub(crate) fn none(config: &Config) -> Choice {
        Choice {
            categories: Vec::new(),
            services: config.categories.iter().map(|c| (c.name.clone(), Vec::new())).collect(),
        }
    }

    /// The categories marked `enabled` (and the read-only ones): the toggles' initial state,
    /// and what runs before consent in opt-out mode.
    pub(crate) fn defaults(config: &Config) -> Choice {
        Choice::from_categories(config, |c| c.enabled)
    }

    /// What is accepted before the visitor has chosen.
    pub(crate) fn before_consent(config: &Config) -> Choice {
        match config.mode {
            Mode::OptOut => Choice::defaults(config),
            Mode::OptIn => Choice::none(config),
        }
    }

    /// A stored choice read against the current config: unknown categories and services are
    /// dropped, read-only categories are always on, and a category stored without a
    /// services entry gets all its services (records written before services existed).
    pub(crate) fn restore(config: &Config, categories: &[String], services: &[(String, Vec<String>)]) -> Choice {
        let mut choice = Choice::default();
        for cat in &config.categories {
            let on = cat.read_only || categories.iter().any(|c| *c == cat.name);
            let stored = services.iter().find(|(c, _)| *c == cat.name).map(|(_, s)| s);
            let list = match (on, stored) {
                (false, _) => Vec::new(),
                (true, Some(stored)) if !cat.services.is_empty() => cat
                    .services
                    .iter()
                    .filter(|s| stored.iter().any(|x| *x == s.name))
                    .map(|s| s.name.clone())
                    .collect(),
                (true, _) => cat.services.iter().map(|s| s.name.clone()).collect(),
            };
            if on {
                choice.categories.push(cat.name.clone());
            }
            choice.services.push((cat.name.clone(), list));
        }
        choice
    }

    /// The choice an `acceptCategory(request, excluded)` call makes. Read-only categories
    /// can't be excluded; unknown names are ignored.
    pub(crate) fn requested(config: &Config, request: &Request, excluded: &[String]) -> Choice {
        Choice::from_categories(config, |cat| {
            let wanted = match request {
                Request::All => true,
                Request::Necessary => false,
                Request::Only(names) => names.iter().any(|n| *n == cat.name),
            };
            wanted && !excluded.iter().any(|e| *e == cat.name)
        })
    }

    /// A custom selection from the preferences toggles: `categories` on, with exactly the
    /// services listed per category (a category with services is on only if one of them is).
    pub(crate) fn custom(config: &Config, categories: &[String], services: &[(String, Vec<String>)]) -> Choice {
        let mut choice = Choice::default();
        for cat in &config.categories {
            let list: Vec<String> = match services.iter().find(|(c, _)| *c == cat.name) {
                Some((_, wanted)) => cat
                    .services
                    .iter()
                    .filter(|s| wanted.iter().any(|w| *w == s.name))
                    .map(|s| s.name.clone())
                    .collect(),
                None => cat.services.iter().map(|s| s.name.clone()).collect(),
            };
            let on = cat.read_only
                || (categories.iter().any(|c| *c == cat.name) && (cat.services.is_empty() || !list.is_empty()));
            let list = if on && cat.read_only && list.is_empty() {
                cat.services.iter().map(|s| s.name.clone()).collect()
            } else if on {
                list
            } else {
                Vec::new()
            };
            if on {
                choice.categories.push(cat.name.clone());
            }
            choice.services.push((cat.name.clone(), list));
        }
        choice
    }

    /// `acceptService(request, category)`: sets that category's services; the category is
    /// accepted when at least one of them is. Other categories keep their state.
    /// `None` when `category` is not configured.
    pub(crate) fn with_services(&self, config: &Config, category: &str, request: &ServiceRequest) -> Option<Choice> {
        let cat = config.category(category)?;
        let list: Vec<String> = cat
            .services
            .iter()
            .filter(|s| match request {
                ServiceRequest::All => true,
                ServiceRequest::None => false,
                ServiceRequest::Only(names) => names.iter().any(|n| *n == s.name),
            })
            .map(|s| s.name.clone())
            .collect();
        let categories: Vec<String> = config
            .categories
            .iter()
            .filter(|c| if c.name == category { c.read_only || !list.is_empty() } else { self.accepts(&c.name) })
            .map(|c| c.name.clone())
            .collect();
        let mut services: Vec<(String, Vec<String>)> = self.services.clone();
        match services.iter_mut().find(|(c, _)| c == category) {
            Some(slot) => slot.1 = list,
            None => services.push((category.to_owned(), list)),
        }
        Some(Choice::custom(config, &categories, &services))
    }

    /// How `getUserPreferences` classifies this choice.
    pub(crate) fn accept_type(&self, config: &Config) -> AcceptType {
        let everything = config.categories.iter().all(|c| {
            self.accepts(&c.name) && c.services.iter().all(|s| self.accepts_service(&c.name, &s.name))
        });
        let only_necessary = config.categories.iter().all(|c| self.accepts(&c.name) == c.read_only);
        if everything && !config.categories.is_empty() {
            AcceptType::All
        } else if only_necessary {
            AcceptType::Necessary
        } else {
            AcceptType::Custom
        }
    }

    /// Categories not accepted, in config order.
    pub(crate) fn rejected(&self, config: &Config) -> Vec<String> {
        config.category_names().filter(|c| !self.accepts(c)).map(str::to_owned).collect()
    }

    /// Services not accepted, per category (every category has an entry).
    pub(crate) fn rejected_services(&self, config: &Config) -> Vec<(String, Vec<String>)> {
        config
            .categories
            .iter()
            .map(|c| {
                let off = c.services.iter().filter(|s| !self.accepts_service(&c.name, &s.name)).map(|s| s.name.clone());
                (c.name.clone(), off.collect())
            })
            .collect()
    }

    /// What differs from `before`, in config order.
    pub(crate) fn changes_since(&self, before: &Choice, config: &Config) -> Changes {
        let mut changes = Changes::default();
        for cat in &config.categories {
            if self.accepts(&cat.name) != before.accepts(&cat.name) {
                changes.categories.push(cat.name.clone());
            }
            let services: Vec<String> = cat
                .services
                .iter()
                .filter(|s| self.accepts_service(&cat.name, &s.name) != before.accepts_service(&cat.name, &s.name))
                .map(|s| s.name.clone())
                .collect();
            if !services.is_empty() {
                changes.services.push((cat.name.clone(), services));
            }
        }
        changes
    }
}

#[cfg(test)]
mod tests;
