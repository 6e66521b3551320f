//! `history …`: the sessions the app and the CLI have run, their logs, checks and exports.

use mixdeck_core::store::{SessionFilter, SessionId, SessionKind, SessionState};

use super::Ctx;
use crate::args::*;
use crate::fail::Failure;

pub(super) async fn history(ctx: &Ctx, cmd: HistoryCmd) -> Result<(), Failure> {
    let store = ctx.engine.store();
    match cmd {
        HistoryCmd::List {
            kind,
            mode,
            state,
            cname,
            text,
            limit,
            offset,
        } => {
            let kind = match kind.as_deref() {
                None => None,
                Some("recording") => Some(SessionKind::Recording),
                Some("transcoding") => Some(SessionKind::Transcoding),
                Some(k) => {
                    return Err(Failure::usage(format!(
                        "--kind {k:?}: use recording or transcoding"
                    )))
                }
            };
            let state = match state {
                None => None,
                Some(s) => Some(
                    SessionState::ALL
                        .into_iter()
                        .find(|st| st.as_str() == s)
                        .ok_or_else(|| {
                            Failure::usage(format!("--state {s:?} is not a session state"))
                        })?,
                ),
            };
            let filter = SessionFilter {
                kind,
                mode: mode.map(Into::into),
                state,
                cname,
                text,
                limit: Some(limit),
                offset: Some(offset),
                ..Default::default()
            };
            let page = store
                .sessions(&filter)
                .map_err(|e| Failure::Core(e.into()))?;
            if ctx.json {
                ctx.print(&page);
            } else {
                println!("{} session(s)", page.total);
                for s in page.items {
                    println!(
                        "{:>6}  {:<11} {:<10} {:<24} {:<9} {}",
                        s.id,
                        s.kind.as_str(),
                        s.mode.map(|m| m.as_str()).unwrap_or("-"),
                        s.cname,
                        s.state.as_str(),
                        s.sid.or(s.task_id).unwrap_or_default()
                    );
                }
            }
        }
        HistoryCmd::Check { id } => {
            let row = ctx.engine.check_session(SessionId(id)).await?;
            if ctx.json {
                ctx.print(&row);
            } else {
                println!(
                    "session {}: {}{}",
                    row.id,
                    row.state.as_str(),
                    row.sid
                        .as_deref()
                        .map(|s| format!(", sid {s}"))
                        .unwrap_or_default()
                );
                if let Some(m) = &row.may_be_recording {
                    println!("may be recording: {}", m.reason);
                }
            }
        }
        HistoryCmd::Show { id } => {
            ctx.print(&ctx.engine.session_detail(SessionId(id)).await?);
        }
        HistoryCmd::Export { id, out } => {
            let export = ctx.engine.export_history(id.map(SessionId)).await?;
            let text = serde_json::to_string_pretty(&export).unwrap_or_default();
            match out {
                Some(path) => std::fs::write(&path, text)
                    .map_err(|e| Failure::usage(format!("cannot write {}: {e}", path.display())))?,
                None => println!("{text}"),
            }
        }
    }
    Ok(())
}
