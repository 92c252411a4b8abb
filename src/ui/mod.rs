//! The banner and the preferences modal: their HTML (`html`, pure). The modals, the roles
//! of their controls and the actions those ask for are protocol (`crate::protocol`); the
//! DOM work is the host's.

pub(crate) mod html;
