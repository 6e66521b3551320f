//! Cloud Transcoding: builder tokens, the task life cycle and its errors.

use agora_sandbox::{SandboxConfig, TaskEndReason};
use reqwest::Method;
use serde_json::json;

use crate::common::{transcoder, Api};

const MASK: &str = "services.cloudTranscoder.config";

impl Api {
    async fn token(&self, instance: &str) -> String {
        let r = self
            .post(&self.tc("builderTokens"), &json!({"instanceId": instance}))
            .await;
        assert_eq!(r.status, 200, "{}", r.text);
        assert_eq!(r.body["instanceId"], instance);
        assert!(
            r.body["createTs"].as_i64().unwrap() > 1_600_000_000,
            "Unix seconds"
        );
        r.body["tokenName"].as_str().unwrap().to_owned()
    }

    async fn create(&self, token: &str) -> crate::common::Resp {
        self.post(
            &self.tc(&format!("tasks?builderToken={token}")),
            &transcoder("in", &[1001, 1002]),
        )
        .await
    }

    async fn task(
        &self,
        method: Method,
        task: &str,
        token: &str,
        extra_query: &str,
    ) -> crate::common::Resp {
        let url = self.tc(&format!("tasks/{task}?builderToken={token}{extra_query}"));
        let body = (method == Method::PATCH).then(|| transcoder("in", &[1001]));
        self.send(method, &url, body.as_ref()).await
    }
}

#[tokio::test]
async fn a_task_runs_from_create_to_delete() {
    let api = Api::start().await;
    let token = api.token("inst-1").await;
    let created = api.create(&token).await;
    assert_eq!(created.status, 200, "{}", created.text);
    let task = created.body["taskId"].as_str().unwrap().to_owned();
    assert_eq!(
        task.split('-').map(str::len).collect::<Vec<_>>(),
        [8, 4, 4, 4, 12],
        "a UUID"
    );
    assert_eq!(created.body["status"], "IDLE");
    let service = &created.body["services"]["cloudTranscoder"];
    assert_eq!(service["serviceType"], "cloudTranscoderV2");
    assert_eq!(service["status"], "serviceIdle");
    assert_eq!(service["config"]["transcoder"]["canvas"]["width"], 640);
    assert!(created.headers.contains_key("x-request-id"));

    let mut seen = Vec::new();
    for step in [0.0, 1.0, 1.0, 2.999, 0.001] {
        api.advance(step);
        let r = api.task(Method::GET, &task, &token, "").await;
        assert_eq!(r.status, 200, "{}", r.text);
        seen.push(r.body["status"].as_str().unwrap().to_owned());
    }
    assert_eq!(
        seen,
        ["IDLE", "PREPARED", "STARTED", "STARTED", "IN_PROGRESS"]
    );

    let deleted = api.task(Method::DELETE, &task, &token, "").await;
    assert_eq!(
        (deleted.status, deleted.body["status"].as_str()),
        (200, Some("STOPPED"))
    );
    assert_eq!(
        deleted.body["services"]["cloudTranscoder"]["status"],
        "serviceCompleted"
    );
    let gone = api.task(Method::GET, &task, &token, "").await;
    assert_eq!(gone.status, 404, "{}", gone.text);
    assert!(gone.message().contains(&task));
    assert_eq!(
        api.task(Method::DELETE, &task, &token, "").await.status,
        404
    );
}

#[tokio::test]
async fn updates_apply_only_higher_sequence_ids() {
    let api = Api::start().await;
    let token = api.token("inst-1").await;
    let task = api.create(&token).await.body["taskId"]
        .as_str()
        .unwrap()
        .to_owned();
    let update = |seq: u64| format!("&sequenceId={seq}&updateMask={MASK}");

    let r = api.task(Method::PATCH, &task, &token, &update(3)).await;
    assert_eq!(
        (r.status, r.text.as_str()),
        (200, ""),
        "2xx with an empty body"
    );
    for stale in [3, 1] {
        let r = api.task(Method::PATCH, &task, &token, &update(stale)).await;
        assert_eq!(r.status, 200, "a stale sequenceId is accepted and ignored");
    }
    let view = api.sandbox.task(&task).unwrap();
    assert_eq!(view.sequence_id, Some(3));
    assert_eq!(
        view.updates
            .iter()
            .map(|u| (u.sequence_id, u.applied))
            .collect::<Vec<_>>(),
        [(3, true), (3, false), (1, false)]
    );
    assert_eq!(
        view.config.as_ref().unwrap()["videoInputs"]
            .as_array()
            .unwrap()
            .len(),
        1,
        "the update replaced the inputs"
    );
    assert!(
        !serde_json::to_string(&view)
            .unwrap()
            .contains("input-token-secret"),
        "tokens are redacted"
    );
    let q = api.task(Method::GET, &task, &token, "").await;
    assert_eq!(q.body["sequenceId"], 3);
}

#[tokio::test]
async fn updates_need_the_documented_mask_a_sequence_id_and_a_valid_body() {
    let api = Api::start().await;
    let token = api.token("inst-1").await;
    let task = api.create(&token).await.body["taskId"]
        .as_str()
        .unwrap()
        .to_owned();
    for query in [
        "&sequenceId=1",
        "&sequenceId=1&updateMask=services",
        &format!("&updateMask={MASK}"),
        &format!("&sequenceId=-1&updateMask={MASK}"),
    ] {
        let r = api.task(Method::PATCH, &task, &token, query).await;
        assert_eq!(r.status, 400, "{query}: {}", r.text);
        assert!(!r.message().is_empty());
    }
    let url = api.tc(&format!(
        "tasks/{task}?builderToken={token}&sequenceId=1&updateMask={MASK}"
    ));
    let mut body = transcoder("in", &[1001]);
    body["services"]["cloudTranscoder"]["config"]["transcoder"]["canvas"]["width"] = json!(10);
    let r = api.send(Method::PATCH, &url, Some(&body)).await;
    assert_eq!(r.status, 400);
    assert!(
        r.message()
            .starts_with("services.cloudTranscoder.config.transcoder.canvas.width"),
        "{}",
        r.message()
    );
    body["services"]["cloudTranscoder"]["config"]["transcoder"]["canvas"]["width"] = json!(640);
    body["services"]["cloudTranscoder"]["config"]["transcoder"]["streamProcessMode"] =
        json!("single");
    assert_eq!(
        api.send(Method::PATCH, &url, Some(&body)).await.status,
        400,
        "the scenario must not change"
    );
    assert_eq!(api.sandbox.task(&task).unwrap().updates.len(), 0);
}

#[tokio::test]
async fn one_live_task_per_instance_id_is_enforced_with_409() {
    let api = Api::start().await;
    let first = api.token("inst-1").await;
    let task = api.create(&first).await.body["taskId"]
        .as_str()
        .unwrap()
        .to_owned();
    let second = api.token("inst-1").await;
    let r = api.create(&second).await;
    assert_eq!(r.status, 409, "{}", r.text);
    assert!(r.message().contains("inst-1"));
    let other = api.token("inst-2").await;
    assert_eq!(
        api.create(&other).await.status,
        200,
        "another instance is fine"
    );
    api.task(Method::DELETE, &task, &first, "").await;
    assert_eq!(
        api.create(&second).await.status,
        200,
        "after delete the instance is free"
    );
}

#[tokio::test]
async fn builder_tokens_serve_one_create_within_five_minutes() {
    let api = Api::start().await;
    let used = api.token("inst-1").await;
    let task = api.create(&used).await.body["taskId"]
        .as_str()
        .unwrap()
        .to_owned();
    api.task(Method::DELETE, &task, &used, "").await;
    let r = api.create(&used).await;
    assert_eq!(r.status, 400);
    assert!(r.message().contains("already used"), "{}", r.message());

    let late = api.token("inst-2").await;
    api.advance(300.0);
    let r = api.create(&late).await;
    assert_eq!(r.status, 400);
    assert!(r.message().contains("expired"), "{}", r.message());

    let r = api.create("never-issued").await;
    assert_eq!(r.status, 400);
    let r = api.post(&api.tc("tasks"), &transcoder("in", &[1])).await;
    assert_eq!(r.status, 400, "no builderToken at all");
}

#[tokio::test]
async fn bodies_are_validated_with_the_field_named() {
    let api = Api::start().await;
    let r = api
        .post(&api.tc("builderTokens"), &json!({"instanceId": "bad id!"}))
        .await;
    assert_eq!(r.status, 400);
    assert!(r.message().starts_with("instanceId:"), "{}", r.message());
    let r = api
        .post(&api.tc("builderTokens"), &json!({"instance": "x"}))
        .await;
    assert_eq!(r.status, 400);
    assert!(r.message().contains("instance"), "{}", r.message());
    let token = api.token("inst-1").await;
    let r = api
        .send(
            Method::POST,
            &api.tc(&format!("tasks?builderToken={token}")),
            None,
        )
        .await;
    assert_eq!(r.status, 400, "{}", r.text);
    assert_eq!(
        api.create(&token).await.status,
        200,
        "a refused create does not use the token"
    );
}

#[tokio::test]
async fn unknown_tasks_and_foreign_tokens_are_404() {
    let api = Api::start().await;
    let token = api.token("inst-1").await;
    let task = api.create(&token).await.body["taskId"]
        .as_str()
        .unwrap()
        .to_owned();
    let r = api
        .task(
            Method::GET,
            "00000000-0000-4000-8000-000000000000",
            &token,
            "",
        )
        .await;
    assert_eq!(r.status, 404);
    assert!(!r.message().is_empty());
    let other = api.token("inst-2").await;
    assert_eq!(api.task(Method::GET, &task, &other, "").await.status, 404);
}

#[tokio::test]
async fn a_task_whose_hosts_are_gone_for_idle_timeout_ends_itself() {
    let api = Api::with(SandboxConfig::for_tests().channel("in", vec![1001])).await;
    let token = api.token("inst-1").await;
    let task = api.create(&token).await.body["taskId"]
        .as_str()
        .unwrap()
        .to_owned();
    api.advance(30.0);
    api.sandbox.set_publishers("in", &[]).unwrap();
    api.advance(59.0);
    assert_eq!(api.task(Method::GET, &task, &token, "").await.status, 200);
    api.advance(1.0);
    assert_eq!(
        api.task(Method::GET, &task, &token, "").await.status,
        404,
        "idleTimeout 60 s"
    );
    assert_eq!(
        api.sandbox.task(&task).unwrap().ended.unwrap().reason,
        TaskEndReason::IdleTimeout
    );
    let next = api.token("inst-1").await;
    assert_eq!(
        api.create(&next).await.status,
        200,
        "the instance is free again"
    );
}

#[tokio::test]
async fn an_output_uid_already_in_its_channel_makes_the_task_fail_stop() {
    let api = Api::start().await;
    let token = api.token("clash").await;
    let mut body = transcoder("in", &[1001]);
    // 1002 publishes in every channel the sandbox was told nothing about.
    body["services"]["cloudTranscoder"]["config"]["transcoder"]["outputs"][0]["rtc"]["rtcUid"] =
        json!(1002);
    let created = api
        .post(&api.tc(&format!("tasks?builderToken={token}")), &body)
        .await;
    assert_eq!(created.status, 200, "{}", created.text);
    let task = created.body["taskId"].as_str().unwrap().to_owned();
    api.advance(3.0);
    let failed = api.task(Method::GET, &task, &token, "").await;
    assert_eq!(
        (failed.status, failed.body["status"].as_str()),
        (200, Some("FAILURE_STOP"))
    );
    api.advance(60.0);
    assert_eq!(api.task(Method::GET, &task, &token, "").await.status, 404);
    let ended = api.sandbox.task(&task).unwrap().ended.unwrap();
    assert_eq!(ended.reason, TaskEndReason::OutputUidTaken);
}
