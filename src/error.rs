//! The one error type. Messages name what is wrong and what was expected; conversion to a JS
//! `Error` happens only at the boundary (`api.rs`).

#[allow(unused_imports)]
use crate::prelude::*;

/// Everything that can go wrong in consentry and reach the page.
#[derive(Clone, Debug, PartialEq)]
pub(crate) enum Error {
    /// A config field has the wrong type or value. `path` is the field path as a site owner
    /// writes it (`categories.analytics.services.ga.urls[2]`).
    Config { path: String, expected: String, got: &'static str },
}

impl Error {
    pub(crate) fn config(path: String, expected: impl Into<String>, got: &'static str) -> Self {
        Error::Config { path, expected: expected.into(), got }
    }

    /// The message shown to the site owner (`Error.message` in JS).
    pub(crate) fn message(&self) -> String {
        let mut m = String::from("consentry: ");
        match self {
            Error::Config { path, expected, got } => {
                m.push_str(if path.is_empty() { "config" } else { path });
                m.push_str(": expected ");
                m.push_str(expected);
                if !got.is_empty() {
                    m.push_str(", got ");
                    m.push_str(got);
                }
            }
        }
        m
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn config_errors_name_the_path_and_the_expectation() {
        let e = Error::config("categories.analytics.services.ga.urls[2]".into(), "a string", "a number");
        assert_eq!(e.message(), "consentry: categories.analytics.services.ga.urls[2]: expected a string, got a number");
        let root = Error::config(String::new(), "an object", "null");
        assert_eq!(root.message(), "consentry: config: expected an object, got null");
    }
}
