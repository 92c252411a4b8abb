//! Cookies, pure: reading `document.cookie`, writing a cookie string, percent-encoding the
//! stored value the way vanilla-cookieconsent does (`encodeURIComponent`), and the set of
//! expired-cookie strings that erase a cookie wherever it may have been set.

#[allow(unused_imports)]
use crate::prelude::*;

use crate::config::SameSite;

/// The names and raw values in a `document.cookie` string, in order.
pub(crate) fn pairs(cookie_string: &str) -> impl Iterator<Item = (&str, &str)> {
    cookie_string.split(';').filter_map(|part| {
        let part = part.trim();
        if part.is_empty() {
            return None;
        }
        Some(match part.split_once('=') {
            Some((n, v)) => (n.trim(), v.trim()),
            None => ("", part),
        })
    })
}

/// The raw value of cookie `name`.
pub(crate) fn value<'a>(cookie_string: &'a str, name: &str) -> Option<&'a str> {
    pairs(cookie_string).find(|(n, _)| *n == name).map(|(_, v)| v)
}

/// Attributes of a cookie write.
pub(crate) struct Attributes<'a> {
    pub(crate) path: &'a str,
    pub(crate) domain: Option<&'a str>,
    pub(crate) same_site: SameSite,
    pub(crate) secure: bool,
}

/// `name=value; Max-Age=…; Path=…; [Domain=…;] SameSite=…[; Secure]`.
pub(crate) fn write_string(name: &str, value: &str, max_age_seconds: i64, a: &Attributes<'_>) -> String {
    let mut s = String::with_capacity(name.len() + value.len() + 64);
    s.push_str(name);
    s.push('=');
    s.push_str(value);
    s.push_str(";Max-Age=");
    crate::value::push_int(max_age_seconds.max(0), &mut s);
    s.push_str(";Path=");
    s.push_str(a.path);
    if let Some(d) = a.domain {
        s.push_str(";Domain=");
        s.push_str(d);
    }
    s.push_str(";SameSite=");
    s.push_str(a.same_site.as_str());
    if a.secure || a.same_site == SameSite::None {
        s.push_str(";Secure");
    }
    s
}

/// Expired-cookie strings that remove `name` whichever of the plausible places it was set
/// in: host-only, the given domain, and every parent domain of `hostname` (trackers set
/// `.example.com` from `www.example.com`); on `path` and on `/`.
pub(crate) fn erase_strings(name: &str, path: Option<&str>, domain: Option<&str>, hostname: &str) -> Vec<String> {
    let mut domains: Vec<Option<String>> = vec![None];
    let mut push = |d: &str| {
        let d = d.trim_start_matches('.');
        if !d.is_empty() && !domains.iter().any(|x| x.as_deref() == Some(d)) {
            domains.push(Some(d.to_owned()));
        }
    };
    if let Some(d) = domain {
        push(d);
    }
    let mut host = hostname;
    while host.contains('.') {
        push(host);
        host = host.split_once('.').map(|(_, rest)| rest).unwrap_or("");
    }
    let mut paths = vec!["/"];
    if let Some(p) = path.filter(|p| *p != "/") {
        paths.insert(0, p);
    }
    let mut out = Vec::new();
    for p in &paths {
        for d in &domains {
            out.push(expired(name, p, d.as_deref()));
        }
    }
    out
}

/// The string that expires cookie `name` set at `path` (and `Domain=domain`, or host-only).
fn expired(name: &str, path: &str, domain: Option<&str>) -> String {
    let mut s = String::from(name);
    s.push_str("=;Max-Age=0;Expires=Thu, 01 Jan 1970 00:00:01 GMT;Path=");
    s.push_str(path);
    if let Some(d) = domain {
        s.push_str(";Domain=");
        s.push_str(d);
    }
    s
}

/// `eraseCookies(name, path, domain)` as v3 has it: only at `path`; only at `domain` when
/// one is given, else host-only, at the cookie domain and, when that starts with `www.`, at
/// the bare domain. (The withdrawal clean-up, [`erase_strings`], reaches further.)
pub(crate) fn erase_at(name: &str, path: &str, domain: Option<&str>, cookie_domain: &str) -> Vec<String> {
    match domain {
        Some(d) => vec![expired(name, path, Some(d))],
        None => {
            let mut out = vec![expired(name, path, None), expired(name, path, Some(cookie_domain))];
            if let Some(bare) = cookie_domain.strip_prefix("www.") {
                out.push(expired(name, path, Some(bare)));
            }
            out
        }
    }
}

/// `encodeURIComponent`.
pub(crate) fn encode(text: &str) -> String {
    const HEX: &[u8; 16] = b"0123456789ABCDEF";
    let mut out = String::with_capacity(text.len() * 3 / 2);
    for b in text.bytes() {
        if b.is_ascii_alphanumeric() || b"-_.!~*'()".contains(&b) {
            out.push(b as char);
        } else {
            out.push('%');
            out.push(HEX[usize::from(b >> 4)] as char);
            out.push(HEX[usize::from(b & 15)] as char);
        }
    }
    out
}

/// `decodeURIComponent`, or `None` for malformed escapes or invalid UTF-8.
pub(crate) fn decode(text: &str) -> Option<String> {
    let b = text.as_bytes();
    let mut out = Vec::with_capacity(b.len());
    let mut i = 0;
    while i < b.len() {
        if b[i] == b'%' {
            let hi = (*b.get(i + 1)? as char).to_digit(16)?;
            let lo = (*b.get(i + 2)? as char).to_digit(16)?;
            out.push((hi * 16 + lo) as u8);
            i += 3;
        } else {
            out.push(b[i]);
            i += 1;
        }
    }
    String::from_utf8(out).ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_document_cookie() {
        let s = "a=1; _ga=GA1.2.3; empty=; flag; cc_cookie=%7B%7D";
        assert_eq!(value(s, "_ga"), Some("GA1.2.3"));
        assert_eq!(value(s, "empty"), Some(""));
        assert_eq!(value(s, "cc_cookie"), Some("%7B%7D"));
        assert_eq!(value(s, "missing"), None);
        assert_eq!(pairs(s).map(|(n, _)| n).collect::<Vec<_>>(), ["a", "_ga", "empty", "", "cc_cookie"]);
    }

    #[test]
    fn writes_cookie_attributes() {
        let a = Attributes { path: "/", domain: Some("example.com"), same_site: SameSite::Lax, secure: true };
        assert_eq!(write_string("cc", "v", 3600, &a), "cc=v;Max-Age=3600;Path=/;Domain=example.com;SameSite=Lax;Secure");
        let none = Attributes { path: "/app", domain: None, same_site: SameSite::None, secure: false };
        assert_eq!(write_string("cc", "v", -5, &none), "cc=v;Max-Age=0;Path=/app;SameSite=None;Secure", "SameSite=None needs Secure");
    }

    #[test]
    fn erases_on_every_parent_domain_and_path() {
        let e = erase_strings("_ga", Some("/shop"), Some(".example.com"), "www.example.com");
        let tail = ";Max-Age=0;Expires=Thu, 01 Jan 1970 00:00:01 GMT;Path=";
        assert_eq!(
            e,
            [
                format!("_ga={tail}/shop").replacen("_ga=", "_ga=", 1),
                format!("_ga={tail}/shop;Domain=example.com"),
                format!("_ga={tail}/shop;Domain=www.example.com"),
                format!("_ga={tail}/"),
                format!("_ga={tail}/;Domain=example.com"),
                format!("_ga={tail}/;Domain=www.example.com"),
            ]
        );
        assert_eq!(erase_strings("x", None, None, "127.0.0.1").len(), 4, "IP hosts just get their own suffixes");
        assert_eq!(erase_strings("x", None, None, "localhost").len(), 1);
    }

    #[test]
    fn erase_cookies_reaches_only_the_given_path_and_domains() {
        let tail = ";Max-Age=0;Expires=Thu, 01 Jan 1970 00:00:01 GMT;Path=";
        assert_eq!(erase_at("a", "/other", None, "shop.example.com"), [format!("a={tail}/other"), format!("a={tail}/other;Domain=shop.example.com")]);
        assert_eq!(erase_at("a", "/", Some("wrong.example"), "shop.example.com"), [format!("a={tail}/;Domain=wrong.example")]);
        assert_eq!(
            erase_at("a", "/", None, "www.example.com").last().map(String::as_str),
            Some(format!("a={tail}/;Domain=example.com").as_str()),
            "www. also erases at the bare domain"
        );
    }

    #[test]
    fn percent_encoding_round_trips() {
        let json = "{\"categories\":[\"necessary\"],\"note\":\"ü; =,\"}";
        let enc = encode(json);
        assert!(!enc.contains(';') && !enc.contains(',') && !enc.contains(' '));
        assert_eq!(decode(&enc).as_deref(), Some(json));
        assert_eq!(decode("%E0%A4%A"), None);
        assert_eq!(decode("%FF"), None);
    }
}
