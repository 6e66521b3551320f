//! At start-up, sessions not known to be over are checked with Agora, so a crash never leaves a
//! billed recording that the user cannot see and stop.

use serde::Serialize;

use super::Engine;
use crate::error::{blocking, CoreResult};
use crate::store::{now_ms, SessionKind, SessionRow, SessionState, SessionUpdate};

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
        let store = self.inner.store.clone();
        let open = blocking(move || Ok(store.open_sessions()?)).await?;
        let mut report = ReconcileReport::default();
        for row in open {
            report.checked += 1;
            match self.reconcile_one(&row).await {
                Ok(SessionState::Started) => report.running += 1,
                Ok(s) if !s.is_open() => report.ended += 1,
                Ok(_) | Err(_) => report.unsettled += 1,
            }
        }
        tracing::info!(?report, "sessions reconciled");
        Ok(report)
    }

    async fn reconcile_one(&self, row: &SessionRow) -> CoreResult<SessionState> {
        let has_id = match row.kind {
            SessionKind::Recording => row.sid.is_some(),
            SessionKind::Transcoding => row.task_id.is_some() && row.builder_token.is_some(),
        };
        if !has_id {
            // The answer that would have given us an id never arrived.
            let (state, note) = match row.state {
                SessionState::Acquiring => (
                    SessionState::Failed,
                    "Mixdeck stopped before the first request was answered; nothing was started.",
                ),
                _ => (
                    SessionState::Unknown,
                    "Mixdeck stopped while start/create was in flight: it may be running without an id Mixdeck knows. \
                     A recording ends by itself after maxIdleTime; a transcoding task after idleTimeout.",
                ),
            };
            self.update_row(
                row.id,
                SessionUpdate {
                    state: Some(state),
                    error: Some(Some(
                        serde_json::json!({"code": "session.interrupted", "message": note}),
                    )),
                    ended_at: (!state.is_open()).then(now_ms),
                    ..Default::default()
                },
            )
            .await?;
            return Ok(state);
        }
        let result = match row.kind {
            SessionKind::Recording => self.query_recording(row.id).await,
            SessionKind::Transcoding => self.query_transcoding(row.id).await,
        };
        match result {
            Ok(updated) if updated.state.is_open() => {
                if updated.state != SessionState::Started && updated.state != SessionState::Stopping
                {
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
            Err(e) if is_not_found(&e) => {
                let quiet_for = now_ms() - row.updated_at;
                if quiet_for >= self.inner.failover_window_ms {
                    self.update_row(
                        row.id,
                        SessionUpdate {
                            state: Some(SessionState::Ended),
                            ended_at: Some(now_ms()),
                            ..Default::default()
                        },
                    )
                    .await?;
                    Ok(SessionState::Ended)
                } else {
                    // Within the failover window a 404 proves nothing; the monitor asks again.
                    Ok(row.state)
                }
            }
            Err(e) => Err(e),
        }
    }
}

pub(crate) fn is_not_found(e: &crate::error::CoreError) -> bool {
    matches!(e, crate::error::CoreError::Agora(a) if a.api().is_some_and(|api| api.status == 404))
}
