//! Appends exchanges to a session's log from a dedicated thread: the client's observer is called
//! on the async runtime, where a SQLite write must not block.

use std::sync::mpsc;
use std::sync::Arc;

use agora_rest::{Exchange, ExchangeObserver};

use crate::store::{SessionId, Store};

/// One writer thread per engine; each session gets a cheap [`SessionLog`] feeding it.
pub(crate) struct LogWriter {
    tx: mpsc::Sender<(SessionId, Exchange)>,
}

impl LogWriter {
    pub(crate) fn start(store: Arc<Store>) -> Self {
        let (tx, rx) = mpsc::channel::<(SessionId, Exchange)>();
        let spawned = std::thread::Builder::new()
            .name("mixdeck-session-log".into())
            .spawn(move || {
                for (session, exchange) in rx {
                    if let Err(e) = store.append_exchange(session, &exchange) {
                        tracing::warn!(%session, error = %e, "could not record an exchange");
                    }
                }
            });
        if let Err(e) = spawned {
            tracing::error!(error = %e, "session log thread did not start: exchanges will not be recorded");
        }
        Self { tx }
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
    tx: mpsc::Sender<(SessionId, Exchange)>,
}

impl ExchangeObserver for SessionLog {
    fn exchange(&self, exchange: &Exchange) {
        // The writer only stops with the engine; a send error then is moot.
        let _ = self.tx.send((self.session, exchange.clone()));
    }
}
