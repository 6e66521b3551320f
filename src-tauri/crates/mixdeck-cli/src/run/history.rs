//! `history …`: the sessions the app and the CLI have run, their logs, checks, reruns, exports.

use mixdeck_core::engine::{ExportScope, RerunOutcome, SessionDetail};
use mixdeck_core::store::{Retention, SessionFilter, SessionId, SessionKind, SessionState};

use super::Ctx;
use crate::args::*;
use crate::fail::Failure;

use agora_rest::utc::{civil_from_days, days_from_civil, DAY_MS};

/// Midnight UTC of `YYYY-MM-DD`, in ms.
fn day_ms(flag: &str, text: &str) -> Result<i64, Failure> {
    let bad = || Failure::usage(format!("--{flag} {text:?}: use a day as YYYY-MM-DD"));
    let parts: Vec<&str> = text.trim().split('-').collect();
    let [y, m, d] = parts.as_slice() else {
        return Err(bad());
    };
    let (y, m, d): (i64, i64, i64) = (
        y.parse().map_err(|_| bad())?,
        m.parse().map_err(|_| bad())?,
        d.parse().map_err(|_| bad())?,
    );
    if !(1..=12).contains(&m)
        || !(1..=31).contains(&d)
        || civil_from_days(days_from_civil(y, m, d)) != (y, m, d)
    {
        return Err(bad());
    }
    Ok(days_from_civil(y, m, d) * DAY_MS)
}

/// `2026-12-03 10:04:05 UTC`.
fn utc(ms: i64) -> String {
    let (days, rest) = (ms.div_euclid(DAY_MS), ms.rem_euclid(DAY_MS) / 1000);
    let (y, m, d) = civil_from_days(days);
    format!(
        "{y:04}-{m:02}-{d:02} {:02}:{:02}:{:02} UTC",
        rest / 3600,
        rest / 60 % 60,
        rest % 60
    )
}

fn duration(ms: i64) -> String {
    let s = ms / 1000;
    match s {
        s if s < 60 => format!("{s} s"),
        s if s < 3600 => format!("{} min {} s", s / 60, s % 60),
        s => format!("{} h {} min", s / 3600, s / 60 % 60),
    }
}

async fn filter(ctx: &Ctx, a: HistoryFilterArgs) -> Result<SessionFilter, Failure> {
    let kind = match a.kind.as_deref() {
        None => None,
        Some("recording") => Some(SessionKind::Recording),
        Some("transcoding") => Some(SessionKind::Transcoding),
        Some(k) => {
            return Err(Failure::usage(format!(
                "--kind {k:?}: use recording or transcoding"
            )))
        }
    };
    let (state, open) = match a.state.as_deref() {
        None => (None, None),
        Some("open") => (None, Some(true)),
        Some(s) => (
            Some(
                SessionState::ALL
                    .into_iter()
                    .find(|st| st.as_str() == s)
                    .ok_or_else(|| {
                        let names: Vec<&str> =
                            SessionState::ALL.iter().map(|s| s.as_str()).collect();
                        Failure::usage(format!(
                            "--state {s:?}: use open or one of {}",
                            names.join(", ")
                        ))
                    })?,
            ),
            None,
        ),
    };
    let profile_id = match &a.of_profile {
        Some(name) => Some(ctx.engine.profile_named(name).await?.id),
        None => None,
    };
    let from = a.from.as_deref().map(|d| day_ms("from", d)).transpose()?;
    let to =
        a.to.as_deref()
            .map(|d| day_ms("to", d).map(|ms| ms + DAY_MS))
            .transpose()?;
    if let (Some(f), Some(t)) = (from, to) {
        if t <= f {
            return Err(Failure::usage(
                "--to must be the same day as --from or later",
            ));
        }
    }
    Ok(SessionFilter {
        profile_id,
        kind,
        mode: a.mode.map(Into::into),
        state,
        open,
        cname: a.cname,
        from,
        to,
        text: a.text,
        ..Default::default()
    })
}

fn print_detail(d: &SessionDetail) {
    let s = &d.session;
    println!(
        "session {} · {}{} · {} {} · profile {} · {}",
        s.id,
        s.kind.as_str(),
        s.mode
            .map(|m| format!(" {}", m.as_str()))
            .unwrap_or_default(),
        if s.kind == SessionKind::Transcoding {
            "instance"
        } else {
            "channel"
        },
        s.cname,
        s.profile_name,
        s.state.as_str()
    );
    for (name, value) in [
        ("uid", &s.uid),
        ("resourceId", &s.resource_id),
        ("sid", &s.sid),
        ("taskId", &s.task_id),
        ("host", &d.host),
    ] {
        if let Some(v) = value {
            println!("  {name:<11} {v}");
        }
    }
    println!("  {:<11} {}", "created", utc(s.created_at));
    if let Some(t) = s.started_at {
        println!("  {:<11} {}", "started", utc(t));
    }
    if let Some(t) = s.ended_at {
        let from = s.started_at.unwrap_or(s.created_at);
        println!("  {:<11} {} (ran {})", "ended", utc(t), duration(t - from));
    }
    if let Some(st) = &s.agora_status {
        println!("  {:<11} {}", "status", st.label);
    }
    if let Some(u) = &d.uploading_status {
        println!("  {:<11} {}: {}", "uploading", u.value, u.meaning);
    }
    if let Some(m) = &s.may_be_recording {
        println!("  MAY BE RECORDING: {}", m.reason);
    }
    if let Some(e) = &s.error {
        println!("  {:<11} {}", "error", e.report.message);
    }
    if !s.file_notes.is_empty() {
        println!("files:");
        for f in &s.file_notes {
            println!("  {}  ({})", f.name, f.meaning);
        }
    }
    if !d.layouts.is_empty() {
        println!("layouts:");
        for l in &d.layouts {
            println!(
                "  {}  {:<17} {}, {} × {}, {}{}",
                utc(l.at),
                l.op,
                l.arrangement,
                l.canvas.width,
                l.canvas.height,
                l.background,
                if l.accepted { "" } else { "  (not applied)" }
            );
        }
    }
    println!("timeline:");
    if d.earlier > 0 {
        println!(
            "  ({} earlier requests not shown: `history export --session {}` has them all)",
            d.earlier, d.session.id
        );
    }
    for t in &d.timeline {
        let e = &t.event;
        let status = e
            .status
            .map_or_else(|| "no answer".to_owned(), |s| s.to_string());
        let repeats = if e.repeats > 1 {
            format!(
                "  ×{} until {}",
                e.repeats,
                e.last_at.map(utc).unwrap_or_default()
            )
        } else {
            String::new()
        };
        println!(
            "  {}  {:<18} {} {}  {}{}{}{}",
            utc(e.at),
            e.op,
            e.method.as_deref().unwrap_or(""),
            t.path.as_deref().unwrap_or(""),
            status,
            e.elapsed_ms
                .map(|ms| format!("  {ms} ms"))
                .unwrap_or_default(),
            e.request_id
                .as_deref()
                .map(|r| format!("  request {r}"))
                .unwrap_or_default(),
            repeats
        );
        if let Some(code) = t.agora_code {
            println!("      code {code}");
        }
        if let Some(x) = &t.explanation {
            println!("      {} {}", x.cause, x.fix);
        }
        if let Some(err) = &e.error {
            println!("      {err}");
        }
        for c in &t.changes {
            println!(
                "      {}: {} → {}",
                c.path,
                c.before.as_deref().unwrap_or("(none)"),
                c.after.as_deref().unwrap_or("(none)")
            );
        }
    }
}

pub(super) async fn history(ctx: &Ctx, cmd: HistoryCmd) -> Result<(), Failure> {
    match cmd {
        HistoryCmd::List {
            filter: args,
            limit,
            offset,
        } => {
            let filter = SessionFilter {
                limit: Some(limit),
                offset: Some(offset),
                ..filter(ctx, args).await?
            };
            let store = ctx.engine.store();
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
            let detail = ctx.engine.session_detail(SessionId(id)).await?;
            if ctx.json {
                ctx.print(&detail);
            } else {
                print_detail(&detail);
            }
        }
        HistoryCmd::Rerun { id } => {
            let profile = match &ctx.profile_name {
                Some(_) => Some(ctx.profile().await?),
                None => None,
            };
            match ctx
                .engine
                .rerun(SessionId(id), profile, ctx.dry_run)
                .await?
            {
                RerunOutcome::Preview { requests } => {
                    for r in requests {
                        println!("{}", serde_json::to_string(&r).unwrap_or_default());
                    }
                }
                RerunOutcome::Started { session } => {
                    if ctx.json {
                        ctx.print(&session);
                    } else {
                        println!(
                            "session {} (again from {id}): {}{}",
                            session.id,
                            session.state.as_str(),
                            session
                                .sid
                                .as_deref()
                                .or(session.task_id.as_deref())
                                .map(|s| format!(", {s}"))
                                .unwrap_or_default()
                        );
                    }
                }
            }
        }
        HistoryCmd::Export {
            id,
            filter: args,
            out,
        } => {
            let scope = match id {
                Some(id) => ExportScope::Session { id: SessionId(id) },
                None => ExportScope::Filter {
                    filter: filter(ctx, args).await?,
                },
            };
            let export = ctx.engine.export_history(scope).await?;
            let text = serde_json::to_string_pretty(&export).unwrap_or_default();
            match out {
                Some(path) => std::fs::write(&path, text)
                    .map_err(|e| Failure::usage(format!("cannot write {}: {e}", path.display())))?,
                None => println!("{text}"),
            }
        }
        HistoryCmd::Delete { id } => {
            ctx.engine.delete_session(SessionId(id)).await?;
            println!("session {id} deleted from history (nothing at Agora was touched)");
        }
        HistoryCmd::Retention {
            keep_days,
            keep_all,
        } => {
            let retention = if keep_all || keep_days.is_some() {
                let r = Retention { keep_days };
                let deleted = ctx.engine.set_retention(r).await?;
                println!("{}; {deleted} session(s) deleted", r.label());
                r
            } else {
                ctx.engine.retention().await?
            };
            if ctx.json {
                ctx.print(&retention);
            } else if !keep_all && keep_days.is_none() {
                println!("{}", retention.label());
            }
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn days_read_and_print_in_utc() {
        assert_eq!(day_ms("from", "1970-01-02").unwrap(), DAY_MS);
        assert_eq!(
            utc(day_ms("from", "2026-12-03").unwrap() + 3_723_000),
            "2026-12-03 01:02:03 UTC"
        );
        assert_eq!(
            utc(day_ms("from", "2024-02-29").unwrap()),
            "2024-02-29 00:00:00 UTC"
        );
        for bad in ["2026-02-30", "2026-13-01", "03/12/2026", "2026-12"] {
            assert!(day_ms("from", bad).is_err(), "{bad}");
        }
    }
}
