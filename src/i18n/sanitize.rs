//! The HTML allowlist for translation strings (README "Migrating from vanilla-cookieconsent v3", point 14).
//!
//! Kept: `a` (href with http, https, mailto or a relative URL; `target="_blank"` gets
//! `rel="noopener noreferrer"`; `data-cc` buttons of consentry itself), `b strong i em br p
//! span ul ol li small`, each with at most a `class`. Every other tag, comment, or
//! malformed markup is shown as text. Open tags are closed at the end, so a string can't
//! break the markup around it.

#[allow(unused_imports)]
use crate::prelude::*;

/// `&s[from..to]` without a panic path (a panic would bring `core::fmt` into the wasm);
/// positions here always come from ASCII bytes, so the fallback is never taken.
fn sub(s: &str, from: usize, to: usize) -> &str {
    s.get(from..to).unwrap_or("")
}

fn from(s: &str, from: usize) -> &str {
    s.get(from..).unwrap_or("")
}

const ALLOWED: [&str; 12] = ["a", "b", "strong", "i", "em", "br", "p", "span", "ul", "ol", "li", "small"];
const DATA_CC: [&str; 5] = ["show-preferencesModal", "show-consentModal", "accept-all", "accept-necessary", "accept-custom"];

/// Sanitize translation HTML into markup that is safe to assign to `innerHTML`.
pub(crate) fn sanitize(input: &str) -> String {
    let mut out = String::with_capacity(input.len() + 8);
    let mut open: Vec<&'static str> = Vec::new();
    let mut rest = input;
    while let Some(lt) = rest.find('<') {
        push_text(sub(rest, 0, lt), &mut out);
        rest = from(rest, lt);
        match parse_tag(rest) {
            Some((tag, len)) => {
                emit_tag(&tag, &mut open, &mut out);
                rest = from(rest, len);
            }
            None => {
                out.push_str("&lt;");
                rest = from(rest, 1);
            }
        }
    }
    push_text(rest, &mut out);
    while let Some(name) = open.pop() {
        push_close(name, &mut out);
    }
    out
}

/// Escape plain text for an element's content or a quoted attribute value.
pub(crate) fn escape(text: &str, out: &mut String) {
    for c in text.chars() {
        match c {
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '&' => out.push_str("&amp;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
}

struct Tag<'a> {
    closing: bool,
    name: String,
    attrs: Vec<(String, String)>,
    raw: &'a str,
}

/// Text between tags: `<` never gets here; `&` stays only as a well-formed entity.
fn push_text(text: &str, out: &mut String) {
    let mut rest = text;
    while let Some(i) = rest.find(['&', '>']) {
        out.push_str(sub(rest, 0, i));
        let tail = from(rest, i);
        if tail.starts_with('>') {
            out.push_str("&gt;");
            rest = from(tail, 1);
        } else {
            let len = entity_len(tail);
            if len > 0 {
                out.push_str(sub(tail, 0, len));
                rest = from(tail, len);
            } else {
                out.push_str("&amp;");
                rest = from(tail, 1);
            }
        }
    }
    out.push_str(rest);
}

/// Length of a well-formed character reference at the start of `s` (`&amp;`, `&#39;`,
/// `&#x27;`), or 0.
fn entity_len(s: &str) -> usize {
    let b = s.as_bytes();
    let (start, ok): (usize, fn(u8) -> bool) = match (b.get(1), b.get(2)) {
        (Some(b'#'), Some(b'x' | b'X')) => (3, |c| c.is_ascii_hexdigit()),
        (Some(b'#'), _) => (2, |c| c.is_ascii_digit()),
        _ => (1, |c| c.is_ascii_alphanumeric()),
    };
    let mut i = start;
    while i < b.len() && i < start + 32 && ok(b[i]) {
        i += 1;
    }
    if i > start && b.get(i) == Some(&b';') {
        i + 1
    } else {
        0
    }
}

/// Parse one tag at the start of `s` (which begins with `<`). `None` when it is not a
/// complete, well-formed tag: the `<` is then shown as text.
fn parse_tag(s: &str) -> Option<(Tag<'_>, usize)> {
    let b = s.as_bytes();
    let mut i = 1;
    let closing = b.get(i) == Some(&b'/');
    if closing {
        i += 1;
    }
    let name_start = i;
    while i < b.len() && b[i].is_ascii_alphanumeric() {
        i += 1;
    }
    if i == name_start || !b[name_start].is_ascii_alphabetic() {
        return None;
    }
    let name = sub(s, name_start, i).to_ascii_lowercase();
    let mut attrs = Vec::new();
    loop {
        while i < b.len() && (b[i].is_ascii_whitespace() || b[i] == b'/') {
            i += 1;
        }
        match b.get(i)? {
            b'>' => return Some((Tag { closing, name, attrs, raw: sub(s, 0, i + 1) }, i + 1)),
            b'<' | b'"' | b'\'' | b'=' => return None,
            _ => {}
        }
        let an_start = i;
        while i < b.len() && !b[i].is_ascii_whitespace() && !matches!(b[i], b'=' | b'>' | b'/' | b'"' | b'\'' | b'<') {
            i += 1;
        }
        let attr_name = sub(s, an_start, i).to_ascii_lowercase();
        while i < b.len() && b[i].is_ascii_whitespace() {
            i += 1;
        }
        let mut value = String::new();
        if b.get(i) == Some(&b'=') {
            i += 1;
            while i < b.len() && b[i].is_ascii_whitespace() {
                i += 1;
            }
            match b.get(i)? {
                q @ (b'"' | b'\'') => {
                    let end = i + 1 + s.get(i + 1..)?.find(*q as char)?;
                    value = decode_entities(sub(s, i + 1, end));
                    i = end + 1;
                }
                _ => {
                    let v_start = i;
                    while i < b.len() && !b[i].is_ascii_whitespace() && b[i] != b'>' {
                        if matches!(b[i], b'"' | b'\'' | b'<' | b'=' | b'`') {
                            return None;
                        }
                        i += 1;
                    }
                    value = decode_entities(sub(s, v_start, i));
                }
            }
        }
        attrs.push((attr_name, value));
    }
}

fn emit_tag(tag: &Tag<'_>, open: &mut Vec<&'static str>, out: &mut String) {
    let Some(&name) = ALLOWED.iter().find(|n| **n == tag.name) else {
        escape(tag.raw, out);
        return;
    };
    if tag.closing {
        if let Some(pos) = open.iter().rposition(|n| *n == name) {
            while open.len() > pos {
                if let Some(n) = open.pop() {
                    push_close(n, out);
                }
            }
        }
        return;
    }
    out.push('<');
    out.push_str(name);
    let mut blank = false;
    for (attr, value) in &tag.attrs {
        let keep = match (name, attr.as_str()) {
            (_, "class") => true,
            ("a", "href") => safe_href(value),
            ("a", "target") => {
                blank = value == "_blank";
                blank
            }
            ("a", "data-cc") => DATA_CC.contains(&value.as_str()),
            _ => false,
        };
        if keep {
            out.push(' ');
            out.push_str(attr);
            out.push_str("=\"");
            escape(value, out);
            out.push('"');
        }
    }
    if blank {
        out.push_str(" rel=\"noopener noreferrer\"");
    }
    out.push('>');
    if name != "br" {
        open.push(name);
    }
}

fn push_close(name: &str, out: &mut String) {
    out.push_str("</");
    out.push_str(name);
    out.push('>');
}

/// http(s) or mailto, or relative (no scheme before the first `/`, `?` or `#`). Browsers
/// ignore ASCII whitespace and control characters inside a scheme, so those are removed
/// before looking.
fn safe_href(href: &str) -> bool {
    let compact: String = href.chars().filter(|c| !c.is_ascii_whitespace() && !c.is_ascii_control()).collect();
    let lower = compact.to_ascii_lowercase();
    if lower.starts_with("http://") || lower.starts_with("https://") || lower.starts_with("mailto:") {
        return true;
    }
    match lower.find([':', '/', '?', '#']) {
        Some(i) => lower.as_bytes().get(i) != Some(&b':'),
        None => true,
    }
}

/// Decode character references in an attribute value (numeric ones and the few named ones
/// that matter for URLs), so `jav&#x61;script:` is seen for what it is.
fn decode_entities(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut rest = s;
    while let Some(i) = rest.find('&') {
        out.push_str(sub(rest, 0, i));
        let tail = from(rest, i);
        let (decoded, len) = decode_one(tail);
        match decoded {
            Some(c) => out.push(c),
            None => out.push('&'),
        }
        rest = from(tail, len.max(1));
    }
    out.push_str(rest);
    out
}

fn decode_one(s: &str) -> (Option<char>, usize) {
    let b = s.as_bytes();
    if b.get(1) == Some(&b'#') {
        let (start, radix) = if matches!(b.get(2), Some(b'x' | b'X')) { (3, 16) } else { (2, 10) };
        let mut i = start;
        let mut code: u32 = 0;
        while let Some(d) = b.get(i).and_then(|c| (*c as char).to_digit(radix)) {
            code = code.saturating_mul(radix).saturating_add(d);
            i += 1;
        }
        if i == start {
            return (None, 1);
        }
        if b.get(i) == Some(&b';') {
            i += 1;
        }
        return (Some(char::from_u32(code).unwrap_or('\u{FFFD}')), i);
    }
    for (name, c) in [
        ("&colon;", ':'),
        ("&tab;", '\t'),
        ("&newline;", '\n'),
        ("&amp;", '&'),
        ("&quot;", '"'),
        ("&apos;", '\''),
        ("&lt;", '<'),
        ("&gt;", '>'),
        ("&sol;", '/'),
        ("&nbsp;", '\u{a0}'),
    ] {
        if s.get(..name.len()).is_some_and(|p| p.eq_ignore_ascii_case(name)) {
            return (Some(c), name.len());
        }
    }
    (None, 1)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn allowed_markup_passes() {
        assert_eq!(
            sanitize("We use <b>cookies</b>.<br>Read our <a href=\"/privacy\" class=\"cc-link\">policy</a>."),
            "We use <b>cookies</b>.<br>Read our <a href=\"/privacy\" class=\"cc-link\">policy</a>."
        );
        assert_eq!(
            sanitize("<a href='https://example.com/p?a=1&amp;b=2' target=_blank>x</a>"),
            "<a href=\"https://example.com/p?a=1&amp;b=2\" target=\"_blank\" rel=\"noopener noreferrer\">x</a>"
        );
        assert_eq!(sanitize("<a href=\"mailto:dpo@example.com\">dpo</a>"), "<a href=\"mailto:dpo@example.com\">dpo</a>");
        assert_eq!(sanitize("<ul><li>one<li>two</ul>"), "<ul><li>one<li>two</li></li></ul>");
        assert_eq!(sanitize("<a href=\"#\" data-cc=\"show-preferencesModal\">prefs</a>"), "<a href=\"#\" data-cc=\"show-preferencesModal\">prefs</a>");
        assert_eq!(sanitize("Tom &amp; Jerry &copy; 5 > 3 & 2"), "Tom &amp; Jerry &copy; 5 &gt; 3 &amp; 2");
    }

    #[test]
    fn xss_payloads_become_text_or_lose_their_teeth() {
        let cases = [
            ("<script>alert(1)</script>", "&lt;script&gt;alert(1)&lt;/script&gt;"),
            ("<img src=x onerror=alert(1)>", "&lt;img src=x onerror=alert(1)&gt;"),
            ("<svg onload=alert(1)>", "&lt;svg onload=alert(1)&gt;"),
            ("<svg><script>alert(1)</script></svg>", "&lt;svg&gt;&lt;script&gt;alert(1)&lt;/script&gt;&lt;/svg&gt;"),
            ("<a href=\"javascript:alert(1)\">x</a>", "<a>x</a>"),
            ("<a href=\"JaVaScRiPt:alert(1)\">x</a>", "<a>x</a>"),
            ("<a href=\"  java\tscript:alert(1)\">x</a>", "<a>x</a>"),
            ("<a href=\"jav&#x61;script:alert(1)\">x</a>", "<a>x</a>"),
            ("<a href=\"jav&#97;script&colon;alert(1)\">x</a>", "<a>x</a>"),
            ("<a href=\"data:text/html,<script>alert(1)</script>\">x</a>", "<a>x</a>"),
            ("<a href=\"vbscript:msgbox(1)\">x</a>", "<a>x</a>"),
            ("<b onclick=\"alert(1)\" onmouseover=alert(2)>x</b>", "<b>x</b>"),
            ("<span style=\"background:url(javascript:alert(1))\">x</span>", "<span>x</span>"),
            ("<iframe src=\"https://evil\"></iframe>", "&lt;iframe src=&quot;https://evil&quot;&gt;&lt;/iframe&gt;"),
            ("<!--<script>alert(1)</script>-->", "&lt;!--&lt;script&gt;alert(1)&lt;/script&gt;--&gt;"),
            ("<p/onclick=alert(1)>x", "<p>x</p>"),
            ("<a data-cc=\"javascript:alert(1)\">x</a>", "<a>x</a>"),
            ("<b>unclosed <i>tags", "<b>unclosed <i>tags</i></b>"),
            ("</div></p>stray", "&lt;/div&gt;stray"),
            ("&lt;script&gt;", "&lt;script&gt;"),
            ("<<script>>", "&lt;&lt;script&gt;&gt;"),
            ("<a href=\"x\" title=\"\"><img/src=x/onerror=alert(1)></a>", "<a href=\"x\">&lt;img/src=x/onerror=alert(1)&gt;</a>"),
            (
                "<math><mtext><table><mglyph><style><img src=x onerror=alert(1)>",
                "&lt;math&gt;&lt;mtext&gt;&lt;table&gt;&lt;mglyph&gt;&lt;style&gt;&lt;img src=x onerror=alert(1)&gt;",
            ),
        ];
        for (input, expected) in cases {
            assert_eq!(sanitize(input), expected, "input: {input}");
        }
    }

    #[test]
    fn output_never_contains_an_event_handler_or_script_tag() {
        let nasty = [
            "<b onclick=x>",
            "<a href=javascript:x>",
            "<SCRIPT>",
            "<a href=\"&#0000106;avascript:x\">",
            "<a href=\"\u{0}javascript:x\">",
            "<span onmouseover='x'>",
            "<li/onfocus=x>",
            "<br onload=x>",
        ];
        for input in nasty {
            let out = sanitize(input).to_ascii_lowercase();
            assert!(!out.contains("<script") && !out.contains(" on") && !out.contains("javascript:"), "{input} → {out}");
        }
    }

    #[test]
    fn malformed_input_does_not_panic() {
        for input in ["<", "<a", "<a href=", "<a href=\"", "<a href='x", "&", "&#", "&#x;", "&#99999999999;", "<é>", "<a\u{301}>", "<\u{10FFFF}"] {
            let _ = sanitize(input);
        }
    }
}
