//! Timestamps as the stored value writes them: ISO 8601 in UTC with milliseconds
//! (`2026-11-29T03:45:48.123Z`, what `Date.prototype.toISOString` gives), from and to
//! milliseconds since the epoch. Pure arithmetic on the proleptic Gregorian calendar.

#[allow(unused_imports)]
use crate::prelude::*;

const DAY_MS: i64 = 86_400_000;

/// Format milliseconds since the epoch. Years outside 0..=9999 are clamped.
pub(crate) fn iso(ms: f64) -> String {
    let ms = if ms.is_finite() { ms as i64 } else { 0 }.clamp(-62_167_219_200_000, 253_402_300_799_999);
    let days = ms.div_euclid(DAY_MS);
    let rem = ms.rem_euclid(DAY_MS);
    let (y, m, d) = civil_from_days(days);
    let mut out = String::with_capacity(24);
    push_padded(&mut out, y, 4);
    out.push('-');
    push_padded(&mut out, m, 2);
    out.push('-');
    push_padded(&mut out, d, 2);
    out.push('T');
    push_padded(&mut out, rem / 3_600_000, 2);
    out.push(':');
    push_padded(&mut out, rem / 60_000 % 60, 2);
    out.push(':');
    push_padded(&mut out, rem / 1000 % 60, 2);
    out.push('.');
    push_padded(&mut out, rem % 1000, 3);
    out.push('Z');
    out
}

/// Parse `YYYY-MM-DDTHH:MM:SS[.fff]Z`; anything else (offsets, missing parts, impossible
/// dates) is `None`.
pub(crate) fn parse_iso(text: &str) -> Option<f64> {
    let b = text.as_bytes();
    if b.len() < 20
        || b.get(4) != Some(&b'-')
        || b.get(7) != Some(&b'-')
        || b.get(10) != Some(&b'T')
        || b.get(13) != Some(&b':')
        || b.get(16) != Some(&b':')
        || b.last() != Some(&b'Z')
    {
        return None;
    }
    let num = |from: usize, to: usize| -> Option<i64> {
        let digits = b.get(from..to)?;
        digits.iter().try_fold(0i64, |acc, d| d.is_ascii_digit().then(|| acc * 10 + i64::from(d - b'0')))
    };
    let (y, mo, d) = (num(0, 4)?, num(5, 7)?, num(8, 10)?);
    let (h, mi, s) = (num(11, 13)?, num(14, 16)?, num(17, 19)?);
    let millis = match b.len() {
        20 => 0,
        24 if b.get(19) == Some(&b'.') => num(20, 23)?,
        _ => return None,
    };
    if !(1..=12).contains(&mo) || d < 1 || d > days_in_month(y, mo) || h > 23 || mi > 59 || s > 59 {
        return None;
    }
    let days = days_from_civil(y, mo, d);
    Some((days * DAY_MS + h * 3_600_000 + mi * 60_000 + s * 1000 + millis) as f64)
}

fn push_padded(out: &mut String, n: i64, width: usize) {
    let mut digits = String::new();
    crate::value::push_int(n, &mut digits);
    for _ in digits.len()..width {
        out.push('0');
    }
    out.push_str(&digits);
}

fn is_leap(y: i64) -> bool {
    (y % 4 == 0 && y % 100 != 0) || y % 400 == 0
}

fn days_in_month(y: i64, m: i64) -> i64 {
    match m {
        2 if is_leap(y) => 29,
        2 => 28,
        4 | 6 | 9 | 11 => 30,
        _ => 31,
    }
}

/// Days since 1970-01-01 of a civil date (Howard Hinnant's algorithm).
fn days_from_civil(y: i64, m: i64, d: i64) -> i64 {
    let y = if m <= 2 { y - 1 } else { y };
    let era = y.div_euclid(400);
    let yoe = y - era * 400;
    let mp = (m + 9) % 12;
    let doy = (153 * mp + 2) / 5 + d - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    era * 146_097 + doe - 719_468
}

fn civil_from_days(z: i64) -> (i64, i64, i64) {
    let z = z + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = doy - (153 * mp + 2) / 5 + 1;
    let m = if mp < 10 { mp + 3 } else { mp - 9 };
    (yoe + era * 400 + i64::from(m <= 2), m, d)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn formats_like_to_iso_string() {
        assert_eq!(iso(0.0), "1970-01-01T00:00:00.000Z");
        assert_eq!(iso(1_764_387_948_123.0), "2025-11-29T03:45:48.123Z");
        assert_eq!(iso(951_782_400_000.0), "2000-02-29T00:00:00.000Z");
        assert_eq!(iso(-1.0), "1969-12-31T23:59:59.999Z");
    }

    #[test]
    fn parses_what_it_formats_and_rejects_the_rest() {
        for ms in [0.0, 1_764_387_948_123.0, 951_782_400_000.0, 4_102_444_800_000.0, -86_400_000.0] {
            assert_eq!(parse_iso(&iso(ms)), Some(ms));
        }
        assert_eq!(parse_iso("2025-11-29T03:45:48Z"), Some(1_764_387_948_000.0));
        for bad in [
            "",
            "2025-11-29",
            "2025-02-30T00:00:00Z",
            "2025-11-29T24:00:00Z",
            "2025-11-29T03:45:48+01:00",
            "2025-11-29T03:45:48.1Z",
            "x025-11-29T03:45:48Z",
            "2025-13-01T00:00:00.000Z",
            "2025-11-29T03:45:48.123",
        ] {
            assert_eq!(parse_iso(bad), None, "{bad}");
        }
    }
}
