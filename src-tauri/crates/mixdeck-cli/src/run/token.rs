//! `token rtc`: an RTC token built from the profile's App Certificate.

use super::Ctx;
use crate::args::*;
use crate::fail::Failure;

pub(super) async fn token(ctx: &Ctx, cmd: TokenCmd) -> Result<(), Failure> {
    let TokenCmd::Rtc {
        channel,
        uid,
        expire,
    } = cmd;
    let token = ctx
        .engine
        .rtc_token(ctx.profile().await?, &channel, uid, expire)
        .await?;
    // Printed because it was asked for; it is never logged.
    if ctx.json {
        ctx.print(&serde_json::json!({"token": token.expose(), "channel": channel, "uid": uid, "expireSecs": expire}));
    } else {
        println!("{}", token.expose());
    }
    Ok(())
}
