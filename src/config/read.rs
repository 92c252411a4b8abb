//! Typed reads from a [`Value`] tree, each of which knows the field path it reads so that
//! an error can name it. Paths are a linked list on the stack, rendered only on error.

#[allow(unused_imports)]
use crate::prelude::*;

use crate::error::Error;
use crate::value::Value;

/// Where a value sits in the config, e.g. `categories.analytics.services.ga.urls[2]`.
#[derive(Clone, Copy)]
pub(crate) struct Path<'a> {
    parent: Option<&'a Path<'a>>,
    seg: Seg<'a>,
}

#[derive(Clone, Copy)]
enum Seg<'a> {
    Root(&'a str),
    Key(&'a str),
    Index(usize),
}

impl<'a> Path<'a> {
    /// A root path; `prefix` is empty for the config itself.
    pub(crate) const fn root(prefix: &'a str) -> Path<'a> {
        Path { parent: None, seg: Seg::Root(prefix) }
    }

    pub(crate) fn key(&'a self, key: &'a str) -> Path<'a> {
        Path { parent: Some(self), seg: Seg::Key(key) }
    }

    pub(crate) fn index(&'a self, index: usize) -> Path<'a> {
        Path { parent: Some(self), seg: Seg::Index(index) }
    }

    pub(crate) fn render(&self) -> String {
        let mut out = String::new();
        self.render_into(&mut out);
        out
    }

    fn render_into(&self, out: &mut String) {
        if let Some(parent) = self.parent {
            parent.render_into(out);
        }
        match self.seg {
            Seg::Root(prefix) => out.push_str(prefix),
            Seg::Key(key) => {
                if !out.is_empty() {
                    out.push('.');
                }
                out.push_str(key);
            }
            Seg::Index(i) => {
                out.push('[');
                crate::value::push_int(i as i64, out);
                out.push(']');
            }
        }
    }

    /// An error at this path.
    pub(crate) fn error(&self, expected: impl Into<String>, got: &Value) -> Error {
        Error::config(self.render(), expected, got.described())
    }
}

pub(crate) type Result<T> = core::result::Result<T, Error>;
pub(crate) type Members = [(String, Value)];

/// Keys a site owner wrote that no part of consentry reads; reported once with `console.warn`.
#[derive(Default, Debug)]
pub(crate) struct Unknown(pub(crate) Vec<String>);

impl Unknown {
    /// Record every key of `members` that is not in `known`.
    pub(crate) fn check(&mut self, members: &Members, known: &[&str], path: &Path) {
        for (key, _) in members {
            if !known.contains(&key.as_str()) {
                self.0.push(path.key(key).render());
            }
        }
    }
}

/// `one of "a", "b", "c"`.
pub(crate) fn one_of(choices: &[&str]) -> String {
    let mut s = String::from("one of ");
    for (i, c) in choices.iter().enumerate() {
        if i > 0 {
            s.push_str(", ");
        }
        s.push('"');
        s.push_str(c);
        s.push('"');
    }
    s
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paths_render_like_js_accessors() {
        let root = Path::root("");
        let cats = root.key("categories");
        let a = cats.key("analytics");
        let urls = a.key("urls");
        assert_eq!(urls.index(2).render(), "categories.analytics.urls[2]");
        let prefixed = Path::root("language.translations.de");
        assert_eq!(prefixed.key("consentModal").render(), "language.translations.de.consentModal");
    }

    #[test]
    fn one_of_lists_the_choices() {
        assert_eq!(one_of(&["opt-in", "opt-out"]), "one of \"opt-in\", \"opt-out\"");
    }
}
