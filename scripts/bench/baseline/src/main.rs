//! An empty Tauri 2 app: one window, one page that tells the process when it has painted.
#![cfg_attr(not(debug_assertions), windows_subsystem = "windows")]

use std::sync::OnceLock;
use std::time::Instant;

static STARTED: OnceLock<Instant> = OnceLock::new();

/// The page calls this after its first paint; the same line Mixdeck logs (the bench reads it).
#[tauri::command]
fn interactive() {
    let ms = STARTED.get().map_or(0, |t| t.elapsed().as_millis());
    eprintln!("window interactive after {ms} ms");
}

fn main() {
    STARTED.get_or_init(Instant::now);
    tauri::Builder::default()
        .invoke_handler(tauri::generate_handler![interactive])
        .run(tauri::generate_context!())
        .expect("the baseline app could not start");
}
