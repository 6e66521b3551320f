//! RTC tokens for the recording bot, built from the profile's App Certificate in the keychain.

use agora_rest::Sensitive;
use serde::Serialize;

use super::Engine;
use crate::error::{CoreError, CoreResult};
use crate::store::ProfileId;
use crate::vault::SecretKind;

/// A recording's token cannot be renewed, so it must outlive the recording: Agora's maximum, 24 h.
pub const TOKEN_LIFETIME_SECS: u32 = 24 * 3600;

fn token_error(e: agora_token::TokenError) -> CoreError {
    match e {
        agora_token::TokenError::Invalid { field, rule } => {
            CoreError::invalid(&field.to_string(), rule.to_string())
        }
        other => CoreError::Internal(format!("could not build the token: {other}")),
    }
}

impl Engine {
    /// A publisher token for `uid` in `channel`, valid `expire_secs`.
    pub async fn rtc_token(
        &self,
        profile: ProfileId,
        channel: &str,
        uid: u32,
        expire_secs: u32,
    ) -> CoreResult<Sensitive<String>> {
        let p = self.profile(profile).await?.profile;
        let certificate = self
            .secret(profile, SecretKind::AppCertificate)
            .await?
            .ok_or(CoreError::MissingSecret {
            profile: p.name.clone(),
            what: "the App Certificate",
            hint:
                "set it in Profiles (Agora Console → Projects → your project → App Certificate); \
                   without one, channels need no token",
        })?;
        agora_token::build_token_with_uid(
            &p.app_id,
            certificate.expose(),
            channel,
            uid,
            agora_token::Role::Publisher,
            expire_secs,
            expire_secs,
        )
        .map(Sensitive::new)
        .map_err(token_error)
    }
}

/// What a token grants, decoded without any certificate: shown in the forms, never the token itself.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "camelCase")]
pub struct TokenInfo {
    pub app_id: String,
    /// Unix seconds.
    pub issued_at: i64,
    /// Unix seconds.
    pub expires_at: i64,
    pub rtc: Vec<RtcGrant>,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "camelCase")]
pub struct RtcGrant {
    pub channel: String,
    /// The uid or user account; "0" or empty means any uid.
    pub uid: String,
    /// "joinChannel", "publishAudio", "publishVideo", "publishData".
    pub privileges: Vec<String>,
}

/// Decodes an RTC token ("007…") to show what it grants and until when.
pub fn inspect_token(token: &str) -> CoreResult<TokenInfo> {
    let parsed = agora_token::parse(token)
        .map_err(|e| CoreError::invalid("token", format!("is not an Agora token: {e}")))?;
    let names = |id: u16| match id {
        1 => "joinChannel".to_owned(),
        2 => "publishAudio".to_owned(),
        3 => "publishVideo".to_owned(),
        4 => "publishData".to_owned(),
        other => format!("privilege{other}"),
    };
    Ok(TokenInfo {
        app_id: parsed.app_id.clone(),
        issued_at: i64::from(parsed.issue_ts),
        expires_at: parsed.expires_at() as i64,
        rtc: parsed
            .rtc_services()
            .map(|s| RtcGrant {
                channel: s.channel_name().to_owned(),
                uid: s.uid().to_owned(),
                privileges: s.privileges().keys().map(|k| names(*k)).collect(),
            })
            .collect(),
    })
}
