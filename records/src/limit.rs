//! The per-client rate limit: a token bucket per client address, `per_minute` tokens deep,
//! refilled at `per_minute` tokens a minute. Addresses live in memory only, and only while
//! their bucket is not full again (a minute at most after their last record): they are
//! never written anywhere.

use std::collections::HashMap;
use std::net::IpAddr;
use std::sync::Mutex;
use std::time::{Duration, Instant};

pub struct Limiter {
    per_minute: u32,
    buckets: Mutex<HashMap<IpAddr, Bucket>>,
}

struct Bucket {
    tokens: f64,
    at: Instant,
}

impl Limiter {
    /// `per_minute` = 0: no limit.
    pub fn new(per_minute: u32) -> Limiter {
        Limiter { per_minute, buckets: Mutex::new(HashMap::new()) }
    }

    /// Take one token for `addr`: `Ok`, or `Err(seconds)` until the next token.
    pub fn take(&self, addr: IpAddr, now: Instant) -> Result<(), u64> {
        if self.per_minute == 0 {
            return Ok(());
        }
        let cap = f64::from(self.per_minute);
        let rate = cap / 60.0; // tokens per second
        let mut buckets = self.buckets.lock().unwrap_or_else(|poisoned| poisoned.into_inner());
        let bucket = buckets.entry(addr).or_insert(Bucket { tokens: cap, at: now });
        let elapsed = now.saturating_duration_since(bucket.at).as_secs_f64();
        bucket.tokens = (bucket.tokens + elapsed * rate).min(cap);
        bucket.at = now;
        if bucket.tokens >= 1.0 {
            bucket.tokens -= 1.0;
            Ok(())
        } else {
            Err(((1.0 - bucket.tokens) / rate).ceil().max(1.0) as u64)
        }
    }

    /// Forget the addresses whose bucket is full again.
    pub fn sweep(&self, now: Instant) {
        let full_after = Duration::from_secs(60);
        let mut buckets = self.buckets.lock().unwrap_or_else(|poisoned| poisoned.into_inner());
        buckets.retain(|_, b| now.saturating_duration_since(b.at) < full_after);
    }

    /// How many addresses are held now.
    pub fn held(&self) -> usize {
        self.buckets.lock().map(|b| b.len()).unwrap_or(0)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ip(last: u8) -> IpAddr {
        IpAddr::from([127, 0, 0, last])
    }

    #[test]
    fn a_burst_of_the_limit_then_refills() {
        let l = Limiter::new(3);
        let t0 = Instant::now();
        for _ in 0..3 {
            assert_eq!(l.take(ip(1), t0), Ok(()));
        }
        assert_eq!(l.take(ip(1), t0), Err(20), "one token every 20 s");
        assert_eq!(l.take(ip(2), t0), Ok(()), "per address");
        assert_eq!(l.take(ip(1), t0 + Duration::from_secs(10)), Err(10));
        assert_eq!(l.take(ip(1), t0 + Duration::from_secs(20)), Ok(()));
        assert!(l.take(ip(1), t0 + Duration::from_secs(21)).is_err());
        // A long pause refills to the limit, not beyond.
        let later = t0 + Duration::from_secs(3600);
        for _ in 0..3 {
            assert_eq!(l.take(ip(1), later), Ok(()));
        }
        assert!(l.take(ip(1), later).is_err());
    }

    #[test]
    fn zero_is_no_limit_and_holds_nothing() {
        let l = Limiter::new(0);
        let t0 = Instant::now();
        for _ in 0..10_000 {
            assert_eq!(l.take(ip(1), t0), Ok(()));
        }
        assert_eq!(l.held(), 0);
    }

    #[test]
    fn addresses_are_forgotten_once_their_bucket_is_full() {
        let l = Limiter::new(120);
        let t0 = Instant::now();
        l.take(ip(1), t0).unwrap();
        l.take(ip(2), t0 + Duration::from_secs(30)).unwrap();
        l.sweep(t0 + Duration::from_secs(59));
        assert_eq!(l.held(), 2);
        l.sweep(t0 + Duration::from_secs(60));
        assert_eq!(l.held(), 1);
        l.sweep(t0 + Duration::from_secs(90));
        assert_eq!(l.held(), 0);
    }
}
