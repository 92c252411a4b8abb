//! consentry's own texts (written for consentry), used where a site's translation leaves a
//! string out. English ships in the engine; other locales come with the preference-center
//! work.

#[allow(unused_imports)]
use crate::prelude::*;

use super::TEXT_COUNT;

pub(crate) struct Table {
    pub(crate) code: &'static str,
    pub(crate) texts: [&'static str; TEXT_COUNT],
    /// Titles and descriptions of well-known category names.
    pub(crate) categories: &'static [(&'static str, &'static str, &'static str)],
}

const EN: Table = Table {
    code: "en",
    texts: [
        "Cookie consent",
        "We value your privacy",
        "We use cookies and similar technologies to run this site, to understand how it is used and, if you agree, to show you relevant ads. You choose which ones we may use.",
        "Accept all",
        "Reject all",
        "Manage preferences",
        "",
        "Our privacy practices have changed since you last chose, so we are asking again.",
        "",
        "Privacy preferences",
        "Accept all",
        "Reject all",
        "Save preferences",
        "Close",
        "service|services",
        "How we use cookies",
        "Choose which categories of cookies and similar technologies this site may use. Strictly necessary ones are always on because the site cannot work without them. You can change your choice at any time.",
        "More information",
        "For questions about how we handle your data, contact us through the details in our privacy policy.",
        "This content is provided by {service}, which may set cookies and collect data about your visit. It loads only if you allow it.",
        "Load content",
        "Cookie preferences",
    ],
    categories: &[
        ("necessary", "Strictly necessary", "Needed for the site to work, for example to remember this choice and to keep you signed in. They cannot be switched off."),
        ("functionality", "Functionality", "Remember preferences such as language or region, and enable features like chat or embedded videos."),
        ("preferences", "Preferences", "Remember preferences such as language or region."),
        ("analytics", "Analytics", "Help us understand how visitors use the site, so we can measure and improve it. The data is aggregated."),
        ("marketing", "Marketing", "Used by advertising partners to show you relevant ads and measure campaigns, on this site and elsewhere."),
    ],
};

const TABLES: [&Table; 1] = [&EN];

/// The built-in table for a language code (case-insensitive, `de-AT` → `de`).
pub(crate) fn table(code: &str) -> Option<&'static Table> {
    let primary = code.split(['-', '_']).next().unwrap_or(code);
    TABLES.iter().copied().find(|t| t.code.eq_ignore_ascii_case(primary))
}

/// The code consentry uses for a built-in language.
pub(crate) fn canonical(code: &str) -> String {
    table(code).map(|t| t.code.to_owned()).unwrap_or_else(|| code.to_owned())
}

/// Title and description of a well-known category.
pub(crate) fn category(table: Option<&'static Table>, name: &str) -> Option<(&'static str, &'static str)> {
    table?.categories.iter().find(|(n, _, _)| *n == name).map(|(_, t, d)| (*t, *d))
}
