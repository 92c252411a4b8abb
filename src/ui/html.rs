//! The modals' HTML, written as strings (one `innerHTML` per modal is far smaller and faster
//! than building nodes one call at a time). Pure: tested natively against MARKUP.md.

#[allow(unused_imports)]
use crate::prelude::*;

use crate::config::{CmKind, Config, Horizontal, Vertical};
use crate::consent::{AcceptType, Choice};
use crate::i18n::sanitize::{escape, sanitize};
use crate::i18n::{Section, Texts, T};
use crate::protocol::{Action, Role, DATA_CC};

/// What the modals need to know besides config and texts.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub(crate) struct Notes {
    /// The stored consent is from an older revision: show `revisionMessage`.
    pub(crate) revision_changed: bool,
    /// Global Privacy Control was honoured: say so.
    pub(crate) gpc: bool,
}

const CLOSE_ICON: &str = "<svg viewBox=\"0 0 24 24\" width=\"20\" height=\"20\" aria-hidden=\"true\" focusable=\"false\"><path d=\"M19.5 4.5l-15 15M4.5 4.5l15 15\" fill=\"none\" stroke=\"currentColor\" stroke-width=\"2\" stroke-linecap=\"round\"/></svg>";

fn attr(out: &mut String, name: &str, value: &str) {
    out.push(' ');
    out.push_str(name);
    out.push_str("=\"");
    escape(value, out);
    out.push('"');
}

/// ` data-role="…"` (the roles and their names: `protocol::Role`).
fn role(out: &mut String, role: Role) {
    out.push_str(" data-role=\"");
    out.push_str(role.name());
    out.push('"');
}

fn button(out: &mut String, class: &str, r: Role, label: &str) {
    out.push_str("<button type=\"button\" class=\"");
    out.push_str(class);
    out.push('"');
    role(out, r);
    out.push('>');
    out.push_str(&sanitize(label));
    out.push_str("</button>");
}

/// The `data-cc` value of an action (`protocol::DATA_CC`).
fn data_cc(action: Action) -> &'static str {
    DATA_CC.iter().find(|(_, a)| *a == action).map(|(v, _)| *v).unwrap_or("")
}

/// The consent modal (`.cm-wrapper`).
pub(crate) fn consent_modal(config: &Config, texts: &Texts, notes: Notes) -> String {
    let gui = &config.consent_gui;
    let mut out = String::with_capacity(1024);
    out.push_str("<div class=\"cm-wrapper\"><div class=\"cm-overlay\"></div><div class=\"cm cm--");
    out.push_str(match gui.kind {
        CmKind::Box => "box",
        CmKind::Cloud => "cloud",
        CmKind::Bar => "bar",
    });
    if gui.wide {
        out.push_str(" cm--wide");
    }
    if gui.inline {
        out.push_str(" cm--inline");
    }
    out.push_str(match gui.vertical {
        Vertical::Top => " cm--top",
        Vertical::Middle => " cm--middle",
        Vertical::Bottom => " cm--bottom",
    });
    out.push_str(match gui.horizontal {
        Horizontal::Left => " cm--left",
        Horizontal::Center => " cm--center",
        Horizontal::Right => " cm--right",
    });
    if gui.flip_buttons {
        out.push_str(" cm--flip");
    }
    out.push_str("\" role=\"dialog\" aria-modal=\"");
    out.push_str(if config.disable_page_interaction { "true" } else { "false" });
    out.push_str("\" aria-labelledby=\"cm__title\" aria-describedby=\"cm__desc\" aria-hidden=\"true\" tabindex=\"-1\"");
    let label = texts.get(T::CmLabel);
    if !label.is_empty() {
        // The visible title names the dialog; `label` (v3) is its accessible description
        // prefix for screen readers when the title is missing.
        attr(&mut out, "data-label", label);
    }
    out.push_str("><div class=\"cm__body\"><div class=\"cm__texts\"><h2 class=\"cm__title\" id=\"cm__title\">");
    let title = texts.get(T::CmTitle);
    out.push_str(&sanitize(if title.is_empty() { label } else { title }));
    out.push_str("</h2><div class=\"cm__desc\" id=\"cm__desc\">");
    // v3's `{{revisionMessage}}` placeholder: the message after a revision change, else
    // nothing. Without the placeholder the message follows the description.
    let description = texts.get(T::CmDescription);
    let message = if notes.revision_changed { texts.get(T::CmRevisionMessage) } else { "" };
    const PLACEHOLDER: &str = "{{revisionMessage}}";
    out.push_str(&sanitize(&description.replace(PLACEHOLDER, message)));
    if !description.contains(PLACEHOLDER) && !message.is_empty() {
        out.push_str("<p class=\"cm__revision\">");
        out.push_str(&sanitize(texts.get(T::CmRevisionMessage)));
        out.push_str("</p>");
    }
    if notes.gpc {
        out.push_str("<p class=\"cm__gpc\">");
        out.push_str(&sanitize(texts.get(T::CmGpcNotice)));
        out.push_str("</p>");
    }
    out.push_str("</div></div><div class=\"cm__btns\">");

    let reject_class = if gui.equal_weight_buttons { "cm__btn" } else { "cm__btn cm__btn--secondary" };
    let mut main = String::new();
    let (first, second) = if gui.flip_buttons {
        ((Role::Necessary, reject_class, T::CmAcceptNecessary), (Role::All, "cm__btn", T::CmAcceptAll))
    } else {
        ((Role::All, "cm__btn", T::CmAcceptAll), (Role::Necessary, reject_class, T::CmAcceptNecessary))
    };
    main.push_str("<div class=\"cm__btn-group\">");
    button(&mut main, first.1, first.0, texts.get(first.2));
    button(&mut main, second.1, second.0, texts.get(second.2));
    main.push_str("</div>");
    let mut show = String::new();
    let show_label = texts.get(T::CmShowPreferences);
    if !show_label.is_empty() {
        show.push_str("<div class=\"cm__btn-group\">");
        button(&mut show, "cm__btn cm__btn--secondary", Role::Show, show_label);
        show.push_str("</div>");
    }
    if gui.flip_buttons {
        out.push_str(&show);
        out.push_str(&main);
    } else {
        out.push_str(&main);
        out.push_str(&show);
    }
    out.push_str("</div></div>");
    let footer = texts.get(T::CmFooter);
    if !footer.is_empty() {
        out.push_str("<div class=\"cm__footer\"><div class=\"cm__links\">");
        out.push_str(&sanitize(footer));
        out.push_str("</div></div>");
    }
    let close = texts.get(T::CmCloseLabel);
    if !close.is_empty() {
        // v3: the close icon rejects (necessary only).
        out.push_str("<button type=\"button\" class=\"cm__btn cm__btn--close\"");
        role(&mut out, Role::Necessary);
        attr(&mut out, "aria-label", close);
        out.push('>');
        out.push_str(CLOSE_ICON);
        out.push_str("</button>");
    }
    out.push_str("</div></div>");
    out
}

/// The preferences modal (`.pm-wrapper`), toggles set from `toggles`.
pub(crate) fn preferences_modal(config: &Config, texts: &Texts, toggles: &Choice, notes: Notes) -> String {
    let gui = &config.prefs_gui;
    let mut out = String::with_capacity(4096);
    // A click on the overlay closes the preferences: it has the close button's role.
    out.push_str("<div class=\"pm-wrapper\"><div class=\"pm-overlay\"");
    role(&mut out, Role::Close);
    out.push_str("></div><div class=\"pm ");
    out.push_str(if gui.bar { "pm--bar" } else { "pm--box" });
    if gui.wide {
        out.push_str(" pm--wide");
    }
    if gui.bar {
        out.push_str(if gui.left { " pm--left" } else { " pm--right" });
    }
    if gui.flip_buttons {
        out.push_str(" pm--flip");
    }
    out.push_str("\" role=\"dialog\" aria-modal=\"true\" aria-labelledby=\"pm__title\" aria-hidden=\"true\" tabindex=\"-1\"><div class=\"pm__header\"><h2 class=\"pm__title\" id=\"pm__title\" tabindex=\"-1\">");
    out.push_str(&sanitize(texts.get(T::PmTitle)));
    out.push_str("</h2><button type=\"button\" class=\"pm__close-btn\"");
    role(&mut out, Role::Close);
    attr(&mut out, "aria-label", texts.get(T::PmCloseLabel));
    out.push('>');
    out.push_str(CLOSE_ICON);
    out.push_str("</button></div>");
    preferences_body(&mut out, config, texts, toggles, "pm", notes.gpc);
    preferences_footer(&mut out, config, texts);
    out.push_str("</div></div>");
    out
}

/// The inline preference center (`mountPreferences`): the same sections, toggles and
/// buttons as the modal, then this device's consent history and the receipt button.
/// `records`: the link to where the site keeps the consent records, if any.
pub(crate) fn center(
    config: &Config,
    texts: &Texts,
    toggles: &Choice,
    notes: Notes,
    history: &[crate::consent::history::Entry],
    records: Option<&str>,
) -> String {
    let mut out = String::with_capacity(4096);
    out.push_str(
        "<div class=\"pm pm--inline\" role=\"region\" aria-labelledby=\"cc-pc__title\"><div class=\"pm__header\"><h2 class=\"pm__title\" id=\"cc-pc__title\">",
    );
    out.push_str(&sanitize(texts.get(T::PmTitle)));
    out.push_str("</h2></div>");
    preferences_body(&mut out, config, texts, toggles, "pc", notes.gpc);
    preferences_footer(&mut out, config, texts);
    out.push_str("<div class=\"cc-pc__history\"><h3 class=\"cc-pc__history-title\">");
    out.push_str(&sanitize(texts.get(T::PcHistoryTitle)));
    out.push_str("</h3>");
    if history.is_empty() {
        out.push_str("<p class=\"cc-pc__history-empty\">");
        out.push_str(&sanitize(texts.get(T::PcHistoryEmpty)));
        out.push_str("</p>");
    } else {
        out.push_str("<ol class=\"cc-pc__history-list\" reversed>");
        for entry in history.iter().rev() {
            out.push_str("<li><time datetime=\"");
            escape(&entry.time, &mut out);
            out.push_str("\">");
            escape(&entry.time, &mut out);
            out.push_str("</time> <span>");
            out.push_str(&history_summary(config, texts, entry));
            out.push_str("</span></li>");
        }
        out.push_str("</ol>");
    }
    if let Some(url) = records {
        out.push_str("<p class=\"cc-pc__records\"><a");
        attr(&mut out, "href", url);
        out.push_str(" target=\"_blank\" rel=\"noopener\">");
        out.push_str(&sanitize(texts.get(T::PcRecords)));
        out.push_str("</a></p>");
    }
    button(&mut out, "pm__btn pm__btn--secondary", Role::Receipt, texts.get(T::PcReceipt));
    out.push_str("</div></div>");
    out
}

/// "Accepted all", "Only strictly necessary" or "Accepted: Analytics, Marketing".
fn history_summary(config: &Config, texts: &Texts, entry: &crate::consent::history::Entry) -> String {
    let choice = Choice::restore(config, &entry.categories, &entry.services);
    match choice.accept_type(config) {
        AcceptType::All => return sanitize(texts.get(T::PcHistoryAll)),
        AcceptType::Necessary => return sanitize(texts.get(T::PcHistoryNecessary)),
        AcceptType::Custom => {}
    }
    let mut names = String::new();
    for (_, cat) in config.categories.iter().enumerate().filter(|(i, c)| choice.has(*i) && !c.read_only) {
        if !names.is_empty() {
            names.push_str(", ");
        }
        let title = texts.sections.iter().find(|s| s.linked_category.as_deref() == Some(&cat.name)).and_then(|s| s.title.as_deref());
        names.push_str(&sanitize(title.unwrap_or(&cat.name)));
    }
    let template = sanitize(texts.get(T::PcHistoryCustom));
    template.replacen("{categories}", &names, 1)
}

/// Sections and toggles (shared by the modal and the inline preference center).
/// `prefix` keeps ids unique when both exist on one page.
pub(crate) fn preferences_body(out: &mut String, config: &Config, texts: &Texts, toggles: &Choice, prefix: &str, gpc: bool) {
    out.push_str("<div class=\"pm__body\">");
    if gpc {
        out.push_str("<p class=\"pm__gpc\">");
        out.push_str(&sanitize(texts.get(T::PmGpcNotice)));
        out.push_str("</p>");
    }
    for (i, section) in texts.sections.iter().enumerate() {
        section_html(out, config, texts, toggles, section, prefix, i);
    }
    out.push_str("</div>");
}

pub(crate) fn preferences_footer(out: &mut String, config: &Config, texts: &Texts) {
    let gui = &config.prefs_gui;
    let reject_class = if gui.equal_weight_buttons { "pm__btn" } else { "pm__btn pm__btn--secondary" };
    let mut main = String::from("<div class=\"pm__btn-group\">");
    if gui.flip_buttons {
        button(&mut main, reject_class, Role::Necessary, texts.get(T::PmAcceptNecessary));
        button(&mut main, "pm__btn", Role::All, texts.get(T::PmAcceptAll));
    } else {
        button(&mut main, "pm__btn", Role::All, texts.get(T::PmAcceptAll));
        button(&mut main, reject_class, Role::Necessary, texts.get(T::PmAcceptNecessary));
    }
    main.push_str("</div>");
    let mut save = String::from("<div class=\"pm__btn-group\">");
    button(&mut save, "pm__btn pm__btn--secondary", Role::Save, texts.get(T::PmSave));
    save.push_str("</div>");
    out.push_str("<div class=\"pm__footer\">");
    if gui.flip_buttons {
        out.push_str(&save);
        out.push_str(&main);
    } else {
        out.push_str(&main);
        out.push_str(&save);
    }
    out.push_str("</div>");
}

fn section_html(out: &mut String, config: &Config, texts: &Texts, toggles: &Choice, section: &Section, prefix: &str, index: usize) {
    let category = section.linked_category.as_deref().and_then(|name| config.category(name));
    let title = section.title.as_deref().unwrap_or("");
    let Some(cat) = category else {
        out.push_str("<div class=\"pm__section\">");
        if !title.is_empty() {
            out.push_str("<h3 class=\"pm__section-title\">");
            out.push_str(&sanitize(title));
            out.push_str("</h3>");
        }
        if let Some(desc) = &section.description {
            out.push_str("<div class=\"pm__section-desc\">");
            out.push_str(&sanitize(desc));
            out.push_str("</div>");
        }
        if let Some(table) = &section.cookie_table {
            table_html(out, table);
        }
        out.push_str("</div>");
        return;
    };
    let mut id = String::from("cc-");
    id.push_str(prefix);
    id.push('-');
    crate::value::push_int(index as i64, &mut id);
    out.push_str("<div class=\"pm__section pm__section--toggle\"");
    attr(out, "data-category", &cat.name);
    out.push_str("><div class=\"pm__section-title-wrapper\"><button type=\"button\" class=\"pm__section-title\" aria-expanded=\"false\"");
    attr(out, "aria-controls", &id);
    out.push('>');
    out.push_str(&sanitize(title));
    if !cat.services.is_empty() {
        let n = cat.services.len();
        let counter = texts.get(T::PmServiceCounter);
        let mut forms = counter.split('|');
        let singular = forms.next().unwrap_or("");
        let label = if n == 1 { singular } else { forms.next().unwrap_or(singular) };
        out.push_str(" <span class=\"pm__badge\">");
        crate::value::push_int(n as i64, out);
        if !label.is_empty() {
            out.push(' ');
            out.push_str(&sanitize(label));
        }
        out.push_str("</span>");
    }
    out.push_str("</button>");
    toggle(out, "section__toggle", &cat.name, None, toggles.accepts(config, &cat.name), cat.read_only, title);
    out.push_str("</div><div class=\"pm__section-desc-wrapper\"");
    attr(out, "id", &id);
    out.push_str(" hidden>");
    if let Some(desc) = &section.description {
        out.push_str("<div class=\"pm__section-desc\">");
        out.push_str(&sanitize(desc));
        out.push_str("</div>");
    }
    if !cat.services.is_empty() {
        out.push_str("<div class=\"pm__service-list\">");
        for service in &cat.services {
            let label = service.label.as_deref().unwrap_or(&service.name);
            out.push_str("<div class=\"pm__service\"><div class=\"pm__service-title\">");
            out.push_str(&sanitize(label));
            out.push_str("</div>");
            let on = toggles.accepts_service(config, &cat.name, &service.name);
            toggle(out, "service__toggle", &service.name, Some(&cat.name), on, cat.read_only, label);
            out.push_str("</div>");
        }
        out.push_str("</div>");
    }
    if let Some(table) = &section.cookie_table {
        table_html(out, table);
    }
    out.push_str("</div></div>");
}

fn toggle(out: &mut String, class: &str, value: &str, category: Option<&str>, checked: bool, disabled: bool, label: &str) {
    out.push_str("<label class=\"section__toggle-wrapper");
    if category.is_some() {
        out.push_str(" service__toggle-wrapper");
    }
    if disabled {
        out.push_str(" is-disabled");
    }
    out.push_str("\"><input type=\"checkbox\" class=\"");
    out.push_str(class);
    out.push('"');
    attr(out, "value", value);
    if let Some(cat) = category {
        attr(out, "data-category", cat);
    }
    if checked || disabled {
        out.push_str(" checked");
    }
    if disabled {
        out.push_str(" disabled");
    }
    out.push_str("><span class=\"toggle__icon\" aria-hidden=\"true\"><span class=\"toggle__icon-circle\"></span></span><span class=\"toggle__label\">");
    out.push_str(&sanitize(label));
    out.push_str("</span></label>");
}

fn table_html(out: &mut String, table: &crate::i18n::CookieTable) {
    // Explicit roles: narrow modals stack the rows (`display: block`), which drops the table
    // semantics in some browsers (WebKit) unless the roles are written out.
    out.push_str("<table class=\"pm__section-table\" role=\"table\">");
    if let Some(caption) = &table.caption {
        out.push_str("<caption>");
        out.push_str(&sanitize(caption));
        out.push_str("</caption>");
    }
    out.push_str("<thead role=\"rowgroup\"><tr role=\"row\">");
    for (_, header) in &table.headers {
        out.push_str("<th scope=\"col\" role=\"columnheader\">");
        out.push_str(&sanitize(header));
        out.push_str("</th>");
    }
    out.push_str("</tr></thead><tbody role=\"rowgroup\">");
    for row in &table.body {
        out.push_str("<tr role=\"row\">");
        for (key, header) in &table.headers {
            out.push_str("<td role=\"cell\"");
            attr(out, "data-column", header);
            out.push('>');
            if let Some((_, cell)) = row.iter().find(|(k, _)| k == key) {
                out.push_str(&sanitize(cell));
            }
            out.push_str("</td>");
        }
        out.push_str("</tr>");
    }
    out.push_str("</tbody></table>");
}

/// The placeholder of a held iframe (contextual consent): what it is, a button that loads it
/// (accepting its service, or its category when it names none) and a link to the preferences.
pub(crate) fn placeholder(texts: &Texts, category: &str, service: Option<&str>, label: &str) -> String {
    let mut out = String::from("<div class=\"cc-ph\" data-category=\"");
    escape(category, &mut out);
    out.push('"');
    if let Some(s) = service {
        out.push_str(" data-service=\"");
        escape(s, &mut out);
        out.push('"');
    }
    out.push_str("><p class=\"cc-ph__text\">");
    // `{service}` in the text names the service (its label is already HTML from the config).
    let text = sanitize(texts.get(T::EmbedText));
    let mut parts = text.splitn(2, "{service}");
    out.push_str(parts.next().unwrap_or(""));
    if let Some(rest) = parts.next() {
        out.push_str("<strong>");
        out.push_str(&sanitize(label));
        out.push_str("</strong>");
        out.push_str(rest);
    }
    out.push_str("</p>");
    button(&mut out, "cc-ph__btn", Role::Load, texts.get(T::EmbedLoad));
    out.push_str("<button type=\"button\" class=\"cc-ph__link\" data-cc=\"");
    out.push_str(data_cc(Action::ShowPreferences));
    out.push_str("\">");
    out.push_str(&sanitize(texts.get(T::EmbedPreferences)));
    out.push_str("</button></div>");
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn setup(extra: &str) -> (Config, Texts) {
        let text =
            r#"{"categories": {"necessary": {"readOnly": true}, "analytics": {"services": {"ga": {"label": "Google <b>Analytics</b>"}, "hj": {}}}}EXTRA}"#
                .replace("EXTRA", extra);
        let config = crate::test_util::config(&text);
        let texts = Texts::resolve("en", None, None, &config);
        (config, texts)
    }

    #[test]
    fn consent_modal_has_the_v3_hooks() {
        let (config, texts) = setup("");
        let html = consent_modal(&config, &texts, Notes::default());
        assert!(html.starts_with(
            "<div class=\"cm-wrapper\"><div class=\"cm-overlay\"></div><div class=\"cm cm--box cm--bottom cm--right\" role=\"dialog\" aria-modal=\"false\""
        ));
        let all = html.find("data-role=\"all\"").unwrap();
        let necessary = html.find("data-role=\"necessary\"").unwrap();
        let show = html.find("data-role=\"show\"").unwrap();
        assert!(all < necessary && necessary < show);
        assert!(html.contains("<button type=\"button\" class=\"cm__btn\" data-role=\"necessary\">Reject all</button>"), "equal weight by default");
        assert!(!html.contains("cm__btn--close"), "no close icon without closeIconLabel");
        assert!(!html.contains("cm__revision"));
        assert!(!html.contains("style="));
    }

    #[test]
    fn consent_modal_options_change_classes_and_order() {
        let (config, texts) = setup(
            r#", "disablePageInteraction": true, "guiOptions": {"consentModal": {"layout": "bar inline", "position": "top", "flipButtons": true, "equalWeightButtons": false}}"#,
        );
        let html = consent_modal(&config, &texts, Notes { revision_changed: true, gpc: true });
        assert!(html.contains("class=\"cm cm--bar cm--inline cm--top cm--center cm--flip\" role=\"dialog\" aria-modal=\"true\""));
        let all = html.find("data-role=\"all\"").unwrap();
        let necessary = html.find("data-role=\"necessary\"").unwrap();
        let show = html.find("data-role=\"show\"").unwrap();
        assert!(show < necessary && necessary < all, "flipped in DOM order too");
        assert!(html.contains("class=\"cm__btn cm__btn--secondary\" data-role=\"necessary\""));
        assert!(html.contains("<p class=\"cm__revision\">"));
        assert!(html.contains("<p class=\"cm__gpc\">Your browser sent a Global Privacy Control signal"));
    }

    #[test]
    fn revision_message_goes_where_v3_puts_it() {
        let (config, _) = setup("");
        let value = crate::test_util::js(r#"{"consentModal": {"description": "D <br> {{revisionMessage}}", "revisionMessage": "R <b>x</b>"}}"#);
        let t = crate::i18n::Translation::parse(&value, "en", &config, &mut crate::config::Unknown::default()).unwrap();
        let texts = Texts::resolve("en", Some(&t), None, &config);
        let changed = consent_modal(&config, &texts, Notes { revision_changed: true, gpc: false });
        assert!(changed.contains("<div class=\"cm__desc\" id=\"cm__desc\">D <br> R <b>x</b></div>"), "{changed}");
        let first = consent_modal(&config, &texts, Notes::default());
        assert!(first.contains("<div class=\"cm__desc\" id=\"cm__desc\">D <br> </div>"), "no revision change: the placeholder goes");
    }

    #[test]
    fn preferences_modal_renders_toggles_from_the_choice() {
        let (config, texts) = setup("");
        let toggles = Choice::from_masks(0b11, vec![0, 0b10]);
        let html = preferences_modal(&config, &texts, &toggles, Notes::default());
        assert!(html.contains("<input type=\"checkbox\" class=\"section__toggle\" value=\"necessary\" checked disabled>"));
        assert!(html.contains("<input type=\"checkbox\" class=\"section__toggle\" value=\"analytics\" checked>"));
        assert!(html.contains("<input type=\"checkbox\" class=\"service__toggle\" value=\"ga\" data-category=\"analytics\">"));
        assert!(html.contains("<input type=\"checkbox\" class=\"service__toggle\" value=\"hj\" data-category=\"analytics\" checked>"));
        assert!(html.contains("<span class=\"pm__badge\">2 services</span>"));
        assert!(html.contains("Google <b>Analytics</b>"), "labels keep allowed HTML");
        for role in ["all", "necessary", "save", "close"] {
            assert!(html.contains(&format!("data-role=\"{role}\"")), "{role}");
        }
        assert!(!html.contains("style="));
    }

    #[test]
    fn history_lines_say_all_only_when_every_service_was_accepted() {
        let (config, texts) = setup("");
        let entry = |categories: &[&str], ga_only: bool| crate::consent::history::Entry {
            time: "2026-11-29T04:00:00.000Z".into(),
            action: "changed".into(),
            categories: categories.iter().map(|c| c.to_string()).collect(),
            services: vec![("analytics".into(), if ga_only { vec!["ga".into()] } else { vec!["ga".into(), "hj".into()] })],
            revision: 0,
            language: "en".into(),
            gpc: false,
        };
        assert_eq!(history_summary(&config, &texts, &entry(&["necessary", "analytics"], false)), "Accepted all");
        assert_eq!(history_summary(&config, &texts, &entry(&["necessary"], false)), "Only strictly necessary");
        let partial = history_summary(&config, &texts, &entry(&["necessary", "analytics"], true));
        assert_eq!(partial, "Accepted: Analytics", "some services only: a custom choice");
    }

    #[test]
    fn placeholders_name_the_service_and_offer_to_load_it() {
        let (_, texts) = setup("");
        let html = placeholder(&texts, "marketing", Some("yt"), "YouTube <script>x</script>");
        assert!(html.starts_with("<div class=\"cc-ph\" data-category=\"marketing\" data-service=\"yt\"><p class=\"cc-ph__text\">This content is provided by <strong>YouTube &lt;script&gt;x&lt;/script&gt;</strong>, which"));
        assert!(html.contains("<button type=\"button\" class=\"cc-ph__btn\" data-role=\"load\">Load content</button>"));
        assert!(html.contains("data-cc=\"show-preferencesModal\">Cookie preferences</button></div>"));
    }

    #[test]
    fn cookie_tables_label_cells_with_their_header() {
        let (config, _) = setup("");
        let mut texts = Texts::resolve("en", None, None, &config);
        texts.sections = vec![Section {
            title: Some("Analytics".into()),
            linked_category: Some("analytics".into()),
            cookie_table: Some(crate::i18n::CookieTable {
                caption: Some("Cookies".into()),
                headers: vec![("name".into(), "Name".into()), ("desc".into(), "Purpose".into())],
                body: vec![vec![("desc".into(), "<img src=x onerror=alert(1)>".into()), ("name".into(), "_ga".into())]],
            }),
            ..Section::default()
        }];
        let html = preferences_modal(&config, &texts, &Choice::none(&config), Notes::default());
        assert!(html.contains("<tr role=\"row\"><td role=\"cell\" data-column=\"Name\">_ga</td><td role=\"cell\" data-column=\"Purpose\">&lt;img src=x onerror=alert(1)&gt;</td></tr>"));
        assert!(html.contains("<table class=\"pm__section-table\" role=\"table\"><caption>Cookies</caption><thead role=\"rowgroup\"><tr role=\"row\"><th scope=\"col\" role=\"columnheader\">Name</th>"), "roles survive display: block stacking");
    }
}
