//! The file format for sharing presets of every kind (start forms, layouts, transcoder
//! configs): what the app's Import/Export and the CLI's `preset import/export` read and write.

use serde::{Deserialize, Serialize};

use super::preset_body::PresetBody;
use super::presets::{Preset, PresetKind};

/// The `format` a preset file declares.
pub const PRESET_FILE_FORMAT: &str = "mixdeck-presets";
/// The version this build reads and writes.
pub const PRESET_FILE_VERSION: u32 = 1;

/// One preset in a file.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct PresetEntry {
    pub name: String,
    /// The kind and the template, as saved: secrets redacted.
    #[serde(flatten)]
    pub body: PresetBody,
}

impl From<Preset> for PresetEntry {
    fn from(p: Preset) -> Self {
        PresetEntry {
            name: p.name,
            body: p.body,
        }
    }
}

#[derive(Serialize)]
struct PresetFile<'a> {
    format: &'a str,
    version: u32,
    presets: &'a [PresetEntry],
}

/// A preset file's text: the presets, pretty-printed.
pub fn preset_file_text(presets: &[PresetEntry]) -> String {
    let file = PresetFile {
        format: PRESET_FILE_FORMAT,
        version: PRESET_FILE_VERSION,
        presets,
    };
    serde_json::to_string_pretty(&file).unwrap_or_default() + "\n"
}

/// The presets in a file's text, or what is wrong with it (naming the entry).
pub fn parse_preset_file(text: &str) -> Result<Vec<PresetEntry>, String> {
    let doc: serde_json::Value =
        serde_json::from_str(text).map_err(|e| format!("not JSON: {e}"))?;
    if doc["format"] != PRESET_FILE_FORMAT {
        return Err(format!(
            "not a Mixdeck preset file (\"format\" must be \"{PRESET_FILE_FORMAT}\")"
        ));
    }
    if doc["version"] != PRESET_FILE_VERSION {
        return Err(format!(
            "version {} is not supported (this build reads version {PRESET_FILE_VERSION})",
            doc["version"]
        ));
    }
    let list = doc["presets"]
        .as_array()
        .filter(|l| !l.is_empty())
        .ok_or("the file has no presets")?;
    list.iter()
        .enumerate()
        .map(|(i, p)| {
            let kind = p["kind"]
                .as_str()
                .and_then(PresetKind::parse)
                .ok_or_else(|| {
                    let kinds: Vec<&str> = PresetKind::ALL.iter().map(|k| k.as_str()).collect();
                    format!("presets.{i}.kind: must be one of {}", kinds.join(", "))
                })?;
            let name = p["name"].as_str().map(str::trim).unwrap_or_default();
            if name.is_empty() {
                return Err(format!("presets.{i}.name: must not be empty"));
            }
            let body = PresetBody::read(kind, p["body"].clone()).map_err(|e| {
                let at = if e.path.is_empty() {
                    String::new()
                } else {
                    format!(".{}", e.path)
                };
                format!("presets.{i}.body{at}: {}", e.message)
            })?;
            Ok(PresetEntry {
                name: name.to_owned(),
                body,
            })
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn a_file_round_trips_and_bad_entries_are_named() {
        let layout =
            json!({"canvas": {"width": 640, "height": 360}, "layout": {"mixedVideoLayout": 1}});
        let entries = vec![PresetEntry {
            name: "grid".into(),
            body: PresetBody::read(PresetKind::Layout, layout).unwrap(),
        }];
        let text = preset_file_text(&entries);
        assert!(text.contains("\"format\": \"mixdeck-presets\""));
        assert_eq!(parse_preset_file(&text).unwrap(), entries);
        let bad = json!({"format": "mixdeck-presets", "version": 1, "presets": [{"kind": "layout", "name": " ", "body": {}}]});
        assert_eq!(
            parse_preset_file(&bad.to_string()).unwrap_err(),
            "presets.0.name: must not be empty"
        );
        let wrong = json!({"format": "mixdeck-presets", "version": 1, "presets": [
            {"kind": "layout", "name": "grid", "body": {"layout": {"mixedVideoLayout": "grid"}}}]});
        let message = parse_preset_file(&wrong.to_string()).unwrap_err();
        assert!(
            message.starts_with("presets.0.body.layout.mixedVideoLayout: must be"),
            "{message}"
        );
        let unknown = json!({"format": "mixdeck-presets", "version": 1, "presets": [
            {"kind": "recording", "name": "a", "body": {}}]});
        assert_eq!(
            parse_preset_file(&unknown.to_string()).unwrap_err(),
            "presets.0.kind: must be one of recordingStart, layout, transcodingCreate"
        );
        assert!(parse_preset_file(r#"{"format": "x"}"#)
            .unwrap_err()
            .starts_with("not a Mixdeck preset file"));
        assert!(
            parse_preset_file(r#"{"format": "mixdeck-presets", "version": 2}"#)
                .unwrap_err()
                .starts_with("version 2 is not supported")
        );
    }
}
