//! The API against the real service process, on SQLite and on PostgreSQL: every status,
//! duplicates (twenty at once), history order, export, delete, retention, health, the
//! rate limit, and what is stored and logged (no address, no user agent).

mod common;

use common::*;
use futures_util::future::join_all;
use serde_json::{json, Value};

both_stores!(
    post_answers_201_then_200_for_a_duplicate,
    json_sent_as_text_plain_or_as_json_is_a_record,
    twenty_duplicates_at_once_store_one,
    malformed_records_are_400_naming_the_field,
    bodies_over_16_kib_are_413_chunked_or_not,
    origins_cors_and_preflight,
    history_is_oldest_first_by_instant,
    export_streams_json_lines_for_a_range,
    delete_and_retention,
    rate_limit_per_client_address,
    health_is_503_when_the_database_does_not_answer,
    no_address_or_user_agent_is_stored_or_logged,
);

const ID: &str = "0f8fad5b-d9cb-469f-a165-70867728950e";

async fn post_answers_201_then_200_for_a_duplicate(kind: Kind) {
    let Some(db) = Db::new(kind).await else { return };
    let s = Service::start(&db, &[]);
    let c = client();
    let r = record(ID, "2026-12-01T09:30:00.000Z", "given");
    assert_eq!(post_record(&c, &s.url, &r).await, (201, json!({"stored": true})), "new: 201");
    assert_eq!(post_record(&c, &s.url, &r).await, (200, json!({"stored": true, "duplicate": true})), "the same again: 200");
    // The same instant written with another offset and precision, as JSON (fetch's body): a duplicate.
    let same_instant = record(&ID.to_uppercase(), "2026-12-01T10:30:00.000000+01:00", "given");
    assert_eq!(post(&c, &s.url, same_instant.to_string(), "application/json").await.0, 200);
    // Another action or another instant: another record.
    assert_eq!(post_record(&c, &s.url, &record(ID, "2026-12-01T09:30:00.000Z", "changed")).await.0, 201);
    assert_eq!(post_record(&c, &s.url, &record(ID, "2026-12-01T09:30:00.001Z", "given")).await.0, 201);
    assert_eq!(db.count().await, 3);
    // The first one stays: its body is the one kept.
    let h: Value = c.get(format!("{}/v1/records/{ID}", s.url)).send().await.unwrap().json().await.unwrap();
    assert_eq!(h[0]["timestamp"], "2026-12-01T09:30:00.000Z");
}

/// consentry's loader sends the JSON as `text/plain;charset=UTF-8` (sendBeacon and fetch with a
/// string body: a simple request, no preflight); other clients send `application/json`.
async fn json_sent_as_text_plain_or_as_json_is_a_record(kind: Kind) {
    let Some(db) = Db::new(kind).await else { return };
    let s = Service::start(&db, &[]);
    let c = client();
    let types = ["text/plain;charset=UTF-8", "text/plain", "application/json", "application/json; charset=utf-8"];
    for (i, content_type) in types.into_iter().enumerate() {
        let body = record(&uuid(3, i as u64), "2026-12-01T09:30:00.000Z", "given").to_string();
        let r = c.post(format!("{}/v1/records", s.url)).header("origin", ORIGIN).header("content-type", content_type).body(body).send().await.unwrap();
        assert_eq!(r.status().as_u16(), 201, "{content_type}");
        assert_eq!(r.headers()["access-control-allow-origin"], ORIGIN, "{content_type}");
    }
    assert_eq!(db.count().await, types.len() as i64);
}

async fn twenty_duplicates_at_once_store_one(kind: Kind) {
    let Some(db) = Db::new(kind).await else { return };
    let s = Service::start(&db, &[]);
    let r = record(ID, "2026-12-01T09:30:00.000Z", "withdrawn");
    // Twenty clients (twenty connections), released together.
    let clients: Vec<_> = (0..20).map(|_| client()).collect();
    let barrier = std::sync::Arc::new(tokio::sync::Barrier::new(20));
    let statuses = join_all(clients.iter().map(|c| {
        let (barrier, r, url) = (barrier.clone(), r.clone(), s.url.clone());
        async move {
            barrier.wait().await;
            post_record(c, &url, &r).await.0
        }
    }))
    .await;
    assert_eq!(statuses.iter().filter(|s| **s == 201).count(), 1, "{statuses:?}");
    assert_eq!(statuses.iter().filter(|s| **s == 200).count(), 19, "{statuses:?}");
    assert_eq!(db.count().await, 1);
}

async fn malformed_records_are_400_naming_the_field(kind: Kind) {
    let Some(db) = Db::new(kind).await else { return };
    let s = Service::start(&db, &[]);
    let c = client();
    let good = record(ID, "2026-12-01T09:30:00.000Z", "given");
    let with = |k: &str, v: Value| {
        let mut r = good.clone();
        r[k] = v;
        r.to_string()
    };
    let without = |k: &str| {
        let mut r = good.clone();
        r.as_object_mut().unwrap().shift_remove(k);
        r.to_string()
    };
    let cases = [
        ("not json".to_owned(), "body: "),
        ("[]".to_owned(), "body: "),
        (with("consentId", json!("")), "consentId: "),
        (with("consentId", json!("12345")), "consentId: "),
        (without("consentId"), "consentId: missing"),
        (with("timestamp", json!("")), "timestamp: "),
        (with("timestamp", json!("2026-12-01T09:30:00")), "timestamp: "),
        (with("action", json!("accepted")), "action: "),
        (with("acceptedCategories", json!({})), "acceptedCategories: "),
        (with("rejectedServices", json!({"marketing": [1]})), "rejectedServices.marketing[0]: "),
        (with("revision", json!(-1)), "revision: "),
        (with("language", json!(1)), "language: "),
        (without("gpc"), "gpc: missing"),
        (with("textHash", json!("xyz")), "textHash: "),
    ];
    for (body, field) in cases {
        let (status, answer) = post(&c, &s.url, body.clone(), "text/plain").await;
        assert_eq!(status, 400, "{body}");
        let message = answer["error"].as_str().unwrap_or_default();
        assert!(message.starts_with(field), "{body} → {message:?}, expected it to name {field:?}");
    }
    assert_eq!(db.count().await, 0, "nothing malformed is stored");
    // Unknown fields are no fault, and are kept as received.
    let mut newer = good.clone();
    newer["consentSource"] = json!({"kind": "banner", "v": 2});
    assert_eq!(post_record(&c, &s.url, &newer).await.0, 201);
    let h: Value = c.get(format!("{}/v1/records/{ID}", s.url)).send().await.unwrap().json().await.unwrap();
    assert_eq!(h, json!([newer]));
}

async fn bodies_over_16_kib_are_413_chunked_or_not(kind: Kind) {
    let Some(db) = Db::new(kind).await else { return };
    let s = Service::start(&db, &[]);
    let c = client();
    // A valid record padded (with an unknown field) to exactly n bytes.
    let sized = |n: usize, id: &str| {
        let mut r = record(id, "2026-12-01T09:30:00.000Z", "given");
        r["pad"] = json!("");
        let base = r.to_string().len();
        r["pad"] = json!("x".repeat(n - base));
        let text = r.to_string();
        assert_eq!(text.len(), n);
        text
    };
    let chunked = |text: String| {
        let chunks: Vec<Result<Vec<u8>, std::io::Error>> = text.into_bytes().chunks(1000).map(|c| Ok(c.to_vec())).collect();
        reqwest::Body::wrap_stream(futures_util::stream::iter(chunks))
    };
    assert_eq!(post(&c, &s.url, sized(16_384, &uuid(1, 1)), "text/plain").await.0, 201, "16,384 bytes: accepted");
    assert_eq!(post(&c, &s.url, chunked(sized(16_384, &uuid(1, 2))), "text/plain").await.0, 201, "16,384 bytes chunked: accepted");
    let (status, answer) = post(&c, &s.url, sized(16_385, &uuid(1, 3)), "text/plain").await;
    assert_eq!((status, answer["error"].as_str().unwrap_or_default()), (413, "body: larger than 16384 bytes"));
    assert_eq!(post(&c, &s.url, chunked(sized(16_385, &uuid(1, 4))), "text/plain").await.0, 413, "chunked, no Content-Length");
    assert_eq!(post(&c, &s.url, chunked(sized(200_000, &uuid(1, 5))), "text/plain").await.0, 413, "read on and dropped, then 413");
    // Far more: the service stops reading and closes the connection (the client may or may
    // not have read the 413 by then).
    let big = c.post(format!("{}/v1/records", s.url)).header("origin", ORIGIN).body(chunked(sized(2_000_000, &uuid(1, 6)))).send().await;
    if let Ok(r) = big {
        assert_eq!(r.status().as_u16(), 413);
    }
    assert_eq!(db.count().await, 2, "only the two of 16,384 bytes");
    assert_eq!(post_record(&c, &s.url, &record(&uuid(1, 7), "2026-12-01T09:30:00Z", "given")).await.0, 201, "and the service goes on");
}

async fn origins_cors_and_preflight(kind: Kind) {
    let Some(db) = Db::new(kind).await else { return };
    let s = Service::start(&db, &[("RECORDS_ORIGINS", "https://a.example,http://site.test:8080")]);
    let c = client();
    let url = format!("{}/v1/records", s.url);
    let body = record(ID, "2026-12-01T09:30:00.000Z", "given").to_string();
    // Preflight from an allowed origin.
    let r = c
        .request(reqwest::Method::OPTIONS, &url)
        .header("origin", ORIGIN)
        .header("access-control-request-method", "POST")
        .header("access-control-request-headers", "content-type")
        .send()
        .await
        .unwrap();
    assert_eq!(r.status().as_u16(), 204);
    let h = r.headers();
    assert_eq!(h["access-control-allow-origin"], ORIGIN);
    assert_eq!(h["access-control-allow-methods"], "POST");
    assert_eq!(h["access-control-allow-headers"], "content-type");
    assert_eq!(h["vary"], "Origin");
    assert_eq!(h["access-control-allow-credentials"], "true", "sendBeacon sends with credentials");
    // A disallowed origin: 403 on the preflight and on the POST, nothing stored.
    for origin in ["https://evil.example", "http://site.test:8081", "null"] {
        let r = c.request(reqwest::Method::OPTIONS, &url).header("origin", origin).header("access-control-request-method", "POST").send().await.unwrap();
        assert_eq!(r.status().as_u16(), 403, "preflight from {origin}");
        assert!(r.headers().get("access-control-allow-origin").is_none());
        let r = c.post(&url).header("origin", origin).body(body.clone()).send().await.unwrap();
        assert_eq!(r.status().as_u16(), 403, "POST from {origin}");
    }
    // No Origin at all (not a browser): 403.
    let r = c.post(&url).header("content-type", "text/plain").body(body.clone()).send().await.unwrap();
    assert_eq!(r.status().as_u16(), 403);
    assert!(r.json::<Value>().await.unwrap()["error"].as_str().unwrap().starts_with("origin: missing"));
    assert_eq!(db.count().await, 0);
    // The other allowed origin posts; the answer carries the CORS headers.
    let r = c.post(&url).header("origin", "https://a.example").body(body).send().await.unwrap();
    assert_eq!(r.status().as_u16(), 201);
    assert_eq!(r.headers()["access-control-allow-origin"], "https://a.example");
    assert_eq!(r.headers()["vary"], "Origin");
    assert_eq!(r.headers()["access-control-allow-credentials"], "true");
}

async fn history_is_oldest_first_by_instant(kind: Kind) {
    let Some(db) = Db::new(kind).await else { return };
    let s = Service::start(&db, &[]);
    let c = client();
    // Sent out of order, with offsets and precisions that make text order differ from time order.
    let sent = [
        ("2026-12-01T12:00:00+03:00", "changed"), // 09:00Z
        ("2026-12-01T08:59:59.9Z", "given"),      // 08:59:59.9Z
        ("2026-12-01T09:00:00.000000001Z", "withdrawn"),
        ("2026-12-01T04:00:00-05:00", "withdrawn"), // 09:00Z, same instant as the first, other action: ties keep arrival order
    ];
    for (ts, action) in sent {
        assert_eq!(post_record(&c, &s.url, &record(ID, ts, action)).await.0, 201, "{ts}");
    }
    assert_eq!(post_record(&c, &s.url, &record(&uuid(9, 9), "2026-12-01T09:00:00Z", "given")).await.0, 201, "another visitor");
    let r = c.get(format!("{}/v1/records/{}", s.url, ID.to_uppercase())).send().await.unwrap();
    assert_eq!(r.status().as_u16(), 200);
    assert_eq!(r.headers()["content-type"], "application/json");
    let h: Vec<Value> = r.json().await.unwrap();
    let order: Vec<&str> = h.iter().map(|r| r["timestamp"].as_str().unwrap()).collect();
    assert_eq!(order, ["2026-12-01T08:59:59.9Z", "2026-12-01T12:00:00+03:00", "2026-12-01T04:00:00-05:00", "2026-12-01T09:00:00.000000001Z"]);
    // Unknown id: an empty list; not a UUID: 400.
    let r = c.get(format!("{}/v1/records/{}", s.url, uuid(7, 7))).send().await.unwrap();
    assert_eq!((r.status().as_u16(), r.json::<Value>().await.unwrap()), (200, json!([])));
    let r = c.get(format!("{}/v1/records/not-an-id", s.url)).send().await.unwrap();
    assert_eq!(r.status().as_u16(), 400);
}

async fn export_lines(c: &reqwest::Client, base: &str, query: &str, token: Option<&str>) -> (u16, String) {
    let mut req = c.get(format!("{base}/v1/export{query}"));
    if let Some(t) = token {
        req = req.header("authorization", format!("Bearer {t}"));
    }
    let r = req.send().await.unwrap();
    (r.status().as_u16(), r.text().await.unwrap())
}

async fn export_streams_json_lines_for_a_range(kind: Kind) {
    let Some(db) = Db::new(kind).await else { return };
    let c = client();
    {
        // Without RECORDS_TOKEN: export and delete are disabled.
        let s = Service::start(&db, &[("RECORDS_TOKEN", "")]);
        let (status, text) = export_lines(&c, &s.url, "", Some(TOKEN)).await;
        assert_eq!(status, 401, "{text}");
        assert!(text.contains("disabled"), "{text}");
        let r = c.delete(format!("{}/v1/records?before=2030-01-01T00:00:00Z", s.url)).bearer_auth(TOKEN).send().await.unwrap();
        assert_eq!(r.status().as_u16(), 401);
    }
    let s = Service::start(&db, &[]);
    let times = ["2026-01-01T00:00:00Z", "2026-01-01T01:00:00+01:00", "2026-01-02T00:00:00Z", "2026-01-03T00:00:00.5Z", "2026-01-04T00:00:00Z"];
    // Sent out of time order (the first two are the same instant, sent in this order).
    for i in [4, 2, 0, 3, 1] {
        assert_eq!(post_record(&c, &s.url, &record(&uuid(2, i as u64), times[i], "given")).await.0, 201);
    }
    assert_eq!(export_lines(&c, &s.url, "", None).await.0, 401, "no token");
    assert_eq!(export_lines(&c, &s.url, "", Some("wrong-token-0123456789abcdef")).await.0, 401, "wrong token");
    let (status, all) = export_lines(&c, &s.url, "", Some(TOKEN)).await;
    assert_eq!(status, 200);
    assert!(all.ends_with('\n'));
    let lines: Vec<Value> = all.lines().map(|l| serde_json::from_str(l).unwrap()).collect();
    assert_eq!(lines.len(), 5);
    // Oldest first; the first two are the same instant (arrival order).
    let ids: Vec<&str> = lines.iter().map(|l| l["consentId"].as_str().unwrap()).collect();
    assert_eq!(ids, [uuid(2, 0), uuid(2, 1), uuid(2, 2), uuid(2, 3), uuid(2, 4)]);
    // from inclusive, to exclusive, compared as instants.
    let (_, part) = export_lines(&c, &s.url, "?from=2026-01-01T02:00:00%2B02:00&to=2026-01-03T00:00:00.5Z", Some(TOKEN)).await;
    let ids: Vec<String> = part.lines().map(|l| serde_json::from_str::<Value>(l).unwrap()["consentId"].as_str().unwrap().to_owned()).collect();
    assert_eq!(ids, [uuid(2, 0), uuid(2, 1), uuid(2, 2)]);
    let (_, tail) = export_lines(&c, &s.url, "?from=2026-01-03T00:00:00.5Z", Some(TOKEN)).await;
    assert_eq!(tail.lines().count(), 2);
    let (status, text) = export_lines(&c, &s.url, "?from=last-week", Some(TOKEN)).await;
    assert_eq!(status, 400);
    assert!(text.contains("from: "), "{text}");
}

async fn delete_and_retention(kind: Kind) {
    let Some(db) = Db::new(kind).await else { return };
    let c = client();
    let days_ago = |d: i64| (chrono::Utc::now() - chrono::Duration::days(d)).to_rfc3339();
    {
        let s = Service::start(&db, &[("RECORDS_RETENTION_DAYS", "0")]);
        for (i, d) in [800, 401, 399, 1].iter().enumerate() {
            assert_eq!(post_record(&c, &s.url, &record(&uuid(3, i as u64), &days_ago(*d), "given")).await.0, 201);
        }
        for (i, ts) in ["2000-01-01T00:00:00Z", "2000-01-02T00:00:00Z"].iter().enumerate() {
            assert_eq!(post_record(&c, &s.url, &record(&uuid(4, i as u64), ts, "given")).await.0, 201);
        }
        assert_eq!(db.count().await, 6, "RECORDS_RETENTION_DAYS=0 keeps everything");
        // DELETE: the token, and `before` (strict).
        let del = |q: &str, token: Option<&str>| {
            let mut r = c.delete(format!("{}/v1/records{q}", s.url));
            if let Some(t) = token {
                r = r.bearer_auth(t);
            }
            r.send()
        };
        assert_eq!(del("?before=2000-01-02T00:00:00Z", None).await.unwrap().status().as_u16(), 401);
        assert_eq!(del("?before=2000-01-02T00:00:00Z", Some("nope-nope-nope-nope-nope")).await.unwrap().status().as_u16(), 401);
        assert_eq!(del("", Some(TOKEN)).await.unwrap().status().as_u16(), 400, "before is required");
        assert_eq!(del("?before=soon", Some(TOKEN)).await.unwrap().status().as_u16(), 400);
        assert_eq!(db.count().await, 6);
        // 2000-01-02T00:00:00Z itself stays.
        let r = del("?before=2000-01-02T01:00:00%2B01:00", Some(TOKEN)).await.unwrap();
        assert_eq!((r.status().as_u16(), r.json::<Value>().await.unwrap()), (200, json!({"deleted": 1})), "strictly before");
        assert_eq!(db.count().await, 5);
    }
    // Retention at start: the default 400 days.
    let s = Service::start(&db, &[]);
    let kept: Vec<i64> = {
        let mut v = Vec::new();
        for i in 0..4u64 {
            let h: Vec<Value> = c.get(format!("{}/v1/records/{}", s.url, uuid(3, i))).send().await.unwrap().json().await.unwrap();
            v.push(h.len() as i64);
        }
        v
    };
    assert_eq!(kept, [0, 0, 1, 1], "800 and 401 days old: deleted; 399 and 1: kept");
    assert_eq!(db.count().await, 2, "and the one from 2000");
    assert!(s.printed().contains("retention: "), "{}", s.printed());
    // A shorter retention at the next start.
    drop(s);
    let _s = Service::start(&db, &[("RECORDS_RETENTION_DAYS", "30")]);
    assert_eq!(db.count().await, 1);
}

async fn rate_limit_per_client_address(kind: Kind) {
    let Some(db) = Db::new(kind).await else { return };
    let s = Service::start(&db, &[("RECORDS_RATE_LIMIT", "2")]);
    let a = client_from([127, 0, 0, 2]);
    let b = client_from([127, 0, 0, 3]);
    // Two a minute: the third in a row is refused (one token comes back every 30 s).
    assert_eq!(post_record(&a, &s.url, &record(&uuid(5, 1), "2026-12-01T09:30:00Z", "given")).await.0, 201);
    assert_eq!(post_record(&a, &s.url, &record(&uuid(5, 2), "2026-12-01T09:30:00Z", "given")).await.0, 201);
    let r = a
        .post(format!("{}/v1/records", s.url))
        .header("origin", ORIGIN)
        .body(record(&uuid(5, 3), "2026-12-01T09:30:00Z", "given").to_string())
        .send()
        .await
        .unwrap();
    assert_eq!(r.status().as_u16(), 429);
    let wait: u64 = r.headers()["retry-after"].to_str().unwrap().parse().unwrap();
    assert!((1..=30).contains(&wait), "Retry-After {wait}");
    assert_eq!(r.headers()["access-control-allow-origin"], ORIGIN);
    // Another address has its own bucket.
    assert_eq!(post_record(&b, &s.url, &record(&uuid(5, 4), "2026-12-01T09:30:00Z", "given")).await.0, 201);
    assert_eq!(db.count().await, 3);
}

async fn health_is_503_when_the_database_does_not_answer(kind: Kind) {
    let Some(db) = Db::new(kind).await else { return };
    let s = Service::start(&db, &[]);
    let c = client();
    let health = || async {
        let r = c.get(format!("{}/healthz", s.url)).send().await.unwrap();
        (r.status().as_u16(), r.json::<Value>().await.unwrap())
    };
    assert_eq!(health().await, (200, json!({"ok": true})));
    let r = record(ID, "2026-12-01T09:30:00Z", "given");
    match kind {
        Kind::Sqlite => {
            // Another process holds SQLite's write lock: the service cannot write.
            use sqlx::Connection;
            let options = sqlx::sqlite::SqliteConnectOptions::new().filename(db.file.as_ref().unwrap());
            let mut holder = sqlx::SqliteConnection::connect_with(&options).await.unwrap();
            sqlx::raw_sql("BEGIN IMMEDIATE").execute(&mut holder).await.unwrap();
            let (status, answer) = health().await;
            assert_eq!(status, 503, "{answer}");
            assert_eq!(answer["ok"], false);
            assert_eq!(post_record(&c, &s.url, &r).await.0, 503, "not stored: 503, not 201");
            sqlx::raw_sql("ROLLBACK").execute(&mut holder).await.unwrap();
            holder.close().await.ok();
            assert_eq!(health().await.0, 200, "healthy again");
            assert_eq!(post_record(&c, &s.url, &r).await.0, 201, "the retry is stored");
        }
        Kind::Postgres => {
            assert_eq!(post_record(&c, &s.url, &r).await.0, 201);
            // The database goes away (its connections are ended).
            use sqlx::Connection;
            let mut admin = sqlx::PgConnection::connect(&postgres_admin().unwrap()).await.unwrap();
            sqlx::query(&format!("DROP DATABASE {} WITH (FORCE)", db.name)).execute(&mut admin).await.unwrap();
            let (status, answer) = health().await;
            assert_eq!(status, 503, "{answer}");
            assert_eq!(post_record(&c, &s.url, &record(&uuid(6, 1), "2026-12-01T09:30:00Z", "given")).await.0, 503);
            let r = c.get(format!("{}/v1/records/{ID}", s.url)).send().await.unwrap();
            assert_eq!(r.status().as_u16(), 503);
        }
    }
}

async fn no_address_or_user_agent_is_stored_or_logged(kind: Kind) {
    let Some(db) = Db::new(kind).await else { return };
    let s = Service::start(&db, &[("RECORDS_RATE_LIMIT", "100")]);
    let c = reqwest::Client::builder().local_address(std::net::IpAddr::from([127, 0, 0, 77])).user_agent("Agent-Marker/7.7 (Test)").build().unwrap();
    for i in 0..3 {
        assert_eq!(post_record(&c, &s.url, &record(&uuid(8, i), "2026-12-01T09:30:00Z", "given")).await.0, 201);
    }
    // One failure of each kind, which a careless service would log with the client.
    assert_eq!(post(&c, &s.url, "{".to_owned(), "text/plain").await.0, 400);
    let stored = db.all_text().await;
    assert!(stored.contains(&uuid(8, 2)), "the records are there");
    let printed = s.printed();
    for secret in ["127.0.0.77", "Agent-Marker"] {
        assert!(!stored.contains(secret), "{secret} stored");
        assert!(!printed.contains(secret), "{secret} logged: {printed}");
    }
}

#[test]
fn a_wrong_setting_stops_the_start_naming_the_variable() {
    let (code, printed) = run_to_exit(&[("RECORDS_RATE_LIMIT", "lots")]);
    assert_eq!(code, Some(2));
    assert!(printed.contains("RECORDS_RATE_LIMIT: expected a whole number"), "{printed}");
    let (code, printed) = run_to_exit(&[("DATABASE_URL", "mysql://db/x")]);
    assert_eq!(code, Some(2));
    assert!(printed.contains("DATABASE_URL: "), "{printed}");
}

#[tokio::test]
async fn sqlite_file_and_folder_are_created_in_wal_mode() {
    let db = Db::new(Kind::Sqlite).await.unwrap();
    let file = db.file.clone().unwrap();
    assert!(!file.parent().unwrap().exists());
    let s = Service::start(&db, &[]);
    assert!(file.exists());
    assert_eq!(post_record(&client(), &s.url, &record(ID, "2026-12-01T09:30:00Z", "given")).await.0, 201);
    let options = sqlx::sqlite::SqliteConnectOptions::new().filename(&file).read_only(true);
    use sqlx::Connection;
    let mut c = sqlx::SqliteConnection::connect_with(&options).await.unwrap();
    let mode: String = sqlx::query_scalar("PRAGMA journal_mode").fetch_one(&mut c).await.unwrap();
    assert_eq!(mode, "wal");
}
