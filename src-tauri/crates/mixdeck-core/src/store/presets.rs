//! Presets: named payload templates (start bodies, layouts, transcoder configs), redacted.

use agora_rest::redact_json;
use rusqlite::{params, OptionalExtension, Row};
use serde::{Deserialize, Serialize};

use super::preset_body::PresetBody;
use super::{from_json, now_ms, to_json, Result, Store, StoreError};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(transparent)]
pub struct PresetId(pub i64);

/// What a preset holds, so each form lists only its own.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "camelCase")]
pub enum PresetKind {
    RecordingStart,
    Layout,
    TranscodingCreate,
}

impl PresetKind {
    pub const ALL: [PresetKind; 3] = [
        PresetKind::RecordingStart,
        PresetKind::Layout,
        PresetKind::TranscodingCreate,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            PresetKind::RecordingStart => "recordingStart",
            PresetKind::Layout => "layout",
            PresetKind::TranscodingCreate => "transcodingCreate",
        }
    }

    pub fn parse(s: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|k| k.as_str() == s)
    }
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "camelCase")]
pub struct Preset {
    pub id: PresetId,
    pub name: String,
    /// The kind and the template, secrets redacted (they come from the keychain when it is used).
    #[serde(flatten)]
    pub body: PresetBody,
    pub created_at: i64,
    pub updated_at: i64,
}

fn read(row: &Row<'_>) -> rusqlite::Result<(i64, String, String, String, i64, i64)> {
    Ok((
        row.get(0)?,
        row.get(1)?,
        row.get(2)?,
        row.get(3)?,
        row.get(4)?,
        row.get(5)?,
    ))
}

/// The preset a row holds; `None` (logged) for one no template of its kind fits, which only a
/// hand edit or an older build could have written: it is left in the file, not shown.
fn finish(
    (id, kind, name, body, created_at, updated_at): (i64, String, String, String, i64, i64),
) -> Result<Option<Preset>> {
    let Some(kind) = PresetKind::parse(&kind) else {
        tracing::warn!(id, kind, "a preset of an unknown kind is skipped");
        return Ok(None);
    };
    let body = match PresetBody::read(kind, from_json("presets.body", &body)?) {
        Ok(body) => body,
        Err(e) => {
            tracing::warn!(id, error = %e, "a preset that fits no template is skipped");
            return Ok(None);
        }
    };
    Ok(Some(Preset {
        id: PresetId(id),
        name,
        body,
        created_at,
        updated_at,
    }))
}

impl Store {
    /// Saves a preset, replacing one of the same kind and name.
    pub fn save_preset(&self, name: &str, body: &PresetBody) -> Result<Preset> {
        let kind = body.kind();
        let name = name.trim();
        if name.is_empty() {
            return Err(StoreError::Conflict("a preset needs a name".into()));
        }
        let now = now_ms();
        self.conn().execute(
            "INSERT INTO presets (kind, name, body, created_at, updated_at) VALUES (?1, ?2, ?3, ?4, ?4)
             ON CONFLICT (kind, name) DO UPDATE SET body = excluded.body, updated_at = excluded.updated_at",
            params![kind.as_str(), name, to_json(&redact_json(&body.to_json())), now],
        )?;
        let raw = self
            .conn()
            .query_row(
                "SELECT id, kind, name, body, created_at, updated_at FROM presets WHERE kind = ?1 AND name = ?2",
                params![kind.as_str(), name],
                read,
            )
            .optional()?
            .map(finish)
            .transpose()?
            .flatten()
            .ok_or_else(|| StoreError::NotFound {
                what: format!("preset {name:?}"),
            })?;
        Ok(raw)
    }

    /// Saves every entry of a preset file, all or none. An entry never replaces a different
    /// preset of the same name: it is saved as "name (imported)", "name (imported 2)", …; one
    /// that is already there as it is stays as it is.
    pub fn import_presets(&self, entries: &[super::PresetEntry]) -> Result<Vec<Preset>> {
        self.conn().execute_batch("SAVEPOINT import_presets")?;
        let saved: Result<Vec<Preset>> = entries
            .iter()
            .map(|e| {
                let name = self.free_preset_name(e.name.trim(), &e.body)?;
                self.save_preset(&name, &e.body)
            })
            .collect();
        let end = if saved.is_ok() {
            "RELEASE import_presets"
        } else {
            "ROLLBACK TO import_presets; RELEASE import_presets"
        };
        self.conn().execute_batch(end)?;
        saved
    }

    /// `name`, or the first "name (imported N)" not taken by a preset of this kind with
    /// another body.
    fn free_preset_name(&self, name: &str, body: &PresetBody) -> Result<String> {
        let kind = body.kind();
        let stored = redact_json(&body.to_json());
        for n in 1.. {
            let candidate = match n {
                1 => name.to_owned(),
                2 => format!("{name} (imported)"),
                n => format!("{name} (imported {})", n - 1),
            };
            let existing: Option<String> = self
                .conn()
                .query_row(
                    "SELECT body FROM presets WHERE kind = ?1 AND name = ?2",
                    params![kind.as_str(), candidate],
                    |row| row.get(0),
                )
                .optional()?;
            match existing {
                None => return Ok(candidate),
                Some(text) if from_json::<serde_json::Value>("presets.body", &text)? == stored => {
                    return Ok(candidate)
                }
                Some(_) => {}
            }
        }
        unreachable!("the names run out only past usize::MAX")
    }

    pub fn presets(&self, kind: Option<PresetKind>) -> Result<Vec<Preset>> {
        let conn = self.conn();
        let mut stmt = conn.prepare(
            "SELECT id, kind, name, body, created_at, updated_at FROM presets
             WHERE ?1 IS NULL OR kind = ?1 ORDER BY kind, name COLLATE NOCASE",
        )?;
        let rows = stmt.query_map([kind.map(|k| k.as_str())], read)?;
        let mut presets = Vec::new();
        for row in rows {
            presets.extend(finish(row?)?);
        }
        Ok(presets)
    }

    pub fn delete_preset(&self, id: PresetId) -> Result<()> {
        self.conn()
            .execute("DELETE FROM presets WHERE id = ?1", [id.0])?;
        Ok(())
    }
}
