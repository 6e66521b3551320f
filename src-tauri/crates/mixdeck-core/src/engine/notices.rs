//! Which engine events deserve an OS notification, and its words: the policy the app applies
//! (showing it is the host's job). Tauri-free, so it is tested here and reusable by any host.

use std::collections::HashMap;

use agora_rest::recording::Mode;

use crate::store::{SessionId, SessionKind, SessionRow, SessionState};
use crate::EngineEvent;

/// An OS notification's text. Built only from the channel name, mode, state and error messages,
/// which never hold a secret.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Notice {
    pub title: String,
    pub body: String,
}

/// Bodies longer than this are cut (notification servers show a few lines at most).
const MAX_BODY_CHARS: usize = 200;

/// What the notifier remembers of a session still open: its last state, what names it, and
/// which problems it already reported.
#[derive(Debug, Clone)]
struct Seen {
    state: SessionState,
    kind: SessionKind,
    mode: Option<Mode>,
    cname: String,
    problems: Vec<String>,
}

/// Decides which engine events deserve an OS notification. It remembers open sessions only:
/// a session is forgotten once it is over, so the map stays as small as the open-session list.
#[derive(Debug, Default)]
pub struct Notifier {
    seen: HashMap<SessionId, Seen>,
}

impl Notifier {
    /// Takes note of `event` and returns the notification it deserves, if any: a session that
    /// moved into stopped, ended, failed or unknown, or a problem the monitor reports (once per
    /// session and problem code).
    pub fn observe(&mut self, event: &EngineEvent) -> Option<Notice> {
        match event {
            EngineEvent::SessionChanged { session } => {
                let previous = self.seen.get(&session.id).map(|s| s.state);
                let notice = change_notice(previous, session);
                if session.state.is_open() {
                    let problems = self
                        .seen
                        .remove(&session.id)
                        .map(|s| s.problems)
                        .unwrap_or_default();
                    self.seen.insert(
                        session.id,
                        Seen {
                            state: session.state,
                            kind: session.kind,
                            mode: session.mode,
                            cname: session.cname.clone(),
                            problems,
                        },
                    );
                } else {
                    self.seen.remove(&session.id);
                }
                notice
            }
            EngineEvent::SessionProblem {
                session_id,
                code,
                message,
                ..
            } => {
                let seen = self.seen.get_mut(session_id);
                let subject = match &seen {
                    Some(s) => subject(s.kind, s.mode, &s.cname),
                    None => format!("Session {session_id}"),
                };
                let kind = seen.as_ref().map_or(SessionKind::Recording, |s| s.kind);
                if let Some(s) = seen {
                    if s.problems.contains(code) {
                        return None;
                    }
                    s.problems.push(code.clone());
                }
                Some(Notice {
                    title: format!("{} problem", noun(kind)),
                    body: body(&subject, message),
                })
            }
        }
    }
}

/// The notification for a session whose state went from `previous` to `row.state`: only a move
/// (from a state seen earlier in this run) into stopped, ended, failed or unknown. A session seen
/// for the first time is not a move: it may have ended long ago, before the app started.
pub fn change_notice(previous: Option<SessionState>, row: &SessionRow) -> Option<Notice> {
    let previous = previous?;
    if previous == row.state {
        return None;
    }
    let noun = noun(row.kind);
    let error = row
        .error
        .as_ref()
        .map(|e| e.report.message.as_str())
        .filter(|m| !m.is_empty());
    let (title, reason) = match row.state {
        SessionState::Stopped => (
            format!("{noun} stopped"),
            error
                .map(str::to_owned)
                .unwrap_or_else(|| match row.files.len() {
                    0 => "No files listed.".to_owned(),
                    1 => "1 file listed.".to_owned(),
                    n => format!("{n} files listed."),
                }),
        ),
        SessionState::Ended => (
            format!("{noun} ended"),
            error.map(str::to_owned).unwrap_or_else(|| {
                "It ended without a stop (idle timeout, expiry, or Agora no longer knows it)."
                    .to_owned()
            }),
        ),
        SessionState::Failed => (
            format!("{noun} failed"),
            error.unwrap_or("It failed before it ran.").to_owned(),
        ),
        SessionState::Unknown => (
            format!("{noun} state unknown"),
            format!(
                "It may be running and billed: check it in History.{}",
                error.map(|e| format!(" ({e})")).unwrap_or_default()
            ),
        ),
        SessionState::Acquiring
        | SessionState::Starting
        | SessionState::Started
        | SessionState::Stopping => return None,
    };
    Some(Notice {
        title,
        body: body(&subject(row.kind, row.mode, &row.cname), &reason),
    })
}

fn noun(kind: SessionKind) -> &'static str {
    match kind {
        SessionKind::Recording => "Recording",
        SessionKind::Transcoding => "Transcoding",
    }
}

/// `Channel "room-1" (mix)` or `Transcoder "show-7"`.
fn subject(kind: SessionKind, mode: Option<Mode>, cname: &str) -> String {
    match (kind, mode) {
        (SessionKind::Recording, Some(mode)) => format!("Channel \"{cname}\" ({mode})"),
        (SessionKind::Recording, None) => format!("Channel \"{cname}\""),
        (SessionKind::Transcoding, _) => format!("Transcoder \"{cname}\""),
    }
}

fn body(subject: &str, reason: &str) -> String {
    let text = format!("{subject}: {reason}");
    if text.chars().count() <= MAX_BODY_CHARS {
        return text;
    }
    let mut cut: String = text.chars().take(MAX_BODY_CHARS - 1).collect();
    cut.push('…');
    cut
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn row(id: i64, kind: SessionKind, state: SessionState) -> SessionRow {
        SessionRow {
            id: SessionId(id),
            profile_id: None,
            profile_name: "Work".into(),
            kind,
            mode: (kind == SessionKind::Recording).then_some(Mode::Mix),
            cname: "room-1".into(),
            uid: Some("900001".into()),
            resource_id: None,
            sid: None,
            builder_token_last4: None,
            task_id: None,
            sequence_id: None,
            state,
            last_status: None,
            files: vec![],
            file_notes: vec![],
            config: crate::store::SessionConfig::Unrecognized { json: "{}".into() },
            error: None,
            created_at: 0,
            started_at: None,
            ended_at: None,
            updated_at: 0,
            may_be_recording: None,
            is_open: state.is_open(),
            agora_status: None,
            web_onhold: None,
            resource_deadline: None,
            unreadable: vec![],
            vault_id: String::new(),
        }
    }

    fn changed(row: SessionRow) -> EngineEvent {
        EngineEvent::SessionChanged {
            session: Box::new(row),
        }
    }

    fn problem(id: i64, code: &str, message: &str) -> EngineEvent {
        EngineEvent::SessionProblem {
            session_id: SessionId(id),
            code: code.into(),
            message: message.into(),
            causes: vec![],
        }
    }

    /// Feeds `states` for one recording and returns the notices, one slot per state.
    fn run(states: &[SessionState]) -> Vec<Option<Notice>> {
        let mut n = Notifier::default();
        states
            .iter()
            .map(|s| n.observe(&changed(row(1, SessionKind::Recording, *s))))
            .collect()
    }

    #[test]
    fn a_normal_start_and_stop_notifies_once_with_the_channel_mode_and_files() {
        use SessionState::*;
        let mut n = Notifier::default();
        for s in [Acquiring, Starting, Started, Started, Stopping] {
            assert_eq!(n.observe(&changed(row(1, SessionKind::Recording, s))), None);
        }
        let mut stopped = row(1, SessionKind::Recording, Stopped);
        stopped.files = vec!["a.m3u8".into(), "a_0.ts".into()];
        assert_eq!(
            n.observe(&changed(stopped.clone())),
            Some(Notice {
                title: "Recording stopped".into(),
                body: "Channel \"room-1\" (mix): 2 files listed.".into()
            })
        );
        assert_eq!(
            n.observe(&changed(stopped)),
            None,
            "a repeated update of a stopped session says nothing new"
        );
    }

    #[test]
    fn a_failed_start_says_why() {
        use SessionState::*;
        let mut n = Notifier::default();
        n.observe(&changed(row(2, SessionKind::Recording, Acquiring)));
        let mut failed = row(2, SessionKind::Recording, Failed);
        failed.error = Some(
            serde_json::from_value(
                json!({"code": "agora.unauthorized", "message": "acquire: HTTP 401 Unauthorized"}),
            )
            .unwrap(),
        );
        let notice = n.observe(&changed(failed)).unwrap();
        assert_eq!(notice.title, "Recording failed");
        assert_eq!(
            notice.body,
            "Channel \"room-1\" (mix): acquire: HTTP 401 Unauthorized"
        );
    }

    #[test]
    fn ended_and_unknown_are_worth_a_notice_but_running_states_are_not() {
        use SessionState::*;
        let ended = run(&[Started, Ended]);
        assert_eq!(ended[1].as_ref().unwrap().title, "Recording ended");
        assert!(ended[1].as_ref().unwrap().body.contains("without a stop"));

        let unknown = run(&[Starting, Unknown]);
        let notice = unknown[1].as_ref().unwrap();
        assert_eq!(notice.title, "Recording state unknown");
        assert!(notice.body.contains("may be running and billed"));

        // Unknown is still open: when reconciliation finds it ended, that is news too.
        assert!(run(&[Starting, Unknown, Ended])[2].is_some());
        assert!(run(&[Acquiring, Starting, Started, Stopping, Started])
            .iter()
            .all(Option::is_none));
    }

    #[test]
    fn a_session_first_seen_already_over_is_not_news() {
        // Reconciliation at start-up finds sessions that ended while the app was closed.
        for s in [
            SessionState::Stopped,
            SessionState::Ended,
            SessionState::Failed,
            SessionState::Unknown,
        ] {
            assert_eq!(run(&[s]), [None], "{s:?}");
        }
    }

    #[test]
    fn transcoding_sessions_are_named_as_transcoders() {
        let mut n = Notifier::default();
        n.observe(&changed(row(
            3,
            SessionKind::Transcoding,
            SessionState::Started,
        )));
        let notice = n
            .observe(&changed(row(
                3,
                SessionKind::Transcoding,
                SessionState::Stopped,
            )))
            .unwrap();
        assert_eq!(notice.title, "Transcoding stopped");
        assert!(
            notice.body.starts_with("Transcoder \"room-1\": "),
            "{}",
            notice.body
        );
    }

    #[test]
    fn monitor_problems_notify_once_per_session_and_code() {
        let mut n = Notifier::default();
        n.observe(&changed(row(
            4,
            SessionKind::Recording,
            SessionState::Started,
        )));
        let first = n
            .observe(&problem(
                4,
                "agora.exited_abnormally",
                "The recording exited abnormally (status 20).",
            ))
            .unwrap();
        assert_eq!(first.title, "Recording problem");
        assert_eq!(
            first.body,
            "Channel \"room-1\" (mix): The recording exited abnormally (status 20)."
        );
        // The monitor repeats status 20 on every poll.
        assert_eq!(
            n.observe(&problem(4, "agora.exited_abnormally", "again")),
            None
        );
        // A state update keeps what was already reported.
        n.observe(&changed(row(
            4,
            SessionKind::Recording,
            SessionState::Started,
        )));
        assert_eq!(
            n.observe(&problem(4, "agora.exited_abnormally", "again")),
            None
        );
        assert!(n
            .observe(&problem(4, "agora.worker_not_found", "404"))
            .is_some());
        // A session the notifier has not seen is still named.
        let unseen = n
            .observe(&problem(9, "network.timeout", "timed out"))
            .unwrap();
        assert_eq!(unseen.body, "Session 9: timed out");
    }

    #[test]
    fn over_sessions_are_forgotten_and_long_reasons_are_cut() {
        let mut n = Notifier::default();
        n.observe(&changed(row(
            5,
            SessionKind::Recording,
            SessionState::Started,
        )));
        let mut ended = row(5, SessionKind::Recording, SessionState::Ended);
        ended.error = Some(crate::store::StoredError::note(
            crate::EngineCode::AppInternal,
            "x".repeat(500),
        ));
        let notice = n.observe(&changed(ended)).unwrap();
        assert_eq!(notice.body.chars().count(), MAX_BODY_CHARS);
        assert!(notice.body.ends_with('…'));
        assert!(n.seen.is_empty(), "a session that is over is forgotten");
    }
}
