//! Named payload templates shared by the forms and the layout editor.

use mixdeck_core::error::blocking;
use mixdeck_core::store::{
    parse_preset_file, preset_file_text, Preset, PresetBody, PresetEntry, PresetId, PresetKind,
};
use mixdeck_core::{Engine, EngineCode};
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
    name: String,
    preset: PresetBody,
) -> Result<Preset, CommandError> {
    let store = engine.store();
    Ok(blocking(move || Ok(store.save_preset(&name, &preset)?)).await?)
}

#[tauri::command]
#[specta::specta]
pub async fn delete_preset(engine: State<'_, Engine>, id: PresetId) -> Result<(), CommandError> {
    let store = engine.store();
    Ok(blocking(move || Ok(store.delete_preset(id)?)).await?)
}

/// Saves every preset in a preset file's text (the Import button); nothing is saved when an
/// entry is wrong, and the error names it.
#[tauri::command]
#[specta::specta]
pub async fn import_presets(
    engine: State<'_, Engine>,
    text: String,
) -> Result<Vec<Preset>, CommandError> {
    let entries = parse_preset_file(&text)
        .map_err(|e| CommandError::new(EngineCode::PresetFileInvalid, e))?;
    let store = engine.store();
    Ok(blocking(move || Ok(store.import_presets(&entries)?)).await?)
}

/// A preset file's text holding the presets with these ids (the Export button).
#[tauri::command]
#[specta::specta]
pub async fn export_presets(
    engine: State<'_, Engine>,
    ids: Vec<PresetId>,
) -> Result<String, CommandError> {
    let store = engine.store();
    let presets = blocking(move || Ok(store.presets(None)?)).await?;
    let entries: Vec<PresetEntry> = presets
        .into_iter()
        .filter(|p| ids.contains(&p.id))
        .map(PresetEntry::from)
        .collect();
    Ok(preset_file_text(&entries))
}
