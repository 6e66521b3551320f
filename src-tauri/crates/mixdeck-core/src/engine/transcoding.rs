//! Cloud Transcoding tasks: begin (builderTokens + create), query, update with the next
//! sequenceId (persisted, so it survives a restart), delete.

use agora_rest::secret::REDACTED;
use agora_rest::transcoding::{
    validate_acquire, validate_create, BuilderTokenRequest, CreateRequest, TaskResponse,
};
use agora_rest::{BuilderToken, TaskId};
use serde::Deserialize;

use super::{error_json, Engine};
use crate::error::{blocking, CoreError, CoreResult};
use crate::store::{
    now_ms, LastStatus, NewSession, ProfileId, SessionConfig, SessionId, SessionKind, SessionRow,
    SessionState, SessionUpdate,
};

#[derive(Debug, Clone, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "camelCase")]
pub struct BeginTranscoding {
    pub profile_id: ProfileId,
    /// Up to 64 of `a-z A-Z 0-9 - _`; one live task per instance id.
    pub instance_id: String,
    pub create: CreateRequest,
    /// Fill every missing `rtcToken` from the profile's App Certificate (inputs with uid 0, as
    /// Agora requires; outputs with their `rtcUid`), so tokens never pass through the UI.
    #[serde(default)]
    pub generate_tokens: bool,
}

fn task_state(task: &TaskResponse) -> SessionState {
    if task.status.is_ended() {
        SessionState::Ended
    } else {
        SessionState::Started
    }
}

impl Engine {
    async fn transcoding_ids(&self, row: &SessionRow) -> CoreResult<(TaskId, BuilderToken)> {
        match (&row.task_id, &row.builder_token_last4) {
            (Some(t), Some(_)) if row.kind == SessionKind::Transcoding => {
                Ok((TaskId::from(t.as_str()), self.builder_token(row).await?))
            }
            _ => Err(CoreError::invalid(
                "session",
                format!("session {} has no transcoding task id yet", row.id),
            )),
        }
    }

    /// "Copy as curl": the builderTokens and create requests `begin_transcoding` would send,
    /// validated the same way, tokens filled the same way (and shown `<redacted>`), the create
    /// naming its token `<builderToken>`; nothing is sent or stored.
    pub async fn preview_transcoding(
        &self,
        mut req: BeginTranscoding,
    ) -> CoreResult<Vec<super::PreviewRequest>> {
        let (profile, client) = self.client(req.profile_id).await?;
        if req.generate_tokens {
            self.fill_transcoder_tokens(profile.id, &mut req.create)
                .await?;
        }
        let t = client.transcoding();
        let acquire = t.acquire_spec(&BuilderTokenRequest {
            instance_id: req.instance_id,
            services: None,
        })?;
        let create = t.create_spec(&BuilderToken::from("<builderToken>"), &req.create)?;
        Ok([acquire, create]
            .iter()
            .map(|spec| super::PreviewRequest::of(&client, spec))
            .collect())
    }

    /// builderTokens + create in one call (create within ~2 s of the token, as Agora advises).
    pub async fn begin_transcoding(&self, mut req: BeginTranscoding) -> CoreResult<SessionRow> {
        let _busy = self.busy();
        let (profile, client) = self.client(req.profile_id).await?;
        if req.generate_tokens {
            self.fill_transcoder_tokens(profile.id, &mut req.create)
                .await?;
        }
        let acquire = BuilderTokenRequest {
            instance_id: req.instance_id.clone(),
            services: None,
        };
        let mut fields = validate_acquire(&acquire).err().unwrap_or_default();
        fields.extend(validate_create(&req.create).err().unwrap_or_default());
        if !fields.is_empty() {
            return Err(CoreError::Agora(agora_rest::Error::Invalid(fields)));
        }
        let store = self.inner.store.clone();
        let new = NewSession {
            profile_id: Some(profile.id),
            profile_name: profile.name.clone(),
            kind: SessionKind::Transcoding,
            mode: None,
            cname: req.instance_id.clone(),
            uid: None,
            config: SessionConfig::Transcoding {
                create: req.create.clone(),
            },
            created_at: None,
            owner: Some(self.inner.owner.clone()),
        };
        let row = blocking(move || Ok(store.insert_session(&new)?)).await?;
        self.remember_sent_secrets(row.id, &req.create);
        let client = client.observed(self.inner.log.for_session(row.id));
        let token = match client.transcoding().acquire(&acquire).await {
            Ok(r) => r.body.token_name,
            Err(e) => return self.fail_start(row.id, e, false).await,
        };
        // Kept before create: if create's answer is lost, the token is what asks about the task.
        // A keychain that refuses it fails the start here, before anything is billed.
        let last4 = match self.keep_builder_token(&row, profile.kind, &token).await {
            Ok(h) => h,
            Err(e) => {
                let failed = SessionUpdate {
                    state: Some(SessionState::Failed),
                    error: Some(Some(super::error_json(&e))),
                    ended_at: Some(now_ms()),
                    ..Default::default()
                };
                if let Err(store_error) = self.update_row(row.id, failed).await {
                    tracing::error!(id = %row.id, error = %store_error, "could not record a failed start");
                }
                return Err(e);
            }
        };
        self.update_row(
            row.id,
            SessionUpdate {
                state: Some(SessionState::Starting),
                builder_token_last4: Some(last4),
                ..Default::default()
            },
        )
        .await?;
        match client.transcoding().create(&token, &req.create).await {
            Ok(r) => {
                self.update_row(
                    row.id,
                    SessionUpdate {
                        state: Some(task_state(&r.body)),
                        task_id: Some(r.body.task_id.to_string()),
                        last_status: Some(serde_json::to_value(&r.body).unwrap_or_default()),
                        started_at: Some(now_ms()),
                        ..Default::default()
                    },
                )
                .await
            }
            Err(e) => self.fail_start(row.id, e, true).await,
        }
    }

    fn remember_sent_secrets(&self, id: SessionId, create: &CreateRequest) {
        let known = agora_rest::known_secrets(create);
        let mut map = self
            .inner
            .sent_secrets
            .lock()
            .unwrap_or_else(|p| p.into_inner());
        map.insert(id, known);
    }

    fn sent_secrets_of(&self, id: SessionId) -> Vec<agora_rest::KnownSecret> {
        let map = self
            .inner
            .sent_secrets
            .lock()
            .unwrap_or_else(|p| p.into_inner());
        map.get(&id).cloned().unwrap_or_default()
    }

    async fn fill_transcoder_tokens(
        &self,
        profile: ProfileId,
        create: &mut CreateRequest,
    ) -> CoreResult<()> {
        let t = &mut create.services.cloud_transcoder.config.transcoder;
        let lifetime = super::TOKEN_LIFETIME_SECS;
        // The transcoder joins input channels with a random uid: their tokens are for uid 0.
        for rtc in t.input_rtcs_mut().filter(|r| r.rtc_token.is_none()) {
            rtc.rtc_token = Some(
                self.rtc_token(profile, &rtc.rtc_channel, 0, lifetime)
                    .await?,
            );
        }
        for rtc in t.outputs.iter_mut().filter_map(|o| o.rtc.as_mut()) {
            if rtc.rtc_token.is_none() {
                rtc.rtc_token = Some(
                    self.rtc_token(profile, &rtc.rtc_channel, rtc.rtc_uid, lifetime)
                        .await?,
                );
            }
        }
        Ok(())
    }

    async fn transcoding_client(&self, row: &SessionRow) -> CoreResult<agora_rest::Client> {
        let profile = row.profile_id.ok_or_else(|| {
            CoreError::invalid(
                "session",
                format!("the profile of session {} was deleted", row.id),
            )
        })?;
        let (_, client) = self.client(profile).await?;
        if let (Some(task), Some(seq)) = (&row.task_id, row.sequence_id) {
            client.note_sequence_id(&TaskId::from(task.as_str()), seq as u64);
        }
        Ok(client.observed(self.inner.log.for_session(row.id)))
    }

    pub async fn query_transcoding(&self, id: SessionId) -> CoreResult<SessionRow> {
        let row = self.session(id).await?;
        let (task, token) = self.transcoding_ids(&row).await?;
        let client = self.transcoding_client(&row).await?;
        match client.transcoding().query(&task, &token).await {
            Ok(r) => {
                let state = task_state(&r.body);
                self.clear_not_found(id).await;
                let changed = state != SessionState::Started || row.state == SessionState::Unknown;
                self.update_row(
                    id,
                    SessionUpdate {
                        last_status: Some(serde_json::to_value(&r.body).unwrap_or_default()),
                        state: changed.then_some(state),
                        ended_at: (state == SessionState::Ended).then(now_ms),
                        error: Some(None),
                        ..Default::default()
                    },
                )
                .await
            }
            Err(e) => Err(self.note_error(id, e).await),
        }
    }

    /// Sends the whole config with the next sequenceId; the id is stored before sending, so a
    /// restart never reuses one.
    pub async fn update_transcoding(
        &self,
        id: SessionId,
        mut config: CreateRequest,
    ) -> CoreResult<SessionRow> {
        let _busy = self.busy();
        let row = self.session(id).await?;
        // The stored config has its tokens redacted, and a config edited from it (the app's
        // update form, a body taken from history) still says `<redacted>`: such a token is
        // dropped and, like a missing one, built fresh from the App Certificate as create did
        // (a profile without one sends none).
        forget_redacted_tokens(&mut config);
        // Stream keys and tokenized URLs the edit left as they were come back from memory.
        let known = self.sent_secrets_of(id);
        let mut config = agora_rest::restore_secrets(config, &known);
        if let Some(profile) = row.profile_id {
            if let Err(e) = self.fill_transcoder_tokens(profile, &mut config).await {
                if e.code().as_str() != "profile.secret_missing" {
                    return Err(e);
                }
            }
        }
        let (task, token) = self.transcoding_ids(&row).await?;
        let client = self.transcoding_client(&row).await?;
        // Claimed in the database before sending: the app and the CLI share it, so two updates
        // (or an update after a restart) never send the same sequenceId.
        let reported = match &row.last_status {
            Some(LastStatus::Transcoding(t)) => t.sequence_id,
            _ => None,
        };
        let store = self.inner.store.clone();
        let sequence_id =
            blocking(move || Ok(store.claim_sequence_id(id, reported)?)).await? as u64;
        client
            .transcoding()
            .update(&task, &token, sequence_id, &config)
            .await?;
        self.remember_sent_secrets(id, &config);
        self.update_row(
            id,
            SessionUpdate {
                config: Some(SessionConfig::Transcoding { create: config }),
                ..Default::default()
            },
        )
        .await
    }

    pub async fn delete_transcoding(&self, id: SessionId) -> CoreResult<SessionRow> {
        let _busy = self.busy();
        let row = self.session(id).await?;
        let (task, token) = self.transcoding_ids(&row).await?;
        self.update_row(
            id,
            SessionUpdate {
                state: Some(SessionState::Stopping),
                owner: Some(self.inner.owner.clone()),
                ..Default::default()
            },
        )
        .await?;
        let client = self.transcoding_client(&row).await?;
        match client.transcoding().delete(&task, &token).await {
            // Not found right after a delete whose answer was lost: that delete did it.
            Err(e)
                if e.api().is_some_and(|a| a.status == 404)
                    && (e.api().is_some_and(|a| a.after_lost_answer)
                        || row
                            .error
                            .as_ref()
                            .is_some_and(|err| err.stop_sent == Some(true))) =>
            {
                self.update_row(
                    id,
                    SessionUpdate {
                        state: Some(SessionState::Stopped),
                        ended_at: Some(now_ms()),
                        error: Some(None),
                        ..Default::default()
                    },
                )
                .await
            }
            Ok(r) => {
                self.update_row(
                    id,
                    SessionUpdate {
                        state: Some(SessionState::Stopped),
                        last_status: Some(serde_json::to_value(&r.body).unwrap_or_default()),
                        ended_at: Some(now_ms()),
                        ..Default::default()
                    },
                )
                .await
            }
            Err(e) if e.api().is_some_and(|a| a.status == 404) => {
                self.update_row(
                    id,
                    SessionUpdate {
                        state: Some(SessionState::Ended),
                        ended_at: Some(now_ms()),
                        ..Default::default()
                    },
                )
                .await
            }
            Err(e) => {
                let sent = e.may_have_taken_effect();
                let e = CoreError::from(e);
                let mut stored = error_json(&e);
                stored.stop_sent = Some(sent);
                self.update_row(
                    id,
                    SessionUpdate {
                        state: Some(SessionState::Started),
                        error: Some(Some(stored)),
                        ..Default::default()
                    },
                )
                .await?;
                Err(e)
            }
        }
    }
}

/// Every `rtcToken` that is the redaction marker, left out (it was never a token).
pub(crate) fn forget_redacted_tokens(create: &mut CreateRequest) {
    let t = &mut create.services.cloud_transcoder.config.transcoder;
    for rtc in t.rtcs_mut() {
        if rtc
            .rtc_token
            .as_ref()
            .is_some_and(|tok| tok.expose() == REDACTED)
        {
            rtc.rtc_token = None;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_redaction_marker_is_no_token_but_a_real_one_stays() {
        let mut create: CreateRequest = serde_json::from_value(serde_json::json!({"services": {"cloudTranscoder": {
            "serviceType": "cloudTranscoderV2", "config": {"transcoder": {
                "audioInputs": [{"rtc": {"rtcChannel": "in", "rtcUid": 0, "rtcToken": REDACTED}}],
                "outputs": [{"rtc": {"rtcChannel": "out", "rtcUid": 9, "rtcToken": "typed-token"}}]}}}}}))
        .unwrap();
        forget_redacted_tokens(&mut create);
        let t = &create.services.cloud_transcoder.config.transcoder;
        assert_eq!(
            t.audio_inputs.as_ref().unwrap()[0]
                .rtc
                .as_ref()
                .unwrap()
                .rtc_token,
            None
        );
        assert_eq!(
            t.outputs[0]
                .rtc
                .as_ref()
                .unwrap()
                .rtc_token
                .as_ref()
                .map(|s| s.expose().as_str()),
            Some("typed-token")
        );
    }
}
