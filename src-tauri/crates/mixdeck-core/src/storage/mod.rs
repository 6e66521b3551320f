//! The user's object storage, reached with the vendor's own API (through `object_store`, which
//! signs S3 and Azure requests and URLs): a check before paying for a recording, and each
//! session's files afterwards.

mod check;
mod files;
pub mod vendors;

use std::sync::Arc;
use std::time::Duration;

use agora_rest::Sensitive;
use object_store::aws::AmazonS3Builder;
use object_store::azure::MicrosoftAzureBuilder;
use object_store::signer::Signer;
use object_store::{ClientOptions, ObjectStore, RetryConfig};

pub use check::{check, StepOutcome, StorageCheck, StorageCheckStep, StorageStep};
pub use files::content_type;
pub(crate) use files::{belongs_to, list_session_files, playlist_events, read_part};
pub use files::{ObjectPart, RecordedFile, SessionFiles, TrackEvent};
use vendors::Api;

use crate::store::StorageDefaults;

/// What a URL path segment escapes: everything but RFC 3986's unreserved characters.
const PATH_SEGMENT: &percent_encoding::AsciiSet = &percent_encoding::NON_ALPHANUMERIC
    .remove(b'-')
    .remove(b'.')
    .remove(b'_')
    .remove(b'~');

/// How long one request to the storage may take: a check is interactive.
const REQUEST_TIMEOUT: Duration = Duration::from_secs(20);
const CONNECT_TIMEOUT: Duration = Duration::from_secs(8);

/// The keys Agora uploads with, from the keychain or the form.
#[derive(Clone)]
pub struct StorageKeys {
    pub access_key: Sensitive<String>,
    pub secret_key: Sensitive<String>,
    pub sts_token: Option<Sensitive<String>>,
}

/// A bucket opened with its keys.
#[derive(Clone)]
pub struct Bucket {
    pub(crate) store: Arc<dyn ObjectStore>,
    pub(crate) signer: Arc<dyn Signer>,
    /// The objects' unsigned URLs start with this (`https://rec.s3.us-east-1.amazonaws.com/`).
    pub(crate) url_base: String,
    /// The host requests go to, for messages.
    pub(crate) host: String,
    /// `fileNamePrefix` joined: `a/b/` or empty.
    pub(crate) prefix: String,
    pub(crate) name: String,
    /// The region requests are signed for (S3 APIs).
    pub(crate) region: Option<String>,
}

impl std::fmt::Debug for Bucket {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Bucket")
            .field("host", &self.host)
            .field("prefix", &self.prefix)
            .finish_non_exhaustive()
    }
}

fn host_of(url: &str) -> String {
    let rest = url.split_once("://").map_or(url, |(_, r)| r);
    rest.split('/').next().unwrap_or(rest).to_owned()
}

impl Bucket {
    /// Opens `storage` through `api` with `keys`; nothing is sent yet.
    pub fn open(
        storage: &StorageDefaults,
        api: &Api,
        keys: &StorageKeys,
    ) -> Result<Bucket, String> {
        let options = ClientOptions::new()
            .with_timeout(REQUEST_TIMEOUT)
            .with_connect_timeout(CONNECT_TIMEOUT);
        // One retry at most: a check that waits minutes on a dead host helps nobody.
        let retry = RetryConfig {
            max_retries: 1,
            retry_timeout: Duration::from_secs(30),
            ..RetryConfig::default()
        };
        let prefix = agora_rest::recording::prefix_path(
            storage.file_name_prefix.as_deref().unwrap_or_default(),
        );
        match api {
            Api::S3 {
                endpoint,
                region,
                virtual_hosted,
            } => {
                let http = endpoint.starts_with("http://");
                let mut b = AmazonS3Builder::new()
                    .with_endpoint(endpoint)
                    .with_region(region)
                    .with_bucket_name(&storage.bucket)
                    .with_access_key_id(keys.access_key.expose())
                    .with_secret_access_key(keys.secret_key.expose())
                    .with_virtual_hosted_style_request(*virtual_hosted)
                    .with_client_options(options.with_allow_http(http))
                    .with_retry(retry);
                if let Some(t) = &keys.sts_token {
                    b = b.with_token(t.expose());
                }
                let s3 = Arc::new(
                    b.build()
                        .map_err(|e| format!("cannot reach this storage: {e}"))?,
                );
                let url_base = if *virtual_hosted {
                    format!("{endpoint}/")
                } else {
                    format!("{endpoint}/{}/", storage.bucket)
                };
                Ok(Bucket {
                    store: s3.clone(),
                    signer: s3,
                    host: host_of(endpoint),
                    url_base,
                    prefix,
                    name: storage.bucket.clone(),
                    region: Some(region.clone()),
                })
            }
            Api::Azure { endpoint } => {
                let account = keys.access_key.expose().trim().to_owned();
                let mut b = MicrosoftAzureBuilder::new()
                    .with_account(&account)
                    .with_access_key(keys.secret_key.expose())
                    .with_container_name(&storage.bucket)
                    .with_retry(retry);
                let base = match endpoint {
                    Some(e) => {
                        b = b.with_endpoint(e.clone());
                        e.trim_end_matches('/').to_owned()
                    }
                    None => format!("https://{account}.blob.core.windows.net"),
                };
                let http = base.starts_with("http://");
                let azure = Arc::new(
                    b.with_client_options(options.with_allow_http(http))
                        .build()
                        .map_err(|e| format!("cannot reach this storage: {e}"))?,
                );
                Ok(Bucket {
                    store: azure.clone(),
                    signer: azure,
                    url_base: format!("{base}/{}/", storage.bucket),
                    host: host_of(&base),
                    prefix,
                    name: storage.bucket.clone(),
                    region: None,
                })
            }
        }
    }

    /// The bucket's objects, for tools and tests (the engine goes through its own methods).
    pub fn objects(&self) -> &dyn ObjectStore {
        self.store.as_ref()
    }

    /// The object's URL without a signature (what a public bucket or a CDN in front serves).
    pub fn object_url(&self, key: &str) -> String {
        let encoded: Vec<String> = key
            .split('/')
            .map(|s| percent_encoding::utf8_percent_encode(s, PATH_SEGMENT).to_string())
            .collect();
        format!("{}{}", self.url_base, encoded.join("/"))
    }

    /// A GET URL for `key` that works for `expires` without keys: a secret while it lasts.
    pub async fn presign(&self, key: &str, expires: Duration) -> Result<Sensitive<String>, String> {
        let url = self
            .signer
            .signed_url(
                http::Method::GET,
                &object_store::path::Path::from(key),
                expires,
            )
            .await
            .map_err(|e| files::describe_error(&e))?;
        Ok(Sensitive::new(url.to_string()))
    }
}
