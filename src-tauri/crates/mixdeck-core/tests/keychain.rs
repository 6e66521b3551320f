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

/// Profiles with their secrets through the real keychain: stored, shown only as status and
/// last-4, and deleted with the profile.
#[tokio::test]
#[ignore = "needs a real keychain: run through scripts/with-keychain (npm test does)"]
async fn profile_secrets_live_in_the_real_keychain() {
    use std::sync::Arc;

    use agora_rest::{Area, Sensitive};
    use mixdeck_core::engine::{Database, SecretInput};
    use mixdeck_core::store::ProfileInput;
    use mixdeck_core::vault::SecretKind;
    use mixdeck_core::{Engine, EngineConfig};

    let mut config = EngineConfig::new(Database::InMemory, Arc::new(KeyringStore));
    config.namespace = format!("io.mixdeck.test.{}", std::process::id());
    config.sandbox_profile = false;
    let namespace = config.namespace.clone();
    let engine = Engine::open(config).await.expect("engine");
    let secret = "real-keychain-secret-0042";
    let view = engine
        .create_profile(
            ProfileInput {
                name: "Keychain test".into(),
                app_id: "0123456789abcdef0123456789abcdef".into(),
                customer_id: "cust".into(),
                area: Area::Us,
                endpoint: None,
                default_storage: None,
            },
            vec![SecretInput {
                kind: SecretKind::CustomerSecret,
                value: Sensitive::from(secret),
            }],
        )
        .await
        .expect("create");
    let id = view.profile.id;
    let status = &view.secrets[0];
    assert_eq!((status.set, status.last4.as_deref()), (true, Some("0042")));
    let key = SecretKey::for_profile(
        &namespace,
        &view.profile.vault_id,
        SecretKind::CustomerSecret,
    );
    assert_eq!(
        KeyringStore.get(&key).expect("read").as_deref(),
        Some(secret),
        "it is in the OS keychain"
    );
    engine.delete_profile(id).await.expect("delete");
    assert_eq!(
        KeyringStore.get(&key).expect("read"),
        None,
        "deleting the profile deleted its entry"
    );
}
