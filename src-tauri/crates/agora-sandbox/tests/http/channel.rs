//! Channel Management's user list, emulated from the sandbox's channels: hosts are the channel's
//! publishers, live recorders its audience; a channel nobody is in does not exist.

use serde_json::json;

use crate::common::{mix, Api};
use agora_sandbox::SandboxConfig;

#[tokio::test]
async fn the_user_list_follows_publishers_and_recorders() {
    let api = Api::with(SandboxConfig::for_tests().channel("empty", vec![])).await;
    let url = |tail: &str| format!("{}/dev/v1/channel/user/{}/{tail}", api.base, api.app);

    let r = api.get(&url("empty")).await;
    assert_eq!(r.status, 200, "{}", r.text);
    assert_eq!(
        r.body,
        json!({"success": true, "data": {"channel_exist": false}})
    );

    let (_rid, _sid) = api.begin("mix", "room", "527841", mix(&["hls"])).await;
    let r = api.get(&url("room")).await;
    assert_eq!(
        r.body,
        json!({"success": true, "data": {"channel_exist": true, "mode": 1, "total": 4,
            "users": [1001, 1002, 1003, 527841]}})
    );
    // A live channel: its publishers host, the recorder is audience.
    let put = api
        .http
        .put(format!("{}/_sandbox/channels/room", api.base))
        .json(&json!({"publishers": [1001, 1002, 1003], "mode": 2}))
        .send()
        .await
        .unwrap();
    assert_eq!(put.status(), 200);
    let r = api.get(&url("room")).await;
    assert_eq!(
        r.body,
        json!({"success": true, "data": {"channel_exist": true, "mode": 2,
            "broadcasters": [1001, 1002, 1003], "audience": [527841], "audience_total": 1}})
    );
    let hosts = api.get(&url("room/hosts_only")).await;
    assert_eq!(
        hosts.body["data"],
        json!({"channel_exist": true, "mode": 2, "broadcasters": [1001, 1002, 1003]})
    );

    // Basic auth and the App ID are checked as on every route.
    let anonymous = reqwest::get(url("room")).await.unwrap();
    assert_eq!(anonymous.status(), 401);
    let other = api
        .get(&format!("{}/dev/v1/channel/user/other-app/room", api.base))
        .await;
    assert_eq!(other.status, 400, "{}", other.text);
}
