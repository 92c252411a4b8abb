//! Shared by the integration tests: a fresh database per test (a SQLite file in a folder
//! that does not exist yet, or a database on the PostgreSQL server that
//! `scripts/records-test.sh` started), the service binary started against it as a real
//! process, and records to post.
//!
//! PostgreSQL: `RECORDS_TEST_POSTGRES` is an admin URL (`postgres://postgres@127.0.0.1:PORT/postgres`);
//! `scripts/records-test.sh` starts a throw-away server and sets it. Without it the
//! PostgreSQL tests fail (so a run cannot pass by skipping them), unless it is `skip`.
#![allow(dead_code)]

use std::io::{BufRead, BufReader, Read};
use std::path::PathBuf;
use std::process::{Child, Command, Stdio};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};
use std::time::Duration;

use serde_json::{json, Value};
use sqlx::Connection;

pub const ORIGIN: &str = "http://site.test:8080";
pub const TOKEN: &str = "test-token-0123456789abcdef";

static NEXT: AtomicUsize = AtomicUsize::new(0);

#[derive(Clone, Copy, Debug, PartialEq)]
pub enum Kind {
    Sqlite,
    Postgres,
}

/// One test's database.
pub struct Db {
    pub kind: Kind,
    /// DATABASE_URL for the service.
    pub url: String,
    /// SQLite: the file; PostgreSQL: the database's name.
    pub file: Option<PathBuf>,
    pub name: String,
}

fn unique(prefix: &str) -> String {
    format!("{prefix}_{}_{}", std::process::id(), NEXT.fetch_add(1, Ordering::SeqCst))
}

pub fn postgres_admin() -> Option<String> {
    match std::env::var("RECORDS_TEST_POSTGRES").ok().filter(|v| !v.is_empty()) {
        Some(v) if v == "skip" => None,
        Some(v) => Some(v),
        None => panic!(
            "RECORDS_TEST_POSTGRES is not set: run `bash scripts/records-test.sh` (it starts a PostgreSQL server), \
             or set RECORDS_TEST_POSTGRES=skip to run the SQLite tests only"
        ),
    }
}

impl Db {
    /// A fresh, empty database; `None` when PostgreSQL tests are explicitly skipped.
    pub async fn new(kind: Kind) -> Option<Db> {
        match kind {
            Kind::Sqlite => {
                let dir = std::env::temp_dir().join("consentry-records-tests").join(unique("t")).join("not-yet-there");
                let file = dir.join("records.db");
                Some(Db { kind, url: format!("sqlite://{}", file.display()), name: file.display().to_string(), file: Some(file) })
            }
            Kind::Postgres => {
                let admin = postgres_admin()?;
                let name = unique("records");
                let mut conn = sqlx::PgConnection::connect(&admin).await.expect("connect to the test PostgreSQL server");
                sqlx::query(&format!("CREATE DATABASE {name}")).execute(&mut conn).await.expect("create a test database");
                conn.close().await.ok();
                let base = admin.rsplit_once('/').map(|(b, _)| b.to_owned()).unwrap_or(admin);
                Some(Db { kind, url: format!("{base}/{name}"), file: None, name })
            }
        }
    }

    /// A direct connection (SQLite read-only: the service owns the file).
    pub async fn query_i64(&self, sql: &str) -> i64 {
        match self.kind {
            Kind::Sqlite => {
                let options = sqlx::sqlite::SqliteConnectOptions::new().filename(self.file.as_ref().unwrap()).read_only(true);
                let mut c = sqlx::SqliteConnection::connect_with(&options).await.expect("open the test SQLite file");
                let n: i64 = sqlx::query_scalar(sql).fetch_one(&mut c).await.expect(sql);
                c.close().await.ok();
                n
            }
            Kind::Postgres => {
                let mut c = sqlx::PgConnection::connect(&self.url).await.expect("connect to the test database");
                let n: i64 = sqlx::query_scalar(sql).fetch_one(&mut c).await.expect(sql);
                c.close().await.ok();
                n
            }
        }
    }

    /// Every stored consent id.
    pub async fn consent_ids(&self) -> std::collections::HashSet<String> {
        let sql = "SELECT consent_id FROM records";
        match self.kind {
            Kind::Sqlite => {
                let options = sqlx::sqlite::SqliteConnectOptions::new().filename(self.file.as_ref().unwrap()).read_only(true);
                let mut c = sqlx::SqliteConnection::connect_with(&options).await.expect("open the test SQLite file");
                sqlx::query_scalar(sql).fetch_all(&mut c).await.unwrap().into_iter().collect()
            }
            Kind::Postgres => {
                let mut c = sqlx::PgConnection::connect(&self.url).await.expect("connect to the test database");
                sqlx::query_scalar(sql).fetch_all(&mut c).await.unwrap().into_iter().collect()
            }
        }
    }

    /// How many records are in the database.
    pub async fn count(&self) -> i64 {
        self.query_i64("SELECT COUNT(*) FROM records").await
    }

    /// Every stored column of every row, as text (to search for what must not be there).
    pub async fn all_text(&self) -> String {
        match self.kind {
            Kind::Sqlite => {
                // The raw files: the database and its write-ahead log.
                let file = self.file.as_ref().unwrap();
                let mut out = Vec::new();
                for f in [file.clone(), PathBuf::from(format!("{}-wal", file.display()))] {
                    if let Ok(mut h) = std::fs::File::open(&f) {
                        h.read_to_end(&mut out).ok();
                    }
                }
                String::from_utf8_lossy(&out).into_owned()
            }
            Kind::Postgres => {
                let mut c = sqlx::PgConnection::connect(&self.url).await.unwrap();
                let rows: Vec<String> = sqlx::query_scalar("SELECT r::text FROM records r").fetch_all(&mut c).await.unwrap();
                rows.join("\n")
            }
        }
    }
}

/// A running service (killed when dropped).
pub struct Service {
    child: Child,
    pub url: String,
    /// Everything it printed (stdout and stderr).
    pub output: Arc<Mutex<String>>,
}

pub fn binary() -> &'static str {
    env!("CARGO_BIN_EXE_consentry-records")
}

impl Service {
    /// Start the service on a free port against `db`, with `RECORDS_ORIGINS=ORIGIN`,
    /// `RECORDS_TOKEN=TOKEN`, no rate limit, unless `env` says otherwise.
    pub fn start(db: &Db, env: &[(&str, &str)]) -> Service {
        let mut cmd = Command::new(binary());
        cmd.env_clear()
            .env("RECORDS_PORT", "0")
            .env("DATABASE_URL", &db.url)
            .env("RECORDS_ORIGINS", ORIGIN)
            .env("RECORDS_TOKEN", TOKEN)
            .env("RECORDS_RATE_LIMIT", "0");
        for (k, v) in env {
            cmd.env(k, v);
        }
        let mut child = cmd.stdout(Stdio::piped()).stderr(Stdio::piped()).spawn().expect("start consentry-records");
        let output = Arc::new(Mutex::new(String::new()));
        let (tx, rx) = std::sync::mpsc::channel::<String>();
        let stdout = child.stdout.take().unwrap();
        let stderr = child.stderr.take().unwrap();
        for (stream, tx) in [(Box::new(stdout) as Box<dyn Read + Send>, Some(tx)), (Box::new(stderr), None)] {
            let output = output.clone();
            std::thread::spawn(move || {
                for line in BufReader::new(stream).lines().map_while(Result::ok) {
                    output.lock().unwrap().push_str(&(line.clone() + "\n"));
                    if let Some(tx) = &tx {
                        tx.send(line).ok();
                    }
                }
            });
        }
        let deadline = std::time::Instant::now() + Duration::from_secs(120);
        loop {
            let left = deadline.saturating_duration_since(std::time::Instant::now());
            match rx.recv_timeout(left) {
                Ok(line) => {
                    if let Some(rest) = line.strip_prefix("consentry-records: listening on ") {
                        let url = rest.split_whitespace().next().unwrap().to_owned();
                        return Service { child, url, output };
                    }
                }
                Err(_) => {
                    let _ = child.kill();
                    let _ = child.wait();
                    std::thread::sleep(Duration::from_millis(200));
                    panic!("the service did not start; it printed:\n{}", output.lock().unwrap());
                }
            }
        }
    }

    /// SIGKILL, no chance to clean up.
    pub fn kill(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }

    /// SIGTERM and wait for the exit.
    pub fn stop(&mut self) {
        let _ = Command::new("kill").arg("-TERM").arg(self.child.id().to_string()).status();
        let _ = self.child.wait();
    }

    pub fn printed(&self) -> String {
        self.output.lock().unwrap().clone()
    }
}

impl Drop for Service {
    fn drop(&mut self) {
        self.kill();
    }
}

/// Run a service binary with `env` until it exits; (exit code, what it printed).
pub fn run_to_exit(env: &[(&str, &str)]) -> (Option<i32>, String) {
    let mut cmd = Command::new(binary());
    cmd.env_clear().env("RECORDS_PORT", "0");
    for (k, v) in env {
        cmd.env(k, v);
    }
    let out = cmd.output().expect("run consentry-records");
    (out.status.code(), String::from_utf8_lossy(&out.stdout).into_owned() + &String::from_utf8_lossy(&out.stderr))
}

/// `n`-th UUID of a family (valid, distinct per (family, n)).
pub fn uuid(family: u32, n: u64) -> String {
    format!("{family:08x}-0000-4000-8000-{n:012x}")
}

/// A record as the loader sends it.
pub fn record(consent_id: &str, timestamp: &str, action: &str) -> Value {
    json!({
        "consentId": consent_id,
        "timestamp": timestamp,
        "action": action,
        "acceptedCategories": ["necessary", "analytics"],
        "rejectedCategories": ["marketing"],
        "acceptedServices": {"necessary": [], "analytics": ["insights"], "marketing": []},
        "rejectedServices": {"necessary": [], "analytics": [], "marketing": ["adpixel"]},
        "revision": 0,
        "language": "en",
        "gpc": false,
        "origin": ORIGIN,
        "path": "/",
        "textHash": "5f1c0b4e3d2a19087f6e5d4c3b2a19080f1e2d3c4b5a69788796a5b4c3d2e1f0",
    })
}

pub fn client() -> reqwest::Client {
    reqwest::Client::builder().timeout(Duration::from_secs(60)).build().unwrap()
}

/// A client whose connections come from `address` (127.0.0.0/8: every address is this machine).
pub fn client_from(address: [u8; 4]) -> reqwest::Client {
    reqwest::Client::builder().timeout(Duration::from_secs(60)).local_address(std::net::IpAddr::from(address)).build().unwrap()
}

/// POST a body to /v1/records with our origin; (status, JSON answer).
pub async fn post(c: &reqwest::Client, base: &str, body: impl Into<reqwest::Body>, content_type: &str) -> (u16, Value) {
    let r =
        c.post(format!("{base}/v1/records")).header("origin", ORIGIN).header("content-type", content_type).body(body).send().await.expect("POST /v1/records");
    let status = r.status().as_u16();
    (status, r.json().await.unwrap_or(Value::Null))
}

pub async fn post_record(c: &reqwest::Client, base: &str, record: &Value) -> (u16, Value) {
    post(c, base, record.to_string(), "text/plain;charset=UTF-8").await
}

/// Generate the tests of a module for both stores: `fn name(kind: Kind)` → `name::sqlite`
/// and `name::postgres`.
#[macro_export]
macro_rules! both_stores {
    ($($name:ident),* $(,)?) => {
        $(
            mod $name {
                #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
                async fn sqlite() {
                    super::$name($crate::common::Kind::Sqlite).await
                }
                #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
                async fn postgres() {
                    super::$name($crate::common::Kind::Postgres).await
                }
            }
        )*
    };
}
