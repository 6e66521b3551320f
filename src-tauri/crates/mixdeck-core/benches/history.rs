//! History at scale, the target: seeded with 100,000 sessions and 2,000,000 events, the
//! list page, each filter, text search and session detail answer with p95 ≤ 20 ms each.
//!
//! Every query runs with the schema's indexes and, as the baseline measured in the same run,
//! without them (the `sessions_*` indexes and `session_events_by_session` dropped; text search
//! then runs as the LIKE scan it was before the trigram index). Figures are p50 and p95 over
//! 200 runs after a warm-up (the baseline: as many runs as fit in a few seconds, at least 5),
//! with the speed-up the indexes give; `COUNT` is the page's `total` query alone (run with the
//! same WHERE clause), so its share of each page is visible.
//!
//!   cargo bench -p mixdeck-core --bench history
//!
//! `MIXDECK_BENCH_SESSIONS` and `MIXDECK_BENCH_EVENTS` seed a smaller history for a quick run;
//! `MIXDECK_BENCH_DB=<file>` benches a copy of a file seeded before instead (the same data seeds a
//! file for the app: `cargo run --release -p mixdeck-core --example seed_history -- <db-path>`);
//! `MIXDECK_BENCH_BASELINE=0` skips the baseline; `MIXDECK_BENCH_ONLY=<text>` runs only the
//! queries whose name contains it. The history view asks for pages of 100
//! (`HISTORY_PAGE`), so the filters are timed at 100 rows.

#[path = "seed/mod.rs"]
mod seed;

use std::fmt::Display;
use std::sync::Arc;
use std::time::{Duration, Instant};

use agora_rest::recording::Mode;
use mixdeck_core::engine::{Database, ExportScope};
use mixdeck_core::store::{
    now_ms, ProfileId, SessionFilter, SessionId, SessionKind, SessionState, Store,
};
use mixdeck_core::vault::MemoryStore;
use mixdeck_core::{Engine, EngineConfig};
use rusqlite::types::Value as SqlValue;

const RUNS: usize = 200;
const WARM_UP: usize = 3;
/// The baseline runs until this much time is spent on a query (at least `BASELINE_MIN_RUNS`).
const BASELINE_BUDGET: Duration = Duration::from_secs(6);
const BASELINE_MIN_RUNS: usize = 5;
const TARGET_MS: f64 = 20.0;
const DAY_MS: i64 = seed::DAY_MS;

/// The indexes dropped for the baseline (those of a schema before 5 are skipped).
const INDEXES: [&str; 12] = [
    "sessions_by_time",
    "sessions_by_profile",
    "sessions_by_profile_kind",
    "sessions_by_profile_kind_state",
    "sessions_by_kind",
    "sessions_by_kind_time",
    "sessions_by_state",
    "sessions_by_cname",
    "sessions_by_sid",
    "sessions_by_resource",
    "sessions_by_task",
    "session_events_by_session",
];

fn fail<E: Display>(what: &str) -> impl Fn(E) -> String + '_ {
    move |e| format!("{what}: {e}")
}

fn env_count(name: &str, default: usize) -> Result<usize, String> {
    match std::env::var(name) {
        Ok(v) => v
            .replace('_', "")
            .parse()
            .map_err(|_| format!("{name} must be a whole number, not {v:?}")),
        Err(_) => Ok(default),
    }
}

/// What one call returned: rows (page items, events, sessions) and the page's `total`.
#[derive(Clone, Copy, Default)]
struct Answer {
    rows: usize,
    total: Option<u32>,
}

#[derive(Clone, Copy)]
struct Timing {
    runs: usize,
    p50: Duration,
    p95: Duration,
    answer: Answer,
}

fn percentile(sorted: &[Duration], p: usize) -> Duration {
    sorted[(sorted.len() * p / 100).min(sorted.len() - 1)]
}

/// p50 and p95 of `f` after a warm-up: `RUNS` runs, or with a budget at least `min_runs` runs
/// and then as many as fit.
fn measure(
    budget: Option<Duration>,
    min_runs: usize,
    mut f: impl FnMut(usize) -> Result<Answer, String>,
) -> Result<Timing, String> {
    let mut answer = Answer::default();
    let warm_up = if budget.is_some() { 1 } else { WARM_UP };
    for k in 0..warm_up {
        answer = f(k)?;
    }
    let started = Instant::now();
    let mut times = Vec::with_capacity(RUNS);
    while times.len() < RUNS {
        if budget.is_some_and(|b| times.len() >= min_runs && started.elapsed() > b) {
            break;
        }
        let t = Instant::now();
        std::hint::black_box(f(times.len() + warm_up)?);
        times.push(t.elapsed());
    }
    times.sort();
    Ok(Timing {
        runs: times.len(),
        p50: percentile(&times, 50),
        p95: percentile(&times, 95),
        answer,
    })
}

enum Query {
    Page(SessionFilter),
    OpenSessions,
    /// `Store::session` + `Store::session_events` for random ids.
    StoreDetail,
    /// `Engine::session_detail`: the same, plus the timeline, layouts and host.
    EngineDetail,
    /// `Engine::export_history` of one session.
    Export,
}

struct Case {
    name: String,
    query: Query,
}

fn page(name: &str, filter: SessionFilter) -> Case {
    Case {
        name: name.to_owned(),
        query: Query::Page(filter),
    }
}

/// `WHERE …` as `Store::sessions` builds it for `f` (mirrored here to time its `COUNT(*)`
/// alone); with `like`, text search as the LIKE scan over the same five columns.
fn where_clause(f: &SessionFilter, like: bool) -> (String, Vec<SqlValue>) {
    let mut clauses: Vec<String> = Vec::new();
    let mut values: Vec<SqlValue> = Vec::new();
    if let Some(p) = f.profile_id {
        clauses.push("profile_id = ?".into());
        values.push(p.0.into());
    }
    if let Some(k) = f.kind {
        clauses.push("kind = ?".into());
        values.push(k.as_str().to_owned().into());
    }
    if let Some(m) = f.mode {
        clauses.push("mode = ?".into());
        values.push(m.as_str().to_owned().into());
    }
    if let Some(s) = f.state {
        clauses.push("state = ?".into());
        values.push(s.as_str().to_owned().into());
    }
    if let Some(open) = f.open {
        let names: Vec<String> = SessionState::ALL
            .into_iter()
            .filter(|s| s.is_open() == open)
            .map(|s| format!("'{}'", s.as_str()))
            .collect();
        clauses.push(format!("state IN ({})", names.join(", ")));
    }
    if let Some(c) = &f.cname {
        clauses.push("cname = ?".into());
        values.push(c.clone().into());
    }
    if let Some(from) = f.from {
        clauses.push("created_at >= ?".into());
        values.push(from.into());
    }
    if let Some(to) = f.to {
        clauses.push("created_at < ?".into());
        values.push(to.into());
    }
    if let Some(text) = f.text.as_deref().map(str::trim).filter(|t| !t.is_empty()) {
        if text.chars().count() >= 3 && !like {
            clauses.push(
                "id IN (SELECT rowid FROM sessions_search WHERE sessions_search MATCH ?)".into(),
            );
            values.push(format!("\"{}\"", text.replace('"', "\"\"")).into());
        } else {
            clauses.push(
                "(cname LIKE ? ESCAPE '\\' OR uid LIKE ? ESCAPE '\\' OR resource_id LIKE ? ESCAPE '\\' \
                 OR sid LIKE ? ESCAPE '\\' OR task_id LIKE ? ESCAPE '\\')"
                    .into(),
            );
            let escaped = text
                .replace('\\', "\\\\")
                .replace('%', "\\%")
                .replace('_', "\\_");
            values.extend(std::iter::repeat_n(
                SqlValue::from(format!("%{escaped}%")),
                5,
            ));
        }
    }
    let sql = if clauses.is_empty() {
        String::new()
    } else {
        format!(" WHERE {}", clauses.join(" AND "))
    };
    (sql, values)
}

/// The page's statement as `Store::sessions` builds it (mirrored, for its query plan).
fn page_sql(f: &SessionFilter) -> (String, Vec<SqlValue>) {
    let (where_sql, values) = where_clause(f, false);
    let limit = f.limit.unwrap_or(50).clamp(1, 500);
    let offset = f.offset.unwrap_or(0);
    (
        format!(
            "SELECT * FROM sessions{where_sql} ORDER BY created_at DESC, id DESC LIMIT {limit} OFFSET {offset}"
        ),
        values,
    )
}

fn count(conn: &rusqlite::Connection, f: &SessionFilter, like: bool) -> Result<Answer, String> {
    let (where_sql, values) = where_clause(f, like);
    let n: i64 = conn
        .query_row(
            &format!("SELECT COUNT(*) FROM sessions{where_sql}"),
            rusqlite::params_from_iter(values.iter()),
            |r| r.get(0),
        )
        .map_err(fail("count"))?;
    Ok(Answer {
        rows: 0,
        total: Some(n as u32),
    })
}

/// `EXPLAIN QUERY PLAN` of `sql`, one line.
fn plan(conn: &rusqlite::Connection, sql: &str, values: &[SqlValue]) -> Result<String, String> {
    let mut stmt = conn
        .prepare(&format!("EXPLAIN QUERY PLAN {sql}"))
        .map_err(fail("explain"))?;
    let rows = stmt
        .query_map(rusqlite::params_from_iter(values.iter()), |r| {
            r.get::<_, String>(3)
        })
        .map_err(fail("explain"))?;
    let steps: Vec<String> = rows.collect::<Result<_, _>>().map_err(fail("explain"))?;
    Ok(steps.join(" | "))
}

/// A text search as it ran before the trigram index: COUNT and the page, by LIKE over the five
/// columns (its rows are read, not decoded into `SessionRow`s).
fn like_page(conn: &rusqlite::Connection, f: &SessionFilter) -> Result<Answer, String> {
    let total = count(conn, f, true)?.total;
    let (where_sql, values) = where_clause(f, true);
    let limit = f.limit.unwrap_or(50).clamp(1, 500);
    let offset = f.offset.unwrap_or(0);
    let mut stmt = conn
        .prepare(&format!(
            "SELECT * FROM sessions{where_sql} ORDER BY created_at DESC, id DESC LIMIT {limit} OFFSET {offset}"
        ))
        .map_err(fail("prepare the LIKE page"))?;
    let columns = stmt.column_count();
    let mut rows = stmt
        .query(rusqlite::params_from_iter(values.iter()))
        .map_err(fail("LIKE page"))?;
    let mut n = 0;
    while let Some(row) = rows.next().map_err(fail("LIKE page row"))? {
        for c in 0..columns {
            std::hint::black_box(row.get_ref(c).map_err(fail("LIKE page column"))?);
        }
        n += 1;
    }
    Ok(Answer { rows: n, total })
}

struct Bench<'a> {
    engine: &'a Engine,
    store: Arc<Store>,
    raw: &'a rusqlite::Connection,
    rt: &'a tokio::runtime::Runtime,
    detail_ids: &'a [SessionId],
}

impl Bench<'_> {
    fn run(&self, q: &Query, baseline: bool) -> Result<Timing, String> {
        let (budget, min_runs) = if baseline {
            (Some(BASELINE_BUDGET), BASELINE_MIN_RUNS)
        } else {
            (None, RUNS)
        };
        let id = |k: usize| self.detail_ids[k % self.detail_ids.len()];
        match q {
            Query::Page(f) if baseline && f.text.is_some() => {
                measure(budget, min_runs, |_| like_page(self.raw, f))
            }
            Query::Page(f) => measure(budget, min_runs, |_| {
                let page = self.store.sessions(f).map_err(fail("page"))?;
                Ok(Answer {
                    rows: page.items.len(),
                    total: Some(page.total),
                })
            }),
            Query::OpenSessions => measure(budget, min_runs, |_| {
                Ok(Answer {
                    rows: self.store.open_sessions().map_err(fail("open"))?.len(),
                    total: None,
                })
            }),
            Query::StoreDetail => measure(budget, min_runs, |k| {
                let session = self.store.session(id(k)).map_err(fail("session"))?;
                let events = self
                    .store
                    .session_events(session.id)
                    .map_err(fail("events"))?;
                Ok(Answer {
                    rows: events.len(),
                    total: None,
                })
            }),
            Query::EngineDetail => measure(budget, min_runs, |k| {
                let detail = self
                    .rt
                    .block_on(self.engine.session_detail(id(k)))
                    .map_err(fail("detail"))?;
                Ok(Answer {
                    rows: detail.timeline.len(),
                    total: None,
                })
            }),
            Query::Export => measure(budget, min_runs, |k| {
                let export = self
                    .rt
                    .block_on(
                        self.engine
                            .export_history(ExportScope::Session { id: id(k) }),
                    )
                    .map_err(fail("export"))?;
                Ok(Answer {
                    rows: export.sessions.iter().map(|s| s.events.len()).sum(),
                    total: None,
                })
            }),
        }
    }

    fn count(&self, q: &Query) -> Result<Option<Timing>, String> {
        match q {
            Query::Page(f) => measure(None, RUNS, |_| count(self.raw, f, false)).map(Some),
            _ => Ok(None),
        }
    }
}

fn cases(profiles: &[ProfileId], sessions: usize) -> Vec<Case> {
    let now = now_ms();
    // The history view's page.
    let f = || SessionFilter {
        limit: Some(100),
        ..Default::default()
    };
    let text = |t: &str| SessionFilter {
        text: Some(t.to_owned()),
        ..f()
    };
    let sid = seed::sid(54_321.min(sessions.saturating_sub(1)));
    let profile = profiles.get(1).copied().unwrap_or(ProfileId(1));
    vec![
        page("newest page (50)", SessionFilter::default()),
        page("newest page (100)", f()),
        page(
            "page at offset 5000",
            SessionFilter {
                offset: Some(5000),
                ..f()
            },
        ),
        page(
            "page at offset 90000",
            SessionFilter {
                offset: Some(90_000),
                ..f()
            },
        ),
        page(
            "profile (30 %)",
            SessionFilter {
                profile_id: Some(profile),
                ..f()
            },
        ),
        page(
            "kind = recording (80 %)",
            SessionFilter {
                kind: Some(SessionKind::Recording),
                ..f()
            },
        ),
        page(
            "kind = transcoding (20 %)",
            SessionFilter {
                kind: Some(SessionKind::Transcoding),
                ..f()
            },
        ),
        page(
            "kind + mode (recording, mix)",
            SessionFilter {
                kind: Some(SessionKind::Recording),
                mode: Some(Mode::Mix),
                ..f()
            },
        ),
        page(
            "state = stopped (70 %)",
            SessionFilter {
                state: Some(SessionState::Stopped),
                ..f()
            },
        ),
        page(
            "state = failed (10 %)",
            SessionFilter {
                state: Some(SessionState::Failed),
                ..f()
            },
        ),
        page(
            "open = true (0.1 %)",
            SessionFilter {
                open: Some(true),
                ..f()
            },
        ),
        page(
            "open = false (99.9 %)",
            SessionFilter {
                open: Some(false),
                ..f()
            },
        ),
        page(
            "channel = class-042",
            SessionFilter {
                cname: Some(seed::channel(210)),
                ..f()
            },
        ),
        page(
            "last 7 days",
            SessionFilter {
                from: Some(now - 7 * DAY_MS),
                ..f()
            },
        ),
        page(
            "one day, 30 days ago",
            SessionFilter {
                from: Some(now - 30 * DAY_MS),
                to: Some(now - 29 * DAY_MS),
                ..f()
            },
        ),
        page(
            &format!("text: sid fragment {:?}", &sid[10..16]),
            text(&sid[10..16]),
        ),
        page("text: 3 chars \"7ab\"", text("7ab")),
        page("text: channel \"webinar-04\"", text("webinar-04")),
        page("text: channel prefix \"class\"", text("class")),
        page(
            &format!("text: uid {:?}", seed::recorder_uid(17)),
            text(&seed::recorder_uid(17)),
        ),
        page("text: 2 chars \"42\" (LIKE)", text("42")),
        page(
            "profile+kind+mode+state+30 days",
            SessionFilter {
                profile_id: Some(profiles.first().copied().unwrap_or(ProfileId(1))),
                kind: Some(SessionKind::Recording),
                mode: Some(Mode::Mix),
                state: Some(SessionState::Stopped),
                from: Some(now - 30 * DAY_MS),
                ..f()
            },
        ),
        Case {
            name: "open_sessions() (reconcile)".into(),
            query: Query::OpenSessions,
        },
        Case {
            name: "detail: Store row + events".into(),
            query: Query::StoreDetail,
        },
        Case {
            name: "detail: Engine::session_detail".into(),
            query: Query::EngineDetail,
        },
        Case {
            name: "export one session".into(),
            query: Query::Export,
        },
    ]
}

fn ms(d: Duration) -> f64 {
    d.as_secs_f64() * 1e3
}

/// The database to bench: a fresh seed, or a copy of `MIXDECK_BENCH_DB`. Returns its profiles,
/// sessions and events.
fn prepare(path: &std::path::Path) -> Result<(Vec<ProfileId>, usize, usize), String> {
    if let Some(source) = std::env::var_os("MIXDECK_BENCH_DB") {
        let t = Instant::now();
        std::fs::copy(&source, path).map_err(fail("copy MIXDECK_BENCH_DB"))?;
        let store = Store::open(path).map_err(fail("open the copy"))?;
        let profiles = store
            .profiles()
            .map_err(fail("profiles"))?
            .into_iter()
            .map(|p| p.id)
            .collect();
        drop(store);
        let raw = rusqlite::Connection::open(path).map_err(fail("raw open"))?;
        let n = |sql: &str| {
            raw.query_row(sql, [], |r| r.get::<_, i64>(0))
                .map(|n| n as usize)
                .map_err(fail("count rows"))
        };
        let (sessions, events) = (
            n("SELECT COUNT(*) FROM sessions")?,
            n("SELECT COUNT(*) FROM session_events")?,
        );
        println!(
            "copied {} ({sessions} sessions, {events} events) and opened it in {:.1} s",
            std::path::Path::new(&source).display(),
            t.elapsed().as_secs_f64()
        );
        return Ok((profiles, sessions, events));
    }
    let options = seed::Options {
        sessions: env_count("MIXDECK_BENCH_SESSIONS", 100_000)?,
        events: env_count("MIXDECK_BENCH_EVENTS", 2_000_000)?,
        ..Default::default()
    };
    let seeded = seed::seed(path, &options)?;
    println!(
        "seeded {} sessions and {} events in {:.1} s (inserting sessions {:.1} s, events {:.1} s, commit {:.1} s)",
        seeded.sessions,
        seeded.events,
        seeded.total_time.as_secs_f64(),
        seeded.sessions_time.as_secs_f64(),
        seeded.events_time.as_secs_f64(),
        seeded.commit_time.as_secs_f64(),
    );
    Ok((seeded.profiles, seeded.sessions, seeded.events))
}

fn run() -> Result<(), String> {
    let dir = tempfile::tempdir().map_err(fail("temp dir"))?;
    let path = dir.path().join("history.sqlite3");
    let (profiles, sessions, events) = prepare(&path)?;

    let rt = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .map_err(fail("tokio runtime"))?;
    let mut config = EngineConfig::new(
        Database::File(path.clone()),
        Arc::new(MemoryStore::default()),
    );
    config.sandbox_profile = false;
    let engine = rt.block_on(Engine::open(config)).map_err(fail("engine"))?;
    let size = std::fs::metadata(&path).map(|m| m.len()).unwrap_or(0);
    println!(
        "database {:.0} MB, schema {}",
        size as f64 / 1e6,
        engine.store().schema_version().map_err(fail("schema"))?
    );
    let raw = rusqlite::Connection::open(&path).map_err(fail("raw open"))?;
    let mut rng = seed::Rng::new(42);
    let detail_ids: Vec<SessionId> = (0..256)
        .map(|_| seed::session_id(rng.below(sessions.max(1) as u64) as usize))
        .collect();
    let bench = Bench {
        engine: &engine,
        store: engine.store(),
        raw: &raw,
        rt: &rt,
        detail_ids: &detail_ids,
    };
    let only = std::env::var("MIXDECK_BENCH_ONLY").unwrap_or_default();
    let cases: Vec<Case> = cases(&profiles, sessions)
        .into_iter()
        .filter(|c| c.name.contains(&only))
        .collect();

    let mut indexed = Vec::new();
    for case in &cases {
        let timing = bench.run(&case.query, false)?;
        let count = bench.count(&case.query)?;
        indexed.push((timing, count));
    }
    let mut plans = Vec::new();
    for (case, (t, _)) in cases.iter().zip(&indexed) {
        if let (Query::Page(f), true) = (&case.query, ms(t.p95) > TARGET_MS) {
            let (where_sql, values) = where_clause(f, false);
            let (page, _) = page_sql(f);
            plans.push(format!(
                "{}\n  COUNT: {}\n  page:  {}",
                case.name,
                plan(
                    &raw,
                    &format!("SELECT COUNT(*) FROM sessions{where_sql}"),
                    &values
                )?,
                plan(&raw, &page, &values)?
            ));
        }
    }
    let baseline = if std::env::var("MIXDECK_BENCH_BASELINE").is_ok_and(|v| v == "0") {
        None
    } else {
        for index in INDEXES {
            raw.execute(&format!("DROP INDEX IF EXISTS {index}"), [])
                .map_err(fail("drop index"))?;
        }
        let mut baseline = Vec::new();
        for case in &cases {
            baseline.push(Some(bench.run(&case.query, true)?));
        }
        Some(baseline)
    };

    println!(
        "\n{:<36} {:>5} {:>8} {:>8} {:>5} {:>7} {:>9} {:>6}   {:>5} {:>10} {:>8}  \u{2264} 20 ms",
        format!(
            "query ({}k sessions, {}M events)",
            sessions / 1000,
            events as f64 / 1e6
        ),
        "runs",
        "p50 ms",
        "p95 ms",
        "rows",
        "total",
        "COUNT p95",
        "COUNT%",
        "runs",
        "no-idx p95",
        "speed-up",
    );
    let mut misses = Vec::new();
    for (k, (case, (t, c))) in cases.iter().zip(&indexed).enumerate() {
        let total = t
            .answer
            .total
            .map_or_else(|| "-".to_owned(), |n| n.to_string());
        let (count_p95, share) = match c {
            Some(c) => (
                format!("{:.3}", ms(c.p95)),
                format!("{:.0}", 100.0 * ms(c.p50) / ms(t.p50).max(1e-9)),
            ),
            None => ("-".into(), "-".into()),
        };
        let (base_runs, base_p95, speed_up) = match baseline.as_ref().and_then(|b| b[k]) {
            Some(b) => (
                b.runs.to_string(),
                format!("{:.3}", ms(b.p95)),
                format!("{:.1}x", ms(b.p95) / ms(t.p95).max(1e-9)),
            ),
            None => ("-".into(), "-".into(), "-".into()),
        };
        let ok = ms(t.p95) <= TARGET_MS;
        if !ok {
            misses.push(case.name.clone());
        }
        println!(
            "{:<36} {:>5} {:>8.3} {:>8.3} {:>5} {:>7} {:>9} {:>6}   {:>5} {:>10} {:>8}  {}",
            case.name,
            t.runs,
            ms(t.p50),
            ms(t.p95),
            t.answer.rows,
            total,
            count_p95,
            share,
            base_runs,
            base_p95,
            speed_up,
            if ok { "yes" } else { "MISS" }
        );
    }
    let p50 = |name: &str| {
        cases
            .iter()
            .position(|c| c.name == name)
            .map(|k| ms(indexed[k].0.p50))
    };
    if let (Some(engine_detail), Some(store_detail)) = (
        p50("detail: Engine::session_detail"),
        p50("detail: Store row + events"),
    ) {
        println!(
            "\ntimeline + layouts + host (Engine detail minus Store reads, p50): {:.3} ms",
            engine_detail - store_detail
        );
    }
    println!(
        "rows: page items, events (detail: timeline entries), sessions; total: the page's COUNT(*); \
         COUNT%: its p50 share of the page's p50.\nbaseline text search: LIKE over cname, uid, resource_id, sid, task_id (rows read, not decoded)."
    );
    if misses.is_empty() {
        println!("every query met p95 ≤ {TARGET_MS} ms");
    } else {
        println!("p95 above {TARGET_MS} ms: {}", misses.join(", "));
        println!("\nquery plans of the misses (with indexes):");
        for p in plans {
            println!("{p}");
        }
    }
    Ok(())
}

fn main() {
    if let Err(e) = run() {
        eprintln!("history bench failed: {e}");
        std::process::exit(1);
    }
}
