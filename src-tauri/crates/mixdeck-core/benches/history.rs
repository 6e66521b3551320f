//! History queries at 100,000 sessions: p50 and p95 per query, with the schema's indexes and,
//! as the baseline measured in the same run, without them.
//!
//!   cargo bench -p mixdeck-core --bench history

use std::time::{Duration, Instant};

use agora_rest::recording::Mode;
use mixdeck_core::store::*;

const SESSIONS: usize = 100_000;
const RUNS: usize = 200;
const DAY_MS: i64 = 86_400_000;

fn seed(store: &Store) {
    let profile = store
        .create_profile(
            ProfileKind::Agora,
            &ProfileInput {
                name: "Bench".into(),
                app_id: "0123456789abcdef0123456789abcdef".into(),
                customer_id: "c".into(),
                area: agora_rest::Area::Us,
                endpoint: None,
                default_storage: None,
            },
        )
        .expect("profile");
    let now = now_ms();
    let modes = [
        Some(Mode::Individual),
        Some(Mode::Mix),
        Some(Mode::Web),
        None,
    ];
    let states = [
        SessionState::Stopped,
        SessionState::Ended,
        SessionState::Failed,
        SessionState::Started,
    ];
    for i in 0..SESSIONS {
        let mode = modes[i % 4];
        let row = store
            .insert_session(&NewSession {
                profile_id: (i % 3 != 0).then_some(profile.id),
                profile_name: "Bench".into(),
                kind: if mode.is_some() {
                    SessionKind::Recording
                } else {
                    SessionKind::Transcoding
                },
                mode,
                cname: format!("channel-{}", i % 500),
                uid: Some(format!("{}", 100_000 + i % 50)),
                config: SessionConfig::Unrecognized {
                    json: r#"{"clientRequest": {"recordingConfig": {"maxIdleTime": 300}}}"#.into(),
                },
                // Spread over 90 days, newest last.
                created_at: Some(now - 90 * DAY_MS + (i as i64) * (90 * DAY_MS / SESSIONS as i64)),
                owner: None,
            })
            .expect("insert");
        // 1 in 1000 still open, like a real history.
        let state = if i % 1000 == 0 {
            SessionState::Started
        } else {
            states[i % 3]
        };
        store
            .update_session(
                row.id,
                &SessionUpdate {
                    state: Some(state),
                    sid: Some(format!("{:032x}", i * 7919)),
                    resource_id: Some(format!("rid{:028x}", i)),
                    files: Some(vec![format!("{:032x}_channel-{}.m3u8", i * 7919, i % 500)]),
                    ..Default::default()
                },
            )
            .expect("update");
    }
}

fn measure(name: &str, mut f: impl FnMut() -> usize) -> (Duration, Duration, usize) {
    let rows = f(); // warm the page cache
    let mut times: Vec<Duration> = (0..RUNS)
        .map(|_| {
            let t = Instant::now();
            std::hint::black_box(f());
            t.elapsed()
        })
        .collect();
    times.sort();
    let p50 = times[RUNS / 2];
    let p95 = times[RUNS * 95 / 100];
    let _ = name;
    (p50, p95, rows)
}

/// `baseline`: a raw connection to run text search the way it ran before the trigram index
/// (a LIKE scan over four columns), for the same-run comparison.
fn queries(
    store: &Store,
    baseline: Option<&rusqlite::Connection>,
) -> Vec<(&'static str, Duration, Duration, usize)> {
    let now = now_ms();
    let page = |f: SessionFilter| move || store.sessions(&f).expect("query").items.len();
    let cases: Vec<(&'static str, SessionFilter)> = vec![
        ("newest page (50)", SessionFilter::default()),
        (
            "page at offset 5000",
            SessionFilter {
                offset: Some(5000),
                ..Default::default()
            },
        ),
        (
            "profile + recording + mix",
            SessionFilter {
                profile_id: Some(ProfileId(1)),
                kind: Some(SessionKind::Recording),
                mode: Some(Mode::Mix),
                ..Default::default()
            },
        ),
        (
            "state = started",
            SessionFilter {
                state: Some(SessionState::Started),
                ..Default::default()
            },
        ),
        (
            "channel = channel-42",
            SessionFilter {
                cname: Some("channel-42".into()),
                ..Default::default()
            },
        ),
        (
            "last 7 days",
            SessionFilter {
                from: Some(now - 7 * DAY_MS),
                ..Default::default()
            },
        ),
        (
            "text search (sid fragment)",
            SessionFilter {
                text: Some("0000a4".into()),
                ..Default::default()
            },
        ),
    ];
    let mut out = Vec::new();
    for (name, filter) in cases {
        let (p50, p95, rows) = match (baseline, filter.text.clone()) {
            (Some(conn), Some(text)) => measure(name, || like_scan(conn, &text)),
            _ => measure(name, page(filter)),
        };
        out.push((name, p50, p95, rows));
    }
    let (p50, p95, rows) = measure("open sessions (reconcile)", || {
        store.open_sessions().expect("open").len()
    });
    out.push(("open sessions (reconcile)", p50, p95, rows));
    out
}

fn like_scan(conn: &rusqlite::Connection, text: &str) -> usize {
    let pattern = format!("%{text}%");
    let filter = "cname LIKE ?1 OR resource_id LIKE ?1 OR sid LIKE ?1 OR task_id LIKE ?1";
    let _total: i64 = conn
        .query_row(
            &format!("SELECT COUNT(*) FROM sessions WHERE {filter}"),
            [&pattern],
            |r| r.get(0),
        )
        .expect("count");
    let mut stmt = conn
        .prepare(&format!(
            "SELECT id FROM sessions WHERE {filter} ORDER BY created_at DESC, id DESC LIMIT 50"
        ))
        .expect("prepare");
    let rows = stmt
        .query_map([&pattern], |r| r.get::<_, i64>(0))
        .expect("query");
    rows.count()
}

fn main() {
    let dir = tempfile::tempdir().expect("temp dir");
    let path = dir.path().join("history.sqlite3");
    let t = Instant::now();
    {
        let store = Store::open(&path).expect("open");
        seed(&store);
    }
    println!(
        "seeded {SESSIONS} sessions in {:.1} s",
        t.elapsed().as_secs_f64()
    );

    let indexed = queries(&Store::open(&path).expect("open"), None);
    {
        let conn = rusqlite::Connection::open(&path).expect("raw open");
        for index in [
            "sessions_by_time",
            "sessions_by_profile",
            "sessions_by_profile_kind",
            "sessions_by_kind",
            "sessions_by_state",
            "sessions_by_cname",
            "sessions_by_sid",
            "sessions_by_resource",
            "sessions_by_task",
        ] {
            conn.execute(&format!("DROP INDEX {index}"), [])
                .expect("drop index");
        }
    }
    let raw = rusqlite::Connection::open(&path).expect("raw open");
    let baseline = queries(&Store::open(&path).expect("open"), Some(&raw));

    println!(
        "\n{:<30} {:>10} {:>10} {:>7}   {:>12} {:>7} {:>9}",
        "query (100k sessions)", "p50 ms", "p95 ms", "rows", "p95 no index", "rows", "speed-up"
    );
    for ((name, p50, p95, rows), (_, _, b95, brows)) in indexed.iter().zip(&baseline) {
        println!(
            "{name:<30} {:>10.3} {:>10.3} {rows:>7}   {:>12.3} {brows:>7} {:>8.1}x",
            p50.as_secs_f64() * 1e3,
            p95.as_secs_f64() * 1e3,
            b95.as_secs_f64() * 1e3,
            b95.as_secs_f64() / p95.as_secs_f64().max(1e-9)
        );
    }
}
