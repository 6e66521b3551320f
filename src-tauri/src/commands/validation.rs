//! Validation of request bodies as the user types, with the same rules the client enforces
//! (`mixdeck_core::body`, shared with the CLI).

use agora_rest::recording::Mode;
use agora_rest::FieldError;
use mixdeck_core::body::{self, BodyCheck, BodyKind, Payload};

/// The argument is not named `payload`: Tauri's isolation pattern takes an argument object
/// whose only key is `payload` for one of its own encrypted messages, and the call never ends.
#[tauri::command]
#[specta::specta]
pub fn validate_payload(request: Payload) -> Vec<FieldError> {
    body::check(&request)
}

#[tauri::command]
#[specta::specta]
pub fn check_body(kind: BodyKind, mode: Option<Mode>, body: serde_json::Value) -> BodyCheck {
    body::check_json(kind, mode, body)
}
