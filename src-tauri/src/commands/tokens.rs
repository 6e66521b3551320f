//! RTC tokens. The app builds them in the backend at start (from the App Certificate); the UI
//! only ever decodes a token the user pasted, to show what it grants and until when.

use mixdeck_core::engine::{inspect_token as inspect, TokenInfo};

use crate::error::CommandError;

#[tauri::command]
#[specta::specta]
pub fn inspect_token(token: String) -> Result<TokenInfo, CommandError> {
    Ok(inspect(&token)?)
}
