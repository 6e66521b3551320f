//! Transcoding templates (`rtls/abr/config/codecs`), kept per project, read from the docs'
//! rules (reference notes, agora-more §2.2) rather than from agora-rest's types:
//!
//! * `codecId`: 1 to 64 bytes of `a-z A-Z 0-9`, space and `! # $ % & ( ) + - : ; < = . > ? @ [ ] ^ _ { } | ,`;
//! * body `{enabled: bool, video: {width ≤ 1920, height ≤ 1920, fps ≤ 60}}`, all required;
//! * 200 `{status: "success"}`; failures `{status: "error", message}` with a 4xx.
//!
//! There is no delete: a template is disabled with `enabled: false`.

use serde_json::{json, Value};

use crate::reply::Reply;
use crate::store::Shared;

/// One saved template.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TemplateRecord {
    pub enabled: bool,
    pub width: u64,
    pub height: u64,
    pub fps: u64,
}

const PUNCTUATION: &str = "!#$%&()+-:;<=.>?@[]^_{}|,";

fn refuse(status: u16, message: impl Into<String>) -> Reply {
    Reply::value(
        status,
        json!({"status": "error", "message": message.into()}),
    )
}

fn codec_id_ok(id: &str) -> bool {
    !id.is_empty()
        && id.len() <= 64
        && id
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || c == ' ' || PUNCTUATION.contains(c))
}

/// The body's template, or what is wrong with it (the first problem).
fn read(bytes: &[u8]) -> Result<TemplateRecord, String> {
    let body: Value =
        serde_json::from_slice(bytes).map_err(|e| format!("the body is not JSON: {e}"))?;
    let obj = body.as_object().ok_or("the body must be a JSON object")?;
    if let Some(k) = obj
        .keys()
        .find(|k| !["enabled", "video"].contains(&k.as_str()))
    {
        return Err(format!("unknown field {k}"));
    }
    let enabled = obj
        .get("enabled")
        .and_then(Value::as_bool)
        .ok_or("enabled: required, true or false")?;
    let video = obj
        .get("video")
        .and_then(Value::as_object)
        .ok_or("video: required, an object with width, height and fps")?;
    if let Some(k) = video
        .keys()
        .find(|k| !["width", "height", "fps"].contains(&k.as_str()))
    {
        return Err(format!("video: unknown field {k}"));
    }
    let side = |key: &str, max: u64| {
        let v = video
            .get(key)
            .and_then(Value::as_u64)
            .ok_or_else(|| format!("video.{key}: required, a positive integer"))?;
        if v == 0 || v > max {
            return Err(format!("video.{key}: must be 1 to {max}, got {v}"));
        }
        Ok(v)
    };
    Ok(TemplateRecord {
        enabled,
        width: side("width", 1920)?,
        height: side("height", 1920)?,
        fps: side("fps", 60)?,
    })
}

pub(crate) fn save(shared: &Shared, codec_id: &str, bytes: &[u8]) -> Reply {
    if !codec_id_ok(codec_id) {
        return refuse(
            400,
            format!("codecId: 1 to 64 bytes of a-z, A-Z, 0-9, space and {PUNCTUATION}"),
        );
    }
    match read(bytes) {
        Ok(t) => {
            shared.store().templates.insert(codec_id.to_owned(), t);
            Reply::value(200, json!({"status": "success"}))
        }
        Err(message) => refuse(400, message),
    }
}

pub(crate) fn list(shared: &Shared) -> Reply {
    let store = shared.store();
    let codecs: Vec<Value> = store
        .templates
        .iter()
        .map(|(id, t)| {
            json!({"id": id, "enabled": t.enabled,
                   "video": {"width": t.width, "height": t.height, "fps": t.fps}})
        })
        .collect();
    Reply::value(
        200,
        json!({"status": "success", "data": {"enabled": true, "codecs": codecs}}),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codec_ids_and_bodies_follow_the_documented_rules() {
        assert!(codec_id_ok("720p_30 (main)"));
        assert!(!codec_id_ok(""));
        assert!(!codec_id_ok(&"a".repeat(65)));
        assert!(!codec_id_ok("slash/no"));
        let ok = br#"{"enabled": true, "video": {"width": 1280, "height": 720, "fps": 30}}"#;
        assert_eq!(read(ok).unwrap().width, 1280);
        for (bad, says) in [
            (
                &br#"{"video": {"width": 1, "height": 1, "fps": 1}}"#[..],
                "enabled",
            ),
            (
                br#"{"enabled": true, "video": {"width": 1921, "height": 1, "fps": 1}}"#,
                "video.width: must be 1 to 1920",
            ),
            (
                br#"{"enabled": true, "video": {"width": 1, "height": 1, "fps": 61}}"#,
                "video.fps",
            ),
            (br#"{"enabled": true, "Video": {}}"#, "unknown field Video"),
        ] {
            assert!(read(bad).unwrap_err().contains(says), "{says}");
        }
    }
}
