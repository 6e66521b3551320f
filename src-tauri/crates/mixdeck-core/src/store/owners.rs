//! Which process owns the requests in flight: every engine (the app, each CLI run) registers
//! itself and keeps a heartbeat, and stamps the sessions it acquires or stops. A session left
//! "acquiring", "starting" or "stopping" by a process whose heartbeat stopped was interrupted
//! (killed, crashed, power lost): the next engine to open the database settles it.

use rusqlite::{params, OptionalExtension};

use super::sessions::{SessionId, SessionState};
use super::{now_ms, Result, Store};

/// How often a live engine renews its heartbeat.
pub const HEARTBEAT_MS: i64 = 2_000;
/// A heartbeat older than this means the process is gone.
pub const OWNER_STALE_MS: i64 = 10_000;

/// A session a dead process left in the middle of a request.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Orphan {
    pub id: SessionId,
    pub state: SessionState,
    /// Its owner as recorded (for the compare-and-set in [`Store::adopt`]).
    pub owner_id: Option<String>,
    /// The process that left it, when known ("mixdeck-cli, pid 4242").
    pub owner: Option<String>,
}

impl Store {
    /// Registers a running engine.
    pub fn register_owner(&self, id: &str, program: &str) -> Result<()> {
        let now = now_ms();
        let conn = self.conn();
        conn.execute(
            "INSERT OR REPLACE INTO owners (id, pid, program, started_at, seen_at) VALUES (?1, ?2, ?3, ?4, ?4)",
            params![id, std::process::id(), program, now],
        )?;
        // Owners long gone are of no use to anyone.
        conn.execute(
            "DELETE FROM owners WHERE seen_at < ?1 AND id NOT IN (SELECT owner FROM sessions WHERE owner IS NOT NULL AND state IN ('acquiring', 'starting', 'stopping'))",
            [now - 24 * 3600 * 1000],
        )?;
        Ok(())
    }

    pub fn heartbeat(&self, id: &str) -> Result<()> {
        self.conn().execute(
            "UPDATE owners SET seen_at = ?2 WHERE id = ?1",
            params![id, now_ms()],
        )?;
        Ok(())
    }

    /// Sessions in the middle of a request whose owner is not `me` and is gone: no fresh
    /// heartbeat, or (where the OS tells) no such process; or unknown (rows written before
    /// owners were recorded).
    pub fn orphans(&self, me: &str) -> Result<Vec<Orphan>> {
        let conn = self.conn();
        let mut stmt = conn.prepare(
            "SELECT s.id, s.state, o.program, o.pid, o.seen_at, s.owner FROM sessions s LEFT JOIN owners o ON o.id = s.owner
             WHERE s.state IN ('acquiring', 'starting', 'stopping')
               AND (s.owner IS NULL OR s.owner != ?1)
             ORDER BY s.id",
        )?;
        let now = now_ms();
        let stale_before = now - OWNER_STALE_MS;
        let rows = stmt.query_map(params![me], |r| {
            let program: Option<String> = r.get(2)?;
            let pid: Option<i64> = r.get(3)?;
            let seen_at: Option<i64> = r.get(4)?;
            // A process the OS says is gone counts only once its heartbeat is late too: in
            // another PID namespace (Flatpak, a container) a live process looks absent.
            let late = seen_at.is_none_or(|t| t < now - 2 * HEARTBEAT_MS);
            let gone = seen_at.is_none_or(|t| t < stale_before)
                || (late && pid.is_some_and(|p| !process_alive(p)));
            let id = SessionId(r.get(0)?);
            let state = SessionState::parse(&r.get::<_, String>(1)?);
            let owner_id: Option<String> = r.get(5)?;
            Ok(gone.then(|| Orphan {
                id,
                state,
                owner_id,
                owner: program.map(|p| match pid {
                    Some(pid) => format!("{p} (pid {pid})"),
                    None => p,
                }),
            }))
        })?;
        let found = rows.collect::<rusqlite::Result<Vec<_>>>()?;
        Ok(found.into_iter().flatten().collect())
    }

    /// Takes an orphan over, only if it is still as it was read (state and owner): of two
    /// engines settling at once, one wins and the other leaves it alone.
    pub fn adopt(&self, orphan: &Orphan, me: &str) -> Result<bool> {
        let n = self.conn().execute(
            "UPDATE sessions SET owner = ?1 WHERE id = ?2 AND state = ?3 AND owner IS ?4",
            params![me, orphan.id.0, orphan.state.as_str(), orphan.owner_id],
        )?;
        Ok(n == 1)
    }

    /// Stamps a session with the engine now working on it.
    pub fn claim_session(&self, id: SessionId, owner: &str) -> Result<()> {
        self.conn().execute(
            "UPDATE sessions SET owner = ?2 WHERE id = ?1",
            params![id.0, owner],
        )?;
        Ok(())
    }

    /// When the current run of 404s for a session began (persisted, so it spans restarts).
    pub fn not_found_since(&self, id: SessionId) -> Result<Option<i64>> {
        Ok(self
            .conn()
            .query_row(
                "SELECT not_found_since FROM sessions WHERE id = ?1",
                [id.0],
                |r| r.get::<_, Option<i64>>(0),
            )
            .optional()?
            .flatten())
    }

    /// Starts (if none is running) or ends (`None`) a run of 404s; returns when it began.
    pub fn note_not_found(&self, id: SessionId, at: Option<i64>) -> Result<Option<i64>> {
        let conn = self.conn();
        match at {
            Some(at) => conn.execute(
                "UPDATE sessions SET not_found_since = COALESCE(not_found_since, ?2) WHERE id = ?1",
                params![id.0, at],
            )?,
            None => conn.execute(
                "UPDATE sessions SET not_found_since = NULL WHERE id = ?1",
                [id.0],
            )?,
        };
        drop(conn);
        self.not_found_since(id)
    }
}

/// Whether a process runs, where the OS says so cheaply (Linux: `/proc`); elsewhere the
/// heartbeat alone decides.
fn process_alive(pid: i64) -> bool {
    if pid == i64::from(std::process::id()) {
        return true;
    }
    if cfg!(target_os = "linux") {
        std::path::Path::new(&format!("/proc/{pid}")).exists()
    } else {
        true
    }
}
