//! The banner and the preferences modal: their HTML (`html`, pure), and the names of the
//! modals and of the actions their buttons ask for. The DOM work is the host's.

#[allow(unused_imports)]
use crate::prelude::*;

pub(crate) mod html;

/// The two modals.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
#[repr(u8)]
pub(crate) enum Modal {
    Consent = 0,
    Preferences = 1,
}

impl Modal {
    /// `modalName` in v3's events.
    pub(crate) fn name(self) -> &'static str {
        match self {
            Modal::Consent => "consentModal",
            Modal::Preferences => "preferencesModal",
        }
    }
}

/// What a click on one of consentry's controls asks for. The host maps `data-cc` values and
/// modal buttons' `data-role`s to these codes (the same table is in `src/js/core.js`).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
#[repr(u8)]
pub(crate) enum Action {
    AcceptAll = 0,
    AcceptNecessary = 1,
    /// The current toggle selection.
    AcceptCustom = 2,
    ShowConsent = 3,
    ShowPreferences = 4,
    HidePreferences = 5,
    HideConsent = 6,
    /// The inline preference center's "save" button.
    SaveInline = 7,
}

impl Action {
    pub(crate) fn from_code(code: u8) -> Option<Action> {
        Some(match code {
            0 => Action::AcceptAll,
            1 => Action::AcceptNecessary,
            2 => Action::AcceptCustom,
            3 => Action::ShowConsent,
            4 => Action::ShowPreferences,
            5 => Action::HidePreferences,
            6 => Action::HideConsent,
            7 => Action::SaveInline,
            _ => return None,
        })
    }
}
