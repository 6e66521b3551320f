//! Agora's QPS limit: at most N requests in any sliding second, per App ID, on the sandbox clock
//! (so a test can hit the limit, advance one second and be served again).

use std::collections::{HashMap, VecDeque};

const WINDOW_MS: i64 = 1000;

#[derive(Debug, Default)]
pub struct RateLimiter {
    limit: Option<u32>,
    /// Times of the requests served in the last second, per key.
    served: HashMap<String, VecDeque<i64>>,
}

impl RateLimiter {
    pub fn new(limit: Option<u32>) -> Self {
        Self {
            limit,
            served: HashMap::new(),
        }
    }

    /// Whether a request for `key` at `now_ms` is served; a refused request does not count.
    pub fn allow(&mut self, key: &str, now_ms: i64) -> bool {
        let Some(limit) = self.limit else {
            return true;
        };
        let times = self.served.entry(key.to_owned()).or_default();
        while times.front().is_some_and(|t| *t <= now_ms - WINDOW_MS) {
            times.pop_front();
        }
        if times.len() >= limit as usize {
            return false;
        }
        times.push_back(now_ms);
        true
    }

    pub fn clear(&mut self) {
        self.served.clear();
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_eleventh_request_in_a_second_is_refused_then_served_a_second_later() {
        let mut rl = RateLimiter::new(Some(10));
        assert!((0..10).all(|i| rl.allow("app", 1000 + i)));
        assert!(!rl.allow("app", 1500));
        assert!(rl.allow("other-app", 1500), "limits are per App ID");
        assert!(!rl.allow("app", 1999));
        assert!(rl.allow("app", 2000), "the first request left the window");
    }

    #[test]
    fn no_limit_serves_everything() {
        let mut rl = RateLimiter::new(None);
        assert!((0..1000).all(|_| rl.allow("app", 0)));
    }
}
