//! Cloud Transcoding: builderTokens, create, query, update (PATCH) and delete. Errors are
//! `{"message"}` with the HTTP status carrying the meaning (reference notes §4.5):
//!
//! * 400: a body or query parameter that is missing or wrong, including a builderToken that this
//!   sandbox never issued, that has expired (5 minutes) or that already created a task (one task
//!   per token) — §4.5's "bad syntax or value";
//! * 404: the task does not exist for this builderToken, was deleted, or ended by itself;
//! * 409: create for an instanceId that already has a live task.
//!
//! An update whose sequenceId is not above the last applied one is answered 200 and ignored, as
//! the docs say the server applies the highest.

pub(crate) mod task;
pub(crate) mod templates;

use agora_rest::transcoding::BuilderTokenResponse;
use agora_rest::BuilderToken;
use serde::de::DeserializeOwned;

use crate::body;
use crate::reply::Reply;
use crate::routes::{param, Route};
use crate::store::Retired;
use crate::store::{Shared, Store};
use crate::wire::schema::{Problem, Prop};
use crate::wire::transcoding::{
    create_rules, instance_id_ok, BuilderTokenRequest, CreateRequest, Transcoder, BUILDER_TOKEN,
    CREATE, UPDATE_MASK,
};
use crate::wire::{self, schema};
use task::{
    BuilderTokenRecord, Task, TaskEnd, TaskEndReason, TaskUpdate, FAILED_VISIBLE_MS,
    TOKEN_LIFETIME_MS,
};

/// Builder tokens are opaque strings.
const TOKEN_LEN: usize = 64;

pub(crate) fn handle(
    shared: &Shared,
    route: &Route,
    params: &[(String, String)],
    body: &[u8],
) -> Reply {
    let result = match route {
        Route::BuilderTokens { .. } => builder_tokens(shared, body),
        Route::Create { .. } => create(shared, params, body),
        Route::TaskQuery { task_id, .. } => query(shared, task_id, params),
        Route::TaskUpdate { task_id, .. } => update(shared, task_id, params, body),
        Route::Delete { task_id, .. } => delete(shared, task_id, params),
        Route::TemplateSave { codec_id, .. } => Ok(templates::save(shared, codec_id, body)),
        Route::TemplateList { .. } => Ok(templates::list(shared)),
        _ => Err(Reply::no_route()),
    };
    result.unwrap_or_else(|reply| reply)
}

fn bad(message: impl AsRef<str>) -> Reply {
    Reply::message(400, message.as_ref())
}

fn read<T: DeserializeOwned>(bytes: &[u8], props: &'static [Prop]) -> Result<T, Reply> {
    wire::read(bytes, props).map_err(|e| bad(e.to_string()))
}

fn invalid(problems: &[Problem]) -> Reply {
    bad(schema::join(problems))
}

/// A create or update body, read and checked: the transcoder config as sent, and as read.
fn read_config(bytes: &[u8]) -> Result<(serde_json::Value, Transcoder), Reply> {
    let req: CreateRequest = read(bytes, CREATE)?;
    let config = req.services.cloud_transcoder.config.transcoder;
    let read = Transcoder::read(&config);
    create_rules(&read).map_err(|p| invalid(&p))?;
    Ok((config, read))
}

fn token_param(params: &[(String, String)]) -> Result<&str, Reply> {
    match param(params, "builderToken") {
        Some(t) if !t.is_empty() => Ok(t),
        _ => Err(bad(
            "builderToken is required: pass the tokenName from builderTokens as ?builderToken=",
        )),
    }
}

fn builder_tokens(shared: &Shared, bytes: &[u8]) -> Result<Reply, Reply> {
    let req: BuilderTokenRequest = read(bytes, BUILDER_TOKEN)?;
    if !instance_id_ok(&req.instance_id) {
        return Err(bad(
            "instanceId: must be 1 to 64 characters from a-z, A-Z, 0-9, - and _",
        ));
    }
    let now = shared.clock.now_ms();
    let token = shared.ids.opaque(TOKEN_LEN);
    let mut store = shared.store();
    store.settle(now);
    store.add_token(BuilderTokenRecord {
        token: token.clone(),
        instance_id: req.instance_id.clone(),
        created_at_ms: now,
        task_id: None,
    });
    drop(store);
    Ok(Reply::json(
        200,
        &BuilderTokenResponse {
            token_name: BuilderToken::new(token),
            create_ts: Some(now / 1000),
            instance_id: Some(req.instance_id),
            extra: Default::default(),
        },
    ))
}

fn create(shared: &Shared, params: &[(String, String)], bytes: &[u8]) -> Result<Reply, Reply> {
    let token = token_param(params)?;
    let now = shared.clock.now_ms();
    let mut guard = shared.store();
    let store = &mut *guard;
    store.settle(now);
    let Some(record) = store.builder_tokens.get(token).cloned() else {
        return Err(bad(match store.retired.get(token) {
            Some(Retired::ExpiredToken) => "builderToken expired: it is valid for 5 minutes after builderTokens, acquire a new one".to_owned(),
            Some(Retired::UsedToken { task_id }) => format!(
                "builderToken already used for task {task_id}: one token creates one task, acquire a new one"
            ),
            _ => format!(
                "invalid builderToken {token:?}: it was not issued by builderTokens for this App ID"
            ),
        }));
    };
    // A repeat of a create that went through (its answer lost): the deprecated 201 "already
    // running with this builderToken", with the task.
    if let Some(task) = record
        .task_id
        .as_ref()
        .and_then(|id| store.tasks.get(id))
        .filter(|t| t.is_live())
    {
        return Ok(Reply::json(201, &task.response(now, false)));
    }
    if let Some(live) = store.live_task_for(&record.instance_id) {
        return Err(Reply::message(
            409,
            &format!(
                "a task for instanceId {:?} already exists ({}): delete it before creating another",
                record.instance_id, live.id
            ),
        ));
    }
    if let Some(used_by) = &record.task_id {
        return Err(bad(format!(
            "builderToken already used for task {used_by}: one token creates one task, acquire a new one"
        )));
    }
    if now - record.created_at_ms >= TOKEN_LIFETIME_MS {
        return Err(bad(
            "builderToken expired: it is valid for 5 minutes after builderTokens, acquire a new one",
        ));
    }
    let (config, read) = read_config(bytes)?;
    let id = shared.ids.uuid();
    let task = Task {
        id: id.clone(),
        instance_id: record.instance_id.clone(),
        token: token.to_owned(),
        created_at_ms: now,
        config,
        read,
        create_request: body::redacted(bytes),
        sequence_id: None,
        updates: Vec::new(),
        end: None,
    };
    let answer = Reply::json(200, &task.response(now, false));
    store.add_task(task);
    if let Some(r) = store.builder_tokens.get_mut(token) {
        r.task_id = Some(id.clone());
    }
    tracing::info!(task = %id, instance = %record.instance_id, "transcoding task created");
    Ok(answer)
}

/// The live task `task_id` created with `token`, or 404.
fn live_task<'a>(
    store: &'a mut Store,
    task_id: &str,
    token: &str,
    now: i64,
) -> Result<&'a mut Task, Reply> {
    let not_found = || {
        Reply::message(
            404,
            &format!("task {task_id} not found for this builderToken"),
        )
    };
    let Store {
        tasks, channels, ..
    } = store;
    let task = tasks
        .get_mut(task_id)
        .filter(|t| t.token == token)
        .ok_or_else(not_found)?;
    task.settle(channels, now);
    if task.is_live() {
        Ok(task)
    } else {
        Err(not_found())
    }
}

fn query(shared: &Shared, task_id: &str, params: &[(String, String)]) -> Result<Reply, Reply> {
    let token = token_param(params)?;
    let now = shared.clock.now_ms();
    let mut store = shared.store();
    let task = match live_task(&mut store, task_id, token, now) {
        Ok(task) => task,
        // A task that failed still answers for a while, with FAILURE_STOP.
        Err(not_found) => store
            .tasks
            .get(task_id)
            .filter(|t| t.token == token)
            .filter(|t| {
                t.end.is_some_and(|e| {
                    e.reason == TaskEndReason::OutputUidTaken && now < e.at_ms + FAILED_VISIBLE_MS
                })
            })
            .ok_or(not_found)?,
    };
    Ok(Reply::json(200, &task.response(now, false)))
}

fn update(
    shared: &Shared,
    task_id: &str,
    params: &[(String, String)],
    bytes: &[u8],
) -> Result<Reply, Reply> {
    let token = token_param(params)?;
    let now = shared.clock.now_ms();
    let mut store = shared.store();
    let task = live_task(&mut store, task_id, token, now)?;
    if param(params, "updateMask") != Some(UPDATE_MASK) {
        return Err(bad(format!("updateMask must be {UPDATE_MASK}")));
    }
    let sequence_id = param(params, "sequenceId")
        .and_then(|s| s.parse::<u64>().ok())
        .ok_or_else(|| {
            bad("sequenceId is required: a whole number from 0, higher with each update")
        })?;
    // The sequence is the server's to judge (lower ones are ignored), so only the body is checked.
    let (config, read) = read_config(bytes)?;
    if read.stream_process_mode != task.read.stream_process_mode {
        return Err(bad(
            "services.cloudTranscoder.config.transcoder.streamProcessMode: keep the one used at create",
        ));
    }
    let applied = task.sequence_id.is_none_or(|last| sequence_id > last);
    if applied {
        task.config = config;
        task.read = read;
        task.sequence_id = Some(sequence_id);
    }
    task.updates.push(TaskUpdate {
        at_ms: now,
        sequence_id,
        applied,
        body: body::redacted(bytes),
    });
    tracing::info!(task = %task_id, sequence_id, applied, "transcoding task updated");
    Ok(Reply::empty(200))
}

fn delete(shared: &Shared, task_id: &str, params: &[(String, String)]) -> Result<Reply, Reply> {
    let token = token_param(params)?;
    let now = shared.clock.now_ms();
    let mut store = shared.store();
    let task = live_task(&mut store, task_id, token, now)?;
    task.end = Some(TaskEnd {
        at_ms: now,
        reason: TaskEndReason::Deleted,
    });
    tracing::info!(task = %task_id, "transcoding task deleted");
    Ok(Reply::json(200, &task.response(now, true)))
}
