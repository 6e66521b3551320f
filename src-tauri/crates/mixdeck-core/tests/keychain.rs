//! Round trips through the real OS keychain (the Secret Service on Linux).
//!
//! Ignored by default: a plain `cargo test` may run where no keychain is reachable. `npm test` runs
//! the workspace's tests inside `scripts/with-keychain` (a private D-Bus with an unlocked
//! gnome-keyring) and with `--include-ignored`, so these run in CI.

use mixdeck_core::vault::{KeyringStore, SecretKey, SecretStore};

#[test]
#[ignore = "needs a real keychain: run through scripts/with-keychain (npm test does)"]
fn real_keychain_writes_reads_and_deletes_an_entry() {
    let store = KeyringStore;
    let key = SecretKey {
        service: "io.mixdeck.test".into(),
        account: format!("roundtrip/{}", std::process::id()),
    };
    assert_eq!(store.get(&key).expect("read before write"), None);
    store
        .set(&key, "correct horse battery staple")
        .expect("write");
    assert_eq!(
        store.get(&key).expect("read").as_deref(),
        Some("correct horse battery staple")
    );
    store.set(&key, "replaced").expect("overwrite");
    assert_eq!(store.get(&key).expect("read").as_deref(), Some("replaced"));
    store.delete(&key).expect("delete");
    assert_eq!(store.get(&key).expect("read after delete"), None);
}
