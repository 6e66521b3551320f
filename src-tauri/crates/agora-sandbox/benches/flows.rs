//! Throughput over a long run: sequential acquire → start → query → stop flows against one
//! sandbox, as a user's CI does for hours. Prints the rate of each window of flows and the last
//! window's rate against a freshly reset sandbox's, measured in the same run. Flat is the goal:
//! what the sandbox keeps must not slow down what it answers.
//!
//!   cargo bench -p agora-sandbox --bench flows            (100,000 flows)
//!   MIXDECK_BENCH_FLOWS=20000 cargo bench -p agora-sandbox --bench flows
//!
//! Simulated time moves 10 s per flow (the clock is frozen otherwise), so resources expire and
//! ended sessions age as they would over about 12 days of use.

use std::time::{Duration, Instant};

use agora_sandbox::{Sandbox, SandboxConfig, SandboxHandle};
use serde_json::{json, Value};

struct Flows {
    http: reqwest::Client,
    base: String,
    auth: String,
}

impl Flows {
    async fn post(&self, path: &str, body: Value) -> Value {
        let r = self
            .http
            .post(format!("{}{path}", self.base))
            .header("Authorization", &self.auth)
            .header("Content-Type", "application/json")
            .body(body.to_string())
            .send()
            .await
            .expect("the sandbox answers");
        let status = r.status();
        let v: Value = r.json().await.expect("a JSON answer");
        assert!(status.is_success(), "{path}: {status} {v}");
        v
    }

    async fn one(&self, sandbox: &SandboxHandle, app: &str, n: u64) {
        let cname = format!("bench-{n}");
        let rec = format!("/v1/apps/{app}/cloud_recording");
        let acquired = self
            .post(
                &format!("{rec}/acquire"),
                json!({"cname": cname, "uid": "9", "clientRequest": {}}),
            )
            .await;
        let rid = acquired["resourceId"]
            .as_str()
            .unwrap_or_default()
            .to_owned();
        let start = json!({"cname": cname, "uid": "9", "clientRequest": {
            "recordingConfig": {"channelType": 1, "maxIdleTime": 30},
            "recordingFileConfig": {"avFileType": ["hls"]},
            "storageConfig": {"vendor": 1, "region": 0, "bucket": "b", "accessKey": "a", "secretKey": "s"}
        }});
        let started = self
            .post(&format!("{rec}/resourceid/{rid}/mode/mix/start"), start)
            .await;
        let sid = started["sid"].as_str().unwrap_or_default().to_owned();
        sandbox.advance(Duration::from_secs(6));
        let q = self
            .http
            .get(format!(
                "{}{rec}/resourceid/{rid}/sid/{sid}/mode/mix/query",
                self.base
            ))
            .header("Authorization", &self.auth)
            .send()
            .await
            .expect("the sandbox answers");
        assert!(q.status().is_success(), "query: {}", q.status());
        let _ = q.bytes().await;
        self.post(
            &format!("{rec}/resourceid/{rid}/sid/{sid}/mode/mix/stop"),
            json!({"cname": cname, "uid": "9", "clientRequest": {"async_stop": true}}),
        )
        .await;
        sandbox.advance(Duration::from_secs(4));
    }
}

async fn window(flows: &Flows, sandbox: &SandboxHandle, app: &str, from: u64, n: u64) -> f64 {
    let t0 = Instant::now();
    for i in from..from + n {
        flows.one(sandbox, app, i).await;
    }
    n as f64 / t0.elapsed().as_secs_f64()
}

fn main() {
    let total: u64 = std::env::var("MIXDECK_BENCH_FLOWS")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(100_000);
    let per_window = (total / 10).max(1);
    let rt = tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
        .expect("a runtime");
    rt.block_on(async {
        let sandbox = Sandbox::start(SandboxConfig::for_tests())
            .await
            .expect("a sandbox");
        let creds = sandbox.credentials();
        let auth = format!(
            "Basic {}",
            base64_encode(&format!("{}:{}", creds.customer_id, creds.customer_secret))
        );
        let flows = Flows {
            http: reqwest::Client::new(),
            base: sandbox.base_url().to_owned(),
            auth,
        };
        let app = creds.app_id.clone();
        println!("{total} sequential flows (acquire, start, query, stop), {per_window} a window");
        let mut rates = Vec::new();
        let mut done = 0;
        while done < total {
            let rate = window(&flows, &sandbox, &app, done, per_window).await;
            done += per_window;
            println!(
                "  flows {:>7} .. {:>7}: {rate:>8.0} flows/s",
                done - per_window,
                done
            );
            rates.push(rate);
        }
        sandbox.reset();
        let fresh = window(&flows, &sandbox, &app, done, per_window).await;
        let last = *rates.last().unwrap_or(&fresh);
        let first = rates.first().copied().unwrap_or(fresh);
        println!("  fresh sandbox (after reset):  {fresh:>8.0} flows/s");
        println!(
            "last window / fresh sandbox: {:.2}x; last window / first window: {:.2}x",
            last / fresh,
            last / first
        );
        sandbox.shutdown().await;
    });
}

fn base64_encode(s: &str) -> String {
    use base64::Engine as _;
    base64::engine::general_purpose::STANDARD.encode(s)
}
