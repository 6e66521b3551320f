//! A full scripted session, with every log line captured: no secret may appear. In its own test
//! binary because tracing caches per-callsite interest across threads, so a scoped subscriber
//! misses events that parallel tests hit first.

mod common;

use std::sync::Arc;

use agora_rest::Sensitive;
use common::*;
use mixdeck_core::vault::SecretKind;

/// Captures everything the engine and the client log, at the most verbose level.
#[derive(Clone, Default)]
struct LogCapture(Arc<std::sync::Mutex<Vec<u8>>>);

impl std::io::Write for LogCapture {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        self.0.lock().unwrap().extend_from_slice(buf);
        Ok(buf.len())
    }
    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

#[tokio::test(flavor = "current_thread")]
async fn a_scripted_session_logs_and_notifies_no_secret() {
    let logs = LogCapture::default();
    let writer = logs.clone();
    let subscriber = tracing_subscriber::fmt()
        .with_max_level(tracing::Level::TRACE)
        .with_ansi(false)
        .with_writer(move || writer.clone())
        .finish();
    let _guard = tracing::subscriber::set_default(subscriber);
    let w = world().await;
    // The OS notifications the app would show, from the same events it gets.
    let mut events = w.engine.subscribe();
    let cert = "fedcba9876543210fedcba9876543210";
    w.engine
        .set_secret(w.profile, SecretKind::AppCertificate, Sensitive::from(cert))
        .await
        .unwrap();
    let mut req = begin(&w, "room-8");
    req.generate_token = true;
    let row = w.engine.begin_recording(req).await.unwrap();
    w.engine.query_recording(row.id).await.unwrap();
    w.engine.stop_recording(row.id, false).await.unwrap();
    w.engine.test_connection(w.profile).await.unwrap();
    // A start Agora refuses: its notice says why.
    w.sandbox
        .inject(
            agora_sandbox::FaultSpec::new(
                agora_sandbox::RouteName::Start,
                agora_sandbox::FaultKind::AgoraError {
                    status: 400,
                    code: 2,
                },
            )
            .times(1),
        )
        .unwrap();
    assert!(w.engine.begin_recording(begin(&w, "room-9")).await.is_err());
    let mut notifier = mixdeck_core::engine::Notifier::default();
    let mut notices = Vec::new();
    while let Ok(event) = events.try_recv() {
        if let Some(n) = notifier.observe(&event) {
            notices.push(format!("{} {}", n.title, n.body));
        }
    }
    assert!(
        notices.len() >= 2,
        "a stop and a failure were noticed: {notices:?}"
    );
    for secret in [CUSTOMER_SECRET, ACCESS_KEY, STORAGE_SECRET, cert] {
        assert!(
            notices.iter().all(|n| !n.contains(secret)),
            "{secret} in a notification: {notices:?}"
        );
    }
    let text = String::from_utf8(logs.0.lock().unwrap().clone()).unwrap();
    assert!(
        text.contains("acquire") && text.contains("<redacted>"),
        "the log was captured"
    );
    for secret in [CUSTOMER_SECRET, ACCESS_KEY, STORAGE_SECRET, cert] {
        assert!(!text.contains(secret), "{secret} in the log");
    }
    assert!(!text.contains("\"007"), "no RTC token in the log");
}
