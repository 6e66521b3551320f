//! Request bodies from files or standard input, parsed strictly: an unknown or mistyped field is
//! an error naming its path, before anything is sent.

use std::io::Read;
use std::path::Path;

use agora_rest::recording::LayoutSettings;
use agora_rest::FieldError;
use serde::de::DeserializeOwned;
use serde_json::Value;

use crate::fail::Failure;

pub fn read<T: DeserializeOwned>(path: &Path) -> Result<T, Failure> {
    parse(&text(path)?)
}

/// A file's text, or standard input's for `-`.
pub fn text(path: &Path) -> Result<String, Failure> {
    Ok(if path == Path::new("-") {
        let mut s = String::new();
        std::io::stdin().read_to_string(&mut s).map_err(|e| {
            Failure::usage(format!("cannot read the body from standard input: {e}"))
        })?;
        s
    } else {
        std::fs::read_to_string(path)
            .map_err(|e| Failure::usage(format!("cannot read {}: {e}", path.display())))?
    })
}

/// A layout as the app's editor writes it: the updateLayout clientRequest, or a saved preset's
/// `{canvas, layout}` (the canvas only says what it was drawn on). Errors name the field's path.
pub fn layout(text: &str) -> Result<LayoutSettings, Failure> {
    let value: Value = parse(text)?;
    match value {
        Value::Object(mut o) if o.contains_key("canvas") && o.contains_key("layout") => {
            let inner = o.remove("layout").unwrap_or_default();
            serde_path_to_error::deserialize(inner).map_err(|e| {
                Failure::invalid(vec![FieldError::new(
                    format!("layout.{}", e.path()),
                    e.inner().to_string(),
                )])
            })
        }
        other => parse(&other.to_string()),
    }
}

pub fn parse<T: DeserializeOwned>(text: &str) -> Result<T, Failure> {
    let de = &mut serde_json::Deserializer::from_str(text);
    serde_path_to_error::deserialize(de).map_err(|e| {
        let path = e.path().to_string();
        let path = if path == "." { String::new() } else { path };
        Failure::invalid(vec![FieldError::new(path, e.inner().to_string())])
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use agora_rest::recording::StartRequest;

    #[test]
    fn unknown_fields_are_named_with_their_path() {
        let err = parse::<StartRequest>(
            r#"{"cname":"c","uid":"1","clientRequest":{"recordingConfig":{"channelType":0,"maxIdeTime":30}}}"#,
        )
        .unwrap_err();
        let Failure::Invalid(fields) = err else {
            panic!()
        };
        assert_eq!(fields[0].path, "clientRequest.recordingConfig.maxIdeTime");
        assert!(
            fields[0].message.contains("unknown field `maxIdeTime`"),
            "{}",
            fields[0].message
        );
    }
}
