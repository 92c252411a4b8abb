//! `consentry-records` (npm run records): settings from the environment, see the README.

use std::process::ExitCode;

#[tokio::main]
async fn main() -> ExitCode {
    let config = match consentry_records::config::Config::from_env(|name| std::env::var(name).ok()) {
        Ok(c) => c,
        Err(e) => {
            eprintln!("consentry-records: {e}");
            return ExitCode::from(2);
        }
    };
    match consentry_records::run(config).await {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("consentry-records: {e}");
            ExitCode::FAILURE
        }
    }
}
