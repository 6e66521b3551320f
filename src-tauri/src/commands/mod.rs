//! Tauri commands, one module per domain. Each is a few lines: parse, call mixdeck-core, map the error.
//! Every command must also be listed in `build.rs` (the app manifest) and granted in
//! `capabilities/main.json`.

pub mod app;
pub mod history;
pub mod images;
pub mod presets;
pub mod profiles;
pub mod recording;
pub mod recovery;
pub mod reference;
pub mod storage;
pub mod tokens;
pub mod transcoding;
pub mod validation;
