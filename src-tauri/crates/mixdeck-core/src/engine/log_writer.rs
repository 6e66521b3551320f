//! Appends exchanges to a session's log from a dedicated thread: the client's observer is called
//! on the async runtime, where a SQLite write must not block.

use std::sync::mpsc;
use std::sync::Arc;

use agora_rest::{Exchange, ExchangeObserver};

use crate::store::{SessionId, Store};

enum Msg {
    Exchange(SessionId, Exchange),
    /// Answered once everything sent before it is written.
    Flush(mpsc::Sender<()>),
}

/// One writer thread per engine; each session gets a cheap [`SessionLog`] feeding it.
pub(crate) struct LogWriter {
    tx: mpsc::Sender<Msg>,
}

impl LogWriter {
    pub(crate) fn start(store: Arc<Store>) -> Self {
        let (tx, rx) = mpsc::channel::<Msg>();
        let spawned = std::thread::Builder::new()
            .name("mixdeck-session-log".into())
            .spawn(move || {
                for msg in rx {
                    match msg {
                        Msg::Exchange(session, exchange) => {
                            if let Err(e) = store.append_exchange(session, &exchange) {
                                tracing::warn!(%session, error = %e, "could not record an exchange");
                            }
                        }
                        Msg::Flush(done) => {
                            let _ = done.send(());
                        }
                    }
                }
            });
        if let Err(e) = spawned {
            tracing::error!(error = %e, "session log thread did not start: exchanges will not be recorded");
        }
        Self { tx }
    }

    /// Resolves once every exchange sent so far is in the database.
    pub(crate) async fn flush(&self) {
        let (done_tx, done_rx) = mpsc::channel();
        if self.tx.send(Msg::Flush(done_tx)).is_ok() {
            // The writer answers right after the writes before it; waiting is a blocking recv.
            let _ = tokio::task::spawn_blocking(move || done_rx.recv()).await;
        }
    }

    pub(crate) fn for_session(&self, session: SessionId) -> Arc<dyn ExchangeObserver> {
        Arc::new(SessionLog {
            session,
            tx: self.tx.clone(),
        })
    }
}

struct SessionLog {
    session: SessionId,
    tx: mpsc::Sender<Msg>,
}

impl ExchangeObserver for SessionLog {
    fn exchange(&self, exchange: &Exchange) {
        // The writer only stops with the engine; a send error then is moot.
        let _ = self.tx.send(Msg::Exchange(self.session, exchange.clone()));
    }
}
