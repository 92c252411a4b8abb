//! consentry-records: the service that keeps the consent records consentry sends
//! (`consentLog.endpoint`), as proof of consent. See the README's "Consent records service".

/// Settings from environment variables.
pub mod config;
/// The HTTP API.
pub mod http;
/// The per-client rate limit.
pub mod limit;
/// What a valid record is.
pub mod record;
/// SQLite or PostgreSQL.
pub mod store;
/// Timestamps as instants.
pub mod time;

use std::net::SocketAddr;
use std::sync::Arc;
use std::time::{Duration, Instant};

/// Run the service until SIGINT or SIGTERM. Prints one line when it listens:
/// `consentry-records: listening on http://ADDRESS (STORE)`.
pub async fn run(config: config::Config) -> Result<(), String> {
    let store = store::Store::open(&config.database).await?;
    let app = Arc::new(http::App { limiter: limit::Limiter::new(config.rate_limit), store, config });
    if app.config.retention_days > 0 {
        // At start (before the first record is taken), then once a day.
        retention(&app).await;
        let app = app.clone();
        tokio::spawn(async move {
            let day = Duration::from_secs(86_400);
            let mut tick = tokio::time::interval_at(tokio::time::Instant::now() + day, day);
            loop {
                tick.tick().await;
                retention(&app).await;
            }
        });
    }
    if app.config.rate_limit > 0 {
        let app = app.clone();
        tokio::spawn(async move {
            let mut tick = tokio::time::interval(Duration::from_secs(60));
            loop {
                tick.tick().await;
                app.limiter.sweep(Instant::now());
            }
        });
    }
    let listener = tokio::net::TcpListener::bind((app.config.host, app.config.port))
        .await
        .map_err(|e| format!("cannot listen on {}:{}: {e}", app.config.host, app.config.port))?;
    let address = listener.local_addr().map_err(|e| e.to_string())?;
    println!("consentry-records: listening on http://{address} ({})", app.store.describe());
    let service = http::router(app.clone()).into_make_service_with_connect_info::<SocketAddr>();
    let served = axum::serve(listener, service).with_graceful_shutdown(shutdown()).await;
    app.store.close().await;
    served.map_err(|e| e.to_string())
}

/// Delete the records older than `RECORDS_RETENTION_DAYS`.
async fn retention(app: &http::App) {
    let before = time::days_ago(app.config.retention_days);
    match app.store.delete_before(&before).await {
        Ok(n) => println!("consentry-records: retention: {n} record(s) older than {} days deleted", app.config.retention_days),
        Err(e) => eprintln!("consentry-records: retention: the database did not answer ({e}); trying again tomorrow"),
    }
}

async fn shutdown() {
    let interrupt = tokio::signal::ctrl_c();
    #[cfg(unix)]
    {
        let mut term = match tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate()) {
            Ok(s) => s,
            Err(_) => return std::future::pending().await,
        };
        tokio::select! {
            _ = interrupt => {}
            _ = term.recv() => {}
        }
    }
    #[cfg(not(unix))]
    {
        let _ = interrupt.await;
    }
}
