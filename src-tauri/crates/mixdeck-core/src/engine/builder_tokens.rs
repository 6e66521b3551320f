//! Transcoding builder tokens: a token controls its task (query, update, delete), so it is kept
//! like the profile's secrets: in the keychain under the session's random vault id, cached in
//! memory, and in the database only as its last 4 characters. The Sandbox profile's tokens stay
//! in memory (its emulator, and with it the task, ends with the app).

use agora_rest::BuilderToken;

use super::Engine;
use crate::error::{blocking, CoreError, CoreResult};
use crate::store::{ProfileKind, SessionId, SessionRow};
use crate::vault::SecretKey;

impl Engine {
    fn builder_token_key(&self, row: &SessionRow) -> SecretKey {
        SecretKey::builder_token(&self.inner.namespace, &row.vault_id)
    }

    /// Keeps a task's builder token; answers the hint the row stores (`''` when too short).
    pub(crate) async fn keep_builder_token(
        &self,
        row: &SessionRow,
        kind: ProfileKind,
        token: &BuilderToken,
    ) -> CoreResult<String> {
        self.builder_token_cache()
            .insert(row.id, token.as_str().to_owned());
        if kind != ProfileKind::Sandbox {
            let (vault, key, value) = (
                self.inner.secrets.clone(),
                self.builder_token_key(row),
                token.as_str().to_owned(),
            );
            blocking(move || Ok(vault.set(&key, &value)?)).await?;
        }
        Ok(hint(token.as_str()))
    }

    /// The task's builder token, from memory or the keychain.
    pub(crate) async fn builder_token(&self, row: &SessionRow) -> CoreResult<BuilderToken> {
        if let Some(t) = self.builder_token_cache().get(&row.id) {
            return Ok(BuilderToken::from(t.as_str()));
        }
        let (vault, key) = (self.inner.secrets.clone(), self.builder_token_key(row));
        let found = blocking(move || Ok(vault.get(&key)?)).await?;
        let token = found.ok_or_else(|| {
            CoreError::invalid(
                "session",
                format!(
                    "the builder token of session {} is not in the keychain (it was removed, or the \
                     keychain was reset): Mixdeck cannot query, update or delete the task; it ends \
                     on its own once its inputs stop",
                    row.id
                ),
            )
        })?;
        self.builder_token_cache().insert(row.id, token.clone());
        Ok(BuilderToken::from(token))
    }

    /// Forgets a token once its task is over or its session deleted (best effort: a keychain
    /// that cannot be reached leaves an entry nothing uses).
    pub(crate) async fn forget_builder_token(&self, row: &SessionRow) {
        self.builder_token_cache().remove(&row.id);
        if row.builder_token_last4.is_none() || row.vault_id.is_empty() {
            return;
        }
        let (vault, key) = (self.inner.secrets.clone(), self.builder_token_key(row));
        if let Err(e) = blocking(move || Ok(vault.delete(&key)?)).await {
            tracing::warn!(id = %row.id, error = %e, "could not remove a builder token from the keychain");
        }
    }

    /// Moves tokens written to the database by earlier versions into the keychain.
    pub(crate) async fn migrate_legacy_builder_tokens(&self) -> CoreResult<()> {
        let store = self.inner.store.clone();
        let vault = self.inner.secrets.clone();
        let namespace = self.inner.namespace.clone();
        blocking(move || {
            for (id, vault_id, token) in store.legacy_builder_tokens()? {
                vault.set(&SecretKey::builder_token(&namespace, &vault_id), &token)?;
                store.builder_token_moved(id, &hint(&token))?;
                tracing::info!(%id, "builder token moved to the keychain");
            }
            Ok(())
        })
        .await
    }

    fn builder_token_cache(
        &self,
    ) -> std::sync::MutexGuard<'_, std::collections::HashMap<SessionId, String>> {
        self.inner
            .builder_tokens
            .lock()
            .unwrap_or_else(|p| p.into_inner())
    }
}

/// The hint a row keeps: the last 4 characters of a long token, nothing of a short one.
fn hint(token: &str) -> String {
    crate::vault::last4(token).unwrap_or_default()
}
