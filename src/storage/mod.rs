//! Where the consent record lives: localStorage (default), a first-party cookie
//! (`cookie.useLocalStorage: false`), or memory when the browser refuses both. Every
//! failure is absorbed here and shows up as "nothing stored"; nothing throws at the page.

#[allow(unused_imports)]
use crate::prelude::*;

pub(crate) mod cookie;

use crate::config::CookieOptions;
use crate::host::Host;

/// The record store of one running engine.
pub(crate) struct Storage {
    options: CookieOptions,
    /// What was last written, kept for this page view when the browser refuses to store it.
    memory: Option<String>,
    failed: bool,
}

impl Storage {
    pub(crate) fn new(options: &CookieOptions) -> Storage {
        Storage { options: options.clone(), memory: None, failed: false }
    }

    /// The stored text, if any can be read.
    pub(crate) fn read(&self, host: &dyn Host) -> Option<String> {
        if self.failed {
            return self.memory.clone();
        }
        if self.options.use_local_storage {
            host.local_get(&self.options.name)
        } else {
            cookie::decode(cookie::value(&host.cookies(), &self.options.name)?)
        }
    }

    /// Store `value` until `expires` (ms since the epoch). From the first refusal on, this
    /// page view keeps the value in memory; returns whether the browser stored it.
    pub(crate) fn write(&mut self, host: &dyn Host, value: &str, expires: f64) -> bool {
        self.memory = Some(value.to_owned());
        let ok = !self.failed
            && if self.options.use_local_storage {
                host.local_set(&self.options.name, value)
            } else {
                // As v3 writes it: `Secure` only on https pages, `Domain` (the configured one,
                // else the host name) only when it has a dot (never on `localhost`).
                let o = &self.options;
                let env = host.env();
                let domain = o.domain.as_deref().unwrap_or(&env.hostname);
                let attrs = cookie::Attributes {
                    path: &o.path,
                    domain: Some(domain).filter(|d| d.contains('.')),
                    same_site: o.same_site,
                    secure: o.secure && env.https,
                };
                let encoded = cookie::encode(value);
                let max_age = ((expires - host.now()) / 1000.0) as i64;
                host.set_cookie(&cookie::write_string(&o.name, &encoded, max_age, &attrs));
                // A cookie the browser dropped (too big, cookies off, Secure on http) reads
                // back differently.
                cookie::value(&host.cookies(), &o.name) == Some(encoded.as_str())
            };
        if !ok {
            self.failed = true;
        }
        ok
    }

    /// Forget the stored value (`reset(true)`).
    pub(crate) fn erase(&mut self, host: &dyn Host) {
        self.memory = None;
        self.failed = false;
        let o = &self.options;
        if o.use_local_storage {
            host.local_remove(&o.name);
        }
        for s in cookie::erase_strings(&o.name, Some(&o.path), o.domain.as_deref(), &host.env().hostname) {
            host.set_cookie(&s);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::host::fake::FakeHost;

    fn options(extra: &str) -> CookieOptions {
        crate::test_util::config(&std::format!("{{\"cookie\": {{{extra}}}}}")).cookie
    }

    #[test]
    fn local_storage_by_default() {
        let host = FakeHost::new();
        let mut s = Storage::new(&options(""));
        assert!(s.write(&host, "{\"a\":1}", host.now() + 1e6));
        assert_eq!(host.local.borrow().get("cc_cookie").map(String::as_str), Some("{\"a\":1}"));
        assert_eq!(s.read(&host).as_deref(), Some("{\"a\":1}"));
    }

    #[test]
    fn refused_storage_falls_back_to_memory_for_this_page() {
        let host = FakeHost::new();
        host.local_refuses.set(true);
        let mut s = Storage::new(&options(""));
        assert!(!s.write(&host, "v1", host.now() + 1e6));
        assert_eq!(s.read(&host).as_deref(), Some("v1"));
        host.local_refuses.set(false);
        assert!(!s.write(&host, "v2", host.now() + 1e6), "stays in memory for the rest of the page view");
        assert_eq!(s.read(&host).as_deref(), Some("v2"));
        assert!(host.local.borrow().is_empty());
    }

    #[test]
    fn cookie_store_encodes_like_v3() {
        let host = FakeHost::new();
        let mut s = Storage::new(&options("\"useLocalStorage\": false, \"name\": \"consent\""));
        assert!(s.write(&host, "{\"categories\":[\"necessary\"]}", host.now() + 1e6));
        assert_eq!(host.cookie_jar.borrow().get("consent").map(String::as_str), Some("%7B%22categories%22%3A%5B%22necessary%22%5D%7D"));
        assert_eq!(s.read(&host).as_deref(), Some("{\"categories\":[\"necessary\"]}"));
        s.erase(&host);
        assert!(host.cookie_jar.borrow().is_empty());
    }
}
