//! Storage against the sandbox's real S3 store on loopback (s3s verifying SigV4): the check
//! with good keys and with each kind of mistake, a recording's files listed, read and linked,
//! and presigned links that stop working when they expire.

mod common;

use std::time::Duration;

use agora_rest::codes::Vendor;
use agora_rest::recording::file_names::FileKind;
use agora_rest::recording::{ExtensionParams, StorageConfig};
use agora_rest::Sensitive;
use common::*;
use mixdeck_core::engine::SecretInput;
use mixdeck_core::storage::{self, vendors, Bucket, StepOutcome, StorageKeys, StorageStep};
use mixdeck_core::store::{ProfileInput, StorageDefaults};
use mixdeck_core::vault::SecretKind;

/// The sandbox's bucket as a user would type it: S3-compatible storage at its loopback host.
fn sandbox_storage(w: &World) -> StorageConfig {
    let s = w.sandbox.storage();
    StorageConfig {
        vendor: Vendor::S3_COMPATIBLE,
        region: 0,
        bucket: agora_sandbox::DEFAULT_BUCKET.into(),
        access_key: Sensitive::new(s.access_key.clone()),
        secret_key: Sensitive::new(s.secret_key.clone()),
        file_name_prefix: Some(vec!["shows".into(), "day1".into()]),
        extension_params: Some(ExtensionParams {
            endpoint: Some(s.endpoint.clone()),
            ..Default::default()
        }),
        ..Default::default()
    }
}

/// The sandbox's bucket opened with its keys, as S3-compatible storage at its loopback host.
fn sandbox_bucket(w: &World) -> Bucket {
    let info = w.sandbox.storage();
    let loc = StorageDefaults {
        vendor: Vendor::S3_COMPATIBLE,
        region: 0,
        bucket: agora_sandbox::DEFAULT_BUCKET.into(),
        file_name_prefix: None,
        endpoint: Some(info.endpoint.clone()),
    };
    let keys = StorageKeys {
        access_key: Sensitive::new(info.access_key.clone()),
        secret_key: Sensitive::new(info.secret_key.clone()),
        sts_token: None,
    };
    Bucket::open(&loc, &vendors::api(&loc).unwrap(), &keys).unwrap()
}

fn outcome(c: &storage::StorageCheck, step: StorageStep) -> (StepOutcome, Option<&str>) {
    let s = c.step(step).unwrap();
    (s.outcome, s.field.as_deref())
}

#[tokio::test]
async fn a_storage_check_passes_with_good_keys_and_names_each_mistake() {
    let w = world().await;
    let good = sandbox_storage(&w);
    let c = w
        .engine
        .check_storage(w.profile, good.clone())
        .await
        .unwrap();
    assert!(c.ok, "{c:?}");
    assert!(
        c.steps.iter().all(|s| s.outcome == StepOutcome::Passed),
        "{c:?}"
    );
    assert!(c
        .key
        .as_deref()
        .unwrap()
        .starts_with("shows/day1/mixdeck-check-"));

    let mut wrong_secret = good.clone();
    wrong_secret.secret_key = Sensitive::new("not-the-secret".into());
    let c = w
        .engine
        .check_storage(w.profile, wrong_secret)
        .await
        .unwrap();
    assert!(!c.ok);
    assert_eq!(
        outcome(&c, StorageStep::Auth),
        (StepOutcome::Failed, Some("secretKey"))
    );
    assert_eq!(outcome(&c, StorageStep::Write).0, StepOutcome::Skipped);
    let text = format!("{c:?}");
    assert!(
        !text.contains("not-the-secret") && !text.contains("sandbox-access-key"),
        "{text}"
    );

    let mut wrong_key = good.clone();
    wrong_key.access_key = Sensitive::new("nobody".into());
    let c = w.engine.check_storage(w.profile, wrong_key).await.unwrap();
    assert_eq!(
        outcome(&c, StorageStep::Auth),
        (StepOutcome::Failed, Some("accessKey"))
    );

    let mut wrong_bucket = good.clone();
    wrong_bucket.bucket = "no-such-bucket".into();
    let c = w
        .engine
        .check_storage(w.profile, wrong_bucket)
        .await
        .unwrap();
    assert_eq!(outcome(&c, StorageStep::Auth).0, StepOutcome::Passed);
    assert_eq!(
        outcome(&c, StorageStep::Bucket),
        (StepOutcome::Failed, Some("bucket"))
    );

    // Amazon S3 in eu-central-1 (region 7), reaching the store that stands in for it.
    let info = w.sandbox.storage().clone();
    let loc = StorageDefaults {
        vendor: Vendor::AMAZON_S3,
        region: 7,
        bucket: agora_sandbox::DEFAULT_BUCKET.into(),
        file_name_prefix: None,
        endpoint: None,
    };
    let keys = StorageKeys {
        access_key: Sensitive::new(info.access_key.clone()),
        secret_key: Sensitive::new(info.secret_key.clone()),
        sts_token: None,
    };
    let bucket = Bucket::open(&loc, &vendors::api_at(&loc, &info.url), &keys).unwrap();
    let c = storage::check(&bucket).await;
    assert_eq!(
        outcome(&c, StorageStep::Region),
        (StepOutcome::Failed, Some("region"))
    );
    let region = c
        .steps
        .iter()
        .find(|s| s.step == StorageStep::Region)
        .unwrap();
    assert!(region.message.contains("us-east-1"), "{}", region.message);
    let us_east = StorageDefaults { region: 0, ..loc };
    let c = storage::check(
        &Bucket::open(&us_east, &vendors::api_at(&us_east, &info.url), &keys).unwrap(),
    )
    .await;
    assert!(c.ok, "{c:?}");

    // A vendor Mixdeck cannot reach says so instead of failing.
    let kingsoft = StorageConfig {
        vendor: Vendor::KINGSOFT,
        ..good
    };
    let c = w.engine.check_storage(w.profile, kingsoft).await.unwrap();
    assert!(c.unsupported.unwrap().contains("cannot check"));
}

#[tokio::test]
async fn a_recordings_files_are_listed_read_downloaded_and_linked() {
    let w = world().await;
    let storage = sandbox_storage(&w);
    let info = w.sandbox.storage().clone();
    let profile = w
        .engine
        .create_profile(
            ProfileInput {
                name: "Own bucket".into(),
                app_id: APP.into(),
                customer_id: "cust-id".into(),
                area: agora_rest::domain::Area::Eu,
                endpoint: Some(w.sandbox.base_url().to_owned()),
                default_storage: Some(StorageDefaults {
                    vendor: storage.vendor,
                    region: 0,
                    bucket: storage.bucket.clone(),
                    file_name_prefix: storage.file_name_prefix.clone(),
                    endpoint: Some(info.endpoint.clone()),
                }),
            },
            [
                (SecretKind::CustomerSecret, CUSTOMER_SECRET),
                (SecretKind::StorageAccessKey, info.access_key.as_str()),
                (SecretKind::StorageSecretKey, info.secret_key.as_str()),
            ]
            .into_iter()
            .map(|(kind, v)| SecretInput {
                kind,
                value: Sensitive::from(v),
            })
            .collect(),
        )
        .await
        .unwrap()
        .profile
        .id;
    let mut req = begin(&w, "show-1");
    req.profile_id = profile;
    req.start.client_request.storage_config = Some(StorageConfig {
        access_key: Sensitive::new(String::new()),
        secret_key: Sensitive::new(String::new()),
        ..storage
    });
    let row = w.engine.begin_recording(req).await.unwrap();
    let sid = row.sid.clone().unwrap();
    w.sandbox.advance(Duration::from_secs(9));
    w.engine.query_recording(row.id).await.unwrap();
    w.engine.stop_recording(row.id, false).await.unwrap();

    let files = w.engine.session_files(row.id).await.unwrap();
    assert_eq!(files.listing_problem, None);
    let playlist = format!("shows/day1/{sid}_show-1.m3u8");
    let p = files.files.iter().find(|f| f.key == playlist).unwrap();
    assert!(p.in_file_list && p.in_bucket && p.playable, "{p:?}");
    assert_eq!(p.naming.kind, FileKind::Playlist);
    let slices: Vec<_> = files
        .files
        .iter()
        .filter(|f| f.naming.kind == FileKind::Slice)
        .collect();
    assert_eq!(slices.len(), 5, "9 s of 2 s slices");
    assert!(slices
        .iter()
        .all(|s| s.size.unwrap() > 10_000 && s.modified_at.is_some()));
    assert_eq!(files.files[0].key, playlist, "playlists come first");
    let kinds: Vec<&str> = files
        .track_events
        .iter()
        .map(|e| e.event.track_type.as_str())
        .collect();
    assert_eq!(kinds, ["AUDIO", "VIDEO"]);
    assert!(files.storage.unwrap().contains("prefix shows/day1/"));

    // The player's bytes: a range, with the type a player needs.
    let part = w
        .engine
        .read_file_part(row.id, &slices[0].key, Some((0, Some(187))))
        .await
        .unwrap();
    assert_eq!(
        (part.bytes.len(), part.start, part.content_type),
        (188, 0, "video/MP2T")
    );
    assert_eq!(part.bytes[0], 0x47, "an MPEG-TS sync byte");
    let text = w
        .engine
        .read_file_part(row.id, &playlist, None)
        .await
        .unwrap();
    let text = String::from_utf8(text.bytes.to_vec()).unwrap();
    assert!(text.contains("#EXT-X-AGORA-TRACK-EVENT") && text.ends_with("#EXT-X-ENDLIST\n"));

    // Nothing outside the session's own files is reachable.
    let err = w
        .engine
        .read_file_part(row.id, "shows/day1/other.txt", None)
        .await
        .unwrap_err();
    assert!(err.to_string().contains("not a file of this session"));
    assert!(w
        .engine
        .presign_file(row.id, &playlist, 5)
        .await
        .unwrap_err()
        .to_string()
        .contains("expiresIn"));

    let dir = tempfile::tempdir().unwrap();
    let path = w
        .engine
        .download_file(row.id, &slices[1].key, dir.path())
        .await
        .unwrap();
    assert_eq!(
        std::fs::metadata(&path).unwrap().len(),
        slices[1].size.unwrap()
    );

    // A presigned link works without keys, until it expires; the server checks the signature.
    let link = w.engine.presign_file(row.id, &playlist, 600).await.unwrap();
    let http = reqwest::Client::new();
    let ok = http.get(link.url.expose()).send().await.unwrap();
    assert_eq!(ok.status(), 200);
    assert!(ok.text().await.unwrap().starts_with("#EXTM3U"));
    let tampered = link
        .url
        .expose()
        .replace("X-Amz-Expires=600", "X-Amz-Expires=6000");
    assert_eq!(http.get(tampered).send().await.unwrap().status(), 403);
    assert_eq!(
        http.get(format!(
            "{}/{}/{playlist}",
            info.url,
            agora_sandbox::DEFAULT_BUCKET
        ))
        .send()
        .await
        .unwrap()
        .status(),
        403
    );

    let bucket = sandbox_bucket(&w);
    let short = bucket
        .presign(&playlist, Duration::from_secs(1))
        .await
        .unwrap();
    assert_eq!(http.get(short.expose()).send().await.unwrap().status(), 200);
    tokio::time::sleep(Duration::from_millis(2_100)).await;
    let expired = http.get(short.expose()).send().await.unwrap();
    assert_eq!(expired.status(), 403);
    assert!(expired.text().await.unwrap().contains("expired"));
}

#[tokio::test]
async fn a_recording_into_the_store_with_wrong_keys_leaves_its_files_in_agoras_backup() {
    let w = world().await;
    let mut req = begin(&w, "show-2");
    req.start.client_request.storage_config = Some(StorageConfig {
        secret_key: Sensitive::new("not-the-store-secret".into()),
        ..sandbox_storage(&w)
    });
    let row = w.engine.begin_recording(req).await.unwrap();
    w.sandbox.advance(Duration::from_secs(9));
    w.engine.query_recording(row.id).await.unwrap();
    let stop = w.engine.stop_recording(row.id, false).await.unwrap();
    assert_eq!(stop.upload_status.as_deref(), Some("backuped"));
    // Nothing reached the bucket: listed with the right keys, only the names Agora gave remain.
    let bucket = sandbox_bucket(&w);
    let sid = row.sid.unwrap();
    let link = bucket
        .presign(
            &format!("shows/day1/{sid}_show-2.m3u8"),
            Duration::from_secs(60),
        )
        .await
        .unwrap();
    let answer = reqwest::get(link.expose()).await.unwrap();
    assert_eq!(answer.status(), 404);
}

#[tokio::test]
async fn snapshots_land_in_the_bucket_as_agora_names_them() {
    use agora_rest::codes::{StreamTypes, SubscribeUidGroup};
    use agora_rest::recording::{Mode, RecordingConfig, SnapshotConfig, SnapshotFileType};
    let w = world().await;
    let mut req = begin(&w, "snap-1");
    req.mode = Mode::Individual;
    req.start.client_request.recording_config = Some(RecordingConfig {
        channel_type: agora_rest::codes::ChannelType::LIVE_BROADCAST,
        stream_types: Some(StreamTypes::AUDIO_AND_VIDEO),
        subscribe_uid_group: Some(SubscribeUidGroup::UP_TO_2),
        ..Default::default()
    });
    req.start.client_request.recording_file_config = None;
    req.start.client_request.snapshot_config = Some(SnapshotConfig {
        capture_interval: Some(5),
        file_type: vec![SnapshotFileType::Jpg],
    });
    req.start.client_request.storage_config = Some(sandbox_storage(&w));
    let row = w.engine.begin_recording(req).await.unwrap();
    let sid = row.sid.clone().unwrap();
    w.sandbox.advance(Duration::from_secs(12));
    w.engine.query_recording(row.id).await.unwrap();
    let bucket = sandbox_bucket(&w);
    use futures_util::TryStreamExt;
    let names: Vec<String> = bucket
        .objects()
        .list(Some(&object_store::path::Path::from("shows/day1")))
        .map_ok(|m| m.location.filename().unwrap_or_default().to_owned())
        .try_collect()
        .await
        .unwrap();
    let shots: Vec<&String> = names.iter().filter(|n| n.ends_with(".jpg")).collect();
    // Every 5 s over 12 s, for each user with video: at 0, 5 and 10 s.
    assert!(
        !shots.is_empty() && shots.len().is_multiple_of(3),
        "{names:?}"
    );
    assert!(shots
        .iter()
        .all(|n| n.starts_with(&format!("{sid}_snap-1__uid_s_")) && n.contains("__uid_e_video_")));
}
