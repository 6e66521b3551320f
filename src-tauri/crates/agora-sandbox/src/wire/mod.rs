//! The sandbox's own reading of Agora's wire format, written from `agora-docs.md`: schemas of
//! the request bodies, the few structs the emulation acts on, and the documented rules across
//! fields. Nothing here comes from agora-rest, so a wrong key name or an over-strict rule in the
//! client is not copied into the sandbox; `crosscheck` lists where the two readings differ.

#[cfg(test)]
mod crosscheck;
pub mod recording;
pub mod recording_schema;
pub mod schema;
pub mod transcoding;

use serde::de::DeserializeOwned;

use crate::body::{self, BodyError};
use schema::{Completeness, Kind, Prop};

/// The body checked against `props`, then read as `T`.
pub fn read<T: DeserializeOwned>(bytes: &[u8], props: &'static [Prop]) -> Result<T, BodyError> {
    read_value(&body::json(bytes)?, props).map_err(BodyError::Invalid)
}

/// A JSON body checked against `props`, then read as `T`.
pub fn read_value<T: DeserializeOwned>(
    value: &serde_json::Value,
    props: &'static [Prop],
) -> Result<T, Vec<schema::Problem>> {
    let normal = schema::check(value, &Kind::Object(props), Completeness::Whole)?;
    // The schema has checked every type `T` reads, so this fails only if the two disagree.
    serde_json::from_value(normal).map_err(|e| {
        vec![schema::Problem {
            path: String::new(),
            rule: format!("could not be read: {e}"),
        }]
    })
}
