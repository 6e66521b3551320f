//! Secrets handed to the CLI: from an environment variable, typed at a terminal with echo off,
//! or one line of piped standard input. Never from an argument (`ps` shows arguments to anyone
//! on the machine), except where an older flag still takes one.

use std::io::{BufRead, IsTerminal};

use agora_rest::Sensitive;

use crate::fail::Failure;

/// `var` when it is set and not blank; else one line of standard input. At a terminal the user
/// is prompted on the terminal and nothing they type is echoed.
pub fn from_env_or_stdin(var: &str, what: &str) -> Result<Sensitive<String>, Failure> {
    if let Ok(v) = std::env::var(var) {
        if !v.trim().is_empty() {
            return Ok(Sensitive::new(v.trim().to_owned()));
        }
    }
    from_stdin(what)
}

/// One line of standard input: a prompt and no echo at a terminal, a plain read from a pipe.
pub fn from_stdin(what: &str) -> Result<Sensitive<String>, Failure> {
    let fail = |e: std::io::Error| Failure::usage(format!("cannot read the {what}: {e}"));
    let line = if std::io::stdin().is_terminal() {
        rpassword::prompt_password(format!("{what} (not shown): ")).map_err(fail)?
    } else {
        let mut s = String::new();
        std::io::stdin().lock().read_line(&mut s).map_err(fail)?;
        s
    };
    let line = line.trim();
    if line.is_empty() {
        return Err(Failure::usage(format!("the {what} is empty")));
    }
    Ok(Sensitive::new(line.to_owned()))
}
