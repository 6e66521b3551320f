//! `profile …`: the app's profiles and their keychain secrets.

use mixdeck_core::engine::SecretInput;
use mixdeck_core::store::ProfileInput;
use mixdeck_core::vault::SecretKind;

use super::Ctx;
use crate::args::*;
use crate::fail::Failure;

pub(super) async fn profile(ctx: &Ctx, cmd: ProfileCmd) -> Result<(), Failure> {
    match cmd {
        ProfileCmd::List => {
            let views = ctx.engine.profiles().await?;
            if ctx.json {
                ctx.print(&views);
            } else {
                for v in views {
                    let p = &v.profile;
                    let secret = v
                        .secrets
                        .iter()
                        .find(|s| s.kind == SecretKind::CustomerSecret)
                        .map(|s| if s.set { "secret set" } else { "no secret" })
                        .unwrap_or("");
                    println!(
                        "{:<24} {:<8} app {}  {:?}  {secret}",
                        p.name,
                        format!("{:?}", p.kind).to_lowercase(),
                        p.app_id,
                        p.area
                    );
                }
            }
        }
        ProfileCmd::Add {
            name,
            app_id,
            customer_id,
            area,
            endpoint,
        } => {
            let area = area.parse().map_err(Failure::usage)?;
            let secret = crate::secret_input::from_env_or_stdin(
                "MIXDECK_CUSTOMER_SECRET",
                "Customer Secret",
            )?;
            let view = ctx
                .engine
                .create_profile(
                    ProfileInput {
                        name,
                        app_id,
                        customer_id,
                        area,
                        endpoint,
                        default_storage: None,
                    },
                    vec![SecretInput {
                        kind: SecretKind::CustomerSecret,
                        value: secret,
                    }],
                )
                .await?;
            ctx.print(&view);
        }
        ProfileCmd::Remove { name } => {
            let p = ctx.engine.profile_named(&name).await?;
            ctx.engine.delete_profile(p.id).await?;
            if !ctx.json {
                println!("removed profile {name:?} and its keychain entries");
            }
        }
        ProfileCmd::Test { name } => {
            let id = match name {
                Some(n) => ctx.engine.profile_named(&n).await?.id,
                None => ctx.profile().await?,
            };
            let result = ctx.engine.test_connection(id).await?;
            if ctx.json {
                ctx.print(&result);
            } else {
                println!("{} ({} ms)", result.message, result.elapsed_ms);
            }
            if !result.ok {
                return Err(Failure::Core(mixdeck_core::CoreError::Internal(
                    result
                        .code
                        .unwrap_or_else(|| "connection test failed".into()),
                )));
            }
        }
    }
    Ok(())
}
