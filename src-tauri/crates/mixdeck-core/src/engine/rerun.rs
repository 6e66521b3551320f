//! "Run again": a stored session's settings as a new start, with new ids and the secrets the
//! history redacted taken from the keychain again, as for any new start.

use agora_rest::recording::{StartClientRequest, StorageConfig};
use agora_rest::secret::REDACTED;
use agora_rest::Sensitive;
use serde::{Deserialize, Serialize};

use super::recording::BeginRecording;
use super::transcoding::{forget_redacted_tokens, BeginTranscoding};
use super::{Engine, PreviewRequest};
use crate::error::{blocking, CoreError, CoreResult};
use crate::store::{
    PresetBody, ProfileId, RecordingTemplate, SessionConfig, SessionId, SessionRow,
    TranscodingTemplate,
};

/// What a new start from a stored session uses: the form's template, filled from its config.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "camelCase")]
pub struct RerunPlan {
    /// The session it comes from.
    pub from: SessionId,
    /// Its profile, if it still exists.
    pub profile_id: Option<ProfileId>,
    /// The start or create form's template: the channel and uid it used, every setting, secrets
    /// left empty (storage keys, filled from the keychain) or out (tokens, generated again).
    pub template: PresetBody,
    /// A new transcoding task needs a new instance id (one live task per id).
    pub instance_id: Option<String>,
}

/// What `rerun` did: started (the new session) or, for a dry run, the requests it would send.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(tag = "kind", rename_all = "camelCase")]
pub enum RerunOutcome {
    Started { session: Box<SessionRow> },
    Preview { requests: Vec<PreviewRequest> },
}

fn is_redacted(s: &Sensitive<String>) -> bool {
    s.expose() == REDACTED
}

/// Empties storage keys the history redacted (the keychain fills empty ones) and drops a
/// redacted STS token.
fn reuse_storage(s: &mut StorageConfig) {
    for key in [&mut s.access_key, &mut s.secret_key] {
        if is_redacted(key) {
            *key = Sensitive::new(String::new());
        }
    }
    if s.sts_token.as_ref().is_some_and(is_redacted) {
        s.sts_token = None;
    }
}

/// A stored start request made ready to send again: no redaction marker is ever sent as a value.
/// A decryption secret or salt cannot come back (the keychain does not hold them): left empty,
/// validation asks for them.
pub(crate) fn reuse_start(cr: &mut StartClientRequest) {
    if cr.token.as_ref().is_some_and(is_redacted) {
        cr.token = None;
    }
    if let Some(s) = cr.storage_config.as_mut() {
        reuse_storage(s);
    }
    if let Some(rc) = cr.recording_config.as_mut() {
        for v in [&mut rc.secret, &mut rc.salt].into_iter().flatten() {
            if is_redacted(v) {
                *v = Sensitive::new(String::new());
            }
        }
    }
}

/// `mixdeck-` and six random digits, like the form's own.
pub fn new_instance_id() -> String {
    use std::hash::{BuildHasher, Hasher};
    let mut h = std::collections::hash_map::RandomState::new().build_hasher();
    h.write_u128(
        std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .map(|d| d.as_nanos())
            .unwrap_or(0),
    );
    format!("mixdeck-{:06}", h.finish() % 1_000_000)
}

/// The plan for a new start from `row`.
pub fn rerun_plan(row: &SessionRow) -> CoreResult<RerunPlan> {
    let template = match &row.config {
        SessionConfig::Recording { acquire, start } => {
            let mode = row.mode.ok_or_else(|| {
                CoreError::invalid("session", format!("session {} has no mode", row.id))
            })?;
            let mut start = start.clone();
            let generate_token = start.client_request.token.is_some();
            reuse_start(&mut start.client_request);
            let mut acquire = acquire.client_request.clone();
            let send_start_parameter = acquire.start_parameter.is_some();
            // The form sends a copy of the start body as startParameter when asked to.
            acquire.start_parameter = None;
            PresetBody::RecordingStart(RecordingTemplate {
                mode,
                acquire,
                start,
                send_start_parameter,
                generate_token,
                retry_code65: false,
            })
        }
        SessionConfig::Transcoding { create } => {
            let mut create = create.clone();
            let had_tokens = create
                .services
                .cloud_transcoder
                .config
                .transcoder
                .rtcs()
                .any(|rtc| rtc.rtc_token.is_some());
            forget_redacted_tokens(&mut create);
            PresetBody::TranscodingCreate(TranscodingTemplate {
                create,
                generate_tokens: had_tokens,
            })
        }
        SessionConfig::Unrecognized { .. } => {
            return Err(CoreError::invalid(
                "session",
                format!(
                    "session {} was stored in a shape this Mixdeck cannot start again",
                    row.id
                ),
            ))
        }
    };
    Ok(RerunPlan {
        from: row.id,
        profile_id: row.profile_id,
        instance_id: matches!(template, PresetBody::TranscodingCreate(_)).then(new_instance_id),
        template,
    })
}

impl Engine {
    /// The plan for starting `id` again (the app pre-fills its form with it).
    pub async fn rerun_plan(&self, id: SessionId) -> CoreResult<RerunPlan> {
        let store = self.store();
        let row = blocking(move || Ok(store.session(id)?)).await?;
        rerun_plan(&row)
    }

    /// Starts `id` again with the same settings (new ids, secrets from the keychain), or, with
    /// `dry_run`, returns the requests it would send, secrets redacted.
    pub async fn rerun(
        &self,
        id: SessionId,
        profile: Option<ProfileId>,
        dry_run: bool,
    ) -> CoreResult<RerunOutcome> {
        let plan = self.rerun_plan(id).await?;
        let profile_id = profile.or(plan.profile_id).ok_or_else(|| {
            CoreError::invalid(
                "profile",
                format!("the profile of session {id} was deleted: pick one to run it with"),
            )
        })?;
        match plan.template {
            PresetBody::RecordingStart(t) => {
                let mut acquire = t.acquire;
                if t.send_start_parameter {
                    acquire.start_parameter = Some(t.start.client_request.clone());
                }
                let req = BeginRecording {
                    profile_id,
                    mode: t.mode,
                    acquire,
                    start: t.start,
                    retry_code65: t.retry_code65,
                    generate_token: t.generate_token,
                    // A preset checks its destination like the form does.
                    keys_elsewhere_confirmed: false,
                };
                Ok(if dry_run {
                    RerunOutcome::Preview {
                        requests: self.preview_recording(req).await?,
                    }
                } else {
                    RerunOutcome::Started {
                        session: Box::new(self.begin_recording(req).await?),
                    }
                })
            }
            PresetBody::TranscodingCreate(t) => {
                let req = BeginTranscoding {
                    profile_id,
                    instance_id: plan.instance_id.unwrap_or_else(new_instance_id),
                    create: t.create,
                    generate_tokens: t.generate_tokens,
                };
                Ok(if dry_run {
                    RerunOutcome::Preview {
                        requests: self.preview_transcoding(req).await?,
                    }
                } else {
                    RerunOutcome::Started {
                        session: Box::new(self.begin_transcoding(req).await?),
                    }
                })
            }
            PresetBody::Layout(_) => Err(CoreError::Internal("a rerun plan holds a layout".into())),
        }
    }
}
