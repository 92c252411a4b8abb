//! Which service a URL belongs to (`services.<s>.urls`), for elements that page code or a tag
//! manager inserts after start-up. Pure.
//!
//! A pattern is a URL prefix, where `*` matches any run of characters. A pattern with a scheme
//! (`https://…`) is matched against the whole URL; one without (`*.hotjar.com/`,
//! `connect.facebook.net/`) against the URL with its `http(s)://` removed, so it covers both
//! schemes and protocol-relative sources. ASCII letters match either case; nothing else is
//! folded. The loader's verdict where WebAssembly cannot run (`withoutEngine` in
//! src/js/core.js) is the same matching in JavaScript: tests/vectors/urls.json holds the cases
//! both are checked against.

#[allow(unused_imports)]
use crate::prelude::*;

use crate::config::Config;

/// Does `text` start with `prefix`, ASCII letters in either case?
fn starts_with_ignore_case(text: &str, prefix: &str) -> bool {
    text.as_bytes().get(..prefix.len()).is_some_and(|x| x.eq_ignore_ascii_case(prefix.as_bytes()))
}

/// The text after its `http://`, `https://` or `//` (a scheme in any case).
fn without_scheme(url: &str) -> &str {
    let skip = ["https://", "http://", "//"].into_iter().find(|p| starts_with_ignore_case(url, p)).map_or(0, str::len);
    url.get(skip..).unwrap_or(url)
}

/// Does `pattern` match (a prefix of) `url`?
pub(crate) fn matches(pattern: &str, url: &str) -> bool {
    let has_scheme = starts_with_ignore_case(pattern, "http://") || starts_with_ignore_case(pattern, "https://");
    let subject = if has_scheme { url } else { without_scheme(url) };
    let pattern = if has_scheme { pattern } else { pattern.strip_prefix("//").unwrap_or(pattern) };
    glob_prefix(pattern.as_bytes(), subject.as_bytes())
}

/// `pattern` (with `*` wildcards) matches a prefix of `text`. Iterative, with one backtrack
/// point per `*`, so hostile patterns stay linear-ish and never recurse.
fn glob_prefix(pattern: &[u8], text: &[u8]) -> bool {
    let (mut p, mut t) = (0usize, 0usize);
    let mut star: Option<(usize, usize)> = None;
    loop {
        if p == pattern.len() {
            return true; // the pattern is a prefix
        }
        match pattern.get(p) {
            Some(b'*') => {
                star = Some((p, t));
                p += 1;
            }
            Some(&c) if text.get(t).map(|x| x.eq_ignore_ascii_case(&c)).unwrap_or(false) => {
                p += 1;
                t += 1;
            }
            _ => match star {
                // Let the last `*` swallow one more character and retry.
                Some((sp, st)) if st < text.len() => {
                    star = Some((sp, st + 1));
                    p = sp + 1;
                    t = st + 1;
                }
                _ => return false,
            },
        }
    }
}

/// Auto-blocking's question about `url`: `None` when no service's `urls` claim it, else
/// whether it is held — it is while any service that claims it is not `accepted` (category
/// index, service index), README "Auto-blocking": held "when its URL matches a service that
/// is not accepted".
pub(crate) fn held(config: &Config, url: &str, accepted: impl Fn(usize, usize) -> bool) -> Option<bool> {
    let mut claimed = None;
    for (i, cat) in config.categories.iter().enumerate() {
        for (j, s) in cat.services.iter().enumerate() {
            if s.urls.iter().any(|p| matches(p, url)) {
                if !accepted(i, j) {
                    return Some(true);
                }
                claimed = Some(false);
            }
        }
    }
    claimed
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn prefixes_and_globs() {
        assert!(matches("https://www.googletagmanager.com/gtag/js", "https://www.googletagmanager.com/gtag/js?id=G-1"));
        assert!(!matches("https://www.googletagmanager.com/gtag/js", "https://www.googletagmanager.com/gtm.js?id=GTM-1"));
        assert!(matches("https://www.googletagmanager.com/", "https://www.googletagmanager.com/gtm.js?id=GTM-1"));
        assert!(matches("*.hotjar.com/", "https://static.hotjar.com/c/hotjar-1.js?sv=6"));
        assert!(matches("*.hotjar.com/", "http://script.hotjar.com/modules.js"));
        assert!(!matches("*.hotjar.com/", "https://hotjar.com.evil.example/"), "the dot before hotjar is literal");
        assert!(matches("connect.facebook.net/", "//connect.facebook.net/en_US/fbevents.js"));
        assert!(matches("https://www.youtube-nocookie.com/embed/*", "https://www.youtube-nocookie.com/embed/abc?rel=0"));
        assert!(matches("https://*.google.com/maps/*", "https://www.google.com/maps/embed?pb=1"));
        assert!(!matches("https://*.google.com/maps/*", "https://www.google.com/search?q=maps"));
        assert!(matches("HTTPS://Snap.Licdn.com/", "https://snap.licdn.com/li.lms-analytics/insight.min.js"), "case-insensitive");
        assert!(!matches("https://a.example/", "http://a.example/"), "an explicit scheme is kept");
        assert!(matches("*", "https://anything/"));
    }

    /// Every case of tests/vectors/urls.json, the cases the loader's no-WebAssembly verdict
    /// (`withoutEngine` in src/js/core.js, README "Supported browsers") is checked against too:
    /// the whole config read and started, the visitor having accepted only what is necessary
    /// (the readOnly categories: what the loader without the engine stands for), its verdict;
    /// and `matches` itself for a pattern case.
    #[test]
    fn the_shared_vectors() {
        use crate::engine::Engine;
        use crate::host::fake::FakeHost;
        use crate::protocol::{Action, Verdict};
        use crate::value::{obj, parse_json, Value};

        let doc = parse_json(include_str!("../../tests/vectors/urls.json")).expect("tests/vectors/urls.json is JSON");
        let cases = doc.get("cases").and_then(Value::as_array).expect("a list of cases");
        assert!(cases.len() > 100, "the whole file is read");
        let mut wrong = Vec::new();
        for (n, case) in cases.iter().enumerate() {
            let url = case.get("url").and_then(Value::as_str).expect("every case has a url");
            let expect = case.get("expect").and_then(Value::as_str).expect("every case expects something");
            assert!(matches!(expect, "hold" | "pass" | "error"), "case {n}: expect {expect:?}");
            let categories = match case.get("pattern") {
                Some(p) => parse_json(&format!(r#"{{"c": {{"services": {{"s": {{"urls": [{}]}}}}}}}}"#, p.to_json())).expect("JSON"),
                None => case.get("categories").cloned().expect("a pattern or categories"),
            };
            let config = obj(vec![("categories", categories)]);
            let shown = |s: &str| s.chars().take(80).collect::<String>();
            let host = FakeHost::new();
            let got = match Engine::configure(&config, &host) {
                Err(e) => {
                    let message = e.message();
                    let named = case.get("error").and_then(Value::as_str).map(|m| message.contains(m)).unwrap_or(true);
                    if !named {
                        wrong.push(format!("case {n} ({}): refused with {message:?}", shown(url)));
                    }
                    "error"
                }
                Ok((mut engine, _)) => {
                    engine.start(&host);
                    engine.act(&host, Action::AcceptNecessary);
                    match engine.classify(url) {
                        Verdict::Hold => "hold",
                        Verdict::Pass => "pass",
                        Verdict::Report => "report",
                    }
                }
            };
            if got != expect {
                wrong.push(format!(
                    "case {n} ({} against {}): engine says {got}, expected {expect}",
                    shown(&config.get("categories").map(Value::to_json).unwrap_or_default()),
                    shown(url)
                ));
            }
            if let (Some(p), true) = (case.get("pattern").and_then(Value::as_str), expect != "error") {
                if matches(p, url) != (expect == "hold") {
                    wrong.push(format!("case {n}: matches({:?}, {:?}) is {}", shown(p), shown(url), !matches!(expect, "hold")));
                }
            }
        }
        assert!(wrong.is_empty(), "{} of {} cases wrong:\n{}", wrong.len(), cases.len(), wrong.join("\n"));
    }

    #[test]
    fn any_claiming_service_not_accepted_holds() {
        let config = crate::test_util::config(
            r#"{"categories": {"a": {"services": {"cdn": {"urls": ["cdn.example/"]}}}, "b": {"services": {"t": {"urls": ["cdn.example/t.js"]}}}}}"#,
        );
        let only_a = |i: usize, _: usize| i == 0;
        assert_eq!(held(&config, "https://cdn.example/t.js", only_a), Some(true), "b's service claims it too");
        assert_eq!(held(&config, "https://cdn.example/app.js", only_a), Some(false));
        assert_eq!(held(&config, "https://cdn.example/t.js", |_, _| true), Some(false));
        assert_eq!(held(&config, "https://other.example/", |_, _| false), None);
    }

    #[test]
    fn hostile_patterns_terminate() {
        let url = "https://".to_owned() + &"a".repeat(5000) + "b";
        assert!(!matches(&("*a".repeat(200) + "c"), &url));
        assert!(!matches("*a*a*a*a*a*a*a*a*c", &url));
        assert!(matches("*a*a*a*a*b", &url));
    }
}
