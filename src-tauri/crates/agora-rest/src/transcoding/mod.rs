//! Cloud Transcoding: `/v1/projects/{appId}/rtsc/cloud-transcoder/...`.

pub mod ops;
pub mod templates;
pub mod types;
mod validate;

pub use ops::*;
pub use templates::*;
pub use types::*;
pub use validate::{
    check_acquire, check_create, check_update, validate_acquire, validate_create, validate_update,
};
