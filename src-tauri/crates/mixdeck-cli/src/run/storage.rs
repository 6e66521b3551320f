//! `storage …`: the pre-flight check, a session's files, presigned links and downloads.

use mixdeck_core::storage::StepOutcome;
use mixdeck_core::store::SessionId;

use super::Ctx;
use crate::args::*;
use crate::body;
use crate::fail::Failure;

pub(super) async fn storage(ctx: &Ctx, cmd: StorageCmd) -> Result<(), Failure> {
    match cmd {
        StorageCmd::Check { body } => {
            let profile = ctx.profile().await?;
            let config = match body {
                Some(path) => body::read(&path)?,
                None => ctx
                    .engine
                    .profile(profile)
                    .await?
                    .profile
                    .default_storage
                    .ok_or_else(|| {
                        Failure::usage("the profile has no default storage: pass --body FILE")
                    })?
                    .to_config(),
            };
            let check = ctx.engine.check_storage(profile, config).await?;
            if ctx.json {
                ctx.print(&check);
            } else if let Some(why) = &check.unsupported {
                println!("not checked: {why}");
            } else {
                for s in &check.steps {
                    let mark = match s.outcome {
                        StepOutcome::Passed => "ok  ",
                        StepOutcome::Failed => "FAIL",
                        StepOutcome::Warning => "warn",
                        StepOutcome::Skipped => "-   ",
                    };
                    let field = s
                        .field
                        .as_deref()
                        .map(|f| format!(" (fix {f})"))
                        .unwrap_or_default();
                    println!("{mark} {:<9} {}{field}", s.label, s.message);
                }
                println!(
                    "{} in {} ms",
                    check.host.as_deref().unwrap_or(""),
                    check.elapsed_ms
                );
            }
            if check.ok {
                Ok(())
            } else {
                Err(Failure::Core(mixdeck_core::CoreError::Storage(
                    "Agora's upload would fail with this storage (see the failed step)".into(),
                )))
            }
        }
        StorageCmd::Files { session } => {
            let files = ctx.engine.session_files(SessionId(session)).await?;
            if ctx.json {
                ctx.print(&files);
                return Ok(());
            }
            if let Some(s) = &files.storage {
                println!("{s}");
            }
            if let Some(p) = &files.listing_problem {
                println!("note: {p}");
            }
            for f in &files.files {
                let size = f.size.map(|s| s.to_string()).unwrap_or_else(|| "-".into());
                let whence = match (f.in_file_list, f.in_bucket) {
                    (true, true) => "listed+bucket",
                    (true, false) => "listed only",
                    _ => "bucket",
                };
                println!(
                    "{:<9} {size:>9}  {whence:<13}  {}",
                    format!("{:?}", f.naming.kind).to_lowercase(),
                    f.key
                );
            }
            for e in &files.track_events {
                println!(
                    "track {} {} at {} ms into {} (unix ms {})",
                    e.event.track_type, e.event.event, e.event.at_ms, e.playlist, e.event.time_ms
                );
            }
            Ok(())
        }
        StorageCmd::Link {
            session,
            key,
            expires,
        } => {
            let link = ctx
                .engine
                .presign_file(SessionId(session), &key, expires)
                .await?;
            // Printed because it was asked for; it is never logged.
            if ctx.json {
                ctx.print(
                    &serde_json::json!({"url": link.url.expose(), "expiresAt": link.expires_at}),
                );
            } else {
                println!("{}", link.url.expose());
            }
            Ok(())
        }
        StorageCmd::Download { session, key, to } => {
            let path = ctx
                .engine
                .download_file(SessionId(session), &key, &to)
                .await?;
            println!("{}", path.display());
            Ok(())
        }
    }
}
