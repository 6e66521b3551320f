//! Settings kept with the history: how long sessions that are over are kept.

use rusqlite::{params, OptionalExtension};
use serde::{Deserialize, Serialize};

use super::sessions::OVER_CLAUSE;
use super::{from_json, now_ms, to_json, Result, Store, StoreError};

/// How long the history keeps a session once it is over. A session that may still be running is
/// kept whatever its age.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "camelCase")]
pub struct Retention {
    /// Days after it ended (or began, if it never ended); `None` keeps everything.
    pub keep_days: Option<u32>,
}

/// The ages offered in the app and accepted by the CLI, shortest first (`None` keeps all).
pub const RETENTION_CHOICES: [Option<u32>; 5] = [None, Some(7), Some(30), Some(90), Some(365)];

impl Retention {
    /// `Err` names the rule when `keep_days` is not one of [`RETENTION_CHOICES`].
    pub fn check(self) -> std::result::Result<Self, String> {
        if RETENTION_CHOICES.contains(&self.keep_days) {
            Ok(self)
        } else {
            let days: Vec<String> = RETENTION_CHOICES
                .iter()
                .flatten()
                .map(u32::to_string)
                .collect();
            Err(format!(
                "keepDays must be one of {} days, or left out to keep everything",
                days.join(", ")
            ))
        }
    }

    /// In words, for pickers and the CLI.
    pub fn label(self) -> String {
        match self.keep_days {
            None => "Keep everything".to_owned(),
            Some(365) => "Keep one year".to_owned(),
            Some(d) => format!("Keep {d} days"),
        }
    }
}

const RETENTION_KEY: &str = "history.retention";

impl Store {
    pub fn retention(&self) -> Result<Retention> {
        let text: Option<String> = self
            .conn()
            .query_row(
                "SELECT value FROM settings WHERE key = ?1",
                [RETENTION_KEY],
                |r| r.get(0),
            )
            .optional()?;
        text.map_or(Ok(Retention::default()), |t| {
            from_json("settings.history.retention", &t)
        })
    }

    pub fn set_retention(&self, retention: Retention) -> Result<Retention> {
        let retention = retention.check().map_err(StoreError::Conflict)?;
        self.conn().execute(
            "INSERT INTO settings (key, value) VALUES (?1, ?2)
             ON CONFLICT (key) DO UPDATE SET value = excluded.value",
            params![RETENTION_KEY, to_json(&retention)],
        )?;
        Ok(retention)
    }

    /// Deletes the sessions that are over and older than the retention setting; returns how many.
    /// Sessions that may be running are never deleted, however old.
    pub fn apply_retention(&self) -> Result<u32> {
        let Some(days) = self.retention()?.keep_days else {
            return Ok(0);
        };
        let cutoff = now_ms() - i64::from(days) * 86_400_000;
        let n = self.conn().execute(
            &format!(
                "DELETE FROM sessions WHERE {} AND COALESCE(ended_at, created_at) < ?1",
                *OVER_CLAUSE
            ),
            [cutoff],
        )?;
        Ok(n as u32)
    }
}
