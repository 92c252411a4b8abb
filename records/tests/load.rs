//! Bounded load on 127.0.0.1, on SQLite and on PostgreSQL: 20,000 records from 50 concurrent
//! clients lose nothing (the database holds exactly the records sent; the export streams
//! them all), with the throughput and latency printed; and a service killed with SIGKILL
//! in the middle of such a load, then restarted, has kept every record it acknowledged.
//! Run one at a time (`--test-threads=1`): the figures are this machine's, client included.

mod common;

use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use common::*;

const CLIENTS: usize = 50;
const PER_CLIENT: usize = 400; // 20,000 records

both_stores!(twenty_thousand_records_from_fifty_clients, sigkill_mid_load_loses_no_acknowledged_record);

/// The i-th record of client c: distinct consent ids, timestamps spread over a day.
fn nth(c: usize, i: usize) -> (String, serde_json::Value) {
    let id = uuid(0x1000 + c as u32, i as u64);
    let ms = (c * PER_CLIENT + i) as i64 * 4_000;
    let ts = (chrono::DateTime::parse_from_rfc3339("2026-11-01T00:00:00Z").unwrap() + chrono::Duration::milliseconds(ms)).to_rfc3339();
    let r = record(&id, &ts, if i.is_multiple_of(3) { "given" } else { "changed" });
    (id, r)
}

fn percentile(sorted: &[Duration], p: f64) -> f64 {
    let i = ((sorted.len() as f64 * p).ceil() as usize).clamp(1, sorted.len()) - 1;
    sorted[i].as_secs_f64() * 1000.0
}

async fn twenty_thousand_records_from_fifty_clients(kind: Kind) {
    let Some(db) = Db::new(kind).await else { return };
    let s = Service::start(&db, &[]);
    let began = Instant::now();
    let tasks: Vec<_> = (0..CLIENTS)
        .map(|c| {
            let url = s.url.clone();
            tokio::spawn(async move {
                let client = client();
                let mut latencies = Vec::with_capacity(PER_CLIENT);
                for i in 0..PER_CLIENT {
                    let (_, r) = nth(c, i);
                    let t = Instant::now();
                    let (status, answer) = post_record(&client, &url, &r).await;
                    latencies.push(t.elapsed());
                    assert_eq!(status, 201, "client {c}, record {i}: {answer}");
                }
                latencies
            })
        })
        .collect();
    let mut latencies = Vec::with_capacity(CLIENTS * PER_CLIENT);
    for t in tasks {
        latencies.extend(t.await.expect("a client failed"));
    }
    let seconds = began.elapsed().as_secs_f64();
    let sent = latencies.len();
    assert_eq!(sent, CLIENTS * PER_CLIENT);
    assert_eq!(db.count().await, sent as i64, "count in the database = records sent");
    // The export streams every one of them.
    let r = client().get(format!("{}/v1/export", s.url)).bearer_auth(TOKEN).send().await.unwrap();
    assert_eq!(r.status().as_u16(), 200);
    let text = r.text().await.unwrap();
    assert_eq!(text.lines().count(), sent);
    latencies.sort();
    println!(
        "load ({kind:?}): {sent} records from {CLIENTS} clients in {seconds:.1} s = {:.0} records/s; latency p50 {:.1} ms, p99 {:.1} ms, max {:.1} ms",
        sent as f64 / seconds,
        percentile(&latencies, 0.50),
        percentile(&latencies, 0.99),
        percentile(&latencies, 1.0),
    );
}

async fn sigkill_mid_load_loses_no_acknowledged_record(kind: Kind) {
    let Some(db) = Db::new(kind).await else { return };
    let mut s = Service::start(&db, &[]);
    let acknowledged = Arc::new(Mutex::new(Vec::<String>::new()));
    let answered = Arc::new(AtomicUsize::new(0));
    let tasks: Vec<_> = (0..CLIENTS)
        .map(|c| {
            let (url, acknowledged, answered) = (s.url.clone(), acknowledged.clone(), answered.clone());
            tokio::spawn(async move {
                let client = client();
                let mut failures = 0;
                for i in 0..PER_CLIENT {
                    let (id, r) = nth(c, i);
                    match client.post(format!("{url}/v1/records")).header("origin", ORIGIN).body(r.to_string()).send().await {
                        Ok(resp) if resp.status().as_u16() == 201 || resp.status().as_u16() == 200 => {
                            acknowledged.lock().unwrap().push(id);
                            answered.fetch_add(1, Ordering::SeqCst);
                        }
                        Ok(resp) => panic!("client {c}: unexpected {}", resp.status()),
                        Err(_) => {
                            // The service is gone: this record was not acknowledged.
                            failures += 1;
                            if failures > 2 {
                                break;
                            }
                        }
                    }
                }
            })
        })
        .collect();
    // Kill it with the load in full flow: a few thousand records in, dozens in flight.
    let deadline = Instant::now() + Duration::from_secs(300);
    while answered.load(Ordering::SeqCst) < 3_000 {
        assert!(Instant::now() < deadline, "the load did not reach 3,000 records");
        tokio::time::sleep(Duration::from_millis(5)).await;
    }
    s.kill();
    for t in tasks {
        t.await.expect("a client failed");
    }
    let acknowledged = acknowledged.lock().unwrap().clone();
    assert!(acknowledged.len() >= 3_000 && acknowledged.len() < CLIENTS * PER_CLIENT, "killed mid-load: {}", acknowledged.len());
    // Restart on the same database (SQLite recovers its write-ahead log here).
    let s = Service::start(&db, &[]);
    let stored = db.consent_ids().await;
    let lost: Vec<&String> = acknowledged.iter().filter(|id| !stored.contains(*id)).collect();
    assert!(lost.is_empty(), "{} acknowledged records lost, e.g. {:?}", lost.len(), &lost[..lost.len().min(5)]);
    println!(
        "sigkill ({kind:?}): killed after {} acknowledged records; after the restart {} are stored ({} more that were in flight), 0 lost",
        acknowledged.len(),
        stored.len(),
        stored.len() - acknowledged.len()
    );
    // And it takes records again.
    let (status, _) = post_record(&client(), &s.url, &nth(0, PER_CLIENT + 1).1).await;
    assert_eq!(status, 201);
}
