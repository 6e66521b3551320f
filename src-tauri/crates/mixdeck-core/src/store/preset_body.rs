//! What a preset holds, typed by its kind: templates for a form, in the shapes the forms edit.
//!
//! A template is not a request: its channel and uid may be empty, and its secrets are redacted
//! (the keychain fills them when it is used). Each kind's shape is the one its form sends, so a
//! template loads back without guessing.

use agora_rest::recording::{AcquireClientRequest, LayoutSettings, Mode, StartRequest};
use agora_rest::transcoding::CreateRequest;
use agora_rest::FieldError;
use serde::{Deserialize, Serialize};

use super::presets::PresetKind;

/// A preset's kind and its body, together (`{"kind": …, "body": …}`).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(tag = "kind", content = "body", rename_all = "camelCase")]
// Built once per row read or form saved: a box would save nothing that matters.
#[allow(clippy::large_enum_variant)]
pub enum PresetBody {
    RecordingStart(RecordingTemplate),
    Layout(LayoutTemplate),
    TranscodingCreate(TranscodingTemplate),
}

/// The start form: the mode, the acquire options, the start body and the form's own choices.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct RecordingTemplate {
    pub mode: Mode,
    #[serde(default)]
    pub acquire: AcquireClientRequest,
    /// cname and uid may be empty: the form keeps its own then.
    pub start: StartRequest,
    /// Send acquire's `startParameter` (a copy of the start body, made when sending).
    #[serde(default)]
    pub send_start_parameter: bool,
    /// Build the bot's token from the profile's App Certificate.
    #[serde(default = "yes")]
    pub generate_token: bool,
    /// Re-send start after code 65.
    #[serde(default)]
    pub retry_code65: bool,
}

/// A composite layout and the canvas it was drawn on (coordinates are normalized, so it fits
/// any canvas; the canvas only reopens it at the same shape).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct LayoutTemplate {
    pub canvas: Option<CanvasSize>,
    pub layout: LayoutSettings,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(deny_unknown_fields)]
pub struct CanvasSize {
    pub width: u32,
    pub height: u32,
}

/// The transcoding form: the create body and the form's own choices.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct TranscodingTemplate {
    pub create: CreateRequest,
    /// Fill missing RTC tokens from the profile's App Certificate.
    #[serde(default = "yes")]
    pub generate_tokens: bool,
}

fn yes() -> bool {
    true
}

impl PresetBody {
    pub fn kind(&self) -> PresetKind {
        match self {
            PresetBody::RecordingStart(_) => PresetKind::RecordingStart,
            PresetBody::Layout(_) => PresetKind::Layout,
            PresetBody::TranscodingCreate(_) => PresetKind::TranscodingCreate,
        }
    }

    /// `value` read as a `kind` template, or the first place it does not fit, in words.
    pub fn read(kind: PresetKind, value: serde_json::Value) -> Result<Self, FieldError> {
        use crate::body::decode;
        Ok(match kind {
            PresetKind::RecordingStart => PresetBody::RecordingStart(decode(
                value,
                "a start-form preset: an object with mode, acquire and start",
            )?),
            PresetKind::Layout => PresetBody::Layout(decode(
                value,
                "a layout preset: an object with canvas and layout",
            )?),
            PresetKind::TranscodingCreate => PresetBody::TranscodingCreate(decode(
                value,
                "a transcoder preset: an object with create",
            )?),
        })
    }

    /// The body alone, as JSON (what the database keeps; the kind has its own column).
    pub fn to_json(&self) -> serde_json::Value {
        let value = match self {
            PresetBody::RecordingStart(t) => serde_json::to_value(t),
            PresetBody::Layout(t) => serde_json::to_value(t),
            PresetBody::TranscodingCreate(t) => serde_json::to_value(t),
        };
        value.unwrap_or_default()
    }
}
