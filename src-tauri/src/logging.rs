//! `tracing` to stderr and to a daily-rolling file in the app's log directory.
//!
//! The filter comes from `MIXDECK_LOG` (then `RUST_LOG`), e.g. `MIXDECK_LOG=debug`; default `info`.
//! Secrets never reach a log line: the types that hold them print `<redacted>`.

use std::path::Path;

use tracing_appender::non_blocking::WorkerGuard;
use tracing_appender::rolling::{RollingFileAppender, Rotation};
use tracing_subscriber::layer::SubscriberExt;
use tracing_subscriber::{fmt, EnvFilter, Registry};

/// Log files kept before the oldest is deleted (one a day).
const KEEP_FILES: usize = 14;

/// Keeps the file writer's background thread alive; dropping it flushes what is buffered.
pub struct LogGuard(#[allow(dead_code)] Option<WorkerGuard>);

/// The log guard as app state: the process exits without dropping managed state, so the last
/// lines (why it quit, what was still pending) are flushed explicitly on exit.
pub struct Flush(std::sync::Mutex<Option<LogGuard>>);

impl Flush {
    pub fn new(guard: LogGuard) -> Self {
        Self(std::sync::Mutex::new(Some(guard)))
    }

    /// Writes out what is buffered and stops the writer; later lines go to stderr only.
    pub fn now(&self) {
        let guard = self.0.lock().unwrap_or_else(|p| p.into_inner()).take();
        drop(guard);
    }
}

fn filter() -> EnvFilter {
    EnvFilter::try_from_env("MIXDECK_LOG")
        .or_else(|_| EnvFilter::try_from_default_env())
        .unwrap_or_else(|_| EnvFilter::new("info"))
}

fn file_appender(log_dir: &Path) -> Result<RollingFileAppender, String> {
    // The app's own directory, private to the user (0700): its files then are too, whatever
    // mode the appender creates them with; earlier ones are made 0600 as well.
    mixdeck_core::paths::own_private_dir(log_dir)
        .map_err(|e| format!("cannot create {}: {e}", log_dir.display()))?;
    for entry in std::fs::read_dir(log_dir).into_iter().flatten().flatten() {
        let _ = mixdeck_core::paths::make_private_file(&entry.path());
    }
    RollingFileAppender::builder()
        .rotation(Rotation::DAILY)
        .filename_prefix("mixdeck")
        .filename_suffix("log")
        .max_log_files(KEEP_FILES)
        .build(log_dir)
        .map_err(|e| format!("cannot open a log file in {}: {e}", log_dir.display()))
}

/// The subscriber the app installs: stderr always, plus the file when the directory is usable.
/// Returns why the file layer is missing, if it is.
pub fn subscriber(
    log_dir: &Path,
) -> (
    impl tracing::Subscriber + Send + Sync + 'static,
    LogGuard,
    Option<String>,
) {
    let (file_layer, guard, problem) = match file_appender(log_dir) {
        Ok(appender) => {
            let (writer, guard) = tracing_appender::non_blocking(appender);
            let layer = fmt::layer().with_ansi(false).with_writer(writer);
            (Some(layer), Some(guard), None)
        }
        Err(problem) => (None, None, Some(problem)),
    };
    let subscriber = Registry::default()
        .with(filter())
        .with(fmt::layer().with_writer(std::io::stderr))
        .with(file_layer);
    (subscriber, LogGuard(guard), problem)
}

/// Installs the subscriber globally. Call once, early in `setup`.
pub fn init(log_dir: &Path) -> LogGuard {
    let (subscriber, guard, problem) = subscriber(log_dir);
    if tracing::subscriber::set_global_default(subscriber).is_err() {
        eprintln!("mixdeck: a tracing subscriber was already installed; logging to it");
    }
    if let Some(problem) = problem {
        tracing::warn!(%problem, "logging to stderr only");
    }
    guard
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn flushing_on_exit_writes_out_the_last_lines() {
        let dir = tempfile::tempdir().unwrap();
        let (subscriber, guard, _) = subscriber(dir.path());
        let flush = Flush::new(guard);
        tracing::subscriber::with_default(subscriber, || {
            tracing::info!("the last line before quitting");
        });
        flush.now();
        flush.now(); // a second exit event finds nothing left to do
        let file = std::fs::read_dir(dir.path())
            .unwrap()
            .flatten()
            .next()
            .unwrap();
        let text = std::fs::read_to_string(file.path()).unwrap();
        assert!(text.contains("the last line before quitting"), "{text}");
    }

    #[test]
    fn events_reach_a_log_file_in_the_directory() {
        let dir = tempfile::tempdir().unwrap();
        let log_dir = dir.path().join("logs");
        let (subscriber, guard, problem) = subscriber(&log_dir);
        assert_eq!(problem, None);
        tracing::subscriber::with_default(subscriber, || {
            tracing::info!(answer = 42, "hello from the test");
        });
        drop(guard); // flushes the non-blocking writer
        let files: Vec<_> = std::fs::read_dir(&log_dir).unwrap().flatten().collect();
        assert_eq!(files.len(), 1, "one log file expected");
        let name = files[0].file_name().to_string_lossy().into_owned();
        assert!(
            name.starts_with("mixdeck.") && name.ends_with(".log"),
            "{name}"
        );
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            let mode = std::fs::metadata(&log_dir).unwrap().permissions().mode() & 0o777;
            assert_eq!(mode, 0o700, "the log directory is the user's alone");
        }
        let text = std::fs::read_to_string(files[0].path()).unwrap();
        assert!(
            text.contains("hello from the test") && text.contains("answer=42"),
            "{text}"
        );
    }

    #[test]
    fn an_unusable_directory_falls_back_to_stderr_and_says_why() {
        let dir = tempfile::tempdir().unwrap();
        let blocker = dir.path().join("not-a-dir");
        std::fs::write(&blocker, b"x").unwrap();
        let (_s, _g, problem) = subscriber(&blocker.join("logs"));
        assert!(problem.unwrap().contains("cannot create"));
    }
}
