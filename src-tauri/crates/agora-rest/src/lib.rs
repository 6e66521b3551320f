//! Typed client for Agora's Cloud Recording and Cloud Transcoding REST APIs.
//!
//! This crate knows nothing of Tauri, storage or the keychain: it turns typed requests into HTTP and
//! HTTP back into typed responses and errors. For now it holds the validation vocabulary every layer
//! shares; the operations arrive with the client.

pub mod validate;

pub use validate::FieldError;
