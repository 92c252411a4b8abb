//! The service's settings, from environment variables (README, "Consent records service").

use std::net::IpAddr;
use std::path::PathBuf;

/// Where records are kept.
#[derive(Debug, Clone, PartialEq)]
pub enum Database {
    /// A SQLite file (created, with its folder, when missing).
    Sqlite(PathBuf),
    /// A PostgreSQL connection URL.
    Postgres(String),
}

#[derive(Debug, Clone, PartialEq)]
pub struct Config {
    pub host: IpAddr,
    pub port: u16,
    pub database: Database,
    /// Origins allowed to post records (`scheme://host[:port]`).
    pub origins: Vec<String>,
    /// Records per minute per client address; 0 = no limit.
    pub rate_limit: u32,
    /// Bearer token for export and delete; `None` disables both.
    pub token: Option<String>,
    /// Records older than this many days are deleted (at start, then daily); 0 = kept.
    pub retention_days: u32,
}

pub const DEFAULT_PORT: u16 = 8787;
pub const DEFAULT_SQLITE: &str = "data/records.db";
/// The demo site's origin (`npm start` serves it on 127.0.0.1:8080).
pub const DEFAULT_ORIGINS: &str = "http://127.0.0.1:8080,http://localhost:8080";
pub const DEFAULT_RATE_LIMIT: u32 = 120;
pub const DEFAULT_RETENTION_DAYS: u32 = 400;
/// A shorter token is refused at start.
pub const MIN_TOKEN_LEN: usize = 16;

impl Config {
    /// Read the settings; `var(name)` gives a variable's value. The error names the variable.
    pub fn from_env(var: impl Fn(&str) -> Option<String>) -> Result<Config, String> {
        let get = |name: &str| var(name).map(|v| v.trim().to_owned()).filter(|v| !v.is_empty());
        let host = match get("RECORDS_HOST") {
            None => IpAddr::from([127, 0, 0, 1]),
            Some(h) => h.parse().map_err(|_| format!("RECORDS_HOST: expected an IP address, got {h:?}"))?,
        };
        let port = number(get("RECORDS_PORT"), "RECORDS_PORT", DEFAULT_PORT as u32, u16::MAX as u32)? as u16;
        let database = match get("DATABASE_URL") {
            None => Database::Sqlite(PathBuf::from(DEFAULT_SQLITE)),
            Some(url) if url.starts_with("postgres://") || url.starts_with("postgresql://") => Database::Postgres(url),
            Some(url) => match url.strip_prefix("sqlite://").or_else(|| url.strip_prefix("sqlite:")) {
                Some(path) if !path.is_empty() => Database::Sqlite(PathBuf::from(path)),
                _ => return Err("DATABASE_URL: expected postgres://… (PostgreSQL) or sqlite://<file> (SQLite)".into()),
            },
        };
        let origins_text = get("RECORDS_ORIGINS").unwrap_or_else(|| DEFAULT_ORIGINS.to_owned());
        let mut origins = Vec::new();
        for item in origins_text.split(',').map(str::trim).filter(|o| !o.is_empty()) {
            let origin = item.trim_end_matches('/').to_ascii_lowercase();
            let rest = origin.strip_prefix("https://").or_else(|| origin.strip_prefix("http://"));
            match rest {
                Some(host) if !host.is_empty() && !host.contains(['/', '?', '#', ' ', '*']) => origins.push(origin.clone()),
                _ => return Err(format!("RECORDS_ORIGINS: expected origins like https://www.example.com, separated by commas; got {item:?}")),
            }
        }
        let rate_limit = number(get("RECORDS_RATE_LIMIT"), "RECORDS_RATE_LIMIT", DEFAULT_RATE_LIMIT, u32::MAX)?;
        let token = get("RECORDS_TOKEN");
        if let Some(t) = &token {
            if t.len() < MIN_TOKEN_LEN {
                return Err(format!("RECORDS_TOKEN: expected at least {MIN_TOKEN_LEN} characters"));
            }
        }
        let retention_days = number(get("RECORDS_RETENTION_DAYS"), "RECORDS_RETENTION_DAYS", DEFAULT_RETENTION_DAYS, 1_000_000)?;
        Ok(Config { host, port, database, origins, rate_limit, token, retention_days })
    }

    /// Whether `origin` (an `Origin` header's value) may post records.
    pub fn allows(&self, origin: &str) -> bool {
        self.origins.iter().any(|o| o.eq_ignore_ascii_case(origin))
    }
}

fn number(text: Option<String>, name: &str, default: u32, max: u32) -> Result<u32, String> {
    match text {
        None => Ok(default),
        Some(t) => t.parse::<u32>().ok().filter(|n| *n <= max).ok_or_else(|| format!("{name}: expected a whole number from 0 to {max}, got {t:?}")),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::HashMap;

    fn read(vars: &[(&str, &str)]) -> Result<Config, String> {
        let map: HashMap<String, String> = vars.iter().map(|(k, v)| (k.to_string(), v.to_string())).collect();
        Config::from_env(|k| map.get(k).cloned())
    }

    #[test]
    fn defaults() {
        let c = read(&[]).unwrap();
        assert_eq!(c.host.to_string(), "127.0.0.1");
        assert_eq!(c.port, 8787);
        assert_eq!(c.database, Database::Sqlite("data/records.db".into()));
        assert_eq!(c.origins, ["http://127.0.0.1:8080", "http://localhost:8080"]);
        assert_eq!((c.rate_limit, c.retention_days, c.token.as_deref()), (120, 400, None));
        assert!(c.allows("http://127.0.0.1:8080") && !c.allows("http://127.0.0.1:8081") && !c.allows("null"));
    }

    #[test]
    fn each_variable() {
        let c = read(&[
            ("RECORDS_HOST", "0.0.0.0"),
            ("RECORDS_PORT", "0"),
            ("DATABASE_URL", "postgres://app@db/consent"),
            ("RECORDS_ORIGINS", " https://www.example.com/ , HTTPS://Shop.Example:8443"),
            ("RECORDS_RATE_LIMIT", "0"),
            ("RECORDS_TOKEN", "0123456789abcdef"),
            ("RECORDS_RETENTION_DAYS", "30"),
        ])
        .unwrap();
        assert_eq!(c.port, 0);
        assert_eq!(c.database, Database::Postgres("postgres://app@db/consent".into()));
        assert_eq!(c.origins, ["https://www.example.com", "https://shop.example:8443"]);
        assert!(c.allows("https://shop.example:8443"));
        assert_eq!((c.rate_limit, c.retention_days, c.token.as_deref()), (0, 30, Some("0123456789abcdef")));
        assert_eq!(read(&[("DATABASE_URL", "sqlite:///tmp/x/r.db")]).unwrap().database, Database::Sqlite("/tmp/x/r.db".into()));
        assert_eq!(read(&[("DATABASE_URL", "sqlite:r.db")]).unwrap().database, Database::Sqlite("r.db".into()));
    }

    #[test]
    fn wrong_values_name_the_variable() {
        for (var, value) in [
            ("RECORDS_HOST", "localhost"),
            ("RECORDS_PORT", "70000"),
            ("RECORDS_PORT", "-1"),
            ("DATABASE_URL", "mysql://x"),
            ("DATABASE_URL", "sqlite://"),
            ("RECORDS_ORIGINS", "www.example.com"),
            ("RECORDS_ORIGINS", "https://example.com/path"),
            ("RECORDS_ORIGINS", "*"),
            ("RECORDS_RATE_LIMIT", "ten"),
            ("RECORDS_TOKEN", "short"),
            ("RECORDS_RETENTION_DAYS", "1.5"),
        ] {
            let err = read(&[(var, value)]).unwrap_err();
            assert!(err.starts_with(&format!("{var}: ")), "{var}={value}: {err}");
        }
    }
}
