//! The Azure path of storage checks and links against Azurite (Microsoft's own Blob Storage
//! emulator, installed by `npm install` from the npm registry), which verifies Shared Key
//! signatures and answers Azure's error codes.

use std::net::TcpListener;
use std::path::PathBuf;
use std::process::{Child, Command, Stdio};
use std::time::Duration;

use agora_rest::codes::Vendor;
use agora_rest::utc::{civil_from_days, DAY_MS};
use agora_rest::Sensitive;
use base64::Engine as _;
use hmac::{Hmac, Mac};
use mixdeck_core::storage::{self, vendors::Api, Bucket, StepOutcome, StorageKeys, StorageStep};
use mixdeck_core::store::StorageDefaults;

/// Azurite's documented development account.
const ACCOUNT: &str = "devstoreaccount1";
const KEY: &str =
    "Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==";

struct Azurite {
    child: Child,
    url: String,
}

impl Drop for Azurite {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

fn azurite_bin() -> PathBuf {
    let root = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../..");
    let bin = root.join("node_modules/.bin/azurite-blob");
    assert!(
        bin.exists(),
        "{} is missing: run `npm install` (azurite is a dev dependency)",
        bin.display()
    );
    bin
}

async fn azurite() -> Azurite {
    let port = TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port();
    let child = Command::new(azurite_bin())
        .args([
            "--blobHost",
            "127.0.0.1",
            "--blobPort",
            &port.to_string(),
            "--inMemoryPersistence",
        ])
        .args(["--skipApiVersionCheck", "--silent"])
        // Its debug log and lock files go here, not into the working directory.
        .current_dir(std::env::temp_dir())
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .expect("azurite starts");
    let az = Azurite {
        child,
        url: format!("http://127.0.0.1:{port}/{ACCOUNT}"),
    };
    for _ in 0..200 {
        if tokio::net::TcpStream::connect(("127.0.0.1", port))
            .await
            .is_ok()
        {
            return az;
        }
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
    panic!("azurite did not listen on {port}");
}

/// `Fri, 04 Dec 2026 20:18:30 GMT`.
fn rfc1123(ms: i64) -> String {
    let days = ms.div_euclid(DAY_MS);
    let (y, m, d) = civil_from_days(days);
    let s = ms.rem_euclid(DAY_MS) / 1000;
    let wd = ["Thu", "Fri", "Sat", "Sun", "Mon", "Tue", "Wed"][days.rem_euclid(7) as usize];
    let mon = [
        "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec",
    ][(m - 1) as usize];
    format!(
        "{wd}, {d:02} {mon} {y} {:02}:{:02}:{:02} GMT",
        s / 3600,
        s / 60 % 60,
        s % 60
    )
}

/// Test setup only (the product never creates containers): Create Container, Shared Key signed.
async fn create_container(az: &Azurite, name: &str) {
    let now = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .unwrap()
        .as_millis() as i64;
    let date = rfc1123(now);
    let version = "2021-08-06";
    let to_sign = format!(
        "PUT\n\n\n\n\n\n\n\n\n\n\n\nx-ms-date:{date}\nx-ms-version:{version}\n/{ACCOUNT}/{ACCOUNT}/{name}\nrestype:container"
    );
    let key = base64::engine::general_purpose::STANDARD
        .decode(KEY)
        .unwrap();
    let mut mac = Hmac::<sha2::Sha256>::new_from_slice(&key).unwrap();
    mac.update(to_sign.as_bytes());
    let signature = base64::engine::general_purpose::STANDARD.encode(mac.finalize().into_bytes());
    let r = reqwest::Client::new()
        .put(format!("{}/{name}?restype=container", az.url))
        .header("x-ms-date", date)
        .header("x-ms-version", version)
        .header("authorization", format!("SharedKey {ACCOUNT}:{signature}"))
        .header("content-length", "0")
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 201, "{}", r.text().await.unwrap_or_default());
}

fn open(az: &Azurite, container: &str, key: &str) -> Bucket {
    let loc = StorageDefaults {
        vendor: Vendor::AZURE,
        region: 0,
        bucket: container.into(),
        file_name_prefix: Some(vec!["shows".into()]),
        endpoint: None,
    };
    let keys = StorageKeys {
        access_key: Sensitive::new(ACCOUNT.into()),
        secret_key: Sensitive::new(key.into()),
        sts_token: None,
    };
    Bucket::open(
        &loc,
        &Api::Azure {
            endpoint: Some(az.url.clone()),
        },
        &keys,
    )
    .unwrap()
}

fn outcome(c: &storage::StorageCheck, step: StorageStep) -> (StepOutcome, Option<&str>) {
    let s = c.step(step).unwrap();
    (s.outcome, s.field.as_deref())
}

#[tokio::test]
async fn azure_storage_is_checked_and_linked_through_its_own_api() {
    let az = azurite().await;
    create_container(&az, "recordings").await;

    let c = storage::check(&open(&az, "recordings", KEY)).await;
    assert!(
        c.ok && c.steps.iter().all(|s| s.outcome == StepOutcome::Passed),
        "{c:?}"
    );
    assert!(c.key.unwrap().starts_with("shows/mixdeck-check-"));

    // Another key of the right length: Azure's AuthenticationFailed.
    let wrong = base64::engine::general_purpose::STANDARD.encode([7u8; 64]);
    let c = storage::check(&open(&az, "recordings", &wrong)).await;
    assert_eq!(
        outcome(&c, StorageStep::Auth),
        (StepOutcome::Failed, Some("secretKey")),
        "{c:?}"
    );

    let c = storage::check(&open(&az, "no-such-container", KEY)).await;
    assert_eq!(
        outcome(&c, StorageStep::Bucket),
        (StepOutcome::Failed, Some("bucket")),
        "{c:?}"
    );

    // A SAS link works without keys.
    let bucket = open(&az, "recordings", KEY);
    let key = "shows/sid_room.m3u8";
    bucket
        .objects()
        .put(
            &object_store::path::Path::from(key),
            b"#EXTM3U\n".to_vec().into(),
        )
        .await
        .unwrap();
    let link = bucket.presign(key, Duration::from_secs(300)).await.unwrap();
    let got = reqwest::get(link.expose()).await.unwrap();
    assert_eq!(got.status(), 200);
    assert_eq!(got.text().await.unwrap(), "#EXTM3U\n");
    assert!(bucket
        .object_url(key)
        .starts_with(&format!("{}/recordings/shows/", az.url)));
}
