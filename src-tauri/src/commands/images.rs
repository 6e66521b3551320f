//! Remote images a layout names, fetched by the core (the window's `img-src` is its own only).

use mixdeck_core::preview_image::{self, PreviewImage};

use crate::error::CommandError;

/// A layout's `backgroundImage` as a `data:` URL, when it is a real image over HTTPS.
#[tauri::command]
#[specta::specta]
pub async fn preview_image(url: String) -> Result<PreviewImage, CommandError> {
    Ok(preview_image::fetch(&url).await?)
}
