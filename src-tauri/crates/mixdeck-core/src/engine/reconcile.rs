//! Sessions not known to be over are checked with Agora, so a crash, a timeout or a lost answer
//! never leaves a billed recording that the user cannot see and stop.
//!
//! * At open, rows a dead process left in the middle of a request are settled
//!   ([`Engine::settle_orphans`]): "acquiring" becomes Failed (nothing was started), "starting"
//!   becomes Unknown (it may be recording), "stopping" goes back to Started (the stop may not
//!   have happened).
//! * At start-up and from the monitor, open sessions are queried. An Unknown recording without
//!   a sid is recovered where Agora allows: from the session's own log, else by asking Agora
//!   whether its resource runs a session ([`agora_rest::recording::ops::ProbeAnswer`]).
//! * A 404 ends a session only once Agora has answered 404 for longer than a failover can take
//!   (about 90 s), counted from the first 404, across restarts.

use agora_rest::recording::ops::ProbeAnswer;
use agora_rest::{ResourceId, Uid};
use serde::Serialize;

use super::Engine;
use crate::error::{blocking, CoreResult};
use crate::store::StoredError;
use crate::store::{now_ms, SessionKind, SessionRow, SessionState, SessionUpdate};
use crate::EngineCode;

/// How long Agora may answer 404 for a live session during a failover (its docs: ~90 s).
pub const FAILOVER_WINDOW_MS: i64 = 90_000;

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "camelCase")]
pub struct ReconcileReport {
    pub checked: u32,
    /// Confirmed running.
    pub running: u32,
    /// Found over and marked so.
    pub ended: u32,
    /// Could not be settled (no sid, network down, within the failover window): still open.
    pub unsettled: u32,
}

impl Engine {
    /// Checks every open session once.
    pub async fn reconcile(&self) -> CoreResult<ReconcileReport> {
        self.settle_orphans().await?;
        let store = self.inner.store.clone();
        let open = blocking(move || Ok(store.open_sessions()?)).await?;
        let mut report = ReconcileReport::default();
        // Within Agora's rate limit, as the monitor: each session is a query (or a probe).
        let mut budget = super::monitor::Budget::per_second(
            super::monitor::MonitorConfig::default().max_requests_per_second,
        );
        for row in open {
            // Another live engine is sending a request for it: not ours to judge.
            if matches!(
                row.state,
                SessionState::Acquiring | SessionState::Starting | SessionState::Stopping
            ) {
                continue;
            }
            report.checked += 1;
            budget.wait().await;
            match self.reconcile_one(&row).await {
                Ok(SessionState::Started) => report.running += 1,
                Ok(s) if !s.is_open() => report.ended += 1,
                Ok(_) => report.unsettled += 1,
                Err(e) => {
                    // Left open (and polled again); the reason is worth a line.
                    tracing::warn!(id = %row.id, error = %e, "could not check an open session");
                    report.unsettled += 1;
                }
            }
        }
        tracing::info!(?report, "sessions reconciled");
        Ok(report)
    }

    /// "Ask Agora now" for one session: a may-be-recording one is recovered where Agora allows,
    /// a running one queried; the row as it then stands.
    pub async fn check_session(&self, id: crate::store::SessionId) -> CoreResult<SessionRow> {
        self.settle_orphans().await?;
        let row = self.session(id).await?;
        // A request in flight (this engine's or another's) is not ours to judge mid-way.
        let in_flight = matches!(
            row.state,
            SessionState::Acquiring | SessionState::Starting | SessionState::Stopping
        );
        if row.state.is_open() && !in_flight {
            if let Err(e) = self.reconcile_one(&row).await {
                tracing::info!(%id, error = %e, "the session could not be checked");
            }
        }
        self.session(id).await
    }

    /// Settles the sessions a dead process (app or CLI, killed or crashed) left in the middle
    /// of a request. Database only: quick, and safe to run whenever the history is opened.
    pub async fn settle_orphans(&self) -> CoreResult<u32> {
        let store = self.inner.store.clone();
        let me = self.inner.owner.clone();
        let orphans = blocking(move || Ok(store.orphans(&me)?)).await?;
        let mut settled = 0;
        for orphan in orphans {
            let (store, me) = (self.inner.store.clone(), self.inner.owner.clone());
            let o = orphan.clone();
            if !blocking(move || Ok(store.adopt(&o, &me)?)).await? {
                continue; // Another engine settled it, or its owner came back.
            }
            settled += 1;
            let who = orphan
                .owner
                .unwrap_or_else(|| "An earlier Mixdeck".to_owned());
            let (state, message) = match orphan.state {
                SessionState::Acquiring => (
                    SessionState::Failed,
                    format!("{who} stopped before acquire was answered: nothing was started."),
                ),
                SessionState::Starting => (
                    SessionState::Unknown,
                    format!(
                        "{who} stopped while start was in flight: it may be recording. Mixdeck \
                         asks Agora whether it runs."
                    ),
                ),
                _ => (
                    SessionState::Started,
                    format!(
                        "{who} stopped while stop was in flight: the stop may not have happened. \
                         Mixdeck asks Agora whether it still runs."
                    ),
                ),
            };
            tracing::warn!(id = %orphan.id, ?state, %message, "settled a session left in flight");
            self.update_row(
                orphan.id,
                SessionUpdate {
                    state: Some(state),
                    error: Some(Some(StoredError {
                        // A stop may have been sent: its "already exiting" answer is then ours.
                        stop_sent: Some(orphan.state == SessionState::Stopping),
                        ..StoredError::note(EngineCode::SessionInterrupted, message)
                    })),
                    ended_at: (!state.is_open()).then(now_ms),
                    ..Default::default()
                },
            )
            .await?;
        }
        Ok(settled)
    }

    async fn reconcile_one(&self, row: &SessionRow) -> CoreResult<SessionState> {
        let has_id = match row.kind {
            SessionKind::Recording => row.sid.is_some(),
            SessionKind::Transcoding => row.task_id.is_some() && row.builder_token_last4.is_some(),
        };
        if !has_id {
            return self.recover(row).await;
        }
        let result = match row.kind {
            SessionKind::Recording => self.query_recording(row.id).await,
            SessionKind::Transcoding => self.query_transcoding(row.id).await,
        };
        match result {
            Ok(updated) if updated.state.is_open() => {
                if updated.state != SessionState::Started {
                    self.update_row(
                        row.id,
                        SessionUpdate {
                            state: Some(SessionState::Started),
                            ..Default::default()
                        },
                    )
                    .await?;
                }
                Ok(SessionState::Started)
            }
            Ok(updated) => Ok(updated.state),
            Err(e) if is_not_found(&e) => self.not_found(row).await,
            Err(e) => Err(e),
        }
    }

    /// One more 404: the session ends once the run of 404s has lasted longer than a failover.
    pub(crate) async fn not_found(&self, row: &SessionRow) -> CoreResult<SessionState> {
        let store = self.inner.store.clone();
        let id = row.id;
        let now = now_ms();
        let since = blocking(move || Ok(store.note_not_found(id, Some(now))?))
            .await?
            .unwrap_or(now);
        if now - since >= self.inner.failover_window_ms {
            self.update_row(
                row.id,
                SessionUpdate {
                    state: Some(SessionState::Ended),
                    ended_at: Some(now),
                    ..Default::default()
                },
            )
            .await?;
            Ok(SessionState::Ended)
        } else {
            // Within the failover window a 404 proves nothing; ask again later.
            Ok(row.state)
        }
    }

    /// Any answer but 404 ends a run of 404s.
    pub(crate) async fn clear_not_found(&self, id: crate::store::SessionId) {
        let store = self.inner.store.clone();
        if let Err(e) = blocking(move || Ok(store.note_not_found(id, None)?)).await {
            tracing::warn!(%id, error = %e, "could not clear the 404 run");
        }
    }

    /// A session that may be running but whose id never reached the database: find the id
    /// where it can be found, otherwise leave it visible as "may be recording".
    pub(crate) async fn recover(&self, row: &SessionRow) -> CoreResult<SessionState> {
        if row.state != SessionState::Unknown {
            return Ok(row.state);
        }
        // 1. The answer may have reached the log before the process died.
        let store = self.inner.store.clone();
        let id = row.id;
        let events = blocking(move || Ok(store.session_events(id)?)).await?;
        let found = events.iter().rev().find_map(|e| {
            let ok = e.status.is_some_and(|s| (200..300).contains(&s));
            let body = e.response_body.as_deref()?;
            match (row.kind, e.op.as_str()) {
                (SessionKind::Recording, "start") if ok => {
                    agora_rest::error::string_field(body, "sid")
                }
                (SessionKind::Transcoding, "transcoder create") if ok => {
                    agora_rest::error::string_field(body, "taskId")
                }
                _ => None,
            }
        });
        if let Some(run_id) = found {
            tracing::info!(id = %row.id, "recovered the session's id from its log");
            return self.recovered(row, run_id, "its log").await;
        }
        // 2. Recording: ask Agora whether the resource runs a session.
        let (SessionKind::Recording, Some(resource_id), Some(mode)) =
            (row.kind, row.resource_id.as_deref(), row.mode)
        else {
            return Ok(SessionState::Unknown);
        };
        let client = self.recording_client(row).await?;
        let uid = Uid::from(row.uid.clone().unwrap_or_default());
        let answer = client
            .recording()
            .probe_started(&ResourceId::from(resource_id), mode, &row.cname, &uid)
            .await;
        match answer {
            Ok(ProbeAnswer::Running { sid: Some(sid) }) => {
                self.recovered(row, sid.to_string(), "Agora (code 7)").await
            }
            Ok(ProbeAnswer::Running { sid: None }) => {
                self.update_row(
                    row.id,
                    SessionUpdate {
                        error: Some(Some(StoredError::note(
                            EngineCode::SessionSidUnknown,
                            "Agora says a recording runs on this resource (code 7), but did not give its sid: it cannot be queried or stopped from here. It ends by itself maxIdleTime after the channel empties.",
                        ))),
                        ..Default::default()
                    },
                )
                .await?;
                Ok(SessionState::Unknown)
            }
            Ok(ProbeAnswer::NeverStarted) => {
                // Nothing runs on an expired resource. Whether something ran on it before is
                // not said: the row ends without claiming it never billed.
                self.update_row(
                    row.id,
                    SessionUpdate {
                        state: Some(SessionState::Ended),
                        error: Some(Some(StoredError::note(
                            EngineCode::SessionResourceExpired,
                            "Agora says the resource has expired (code 433): nothing records on it now. Most likely the start never took effect.",
                        ))),
                        ended_at: Some(now_ms()),
                        ..Default::default()
                    },
                )
                .await?;
                Ok(SessionState::Ended)
            }
            Ok(ProbeAnswer::Unclear { status, code }) => {
                tracing::info!(id = %row.id, status, ?code, "could not tell whether the session runs");
                Ok(SessionState::Unknown)
            }
            Err(e) => {
                tracing::info!(id = %row.id, error = %e, "could not ask whether the session runs");
                Ok(SessionState::Unknown)
            }
        }
    }

    async fn recovered(
        &self,
        row: &SessionRow,
        run_id: String,
        from: &str,
    ) -> CoreResult<SessionState> {
        let recording = row.kind == SessionKind::Recording;
        self.update_row(
            row.id,
            SessionUpdate {
                state: Some(SessionState::Started),
                sid: recording.then(|| run_id.clone()),
                task_id: (!recording).then(|| run_id.clone()),
                started_at: row.started_at.is_none().then(now_ms),
                error: Some(Some(StoredError::note(
                    EngineCode::SessionRecovered,
                    format!(
                        "The answer to start was lost; the session's id was recovered from {from}."
                    ),
                ))),
                ..Default::default()
            },
        )
        .await?;
        Ok(SessionState::Started)
    }
}

pub(crate) fn is_not_found(e: &crate::error::CoreError) -> bool {
    matches!(e, crate::error::CoreError::Agora(a) if a.api().is_some_and(|api| api.status == 404))
}
