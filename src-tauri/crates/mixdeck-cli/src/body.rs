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

/// A layout as the app's editor writes it: the updateLayout clientRequest; also a saved preset's
/// `{canvas, layout}` (the canvas only says what it was drawn on) or a whole updateLayout body
/// (`{cname, uid, clientRequest}`; the session supplies cname and uid). Errors name the field's path.
pub fn layout(text: &str) -> Result<LayoutSettings, Failure> {
    layout_value(parse(text)?)
}

/// `layout` for a body already parsed (a saved preset's).
pub fn layout_value(mut value: Value) -> Result<LayoutSettings, Failure> {
    let wrapper = match &value {
        Value::Object(o) if o.contains_key("canvas") && o.contains_key("layout") => Some("layout"),
        Value::Object(o) if o.contains_key("clientRequest") => Some("clientRequest"),
        _ => None,
    };
    let inner = match wrapper {
        Some(key) => value[key].take(),
        None => value,
    };
    mixdeck_core::body::decode(inner, "a JSON object (an updateLayout clientRequest)").map_err(
        |mut e| {
            if let Some(key) = wrapper {
                e.path = if e.path.is_empty() {
                    key.to_owned()
                } else {
                    format!("{key}.{}", e.path)
                };
            }
            Failure::invalid(vec![e])
        },
    )
}

#[cfg(test)]
mod layout_tests {
    use super::*;

    const FRAGMENT: &str =
        r#"{"mixedVideoLayout":3,"layoutConfig":[{"x_axis":0,"y_axis":0,"width":1,"height":1}]}"#;

    #[test]
    fn reads_the_fragment_a_preset_and_a_whole_body() {
        for text in [
            FRAGMENT.to_owned(),
            format!(r#"{{"canvas":{{"width":640,"height":360}},"layout":{FRAGMENT}}}"#),
            format!(r#"{{"cname":"c","uid":"1","clientRequest":{FRAGMENT}}}"#),
        ] {
            let l = layout(&text).unwrap_or_else(|_| panic!("{text}"));
            assert_eq!(l.layout_config.map(|r| r.len()), Some(1), "{text}");
        }
    }

    #[test]
    fn names_the_path_of_a_bad_field_inside_a_preset() {
        let text = r#"{"canvas":{},"layout":{"layoutConfig":[{"x_axis":"left"}]}}"#;
        let Err(Failure::Invalid(fields)) = layout(text) else {
            panic!("accepted")
        };
        assert!(
            fields[0].path.starts_with("layout.layoutConfig"),
            "{}",
            fields[0].path
        );
    }
}

/// The text as `T`: not JSON is said as such; JSON of the wrong shape names the path and what it
/// must be, in the same words as the app (`mixdeck_core::body`).
pub fn parse<T: DeserializeOwned>(text: &str) -> Result<T, Failure> {
    let value: Value = serde_json::from_str(text).map_err(|e| {
        Failure::invalid(vec![FieldError::new(
            "",
            format!("the body is not JSON: {e}"),
        )])
    })?;
    mixdeck_core::body::decode(value, "a JSON object").map_err(|e| Failure::invalid(vec![e]))
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
            fields[0]
                .message
                .starts_with("is not a field Agora documents here"),
            "{}",
            fields[0].message
        );
    }
}
