//! Cloud Transcoding operations on a [`Client`].

use super::types::*;
use super::validate::*;
use crate::client::{
    api_error, decode_transcoding, encode_body, encode_segment, Client, RequestSpec, Response,
};
use crate::error::Error;
use crate::ids::{BuilderToken, TaskId};
use crate::op::Op;

/// Cloud Transcoding calls. Every request is validated before it is sent.
pub struct Transcoding<'a> {
    client: &'a Client,
}

impl Client {
    pub fn transcoding(&self) -> Transcoding<'_> {
        Transcoding { client: self }
    }

    /// The last `sequenceId` this client sent for a task.
    pub fn last_sequence_id(&self, task: &TaskId) -> Option<u64> {
        self.inner
            .sequences
            .lock()
            .unwrap_or_else(|p| p.into_inner())
            .get(task)
            .copied()
    }

    /// The `sequenceId` to use for the task's next update (0 for the first).
    pub fn next_sequence_id(&self, task: &TaskId) -> u64 {
        self.last_sequence_id(task).map_or(0, |n| n + 1)
    }

    /// Records a sequenceId sent elsewhere (e.g. before a restart), so the next one is higher.
    pub fn note_sequence_id(&self, task: &TaskId, sequence_id: u64) {
        let mut map = self
            .inner
            .sequences
            .lock()
            .unwrap_or_else(|p| p.into_inner());
        let entry = map.entry(task.clone()).or_insert(sequence_id);
        *entry = (*entry).max(sequence_id);
    }
}

fn ids(task: Option<&TaskId>, token: &BuilderToken) -> Result<(), Error> {
    let mut v = crate::validate::Validator::new();
    if let Some(t) = task {
        v.non_empty("taskId", t.as_str());
    }
    v.non_empty("builderToken", token.as_str());
    v.finish().map_err(Error::Invalid)
}

impl Transcoding<'_> {
    fn base(&self) -> String {
        format!(
            "/v1/projects/{}/rtsc/cloud-transcoder",
            encode_segment(self.client.app_id().as_str())
        )
    }

    fn task_path(&self, task: &TaskId) -> String {
        format!("{}/tasks/{}", self.base(), encode_segment(task.as_str()))
    }

    pub fn acquire_spec(&self, req: &AcquireRequest) -> Result<RequestSpec, Error> {
        validate_acquire(req).map_err(Error::Invalid)?;
        Ok(RequestSpec {
            op: Op::TranscoderAcquire,
            method: reqwest::Method::POST,
            path: format!("{}/builderTokens", self.base()),
            query: vec![],
            body: Some(encode_body(req)?),
            retry_code65: false,
            mode: None,
            slow: false,
        })
    }

    pub fn create_spec(
        &self,
        token: &BuilderToken,
        req: &CreateRequest,
    ) -> Result<RequestSpec, Error> {
        ids(None, token)?;
        validate_create(req).map_err(Error::Invalid)?;
        Ok(RequestSpec {
            op: Op::TranscoderCreate,
            method: reqwest::Method::POST,
            path: format!("{}/tasks", self.base()),
            query: vec![("builderToken", token.to_string())],
            body: Some(encode_body(req)?),
            retry_code65: false,
            mode: None,
            slow: false,
        })
    }

    pub fn query_spec(&self, task: &TaskId, token: &BuilderToken) -> Result<RequestSpec, Error> {
        ids(Some(task), token)?;
        Ok(RequestSpec {
            op: Op::TranscoderQuery,
            method: reqwest::Method::GET,
            path: self.task_path(task),
            query: vec![("builderToken", token.to_string())],
            body: None,
            retry_code65: false,
            mode: None,
            slow: false,
        })
    }

    pub fn update_spec(
        &self,
        task: &TaskId,
        token: &BuilderToken,
        sequence_id: u64,
        req: &UpdateRequest,
    ) -> Result<RequestSpec, Error> {
        ids(Some(task), token)?;
        validate_update(req, sequence_id, self.client.last_sequence_id(task))
            .map_err(Error::Invalid)?;
        Ok(RequestSpec {
            op: Op::TranscoderUpdate,
            method: reqwest::Method::PATCH,
            path: self.task_path(task),
            query: vec![
                ("builderToken", token.to_string()),
                ("sequenceId", sequence_id.to_string()),
                ("updateMask", UPDATE_MASK.to_owned()),
            ],
            body: Some(encode_body(req)?),
            retry_code65: false,
            mode: None,
            slow: false,
        })
    }

    pub fn delete_spec(&self, task: &TaskId, token: &BuilderToken) -> Result<RequestSpec, Error> {
        ids(Some(task), token)?;
        Ok(RequestSpec {
            op: Op::TranscoderDelete,
            method: reqwest::Method::DELETE,
            path: self.task_path(task),
            query: vec![("builderToken", token.to_string())],
            body: None,
            retry_code65: false,
            mode: None,
            slow: false,
        })
    }

    /// `builderTokens`: a token for one task, valid 5 minutes; create within about 2 seconds.
    pub async fn acquire(&self, req: &AcquireRequest) -> Result<Response<AcquireResponse>, Error> {
        let spec = self.acquire_spec(req)?;
        decode_transcoding(spec.op, self.client.send(&spec).await?)
    }

    /// `create`: re-sent only when the request surely did not arrive, or after a 206 (3, 6,
    /// 9 s, as the best practices say; the single-use builderToken keeps a repeat from starting
    /// a second task). 200, the deprecated 201 ("already running with this builderToken") and
    /// 202 ("accepted, not necessarily finished": query before going on) all carry the task; a
    /// 206 that outlasts the retries is an error whose outcome is "may be running".
    pub async fn create(
        &self,
        token: &BuilderToken,
        req: &CreateRequest,
    ) -> Result<Response<TaskResponse>, Error> {
        let spec = self.create_spec(token, req)?;
        let raw = self.client.send(&spec).await?;
        match raw.status {
            200..=202 => decode_transcoding(spec.op, raw),
            _ => Err(api_error(spec.op, raw)),
        }
    }

    pub async fn query(
        &self,
        task: &TaskId,
        token: &BuilderToken,
    ) -> Result<Response<TaskResponse>, Error> {
        let spec = self.query_spec(task, token)?;
        decode_transcoding(spec.op, self.client.send(&spec).await?)
    }

    /// `update` (PATCH): the whole create body, with a sequenceId higher than any sent before.
    /// Agora answers with an empty body.
    pub async fn update(
        &self,
        task: &TaskId,
        token: &BuilderToken,
        sequence_id: u64,
        req: &UpdateRequest,
    ) -> Result<Response<()>, Error> {
        let spec = self.update_spec(task, token, sequence_id, req)?;
        self.client.note_sequence_id(task, sequence_id);
        let raw = self.client.send(&spec).await?;
        let status = raw.status;
        let meta = raw.meta.clone();
        if (200..300).contains(&status) {
            Ok(Response { body: (), meta })
        } else {
            decode_transcoding::<()>(spec.op, raw)
        }
    }

    pub async fn delete(
        &self,
        task: &TaskId,
        token: &BuilderToken,
    ) -> Result<Response<TaskResponse>, Error> {
        let spec = self.delete_spec(task, token)?;
        decode_transcoding(spec.op, self.client.send(&spec).await?)
    }
}
