//! Profiles: one Agora project each. Plain data only: secrets live in the vault.

use agora_rest::codes::Vendor;
use agora_rest::domain::Area;
use agora_rest::recording::{ExtensionParams, StorageConfig};
use rusqlite::{params, OptionalExtension, Row};
use serde::{Deserialize, Serialize};

use super::{from_json, now_ms, to_json, Result, Store, StoreError};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(transparent)]
pub struct ProfileId(pub i64);

impl std::fmt::Display for ProfileId {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}", self.0)
    }
}

/// A real Agora project, or the built-in emulator.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "lowercase")]
pub enum ProfileKind {
    Agora,
    Sandbox,
}

impl ProfileKind {
    fn as_str(self) -> &'static str {
        match self {
            ProfileKind::Agora => "agora",
            ProfileKind::Sandbox => "sandbox",
        }
    }

    fn parse(s: &str) -> Self {
        if s == "sandbox" {
            ProfileKind::Sandbox
        } else {
            ProfileKind::Agora
        }
    }
}

/// Where recordings are stored by default: everything but the keys (those are vault entries).
#[serde_with::skip_serializing_none]
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "camelCase")]
pub struct StorageDefaults {
    pub vendor: Vendor,
    pub region: u16,
    pub bucket: String,
    #[serde(default)]
    pub file_name_prefix: Option<Vec<String>>,
    /// S3-compatible storage's host (vendor 11).
    #[serde(default)]
    pub endpoint: Option<String>,
}

impl StorageDefaults {
    /// Where a request's `storageConfig` sends the files (its keys left out).
    pub fn of(s: &StorageConfig) -> Self {
        Self {
            vendor: s.vendor,
            region: s.region,
            bucket: s.bucket.clone(),
            file_name_prefix: s.file_name_prefix.clone(),
            endpoint: s.extension_params.as_ref().and_then(|e| e.endpoint.clone()),
        }
    }

    /// As a request's `storageConfig`, with empty keys for the keychain to fill.
    pub fn to_config(&self) -> StorageConfig {
        StorageConfig {
            vendor: self.vendor,
            region: self.region,
            bucket: self.bucket.clone(),
            file_name_prefix: self.file_name_prefix.clone(),
            extension_params: self.endpoint.clone().map(|e| ExtensionParams {
                endpoint: Some(e),
                ..Default::default()
            }),
            ..Default::default()
        }
    }
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "camelCase")]
pub struct Profile {
    pub id: ProfileId,
    pub name: String,
    pub kind: ProfileKind,
    pub app_id: String,
    pub customer_id: String,
    pub area: Area,
    /// Base URL that replaces Agora's hosts (a proxy; the sandbox's own URL is not stored).
    pub endpoint: Option<String>,
    pub default_storage: Option<StorageDefaults>,
    pub created_at: i64,
    pub updated_at: i64,
    /// Random id (32 hex characters) the profile's keychain entries are keyed by; never shown,
    /// never reused, so a profile never sees another's secrets even when row ids repeat.
    #[serde(skip)]
    #[cfg_attr(feature = "specta", specta(skip))]
    pub vault_id: String,
}

/// What the user edits.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "camelCase")]
pub struct ProfileInput {
    pub name: String,
    pub app_id: String,
    pub customer_id: String,
    pub area: Area,
    #[serde(default)]
    pub endpoint: Option<String>,
    #[serde(default)]
    pub default_storage: Option<StorageDefaults>,
}

const COLUMNS: &str = "id, name, kind, app_id, customer_id, area, endpoint, default_storage, \
     created_at, updated_at, vault_id";

/// A fresh random vault id: 128 bits from SQLite's CSPRNG (seeded by the OS), as lowercase hex.
const NEW_VAULT_ID: &str = "lower(hex(randomblob(16)))";

fn area_str(a: Area) -> &'static str {
    match a {
        Area::Us => "US",
        Area::Eu => "EU",
        Area::Ap => "AP",
        Area::Cn => "CN",
    }
}

fn row_to_profile(row: &Row<'_>) -> rusqlite::Result<(Profile, Option<String>)> {
    let area: String = row.get(5)?;
    Ok((
        Profile {
            id: ProfileId(row.get(0)?),
            name: row.get(1)?,
            kind: ProfileKind::parse(&row.get::<_, String>(2)?),
            app_id: row.get(3)?,
            customer_id: row.get(4)?,
            area: area.parse().unwrap_or(Area::Us),
            endpoint: row.get(6)?,
            default_storage: None,
            created_at: row.get(8)?,
            updated_at: row.get(9)?,
            vault_id: row.get(10)?,
        },
        row.get(7)?,
    ))
}

fn finish(pair: (Profile, Option<String>)) -> Result<Profile> {
    let (mut p, storage) = pair;
    p.default_storage = storage
        .map(|s| from_json("profiles.default_storage", &s))
        .transpose()?;
    Ok(p)
}

fn unique_name(e: rusqlite::Error, name: &str) -> StoreError {
    match &e {
        rusqlite::Error::SqliteFailure(f, _)
            if f.code == rusqlite::ErrorCode::ConstraintViolation =>
        {
            StoreError::Conflict(format!("a profile named {name:?} already exists"))
        }
        _ => StoreError::Sql(e),
    }
}

impl Store {
    pub fn create_profile(&self, kind: ProfileKind, input: &ProfileInput) -> Result<Profile> {
        let now = now_ms();
        let conn = self.conn();
        conn.execute(
            &format!(
                "INSERT INTO profiles (name, kind, app_id, customer_id, area, endpoint, default_storage,
                 created_at, updated_at, vault_id)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?8, {NEW_VAULT_ID})"
            ),
            params![
                input.name,
                kind.as_str(),
                input.app_id,
                input.customer_id,
                area_str(input.area),
                input.endpoint,
                input.default_storage.as_ref().map(to_json),
                now
            ],
        )
        .map_err(|e| unique_name(e, &input.name))?;
        let id = ProfileId(conn.last_insert_rowid());
        drop(conn);
        self.profile(id)
    }

    pub fn update_profile(&self, id: ProfileId, input: &ProfileInput) -> Result<Profile> {
        let changed = self
            .conn()
            .execute(
                "UPDATE profiles SET name = ?2, app_id = ?3, customer_id = ?4, area = ?5, endpoint = ?6,
                 default_storage = ?7, updated_at = ?8 WHERE id = ?1",
                params![
                    id.0,
                    input.name,
                    input.app_id,
                    input.customer_id,
                    area_str(input.area),
                    input.endpoint,
                    input.default_storage.as_ref().map(to_json),
                    now_ms()
                ],
            )
            .map_err(|e| unique_name(e, &input.name))?;
        if changed == 0 {
            return Err(StoreError::NotFound {
                what: format!("profile {id}"),
            });
        }
        self.profile(id)
    }

    /// Deletes the profile row; its sessions stay in history under its name.
    pub fn delete_profile(&self, id: ProfileId) -> Result<()> {
        let n = self
            .conn()
            .execute("DELETE FROM profiles WHERE id = ?1", [id.0])?;
        if n == 0 {
            return Err(StoreError::NotFound {
                what: format!("profile {id}"),
            });
        }
        Ok(())
    }

    pub fn profile(&self, id: ProfileId) -> Result<Profile> {
        let pair = self
            .conn()
            .query_row(
                &format!("SELECT {COLUMNS} FROM profiles WHERE id = ?1"),
                [id.0],
                row_to_profile,
            )
            .optional()?
            .ok_or_else(|| StoreError::NotFound {
                what: format!("profile {id}"),
            })?;
        finish(pair)
    }

    pub fn profile_by_name(&self, name: &str) -> Result<Option<Profile>> {
        self.conn()
            .query_row(
                &format!("SELECT {COLUMNS} FROM profiles WHERE name = ?1"),
                [name],
                row_to_profile,
            )
            .optional()?
            .map(finish)
            .transpose()
    }

    /// Profiles whose secrets still sit under the legacy `profile/{id}/` keychain entries.
    pub fn legacy_vault_profiles(&self) -> Result<Vec<Profile>> {
        let conn = self.conn();
        let mut stmt = conn.prepare(&format!(
            "SELECT {COLUMNS} FROM profiles WHERE vault_legacy = 1 ORDER BY id"
        ))?;
        let rows = stmt.query_map([], row_to_profile)?;
        rows.map(|r| finish(r?)).collect()
    }

    /// Records that a profile's secrets now live under its vault id.
    pub fn mark_vault_migrated(&self, id: ProfileId) -> Result<()> {
        self.conn()
            .execute("UPDATE profiles SET vault_legacy = 0 WHERE id = ?1", [id.0])?;
        Ok(())
    }

    /// Every profile, the sandbox first, then by name.
    pub fn profiles(&self) -> Result<Vec<Profile>> {
        let conn = self.conn();
        let mut stmt = conn.prepare(&format!(
            "SELECT {COLUMNS} FROM profiles ORDER BY kind = 'agora', name COLLATE NOCASE"
        ))?;
        let rows = stmt.query_map([], row_to_profile)?;
        rows.map(|r| finish(r?)).collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn input(name: &str) -> ProfileInput {
        ProfileInput {
            name: name.into(),
            app_id: "0123456789abcdef0123456789abcdef".into(),
            customer_id: "cust".into(),
            area: Area::Eu,
            endpoint: None,
            default_storage: Some(StorageDefaults {
                vendor: Vendor::AMAZON_S3,
                region: 7,
                bucket: "b".into(),
                file_name_prefix: Some(vec!["rec".into()]),
                endpoint: None,
            }),
        }
    }

    #[test]
    fn create_read_update_delete() {
        let store = Store::in_memory().unwrap();
        let p = store
            .create_profile(ProfileKind::Agora, &input("Prod"))
            .unwrap();
        assert_eq!(store.profile(p.id).unwrap(), p);
        assert_eq!(p.default_storage.as_ref().unwrap().region, 7);
        let err = store
            .create_profile(ProfileKind::Agora, &input("Prod"))
            .unwrap_err();
        assert!(matches!(err, StoreError::Conflict(_)), "{err}");
        let mut changed = input("Staging");
        changed.area = Area::Cn;
        let u = store.update_profile(p.id, &changed).unwrap();
        assert_eq!((u.name.as_str(), u.area), ("Staging", Area::Cn));
        assert!(store.profile_by_name("Prod").unwrap().is_none());
        store
            .create_profile(ProfileKind::Sandbox, &input("Sandbox"))
            .unwrap();
        let names: Vec<String> = store
            .profiles()
            .unwrap()
            .into_iter()
            .map(|p| p.name)
            .collect();
        assert_eq!(names, ["Sandbox", "Staging"]);
        assert_eq!(p.vault_id.len(), 32);
        assert!(p.vault_id.bytes().all(|b| b.is_ascii_hexdigit()));
        assert!(store.legacy_vault_profiles().unwrap().is_empty());
        store.delete_profile(p.id).unwrap();
        let again = store
            .create_profile(ProfileKind::Agora, &input("Prod"))
            .unwrap();
        assert_ne!(again.vault_id, p.vault_id, "a vault id is never reused");
        assert!(matches!(
            store.profile(p.id),
            Err(StoreError::NotFound { .. })
        ));
    }
}
