//! Named payload templates shared by the forms and the layout editor.

use mixdeck_core::error::blocking;
use mixdeck_core::store::{Preset, PresetId, PresetKind};
use mixdeck_core::Engine;
use tauri::State;

use crate::error::CommandError;

#[tauri::command]
#[specta::specta]
pub async fn list_presets(
    engine: State<'_, Engine>,
    kind: Option<PresetKind>,
) -> Result<Vec<Preset>, CommandError> {
    let store = engine.store();
    Ok(blocking(move || Ok(store.presets(kind)?)).await?)
}

/// Saves (or replaces, by kind and name) a preset; secrets in the body are redacted.
#[tauri::command]
#[specta::specta]
pub async fn save_preset(
    engine: State<'_, Engine>,
    kind: PresetKind,
    name: String,
    body: serde_json::Value,
) -> Result<Preset, CommandError> {
    let store = engine.store();
    Ok(blocking(move || Ok(store.save_preset(kind, &name, &body)?)).await?)
}

#[tauri::command]
#[specta::specta]
pub async fn delete_preset(engine: State<'_, Engine>, id: PresetId) -> Result<(), CommandError> {
    let store = engine.store();
    Ok(blocking(move || Ok(store.delete_preset(id)?)).await?)
}
