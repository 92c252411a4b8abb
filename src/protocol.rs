//! Every code and message shape that crosses the boundary between the engine and the page,
//! defined once (docs/protocol.md). The JavaScript side's constants are generated from this
//! module into `src/js/protocol.js` ([`javascript`]; `cargo run --example protocol` writes it,
//! `scripts/build.mjs` runs that, and a native test fails when the file is stale).
//!
//! - The page calls the engine with `call(op, a, b)` ([`Op`]); every reply is one status digit
//!   ([`Status`]) followed by the payload.
//! - The engine calls the page with `host(op, a, b)` ([`HostOp`]; the name is host.js's
//!   function).
//! - Effects the loader carries out are JSON arrays `[kind, …]` ([`Fx`]).
//! - Messages that carry several fields are JSON arrays whose positions are named here
//!   (`ENV_*`, `HELD_*`, …); lists are JSON arrays of them.

#[allow(unused_imports)]
use crate::prelude::*;

/// An enum whose variants are wire codes (their order), each with the name the JavaScript
/// side knows it by.
macro_rules! codes {
    ($(#[$m:meta])* $name:ident, $prefix:literal { $($(#[$vm:meta])* $variant:ident = $js:literal,)* }) => {
        $(#[$m])*
        #[derive(Clone, Copy, Debug, PartialEq, Eq)]
        #[repr(u8)]
        pub(crate) enum $name { $($(#[$vm])* $variant,)* }
        // The generator of protocol.js (native) uses every item; the wasm, a few per enum.
        #[cfg_attr(target_arch = "wasm32", allow(dead_code))]
        impl $name {
            /// Every variant, in code order.
            pub(crate) const ALL: &'static [$name] = &[$($name::$variant,)*];
            /// The constant's prefix in protocol.js.
            pub(crate) const PREFIX: &'static str = $prefix;
            /// The variant with this code; `None` when it is out of range.
            pub(crate) fn from_code(code: u32) -> Option<$name> {
                Self::ALL.get(usize::try_from(code).ok()?).copied()
            }
            pub(crate) fn code(self) -> u8 {
                self as u8
            }
            /// Its name on the JavaScript side.
            pub(crate) fn name(self) -> &'static str {
                match self { $($name::$variant => $js,)* }
            }
        }
    };
}

// ---- the page calls the engine ----------------------------------------------------------------

/// Which part of the engine an operation needs: every page view, or a visitor who chooses
/// (preferences beyond the banner, the inline center, history, receipts, other languages).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Part {
    Core,
    Choosing,
}

/// The parts one build of the engine has. A build without a part answers its operations
/// with [`Status::NotInBuild`].
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) struct Parts {
    pub(crate) choosing: bool,
}

impl Parts {
    /// This build's parts (the `choosing` feature, on by default).
    pub(crate) const THIS_BUILD: Parts = Parts { choosing: cfg!(feature = "choosing") };

    pub(crate) fn has(self, part: Part) -> bool {
        match part {
            Part::Core => true,
            Part::Choosing => self.choosing,
        }
    }
}

codes! {
    /// The engine's operations: `call(op, a, b)`. Arguments are strings (`""` when unused);
    /// each variant says what `a` and `b` hold and what the reply's payload is. "effects" is a
    /// JSON array of [`Fx`] entries; a "flag" is `"1"` or `""`.
    Op, "OP_" {
        /// `a`: the config, walked (`walk` in core.js). → effects (the Consent Mode defaults).
        Configure = "CONFIGURE",
        /// `a`: a language code (`""`: the one shown). → what that language still needs
        /// loaded, `[LOAD_*, what, language code]`, or `""` when nothing.
        NextLoad = "NEXT_LOAD",
        /// `a`: the same language code, `b`: the text NEXT_LOAD asked for (`""`: it failed).
        /// → `""`.
        Provide = "PROVIDE",
        /// The page is ready (the DOM is parsed). → effects.
        Start = "START",
        /// `a`: an [`Action`] code. → effects.
        Act = "ACT",
        /// `a`: a click on a `data-role`: `[scope, role, category, service]` ([`Scope`],
        /// [`Role`]; the placeholder's `data-category` / `data-service`). → effects.
        Click = "CLICK",
        /// `a`: `"1"` to create the banner if there is none. → effects.
        Show = "SHOW",
        /// `a`, `b`: `acceptCategory`'s arguments as JSON. → effects.
        AcceptCategory = "ACCEPT_CATEGORY",
        /// `a`, `b`: `acceptService`'s arguments as JSON. → effects, or `""` when refused.
        AcceptService = "ACCEPT_SERVICE",
        /// `a`: a category. → flag.
        AcceptedCategory = "ACCEPTED_CATEGORY",
        /// `a`: a service, `b`: its category. → flag.
        AcceptedService = "ACCEPTED_SERVICE",
        /// → flag.
        ValidConsent = "VALID_CONSENT",
        /// `a`: a cookie name. → flag.
        ValidCookie = "VALID_COOKIE",
        /// `a`: names and RegExps, walked; `b`: `[path, domain]` as JSON.
        EraseCookies = "ERASE_COOKIES",
        /// `a`: `setCookieData`'s argument, walked. → flag.
        SetCookieData = "SET_COOKIE_DATA",
        /// `a`: another key or cookie name, or `""`. → the stored value as JSON (`{}`).
        GetCookie = "GET_COOKIE",
        /// → v3's defaults where the config is silent, as JSON (`getConfig()` lays the site's
        /// config over them).
        GetConfig = "GET_CONFIG",
        /// → `getUserPreferences()` as JSON.
        GetUserPreferences = "GET_USER_PREFERENCES",
        /// `a`: an absolute URL that page code wants to load. → a [`Verdict`] digit.
        Classify = "CLASSIFY",
        /// Another tab wrote. `a`: the storage event's key as JSON (`null`: cleared), or `""`
        /// (a broadcast). → effects.
        Sync = "SYNC",
        /// `a`: `"1"` to erase the stored consent. → `""`.
        Reset = "RESET",
        /// → the texts and categories shown (their SHA-256 goes into consent-log records).
        Shown = "SHOWN",
        /// `a`: a language code, `b`: `"1"` to force. → flag: the loader should load it and
        /// switch ([`Op::ApplyLanguage`]).
        Language = "LANGUAGE",
        /// `a`: a language code (loaded). → effects.
        ApplyLanguage = "APPLY_LANGUAGE",
        /// Render the inline preference center (the loader has set its element). → effects.
        MountPreferences = "MOUNT_PREFERENCES",
        /// → `getConsentHistory()` as JSON.
        History = "HISTORY",
        /// → effects (the receipt's download), or `""` before any consent.
        Receipt = "RECEIPT",
        /// Held markup may have been added since the last look (a single-page app rendered a
        /// route; `CookieConsent.scan()`): list the held elements again and release, hold or
        /// give placeholders as the current consent says. → effects.
        Scan = "SCAN",
    }
}

impl Op {
    pub(crate) fn part(self) -> Part {
        match self {
            Op::Language | Op::ApplyLanguage | Op::MountPreferences | Op::History | Op::Receipt => Part::Choosing,
            _ => Part::Core,
        }
    }
}

codes! {
    /// The first character of every reply.
    Status, "ST_" {
        Ok = "OK",
        /// The payload is a message for the site owner (the loader throws it as an `Error`).
        Error = "ERROR",
        /// This build of the engine leaves the operation out (issue 13's subset build).
        NotInBuild = "NOT_IN_BUILD",
        /// An unknown operation or an out-of-range code or argument: a bug in the caller.
        BadRequest = "BAD_REQUEST",
    }
}

/// A reply: the status digit, then the payload.
pub(crate) fn reply(status: Status, payload: &str) -> String {
    let mut out = String::with_capacity(payload.len() + 1);
    out.push(char::from(b'0' + status.code()));
    out.push_str(payload);
    out
}

codes! {
    /// What a control asks for: the `data-cc` values, the API's show and hide functions, the
    /// Escape key, and what a click leaves for after the effects before it ([`Fx::Then`]).
    Action, "ACT_" {
        AcceptAll = "ACCEPT_ALL",
        AcceptNecessary = "ACCEPT_NECESSARY",
        /// The current toggle selection.
        AcceptCustom = "ACCEPT_CUSTOM",
        ShowConsent = "SHOW_CONSENT",
        ShowPreferences = "SHOW_PREFERENCES",
        HidePreferences = "HIDE_PREFERENCES",
        HideConsent = "HIDE_CONSENT",
    }
}

/// `data-cc` values (on any element of the page) and the actions they ask for (v3's names).
pub(crate) const DATA_CC: [(&str, Action); 5] = [
    ("accept-all", Action::AcceptAll),
    ("accept-necessary", Action::AcceptNecessary),
    ("accept-custom", Action::AcceptCustom),
    ("show-consentModal", Action::ShowConsent),
    ("show-preferencesModal", Action::ShowPreferences),
];

codes! {
    /// `data-role` values of consentry's own controls; `ui/html.rs` writes them from here.
    /// What a role does depends on its [`Scope`]; the engine decides (`Engine::click`).
    Role, "ROLE_" {
        All = "all",
        Necessary = "necessary",
        Show = "show",
        Save = "save",
        Close = "close",
        Load = "load",
        Receipt = "receipt",
    }
}

codes! {
    /// Where a `data-role` element sits: the first scope (in code order) whose selector
    /// (`Scope::selector`) the element is inside.
    Scope, "SCOPE_" {
        Placeholder = "PLACEHOLDER",
        Center = "CENTER",
        Banner = "BANNER",
        Preferences = "PREFERENCES",
    }
}

impl Scope {
    /// The selector protocol.js's `SCOPES` lists (generated natively; the wasm never needs it).
    #[cfg(not(target_arch = "wasm32"))]
    pub(crate) fn selector(self) -> &'static str {
        match self {
            Scope::Placeholder => ".cc-ph",
            Scope::Center => ".cc-pc",
            Scope::Banner => "#cc-main .cm-wrapper",
            Scope::Preferences => "#cc-main .pm-wrapper",
        }
    }
}

codes! {
    /// The two modals (`render` / `show` arguments, `modalName` in events).
    Modal, "MODAL_" {
        Consent = "CONSENT",
        Preferences = "PREFERENCES",
    }
}

impl Modal {
    /// `modalName` in v3's events.
    pub(crate) fn event_name(self) -> &'static str {
        match self {
            Modal::Consent => "consentModal",
            Modal::Preferences => "preferencesModal",
        }
    }
}

codes! {
    /// Auto-blocking's verdict on a URL (`classify`).
    Verdict, "V_" {
        Pass = "PASS",
        Hold = "HOLD",
        /// Let it load, and list it in the `debug` report (no service claims it).
        Report = "REPORT",
    }
}

codes! {
    /// What the loader must load for a language (`NEXT_LOAD`'s reply: `[kind, what, code]`).
    Load, "LOAD_" {
        /// The site's translation URL (`what`); the loader provides the response's JSON text.
        Url = "URL",
        /// The site's translation function (`what`: its handle); the loader provides its
        /// result, walked.
        Call = "CALL",
        /// consentry's built-in locale `what` (`i18n/<what>.json` next to the loader).
        Builtin = "BUILTIN",
    }
}

// ---- the engine's effects ------------------------------------------------------------------

codes! {
    /// Effect kinds: the first element of each effect array.
    Fx, "FX_" {
        /// `[FX_EMIT, event, detail, callback | null, modal | -1]`: call the config's callback
        /// with `detail` and fire the `cc:` event; `modal` ([`Modal`]) puts that modal's
        /// element in `detail.modal`.
        Emit = "EMIT",
        /// `[FX_RELEASE, [index…]]`: release these held elements (indexes into the last HELD
        /// list); queued ones not listed are no longer allowed.
        Release = "RELEASE",
        /// `[FX_BLOCK, [index…]]`: hold these released embeds again.
        Block = "BLOCK",
        /// `[FX_PLACEHOLDER, index, html]`: put this placeholder before the held frame.
        Placeholder = "PLACEHOLDER",
        /// `[FX_RECHECK]`: auto-blocking checks what it holds again.
        Recheck = "RECHECK",
        /// `[FX_BROADCAST]`: tell the site's other tabs that the stored consent changed.
        Broadcast = "BROADCAST",
        /// `[FX_GTAG, [argument…]]`: `gtag(…arguments)` (Consent Mode).
        Gtag = "GTAG",
        /// `[FX_LOG, endpoint, record]`: send this consent record (`consentLog`).
        Log = "LOG",
        /// `[FX_CALL, handle]`: call a service's `onAccept` / `onReject`.
        Call = "CALL",
        /// `[FX_RELOAD]`.
        Reload = "RELOAD",
        /// `[FX_THEN, action]`: once the effects before it are carried out, `ACT` this action.
        Then = "THEN",
        /// `[FX_DOWNLOAD, file name, JSON text]`: offer this file to the visitor.
        Download = "DOWNLOAD",
        /// `[FX_PUSH, global, [item…]]`: `(window[global] ||= []).push(…items)` (UET's
        /// `uetq` consent commands, the `dataLayer` event).
        Push = "PUSH",
    }
}

// ---- the engine calls the page -------------------------------------------------------------

codes! {
    /// The page's operations (`host(op, a, b)` → a string, or `undefined` for none); the
    /// name is the function in src/js/host.js.
    HostOp, "" {
        /// → `Date.now()`.
        Now = "now",
        /// → the environment, `[ENV_*…]`.
        Env = "env",
        /// `a`: a message for `console.warn`.
        Warn = "warn",
        /// `a`: key. → the value (`undefined`: absent or unreadable).
        LocalGet = "localGet",
        /// `a`: key, `b`: value. → `"1"` when stored.
        LocalSet = "localSet",
        LocalRemove = "localRemove",
        /// → every localStorage and sessionStorage key, `[[session, key]…]`.
        StorageKeys = "storageKeys",
        /// `a`: `"1"` for sessionStorage, `b`: key.
        StorageRemove = "storageRemove",
        /// → `document.cookie`.
        Cookies = "cookies",
        /// `a`: one string for `document.cookie`.
        SetCookie = "setCookie",
        /// `a`: `[modal, rtl, language]`, `b`: the modal's markup.
        Render = "render",
        /// `a`: `[modal, visible, lock the page]`.
        Show = "show",
        /// → the preferences modal's checked toggles, `[[category, service]…]` (`service`
        /// `""` for a category's own toggle); `undefined` without the modal.
        Toggles = "toggles",
        /// `a`: the toggles to check (the same shape); every other one is unchecked.
        SetToggles = "setToggles",
        /// Remove `#cc-main` and the `<html>` classes.
        RemoveUi = "removeUi",
        /// → the held elements in document order, `[[HELD_*…]…]`.
        Held = "held",
        /// `a`: a RegExp handle, `b`: text. → `"1"` when it matches.
        RegexTest = "regexTest",
        /// `a`: a function handle, `b`: its argument. → the number it returned.
        CallNumber = "callNumber",
        /// `a`: `[rtl, language]`, `b`: the inline center's markup.
        RenderCenter = "renderCenter",
        /// → the inline center's checked toggles (as TOGGLES).
        CenterToggles = "centerToggles",
        /// `a`: where the modals go, as JSON: a selector, an Element's handle, or `null`
        /// (`document.body`).
        SetRoot = "setRoot",
    }
}

codes! {
    /// How a held element is listed (`HELD_KIND`).
    HeldKind, "HELD_" {
        /// A `<script type="text/plain">` not released yet.
        Script = "SCRIPT",
        /// An `<iframe data-src>` not released yet: it gets a placeholder while held.
        Frame = "FRAME",
        /// Other held media (`img`, `video`, `audio`, `source` with `data-src`).
        Media = "MEDIA",
        /// An embed released earlier (held again when its consent is withdrawn).
        Live = "LIVE",
    }
}

/// Positions in a held element's entry (`HELD` replies): `data-category`, `data-service`
/// (either may be `null`), and its [`HeldKind`].
pub(crate) const HELD_CATEGORY: usize = 0;
pub(crate) const HELD_SERVICE: usize = 1;
pub(crate) const HELD_KIND: usize = 2;

/// Positions in the environment (`ENV` reply): `<html lang>`, `navigator.language`, the user
/// agent, `navigator.webdriver`, the host name, `navigator.globalPrivacyControl === true`,
/// https, `location.origin`, `location.pathname`.
pub(crate) const ENV_DOCUMENT_LANGUAGE: usize = 0;
pub(crate) const ENV_BROWSER_LANGUAGE: usize = 1;
pub(crate) const ENV_USER_AGENT: usize = 2;
pub(crate) const ENV_WEBDRIVER: usize = 3;
pub(crate) const ENV_HOSTNAME: usize = 4;
pub(crate) const ENV_GPC: usize = 5;
pub(crate) const ENV_HTTPS: usize = 6;
pub(crate) const ENV_ORIGIN: usize = 7;
pub(crate) const ENV_PATH: usize = 8;

/// The named positions, for protocol.js: (name, value).
#[cfg(not(target_arch = "wasm32"))]
const POSITIONS: [(&str, usize); 12] = [
    ("HELD_CATEGORY", HELD_CATEGORY),
    ("HELD_SERVICE", HELD_SERVICE),
    ("HELD_KIND", HELD_KIND),
    ("ENV_DOCUMENT_LANGUAGE", ENV_DOCUMENT_LANGUAGE),
    ("ENV_BROWSER_LANGUAGE", ENV_BROWSER_LANGUAGE),
    ("ENV_USER_AGENT", ENV_USER_AGENT),
    ("ENV_WEBDRIVER", ENV_WEBDRIVER),
    ("ENV_HOSTNAME", ENV_HOSTNAME),
    ("ENV_GPC", ENV_GPC),
    ("ENV_HTTPS", ENV_HTTPS),
    ("ENV_ORIGIN", ENV_ORIGIN),
    ("ENV_PATH", ENV_PATH),
];

/// Google Consent Mode v2 consent types, in the order they are reported. The loader needs
/// them only when there is no engine (every type denied: fail closed).
pub(crate) const GCM_TYPES: [&str; 7] =
    ["ad_storage", "ad_user_data", "ad_personalization", "analytics_storage", "functionality_storage", "personalization_storage", "security_storage"];

// ---- protocol.js ---------------------------------------------------------------------------

/// The text of `src/js/protocol.js`: plain constants first (esbuild inlines them where they
/// are used), then the tables the loader looks strings up in.
#[cfg(not(target_arch = "wasm32"))]
pub fn javascript() -> String {
    use core::fmt::Write;
    let mut out = String::from(
        "// Generated from src/protocol.rs by `cargo run --example protocol` (scripts/build.mjs runs it).\n\
         // Do not edit: change src/protocol.rs and rebuild. docs/protocol.md describes the protocol.\n",
    );
    fn group<T: Copy>(out: &mut String, title: &str, prefix: &str, all: &[T], name: impl Fn(T) -> &'static str, code: impl Fn(T) -> u8) {
        let _ = writeln!(out, "\n// {title}");
        for &v in all {
            let _ = writeln!(out, "export const {prefix}{} = {};", upper(name(v)), code(v));
        }
    }
    group(&mut out, "Operations: call(op, a, b)", Op::PREFIX, Op::ALL, Op::name, Op::code);
    group(&mut out, "Reply status (the reply's first character)", Status::PREFIX, Status::ALL, Status::name, Status::code);
    group(&mut out, "Actions", Action::PREFIX, Action::ALL, Action::name, Action::code);
    group(&mut out, "Where a data-role was clicked", Scope::PREFIX, Scope::ALL, Scope::name, Scope::code);
    group(&mut out, "Modals", Modal::PREFIX, Modal::ALL, Modal::name, Modal::code);
    group(&mut out, "Auto-blocking verdicts", Verdict::PREFIX, Verdict::ALL, Verdict::name, Verdict::code);
    group(&mut out, "What a language needs loaded", Load::PREFIX, Load::ALL, Load::name, Load::code);
    group(&mut out, "Effect kinds", Fx::PREFIX, Fx::ALL, Fx::name, Fx::code);
    group(&mut out, "Held element kinds", HeldKind::PREFIX, HeldKind::ALL, HeldKind::name, HeldKind::code);
    let _ = writeln!(out, "\n// Positions in messages");
    for (name, value) in POSITIONS {
        let _ = writeln!(out, "export const {name} = {value};");
    }
    let _ = writeln!(out, "\n// data-cc values → actions (no prototype: only these names are keys)");
    let _ = write!(out, "export const DATA_CC = {{ __proto__: null");
    for (value, action) in DATA_CC {
        let _ = write!(out, ", '{value}': {}", action.code());
    }
    let _ = writeln!(out, " }};");
    let _ = writeln!(out, "// data-role values → roles");
    let _ = write!(out, "export const ROLES = {{ __proto__: null");
    for role in Role::ALL {
        let _ = write!(out, ", {}: {}", role.name(), role.code());
    }
    let _ = writeln!(out, " }};");
    let quoted = |names: &mut dyn Iterator<Item = &'static str>| names.map(|n| std::format!("'{n}'")).collect::<Vec<_>>().join(", ");
    let _ = writeln!(out, "// The selector of each scope, by code");
    let _ = writeln!(out, "export const SCOPES = [{}];", quoted(&mut Scope::ALL.iter().map(|s| s.selector())));
    let _ = writeln!(out, "// host.js's functions, by HostOp code");
    let _ = writeln!(out, "export const HOST_OPS = [{}];", quoted(&mut HostOp::ALL.iter().map(|h| h.name())));
    let _ = writeln!(out, "// Google Consent Mode v2 consent types");
    let _ = writeln!(out, "export const GCM_TYPES = [{}];", quoted(&mut GCM_TYPES.iter().copied()));
    out
}

#[cfg(not(target_arch = "wasm32"))]
fn upper(name: &str) -> String {
    name.to_ascii_uppercase()
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The generated file is what this module renders now (natively: the generator and the
    /// file system are not in the wasm).
    #[cfg(not(target_arch = "wasm32"))]
    #[test]
    fn protocol_js_is_current() {
        let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("src/js/protocol.js");
        let on_disk = std::fs::read_to_string(&path).unwrap_or_default();
        assert!(on_disk == javascript(), "src/js/protocol.js is stale: run `cargo run --example protocol` (or `node scripts/build.mjs`) and commit it");
    }

    #[test]
    fn codes_are_their_order_and_out_of_range_is_none() {
        for (i, op) in Op::ALL.iter().enumerate() {
            assert_eq!(usize::from(op.code()), i);
            assert_eq!(Op::from_code(i as u32), Some(*op));
        }
        assert_eq!(Op::from_code(Op::ALL.len() as u32), None);
        assert_eq!(Action::from_code(7), None, "an eighth action does not exist");
        assert_eq!(Action::from_code(u32::MAX), None);
        assert_eq!(Role::from_code(255), None);
    }

    #[test]
    fn names_are_unique_within_each_table() {
        fn unique<T: Copy>(all: &[T], name: impl Fn(T) -> &'static str) {
            let mut names: Vec<&str> = all.iter().map(|v| name(*v)).collect();
            names.sort_unstable();
            let n = names.len();
            names.dedup();
            assert_eq!(names.len(), n);
        }
        unique(Op::ALL, Op::name);
        unique(HostOp::ALL, HostOp::name);
        unique(Role::ALL, Role::name);
        unique(Fx::ALL, Fx::name);
        let mut values: Vec<&str> = DATA_CC.iter().map(|(v, _)| *v).collect();
        values.dedup();
        assert_eq!(values.len(), DATA_CC.len());
    }

    #[test]
    fn a_build_without_a_part_says_so() {
        let core_only = Parts { choosing: false };
        assert!(core_only.has(Part::Core));
        assert!(!core_only.has(Op::History.part()));
        assert!(Parts::THIS_BUILD.has(Op::History.part()), "the default build is the full engine");
        assert_eq!(reply(Status::NotInBuild, ""), "2");
        assert_eq!(reply(Status::Ok, "!x"), "0!x", "a payload may start with anything");
    }
}
