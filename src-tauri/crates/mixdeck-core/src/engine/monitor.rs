//! The live monitor: polls `query` for open sessions with backoff, within a global request
//! budget below Agora's 10 requests/s, stores what it learns (which publishes `SessionChanged`),
//! and raises the documented failure patterns as `SessionProblem` events.

use std::collections::HashMap;
use std::time::{Duration, Instant};

use agora_rest::explain::WORKER_NOT_FOUND_CAUSES;

use super::reconcile::is_not_found;
use super::{Engine, EngineEvent};
use crate::error::blocking;
use crate::store::sessions::LastStatus;
use crate::store::{now_ms, SessionId, SessionKind, SessionRow, SessionState};

#[derive(Debug, Clone)]
pub struct MonitorConfig {
    /// How often the loop looks for due sessions.
    pub tick: Duration,
    /// Between polls while a session is starting (Agora: about 5 s after start, then back off).
    pub starting_interval: Duration,
    /// Between polls once it runs (Agora suggests about 2 minutes; shorter keeps the UI live).
    pub running_interval: Duration,
    /// Between polls after errors, in order (the last repeats): Agora's 5, 10, 15, 30 s.
    pub error_backoff: Vec<Duration>,
    /// At most this many queries per second across all sessions (Agora allows 10).
    pub max_requests_per_second: u32,
    /// Before the second attempt to recover a "may be recording" session without an id (the
    /// first is at once; later ones back off).
    pub recover_interval: Duration,
    /// Between looks for sessions a dead process (a CLI run, say) left in flight.
    pub orphan_interval: Duration,
}

impl Default for MonitorConfig {
    fn default() -> Self {
        Self {
            tick: Duration::from_millis(500),
            starting_interval: Duration::from_secs(5),
            running_interval: Duration::from_secs(20),
            error_backoff: [5, 10, 15, 30].map(Duration::from_secs).to_vec(),
            max_requests_per_second: 5,
            recover_interval: Duration::from_secs(30),
            orphan_interval: Duration::from_secs(3),
        }
    }
}

/// Stops the monitor when dropped.
pub struct MonitorHandle(tokio::task::JoinHandle<()>);

impl Drop for MonitorHandle {
    fn drop(&mut self) {
        self.0.abort();
    }
}

#[derive(Debug)]
struct PollState {
    next_at: Instant,
    errors: usize,
    problem_reported: bool,
}

/// At most `per_second` permits in any one-second window.
pub(super) struct Budget {
    per_second: u32,
    window_start: Instant,
    used: u32,
}

impl Budget {
    /// Agora allows 10 requests/s per App ID; the monitor and reconcile keep to this.
    pub(super) fn per_second(per_second: u32) -> Self {
        Self {
            per_second: per_second.max(1),
            window_start: Instant::now(),
            used: 0,
        }
    }

    /// Waits for a permit: reconcile asks about every open session once at start-up, and 500
    /// of them must not go out in the same second.
    pub(super) async fn wait(&mut self) {
        while !self.take() {
            let left = Duration::from_secs(1).saturating_sub(self.window_start.elapsed());
            tokio::time::sleep(left).await;
        }
    }

    fn take(&mut self) -> bool {
        if self.window_start.elapsed() >= Duration::from_secs(1) {
            self.window_start = Instant::now();
            self.used = 0;
        }
        if self.used < self.per_second {
            self.used += 1;
            true
        } else {
            false
        }
    }
}

fn has_run_id(row: &SessionRow) -> bool {
    match row.kind {
        SessionKind::Recording => row.sid.is_some(),
        SessionKind::Transcoding => row.task_id.is_some() && row.builder_token_last4.is_some(),
    }
}

fn pollable(row: &SessionRow) -> bool {
    matches!(row.state, SessionState::Started | SessionState::Unknown) && has_run_id(row)
}

/// "May be recording" without an id: tried again now and then (a resource that was never
/// started answers 433 once its 5 minutes are over, which settles it).
fn recoverable(row: &SessionRow) -> bool {
    row.state == SessionState::Unknown && !has_run_id(row)
}

/// How long the monitor waits after its `failures`-th failed read of the open sessions: doubling
/// from one tick, at most a minute.
fn read_retry_wait(tick: Duration, failures: u32) -> Duration {
    (tick * 2u32.saturating_pow(failures.min(16))).min(Duration::from_secs(60))
}

fn is_running(row: &SessionRow) -> bool {
    match &row.last_status {
        Some(LastStatus::Recording(sr)) => sr.status.is_some_and(|s| s.is_started()),
        Some(LastStatus::Transcoding(task)) => task.status.is_running(),
        None => false,
    }
}

impl Engine {
    /// Starts polling open sessions in the background until the handle is dropped.
    pub fn start_monitor(&self, config: MonitorConfig) -> MonitorHandle {
        let engine = self.clone();
        MonitorHandle(tokio::spawn(
            async move { engine.monitor_loop(config).await },
        ))
    }

    async fn monitor_loop(&self, config: MonitorConfig) {
        let mut states: HashMap<SessionId, PollState> = HashMap::new();
        let mut budget = Budget::per_second(config.max_requests_per_second);
        let mut recovered_at: HashMap<SessionId, (Option<Instant>, u32)> = HashMap::new();
        let mut last_orphan_check = Instant::now();
        let mut read_failures = 0u32;
        let mut ticker = tokio::time::interval(config.tick);
        ticker.set_missed_tick_behavior(tokio::time::MissedTickBehavior::Skip);
        loop {
            ticker.tick().await;
            let store = self.inner.store.clone();
            let open = match blocking(move || Ok(store.open_sessions()?)).await {
                Ok(rows) => {
                    read_failures = 0;
                    rows
                }
                Err(e) => {
                    // A database that cannot be read now will not be readable 500 ms later:
                    // say so at the 1st, 2nd, 4th, 8th … failure and wait longer each time.
                    read_failures += 1;
                    if read_failures.is_power_of_two() {
                        tracing::warn!(error = %e, failures = read_failures, "monitor could not read open sessions");
                    }
                    tokio::time::sleep(read_retry_wait(config.tick, read_failures)).await;
                    continue;
                }
            };
            states.retain(|id, _| open.iter().any(|r| r.id == *id));
            if last_orphan_check.elapsed() >= config.orphan_interval {
                last_orphan_check = Instant::now();
                // A CLI run killed mid-start while the app runs.
                if let Err(e) = self.settle_orphans().await {
                    tracing::warn!(error = %e, "could not settle sessions left in flight");
                }
            }
            recovered_at.retain(|id, _| open.iter().any(|r| r.id == *id));
            for row in open.iter().filter(|r| recoverable(r)) {
                // Each probe is a request in the session's log: back off (30 s, 1, 2, 4 … up to
                // 32 min), and stop once Agora no longer answers for the resource at all.
                let (last, tries) = recovered_at.get(&row.id).copied().unwrap_or((None, 0));
                let wait = config.recover_interval * 2u32.pow(tries.min(6));
                let due = last.is_none_or(|at: Instant| at.elapsed() >= wait);
                let answered = row
                    .may_be_recording
                    .as_ref()
                    .and_then(|m| m.api_until_ms)
                    .is_none_or(|until| now_ms() < until);
                if due && answered && budget.take() {
                    recovered_at.insert(row.id, (Some(Instant::now()), tries + 1));
                    if let Err(e) = self.recover(row).await {
                        tracing::debug!(id = %row.id, error = %e, "recovery attempt failed");
                    }
                }
            }
            for row in open.iter().filter(|r| pollable(r)) {
                let state = states.entry(row.id).or_insert_with(|| PollState {
                    next_at: Instant::now(),
                    errors: 0,
                    problem_reported: false,
                });
                if state.next_at > Instant::now() || !budget.take() {
                    continue;
                }
                self.poll_once(row, state, &config).await;
            }
        }
    }

    async fn poll_once(&self, row: &SessionRow, state: &mut PollState, config: &MonitorConfig) {
        let result = match row.kind {
            SessionKind::Recording => self.query_recording(row.id).await,
            SessionKind::Transcoding => self.query_transcoding(row.id).await,
        };
        let backoff = |errors: usize| {
            config
                .error_backoff
                .get(errors.saturating_sub(1))
                .or(config.error_backoff.last())
                .copied()
                .unwrap_or(config.starting_interval)
        };
        match result {
            Ok(updated) => {
                state.errors = 0;
                state.problem_reported = false;
                if updated.kind == SessionKind::Recording
                    && matches!(
                        &updated.last_status,
                        Some(LastStatus::Recording(sr))
                            if sr.status == Some(agora_rest::codes::RecordingStatus::EXITED_ABNORMALLY)
                    )
                {
                    self.publish(EngineEvent::SessionProblem {
                        session_id: row.id,
                        code: "agora.exited_abnormally".into(),
                        message: "The recording exited abnormally (status 20).".into(),
                        causes: vec![
                            "the storage settings were refused when uploading (bucket, region, keys)".into(),
                            "the RTC token expired or was invalid".into(),
                        ],
                    });
                }
                state.next_at = Instant::now()
                    + if is_running(&updated) {
                        config.running_interval
                    } else {
                        config.starting_interval
                    };
            }
            Err(e) if is_not_found(&e) => {
                state.errors += 1;
                let since_start = row.started_at.map(|s| now_ms() - s);
                if !state.problem_reported {
                    state.problem_reported = true;
                    let early = since_start.is_some_and(|ms| ms < 120_000);
                    self.publish(EngineEvent::SessionProblem {
                        session_id: row.id,
                        code: "agora.worker_not_found".into(),
                        message: if early {
                            "Agora cannot find the session right after it started (404).".into()
                        } else {
                            "Agora cannot find the session (404): it ended, or is failing over."
                                .into()
                        },
                        causes: WORKER_NOT_FOUND_CAUSES
                            .iter()
                            .map(|c| (*c).to_owned())
                            .collect(),
                    });
                }
                // The run of 404s is kept in the database, so it spans restarts.
                if let Err(e) = self.not_found(row).await {
                    tracing::warn!(id = %row.id, error = %e, "could not record a 404");
                }
                state.next_at = Instant::now() + backoff(state.errors);
            }
            Err(e) => {
                state.errors += 1;
                if !state.problem_reported {
                    state.problem_reported = true;
                    let explanation = match &e {
                        crate::error::CoreError::Agora(a) => a.explanation().fix,
                        _ => String::new(),
                    };
                    self.publish(EngineEvent::SessionProblem {
                        session_id: row.id,
                        code: e.code().into(),
                        message: e.to_string(),
                        causes: vec![explanation]
                            .into_iter()
                            .filter(|s| !s.is_empty())
                            .collect(),
                    });
                }
                state.next_at = Instant::now() + backoff(state.errors);
            }
        }
    }
}

#[cfg(test)]
mod tests {
    #[tokio::test]
    async fn waiting_for_permits_keeps_to_the_rate() {
        // 12 permits at 5 a second: the first 5 at once, then 5 a second later, then 2.
        let started = Instant::now();
        let mut budget = super::Budget::per_second(5);
        for _ in 0..12 {
            budget.wait().await;
        }
        assert!(
            started.elapsed() >= Duration::from_secs(2),
            "{:?}",
            started.elapsed()
        );
    }

    use super::*;

    #[test]
    fn a_failing_read_is_retried_ever_later_up_to_a_minute() {
        let tick = Duration::from_millis(500);
        let waits: Vec<u64> = (1..=9)
            .map(|n| read_retry_wait(tick, n).as_millis() as u64)
            .collect();
        assert_eq!(
            waits,
            [1000, 2000, 4000, 8000, 16000, 32000, 60000, 60000, 60000]
        );
        assert_eq!(read_retry_wait(tick, u32::MAX), Duration::from_secs(60));
    }
}
