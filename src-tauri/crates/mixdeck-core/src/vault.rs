//! Secrets in the operating system's keychain.
//!
//! Secrets (customer secret, app certificate, storage keys) never touch Mixdeck's database or files:
//! they live in the OS keychain (macOS Keychain, Windows Credential Manager, the Secret Service on
//! Linux) behind [`SecretStore`], so tests can use [`MemoryStore`] and the app uses [`KeyringStore`].
//! Keychain calls block: callers on an async runtime run them on a blocking thread.

use std::collections::HashMap;
use std::sync::Mutex;

/// Where a secret lives: one keychain entry per (service, account).
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct SecretKey {
    /// Keychain "service": the app's namespace, e.g. `io.mixdeck.desktop` (dev builds add `.dev`).
    pub service: String,
    /// Keychain "account": which profile's which secret, e.g. `profile/3/customer-secret`.
    pub account: String,
}

/// The kinds of secret a profile has: one keychain entry each.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, serde::Serialize, serde::Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "camelCase")]
pub enum SecretKind {
    CustomerSecret,
    AppCertificate,
    StorageAccessKey,
    StorageSecretKey,
}

impl SecretKind {
    pub const ALL: [SecretKind; 4] = [
        SecretKind::CustomerSecret,
        SecretKind::AppCertificate,
        SecretKind::StorageAccessKey,
        SecretKind::StorageSecretKey,
    ];

    pub fn slug(self) -> &'static str {
        match self {
            SecretKind::CustomerSecret => "customer-secret",
            SecretKind::AppCertificate => "app-certificate",
            SecretKind::StorageAccessKey => "storage-access-key",
            SecretKind::StorageSecretKey => "storage-secret-key",
        }
    }
}

/// The keychain "service" Mixdeck's entries live under. Debug builds use their own, so a
/// development build never reads or overwrites a release build's secrets.
pub fn default_namespace() -> &'static str {
    if cfg!(debug_assertions) {
        "io.mixdeck.desktop.dev"
    } else {
        "io.mixdeck.desktop"
    }
}

impl SecretKey {
    /// The entry for one secret of one profile, keyed by the profile's random vault id (never
    /// by its row id, which a recreated database reuses).
    pub fn for_profile(namespace: &str, vault_id: &str, kind: SecretKind) -> Self {
        Self {
            service: namespace.to_owned(),
            account: format!("profile/{vault_id}/{}", kind.slug()),
        }
    }

    /// A transcoding task's builder token, under its session's random vault id.
    pub fn builder_token(namespace: &str, session_vault_id: &str) -> Self {
        Self {
            service: namespace.to_owned(),
            account: format!("session/{session_vault_id}/builder-token"),
        }
    }

    /// Where versions before vault ids kept a profile's secret: read once, to move it.
    pub fn legacy_for_profile(namespace: &str, profile: i64, kind: SecretKind) -> Self {
        Self {
            service: namespace.to_owned(),
            account: format!("profile/{profile}/{}", kind.slug()),
        }
    }
}

/// What the UI may know about a secret: whether it is set, and its last four characters.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "camelCase")]
pub struct SecretStatus {
    pub kind: SecretKind,
    pub set: bool,
    /// Only for secrets of 12 characters or more, so a hint never gives a short one away.
    pub last4: Option<String>,
}

impl SecretStatus {
    pub fn of(kind: SecretKind, secret: Option<&str>) -> Self {
        Self {
            kind,
            set: secret.is_some(),
            last4: secret.and_then(last4),
        }
    }
}

/// A secret's last four characters, only for secrets of 12 or more (a hint never gives a short
/// one away).
pub fn last4(secret: &str) -> Option<String> {
    let n = secret.chars().count();
    (n >= 12).then(|| secret.chars().skip(n - 4).collect())
}

#[derive(Debug, thiserror::Error)]
pub enum VaultError {
    /// No keychain to talk to (no Secret Service running, locked with no way to prompt, ...).
    #[error("the OS keychain is unavailable ({detail}). {hint}")]
    Unavailable { detail: String, hint: &'static str },
    /// The keychain answered but refused or failed the operation.
    #[error("the OS keychain failed to {action} the entry '{account}': {detail}")]
    Failed {
        action: &'static str,
        account: String,
        detail: String,
    },
}

/// What to do when the keychain cannot be reached, per platform.
pub const UNAVAILABLE_HINT: &str = if cfg!(target_os = "linux") {
    "Mixdeck keeps secrets in the Secret Service: install and start one (gnome-keyring or KWallet), \
     e.g. `sudo apt-get install gnome-keyring` and log in to a desktop session. Secrets are never \
     written to disk as a fallback."
} else if cfg!(target_os = "macos") {
    "Mixdeck keeps secrets in the macOS Keychain: unlock your login keychain and try again."
} else {
    "Mixdeck keeps secrets in the Windows Credential Manager: make sure it is running and try again."
};

pub trait SecretStore: Send + Sync {
    fn set(&self, key: &SecretKey, secret: &str) -> Result<(), VaultError>;
    /// `Ok(None)` when there is no such entry.
    fn get(&self, key: &SecretKey) -> Result<Option<String>, VaultError>;
    /// Deleting an entry that does not exist is not an error.
    fn delete(&self, key: &SecretKey) -> Result<(), VaultError>;
}

/// The OS keychain, through the `keyring` crate.
#[derive(Debug, Default, Clone, Copy)]
pub struct KeyringStore;

impl KeyringStore {
    fn entry(key: &SecretKey, action: &'static str) -> Result<keyring::Entry, VaultError> {
        keyring::Entry::new(&key.service, &key.account).map_err(|e| map_err(e, action, key))
    }
}

fn map_err(err: keyring::Error, action: &'static str, key: &SecretKey) -> VaultError {
    match err {
        keyring::Error::PlatformFailure(e) | keyring::Error::NoStorageAccess(e) => {
            VaultError::Unavailable {
                detail: e.to_string(),
                hint: UNAVAILABLE_HINT,
            }
        }
        other => VaultError::Failed {
            action,
            account: key.account.clone(),
            detail: other.to_string(),
        },
    }
}

impl SecretStore for KeyringStore {
    fn set(&self, key: &SecretKey, secret: &str) -> Result<(), VaultError> {
        Self::entry(key, "save")?
            .set_password(secret)
            .map_err(|e| map_err(e, "save", key))
    }

    fn get(&self, key: &SecretKey) -> Result<Option<String>, VaultError> {
        match Self::entry(key, "read")?.get_password() {
            Ok(s) => Ok(Some(s)),
            Err(keyring::Error::NoEntry) => Ok(None),
            Err(e) => Err(map_err(e, "read", key)),
        }
    }

    fn delete(&self, key: &SecretKey) -> Result<(), VaultError> {
        match Self::entry(key, "delete")?.delete_credential() {
            Ok(()) | Err(keyring::Error::NoEntry) => Ok(()),
            Err(e) => Err(map_err(e, "delete", key)),
        }
    }
}

/// An in-memory store for tests and for the CLI's `--endpoint` mode.
#[derive(Default)]
pub struct MemoryStore {
    entries: Mutex<HashMap<SecretKey, String>>,
}

/// Shows which accounts hold a secret, never the secrets themselves.
impl std::fmt::Debug for MemoryStore {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let mut accounts: Vec<String> = self
            .lock()
            .keys()
            .map(|k| format!("{}/{}", k.service, k.account))
            .collect();
        accounts.sort();
        f.debug_struct("MemoryStore")
            .field("accounts", &accounts)
            .finish()
    }
}

impl SecretStore for MemoryStore {
    fn set(&self, key: &SecretKey, secret: &str) -> Result<(), VaultError> {
        self.lock().insert(key.clone(), secret.to_owned());
        Ok(())
    }

    fn get(&self, key: &SecretKey) -> Result<Option<String>, VaultError> {
        Ok(self.lock().get(key).cloned())
    }

    fn delete(&self, key: &SecretKey) -> Result<(), VaultError> {
        self.lock().remove(key);
        Ok(())
    }
}

impl MemoryStore {
    /// How many entries it holds (tests check that deletions happen).
    pub fn get_len(&self) -> usize {
        self.lock().len()
    }

    /// The accounts that hold a secret, sorted (never the secrets).
    pub fn accounts(&self) -> Vec<String> {
        let mut a: Vec<String> = self.lock().keys().map(|k| k.account.clone()).collect();
        a.sort();
        a
    }

    fn lock(&self) -> std::sync::MutexGuard<'_, HashMap<SecretKey, String>> {
        // A panic while holding this lock cannot leave the map half-updated, so poison is harmless.
        self.entries.lock().unwrap_or_else(|p| p.into_inner())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn entries_are_namespaced_per_build_profile_and_kind() {
        let k = SecretKey::for_profile(
            "io.mixdeck.desktop.dev",
            "00ff00ff00ff00ff00ff00ff00ff00ff",
            SecretKind::StorageSecretKey,
        );
        assert_eq!(
            k.account,
            "profile/00ff00ff00ff00ff00ff00ff00ff00ff/storage-secret-key"
        );
        let legacy = SecretKey::legacy_for_profile("a", 7, SecretKind::StorageSecretKey);
        assert_eq!(legacy.account, "profile/7/storage-secret-key");
        assert!(default_namespace().starts_with("io.mixdeck.desktop"));
        assert_ne!(
            SecretKey::for_profile("a", "v1", SecretKind::CustomerSecret),
            SecretKey::for_profile("a", "v1", SecretKind::AppCertificate)
        );
    }

    #[test]
    fn status_shows_last4_only_for_long_secrets() {
        let long = SecretStatus::of(SecretKind::CustomerSecret, Some("0123456789abcdef"));
        assert_eq!((long.set, long.last4.as_deref()), (true, Some("cdef")));
        let short = SecretStatus::of(SecretKind::AppCertificate, Some("abc"));
        assert_eq!((short.set, short.last4), (true, None));
        assert!(!SecretStatus::of(SecretKind::StorageAccessKey, None).set);
    }

    fn key(account: &str) -> SecretKey {
        SecretKey {
            service: "io.mixdeck.test".into(),
            account: account.into(),
        }
    }

    #[test]
    fn memory_store_round_trip() {
        let store = MemoryStore::default();
        assert_eq!(store.get(&key("a")).unwrap(), None);
        store.set(&key("a"), "s3cret").unwrap();
        assert_eq!(store.get(&key("a")).unwrap().as_deref(), Some("s3cret"));
        store.delete(&key("a")).unwrap();
        store.delete(&key("a")).unwrap();
        assert_eq!(store.get(&key("a")).unwrap(), None);
    }

    #[test]
    fn memory_store_debug_names_accounts_never_secrets() {
        let store = MemoryStore::default();
        store
            .set(&key("profile/1/customer-secret"), "hunter2-very-secret")
            .unwrap();
        let shown = format!("{store:?} {store:#?}");
        assert!(!shown.contains("hunter2-very-secret"), "{shown}");
        assert!(shown.contains("profile/1/customer-secret"), "{shown}");
    }

    #[test]
    fn unavailable_error_says_what_to_do_and_names_no_secret() {
        let err = map_err(
            keyring::Error::PlatformFailure("no D-Bus session".into()),
            "save",
            &key("profile/1/customer-secret"),
        );
        let text = err.to_string();
        assert!(matches!(err, VaultError::Unavailable { .. }));
        assert!(text.contains("no D-Bus session"), "{text}");
        assert!(text.contains("never written to disk") || !cfg!(target_os = "linux"));
    }
}
