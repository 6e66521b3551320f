//! `mixdeck-cli`: Mixdeck's operations from a shell, over the same engine as the app.

use clap::Parser;

/// Mixdeck from the command line. Operations arrive with the engine; for now it reports its version.
#[derive(Debug, Parser)]
#[command(name = "mixdeck-cli", version, about)]
struct Cli {}

fn main() {
    let _cli = Cli::parse();
}
