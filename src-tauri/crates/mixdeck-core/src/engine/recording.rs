//! Cloud Recording sessions: begin (acquire + start), query, update, updateLayout, stop, each
//! recorded in the history database before and after it is sent.

use agora_rest::client::encode_segment;
use agora_rest::recording::ops::{validate_acquire, validate_begin, validate_start, StartOptions};
use agora_rest::recording::*;
use agora_rest::secret::REDACTED;
use agora_rest::{ResourceId, Sensitive, Sid};
use serde::{Deserialize, Serialize};

use super::{error_json, Engine, PreviewRequest};
use crate::error::{blocking, CoreError, CoreResult};
use crate::store::{
    now_ms, NewSession, ProfileId, SessionConfig, SessionId, SessionKind, SessionRow, SessionState,
    SessionUpdate,
};
use crate::vault::SecretKind;

/// What `begin_recording` needs: the acquire options and the start body, exactly as Agora
/// documents them. Storage keys left empty are filled from the profile's keychain entries.
#[derive(Debug, Clone, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "camelCase")]
pub struct BeginRecording {
    pub profile_id: ProfileId,
    pub mode: Mode,
    #[serde(default)]
    pub acquire: AcquireClientRequest,
    pub start: StartRequest,
    /// Re-send start after code 65 with the same resourceId (Agora's advice), 3 s then 6 s.
    #[serde(default)]
    pub retry_code65: bool,
    /// Build the bot's RTC token from the profile's App Certificate (when `token` is not set), so
    /// the token never has to pass through the UI.
    #[serde(default)]
    pub generate_token: bool,
    /// The user confirmed that the profile's storage keys may fill a storage other than the
    /// profile's default (a preset or body that names another bucket, vendor or endpoint).
    #[serde(default)]
    pub keys_elsewhere_confirmed: bool,
}

/// `Amazon S3, region 0 (US_EAST_1), bucket "b"` (and the endpoint, for S3-compatible storage).
pub(crate) fn destination(
    vendor: agora_rest::codes::Vendor,
    region: u16,
    bucket: &str,
    endpoint: Option<&str>,
) -> String {
    let name = vendor.label().unwrap_or("an unknown vendor");
    let mut s = match agora_rest::recording::storage_region_name(vendor, region) {
        Some(r) if vendor != agora_rest::codes::Vendor::S3_COMPATIBLE => {
            format!("{name}, region {region} ({r}), bucket {bucket:?}")
        }
        _ => format!("{name}, bucket {bucket:?}"),
    };
    if let Some(e) = endpoint {
        s.push_str(&format!(", endpoint {e:?}"));
    }
    s
}

/// Where `s` sends files, when that is not `default`'s destination.
fn elsewhere(s: &StorageConfig, default: &crate::store::StorageDefaults) -> Option<String> {
    let endpoint = s
        .extension_params
        .as_ref()
        .and_then(|e| e.endpoint.as_deref());
    let same = s.vendor == default.vendor
        && s.region == default.region
        && s.bucket == default.bucket
        && endpoint == default.endpoint.as_deref();
    (!same).then(|| destination(s.vendor, s.region, &s.bucket, endpoint))
}

/// What the start URL shows for the resource id in a preview, since acquire has not run.
pub const RESOURCE_ID_PLACEHOLDER: &str = "<resourceId>";

/// Where the values a request takes from the keychain come from.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Secrets {
    /// The values themselves: the request is sent.
    Fill,
    /// `<redacted>` in their place: the request is only shown, the secret never enters it.
    Placeholder,
}

impl Secrets {
    fn value(self, secret: Sensitive<String>) -> Sensitive<String> {
        match self {
            Secrets::Fill => secret,
            Secrets::Placeholder => Sensitive::new(REDACTED.to_owned()),
        }
    }
}

/// How a stop ended, in the user's terms.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "camelCase")]
pub struct StopOutcome {
    pub session: SessionRow,
    pub upload_status: Option<String>,
    /// Why there are no files, when there are none.
    pub note: Option<String>,
}

impl Engine {
    pub(crate) async fn update_row(
        &self,
        id: SessionId,
        update: SessionUpdate,
    ) -> CoreResult<SessionRow> {
        let store = self.inner.store.clone();
        let row = blocking(move || Ok(store.update_session(id, &update)?)).await?;
        if row.kind == SessionKind::Transcoding && !row.state.is_open() {
            // The task is over: its token controls nothing any more.
            self.forget_builder_token(&row).await;
        }
        self.publish(crate::engine::EngineEvent::SessionChanged {
            session: Box::new(row.clone()),
        });
        Ok(row)
    }

    pub async fn session(&self, id: SessionId) -> CoreResult<SessionRow> {
        let store = self.inner.store.clone();
        blocking(move || Ok(store.session(id)?)).await
    }

    /// Fills storage keys the form left empty from the profile's keychain entries; for a preview,
    /// puts `<redacted>` where the keychain holds a key instead of the key itself.
    pub(crate) async fn fill_storage_keys(
        &self,
        profile: ProfileId,
        storage: &mut Option<StorageConfig>,
        how: Secrets,
        path: &str,
        confirmed: bool,
    ) -> CoreResult<()> {
        let Some(s) = storage.as_mut() else {
            return Ok(());
        };
        let fills = s.access_key.is_empty() || s.secret_key.is_empty();
        if fills && how == Secrets::Fill && !confirmed {
            let store = self.inner.store.clone();
            let p = blocking(move || Ok(store.profile(profile)?)).await?;
            // The Sandbox profile's keys are public: they may go anywhere.
            let guarded = p.kind != crate::store::ProfileKind::Sandbox;
            if let Some(default) = p.default_storage.as_ref().filter(|_| guarded) {
                if let Some(requested) = elsewhere(s, default) {
                    return Err(CoreError::StorageElsewhere {
                        path: path.to_owned(),
                        requested,
                        default: destination(
                            default.vendor,
                            default.region,
                            &default.bucket,
                            default.endpoint.as_deref(),
                        ),
                    });
                }
            }
        }
        for (slot, kind) in [
            (&mut s.access_key, SecretKind::StorageAccessKey),
            (&mut s.secret_key, SecretKind::StorageSecretKey),
        ] {
            if slot.is_empty() {
                if let Some(v) = self.secret(profile, kind).await? {
                    *slot = how.value(v);
                }
            }
        }
        Ok(())
    }

    /// Completes a begin request the way it is sent (storage keys from the keychain, the bot's
    /// token, scene 1 for web mode) and validates it; returns the acquire body. Nothing is sent
    /// and nothing is stored, so an invalid request leaves no trace.
    async fn complete_begin(
        &self,
        profile: ProfileId,
        req: &mut BeginRecording,
        how: Secrets,
    ) -> CoreResult<AcquireRequest> {
        let confirmed = req.keys_elsewhere_confirmed;
        self.fill_storage_keys(
            profile,
            &mut req.start.client_request.storage_config,
            how,
            "start.clientRequest.storageConfig",
            confirmed,
        )
        .await?;
        if let Some(sp) = req.acquire.start_parameter.as_mut() {
            self.fill_storage_keys(
                profile,
                &mut sp.storage_config,
                how,
                "acquire.clientRequest.startParameter.storageConfig",
                confirmed,
            )
            .await?;
        }
        if req.generate_token && req.start.client_request.token.is_none() && req.mode != Mode::Web {
            let uid = req.start.uid.parse().ok_or_else(|| {
                CoreError::invalid(
                    "uid",
                    "must be a uid (1 to 4294967295) to build a token for it",
                )
            })?;
            // A preview builds the token too (so a missing App Certificate fails the same way),
            // then shows a placeholder instead.
            let token = self
                .rtc_token(profile, &req.start.cname, uid, super::TOKEN_LIFETIME_SECS)
                .await?;
            req.start.client_request.token = Some(how.value(token));
        }
        if req.mode == Mode::Web && req.acquire.scene.is_none() {
            req.acquire.scene = Some(agora_rest::codes::Scene::WEB);
        }
        let acquire = Envelope::new(
            req.start.cname.clone(),
            req.start.uid.clone(),
            req.acquire.clone(),
        );
        let mut fields = validate_acquire(&acquire, req.mode)
            .err()
            .unwrap_or_default();
        // Acquire and start share the envelope: report its errors once.
        let across = validate_begin(&acquire, &req.start, req.mode)
            .err()
            .unwrap_or_default();
        for f in validate_start(&req.start, req.mode)
            .err()
            .unwrap_or_default()
            .into_iter()
            .chain(across)
        {
            if !fields.contains(&f) {
                fields.push(f);
            }
        }
        if !fields.is_empty() {
            return Err(CoreError::Agora(agora_rest::Error::Invalid(fields)));
        }
        Ok(acquire)
    }

    /// "Copy as curl": the acquire and start requests `begin_recording` would send for `req`,
    /// validated the same way, secrets redacted. Storage keys and the bot token never enter the
    /// bodies (where the keychain would fill one, the body shows `<redacted>`), the start URL
    /// names the resource `<resourceId>` because acquire has not run, and nothing is sent or
    /// stored.
    pub async fn preview_recording(
        &self,
        mut req: BeginRecording,
    ) -> CoreResult<Vec<PreviewRequest>> {
        let (profile, client) = self.client(req.profile_id).await?;
        let acquire = self
            .complete_begin(profile.id, &mut req, Secrets::Placeholder)
            .await?;
        let r = client.recording();
        let acquire = r.acquire_spec(&acquire, req.mode)?;
        let opts = StartOptions {
            retry_code65: req.retry_code65,
        };
        let mut start = r.start_spec(
            &ResourceId::from(RESOURCE_ID_PLACEHOLDER),
            req.mode,
            &req.start,
            opts,
        )?;
        start.path = start.path.replace(
            &format!("/resourceid/{}/", encode_segment(RESOURCE_ID_PLACEHOLDER)),
            &format!("/resourceid/{RESOURCE_ID_PLACEHOLDER}/"),
        );
        Ok([acquire, start]
            .iter()
            .map(|spec| PreviewRequest::of(&client, spec))
            .collect())
    }

    /// acquire + start in one call, as fast as Agora advises (start within ~2 s of acquire).
    /// The session row exists before acquire is sent; if anything fails, the row says so.
    pub async fn begin_recording(&self, mut req: BeginRecording) -> CoreResult<SessionRow> {
        let _busy = self.busy();
        let (profile, client) = self.client(req.profile_id).await?;
        // Validate everything before the row exists: an invalid request leaves no phantom session.
        let acquire = self
            .complete_begin(profile.id, &mut req, Secrets::Fill)
            .await?;

        let store = self.inner.store.clone();
        let new = NewSession {
            profile_id: Some(profile.id),
            profile_name: profile.name.clone(),
            kind: SessionKind::Recording,
            mode: Some(req.mode),
            cname: req.start.cname.clone(),
            uid: Some(req.start.uid.to_string()),
            config: SessionConfig::Recording {
                acquire: acquire.clone(),
                start: req.start.clone(),
            },
            created_at: None,
            owner: Some(self.inner.owner.clone()),
        };
        let row = blocking(move || Ok(store.insert_session(&new)?)).await?;
        self.publish(crate::engine::EngineEvent::SessionChanged {
            session: Box::new(row.clone()),
        });
        let client = client.observed(self.inner.log.for_session(row.id));

        let resource_id = match client.recording().acquire(&acquire, req.mode).await {
            Ok(r) => r.body.resource_id,
            Err(e) => return self.fail_start(row.id, e, false).await,
        };
        self.update_row(
            row.id,
            SessionUpdate {
                state: Some(SessionState::Starting),
                resource_id: Some(resource_id.to_string()),
                ..Default::default()
            },
        )
        .await?;

        let opts = StartOptions {
            retry_code65: req.retry_code65,
        };
        match client
            .recording()
            .start(&resource_id, req.mode, &req.start, opts)
            .await
        {
            Ok(r) => {
                self.update_row(
                    row.id,
                    SessionUpdate {
                        state: Some(SessionState::Started),
                        sid: Some(r.body.sid.to_string()),
                        started_at: Some(now_ms()),
                        error: Some(None),
                        ..Default::default()
                    },
                )
                .await
            }
            // A start that may have reached Agora may be running and billed: Unknown, not Failed.
            Err(e) => self.fail_start(row.id, e, true).await,
        }
    }

    fn recording_ids(row: &SessionRow) -> CoreResult<(ResourceId, Sid, Mode)> {
        match (&row.resource_id, &row.sid, row.mode) {
            (Some(r), Some(s), Some(m)) if row.kind == SessionKind::Recording => {
                Ok((ResourceId::from(r.as_str()), Sid::from(s.as_str()), m))
            }
            _ => Err(CoreError::invalid(
                "session",
                format!("session {} has no running recording (no sid yet)", row.id),
            )),
        }
    }

    pub(crate) async fn recording_client(
        &self,
        row: &SessionRow,
    ) -> CoreResult<agora_rest::Client> {
        let profile = row.profile_id.ok_or_else(|| {
            CoreError::invalid(
                "session",
                format!("the profile of session {} was deleted", row.id),
            )
        })?;
        let (_, client) = self.client(profile).await?;
        Ok(client.observed(self.inner.log.for_session(row.id)))
    }

    /// One `query`, stored: status, file list, and the end when Agora says it is over.
    pub async fn query_recording(&self, id: SessionId) -> CoreResult<SessionRow> {
        let row = self.session(id).await?;
        let (rid, sid, mode) = Self::recording_ids(&row)?;
        let client = self.recording_client(&row).await?;
        match client.recording().query(&rid, &sid, mode).await {
            Ok(r) => {
                let sr = r.body.server_response.unwrap_or_default();
                let files = sr.file_names();
                let ended = sr.status.is_some_and(|s| s.0 == 8 || s.0 == 20);
                self.clear_not_found(id).await;
                // An answer proves it runs: "may be recording" becomes "recording".
                let alive = (row.state == SessionState::Unknown).then_some(SessionState::Started);
                // A stop whose answer was lost stays known until the next stop reads it.
                let stop_sent = row
                    .error
                    .as_ref()
                    .is_some_and(|e| e.stop_sent == Some(true));
                self.update_row(
                    id,
                    SessionUpdate {
                        last_status: Some(serde_json::to_value(&sr).unwrap_or_default()),
                        files: (!files.is_empty()).then_some(files),
                        state: if ended {
                            Some(SessionState::Ended)
                        } else {
                            alive
                        },
                        ended_at: ended.then(now_ms),
                        error: (!stop_sent).then_some(None),
                        ..Default::default()
                    },
                )
                .await
            }
            Err(e) => Err(self.note_error(id, e).await),
        }
    }

    /// `update`: subscriptions (individual, mix), pause/resume and CDN URL (web), storage keys.
    pub async fn update_recording(
        &self,
        id: SessionId,
        mut update: UpdateClientRequest,
    ) -> CoreResult<SessionRow> {
        let _busy = self.busy();
        let row = self.session(id).await?;
        let (rid, sid, mode) = Self::recording_ids(&row)?;
        if let Some(profile) = row.profile_id {
            // An update names the running session's storage: the start already confirmed it.
            self.fill_storage_keys(
                profile,
                &mut update.storage_config,
                Secrets::Fill,
                "storageConfig",
                true,
            )
            .await?;
        }
        let body = envelope_for(&row, update);
        let client = self.recording_client(&row).await?;
        if let Err(e) = client.recording().update(&rid, &sid, mode, &body).await {
            return Err(self.after_unconfirmed_change(id, e).await);
        }
        self.session(id).await
    }

    /// `updateLayout` (mix): replaces the whole layout; the request is kept in the session's log.
    pub async fn update_layout(
        &self,
        id: SessionId,
        layout: LayoutSettings,
    ) -> CoreResult<SessionRow> {
        let _busy = self.busy();
        let row = self.session(id).await?;
        let (rid, sid, mode) = Self::recording_ids(&row)?;
        if mode != Mode::Mix {
            return Err(CoreError::invalid(
                "mode",
                "updateLayout works only for mix recordings",
            ));
        }
        let body = envelope_for(&row, layout);
        let client = self.recording_client(&row).await?;
        if let Err(e) = client.recording().update_layout(&rid, &sid, &body).await {
            return Err(self.after_unconfirmed_change(id, e).await);
        }
        self.session(id).await
    }

    /// An update or updateLayout that failed: when an earlier attempt's answer was lost and the
    /// retry heard "not found" or "exiting", the change may have been applied, or the session
    /// may be over; a query puts the row's true state on record before the error is returned.
    async fn after_unconfirmed_change(&self, id: SessionId, e: agora_rest::Error) -> CoreError {
        let unclear = e
            .api()
            .is_some_and(|a| a.after_lost_answer && (a.status == 404 || a.code() == Some(49)));
        if unclear {
            if let Err(q) = self.query_recording(id).await {
                if super::reconcile::is_not_found(&q) {
                    if let Ok(row) = self.session(id).await {
                        let _ = self.not_found(&row).await;
                    }
                }
            }
        }
        CoreError::from(e)
    }

    /// `stop`, with the outcome in plain words: files and upload status, or why there are none.
    pub async fn stop_recording(&self, id: SessionId, async_stop: bool) -> CoreResult<StopOutcome> {
        let _busy = self.busy();
        let row = self.session(id).await?;
        let (rid, sid, mode) = Self::recording_ids(&row)?;
        let body = envelope_for(&row, StopClientRequest { async_stop });
        self.update_row(
            id,
            SessionUpdate {
                state: Some(SessionState::Stopping),
                owner: Some(self.inner.owner.clone()),
                ..Default::default()
            },
        )
        .await?;
        let client = self.recording_client(&row).await?;
        match client.recording().stop(&rid, &sid, mode, &body).await {
            Ok(r) => {
                let sr = r.body.server_response.unwrap_or_default();
                let upload_status = sr.upload_status().map(ToString::to_string);
                let session = self.update_row(id, stopped(Some(&sr))).await?;
                Ok(StopOutcome {
                    note: session.files.is_empty().then(|| {
                        if async_stop {
                            "Stopped asynchronously: the final file list arrives in your storage."
                                .to_owned()
                        } else {
                            "Agora listed no files.".to_owned()
                        }
                    }),
                    session,
                    upload_status,
                })
            }
            Err(e) => {
                let kind = e.api().map(|a| a.kind());
                use agora_rest::ErrorKind as K;
                // "Already exiting" or "not found" right after a stop whose answer was lost (in
                // this call's retries, or an earlier stop that timed out) is that stop's doing.
                let lost_earlier = e.api().is_some_and(|a| a.after_lost_answer)
                    || row
                        .error
                        .as_ref()
                        .is_some_and(|err| err.stop_sent == Some(true));
                if lost_earlier && matches!(kind, Some(K::InvalidOperation | K::WorkerNotFound)) {
                    return self.stopped_without_answer(&row, async_stop).await;
                }
                if kind == Some(K::UploadTimeout) {
                    return self.stopped_with_upload_timeout(&row, &e).await;
                }
                let (state, note) = match kind {
                    Some(K::NoRecordedData) => (
                        SessionState::Stopped,
                        Some("Nothing was recorded: nobody published in the channel (code 435). Check who joined and the subscribe lists.".to_owned()),
                    ),
                    Some(K::InvalidOperation) => (
                        SessionState::Ended,
                        Some("The session was already ending (code 49): a repeated stop, or the bot left after maxIdleTime.".to_owned()),
                    ),
                    Some(K::WorkerNotFound) => (
                        SessionState::Ended,
                        Some("Agora no longer knows this session (404): it had already ended.".to_owned()),
                    ),
                    _ => {
                        // Still running as far as anyone knows, and stoppable again; a stop that
                        // was sent may have worked, which the next stop's answer will tell.
                        let sent = e.may_have_taken_effect();
                        let e = CoreError::from(e);
                        let mut stored = error_json(&e);
                        stored.stop_sent = Some(sent);
                        self.update_row(id, SessionUpdate {
                            state: Some(SessionState::Started),
                            error: Some(Some(stored)),
                            ..Default::default()
                        })
                        .await?;
                        return Err(e);
                    }
                };
                let e = CoreError::from(e);
                let session = self
                    .update_row(
                        id,
                        SessionUpdate {
                            state: Some(state),
                            error: Some(Some(error_json(&e))),
                            ended_at: Some(now_ms()),
                            ..Default::default()
                        },
                    )
                    .await?;
                Ok(StopOutcome {
                    session,
                    upload_status: None,
                    note,
                })
            }
        }
    }

    /// A synchronous stop whose upload outlasted Agora's 20 s (code 50): the recording stopped;
    /// the files Agora listed are kept, and the rest reach the storage from Agora's backup.
    async fn stopped_with_upload_timeout(
        &self,
        row: &SessionRow,
        e: &agora_rest::Error,
    ) -> CoreResult<StopOutcome> {
        let body = e
            .api()
            .and_then(|a| serde_json::from_str::<StopResponse>(a.raw.expose()).ok());
        let sr = body.and_then(|b| b.server_response).unwrap_or_default();
        let upload_status = sr
            .upload_status()
            .map(ToString::to_string)
            .or_else(|| Some("backuped".to_owned()));
        let session = self.update_row(row.id, stopped(Some(&sr))).await?;
        Ok(StopOutcome {
            session,
            upload_status,
            note: Some(
                "Stopped. The upload took longer than Agora waits (20 s, code 50): the remaining \
                 files go to Agora's backup and reach your storage later."
                    .to_owned(),
            ),
        })
    }

    /// A stop went through but its answer was lost: Agora now says the session is exiting or
    /// gone. Ask once more (a query still answers while the session exits, with its files) and
    /// report the stop as done, with the files known.
    async fn stopped_without_answer(
        &self,
        row: &SessionRow,
        async_stop: bool,
    ) -> CoreResult<StopOutcome> {
        let (rid, sid, mode) = Self::recording_ids(row)?;
        let client = self.recording_client(row).await?;
        let exiting = client
            .recording()
            .query(&rid, &sid, mode)
            .await
            .ok()
            .map(|r| r.body.server_response.unwrap_or_default());
        let upload_status = exiting
            .as_ref()
            .and_then(|sr| sr.upload_status().map(ToString::to_string));
        let from_query = exiting
            .as_ref()
            .is_some_and(|sr| !sr.file_names().is_empty());
        let session = self.update_row(row.id, stopped(exiting.as_ref())).await?;
        let mut note = "The stop went through, but its answer was lost on the way; Agora now \
                        says the session is exiting."
            .to_owned();
        note.push_str(match (from_query, session.files.is_empty(), async_stop) {
            (true, _, _) => " The files are those Agora listed after the stop.",
            (false, false, _) => {
                " The files are those last seen while it ran; the complete list is in your storage."
            }
            (false, true, _) => " Agora listed no files; look in your storage.",
        });
        Ok(StopOutcome {
            session,
            upload_status,
            note: Some(note),
        })
    }
}

/// The row of a session that has stopped, with what the answer (if any) listed; files Agora
/// did not list are left as last seen.
fn stopped(answer: Option<&ServerResponse>) -> SessionUpdate {
    let files = answer.map(ServerResponse::file_names).unwrap_or_default();
    SessionUpdate {
        state: Some(SessionState::Stopped),
        last_status: answer.map(|sr| serde_json::to_value(sr).unwrap_or_default()),
        files: (!files.is_empty()).then_some(files),
        ended_at: Some(now_ms()),
        error: Some(None),
        ..Default::default()
    }
}

/// A request envelope for a running session: its channel and bot uid.
fn envelope_for<C>(row: &SessionRow, client_request: C) -> Envelope<C> {
    Envelope::new(
        row.cname.clone(),
        agora_rest::Uid::from(row.uid.clone().unwrap_or_default()),
        client_request,
    )
}
