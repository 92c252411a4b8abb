//! Shared helpers for native tests: config and records written as JSON text, where the
//! strings `"@fn:N"`, `"@re:N"` and `"@node:N"` stand for a function, RegExp or Element handle.

use crate::config::{Config, Unknown};
use crate::value::{parse_json, Value};

/// A valid config from JSON text (panics with the config error otherwise).
pub(crate) fn config(text: &str) -> Config {
    Config::parse(&js(text), &mut Unknown::default()).unwrap_or_else(|e| panic!("test config is invalid: {}", e.message()))
}

pub(crate) fn js(text: &str) -> Value {
    let value = parse_json(text).unwrap_or_else(|| panic!("test JSON does not parse: {text}"));
    handles(value)
}

fn handles(value: Value) -> Value {
    match value {
        Value::Str(s) => {
            let handle = |prefix: &str| s.strip_prefix(prefix).and_then(|n| n.parse::<u32>().ok());
            if let Some(h) = handle("@fn:") {
                Value::Func(h)
            } else if let Some(h) = handle("@re:") {
                Value::Regex(h)
            } else if let Some(h) = handle("@node:") {
                Value::Node(h)
            } else {
                Value::Str(s)
            }
        }
        Value::Arr(items) => Value::Arr(items.into_iter().map(handles).collect()),
        Value::Obj(members) => Value::Obj(members.into_iter().map(|(k, v)| (k, handles(v))).collect()),
        other => other,
    }
}
