//! Looking back: one session with its exchanges, and the export file, for the app and the CLI.

use serde::{Deserialize, Serialize};

use super::Engine;
use crate::error::{blocking, CoreResult};
use crate::store::{SessionEvent, SessionFilter, SessionId, SessionRow};

/// A session and every request/response pair it exchanged, redacted.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct SessionDetail {
    pub session: SessionRow,
    pub events: Vec<SessionEvent>,
}

/// The history export format (version 1): sessions with their logs, secrets redacted.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "camelCase")]
pub struct HistoryExport {
    /// The format's version.
    pub mixdeck_export: u32,
    pub sessions: Vec<SessionDetail>,
}

/// The current export format.
pub const EXPORT_VERSION: u32 = 1;

/// History pages are read this many rows at a time.
const PAGE: u32 = 500;

impl Engine {
    /// One session with its log, including what was exchanged up to now (the log is written
    /// in the background).
    pub async fn session_detail(&self, id: SessionId) -> CoreResult<SessionDetail> {
        self.flush_log().await;
        let store = self.store();
        blocking(move || {
            Ok(SessionDetail {
                session: store.session(id)?,
                events: store.session_events(id)?,
            })
        })
        .await
    }

    /// One session, or every session (newest first), with their logs.
    pub async fn export_history(&self, only: Option<SessionId>) -> CoreResult<HistoryExport> {
        self.flush_log().await;
        let store = self.store();
        blocking(move || {
            let rows = match only {
                Some(id) => vec![store.session(id)?],
                None => {
                    let mut all = Vec::new();
                    loop {
                        let page = store.sessions(&SessionFilter {
                            limit: Some(PAGE),
                            offset: Some(u32::try_from(all.len()).unwrap_or(u32::MAX)),
                            ..Default::default()
                        })?;
                        let n = page.items.len();
                        all.extend(page.items);
                        if n < PAGE as usize {
                            break all;
                        }
                    }
                }
            };
            let sessions = rows
                .into_iter()
                .map(|session| {
                    Ok(SessionDetail {
                        events: store.session_events(session.id)?,
                        session,
                    })
                })
                .collect::<CoreResult<_>>()?;
            Ok(HistoryExport {
                mixdeck_export: EXPORT_VERSION,
                sessions,
            })
        })
        .await
    }
}
