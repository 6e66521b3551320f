//! Cloud Recording operations on a [`Client`].

use super::requests::*;
use super::responses::*;
use super::validate::*;
use super::Mode;
use crate::client::{decode_recording, encode_body, encode_segment, Client, RequestSpec, Response};
use crate::error::Error;
use crate::ids::{ResourceId, Sid};
use crate::op::Op;

pub use super::validate::{
    check_acquire, check_begin, check_start, check_stop, check_update, check_update_layout,
    validate_acquire, validate_begin, validate_start, validate_stop, validate_update,
    validate_update_layout, DEFAULT_RESOURCE_EXPIRED_HOUR, MAX_REGIONS, MAX_SUBSCRIBE_UIDS,
};

/// What a [`Recording::probe_started`] learnt.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ProbeAnswer {
    /// A session runs on the resource (code 7), with its sid when Agora echoed it.
    Running { sid: Option<Sid> },
    /// The resource expired unused (code 433): nothing was ever started on it.
    NeverStarted,
    /// Anything else (the empty body refused, 404, 5xx): nothing can be concluded.
    Unclear { status: u16, code: Option<i64> },
}

impl ProbeAnswer {
    pub fn read(status: u16, body: &str) -> Self {
        let parsed = crate::error::ApiErrorBody::parse(body);
        match parsed.code {
            Some(7) => ProbeAnswer::Running {
                sid: parsed.sid.filter(|s| !s.is_empty()).map(Sid::from),
            },
            Some(433) => ProbeAnswer::NeverStarted,
            code => ProbeAnswer::Unclear { status, code },
        }
    }
}

/// A start answered 201 code 7 after an attempt whose answer was lost (the opt-in code-65
/// retry): the first attempt started the session, and the echoed sid is its sid.
fn already_started_by_us(
    raw: &crate::client::RawResponse,
    resource_id: &ResourceId,
) -> Option<Response<StartResponse>> {
    if raw.status != 201 || !raw.meta.after_lost_answer {
        return None;
    }
    let body = crate::error::ApiErrorBody::parse(&raw.body);
    let sid = body.sid.filter(|s| !s.is_empty())?;
    (body.code == Some(7)).then(|| Response {
        body: StartResponse {
            cname: body.cname,
            uid: body.uid,
            resource_id: body
                .resource_id
                .map(ResourceId::from)
                .unwrap_or_else(|| resource_id.clone()),
            sid: Sid::from(sid),
            extra: Default::default(),
        },
        meta: raw.meta.clone(),
    })
}

/// Options for `start`.
#[derive(Debug, Clone, Copy, Default)]
pub struct StartOptions {
    /// Re-send after HTTP 206 / code 65 with the same resourceId (3 s, then 6 s), as Agora
    /// advises. Off by default: the caller decides whether a possible duplicate is acceptable.
    pub retry_code65: bool,
}

/// Cloud Recording calls. Every request is validated before it is sent.
pub struct Recording<'a> {
    client: &'a Client,
}

impl Client {
    pub fn recording(&self) -> Recording<'_> {
        Recording { client: self }
    }
}

impl Recording<'_> {
    fn base(&self) -> String {
        format!(
            "/v1/apps/{}/cloud_recording",
            encode_segment(self.client.app_id().as_str())
        )
    }

    fn session_path(
        &self,
        resource_id: &ResourceId,
        sid: &Sid,
        mode: Mode,
        action: &str,
    ) -> String {
        format!(
            "{}/resourceid/{}/sid/{}/mode/{}/{action}",
            self.base(),
            encode_segment(resource_id.as_str()),
            encode_segment(sid.as_str()),
            mode.as_str()
        )
    }

    fn start_path(&self, resource_id: &ResourceId, mode: Mode) -> String {
        format!(
            "{}/resourceid/{}/mode/{}/start",
            self.base(),
            encode_segment(resource_id.as_str()),
            mode.as_str()
        )
    }

    pub fn acquire_spec(&self, req: &AcquireRequest, mode: Mode) -> Result<RequestSpec, Error> {
        validate_acquire(req, mode).map_err(Error::Invalid)?;
        Ok(RequestSpec {
            op: Op::Acquire,
            method: reqwest::Method::POST,
            path: format!("{}/acquire", self.base()),
            query: vec![],
            body: Some(encode_body(req)?),
            retry_code65: false,
            mode: Some(mode.as_str()),
            slow: false,
        })
    }

    pub fn start_spec(
        &self,
        resource_id: &ResourceId,
        mode: Mode,
        req: &StartRequest,
        opts: StartOptions,
    ) -> Result<RequestSpec, Error> {
        validate_ids(resource_id.as_str(), None).map_err(Error::Invalid)?;
        validate_start(req, mode).map_err(Error::Invalid)?;
        Ok(RequestSpec {
            op: Op::Start,
            method: reqwest::Method::POST,
            path: self.start_path(resource_id, mode),
            query: vec![],
            body: Some(encode_body(req)?),
            retry_code65: opts.retry_code65,
            mode: Some(mode.as_str()),
            slow: false,
        })
    }

    pub fn query_spec(
        &self,
        resource_id: &ResourceId,
        sid: &Sid,
        mode: Mode,
    ) -> Result<RequestSpec, Error> {
        validate_ids(resource_id.as_str(), Some(sid.as_str())).map_err(Error::Invalid)?;
        Ok(RequestSpec {
            op: Op::Query,
            method: reqwest::Method::GET,
            path: self.session_path(resource_id, sid, mode, "query"),
            query: vec![],
            body: None,
            retry_code65: false,
            mode: Some(mode.as_str()),
            slow: false,
        })
    }

    pub fn update_spec(
        &self,
        resource_id: &ResourceId,
        sid: &Sid,
        mode: Mode,
        req: &UpdateRequest,
    ) -> Result<RequestSpec, Error> {
        validate_ids(resource_id.as_str(), Some(sid.as_str())).map_err(Error::Invalid)?;
        validate_update(req, mode).map_err(Error::Invalid)?;
        Ok(RequestSpec {
            op: Op::Update,
            method: reqwest::Method::POST,
            path: self.session_path(resource_id, sid, mode, "update"),
            query: vec![],
            body: Some(encode_body(req)?),
            retry_code65: false,
            mode: Some(mode.as_str()),
            slow: false,
        })
    }

    pub fn update_layout_spec(
        &self,
        resource_id: &ResourceId,
        sid: &Sid,
        req: &UpdateLayoutRequest,
    ) -> Result<RequestSpec, Error> {
        validate_ids(resource_id.as_str(), Some(sid.as_str())).map_err(Error::Invalid)?;
        validate_update_layout(req).map_err(Error::Invalid)?;
        Ok(RequestSpec {
            op: Op::UpdateLayout,
            method: reqwest::Method::POST,
            path: self.session_path(resource_id, sid, Mode::Mix, "updateLayout"),
            query: vec![],
            body: Some(encode_body(req)?),
            retry_code65: false,
            mode: Some("mix"),
            slow: false,
        })
    }

    pub fn stop_spec(
        &self,
        resource_id: &ResourceId,
        sid: &Sid,
        mode: Mode,
        req: &StopRequest,
    ) -> Result<RequestSpec, Error> {
        validate_ids(resource_id.as_str(), Some(sid.as_str())).map_err(Error::Invalid)?;
        validate_stop(req, mode).map_err(Error::Invalid)?;
        Ok(RequestSpec {
            op: Op::Stop,
            method: reqwest::Method::POST,
            path: self.session_path(resource_id, sid, mode, "stop"),
            query: vec![],
            body: Some(encode_body(req)?),
            retry_code65: false,
            mode: Some(mode.as_str()),
            // A synchronous stop is answered only after the upload.
            slow: !req.client_request.async_stop,
        })
    }

    /// `acquire`: a resourceId, valid for 5 minutes; start within about 2 seconds.
    pub async fn acquire(
        &self,
        req: &AcquireRequest,
        mode: Mode,
    ) -> Result<Response<AcquireResponse>, Error> {
        let spec = self.acquire_spec(req, mode)?;
        decode_recording(spec.op, self.client.send(&spec).await?)
    }

    /// `start`: never re-sent automatically unless the request surely did not arrive, or the
    /// caller opted in to the documented code-65 retry.
    pub async fn start(
        &self,
        resource_id: &ResourceId,
        mode: Mode,
        req: &StartRequest,
        opts: StartOptions,
    ) -> Result<Response<StartResponse>, Error> {
        let spec = self.start_spec(resource_id, mode, req, opts)?;
        let raw = self.client.send(&spec).await?;
        if let Some(ours) = already_started_by_us(&raw, resource_id) {
            return Ok(ours);
        }
        decode_recording(spec.op, raw)
    }

    /// Asks Agora whether a resource already runs a session, without any chance of starting
    /// one: a start whose `clientRequest` is empty (no storage, no recording config) cannot
    /// start a recording. Agora answers a resource already in use with 201 code 7 (echoing the
    /// sid, where it does); an unused one with 400 code 2 (the empty body), and one that was
    /// never started in time with code 433. The answer is returned as it came, for
    /// [`ProbeAnswer::read`].
    pub async fn probe_started(
        &self,
        resource_id: &ResourceId,
        mode: Mode,
        cname: &str,
        uid: &crate::ids::Uid,
    ) -> Result<ProbeAnswer, Error> {
        validate_ids(resource_id.as_str(), None).map_err(Error::Invalid)?;
        let body = Envelope::new(cname, uid.clone(), serde_json::json!({}));
        let spec = RequestSpec {
            op: Op::Start,
            method: reqwest::Method::POST,
            path: self.start_path(resource_id, mode),
            query: vec![],
            body: Some(encode_body(&body)?),
            retry_code65: false,
            mode: Some(mode.as_str()),
            slow: false,
        };
        let raw = self.client.send(&spec).await?;
        Ok(ProbeAnswer::read(raw.status, &raw.body))
    }

    /// `query`: only while the session is alive (404 otherwise, or during a failover).
    pub async fn query(
        &self,
        resource_id: &ResourceId,
        sid: &Sid,
        mode: Mode,
    ) -> Result<Response<QueryResponse>, Error> {
        let spec = self.query_spec(resource_id, sid, mode)?;
        decode_recording(spec.op, self.client.send(&spec).await?)
    }

    /// `update`: subscriptions, web pause/resume, CDN URL, storage credentials.
    pub async fn update(
        &self,
        resource_id: &ResourceId,
        sid: &Sid,
        mode: Mode,
        req: &UpdateRequest,
    ) -> Result<Response<UpdateResponse>, Error> {
        let spec = self.update_spec(resource_id, sid, mode, req)?;
        decode_recording(spec.op, self.client.send(&spec).await?)
    }

    /// `updateLayout` (mix): replaces the whole layout.
    pub async fn update_layout(
        &self,
        resource_id: &ResourceId,
        sid: &Sid,
        req: &UpdateLayoutRequest,
    ) -> Result<Response<UpdateLayoutResponse>, Error> {
        let spec = self.update_layout_spec(resource_id, sid, req)?;
        decode_recording(spec.op, self.client.send(&spec).await?)
    }

    /// `stop`: the final file list and upload status.
    pub async fn stop(
        &self,
        resource_id: &ResourceId,
        sid: &Sid,
        mode: Mode,
        req: &StopRequest,
    ) -> Result<Response<StopResponse>, Error> {
        let spec = self.stop_spec(resource_id, sid, mode, req)?;
        decode_recording(spec.op, self.client.send(&spec).await?)
    }
}
