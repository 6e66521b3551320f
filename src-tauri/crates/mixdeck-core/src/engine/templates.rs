//! Transcoding templates (multi-bitrate renditions viewers join as `channel_codecId`): a
//! project's settings, not sessions, so they are listed from Agora rather than kept in history.

use agora_rest::transcoding::{TemplateRequest, TemplatesResponse};

use super::Engine;
use crate::error::CoreResult;
use crate::store::ProfileId;

impl Engine {
    /// Every template of the profile's project, as Agora lists them.
    pub async fn list_templates(&self, profile: ProfileId) -> CoreResult<TemplatesResponse> {
        let (_, client) = self.client(profile).await?;
        Ok(client.templates().list().await?.body)
    }

    /// Creates or replaces template `codec_id`, then lists them all (what the app shows next).
    pub async fn save_template(
        &self,
        profile: ProfileId,
        codec_id: &str,
        template: &TemplateRequest,
    ) -> CoreResult<TemplatesResponse> {
        let (_, client) = self.client(profile).await?;
        client.templates().save(codec_id, template).await?;
        tracing::info!(
            codec_id,
            enabled = template.enabled,
            "transcoding template saved"
        );
        Ok(client.templates().list().await?.body)
    }
}
