//! The listener: HTTP/1.1 on 127.0.0.1, one task per connection, graceful shutdown, and the
//! [`SandboxHandle`] that controls a running sandbox.

use std::net::{Ipv4Addr, SocketAddr};
use std::sync::Arc;
use std::time::Duration;

use hyper::server::conn::http1;
use hyper::service::service_fn;
use hyper_util::rt::TokioIo;
use tokio::net::{TcpListener, TcpStream};
use tokio::sync::watch;
use tokio::task::{JoinHandle, JoinSet};

use crate::config::{SandboxConfig, SandboxCredentials};
use crate::control::{ClockInfo, SandboxInfo};
use crate::error::SandboxError;
use crate::faults::{ActiveFault, FaultSpec};
use crate::log::LoggedRequest;
use crate::pipeline;
use crate::snapshot::{SessionView, StateSnapshot, TaskView};
use crate::storage::{self, Storage, StorageInfo};
use crate::store::Shared;

/// How long shutdown waits for requests in flight before cutting them off.
const DRAIN_TIMEOUT: Duration = Duration::from_secs(5);

/// A client that has not sent its request headers by then is disconnected (slowloris).
pub const HEADER_READ_TIMEOUT: Duration = Duration::from_secs(5);

/// Starts sandboxes.
#[derive(Debug)]
pub struct Sandbox;

impl Sandbox {
    /// Listens on 127.0.0.1 at `config.port` (0: a free port the system picks) and serves both
    /// APIs until the handle is shut down or dropped. Needs a running tokio runtime.
    pub async fn start(config: SandboxConfig) -> Result<SandboxHandle, SandboxError> {
        config.check()?;
        let port = config.port;
        let listener = TcpListener::bind((Ipv4Addr::LOCALHOST, port))
            .await
            .map_err(|source| SandboxError::Bind { port, source })?;
        let addr = listener
            .local_addr()
            .map_err(|source| SandboxError::Bind { port, source })?;
        let base_url = format!("http://{addr}");
        let (storage, storage_listener) = Storage::bind(config.storage.clone()).await?;
        let shared = Arc::new(Shared::new(config, base_url.clone(), storage));
        let (stop_tx, stop_rx) = watch::channel(false);
        {
            let (shared, stop) = (shared.clone(), stop_rx.clone());
            tokio::spawn(
                async move { storage::serve(&shared.storage, storage_listener, stop).await },
            );
        }
        let task = tokio::spawn(accept_loop(listener, shared.clone(), stop_rx));
        tracing::info!(%base_url, "agora sandbox listening");
        Ok(SandboxHandle {
            shared,
            addr,
            stop: stop_tx,
            task: Some(task),
        })
    }
}

async fn accept_loop(listener: TcpListener, shared: Arc<Shared>, mut stop: watch::Receiver<bool>) {
    let mut connections = JoinSet::new();
    loop {
        tokio::select! {
            // A send of `true` or a dropped handle: either way, stop accepting.
            _ = stopped(&mut stop) => break,
            accepted = listener.accept() => match accepted {
                Ok((stream, _)) => {
                    connections.spawn(connection(stream, shared.clone(), stop.clone()));
                }
                Err(e) => {
                    // E.g. out of file descriptors: back off instead of spinning.
                    tracing::warn!(error = %e, "accept failed");
                    tokio::time::sleep(Duration::from_millis(50)).await;
                }
            },
        }
        while connections.try_join_next().is_some() {}
    }
    drop(listener);
    let drained = tokio::time::timeout(DRAIN_TIMEOUT, async {
        while connections.join_next().await.is_some() {}
    })
    .await;
    if drained.is_err() {
        tracing::warn!("requests still in flight at shutdown were cut off");
        connections.abort_all();
    }
    tracing::info!(base_url = %shared.base_url, "agora sandbox stopped");
}

/// Resolves once the handle asks to stop, or is dropped. (The guard `wait_for` returns is not
/// `Send`, so it must not outlive this function.)
async fn stopped(stop: &mut watch::Receiver<bool>) {
    let _ = stop.wait_for(|stopped| *stopped).await;
}

async fn connection(stream: TcpStream, shared: Arc<Shared>, mut stop: watch::Receiver<bool>) {
    // Small JSON answers: do not let Nagle hold them back.
    if let Err(e) = stream.set_nodelay(true) {
        tracing::debug!(error = %e, "could not set TCP_NODELAY");
    }
    let service = service_fn(move |req| {
        let shared = shared.clone();
        async move { pipeline::serve(&shared, req).await }
    });
    let conn = http1::Builder::new()
        .timer(hyper_util::rt::TokioTimer::new())
        .header_read_timeout(HEADER_READ_TIMEOUT)
        .serve_connection(TokioIo::new(stream), service);
    tokio::pin!(conn);
    tokio::select! {
        result = conn.as_mut() => {
            if let Err(e) = result {
                // Includes the connections a fault dropped on purpose.
                tracing::debug!(error = %e, "connection closed with an error");
            }
        }
        _ = stopped(&mut stop) => {
            conn.as_mut().graceful_shutdown();
            if let Err(e) = conn.await {
                tracing::debug!(error = %e, "connection closed with an error during shutdown");
            }
        }
    }
}

/// A running sandbox. Dropping it stops the server (without waiting); [`Self::shutdown`] waits.
#[derive(Debug)]
pub struct SandboxHandle {
    shared: Arc<Shared>,
    addr: SocketAddr,
    stop: watch::Sender<bool>,
    task: Option<JoinHandle<()>>,
}

impl SandboxHandle {
    /// `http://127.0.0.1:<port>`: the endpoint to give a client.
    pub fn base_url(&self) -> &str {
        &self.shared.base_url
    }

    /// What the control API wants in its `X-Sandbox-Token` header.
    pub fn control_token(&self) -> &str {
        &self.shared.control_token
    }

    pub fn addr(&self) -> SocketAddr {
        self.addr
    }

    /// The object store recordings upload into: its URL, buckets and keys.
    pub fn storage(&self) -> &StorageInfo {
        self.shared.storage.info()
    }

    pub fn credentials(&self) -> SandboxCredentials {
        self.shared.config.credentials_view()
    }

    pub fn info(&self) -> SandboxInfo {
        self.shared.info()
    }

    /// Simulated Unix ms.
    pub fn now_ms(&self) -> i64 {
        self.shared.clock.now_ms()
    }

    pub fn clock(&self) -> ClockInfo {
        self.shared.clock_info()
    }

    /// Moves simulated time forward; returns the new time in Unix ms.
    pub fn advance(&self, by: Duration) -> i64 {
        self.shared.clock.advance(by)
    }

    /// Clears every resource, session, token, task, channel change, fault and logged request.
    pub fn reset(&self) {
        self.shared.reset();
    }

    pub fn state(&self) -> StateSnapshot {
        self.shared.snapshot()
    }

    pub fn session(&self, sid: &str) -> Option<SessionView> {
        self.shared.session(sid)
    }

    pub fn task(&self, task_id: &str) -> Option<TaskView> {
        self.shared.task(task_id)
    }

    /// Injects a fault; returns its id.
    pub fn inject(&self, spec: FaultSpec) -> Result<u64, SandboxError> {
        self.shared.inject(spec)
    }

    pub fn faults(&self) -> Vec<ActiveFault> {
        self.shared.faults()
    }

    pub fn remove_fault(&self, id: u64) -> bool {
        self.shared.remove_fault(id)
    }

    pub fn clear_faults(&self) {
        self.shared.clear_faults();
    }

    /// The request log, oldest first, bodies redacted.
    pub fn requests(&self) -> Vec<LoggedRequest> {
        self.shared.requests()
    }

    pub fn clear_requests(&self) {
        self.shared.clear_requests();
    }

    /// How long (real ms) a synchronous stop waits for the simulated upload from now on.
    pub fn set_sync_stop_upload_ms(&self, ms: u64) {
        self.shared
            .sync_stop_upload_ms
            .store(ms, std::sync::atomic::Ordering::Relaxed);
    }

    /// From now on, exactly `uids` publish in `cname`.
    pub fn set_publishers(&self, cname: &str, uids: &[u32]) -> Result<(), SandboxError> {
        self.shared.set_publishers(cname, uids)
    }

    pub fn publishers(&self, cname: &str) -> Vec<u32> {
        self.shared.publishers(cname)
    }

    /// Stops accepting, lets requests in flight finish (up to 5 s), and waits until the port is
    /// closed.
    pub async fn shutdown(mut self) {
        self.stop.send_replace(true);
        if let Some(task) = self.task.take() {
            if let Err(e) = task.await {
                tracing::warn!(error = %e, "the sandbox server task ended abnormally");
            }
        }
    }
}

impl Drop for SandboxHandle {
    fn drop(&mut self) {
        self.stop.send_replace(true);
    }
}
