//! Cloud Transcoding templates (audience-side multi-bitrate "ABR codecs"):
//! `/v1/projects/{appId}/rtls/abr/config/codecs[/{codecId}]`.
//!
//! A template `codecId` makes a transcoded rendition of channel `c` available to viewers who
//! join `c_codecId`. Create and update are the same call; there is no delete (disable instead).

use serde::{Deserialize, Serialize};

use crate::client::{
    api_error, encode_body, encode_segment, Client, RawResponse, RequestSpec, Response,
};
use crate::error::Error;
use crate::limits;
use crate::op::Op;
use crate::validate::{errors_only, FieldError, Validator};

/// The body of a create-or-update.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct TemplateRequest {
    /// Whether viewers can join the template's channel.
    pub enabled: bool,
    pub video: TemplateVideo,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(deny_unknown_fields)]
pub struct TemplateVideo {
    pub width: u32,
    pub height: u32,
    pub fps: u32,
}

/// A saved template's video settings as the query answers them: the request's fields, and any
/// others Agora adds kept in `extra` (one unknown key must not lose the whole list).
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct SavedTemplateVideo {
    pub width: u32,
    pub height: u32,
    pub fps: u32,
    #[serde(flatten)]
    pub extra: crate::Extra,
}

/// One saved template, as the query lists it (unknown fields stay in `extra`).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "camelCase")]
pub struct Template {
    /// The codecId.
    pub id: String,
    #[serde(default)]
    pub enabled: bool,
    /// The docs' table spells it `Video`, their example `video`: both are read.
    #[serde(default, alias = "Video")]
    pub video: Option<SavedTemplateVideo>,
    #[serde(flatten)]
    pub extra: crate::Extra,
}

/// `GET …/codecs`: `{status, data: {enabled, codecs}}`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "camelCase")]
pub struct TemplatesResponse {
    pub status: String,
    #[serde(default)]
    pub data: Option<TemplatesData>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "camelCase")]
pub struct TemplatesData {
    /// Whether audience-side multi-bitrate is on for the project.
    #[serde(default)]
    pub enabled: Option<bool>,
    #[serde(default)]
    pub codecs: Vec<Template>,
}

/// The answer to a create-or-update: `{status: "success"}`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct TemplateSaved {
    pub status: String,
}

/// At most this many bytes in a codecId.
pub const CODEC_ID_MAX_BYTES: usize = 64;
/// The punctuation a codecId may hold besides `a-z A-Z 0-9` and space.
pub const CODEC_ID_PUNCTUATION: &str = "!#$%&()+-:;<=.>?@[]^_{}|,";

/// The channel viewers join to receive template `codec_id` of `channel`.
pub fn template_channel(channel: &str, codec_id: &str) -> String {
    format!("{channel}_{codec_id}")
}

/// Every broken rule of a create-or-update, with dotted paths (`codecId` for the id).
pub fn check_template(codec_id: &str, req: &TemplateRequest) -> Vec<FieldError> {
    let mut v = Validator::new();
    let allowed =
        |c: char| c.is_ascii_alphanumeric() || c == ' ' || CODEC_ID_PUNCTUATION.contains(c);
    if codec_id.is_empty() || codec_id.len() > CODEC_ID_MAX_BYTES {
        v.error(
            "codecId",
            format!(
                "must be 1 to {CODEC_ID_MAX_BYTES} bytes, got {}",
                codec_id.len()
            ),
        );
    } else if let Some(bad) = codec_id.chars().find(|c| !allowed(*c)) {
        v.error(
            "codecId",
            format!("may hold only a-z, A-Z, 0-9, space and {CODEC_ID_PUNCTUATION}, got {bad:?}"),
        );
    }
    v.at("video", |v| {
        v.limit("width", Some(req.video.width), limits::TEMPLATE_SIDE);
        v.limit("height", Some(req.video.height), limits::TEMPLATE_SIDE);
        v.limit("fps", Some(req.video.fps), limits::TEMPLATE_FPS);
    });
    v.report()
}

/// Templates calls on a [`Client`]. Every request is validated before it is sent.
pub struct Templates<'a> {
    client: &'a Client,
}

impl Client {
    pub fn templates(&self) -> Templates<'_> {
        Templates { client: self }
    }
}

impl Templates<'_> {
    fn base(&self) -> String {
        format!(
            "/v1/projects/{}/rtls/abr/config/codecs",
            encode_segment(self.client.app_id().as_str())
        )
    }

    pub fn save_spec(&self, codec_id: &str, req: &TemplateRequest) -> Result<RequestSpec, Error> {
        errors_only(check_template(codec_id, req)).map_err(Error::Invalid)?;
        Ok(RequestSpec {
            op: Op::TemplateSave,
            method: reqwest::Method::POST,
            path: format!("{}/{}", self.base(), encode_segment(codec_id)),
            query: vec![],
            body: Some(encode_body(req)?),
            retry_code65: false,
            mode: None,
            slow: false,
        })
    }

    pub fn list_spec(&self) -> RequestSpec {
        RequestSpec {
            op: Op::TemplateList,
            method: reqwest::Method::GET,
            path: self.base(),
            query: vec![],
            body: None,
            retry_code65: false,
            mode: None,
            slow: false,
        }
    }

    /// Creates template `codec_id`, or replaces it (the same call).
    pub async fn save(
        &self,
        codec_id: &str,
        req: &TemplateRequest,
    ) -> Result<Response<TemplateSaved>, Error> {
        let spec = self.save_spec(codec_id, req)?;
        decode_template(spec.op, self.client.send(&spec).await?)
    }

    /// Every template of the project.
    pub async fn list(&self) -> Result<Response<TemplatesResponse>, Error> {
        let spec = self.list_spec();
        decode_template(spec.op, self.client.send(&spec).await?)
    }
}

/// 2xx with `status` other than "error" is success; `{status: "error", message}` is an error
/// answer whatever the HTTP status.
fn decode_template<T: serde::de::DeserializeOwned>(
    op: Op,
    raw: RawResponse,
) -> Result<Response<T>, Error> {
    let refused =
        serde_json::from_str::<serde_json::Value>(&raw.body).is_ok_and(|v| v["status"] == "error");
    if !(200..300).contains(&raw.status) || refused {
        return Err(api_error(op, raw));
    }
    crate::client::decode(op, raw)
}
