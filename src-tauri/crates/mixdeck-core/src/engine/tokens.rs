//! RTC tokens for the recording bot, built from the profile's App Certificate in the keychain.

use agora_rest::Sensitive;

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
