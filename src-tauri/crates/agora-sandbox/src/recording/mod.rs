//! Cloud Recording: acquire, start, query, update, updateLayout and stop, with Agora's checks in
//! Agora's order and its documented codes.
//!
//! Choices where the docs leave room:
//! * a resourceId this sandbox never issued answers code 1001 on every route; a sid that is not
//!   the one started with the resourceId answers code 1003;
//! * a `{mode}` that is not the session's answers code 2 naming the mode;
//! * once a session has ended (stop, `maxIdleTime`, `maxRecordingHour`), query, update and
//!   updateLayout answer 404 "failed to find worker"; stop answers 400 code 49 "invalid
//!   operation" while the session is exiting (for [`session::EXIT_GRACE_MS`]) and 404 after;
//! * after `resourceExpiredHour`, every call on the session answers 404.

pub(crate) mod respond;
pub(crate) mod session;
mod upload;

use agora_rest::recording::AcquireResponse;
use agora_rest::ResourceId;
use serde::de::DeserializeOwned;

use crate::body::BodyError;
use crate::reply::{Echo, RecordingError, Reply};
use crate::routes::{Route, SessionAction};
use crate::storage::Destination;
use crate::store::{Retired, Shared};
use crate::wire::recording::{
    layout_update_rules, rtc_channel_name_ok, start_rules, update_rules, AcquireClient, Envelope,
    Mode, StartClient, StopClient, UpdateClient, SCENE_POSTPONED, SCENE_WEB,
};
use crate::wire::recording_schema::{self as schema, START_CLIENT};
use crate::wire::schema::{check, join, Completeness, Kind, Problem, Prop};
use crate::{body, wire};
use session::{
    EndReason, Received, Resource, Session, SessionEnd, DEFAULT_RESOURCE_EXPIRED_HOUR,
    EXIT_GRACE_MS, RESOURCE_LIFETIME_MS,
};

/// Agora's resource ids are long opaque strings.
const RESOURCE_ID_LEN: usize = 96;

pub(crate) fn handle(shared: &Shared, route: &Route, body: &[u8]) -> Reply {
    let result = match route {
        Route::Acquire { .. } => acquire(shared, body),
        Route::Start {
            resource_id, mode, ..
        } => start(shared, resource_id, mode, body),
        Route::Session {
            resource_id,
            sid,
            mode,
            action,
            ..
        } => on_session(shared, resource_id, sid, mode, *action, body),
        _ => Err(Reply::no_route()),
    };
    result.unwrap_or_else(|reply| reply)
}

fn read<T: DeserializeOwned>(
    bytes: &[u8],
    props: &'static [Prop],
    echo: &Echo,
) -> Result<Envelope<T>, Reply> {
    wire::read(bytes, props).map_err(|e| match e {
        BodyError::NotJson(_) => RecordingError::BadRequest(e.to_string()).reply(echo),
        BodyError::Invalid(problems) => {
            // Agora echoes the envelope it could read, even when the rest is wrong.
            let sent = body::json(bytes).unwrap_or_default();
            let echo = match (sent["cname"].as_str(), sent["uid"].as_str()) {
                (Some(cname), Some(uid)) => echo.clone().with_envelope(cname, uid),
                _ => echo.clone(),
            };
            invalid(&problems, &echo)
        }
    })
}

fn invalid(problems: &[Problem], echo: &Echo) -> Reply {
    RecordingError::InvalidParameter(join(problems)).reply(echo)
}

fn parse_mode(mode: &str, echo: &Echo) -> Result<Mode, Reply> {
    mode.parse::<Mode>()
        .map_err(|e| RecordingError::InvalidParameter(format!("mode: {e}")).reply(echo))
}

/// The body's cname and uid must be the ones the resource was acquired for.
fn same_envelope(cname: &str, uid: &str, expected: (&str, &str), echo: &Echo) -> Result<(), Reply> {
    if cname == expected.0 && uid == expected.1 {
        Ok(())
    } else {
        Err(RecordingError::ParameterMismatch.reply(echo))
    }
}

fn acquire(shared: &Shared, bytes: &[u8]) -> Result<Reply, Reply> {
    let req: Envelope<AcquireClient> = read(bytes, schema::ACQUIRE, &Echo::default())?;
    let echo = Echo::default().with_envelope(&req.cname, &req.uid);
    let scene = req.client_request.scene;
    // The body does not name the mode; the scene tells web (1) from channel recording, whose
    // cname is an RTC channel name. (Web cnames only tell sessions apart: up to 1024 bytes.)
    if scene != SCENE_WEB && !rtc_channel_name_ok(&req.cname) {
        return Err(RecordingError::InvalidChannelName.reply(&echo));
    }
    let now = shared.clock.now_ms();
    let mut store = shared.store();
    store.settle(now);
    if store.live_session_count() >= shared.config.max_concurrent {
        return Err(RecordingError::VendorOverLoad.reply(&echo));
    }
    let id = shared.ids.opaque(RESOURCE_ID_LEN);
    store.add_resource(Resource {
        id: id.clone(),
        cname: req.cname.clone(),
        uid: req.uid.clone(),
        scene,
        resource_expired_hour: req
            .client_request
            .resource_expired_hour
            .unwrap_or(DEFAULT_RESOURCE_EXPIRED_HOUR),
        start_parameter: req.client_request.start_parameter.clone(),
        acquired_at_ms: now,
        request: body::redacted(bytes),
        sid: None,
    });
    tracing::info!(cname = %req.cname, uid = %req.uid, "acquired a resource");
    Ok(Reply::json(
        200,
        &AcquireResponse {
            cname: Some(req.cname),
            uid: Some(req.uid),
            resource_id: ResourceId::new(id),
            extra: Default::default(),
        },
    ))
}

/// The scene chosen at acquire must fit the mode of start.
fn check_scene(scene: u8, mode: Mode) -> Result<(), String> {
    match (mode, scene) {
        (Mode::Web, s) if s != SCENE_WEB => Err(format!(
            "scene: web mode needs a resource acquired with scene 1, this one has scene {s}"
        )),
        (Mode::Individual | Mode::Mix, SCENE_WEB) => Err(format!(
            "scene: this resource was acquired with scene 1 (web page recording); use web mode, or acquire again with scene 0 for {mode} mode"
        )),
        (Mode::Mix, SCENE_POSTPONED) => Err(
            "scene: 2 (postponed transcoding) works only in individual mode".to_owned(),
        ),
        _ => Ok(()),
    }
}

/// The bot's RTC token, as Agora checks it before the bot joins: signed with the project's App
/// Certificate, for this App ID, channel and uid (0 in the token stands for any uid), not
/// expired at `now_ms`.
fn check_token(
    certificate: &str,
    app_id: &str,
    token: &str,
    cname: &str,
    uid: &str,
    now_ms: i64,
) -> Result<(), RecordingError> {
    let invalid = |why: &str| RecordingError::TokenInvalid(format!("invalid token: {why}"));
    let parsed =
        agora_token::parse(token).map_err(|_| invalid("it is not an AccessToken2 (007…)"))?;
    if parsed.app_id != app_id {
        return Err(invalid("it was built for another App ID"));
    }
    if !parsed.verify(certificate).unwrap_or(false) {
        return Err(invalid(
            "it was not signed with this project's App Certificate",
        ));
    }
    let Some(rtc) = parsed.rtc_services().next() else {
        return Err(invalid("it carries no RTC service"));
    };
    if rtc.channel_name() != cname {
        return Err(invalid("it is for another channel"));
    }
    if !(rtc.uid() == uid || rtc.uid().is_empty() || rtc.uid() == "0") {
        return Err(invalid("it is for another uid"));
    }
    let now_s = u64::try_from(now_ms / 1000).unwrap_or_default();
    if parsed.expires_at() <= now_s {
        return Err(RecordingError::TokenExpired);
    }
    Ok(())
}

fn start(shared: &Shared, resource_id: &str, mode: &str, bytes: &[u8]) -> Result<Reply, Reply> {
    let now = shared.clock.now_ms();
    let echo = Echo::resource(resource_id);
    let mut guard = shared.store();
    let store = &mut *guard;
    store.settle(now);
    let Some(resource) = store.resources.get(resource_id).cloned() else {
        return Err(match store.retired.get(resource_id) {
            Some(Retired::UsedResource { sid, cname, uid }) => RecordingError::AlreadyStarted
                .reply(&Echo::session(resource_id, sid).with_envelope(cname, uid)),
            Some(_) => RecordingError::ResourceExpired.reply(&echo),
            None => RecordingError::ResourceIdInvalid.reply(&echo),
        });
    };
    if let Some(sid) = &resource.sid {
        let echo = Echo::session(resource_id, sid).with_envelope(&resource.cname, &resource.uid);
        return Err(RecordingError::AlreadyStarted.reply(&echo));
    }
    if now - resource.acquired_at_ms >= RESOURCE_LIFETIME_MS {
        return Err(RecordingError::ResourceExpired.reply(&echo));
    }
    let req: Envelope<StartClient> = read(bytes, schema::START, &echo)?;
    let echo = echo.with_envelope(&req.cname, &req.uid);
    same_envelope(
        &req.cname,
        &req.uid,
        (&resource.cname, &resource.uid),
        &echo,
    )?;
    let mode = parse_mode(mode, &echo)?;
    check_scene(resource.scene, mode)
        .map_err(|why| RecordingError::InvalidParameter(why).reply(&echo))?;
    start_rules(&req.client_request, mode).map_err(|problems| invalid(&problems, &echo))?;
    if let (Some(certificate), Some(token)) =
        (&shared.config.app_certificate, &req.client_request.token)
    {
        check_token(
            certificate,
            &shared.config.app_id,
            token,
            &req.cname,
            &req.uid,
            now,
        )
        .map_err(|e| e.reply(&echo))?;
    }
    // Checked now, as Agora documents: a copy of start's clientRequest that may leave parts out.
    if let Some(planned) = &resource.start_parameter {
        if let Err(problems) = check(planned, &Kind::Object(START_CLIENT), Completeness::Partial) {
            return Err(RecordingError::InvalidParameter(format!(
                "acquire's startParameter: {}",
                join(&problems)
            ))
            .reply(&echo));
        }
    }
    if store.live_session_for(&req.cname, &req.uid).is_some() {
        return Err(RecordingError::TaskConflict.reply(&echo));
    }
    let sid = shared.ids.hex(32);
    let session = Session::start(
        sid.clone(),
        &resource,
        &req,
        mode,
        now,
        body::redacted(bytes),
    );
    let mut session = session;
    if let Some(c) = &req.client_request.storage_config {
        match shared
            .storage
            .destination(&c.bucket, &c.access_key, &c.secret_key)
        {
            Destination::Here => {
                session.upload = Some(session::UploadTarget {
                    bucket: c.bucket.clone(),
                    prefix: agora_rest::recording::prefix_path(
                        c.file_name_prefix.as_deref().unwrap_or_default(),
                    ),
                });
            }
            Destination::Refused => session.upload_refused = true,
            Destination::Elsewhere => {}
        }
    }
    let answer = Reply::json(200, &respond::session(&session));
    store.add_session(session);
    if let Some(r) = store.resources.get_mut(resource_id) {
        r.sid = Some(sid.clone());
    }
    tracing::info!(%sid, cname = %req.cname, %mode, "recording started");
    Ok(answer)
}

fn on_session(
    shared: &Shared,
    resource_id: &str,
    sid: &str,
    mode: &str,
    action: SessionAction,
    bytes: &[u8],
) -> Result<Reply, Reply> {
    let now = shared.clock.now_ms();
    let echo = Echo::session(resource_id, sid);
    if action == SessionAction::UpdateLayout && mode != "mix" {
        return Err(RecordingError::InvalidParameter(format!(
            "mode: updateLayout works only in mix mode, not {mode:?}"
        ))
        .reply(&echo));
    }
    let mut guard = shared.store();
    let store = &mut *guard;
    let Some(resource) = store.resources.get(resource_id) else {
        return Err(match store.retired.get(resource_id) {
            // Long over (or never started): Agora no longer finds a worker for it.
            Some(Retired::UsedResource { sid: started, .. }) if started != sid => {
                RecordingError::SidMismatch.reply(&echo)
            }
            Some(_) => RecordingError::WorkerNotFound.reply(&echo),
            None => RecordingError::ResourceIdInvalid.reply(&echo),
        });
    };
    match &resource.sid {
        None => return Err(RecordingError::WorkerNotFound.reply(&echo)),
        Some(started) if started != sid => return Err(RecordingError::SidMismatch.reply(&echo)),
        Some(_) => {}
    }
    let Some(session) = store.sessions.get_mut(sid) else {
        return Err(RecordingError::WorkerNotFound.reply(&echo));
    };
    let echo = echo.with_envelope(&session.cname, &session.uid);
    let mode = parse_mode(mode, &echo)?;
    if mode != session.mode {
        return Err(RecordingError::InvalidParameter(format!(
            "mode: this session records in {} mode, not {mode}",
            session.mode
        ))
        .reply(&echo));
    }
    session.settle(&store.channels, now);
    if let Some(end) = session.end {
        let exiting = now < end.at_ms + EXIT_GRACE_MS;
        // While the bot exits, query still answers: status 6, 7, then 8, with the final files.
        if action == SessionAction::Query && exiting && now < session.api_until_ms {
            let answer = respond::exiting(session, &store.channels, end.at_ms, now);
            upload::upload(
                &shared.storage,
                session,
                &store.channels,
                &answer,
                end.at_ms,
                true,
            );
            return Ok(Reply::json(200, &answer));
        }
        return Err(if action == SessionAction::Stop && exiting {
            RecordingError::InvalidOperation.reply(&echo)
        } else {
            RecordingError::WorkerNotFound.reply(&echo)
        });
    }
    if now >= session.api_until_ms {
        return Err(RecordingError::WorkerNotFound.reply(&echo));
    }
    let expected = (session.cname.clone(), session.uid.clone());
    let expected = (expected.0.as_str(), expected.1.as_str());
    match action {
        SessionAction::Query => {
            let answer = respond::query(session, &store.channels, now);
            upload::upload(
                &shared.storage,
                session,
                &store.channels,
                &answer,
                now,
                false,
            );
            Ok(Reply::json(200, &answer))
        }
        SessionAction::Update => {
            let req: Envelope<UpdateClient> = read(bytes, schema::UPDATE, &echo)?;
            same_envelope(&req.cname, &req.uid, expected, &echo)?;
            update_rules(&req.client_request, mode).map_err(|p| invalid(&p, &echo))?;
            let received = body::redacted(bytes);
            session.apply_update(&req.client_request, received.as_ref(), now);
            session.updates.push(Received {
                at_ms: now,
                body: received,
            });
            Ok(Reply::json(200, &respond::session(session)))
        }
        SessionAction::UpdateLayout => {
            let req: Envelope<serde_json::Map<String, serde_json::Value>> =
                read(bytes, schema::UPDATE_LAYOUT, &echo)?;
            same_envelope(&req.cname, &req.uid, expected, &echo)?;
            layout_update_rules(&req.client_request).map_err(|p| invalid(&p, &echo))?;
            // Each call replaces the whole layout: what it leaves out returns to its default.
            session.layout = Some(req.client_request);
            session.layouts.push(Received {
                at_ms: now,
                body: body::redacted(bytes),
            });
            Ok(Reply::json(200, &respond::session(session)))
        }
        SessionAction::Stop => {
            let req: Envelope<StopClient> = read(bytes, schema::STOP, &echo)?;
            same_envelope(&req.cname, &req.uid, expected, &echo)?;
            session.stop_request = Some(Received {
                at_ms: now,
                body: body::redacted(bytes),
            });
            let recorded = session.first_recorded(&store.channels, now).is_some();
            let reason = if recorded {
                EndReason::Stopped
            } else {
                EndReason::StoppedWithoutData
            };
            session.end = Some(SessionEnd { at_ms: now, reason });
            tracing::info!(sid = %session.sid, ?reason, "recording stopped");
            // A synchronous stop answers once the upload is done; Agora waits at most 20 s,
            // then answers code 50 with the rest left to its backup.
            let upload_ms = if req.client_request.async_stop {
                0
            } else {
                shared
                    .sync_stop_upload_ms
                    .load(std::sync::atomic::Ordering::Relaxed)
            };
            let answer = respond::stop(session, &store.channels, now);
            if recorded {
                upload::upload(
                    &shared.storage,
                    session,
                    &store.channels,
                    &answer,
                    now,
                    true,
                );
            }
            let mut reply = if !recorded {
                RecordingError::NoRecordedData.reply(&echo)
            } else if upload_ms > shared.config.sync_stop_limit_ms {
                respond::upload_timeout(answer)
            } else {
                Reply::json(200, &answer)
            };
            reply.delay_ms = upload_ms.min(shared.config.sync_stop_limit_ms);
            if recorded {
                Ok(reply)
            } else {
                Err(reply)
            }
        }
    }
}
