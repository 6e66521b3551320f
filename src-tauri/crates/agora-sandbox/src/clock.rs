//! The sandbox's clock: every lifetime and progression is computed from it, lazily, on each request.
//!
//! Agora's timings are minutes and hours (a resourceId lives 5 minutes, `maxIdleTime` defaults to
//! 30 s, `resourceExpiredHour` to 72 h). Tests cannot wait that long, so the clock can be moved
//! forward: [`Clock::advance`] adds to an offset that both modes apply. No background timer exists;
//! state that depends on time is derived from [`Clock::now_ms`] when a request reads it.

use std::sync::{Arc, Mutex, PoisonError};
use std::time::{Duration, SystemTime, UNIX_EPOCH};

use serde::{Deserialize, Serialize};

/// How the clock moves by itself.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub enum ClockMode {
    /// Wall-clock time plus the advanced offset (the app's Sandbox profile).
    #[default]
    Real,
    /// Stands still at the time the sandbox started; only advancing it (`SandboxHandle::advance`, `POST /_sandbox/clock/advance`) moves it. Tests use
    /// it so that "1.5 s after start" is exact however slow the machine is.
    Frozen,
}

/// A shared, controllable clock in Unix milliseconds.
#[derive(Debug, Clone)]
pub struct Clock {
    inner: Arc<Mutex<ClockState>>,
}

#[derive(Debug)]
struct ClockState {
    mode: ClockMode,
    /// Where a frozen clock stands, before the offset.
    frozen_at_ms: i64,
    offset_ms: i64,
}

/// The end of year 9999 in Unix ms: simulated time never goes past it, so that adding any
/// documented lifetime to "now" cannot overflow, however far a caller advances the clock.
pub const MAX_TIME_MS: i64 = 253_402_300_799_999;

/// Wall-clock Unix milliseconds (0 if the system clock is before 1970, which nothing here expects).
pub fn wall_clock_ms() -> i64 {
    SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map_or(0, |d| i64::try_from(d.as_millis()).unwrap_or(i64::MAX))
}

impl Clock {
    pub fn new(mode: ClockMode) -> Self {
        Self {
            inner: Arc::new(Mutex::new(ClockState {
                mode,
                frozen_at_ms: wall_clock_ms(),
                offset_ms: 0,
            })),
        }
    }

    fn state(&self) -> std::sync::MutexGuard<'_, ClockState> {
        // The state is two integers: a panic elsewhere cannot leave it half-written.
        self.inner.lock().unwrap_or_else(PoisonError::into_inner)
    }

    pub fn mode(&self) -> ClockMode {
        self.state().mode
    }

    /// Simulated Unix time in milliseconds.
    pub fn now_ms(&self) -> i64 {
        let s = self.state();
        let base = match s.mode {
            ClockMode::Real => wall_clock_ms(),
            ClockMode::Frozen => s.frozen_at_ms,
        };
        base.saturating_add(s.offset_ms).min(MAX_TIME_MS)
    }

    /// How far the clock has been moved forward in total.
    pub fn offset(&self) -> Duration {
        Duration::from_millis(u64::try_from(self.state().offset_ms).unwrap_or(0))
    }

    /// Moves simulated time forward (never back: lifetimes already observed stay observed) and
    /// returns the new time.
    pub fn advance(&self, by: Duration) -> i64 {
        {
            let mut s = self.state();
            let by_ms = i64::try_from(by.as_millis()).unwrap_or(i64::MAX);
            s.offset_ms = s.offset_ms.saturating_add(by_ms).min(MAX_TIME_MS);
        }
        self.now_ms()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_frozen_clock_moves_only_when_advanced() {
        let clock = Clock::new(ClockMode::Frozen);
        let t0 = clock.now_ms();
        assert_eq!(clock.now_ms(), t0);
        assert_eq!(clock.advance(Duration::from_millis(1500)), t0 + 1500);
        assert_eq!(clock.offset(), Duration::from_millis(1500));
    }

    #[test]
    fn time_stops_at_the_end_of_year_9999() {
        let clock = Clock::new(ClockMode::Frozen);
        assert_eq!(clock.advance(Duration::from_millis(u64::MAX)), MAX_TIME_MS);
        assert_eq!(clock.advance(Duration::from_secs(1)), MAX_TIME_MS);
    }

    #[test]
    fn a_real_clock_adds_the_offset_to_wall_time() {
        let clock = Clock::new(ClockMode::Real);
        clock.advance(Duration::from_secs(3600));
        let diff = clock.now_ms() - wall_clock_ms();
        assert!((3_599_000..=3_600_000).contains(&diff), "{diff}");
    }
}
