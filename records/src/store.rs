//! Where records are kept: SQLite (a file; WAL; one writer connection) or PostgreSQL. The
//! migrations (`records/migrations/<store>/`) run at start. Every answer that a record is
//! stored comes after its INSERT has committed.

use std::str::FromStr;
use std::time::Duration;

use futures_util::stream::BoxStream;
use sqlx::postgres::{PgConnectOptions, PgPool, PgPoolOptions};
use sqlx::sqlite::{SqliteConnectOptions, SqliteJournalMode, SqlitePool, SqlitePoolOptions, SqliteSynchronous};

use tokio::sync::{mpsc, oneshot};

use crate::config::Database;
use crate::record::Valid;

/// How long a request waits for a database connection before it is answered 503.
const ACQUIRE: Duration = Duration::from_secs(10);

pub enum Store {
    Sqlite {
        /// One connection: SQLite has one writer at a time; a queue in the pool is fairer
        /// and faster than several connections retrying a busy lock.
        write: SqlitePool,
        /// New records go to the writer task (see [`sqlite_writer`]).
        queue: mpsc::Sender<Job>,
        read: SqlitePool,
        path: String,
    },
    Postgres {
        pool: PgPool,
        /// host/database, for the start message (no user, no password).
        place: String,
    },
}

/// At most this many records are committed together.
const BATCH: usize = 256;

/// A record waiting for the SQLite writer, and where its answer goes.
pub struct Job {
    record: Valid,
    received_at: String,
    answer: oneshot::Sender<Result<bool, sqlx::Error>>,
}

/// SQLite's writer: group commit. It takes the records that are waiting (up to [`BATCH`]),
/// inserts them in one transaction, commits (one fsync for all of them), and only then
/// answers each: new or duplicate. When the transaction fails, every record of it is
/// answered with the error (none of them is stored; their senders get a 503).
async fn sqlite_writer(write: SqlitePool, mut jobs: mpsc::Receiver<Job>) {
    let mut batch = Vec::with_capacity(BATCH);
    while jobs.recv_many(&mut batch, BATCH).await > 0 {
        match sqlite_batch(&write, &batch).await {
            Ok(outcomes) => {
                for (job, new) in batch.drain(..).zip(outcomes) {
                    let _ = job.answer.send(Ok(new));
                }
            }
            Err(e) => {
                let message = e.to_string();
                for job in batch.drain(..) {
                    let _ = job.answer.send(Err(sqlx::Error::Protocol(message.clone())));
                }
            }
        }
    }
}

async fn sqlite_batch(write: &SqlitePool, batch: &[Job]) -> Result<Vec<bool>, sqlx::Error> {
    let mut tx = write.begin().await?;
    let mut outcomes = Vec::with_capacity(batch.len());
    for job in batch {
        let r = &job.record;
        let done = sqlx::query(
            "INSERT INTO records (consent_id, ts, action, body, received_at) VALUES (?, ?, ?, ?, ?) ON CONFLICT (consent_id, ts, action) DO NOTHING",
        )
        .bind(&r.consent_id)
        .bind(&r.ts)
        .bind(r.action)
        .bind(&r.body)
        .bind(&job.received_at)
        .execute(&mut *tx)
        .await?;
        outcomes.push(done.rows_affected() == 1);
    }
    tx.commit().await?;
    Ok(outcomes)
}

impl Store {
    /// Connect, create what is missing, run the migrations.
    pub async fn open(database: &Database) -> Result<Store, String> {
        match database {
            Database::Sqlite(path) => {
                if let Some(dir) = path.parent().filter(|d| !d.as_os_str().is_empty()) {
                    std::fs::create_dir_all(dir).map_err(|e| format!("cannot create the folder {}: {e}", dir.display()))?;
                }
                let options = SqliteConnectOptions::new()
                    .filename(path)
                    .create_if_missing(true)
                    .journal_mode(SqliteJournalMode::Wal)
                    // FULL: a commit is on disk (WAL fsync) before it is acknowledged.
                    .synchronous(SqliteSynchronous::Full)
                    .busy_timeout(Duration::from_secs(5));
                let write = SqlitePoolOptions::new()
                    .max_connections(1)
                    .acquire_timeout(ACQUIRE)
                    .connect_with(options.clone())
                    .await
                    .map_err(|e| format!("cannot open the SQLite database {}: {e}", path.display()))?;
                sqlx::migrate!("./migrations/sqlite").run(&write).await.map_err(|e| format!("migrations failed: {e}"))?;
                let read = SqlitePoolOptions::new()
                    .max_connections(4)
                    .acquire_timeout(ACQUIRE)
                    .connect_with(options.read_only(true))
                    .await
                    .map_err(|e| format!("cannot open the SQLite database {}: {e}", path.display()))?;
                let (queue, jobs) = mpsc::channel(BATCH * 4);
                tokio::spawn(sqlite_writer(write.clone(), jobs));
                Ok(Store::Sqlite { write, queue, read, path: path.display().to_string() })
            }
            Database::Postgres(url) => {
                let options = PgConnectOptions::from_str(url).map_err(|e| format!("DATABASE_URL: {e}"))?;
                let place = format!("{}:{}/{}", options.get_host(), options.get_port(), options.get_database().unwrap_or(""));
                let pool = PgPoolOptions::new()
                    .max_connections(10)
                    .acquire_timeout(ACQUIRE)
                    .connect_with(options)
                    .await
                    .map_err(|e| format!("cannot connect to PostgreSQL at {place}: {e}"))?;
                sqlx::migrate!("./migrations/postgres").run(&pool).await.map_err(|e| format!("migrations failed: {e}"))?;
                Ok(Store::Postgres { pool, place })
            }
        }
    }

    /// "SQLite data/records.db" or "PostgreSQL host:port/db".
    pub fn describe(&self) -> String {
        match self {
            Store::Sqlite { path, .. } => format!("SQLite {path}"),
            Store::Postgres { place, .. } => format!("PostgreSQL {place}"),
        }
    }

    /// Store a record: `true` when it is new, `false` when the same consent id, timestamp
    /// and action were stored before (the first one stays). Committed when this returns.
    pub async fn insert(&self, r: &Valid, received_at: &str) -> Result<bool, sqlx::Error> {
        let done = match self {
            Store::Sqlite { queue, .. } => {
                let (answer, answered) = oneshot::channel();
                queue.send(Job { record: r.clone(), received_at: received_at.to_owned(), answer }).await.map_err(|_| sqlx::Error::PoolClosed)?;
                return answered.await.map_err(|_| sqlx::Error::PoolClosed)?;
            }
            Store::Postgres { pool, .. } => sqlx::query(
                "INSERT INTO records (consent_id, ts, action, body, received_at) VALUES ($1, $2, $3, $4, $5) ON CONFLICT (consent_id, ts, action) DO NOTHING",
            )
            .bind(&r.consent_id)
            .bind(&r.ts)
            .bind(r.action)
            .bind(&r.body)
            .bind(received_at)
            .execute(pool)
            .await?
            .rows_affected(),
        };
        Ok(done == 1)
    }

    /// One consent id's records (as received), oldest first.
    pub async fn by_consent_id(&self, consent_id: &str) -> Result<Vec<String>, sqlx::Error> {
        match self {
            Store::Sqlite { read, .. } => {
                sqlx::query_scalar("SELECT body FROM records WHERE consent_id = ? ORDER BY ts, seq").bind(consent_id).fetch_all(read).await
            }
            Store::Postgres { pool, .. } => {
                sqlx::query_scalar("SELECT body FROM records WHERE consent_id = $1 ORDER BY ts, seq").bind(consent_id).fetch_all(pool).await
            }
        }
    }

    /// Every record with `from <= ts < to` (canonical forms; `None` = open), oldest first,
    /// as a stream of bodies.
    pub fn export<'a>(&'a self, from: Option<&'a str>, to: Option<&'a str>) -> BoxStream<'a, Result<String, sqlx::Error>> {
        // Canonical timestamps start with a digit: "" is below all of them, "~" above.
        let from = from.unwrap_or("");
        let to = to.unwrap_or("~");
        match self {
            Store::Sqlite { read, .. } => {
                sqlx::query_scalar("SELECT body FROM records WHERE ts >= ? AND ts < ? ORDER BY ts, seq").bind(from).bind(to).fetch(read)
            }
            Store::Postgres { pool, .. } => {
                sqlx::query_scalar("SELECT body FROM records WHERE ts >= $1 AND ts < $2 ORDER BY ts, seq").bind(from).bind(to).fetch(pool)
            }
        }
    }

    /// Delete every record whose timestamp is before `before` (strictly); how many.
    pub async fn delete_before(&self, before: &str) -> Result<u64, sqlx::Error> {
        Ok(match self {
            Store::Sqlite { write, .. } => sqlx::query("DELETE FROM records WHERE ts < ?").bind(before).execute(write).await?.rows_affected(),
            Store::Postgres { pool, .. } => sqlx::query("DELETE FROM records WHERE ts < $1").bind(before).execute(pool).await?.rows_affected(),
        })
    }

    /// A round trip to the database. SQLite: on the writer, take the write lock and let it
    /// go (a receiver that cannot write is not healthy); PostgreSQL: `SELECT 1`.
    pub async fn ping(&self) -> Result<(), sqlx::Error> {
        match self {
            Store::Sqlite { write, .. } => {
                sqlx::raw_sql("BEGIN IMMEDIATE; ROLLBACK").execute(write).await?;
            }
            Store::Postgres { pool, .. } => {
                sqlx::query("SELECT 1").execute(pool).await?;
            }
        }
        Ok(())
    }

    pub async fn close(&self) {
        match self {
            Store::Sqlite { write, read, .. } => {
                read.close().await;
                write.close().await;
            }
            Store::Postgres { pool, .. } => pool.close().await,
        }
    }
}
