//! Which service a URL belongs to (`services.<s>.urls`), for elements that page code or a tag
//! manager inserts after start-up. Pure.
//!
//! A pattern is a URL prefix, where `*` matches any run of characters. A pattern with a scheme
//! (`https://…`) is matched against the whole URL; one without (`*.hotjar.com/`,
//! `connect.facebook.net/`) against the URL with its `http(s)://` removed, so it covers both
//! schemes and protocol-relative sources.

#[allow(unused_imports)]
use crate::prelude::*;

use crate::config::Config;

/// The URL without its `http://` / `https://`.
fn without_scheme(url: &str) -> &str {
    url.strip_prefix("https://").or_else(|| url.strip_prefix("http://")).or_else(|| url.strip_prefix("//")).unwrap_or(url)
}

/// Does `pattern` match (a prefix of) `url`?
pub(crate) fn matches(pattern: &str, url: &str) -> bool {
    let starts = |p: &str| pattern.get(..p.len()).map(|x| x.eq_ignore_ascii_case(p)).unwrap_or(false);
    let has_scheme = starts("http://") || starts("https://");
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

/// The first service (category index, service index) whose `urls` claim `url`.
pub(crate) fn claim(config: &Config, url: &str) -> Option<(usize, usize)> {
    for (i, cat) in config.categories.iter().enumerate() {
        for (j, s) in cat.services.iter().enumerate() {
            if s.urls.iter().any(|p| matches(p, url)) {
                return Some((i, j));
            }
        }
    }
    None
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

    #[test]
    fn hostile_patterns_terminate() {
        let url = "https://".to_owned() + &"a".repeat(5000) + "b";
        assert!(!matches(&("*a".repeat(200) + "c"), &url));
        assert!(!matches("*a*a*a*a*a*a*a*a*c", &url));
        assert!(matches("*a*a*a*a*b", &url));
    }
}
