//! Seeds a Mixdeck history database with a large, realistic history, for benchmarks that open
//! the real app on it (the same data `benches/history.rs` measures).
//!
//!   cargo run --release -p mixdeck-core --example seed_history -- <db-path> [--sessions 100000] [--events 2000000] [--days 90]
//!
//! The file is created (with its directory) and migrated like the app's; a file that already
//! holds sessions is refused.

#[path = "../benches/seed/mod.rs"]
mod seed;

use std::path::PathBuf;
use std::process::ExitCode;

const USAGE: &str =
    "usage: seed_history <db-path> [--sessions 100000] [--events 2000000] [--days 90]";

fn parse(args: &[String]) -> Result<(PathBuf, seed::Options), String> {
    let mut path = None;
    let mut options = seed::Options::default();
    let mut it = args.iter();
    while let Some(arg) = it.next() {
        let mut number = |name: &str| -> Result<u64, String> {
            let value = it
                .next()
                .ok_or_else(|| format!("{name} needs a number\n{USAGE}"))?;
            value
                .replace('_', "")
                .parse()
                .map_err(|_| format!("{name} must be a whole number, not {value:?}\n{USAGE}"))
        };
        match arg.as_str() {
            "--sessions" => options.sessions = number("--sessions")? as usize,
            "--events" => options.events = number("--events")? as usize,
            "--days" => {
                options.days = u32::try_from(number("--days")?)
                    .ok()
                    .filter(|d| *d > 0)
                    .ok_or_else(|| format!("--days must be 1 or more\n{USAGE}"))?
            }
            "-h" | "--help" => return Err(USAGE.to_owned()),
            other if other.starts_with('-') => {
                return Err(format!("unknown option {other:?}\n{USAGE}"))
            }
            other if path.is_none() => path = Some(PathBuf::from(other)),
            other => {
                return Err(format!(
                    "one database path only, not also {other:?}\n{USAGE}"
                ))
            }
        }
    }
    let path = path.ok_or_else(|| format!("the database path is missing\n{USAGE}"))?;
    Ok((path, options))
}

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let (path, options) = match parse(&args) {
        Ok(parsed) => parsed,
        Err(message) => {
            eprintln!("{message}");
            return ExitCode::from(2);
        }
    };
    if let Some(dir) = path.parent().filter(|d| !d.as_os_str().is_empty()) {
        if let Err(e) = std::fs::create_dir_all(dir) {
            eprintln!("cannot create {}: {e}", dir.display());
            return ExitCode::FAILURE;
        }
    }
    match seed::seed(&path, &options) {
        Ok(s) => {
            let size = std::fs::metadata(&path).map(|m| m.len()).unwrap_or(0);
            println!(
                "seeded {} with {} sessions and {} events in {:.1} s (inserting sessions {:.1} s, events {:.1} s, commit {:.1} s): {:.0} MB",
                path.display(),
                s.sessions,
                s.events,
                s.total_time.as_secs_f64(),
                s.sessions_time.as_secs_f64(),
                s.events_time.as_secs_f64(),
                s.commit_time.as_secs_f64(),
                size as f64 / 1e6
            );
            ExitCode::SUCCESS
        }
        Err(message) => {
            eprintln!("{message}");
            ExitCode::FAILURE
        }
    }
}
