//! Errors of the sandbox itself (starting it, driving it), as opposed to the Agora error answers it
//! serves, which live in [`crate::reply`].

#[derive(Debug, thiserror::Error)]
pub enum SandboxError {
    /// The listening socket could not be opened.
    #[error("could not listen on 127.0.0.1:{port}: {source}. Choose a free port, or 0 to let the system pick one")]
    Bind {
        port: u16,
        #[source]
        source: std::io::Error,
    },
    /// The configuration cannot work (empty credentials, a zero rate limit, ...).
    #[error("invalid sandbox configuration: {0}")]
    Config(String),
    /// A fault injection request that the sandbox cannot carry out.
    #[error("invalid fault: {0}")]
    Fault(String),
    /// The object store could not be prepared (its folder, its buckets).
    #[error("{0}")]
    Storage(String),
}
