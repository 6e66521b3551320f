//! Mixdeck's engine, shared by the desktop app and the CLI.
//!
//! Nothing here depends on Tauri: the app's commands are thin wrappers over this crate, and
//! `mixdeck-cli` drives it exactly the same way.

pub mod body;
pub mod engine;
pub mod error;
pub mod paths;
pub mod preview_image;
pub mod recovery;
pub mod reference;
pub mod report;
pub mod storage;
pub mod store;
pub mod vault;

pub use engine::{Engine, EngineConfig, EngineEvent};
pub use error::{CoreError, CoreResult, EngineCode, ErrorCode};
pub use report::ErrorReport;
