//! Timestamps: RFC 3339 with a zone, read as an instant and written in one canonical form
//! (UTC, nine fractional digits) whose text order is time order. The database stores and
//! compares that form, so duplicates, "oldest first" and every range compare instants,
//! whatever the offset or the precision a record was sent with.

use chrono::{DateTime, Datelike, SecondsFormat, Utc};

/// `2026-12-01T09:30:00.000000000Z` for any RFC 3339 date-time with a zone; `None` when
/// `text` is not one, or when its instant falls outside the years 0000–9999 in UTC (the
/// canonical form is fixed-width only there).
pub fn canonical(text: &str) -> Option<String> {
    let instant = DateTime::parse_from_rfc3339(text).ok()?.with_timezone(&Utc);
    Some(format_utc(instant)).filter(|_| (0..=9999).contains(&instant.year()))
}

/// The canonical form of an instant.
pub fn format_utc(instant: DateTime<Utc>) -> String {
    instant.to_rfc3339_opts(SecondsFormat::Nanos, true)
}

/// The canonical form of now.
pub fn now() -> String {
    format_utc(Utc::now())
}

/// The canonical form of `days` days before now.
pub fn days_ago(days: u32) -> String {
    format_utc(Utc::now() - chrono::Duration::days(i64::from(days)))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn one_instant_one_form() {
        let forms = [
            "2026-12-01T09:30:00Z",
            "2026-12-01T09:30:00.000Z",
            "2026-12-01T09:30:00.000000000Z",
            "2026-12-01T10:30:00+01:00",
            "2026-12-01T04:00:00-05:30",
            "2026-12-01t09:30:00z",
        ];
        for f in forms {
            assert_eq!(canonical(f).as_deref(), Some("2026-12-01T09:30:00.000000000Z"), "{f}");
        }
        assert_eq!(canonical("2026-12-01T09:30:00.123456789Z").as_deref(), Some("2026-12-01T09:30:00.123456789Z"));
        assert_eq!(canonical("2026-12-01T00:30:00.5+01:00").as_deref(), Some("2026-11-30T23:30:00.500000000Z"));
    }

    #[test]
    fn text_order_is_time_order() {
        let a = canonical("2026-12-01T10:00:00+02:00").unwrap(); // 08:00Z
        let b = canonical("2026-12-01T09:00:00.001Z").unwrap();
        let c = canonical("2026-12-01T09:00:00.01Z").unwrap();
        let d = canonical("2026-12-01T05:00:00-05:00").unwrap(); // 10:00Z
        assert!(a < b && b < c && c < d);
    }

    #[test]
    fn not_rfc3339_with_a_zone() {
        for bad in [
            "",
            "2026-12-01",
            "2026-12-01T09:30:00",
            "2026-12-01 09:30",
            "2026-13-01T09:30:00Z",
            "2026-02-30T09:30:00Z",
            "yesterday",
            "1764581400000",
            "2026-12-01T09:30:00+25:00",
        ] {
            assert_eq!(canonical(bad), None, "{bad:?}");
        }
        // Outside 0000–9999 once in UTC.
        assert_eq!(canonical("0000-01-01T00:30:00+01:00"), None);
        assert!(canonical("0000-01-01T00:00:00Z").is_some());
        assert!(canonical("9999-12-31T23:59:59.999999999Z").is_some());
    }
}
