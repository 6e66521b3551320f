//! Schema migrations, applied in order; `PRAGMA user_version` records how many ran.

use rusqlite::{Connection, TransactionBehavior};

use super::{Result, StoreError};

const MIGRATIONS: &[&str] = &[
    // 1: profiles, sessions, their event log, presets.
    r#"
    CREATE TABLE profiles (
        id INTEGER PRIMARY KEY,
        name TEXT NOT NULL UNIQUE,
        kind TEXT NOT NULL CHECK (kind IN ('agora', 'sandbox')),
        app_id TEXT NOT NULL,
        customer_id TEXT NOT NULL,
        area TEXT NOT NULL,
        endpoint TEXT,
        default_storage TEXT,
        created_at INTEGER NOT NULL,
        updated_at INTEGER NOT NULL
    );
    CREATE TABLE sessions (
        id INTEGER PRIMARY KEY,
        profile_id INTEGER REFERENCES profiles(id) ON DELETE SET NULL,
        profile_name TEXT NOT NULL,
        kind TEXT NOT NULL CHECK (kind IN ('recording', 'transcoding')),
        mode TEXT,
        cname TEXT NOT NULL,
        uid TEXT,
        resource_id TEXT,
        sid TEXT,
        builder_token TEXT,
        task_id TEXT,
        sequence_id INTEGER,
        state TEXT NOT NULL,
        last_status TEXT,
        files TEXT NOT NULL DEFAULT '[]',
        config TEXT NOT NULL,
        error TEXT,
        created_at INTEGER NOT NULL,
        started_at INTEGER,
        ended_at INTEGER,
        updated_at INTEGER NOT NULL
    );
    CREATE INDEX sessions_by_time ON sessions (created_at DESC, id DESC);
    CREATE INDEX sessions_by_profile ON sessions (profile_id, created_at DESC);
    CREATE INDEX sessions_by_kind ON sessions (kind, mode, created_at DESC);
    CREATE INDEX sessions_by_state ON sessions (state, created_at DESC);
    CREATE INDEX sessions_by_cname ON sessions (cname, created_at DESC);
    CREATE INDEX sessions_by_sid ON sessions (sid);
    CREATE INDEX sessions_by_resource ON sessions (resource_id);
    CREATE INDEX sessions_by_task ON sessions (task_id);
    CREATE TABLE session_events (
        id INTEGER PRIMARY KEY,
        session_id INTEGER NOT NULL REFERENCES sessions(id) ON DELETE CASCADE,
        at INTEGER NOT NULL,
        op TEXT NOT NULL,
        method TEXT,
        url TEXT,
        attempt INTEGER,
        request_body TEXT,
        status INTEGER,
        response_body TEXT,
        error TEXT,
        elapsed_ms INTEGER,
        request_id TEXT
    );
    CREATE INDEX session_events_by_session ON session_events (session_id, id);
    CREATE TABLE presets (
        id INTEGER PRIMARY KEY,
        kind TEXT NOT NULL,
        name TEXT NOT NULL,
        body TEXT NOT NULL,
        created_at INTEGER NOT NULL,
        updated_at INTEGER NOT NULL,
        UNIQUE (kind, name)
    );
    "#,
    // 2: indexed substring search over channel and ids (FTS5 trigrams, kept in step by
    // triggers), and an index for the history view's profile + kind + mode filter.
    r#"
    CREATE VIRTUAL TABLE sessions_search USING fts5(
        cname, resource_id, sid, task_id,
        content = 'sessions', content_rowid = 'id', tokenize = 'trigram'
    );
    INSERT INTO sessions_search (sessions_search) VALUES ('rebuild');
    CREATE TRIGGER sessions_search_insert AFTER INSERT ON sessions BEGIN
        INSERT INTO sessions_search (rowid, cname, resource_id, sid, task_id)
        VALUES (new.id, new.cname, new.resource_id, new.sid, new.task_id);
    END;
    CREATE TRIGGER sessions_search_delete AFTER DELETE ON sessions BEGIN
        INSERT INTO sessions_search (sessions_search, rowid, cname, resource_id, sid, task_id)
        VALUES ('delete', old.id, old.cname, old.resource_id, old.sid, old.task_id);
    END;
    CREATE TRIGGER sessions_search_update AFTER UPDATE OF cname, resource_id, sid, task_id ON sessions BEGIN
        INSERT INTO sessions_search (sessions_search, rowid, cname, resource_id, sid, task_id)
        VALUES ('delete', old.id, old.cname, old.resource_id, old.sid, old.task_id);
        INSERT INTO sessions_search (rowid, cname, resource_id, sid, task_id)
        VALUES (new.id, new.cname, new.resource_id, new.sid, new.task_id);
    END;
    CREATE INDEX sessions_by_profile_kind ON sessions (profile_id, kind, mode, created_at DESC);
    "#,
    // 3: which process (app or CLI run) owns a session's request in flight, and whether it is
    // alive (a heartbeat), so the next run settles rows a killed process left "starting"; when a
    // run of 404s began, so a failover (up to ~90 s) spans restarts instead of ending a session.
    r#"
    ALTER TABLE sessions ADD COLUMN owner TEXT;
    ALTER TABLE sessions ADD COLUMN not_found_since INTEGER;
    CREATE TABLE owners (
        id TEXT PRIMARY KEY,
        pid INTEGER NOT NULL,
        program TEXT NOT NULL,
        started_at INTEGER NOT NULL,
        seen_at INTEGER NOT NULL
    );
    "#,
    // 4: a repeated query answer is stored once, with how many times it came and when last;
    // the uid joins the searchable ids; settings (history retention).
    r#"
    ALTER TABLE session_events ADD COLUMN repeats INTEGER NOT NULL DEFAULT 1;
    ALTER TABLE session_events ADD COLUMN last_at INTEGER;
    DROP TRIGGER sessions_search_insert;
    DROP TRIGGER sessions_search_delete;
    DROP TRIGGER sessions_search_update;
    DROP TABLE sessions_search;
    CREATE VIRTUAL TABLE sessions_search USING fts5(
        cname, uid, resource_id, sid, task_id,
        content = 'sessions', content_rowid = 'id', tokenize = 'trigram'
    );
    INSERT INTO sessions_search (sessions_search) VALUES ('rebuild');
    CREATE TRIGGER sessions_search_insert AFTER INSERT ON sessions BEGIN
        INSERT INTO sessions_search (rowid, cname, uid, resource_id, sid, task_id)
        VALUES (new.id, new.cname, new.uid, new.resource_id, new.sid, new.task_id);
    END;
    CREATE TRIGGER sessions_search_delete AFTER DELETE ON sessions BEGIN
        INSERT INTO sessions_search (sessions_search, rowid, cname, uid, resource_id, sid, task_id)
        VALUES ('delete', old.id, old.cname, old.uid, old.resource_id, old.sid, old.task_id);
    END;
    CREATE TRIGGER sessions_search_update AFTER UPDATE OF cname, uid, resource_id, sid, task_id ON sessions BEGIN
        INSERT INTO sessions_search (sessions_search, rowid, cname, uid, resource_id, sid, task_id)
        VALUES ('delete', old.id, old.cname, old.uid, old.resource_id, old.sid, old.task_id);
        INSERT INTO sessions_search (rowid, cname, uid, resource_id, sid, task_id)
        VALUES (new.id, new.cname, new.uid, new.resource_id, new.sid, new.task_id);
    END;
    CREATE TABLE settings (
        key TEXT PRIMARY KEY,
        value TEXT NOT NULL
    );
    "#,
    // 5: history filters at 100,000 sessions. A kind alone reads its sessions newest first
    // (sessions_by_kind, with the mode between, made it sort all of them: 40 ms); profile +
    // kind + mode + state reads only its own sessions (it read every session of the profile,
    // kind and mode to check the state: 15 ms).
    r#"
    CREATE INDEX sessions_by_kind_time ON sessions (kind, created_at DESC);
    CREATE INDEX sessions_by_profile_kind_state ON sessions (profile_id, kind, mode, state, created_at DESC);
    "#,
    // 6: each profile's keychain entries are keyed by a random 128-bit vault id, never by the row
    // id (a recreated database reuses ids, and a new profile must not inherit an old one's
    // secrets). Existing rows get one and are marked legacy: their secrets still sit under
    // `profile/{id}/` and move under the vault id at the next open.
    r#"
    ALTER TABLE profiles ADD COLUMN vault_id TEXT;
    ALTER TABLE profiles ADD COLUMN vault_legacy INTEGER NOT NULL DEFAULT 0;
    UPDATE profiles SET vault_id = lower(hex(randomblob(16))), vault_legacy = 1;
    CREATE UNIQUE INDEX profiles_by_vault_id ON profiles (vault_id);
    "#,
    // 7: a transcoding task's builder token moves to the keychain, under the session's own
    // random vault id; the row keeps its last 4 characters ('' when it is too short to hint at).
    // Tokens already in `builder_token` are moved at the next open (the keychain is not SQL).
    r#"
    ALTER TABLE sessions ADD COLUMN vault_id TEXT;
    ALTER TABLE sessions ADD COLUMN builder_token_last4 TEXT;
    UPDATE sessions SET vault_id = lower(hex(randomblob(16)));
    "#,
];

/// Brings the schema up to date, each migration in its own transaction. The app and the CLI may
/// open one database at the same moment: each step takes the write lock first (`BEGIN
/// IMMEDIATE`, waiting out the other under the busy timeout) and reads the version under it, so
/// a migration the other process just applied is never run twice.
pub fn migrate(conn: &mut Connection) -> Result<()> {
    let known = MIGRATIONS.len() as i64;
    loop {
        let tx = conn.transaction_with_behavior(TransactionBehavior::Immediate)?;
        let current: i64 = tx.pragma_query_value(None, "user_version", |r| r.get(0))?;
        if current > known {
            return Err(StoreError::TooNew {
                found: current,
                known,
            });
        }
        let Some(sql) = MIGRATIONS.get(current as usize) else {
            return Ok(());
        };
        tx.execute_batch(sql)?;
        tx.pragma_update(None, "user_version", current + 1)?;
        tx.commit()?;
        tracing::info!(version = current + 1, "history database migrated");
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn migrates_once_and_refuses_a_newer_schema() {
        let mut conn = Connection::open_in_memory().unwrap();
        migrate(&mut conn).unwrap();
        migrate(&mut conn).unwrap();
        let v: i64 = conn
            .pragma_query_value(None, "user_version", |r| r.get(0))
            .unwrap();
        assert_eq!(v, MIGRATIONS.len() as i64);
        conn.pragma_update(None, "user_version", 99).unwrap();
        assert!(matches!(
            migrate(&mut conn),
            Err(StoreError::TooNew { found: 99, .. })
        ));
    }
}
