//! A plain-Rust image of a JavaScript value (config, stored record, translation).
//!
//! The loader (`walk` in `src/js/core.js`) turns a JavaScript value into JSON text once, which
//! [`parse_walked`] reads into a [`Value`]; everything after that is pure Rust, tested
//! natively. Functions, regular expressions and DOM nodes cannot be represented in Rust, so
//! they travel as [`Handle`]s: indexes into the table of JS objects the loader kept while
//! walking.

#[allow(unused_imports)]
use crate::prelude::*;

/// Index of a JS object (function, RegExp, Element) kept by the browser layer.
pub(crate) type Handle = u32;

/// What a value is, for error messages ("expected a string, got a number").
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Kind {
    Null,
    Bool,
    Number,
    String,
    Array,
    Object,
    Function,
    RegExp,
    Element,
    /// Symbols, BigInts, objects that threw while read, or nesting too deep (cycles).
    Unsupported,
    /// More values under one top-level key than the loader reads: its reading budget,
    /// 100 000 values (`walk` in src/js/core.js; the README's limits need about 25 000).
    TooLarge,
}

impl Kind {
    pub(crate) fn article_name(self) -> &'static str {
        match self {
            Kind::Null => "null",
            Kind::Bool => "a boolean",
            Kind::Number => "a number",
            Kind::String => "a string",
            Kind::Array => "an array",
            Kind::Object => "an object",
            Kind::Function => "a function",
            Kind::RegExp => "a RegExp",
            Kind::Element => "an Element",
            Kind::Unsupported => "an unsupported value (too deep, cyclic, or unreadable)",
            Kind::TooLarge => "more values than consentry reads (over the reading budget of 100000 values)",
        }
    }
}

/// A JSON-like value plus opaque JS handles.
#[derive(Clone, Debug, PartialEq)]
pub(crate) enum Value {
    Null,
    Bool(bool),
    Num(f64),
    Str(String),
    Arr(Vec<Value>),
    /// Keys in their original order (JS preserves insertion order, and so do we).
    Obj(Vec<(String, Value)>),
    Func(Handle),
    Regex(Handle),
    Node(Handle),
    Unsupported,
    /// A top-level key whose value went over the loader's reading budget.
    TooLarge,
}

impl Value {
    pub(crate) fn kind(&self) -> Kind {
        match self {
            Value::Null => Kind::Null,
            Value::Bool(_) => Kind::Bool,
            Value::Num(_) => Kind::Number,
            Value::Str(_) => Kind::String,
            Value::Arr(_) => Kind::Array,
            Value::Obj(_) => Kind::Object,
            Value::Func(_) => Kind::Function,
            Value::Regex(_) => Kind::RegExp,
            Value::Node(_) => Kind::Element,
            Value::Unsupported => Kind::Unsupported,
            Value::TooLarge => Kind::TooLarge,
        }
    }

    /// How an error message names this value ("got …").
    pub(crate) fn described(&self) -> &'static str {
        match self {
            Value::Str(s) if s.trim().is_empty() => "a blank string",
            Value::Num(n) if !n.is_finite() => "NaN or an infinite number",
            other => other.kind().article_name(),
        }
    }

    /// The member `key` of an object; `None` for absent keys and non-objects.
    pub(crate) fn get(&self, key: &str) -> Option<&Value> {
        match self {
            Value::Obj(members) => members.iter().find(|(k, _)| k == key).map(|(_, v)| v),
            _ => None,
        }
    }

    /// Whether JavaScript counts this value as true (`if (value)`).
    pub(crate) fn truthy(&self) -> bool {
        match self {
            Value::Null => false,
            Value::Bool(b) => *b,
            Value::Num(n) => *n != 0.0 && !n.is_nan(),
            Value::Str(s) => !s.is_empty(),
            _ => true,
        }
    }

    /// JavaScript's `typeof` (functions are handles; everything else that is no primitive is
    /// an object).
    pub(crate) fn type_of(&self) -> &'static str {
        match self {
            Value::Bool(_) => "boolean",
            Value::Num(_) => "number",
            Value::Str(_) => "string",
            Value::Func(_) => "function",
            _ => "object",
        }
    }

    /// Element `i` of an array (a message's field; `protocol`'s positions).
    pub(crate) fn at(&self, i: usize) -> Option<&Value> {
        self.as_array()?.get(i)
    }

    pub(crate) fn as_str(&self) -> Option<&str> {
        match self {
            Value::Str(s) => Some(s),
            _ => None,
        }
    }

    pub(crate) fn as_f64(&self) -> Option<f64> {
        match self {
            Value::Num(n) => Some(*n),
            _ => None,
        }
    }

    pub(crate) fn as_array(&self) -> Option<&[Value]> {
        match self {
            Value::Arr(items) => Some(items),
            _ => None,
        }
    }

    pub(crate) fn as_object(&self) -> Option<&[(String, Value)]> {
        match self {
            Value::Obj(members) => Some(members),
            _ => None,
        }
    }

    /// A string, or the strings of an array (other items skipped), as a list.
    pub(crate) fn string_list(&self) -> Vec<String> {
        match self {
            Value::Str(s) => vec![s.clone()],
            Value::Arr(items) => items.iter().filter_map(|i| i.as_str().map(str::to_owned)).collect(),
            _ => Vec::new(),
        }
    }

    /// An array of strings from a slice of `&str`.
    pub(crate) fn str_array<S: AsRef<str>>(items: &[S]) -> Value {
        Value::Arr(items.iter().map(|s| Value::Str(s.as_ref().to_owned())).collect())
    }

    /// Serialize as JSON (handles and unsupported values become `null`, like `JSON.stringify`
    /// drops functions; non-finite numbers become `null`).
    pub(crate) fn to_json(&self) -> String {
        let mut out = String::new();
        write_json(self, &mut out);
        out
    }
}

fn write_json(value: &Value, out: &mut String) {
    match value {
        Value::Null | Value::Func(_) | Value::Regex(_) | Value::Node(_) | Value::Unsupported | Value::TooLarge => out.push_str("null"),
        Value::Bool(true) => out.push_str("true"),
        Value::Bool(false) => out.push_str("false"),
        Value::Num(n) => push_number(*n, out),
        Value::Str(s) => push_json_string(s, out),
        Value::Arr(items) => {
            out.push('[');
            for (i, item) in items.iter().enumerate() {
                if i > 0 {
                    out.push(',');
                }
                write_json(item, out);
            }
            out.push(']');
        }
        Value::Obj(members) => {
            out.push('{');
            for (i, (k, v)) in members.iter().enumerate() {
                if i > 0 {
                    out.push(',');
                }
                push_json_string(k, out);
                out.push(':');
                write_json(v, out);
            }
            out.push('}');
        }
    }
}

/// Numbers: integers (the common case: revisions, timestamps) exactly; fractions with up to
/// 15 significant digits. Written by hand because `f64`'s `Display` pulls tens of kilobytes
/// of formatting tables into the wasm.
fn push_number(n: f64, out: &mut String) {
    if !n.is_finite() {
        out.push_str("null");
        return;
    }
    if is_whole(n) && n.abs() < 9.007_199_254_740_992e15 {
        push_int(n as i64, out);
        return;
    }
    if n < 0.0 {
        out.push('-');
    }
    let a = n.abs();
    if !(1e-6..1e15).contains(&a) {
        // Outside the plain range: mantissa and exponent, like JSON allows.
        let mut exp = 0i64;
        let mut m = a;
        while m >= 10.0 {
            m /= 10.0;
            exp += 1;
        }
        while m < 1.0 {
            m *= 10.0;
            exp -= 1;
        }
        push_fraction(m, out);
        out.push('e');
        push_int(exp, out);
        return;
    }
    push_fraction(a, out);
}

/// `a` (≥ 0, < 1e15) with up to 15 significant digits, trailing zeros dropped.
fn push_fraction(a: f64, out: &mut String) {
    let int = trunc(a);
    push_int(int as i64, out);
    let mut int_digits = 0;
    let mut rest = int as i64;
    while rest > 0 {
        int_digits += 1;
        rest /= 10;
    }
    let places = (15 - int_digits).clamp(1, 15);
    let mut frac = ((a - int) * pow10(places) + 0.5) as i64;
    if frac <= 0 {
        return;
    }
    let mut digits = [b'0'; 15];
    let mut len = places as usize;
    for d in digits.iter_mut().take(len).rev() {
        *d = b'0' + (frac % 10) as u8;
        frac /= 10;
    }
    while len > 0 && digits[len - 1] == b'0' {
        len -= 1;
    }
    out.push('.');
    for &d in digits.iter().take(len) {
        out.push(d as char);
    }
}

/// `f64::trunc` for `no_std` (exact for |x| < 2^63; larger values are integers already).
pub(crate) fn trunc(x: f64) -> f64 {
    if x.abs() < 9.2e18 {
        x as i64 as f64
    } else {
        x
    }
}

/// Whether `x` is a whole number.
pub(crate) fn is_whole(x: f64) -> bool {
    x.is_finite() && trunc(x) == x
}

/// `10^exp` for `no_std`.
fn pow10(exp: i32) -> f64 {
    let mut result = 1f64;
    for _ in 0..exp.unsigned_abs().min(400) {
        result *= 10.0;
    }
    if exp < 0 {
        1.0 / result
    } else {
        result
    }
}

/// An object of these members (the keys are copied once, here, rather than at every call site).
pub(crate) fn obj(members: Vec<(&str, Value)>) -> Value {
    Value::Obj(members.into_iter().map(|(k, v)| (String::from(k), v)).collect())
}

/// `items` joined by `sep`, appended to `out`: one loop for every item type, where `[T]::join`
/// is instantiated per type (~900 B of wasm each).
pub(crate) fn push_joined(out: &mut String, items: &mut dyn Iterator<Item = &str>, sep: &str) {
    for (i, item) in items.enumerate() {
        if i > 0 {
            out.push_str(sep);
        }
        out.push_str(item);
    }
}

/// Append a decimal integer without going through `core::fmt`.
pub(crate) fn push_int(n: i64, out: &mut String) {
    if n < 0 {
        out.push('-');
    }
    let mut digits = [0u8; 20];
    let mut len = 0;
    let mut rest = n.unsigned_abs();
    loop {
        digits[len] = b'0' + (rest % 10) as u8;
        len += 1;
        rest /= 10;
        if rest == 0 {
            break;
        }
    }
    for &d in digits.iter().take(len).rev() {
        out.push(d as char);
    }
}

fn push_json_string(s: &str, out: &mut String) {
    const HEX: &[u8; 16] = b"0123456789abcdef";
    out.push('"');
    for c in s.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            c if (c as u32) < 0x20 => {
                out.push_str("\\u00");
                out.push(HEX[(c as usize) >> 4] as char);
                out.push(HEX[(c as usize) & 15] as char);
            }
            c => out.push(c),
        }
    }
    out.push('"');
}

/// Parse JSON text. Returns `None` for anything that is not exactly one JSON value, and for
/// nesting deeper than [`MAX_DEPTH`], so hostile input can neither panic nor blow the stack.
pub(crate) fn parse_json(text: &str) -> Option<Value> {
    parse(text, false)
}

/// Parse a JS value as the loader walked it (`src/js/core.js`, `walk`): JSON where a
/// function, RegExp or Element is an object with the single key `"\u0000f"`, `"\u0000r"`
/// or `"\u0000n"` holding its handle, and anything unreadable `{"\u0000u": 0}`.
/// Stored records are read with [`parse_json`], so handles can't come from storage.
pub(crate) fn parse_walked(text: &str) -> Option<Value> {
    parse(text, true)
}

fn parse(text: &str, walked: bool) -> Option<Value> {
    let mut p = Parser { bytes: text.as_bytes(), pos: 0, walked };
    let value = p.value(0)?;
    p.skip_ws();
    (p.pos == p.bytes.len()).then_some(value)
}

/// A walked handle object (`{"\u0000f": 3}`) as the value it stands for.
fn handle(members: &[(String, Value)]) -> Option<Value> {
    let [(key, Value::Num(n))] = members else { return None };
    let h = *n as Handle;
    Some(match key.as_str() {
        "\u{0}f" => Value::Func(h),
        "\u{0}r" => Value::Regex(h),
        "\u{0}n" => Value::Node(h),
        "\u{0}u" => Value::Unsupported,
        "\u{0}b" => Value::TooLarge,
        // NaN and ±Infinity (JSON can't carry them).
        "\u{0}i" => Value::Num(f64::NAN),
        _ => return None,
    })
}

/// Deepest nesting accepted from JSON and from JS objects.
pub(crate) const MAX_DEPTH: usize = 48;

struct Parser<'a> {
    bytes: &'a [u8],
    pos: usize,
    /// Read the loader's handle objects (see [`parse_walked`]).
    walked: bool,
}

impl Parser<'_> {
    fn peek(&self) -> Option<u8> {
        self.bytes.get(self.pos).copied()
    }

    fn skip_ws(&mut self) {
        while let Some(b' ' | b'\n' | b'\r' | b'\t') = self.peek() {
            self.pos += 1;
        }
    }

    fn eat(&mut self, lit: &[u8]) -> Option<()> {
        let end = self.pos.checked_add(lit.len())?;
        (self.bytes.get(self.pos..end)? == lit).then(|| self.pos = end)
    }

    fn value(&mut self, depth: usize) -> Option<Value> {
        if depth > MAX_DEPTH {
            return None;
        }
        self.skip_ws();
        match self.peek()? {
            b'n' => self.eat(b"null").map(|_| Value::Null),
            b't' => self.eat(b"true").map(|_| Value::Bool(true)),
            b'f' => self.eat(b"false").map(|_| Value::Bool(false)),
            b'"' => self.string().map(Value::Str),
            b'[' => {
                self.pos += 1;
                let mut items = Vec::new();
                self.skip_ws();
                if self.peek() == Some(b']') {
                    self.pos += 1;
                    return Some(Value::Arr(items));
                }
                loop {
                    items.push(self.value(depth + 1)?);
                    self.skip_ws();
                    match self.peek()? {
                        b',' => self.pos += 1,
                        b']' => {
                            self.pos += 1;
                            return Some(Value::Arr(items));
                        }
                        _ => return None,
                    }
                }
            }
            b'{' => {
                self.pos += 1;
                let mut members: Vec<(String, Value)> = Vec::new();
                self.skip_ws();
                if self.peek() == Some(b'}') {
                    self.pos += 1;
                    return Some(Value::Obj(members));
                }
                loop {
                    self.skip_ws();
                    let key = self.string()?;
                    self.skip_ws();
                    self.eat(b":")?;
                    let value = self.value(depth + 1)?;
                    // Like JSON.parse: a repeated key keeps the last value.
                    match members.iter_mut().find(|(k, _)| *k == key) {
                        Some(slot) => slot.1 = value,
                        None => members.push((key, value)),
                    }
                    self.skip_ws();
                    match self.peek()? {
                        b',' => self.pos += 1,
                        b'}' => {
                            self.pos += 1;
                            if self.walked {
                                if let Some(h) = handle(&members) {
                                    return Some(h);
                                }
                            }
                            return Some(Value::Obj(members));
                        }
                        _ => return None,
                    }
                }
            }
            b'-' | b'0'..=b'9' => self.number(),
            _ => None,
        }
    }

    /// A JSON number. Digits accumulate exactly up to 2^53 (all integers consentry stores);
    /// fractions and exponents are scaled in `f64` (no correctly-rounded parser: it would
    /// cost more wasm than every other part of this file).
    fn number(&mut self) -> Option<Value> {
        let negative = self.peek() == Some(b'-');
        if negative {
            self.pos += 1;
        }
        let int_start = self.pos;
        let mut value = 0f64;
        while let Some(d @ b'0'..=b'9') = self.peek() {
            value = value * 10.0 + f64::from(d - b'0');
            self.pos += 1;
        }
        let int_len = self.pos - int_start;
        if int_len == 0 || (int_len > 1 && self.bytes.get(int_start) == Some(&b'0')) {
            return None;
        }
        if self.peek() == Some(b'.') {
            self.pos += 1;
            let frac_start = self.pos;
            let mut scale = 1f64;
            while let Some(d @ b'0'..=b'9') = self.peek() {
                scale /= 10.0;
                value += f64::from(d - b'0') * scale;
                self.pos += 1;
            }
            if self.pos == frac_start {
                return None;
            }
        }
        if let Some(b'e' | b'E') = self.peek() {
            self.pos += 1;
            let exp_negative = match self.peek() {
                Some(b'-') => {
                    self.pos += 1;
                    true
                }
                Some(b'+') => {
                    self.pos += 1;
                    false
                }
                _ => false,
            };
            let exp_start = self.pos;
            let mut exp: i32 = 0;
            while let Some(d @ b'0'..=b'9') = self.peek() {
                exp = exp.saturating_mul(10).saturating_add(i32::from(d - b'0'));
                self.pos += 1;
            }
            if self.pos == exp_start {
                return None;
            }
            let factor = pow10(exp.min(400));
            value = if exp_negative { value / factor } else { value * factor };
        }
        Some(Value::Num(if negative { -value } else { value }))
    }

    fn hex4(&mut self) -> Option<u32> {
        let mut code = 0u32;
        for _ in 0..4 {
            let digit = (self.peek()? as char).to_digit(16)?;
            code = code * 16 + digit;
            self.pos += 1;
        }
        Some(code)
    }

    fn string(&mut self) -> Option<String> {
        self.eat(b"\"")?;
        let mut out = String::new();
        loop {
            let run_start = self.pos;
            while let Some(b) = self.peek() {
                if b == b'"' || b == b'\\' || b < 0x20 {
                    break;
                }
                self.pos += 1;
            }
            // The input is a &str and we stopped at ASCII bytes, so the run is valid UTF-8.
            out.push_str(core::str::from_utf8(self.bytes.get(run_start..self.pos)?).ok()?);
            match self.peek()? {
                b'"' => {
                    self.pos += 1;
                    return Some(out);
                }
                b'\\' => {
                    self.pos += 1;
                    let esc = self.peek()?;
                    self.pos += 1;
                    match esc {
                        b'"' => out.push('"'),
                        b'\\' => out.push('\\'),
                        b'/' => out.push('/'),
                        b'b' => out.push('\u{8}'),
                        b'f' => out.push('\u{c}'),
                        b'n' => out.push('\n'),
                        b'r' => out.push('\r'),
                        b't' => out.push('\t'),
                        b'u' => {
                            let hi = self.hex4()?;
                            let code = if (0xD800..0xDC00).contains(&hi) {
                                // A surrogate pair; a lone half becomes U+FFFD like JS strings
                                // would carry it (Rust strings cannot).
                                if self.eat(b"\\u").is_some() {
                                    let lo = self.hex4()?;
                                    if (0xDC00..0xE000).contains(&lo) {
                                        0x10000 + ((hi - 0xD800) << 10) + (lo - 0xDC00)
                                    } else {
                                        0xFFFD
                                    }
                                } else {
                                    0xFFFD
                                }
                            } else {
                                hi
                            };
                            out.push(char::from_u32(code).unwrap_or('\u{FFFD}'));
                        }
                        _ => return None,
                    }
                }
                _ => return None, // raw control character
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn obj(members: &[(&str, Value)]) -> Value {
        Value::Obj(members.iter().map(|(k, v)| ((*k).to_owned(), v.clone())).collect())
    }

    #[test]
    fn json_round_trips_the_stored_record_shapes() {
        let v = obj(&[
            ("categories", Value::str_array(&["necessary", "analytics"])),
            ("revision", Value::Num(3.0)),
            ("data", Value::Null),
            ("note", Value::Str("quote \" backslash \\ newline \n tab \t ü 中".into())),
            ("ratio", Value::Num(0.25)),
            ("neg", Value::Num(-12.0)),
        ]);
        let text = v.to_json();
        assert_eq!(
            text,
            "{\"categories\":[\"necessary\",\"analytics\"],\"revision\":3,\"data\":null,\
             \"note\":\"quote \\\" backslash \\\\ newline \\n tab \\t ü 中\",\"ratio\":0.25,\"neg\":-12}"
        );
        assert_eq!(parse_json(&text), Some(v));
    }

    #[test]
    fn json_parser_accepts_what_json_parse_accepts() {
        assert_eq!(
            parse_json(" [1, 2.5e2, -0.5, true, false, null] "),
            Some(Value::Arr(vec![Value::Num(1.0), Value::Num(250.0), Value::Num(-0.5), Value::Bool(true), Value::Bool(false), Value::Null]))
        );
        assert_eq!(parse_json("\"\\u00e9\\ud83d\\ude00\\/\""), Some(Value::Str("é😀/".into())));
        assert_eq!(parse_json("{\"a\":1,\"a\":2}"), Some(obj(&[("a", Value::Num(2.0))])));
        assert_eq!(parse_json("{}"), Some(Value::Obj(vec![])));
    }

    #[test]
    fn json_parser_rejects_malformed_input_without_panicking() {
        for bad in [
            "",
            "{",
            "}",
            "[1,]",
            "{\"a\":}",
            "01",
            "1.",
            "-",
            "1e",
            "\"abc",
            "\"\\x\"",
            "\"\\u12\"",
            "tru",
            "nul",
            "{\"a\" 1}",
            "[1 2]",
            "{'a':1}",
            "\"a\nb\"",
            "1 2",
            "NaN",
            "Infinity",
        ] {
            assert_eq!(parse_json(bad), None, "{bad:?} must be rejected");
        }
    }

    #[test]
    fn walked_values_carry_handles() {
        let v = parse_walked("{\"onConsent\":{\"\\u0000f\":3},\"re\":[{\"\\u0000r\":1}],\"x\":{\"\\u0000u\":0},\"plain\":{\"f\":1}}").unwrap();
        assert_eq!(v.get("onConsent"), Some(&Value::Func(3)));
        assert_eq!(v.get("re"), Some(&Value::Arr(vec![Value::Regex(1)])));
        assert_eq!(v.get("x"), Some(&Value::Unsupported));
        assert_eq!(v.get("plain").and_then(|p| p.get("f")), Some(&Value::Num(1.0)));
        assert_eq!(parse_json("{\"\\u0000f\":3}").unwrap().kind(), Kind::Object, "storage never yields handles");
    }

    #[test]
    fn json_parser_limits_nesting() {
        let deep = "[".repeat(MAX_DEPTH + 5) + &"]".repeat(MAX_DEPTH + 5);
        assert_eq!(parse_json(&deep), None);
        let ok = "[".repeat(MAX_DEPTH) + &"]".repeat(MAX_DEPTH);
        assert!(parse_json(&ok).is_some());
    }

    #[test]
    fn handles_serialize_as_null_and_integers_avoid_fmt() {
        let v = Value::Arr(vec![Value::Func(1), Value::Num(f64::NAN), Value::Num(1.7e12)]);
        assert_eq!(v.to_json(), "[null,null,1700000000000]");
        let fractions = Value::Arr(vec![Value::Num(0.1), Value::Num(-2.5), Value::Num(123.456), Value::Num(1e-9), Value::Num(3.2e20)]);
        assert_eq!(fractions.to_json(), "[0.1,-2.5,123.456,1e-9,3.2e20]");
        assert_eq!(parse_json("[0.1,-2.5,123.456,1e-9,3.2e20]"), Some(fractions));
        let mut s = String::new();
        push_int(i64::MIN + 1, &mut s);
        assert_eq!(s, "-9223372036854775807");
    }
}
