//! `mixdeck-cli`: Mixdeck's operations from a shell, over the same engine as the app.

mod args;
mod body;
mod fail;
mod run;
mod secret_input;

use clap::Parser;

fn main() {
    let cli = args::Cli::parse();
    // Logs go to stderr only when asked (MIXDECK_LOG=debug); stdout is for results.
    let _ = tracing_subscriber::fmt()
        .with_writer(std::io::stderr)
        .with_env_filter(
            tracing_subscriber::EnvFilter::try_from_env("MIXDECK_LOG")
                .unwrap_or_else(|_| tracing_subscriber::EnvFilter::new("warn")),
        )
        .try_init();
    let runtime = match tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
    {
        Ok(rt) => rt,
        Err(e) => {
            eprintln!("error: cannot start the async runtime: {e}");
            std::process::exit(1);
        }
    };
    let json = cli.json;
    let code = match runtime.block_on(run::run(cli)) {
        Ok(()) => 0,
        Err(failure) => {
            failure.report(json);
            failure.exit_code()
        }
    };
    std::process::exit(code);
}
