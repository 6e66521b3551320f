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
    validate_acquire, validate_start, validate_stop, validate_update, validate_update_layout,
    MAX_REGIONS, MAX_SUBSCRIBE_UIDS,
};

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
            path: format!(
                "{}/resourceid/{}/mode/{}/start",
                self.base(),
                encode_segment(resource_id.as_str()),
                mode.as_str()
            ),
            query: vec![],
            body: Some(encode_body(req)?),
            retry_code65: opts.retry_code65,
            mode: Some(mode.as_str()),
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
        decode_recording(spec.op, self.client.send(&spec).await?)
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
