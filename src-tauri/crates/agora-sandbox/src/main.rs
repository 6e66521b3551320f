//! `agora-sandbox`: runs the emulator until Ctrl-C, for e2e tests, scripts and curl.

use std::io::{IsTerminal as _, Write as _};
use std::process::ExitCode;

use agora_sandbox::{
    ClockMode, Sandbox, SandboxConfig, CONTROL_TOKEN_HEADER, DEFAULT_APP_ID, DEFAULT_CUSTOMER_ID,
    DEFAULT_CUSTOMER_SECRET, DEFAULT_RATE_LIMIT,
};
use clap::Parser;

/// A local emulator of Agora's Cloud Recording and Cloud Transcoding REST APIs, on 127.0.0.1.
///
/// Point a client at the printed base URL with the printed credentials. The control API
/// (faults, clock, channels, state, request log) is under /_sandbox/ on the same port.
#[derive(Debug, Parser)]
#[command(name = "agora-sandbox", version)]
struct Args {
    /// TCP port on 127.0.0.1; 0 lets the system pick a free one (printed at start-up).
    #[arg(long, default_value_t = 0)]
    port: u16,
    /// The App ID the sandbox accepts.
    #[arg(long, default_value = DEFAULT_APP_ID)]
    app_id: String,
    /// The Customer ID for Basic auth.
    #[arg(long, default_value = DEFAULT_CUSTOMER_ID)]
    customer_id: String,
    /// The Customer Secret for Basic auth (the sandbox's own, not a real secret).
    #[arg(long, default_value = DEFAULT_CUSTOMER_SECRET)]
    customer_secret: String,
    /// Serve any number of requests per second (Agora allows 10 per App ID).
    #[arg(long)]
    no_rate_limit: bool,
    /// Concurrent recordings the App ID may run before acquire answers code 406 (Agora's
    /// default quota is 50; Agora raises it for a project on request).
    #[arg(long, default_value_t = agora_sandbox::MAX_CONCURRENT_SESSIONS)]
    max_concurrent: usize,
    /// Stop the clock: simulated time moves only through POST /_sandbox/clock/advance.
    #[arg(long)]
    frozen_clock: bool,
    /// The App Certificate RTC tokens in a start are checked against (32 hex characters);
    /// the sandbox's public one when not given.
    #[arg(long)]
    app_certificate: Option<String>,
    /// The control API's token (X-Sandbox-Token header), at least 16 characters; random for
    /// each run when not given. Printed at start-up.
    #[arg(long, env = "AGORA_SANDBOX_CONTROL_TOKEN", hide_env_values = true)]
    control_token: Option<String>,
}

#[tokio::main]
async fn main() -> ExitCode {
    let _ = tracing_subscriber::fmt()
        .with_env_filter(
            tracing_subscriber::EnvFilter::try_from_default_env()
                .unwrap_or_else(|_| tracing_subscriber::EnvFilter::new("info")),
        )
        .with_writer(std::io::stderr)
        // Colours only for a person at a terminal, not in CI logs or files.
        .with_ansi(std::io::stderr().is_terminal())
        .try_init();
    let args = Args::parse();
    let mut config = SandboxConfig::default();
    if let Some(cert) = args.app_certificate {
        config = config.app_certificate(Some(cert));
    }
    let config = config
        .port(args.port)
        .credentials(args.app_id, args.customer_id, args.customer_secret)
        .rate_limit((!args.no_rate_limit).then_some(DEFAULT_RATE_LIMIT))
        .max_concurrent(args.max_concurrent)
        .control_token(args.control_token)
        .clock(if args.frozen_clock {
            ClockMode::Frozen
        } else {
            ClockMode::Real
        });
    let sandbox = match Sandbox::start(config).await {
        Ok(s) => s,
        Err(e) => {
            eprintln!("agora-sandbox: {e}");
            return ExitCode::FAILURE;
        }
    };
    // Install the Ctrl-C handler before anyone learns the address: `ctrl_c()` registers it on its
    // first poll, and a script that stops us right after reading the banner must not kill us.
    let mut ctrl_c = std::pin::pin!(tokio::signal::ctrl_c());
    tokio::select! {
        biased;
        early = &mut ctrl_c => {
            if let Err(e) = early {
                eprintln!("agora-sandbox: cannot listen for Ctrl-C ({e}); stopping");
            }
            sandbox.shutdown().await;
            return ExitCode::SUCCESS;
        }
        () = std::future::ready(()) => {}
    }
    let creds = sandbox.credentials();
    let base = sandbox.base_url().to_owned();
    // The first line is what scripts read; keep its shape.
    let banner = format!(
        "agora-sandbox listening on {base}\n\
         App ID:          {}\n\
         Customer ID:     {}\n\
         Customer Secret: {}\n\
         Control API:     {base}/_sandbox/info\n\
         Control token:   {} (send it as {CONTROL_TOKEN_HEADER})\n\
         Press Ctrl-C to stop.\n",
        creds.app_id,
        creds.customer_id,
        creds.customer_secret,
        sandbox.control_token()
    );
    let mut out = std::io::stdout().lock();
    if out
        .write_all(banner.as_bytes())
        .and_then(|()| out.flush())
        .is_err()
    {
        // Nobody reads stdout (closed pipe): keep serving, the logs still go to stderr.
        tracing::warn!("could not print the start-up banner");
    }
    drop(out);
    if let Err(e) = ctrl_c.await {
        eprintln!("agora-sandbox: cannot listen for Ctrl-C ({e}); stopping");
    }
    sandbox.shutdown().await;
    ExitCode::SUCCESS
}
