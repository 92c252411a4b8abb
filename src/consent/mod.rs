//! Consent decisions, pure: what is accepted after each visitor action, how a stored record
//! is restored against the current config, and what changed (for `onChange`).
//!
//! A choice is a set of bits by position in the config (category `i` is bit `i`; service
//! `j` of category `i` is bit `j` of `services[i]`): comparing, diffing and copying choices
//! is then a few integer operations. Names appear only where consent meets the outside
//! world (the stored record, the API, the markup).

#[allow(unused_imports)]
use crate::prelude::*;

pub(crate) mod history;
pub(crate) mod record;
pub(crate) mod time;

use crate::config::{Config, Mode, MAX_ITEMS};

/// What is accepted. Only this module sees the bits; everything else asks by position or
/// name.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub(crate) struct Choice {
    categories: u32,
    /// One mask per configured category.
    services: Vec<u32>,
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

/// What differs between two choices: the flipped bits.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub(crate) struct Changes {
    pub(crate) categories: u32,
    pub(crate) services: Vec<u32>,
}

fn bit(i: usize) -> u32 {
    if i < MAX_ITEMS {
        1 << i
    } else {
        0
    }
}

/// Every service of a category, as a mask.
fn all_services(count: usize) -> u32 {
    if count >= MAX_ITEMS {
        u32::MAX
    } else {
        (1u32 << count) - 1
    }
}

impl Changes {
    pub(crate) fn is_empty(&self) -> bool {
        self.categories == 0 && self.services.iter().all(|s| *s == 0)
    }

    pub(crate) fn category(&self, cat: usize) -> bool {
        self.categories & bit(cat) != 0
    }

    pub(crate) fn service(&self, cat: usize, svc: usize) -> bool {
        self.services.get(cat).map(|m| m & bit(svc) != 0).unwrap_or(false)
    }

    /// Changed category names, in config order.
    pub(crate) fn category_names(&self, config: &Config) -> Vec<String> {
        names(config, self.categories)
    }

    /// Per category: the changed service names (v3's `changedServices`; every category has
    /// an entry, as in v3).
    pub(crate) fn service_names(&self, config: &Config) -> Vec<(String, Vec<String>)> {
        let mask = |i: usize| self.services.get(i).copied().unwrap_or(0);
        config.categories.iter().enumerate().map(|(i, cat)| (cat.name.clone(), service_names(cat, mask(i)))).collect()
    }
}

fn names(config: &Config, mask: u32) -> Vec<String> {
    let mut out = Vec::new();
    for (i, c) in config.categories.iter().enumerate() {
        if mask & bit(i) != 0 {
            out.push(c.name.clone());
        }
    }
    out
}

fn service_names(cat: &crate::config::Category, mask: u32) -> Vec<String> {
    let mut out = Vec::new();
    for (j, s) in cat.services.iter().enumerate() {
        if mask & bit(j) != 0 {
            out.push(s.name.clone());
        }
    }
    out
}

/// The mask of the named services of `cat` (unknown names ignored).
fn service_mask(cat: &crate::config::Category, wanted: &[String]) -> u32 {
    let mut mask = 0;
    for (j, s) in cat.services.iter().enumerate() {
        if wanted.contains(&s.name) {
            mask |= bit(j);
        }
    }
    mask
}

impl Choice {
    /// A choice from masks (tests).
    #[cfg(test)]
    pub(crate) fn from_masks(categories: u32, services: Vec<u32>) -> Choice {
        Choice { categories, services }
    }

    /// Nothing accepted at all.
    pub(crate) fn is_empty(&self) -> bool {
        self.categories == 0
    }

    /// Something is accepted now that was not in `old` (a category or a service).
    pub(crate) fn gained_since(&self, old: &Choice) -> bool {
        self.categories & !old.categories != 0 || self.services.iter().zip(old.services.iter()).any(|(n, o)| n & !o != 0)
    }

    /// Category `i` accepted on top of this choice, with service `j` — or, with `None`, all
    /// its services (a placeholder's "load" button), as a custom choice.
    pub(crate) fn with_one(&self, config: &Config, i: usize, j: Option<usize>) -> Choice {
        let mut services = self.services.clone();
        services.resize(config.categories.len(), 0);
        if let Some(mask) = services.get_mut(i) {
            *mask |= j.map(bit).unwrap_or(u32::MAX);
        }
        Choice::custom(config, self.categories | bit(i), &services)
    }

    /// These categories off, with their services (Global Privacy Control before a choice).
    pub(crate) fn without(&self, config: &Config, names: &[String]) -> Choice {
        let mut choice = self.clone();
        for i in names.iter().filter_map(|n| config.category_index(n)) {
            choice.categories &= !bit(i);
            if let Some(mask) = choice.services.get_mut(i) {
                *mask = 0;
            }
        }
        choice
    }

    /// The toggles as a list of `(category, service)` pairs (`""`: the category's own).
    pub(crate) fn toggle_pairs(&self, config: &Config) -> Vec<(String, String)> {
        let mut out = Vec::new();
        for (i, cat) in config.categories.iter().enumerate() {
            if self.has(i) {
                out.push((cat.name.clone(), String::new()));
            }
            for (j, s) in cat.services.iter().enumerate() {
                if self.has_service(i, j) {
                    out.push((cat.name.clone(), s.name.clone()));
                }
            }
        }
        out
    }

    /// The preferences' toggles as the page reports them (`toggle_pairs`' shape); unknown
    /// names are ignored.
    pub(crate) fn from_toggles(config: &Config, pairs: &[(String, String)]) -> Choice {
        let mut categories = 0;
        let mut services = vec![0u32; config.categories.len()];
        for (cat, service) in pairs {
            let Some(i) = config.category_index(cat) else { continue };
            if service.is_empty() {
                categories |= bit(i);
            } else if let Some(j) = config.categories.get(i).and_then(|c| c.services.iter().position(|s| s.name == *service)) {
                if let Some(mask) = services.get_mut(i) {
                    *mask |= bit(j);
                }
            }
        }
        Choice::toggled(config, categories, &services)
    }

    /// This choice with the `excluded` categories off (read-only ones stay on).
    pub(crate) fn excluding(&self, config: &Config, excluded: &[String]) -> Choice {
        let drop = Choice::mask(config, |c| !c.read_only && excluded.contains(&c.name));
        Choice::toggled(config, self.categories & !drop, &self.services)
    }

    pub(crate) fn has(&self, cat: usize) -> bool {
        self.categories & bit(cat) != 0
    }

    pub(crate) fn has_service(&self, cat: usize, svc: usize) -> bool {
        self.has(cat) && self.services.get(cat).map(|m| m & bit(svc) != 0).unwrap_or(false)
    }

    /// By name: unknown names are not accepted.
    pub(crate) fn accepts(&self, config: &Config, category: &str) -> bool {
        config.category_index(category).map(|i| self.has(i)).unwrap_or(false)
    }

    pub(crate) fn accepts_service(&self, config: &Config, category: &str, service: &str) -> bool {
        let Some(i) = config.category_index(category) else { return false };
        let Some(cat) = config.categories.get(i) else { return false };
        cat.services.iter().position(|s| s.name == service).map(|j| self.has_service(i, j)).unwrap_or(false)
    }

    /// A choice from a category mask; accepted categories get `services(i)` (read-only
    /// categories are always on, with all their services).
    fn build(config: &Config, mut categories: u32, mut services: impl FnMut(usize) -> u32) -> Choice {
        let mut masks = Vec::with_capacity(config.categories.len());
        for (i, cat) in config.categories.iter().enumerate() {
            let all = all_services(cat.services.len());
            let mask = if cat.read_only {
                categories |= bit(i);
                all
            } else if categories & bit(i) != 0 {
                services(i) & all
            } else {
                0
            };
            masks.push(mask);
        }
        Choice { categories, services: masks }
    }

    fn mask(config: &Config, mut accept: impl FnMut(&crate::config::Category) -> bool) -> u32 {
        let mut mask = 0;
        for (i, cat) in config.categories.iter().enumerate() {
            if accept(cat) {
                mask |= bit(i);
            }
        }
        mask
    }

    /// Nothing accepted: the state before consent in opt-in mode.
    pub(crate) fn none(config: &Config) -> Choice {
        Choice { categories: 0, services: vec![0; config.categories.len()] }
    }

    /// The categories marked `enabled` (and the read-only ones) with all their services:
    /// the toggles' initial state, and what runs before consent in opt-out mode.
    pub(crate) fn defaults(config: &Config) -> Choice {
        Choice::build(config, Choice::mask(config, |c| c.enabled), |_| u32::MAX)
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
    /// services entry has none of its services (as v3 reads it).
    pub(crate) fn restore(config: &Config, categories: &[String], services: &[(String, Vec<String>)]) -> Choice {
        let mask = Choice::mask(config, |c| categories.contains(&c.name));
        Choice::build(config, mask, |i| {
            let Some(cat) = config.categories.get(i) else { return 0 };
            services.iter().find(|(c, _)| *c == cat.name).map(|(_, stored)| service_mask(cat, stored)).unwrap_or(0)
        })
    }

    /// The choice an `acceptCategory(request, excluded)` call makes. Read-only categories
    /// can't be excluded; unknown names are ignored.
    pub(crate) fn requested(config: &Config, request: &Request, excluded: &[String]) -> Choice {
        let mask = Choice::mask(config, |cat| {
            let wanted = match request {
                Request::All => true,
                Request::Necessary => false,
                Request::Only(names) => names.contains(&cat.name),
            };
            wanted && !excluded.contains(&cat.name)
        });
        Choice::build(config, mask, |_| u32::MAX)
    }

    /// The preferences toggles as they are: `categories` on, with `services[i]` for
    /// category `i` (as v3 reads them, a category switched on counts even with none of its
    /// services on).
    fn toggled(config: &Config, categories: u32, services: &[u32]) -> Choice {
        Choice::build(config, categories, |i| services.get(i).copied().unwrap_or(0))
    }

    /// A custom selection: like [`Choice::toggled`], but a category with services is on
    /// only if one of them is.
    fn custom(config: &Config, categories: u32, services: &[u32]) -> Choice {
        let mut mask = categories;
        for (i, cat) in config.categories.iter().enumerate() {
            let on = services.get(i).copied().unwrap_or(0) & all_services(cat.services.len());
            if !cat.services.is_empty() && on == 0 {
                mask &= !bit(i);
            }
        }
        Choice::toggled(config, mask, services)
    }

    /// `acceptService(request, category)` on top of this choice: sets the services of
    /// category `i`; the category is accepted when at least one of them is.
    pub(crate) fn with_services(&self, config: &Config, i: usize, request: &ServiceRequest) -> Choice {
        let Some(cat) = config.categories.get(i) else { return self.clone() };
        let wanted = match request {
            ServiceRequest::All => all_services(cat.services.len()),
            ServiceRequest::None => 0,
            ServiceRequest::Only(names) => service_mask(cat, names),
        };
        let mut services = self.services.clone();
        services.resize(config.categories.len(), 0);
        services[i] = wanted;
        let categories = if wanted != 0 { self.categories | bit(i) } else { self.categories & !bit(i) };
        Choice::toggled(config, categories, &services)
    }

    /// How `getUserPreferences` classifies this choice.
    pub(crate) fn accept_type(&self, config: &Config) -> AcceptType {
        let everything = Choice::requested(config, &Request::All, &[]);
        let necessary = Choice::requested(config, &Request::Necessary, &[]);
        if *self == everything && !config.categories.is_empty() {
            AcceptType::All
        } else if self.categories == necessary.categories {
            AcceptType::Necessary
        } else {
            AcceptType::Custom
        }
    }

    /// The bits that differ from `before` (a service counts only while its category is on).
    pub(crate) fn changes_since(&self, before: &Choice, config: &Config) -> Changes {
        let mut services = Vec::with_capacity(config.categories.len());
        for i in 0..config.categories.len() {
            let now = if self.has(i) { self.services.get(i).copied().unwrap_or(0) } else { 0 };
            let then = if before.has(i) { before.services.get(i).copied().unwrap_or(0) } else { 0 };
            services.push(now ^ then);
        }
        Changes { categories: self.categories ^ before.categories, services }
    }

    /// Accepted category names, in config order.
    pub(crate) fn category_names(&self, config: &Config) -> Vec<String> {
        names(config, self.categories)
    }

    /// Rejected category names.
    pub(crate) fn rejected_names(&self, config: &Config) -> Vec<String> {
        names(config, !self.categories & all_services(config.categories.len()))
    }

    /// Per category: accepted (or, with `rejected`, not accepted) service names; every
    /// category has an entry.
    pub(crate) fn service_names(&self, config: &Config, rejected: bool) -> Vec<(String, Vec<String>)> {
        let mut out = Vec::with_capacity(config.categories.len());
        for (i, cat) in config.categories.iter().enumerate() {
            let on = if self.has(i) { self.services.get(i).copied().unwrap_or(0) } else { 0 };
            let mask = if rejected { !on & all_services(cat.services.len()) } else { on };
            out.push((cat.name.clone(), service_names(cat, mask)));
        }
        out
    }
}

#[cfg(test)]
mod tests;
