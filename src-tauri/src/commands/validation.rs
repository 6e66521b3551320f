//! Validation of request bodies as the user types, with the same rules the client enforces
//! (`mixdeck_core::body`, shared with the CLI).

use agora_rest::recording::Mode;
use agora_rest::FieldError;
use mixdeck_core::body::{self, BodyCheck, BodyKind, Payload};

#[tauri::command]
#[specta::specta]
pub fn validate_payload(payload: Payload) -> Vec<FieldError> {
    body::check(&payload)
}

#[tauri::command]
#[specta::specta]
pub fn check_body(kind: BodyKind, mode: Option<Mode>, body: serde_json::Value) -> BodyCheck {
    body::check_json(kind, mode, body)
}
