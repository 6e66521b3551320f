//! Calls that change what Agora runs and bills (start, create, update, stop, delete) while they
//! are on their way: quitting waits for them, so a start whose answer is coming is recorded
//! as started (and stays stoppable) instead of being cut off half-way.

use std::time::Duration;

use tokio::sync::watch;

use super::Engine;

/// Held for the length of one such call.
pub(crate) struct Busy(watch::Sender<usize>);

impl Drop for Busy {
    fn drop(&mut self) {
        self.0.send_modify(|n| *n = n.saturating_sub(1));
    }
}

impl Engine {
    /// Marks a billing call in flight until the returned value is dropped.
    pub(crate) fn busy(&self) -> Busy {
        self.inner.in_flight.send_modify(|n| *n += 1);
        Busy(self.inner.in_flight.clone())
    }

    /// How many billing calls are on their way now.
    pub fn calls_in_flight(&self) -> usize {
        *self.inner.in_flight.borrow()
    }

    /// Waits until no billing call is in flight, at most `limit`; true when none is left.
    pub async fn settle(&self, limit: Duration) -> bool {
        let mut rx = self.inner.in_flight.subscribe();
        tokio::time::timeout(limit, rx.wait_for(|n| *n == 0))
            .await
            .is_ok_and(|r| r.is_ok())
    }
}
