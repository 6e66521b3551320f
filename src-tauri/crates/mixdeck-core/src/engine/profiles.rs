//! Profiles with their secrets: plain data in the database, secrets in the keychain, and the
//! built-in Sandbox profile backed by the embedded emulator.

use std::time::Instant;

use agora_rest::domain::{check_base_url, Area};
use agora_rest::{Client, Credentials, Sensitive};
use serde::{Deserialize, Serialize};

use super::Engine;
use crate::error::{blocking, CoreError, CoreResult};
use crate::store::{Profile, ProfileId, ProfileInput, ProfileKind};
use crate::vault::{SecretKey, SecretKind, SecretStatus};

pub const SANDBOX_PROFILE_NAME: &str = "Sandbox";

/// The built-in Sandbox profile's App Certificate and storage keys: fixed and public (the emulator
/// accepts any storage keys and checks tokens against this certificate), so a new user can try token generation and
/// storage without typing anything. The customer secret comes from the sandbox's own config.
fn sandbox_secret(kind: SecretKind) -> Option<&'static str> {
    match kind {
        SecretKind::CustomerSecret => None,
        SecretKind::AppCertificate => Some(agora_sandbox::DEFAULT_APP_CERTIFICATE),
        SecretKind::StorageAccessKey => Some(agora_sandbox::DEFAULT_STORAGE_ACCESS_KEY),
        SecretKind::StorageSecretKey => Some(agora_sandbox::DEFAULT_STORAGE_SECRET_KEY),
    }
}

/// The Sandbox profile's storage: the embedded sandbox's bucket, as Amazon S3 in us-east-1
/// (region 0), which its object store stands in for.
fn sandbox_storage() -> crate::store::StorageDefaults {
    crate::store::StorageDefaults {
        vendor: agora_rest::codes::Vendor::AMAZON_S3,
        region: 0,
        bucket: agora_sandbox::DEFAULT_BUCKET.to_owned(),
        file_name_prefix: None,
        endpoint: None,
    }
}

/// A profile as the UI sees it: plain data and the status of each secret, never the secrets.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "camelCase")]
pub struct ProfileView {
    #[serde(flatten)]
    pub profile: Profile,
    pub secrets: Vec<SecretStatus>,
    /// The default storage in words: vendor, region with its name, bucket, endpoint.
    pub storage_destination: Option<String>,
}

fn storage_destination(p: &Profile) -> Option<String> {
    p.default_storage.as_ref().map(|d| {
        super::recording::destination(d.vendor, d.region, &d.bucket, d.endpoint.as_deref())
    })
}

/// A secret the user typed, on its way to the keychain.
#[derive(Debug, Clone, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "camelCase")]
pub struct SecretInput {
    pub kind: SecretKind,
    pub value: Sensitive<String>,
}

/// Where the embedded sandbox listens, and the `X-Sandbox-Token` its `/_sandbox` control API
/// wants (random for each run; not an Agora secret: it only keeps web pages out).
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "camelCase")]
pub struct SandboxAccess {
    pub url: String,
    pub control_token: String,
}

/// The answer to "Test connection".
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "camelCase")]
pub struct ConnectionTest {
    pub ok: bool,
    /// Stable code when it failed (`agora.unauthorized`, `network.unreachable`, ...).
    pub code: Option<String>,
    pub message: String,
    pub host: Option<String>,
    pub elapsed_ms: u64,
}

fn validate_input(input: &ProfileInput, kind: ProfileKind) -> CoreResult<()> {
    let name = input.name.trim();
    if name.is_empty() || name.chars().count() > 64 {
        return Err(CoreError::invalid("name", "must be 1 to 64 characters"));
    }
    if kind == ProfileKind::Agora {
        let app = input.app_id.trim();
        // Agora's App IDs are 32 hex characters; behind an endpoint override (a sandbox, a test
        // server) any id without spaces or slashes will do.
        let agora_shaped = app.len() == 32 && app.bytes().all(|b| b.is_ascii_hexdigit());
        let override_shaped = input.endpoint.is_some()
            && !app.is_empty()
            && !app.contains(|c: char| c.is_whitespace() || c == '/');
        if !(agora_shaped || override_shaped) {
            return Err(CoreError::invalid(
                "appId",
                "must be the 32 hexadecimal characters of the project's App ID (Agora Console → Projects)",
            ));
        }
        if input.customer_id.trim().is_empty() {
            return Err(CoreError::invalid(
                "customerId",
                "is required (Agora Console → Developer Toolkit → RESTful API)",
            ));
        }
    }
    if let Some(e) = &input.endpoint {
        check_base_url(e).map_err(|m| CoreError::invalid("endpoint", m))?;
    }
    Ok(())
}

impl Engine {
    pub(crate) async fn ensure_sandbox_profile(&self) -> CoreResult<()> {
        let store = self.inner.store.clone();
        blocking(move || {
            let defaults = agora_sandbox::SandboxConfig::default().credentials_view();
            let profiles = store.profiles()?;
            if let Some(p) = profiles.iter().find(|p| p.kind == ProfileKind::Sandbox) {
                // Older versions stored other built-in credentials, and no storage: follow the
                // emulator's.
                if p.app_id != defaults.app_id
                    || p.customer_id != defaults.customer_id
                    || p.default_storage.is_none()
                {
                    store.update_profile(
                        p.id,
                        &ProfileInput {
                            name: p.name.clone(),
                            app_id: defaults.app_id,
                            customer_id: defaults.customer_id,
                            area: p.area,
                            endpoint: None,
                            default_storage: p
                                .default_storage
                                .clone()
                                .or_else(|| Some(sandbox_storage())),
                        },
                    )?;
                }
                return Ok(());
            }
            store.create_profile(
                ProfileKind::Sandbox,
                &ProfileInput {
                    name: SANDBOX_PROFILE_NAME.into(),
                    app_id: defaults.app_id,
                    customer_id: defaults.customer_id,
                    area: Area::Us,
                    endpoint: None,
                    default_storage: Some(sandbox_storage()),
                },
            )?;
            Ok(())
        })
        .await
    }

    fn secret_key(&self, profile: &Profile, kind: SecretKind) -> SecretKey {
        SecretKey::for_profile(&self.inner.namespace, &profile.vault_id, kind)
    }

    pub(crate) async fn profile_row(&self, id: ProfileId) -> CoreResult<Profile> {
        let store = self.inner.store.clone();
        blocking(move || Ok(store.profile(id)?)).await
    }

    /// Moves the secrets of profiles made before vault ids from `profile/{id}/` to
    /// `profile/{vault_id}/`, then deletes the old entries. A keychain that cannot be reached
    /// leaves the profile marked, to try again at the next open.
    pub(crate) async fn migrate_legacy_secrets(&self) -> CoreResult<()> {
        let store = self.inner.store.clone();
        let vault = self.inner.secrets.clone();
        let namespace = self.inner.namespace.clone();
        blocking(move || {
            for p in store.legacy_vault_profiles()? {
                if p.kind == ProfileKind::Agora {
                    for kind in SecretKind::ALL {
                        let old = SecretKey::legacy_for_profile(&namespace, p.id.0, kind);
                        let new = SecretKey::for_profile(&namespace, &p.vault_id, kind);
                        if let Some(secret) = vault.get(&old)? {
                            vault.set(&new, &secret)?;
                            vault.delete(&old)?;
                        }
                    }
                }
                store.mark_vault_migrated(p.id)?;
                tracing::info!(profile = %p.id, "keychain entries moved under the profile's vault id");
            }
            Ok(())
        })
        .await
    }

    async fn view(&self, profile: Profile) -> CoreResult<ProfileView> {
        if profile.kind == ProfileKind::Sandbox {
            // The sandbox's credentials are fixed and not secret; it needs nothing in the keychain.
            let secrets = SecretKind::ALL
                .into_iter()
                .map(|k| SecretStatus {
                    kind: k,
                    set: true,
                    last4: None,
                })
                .collect();
            return Ok(ProfileView {
                storage_destination: storage_destination(&profile),
                profile,
                secrets,
            });
        }
        let keys: Vec<(SecretKind, SecretKey)> = SecretKind::ALL
            .into_iter()
            .map(|k| (k, self.secret_key(&profile, k)))
            .collect();
        let vault = self.inner.secrets.clone();
        let secrets = blocking(move || {
            keys.into_iter()
                .map(|(kind, key)| {
                    let value = vault.get(&key)?;
                    Ok(SecretStatus::of(kind, value.as_deref()))
                })
                .collect()
        })
        .await?;
        Ok(ProfileView {
            storage_destination: storage_destination(&profile),
            profile,
            secrets,
        })
    }

    pub async fn profiles(&self) -> CoreResult<Vec<ProfileView>> {
        let store = self.inner.store.clone();
        let profiles = blocking(move || Ok(store.profiles()?)).await?;
        let mut views = Vec::with_capacity(profiles.len());
        for p in profiles {
            views.push(self.view(p).await?);
        }
        Ok(views)
    }

    pub async fn profile(&self, id: ProfileId) -> CoreResult<ProfileView> {
        let store = self.inner.store.clone();
        let p = blocking(move || Ok(store.profile(id)?)).await?;
        self.view(p).await
    }

    /// Finds a profile by name (the CLI's `--profile NAME`).
    pub async fn profile_named(&self, name: &str) -> CoreResult<Profile> {
        let store = self.inner.store.clone();
        let name = name.to_owned();
        blocking(move || {
            store.profile_by_name(&name)?.ok_or_else(|| {
                CoreError::Store(crate::store::StoreError::NotFound {
                    what: format!("profile {name:?}"),
                })
            })
        })
        .await
    }

    /// Creates a profile and stores its secrets in the keychain. If a secret cannot be saved,
    /// the profile is removed again so no half-made profile remains.
    pub async fn create_profile(
        &self,
        input: ProfileInput,
        secrets: Vec<SecretInput>,
    ) -> CoreResult<ProfileView> {
        validate_input(&input, ProfileKind::Agora)?;
        let store = self.inner.store.clone();
        let profile =
            blocking(move || Ok(store.create_profile(ProfileKind::Agora, &input)?)).await?;
        for s in secrets {
            if let Err(e) = self.set_secret(profile.id, s.kind, s.value).await {
                let _ = self.delete_profile(profile.id).await;
                return Err(e);
            }
        }
        self.view(profile).await
    }

    /// Saves a profile's plain data. When its endpoint or area changes, the secrets stored for the
    /// old destination are deleted first: a profile pointed somewhere else must not send the
    /// customer secret and storage keys there until the user types them again (`secrets`, which
    /// are then saved for the new destination).
    pub async fn update_profile(
        &self,
        id: ProfileId,
        input: ProfileInput,
        secrets: Vec<SecretInput>,
    ) -> CoreResult<ProfileView> {
        let old = self.profile_row(id).await?;
        validate_input(&input, old.kind)?;
        if old.kind == ProfileKind::Sandbox {
            return Err(CoreError::invalid(
                "name",
                "the built-in Sandbox profile cannot be edited",
            ));
        }
        let norm = |e: &Option<String>| {
            e.as_deref()
                .map(|e| check_base_url(e).unwrap_or_else(|_| e.to_owned()))
        };
        if norm(&input.endpoint) != norm(&old.endpoint) || input.area != old.area {
            self.delete_secrets(&old).await?;
            tracing::info!(profile = %id, "destination changed: the profile's secrets were cleared");
        }
        let store = self.inner.store.clone();
        blocking(move || Ok(store.update_profile(id, &input)?)).await?;
        self.forget_client(id);
        for s in secrets {
            self.set_secret(id, s.kind, s.value).await?;
        }
        self.profile(id).await
    }

    async fn delete_secrets(&self, profile: &Profile) -> CoreResult<()> {
        let keys: Vec<SecretKey> = SecretKind::ALL
            .into_iter()
            .map(|k| self.secret_key(profile, k))
            .collect();
        let vault = self.inner.secrets.clone();
        blocking(move || {
            for key in &keys {
                vault.delete(key)?;
            }
            Ok(())
        })
        .await
    }

    /// Deletes a profile and its keychain entries; its sessions stay in history.
    pub async fn delete_profile(&self, id: ProfileId) -> CoreResult<()> {
        let store = self.inner.store.clone();
        let p = blocking(move || Ok(store.profile(id)?)).await?;
        if p.kind == ProfileKind::Sandbox {
            return Err(CoreError::invalid(
                "profile",
                "the built-in Sandbox profile cannot be deleted",
            ));
        }
        self.delete_secrets(&p).await?;
        let store = self.inner.store.clone();
        blocking(move || Ok(store.delete_profile(id)?)).await?;
        self.forget_client(id);
        Ok(())
    }

    pub async fn set_secret(
        &self,
        id: ProfileId,
        kind: SecretKind,
        value: Sensitive<String>,
    ) -> CoreResult<ProfileView> {
        let trimmed = value.expose().trim().to_owned();
        if trimmed.is_empty() {
            return Err(CoreError::invalid(
                kind.slug(),
                "must not be empty; use clear to remove it",
            ));
        }
        let key = self.secret_key(&self.profile_row(id).await?, kind);
        let vault = self.inner.secrets.clone();
        blocking(move || Ok(vault.set(&key, &trimmed)?)).await?;
        self.forget_client(id);
        self.profile(id).await
    }

    pub async fn clear_secret(&self, id: ProfileId, kind: SecretKind) -> CoreResult<ProfileView> {
        let key = self.secret_key(&self.profile_row(id).await?, kind);
        let vault = self.inner.secrets.clone();
        blocking(move || Ok(vault.delete(&key)?)).await?;
        self.forget_client(id);
        self.profile(id).await
    }

    /// A secret's value, for building requests (storage keys, the App Certificate). Never leaves
    /// the engine except inside an outgoing request body.
    pub(crate) async fn secret(
        &self,
        id: ProfileId,
        kind: SecretKind,
    ) -> CoreResult<Option<Sensitive<String>>> {
        let store = self.inner.store.clone();
        let profile = blocking(move || Ok(store.profile(id)?)).await?;
        if profile.kind == ProfileKind::Sandbox {
            return Ok(sandbox_secret(kind).map(|v| Sensitive::new(v.to_owned())));
        }
        let key = self.secret_key(&profile, kind);
        let vault = self.inner.secrets.clone();
        blocking(move || Ok(vault.get(&key)?.map(Sensitive::new))).await
    }

    /// How to reach the embedded sandbox (starting it on first use): its base URL and the
    /// token its control API wants, for the user's own scripts and curl.
    pub async fn sandbox_access(&self) -> CoreResult<SandboxAccess> {
        let url = self.sandbox_url().await?;
        let guard = self.inner.sandbox.lock().await;
        let control_token = guard
            .as_ref()
            .map(|h| h.control_token().to_owned())
            .unwrap_or_default();
        Ok(SandboxAccess { url, control_token })
    }

    /// The base URL of the embedded sandbox, starting it on first use.
    pub(crate) async fn sandbox_url(&self) -> CoreResult<String> {
        let mut guard = self.inner.sandbox.lock().await;
        if let Some(h) = guard.as_ref() {
            return Ok(h.base_url().to_string());
        }
        let handle = agora_sandbox::Sandbox::start(agora_sandbox::SandboxConfig::default())
            .await
            .map_err(|e| CoreError::Sandbox(e.to_string()))?;
        let url = handle.base_url().to_string();
        tracing::info!(%url, "embedded sandbox started");
        *guard = Some(handle);
        Ok(url)
    }

    /// The client for a profile (built once, reused).
    pub async fn client(&self, id: ProfileId) -> CoreResult<(Profile, Client)> {
        let store = self.inner.store.clone();
        let profile = blocking(move || Ok(store.profile(id)?)).await?;
        if let Some(c) = self
            .inner
            .clients
            .lock()
            .unwrap_or_else(|p| p.into_inner())
            .get(&id)
        {
            return Ok((profile, c.clone()));
        }
        let (credentials, endpoints) = match profile.kind {
            ProfileKind::Sandbox => {
                let url = self.sandbox_url().await?;
                let c = agora_sandbox::SandboxConfig::default().credentials_view();
                (
                    Credentials::new(c.customer_id, c.customer_secret),
                    Some(vec![url]),
                )
            }
            ProfileKind::Agora => {
                let secret =
                    self.secret(id, SecretKind::CustomerSecret)
                        .await?
                        .ok_or(CoreError::MissingSecret {
                        profile: profile.name.clone(),
                        what: "the Customer Secret",
                        hint:
                            "set it in Profiles (Agora Console → Developer Toolkit → RESTful API)",
                    })?;
                (
                    Credentials::new(profile.customer_id.clone(), secret),
                    profile.endpoint.clone().map(|e| vec![e]),
                )
            }
        };
        let mut builder = Client::builder(profile.app_id.clone(), credentials)
            .area(profile.area)
            .retry(self.inner.retry.clone())
            .sleeper(self.inner.sleeper.clone());
        if let Some(urls) = endpoints {
            builder = builder.endpoints(urls);
        }
        let client = builder.build()?;
        self.inner
            .clients
            .lock()
            .unwrap_or_else(|p| p.into_inner())
            .insert(id, client.clone());
        Ok((profile, client))
    }

    /// "Test connection": the harmless `GET /v1/ncs/ip`, with a plain answer for each failure.
    pub async fn test_connection(&self, id: ProfileId) -> CoreResult<ConnectionTest> {
        let started = Instant::now();
        let (_, client) = match self.client(id).await {
            Ok(c) => c,
            Err(e @ CoreError::MissingSecret { .. }) => {
                return Ok(ConnectionTest {
                    ok: false,
                    code: Some(e.code().into()),
                    message: e.to_string(),
                    host: None,
                    elapsed_ms: 0,
                })
            }
            Err(e) => return Err(e),
        };
        let result = client.ncs_ips().await;
        let elapsed_ms = started.elapsed().as_millis() as u64;
        Ok(match result {
            Ok(r) => ConnectionTest {
                ok: true,
                code: None,
                message: match r.body.ips().len() {
                    0 => "Connected: the credentials work.".to_owned(),
                    1 => "Connected: the credentials work (1 notification server IP listed)."
                        .to_owned(),
                    n => format!(
                        "Connected: the credentials work ({n} notification server IPs listed)."
                    ),
                },
                host: Some(r.meta.host),
                elapsed_ms,
            },
            Err(e) => {
                let message = match &e {
                    agora_rest::Error::Api(api) if api.status == 401 => {
                        "Agora refused the credentials: check the Customer ID and Customer Secret.".to_owned()
                    }
                    agora_rest::Error::Transport { host, .. } => format!(
                        "Could not reach {host}: check the network, a proxy or firewall, and the domain area. ({})",
                        e
                    ),
                    other => other.to_string(),
                };
                ConnectionTest {
                    ok: false,
                    code: Some(e.code().into()),
                    message,
                    host: e.api().map(|a| a.host.clone()),
                    elapsed_ms,
                }
            }
        })
    }
}
