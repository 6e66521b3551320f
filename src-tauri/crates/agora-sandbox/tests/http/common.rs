//! A sandbox on a port the OS picks, a plain HTTP client, and request bodies for each mode.

use std::time::Duration;

use agora_sandbox::{Sandbox, SandboxConfig, SandboxHandle};
use reqwest::header::HeaderMap;
use reqwest::Method;
use serde_json::{json, Value};

pub const STORAGE_SECRET: &str = "storage-secret-key-never-logged";

pub struct Api {
    pub sandbox: SandboxHandle,
    pub http: reqwest::Client,
    pub base: String,
    pub app: String,
    pub id: String,
    pub secret: String,
}

#[derive(Debug)]
pub struct Resp {
    pub status: u16,
    pub body: Value,
    pub text: String,
    pub headers: HeaderMap,
}

impl Resp {
    pub fn code(&self) -> Option<i64> {
        self.body["code"].as_i64()
    }

    pub fn reason(&self) -> &str {
        self.body["reason"].as_str().unwrap_or("")
    }

    pub fn message(&self) -> &str {
        self.body["message"].as_str().unwrap_or("")
    }

    #[track_caller]
    pub fn expect(self, status: u16, code: Option<i64>) -> Self {
        assert_eq!((self.status, self.code()), (status, code), "{}", self.text);
        self
    }
}

impl Api {
    pub async fn start() -> Self {
        Self::with(SandboxConfig::for_tests()).await
    }

    pub async fn with(config: SandboxConfig) -> Self {
        let sandbox = Sandbox::start(config).await.expect("the sandbox starts");
        let creds = sandbox.credentials();
        Self {
            base: sandbox.base_url().to_owned(),
            // Every request carries this run's control token (the API routes ignore it).
            http: reqwest::Client::builder()
                .default_headers(HeaderMap::from_iter([(
                    reqwest::header::HeaderName::from_static("x-sandbox-token"),
                    sandbox.control_token().parse().expect("a header value"),
                )]))
                .build()
                .expect("an HTTP client"),
            app: creds.app_id,
            id: creds.customer_id,
            secret: creds.customer_secret,
            sandbox,
        }
    }

    pub fn rec(&self, tail: &str) -> String {
        format!("{}/v1/apps/{}/cloud_recording/{tail}", self.base, self.app)
    }

    pub fn tc(&self, tail: &str) -> String {
        format!(
            "{}/v1/projects/{}/rtsc/cloud-transcoder/{tail}",
            self.base, self.app
        )
    }

    pub fn session_url(&self, rid: &str, sid: &str, mode: &str, action: &str) -> String {
        self.rec(&format!("resourceid/{rid}/sid/{sid}/mode/{mode}/{action}"))
    }

    pub fn advance(&self, seconds: f64) {
        self.sandbox.advance(Duration::from_secs_f64(seconds));
    }

    /// With the sandbox's credentials.
    pub async fn send(&self, method: Method, url: &str, body: Option<&Value>) -> Resp {
        let req = self
            .http
            .request(method, url)
            .basic_auth(&self.id, Some(&self.secret));
        self.finish(req, body).await
    }

    pub async fn finish(&self, mut req: reqwest::RequestBuilder, body: Option<&Value>) -> Resp {
        if let Some(b) = body {
            req = req
                .header("content-type", "application/json;charset=utf-8")
                .body(b.to_string());
        }
        let resp = req.send().await.expect("an HTTP answer");
        let status = resp.status().as_u16();
        let headers = resp.headers().clone();
        let text = resp.text().await.expect("a body");
        let body = serde_json::from_str(&text).unwrap_or(Value::Null);
        Resp {
            status,
            body,
            text,
            headers,
        }
    }

    pub async fn post(&self, url: &str, body: &Value) -> Resp {
        self.send(Method::POST, url, Some(body)).await
    }

    pub async fn get(&self, url: &str) -> Resp {
        self.send(Method::GET, url, None).await
    }

    pub async fn acquire(&self, cname: &str, uid: &str, scene: u8) -> String {
        let r = self
            .post(
                &self.rec("acquire"),
                &json!({"cname": cname, "uid": uid, "clientRequest": {"scene": scene}}),
            )
            .await
            .expect(200, None);
        r.body["resourceId"]
            .as_str()
            .expect("a resourceId")
            .to_owned()
    }

    pub async fn start_raw(
        &self,
        rid: &str,
        mode: &str,
        cname: &str,
        uid: &str,
        client_request: Value,
    ) -> Resp {
        self.post(
            &self.rec(&format!("resourceid/{rid}/mode/{mode}/start")),
            &json!({"cname": cname, "uid": uid, "clientRequest": client_request}),
        )
        .await
    }

    /// acquire + start; returns (resourceId, sid).
    pub async fn begin(
        &self,
        mode: &str,
        cname: &str,
        uid: &str,
        client_request: Value,
    ) -> (String, String) {
        let scene = if mode == "web" { 1 } else { 0 };
        let rid = self.acquire(cname, uid, scene).await;
        let r = self
            .start_raw(&rid, mode, cname, uid, client_request)
            .await
            .expect(200, None);
        let sid = r.body["sid"].as_str().expect("a sid").to_owned();
        (rid, sid)
    }

    pub async fn query(&self, rid: &str, sid: &str, mode: &str) -> Resp {
        self.get(&self.session_url(rid, sid, mode, "query")).await
    }

    pub async fn stop(&self, rid: &str, sid: &str, mode: &str, cname: &str, uid: &str) -> Resp {
        self.post(
            &self.session_url(rid, sid, mode, "stop"),
            &json!({"cname": cname, "uid": uid, "clientRequest": {"async_stop": false}}),
        )
        .await
    }

    /// POSTs `{cname, uid, clientRequest}` to `url` (see [`Self::session_url`]).
    pub async fn envelope_call(
        &self,
        url: &str,
        cname: &str,
        uid: &str,
        client_request: Value,
    ) -> Resp {
        self.post(
            url,
            &json!({"cname": cname, "uid": uid, "clientRequest": client_request}),
        )
        .await
    }
}

pub fn storage() -> Value {
    json!({"vendor": 1, "region": 0, "bucket": "bucket", "accessKey": "AKIA-SANDBOX-TEST", "secretKey": STORAGE_SECRET})
}

pub fn individual(recording_config: Value) -> Value {
    let mut rc = json!({"channelType": 0, "subscribeUidGroup": 0});
    if let (Some(base), Some(extra)) = (rc.as_object_mut(), recording_config.as_object()) {
        base.extend(extra.clone());
    }
    json!({"recordingConfig": rc, "recordingFileConfig": {"avFileType": ["hls"]}, "storageConfig": storage()})
}

pub fn mix(av: &[&str]) -> Value {
    json!({
        "recordingConfig": {"channelType": 1, "transcodingConfig": {"width": 640, "height": 360, "backgroundColor": "#FF0000"}},
        "recordingFileConfig": {"avFileType": av},
        "storageConfig": storage()
    })
}

pub fn web(onhold: bool, rtmp: bool) -> Value {
    let mut services = vec![json!({
        "serviceName": "web_recorder_service",
        "errorHandlePolicy": "error_abort",
        "serviceParam": {"url": "https://example.com/page", "audioProfile": 0, "videoWidth": 1280, "videoHeight": 720, "maxRecordingHour": 1, "onhold": onhold}
    })];
    if rtmp {
        services.push(json!({
            "serviceName": "rtmp_publish_service",
            "errorHandlePolicy": "error_ignore",
            "serviceParam": {"outputs": [{"rtmpUrl": "rtmp://cdn.example.com/live/key"}]}
        }));
    }
    json!({
        "extensionServiceConfig": {"extensionServices": services},
        "recordingFileConfig": {"avFileType": ["hls", "mp4"]},
        "storageConfig": storage()
    })
}

pub fn transcoder(channel: &str, uids: &[u32]) -> Value {
    let video: Vec<Value> = uids
        .iter()
        .enumerate()
        .map(|(i, uid)| json!({"rtc": {"rtcChannel": channel, "rtcUid": uid, "rtcToken": "input-token-secret"}, "region": {"x": 320 * i, "y": 0, "width": 320, "height": 360, "zOrder": 2}}))
        .collect();
    json!({"services": {"cloudTranscoder": {"serviceType": "cloudTranscoderV2", "config": {"transcoder": {
        "idleTimeout": 60,
        "audioInputs": [{"rtc": {"rtcChannel": channel, "rtcUid": 0, "rtcToken": "input-token-secret"}}],
        "videoInputs": video,
        "canvas": {"width": 640, "height": 360},
        "outputs": [{"rtc": {"rtcChannel": "out", "rtcUid": 9000, "rtcToken": "output-token-secret"}, "audioOption": {"profileType": "AUDIO_PROFILE_DEFAULT"}, "videoOption": {"width": 640, "height": 360, "bitrate": 800, "fps": 15, "codec": "H264"}}]
    }}}}})
}
