//! Looking back: one session read for people (timeline, layouts, files), exports, deleting,
//! and how long the history keeps what is over. For the app and the CLI alike.

use serde::{Deserialize, Serialize};

use super::layout_history::{applied_layouts, AppliedLayout};
use super::timeline::{split_url, timeline, TimelineEntry};
use super::Engine;
use crate::error::{blocking, CoreError, CoreResult};
use crate::store::{
    EventQuery, Retention, SessionEvent, SessionFilter, SessionId, SessionRow, Store,
    RETENTION_CHOICES,
};

/// A session and everything it exchanged, read for the history's detail view.
#[derive(Debug, Clone, Serialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "camelCase")]
pub struct SessionDetail {
    pub session: SessionRow,
    /// The newest requests and their answers ([`TIMELINE_PAGE`] at most), oldest first,
    /// redacted; repeated polls folded. `earlier` says how many more there are before them.
    pub timeline: Vec<TimelineEntry>,
    /// Stored requests older than the first in `timeline` (read with `session_timeline`).
    pub earlier: u32,
    /// The layout it started with and each update, oldest first.
    pub layouts: Vec<AppliedLayout>,
    /// The host that answered last (the region's or the fallback domain).
    pub host: Option<String>,
    /// `uploadingStatus` from the last answer that had one (stop).
    pub uploading_status: Option<UploadState>,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct UploadState {
    pub value: String,
    pub meaning: String,
}

/// One session in an export: its row and its raw (redacted) log.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct ExportedSession {
    pub session: SessionRow,
    pub events: Vec<SessionEvent>,
}

/// The history export format: sessions with their logs, secrets redacted.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "camelCase")]
pub struct HistoryExport {
    /// The format's version.
    pub mixdeck_export: u32,
    /// When it was written (ms).
    pub exported_at: i64,
    pub sessions: Vec<ExportedSession>,
}

/// What to export: one session, or every session a filter matches (its page ignored).
#[derive(Debug, Clone, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(tag = "kind", rename_all = "camelCase")]
pub enum ExportScope {
    Session { id: SessionId },
    Filter { filter: SessionFilter },
}

/// The current export format (2 adds `exportedAt` and each event's `repeats` and `lastAt`).
pub const EXPORT_VERSION: u32 = 2;

/// A retention choice with its words, for the app's picker.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "camelCase")]
pub struct RetentionChoice {
    pub retention: Retention,
    pub label: String,
}

/// Every retention the history offers, shortest-kept last.
pub fn retention_choices() -> Vec<RetentionChoice> {
    RETENTION_CHOICES
        .iter()
        .map(|&keep_days| {
            let retention = Retention { keep_days };
            RetentionChoice {
                retention,
                label: retention.label(),
            }
        })
        .collect()
}

/// How many of a session's stored requests the detail reads at a time: a task polled for a day
/// has thousands, and the window needs the newest.
pub const TIMELINE_PAGE: u32 = 200;

/// Older requests of a session's timeline: the page before an event id.
#[derive(Debug, Clone, Serialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "camelCase")]
pub struct TimelinePage {
    /// Oldest first.
    pub entries: Vec<TimelineEntry>,
    /// Stored requests older than the first of `entries`.
    pub earlier: u32,
}

/// The operations a session's layouts are read from (start, updates).
const LAYOUT_OPS: [&str; 4] = [
    agora_rest::Op::Start.name(),
    agora_rest::Op::UpdateLayout.name(),
    agora_rest::Op::TranscoderCreate.name(),
    agora_rest::Op::TranscoderUpdate.name(),
];

/// History pages are read this many rows at a time.
const PAGE: u32 = 500;

fn timeline_page(store: &Store, id: SessionId, before: Option<i64>) -> CoreResult<TimelinePage> {
    let events = store.session_events_where(
        id,
        &EventQuery {
            before,
            limit: Some(TIMELINE_PAGE),
            ops: None,
        },
    )?;
    let earlier = match events.first() {
        Some(e) => store.session_event_count(id, Some(e.id))?,
        None => 0,
    };
    Ok(TimelinePage {
        entries: timeline(events),
        earlier,
    })
}

fn detail(store: &Store, id: SessionId) -> CoreResult<SessionDetail> {
    let session = store.session(id)?;
    let layout_events = store.session_events_where(
        id,
        &EventQuery {
            ops: Some(&LAYOUT_OPS),
            ..EventQuery::default()
        },
    )?;
    let layouts = applied_layouts(&session, &layout_events);
    let page = timeline_page(store, id, None)?;
    let events: Vec<&SessionEvent> = page.entries.iter().map(|t| &t.event).collect();
    let host = events
        .iter()
        .rev()
        .find(|e| e.status.is_some())
        .and_then(|e| e.url.as_deref())
        .and_then(|u| split_url(u).0)
        .or_else(|| session.error.as_ref().and_then(|e| e.report.host.clone()));
    let uploading_status = match &session.last_status {
        Some(crate::store::LastStatus::Recording(sr)) => sr.upload_status().map(|u| UploadState {
            value: u.as_str().to_owned(),
            meaning: u.meaning(),
        }),
        _ => None,
    };
    Ok(SessionDetail {
        timeline: page.entries,
        earlier: page.earlier,
        layouts,
        host,
        uploading_status,
        session,
    })
}

impl Engine {
    /// One session read for people, including what was exchanged up to now (the log is written
    /// in the background).
    pub async fn session_detail(&self, id: SessionId) -> CoreResult<SessionDetail> {
        self.flush_log().await;
        let store = self.store();
        blocking(move || detail(&store, id)).await
    }

    /// The page of a session's timeline before event `before` (see [`TIMELINE_PAGE`]).
    pub async fn session_timeline(&self, id: SessionId, before: i64) -> CoreResult<TimelinePage> {
        self.flush_log().await;
        let store = self.store();
        blocking(move || timeline_page(&store, id, Some(before))).await
    }

    /// One session, or every session a filter matches (newest first), with their logs.
    pub async fn export_history(&self, scope: ExportScope) -> CoreResult<HistoryExport> {
        self.flush_log().await;
        let store = self.store();
        blocking(move || {
            let rows = match scope {
                ExportScope::Session { id } => vec![store.session(id)?],
                ExportScope::Filter { filter } => {
                    let mut all = Vec::new();
                    loop {
                        let page = store.sessions(&SessionFilter {
                            limit: Some(PAGE),
                            offset: Some(u32::try_from(all.len()).unwrap_or(u32::MAX)),
                            ..filter.clone()
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
                    Ok(ExportedSession {
                        events: store.session_events(session.id)?,
                        session,
                    })
                })
                .collect::<CoreResult<_>>()?;
            Ok(HistoryExport {
                mixdeck_export: EXPORT_VERSION,
                exported_at: crate::store::now_ms(),
                sessions,
            })
        })
        .await
    }

    /// Forgets a session that is over, with its log. Nothing at Agora is touched; a session that
    /// may still be running is refused.
    pub async fn delete_session(&self, id: SessionId) -> CoreResult<()> {
        self.flush_log().await;
        let store = self.store();
        let row = blocking(move || {
            let row = store.session(id)?;
            store.delete_session(id)?;
            Ok(row)
        })
        .await?;
        self.forget_builder_token(&row).await;
        Ok(())
    }

    pub async fn retention(&self) -> CoreResult<Retention> {
        let store = self.store();
        blocking(move || Ok(store.retention()?)).await
    }

    /// Sets how long sessions that are over are kept, and applies it now.
    pub async fn set_retention(&self, retention: Retention) -> CoreResult<u32> {
        retention
            .check()
            .map_err(|rule| CoreError::invalid("keepDays", rule))?;
        let store = self.store();
        blocking(move || Ok(store.set_retention(retention)?)).await?;
        self.apply_retention().await
    }

    /// Deletes what the retention setting no longer keeps (at start-up, and when it changes).
    pub async fn apply_retention(&self) -> CoreResult<u32> {
        let store = self.store();
        let n = blocking(move || Ok(store.apply_retention()?)).await?;
        if n > 0 {
            tracing::info!(deleted = n, "history retention applied");
        }
        Ok(n)
    }
}
