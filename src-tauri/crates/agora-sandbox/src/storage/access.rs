//! Bucket and region checks in front of s3s-fs, which would make a bucket on first write and
//! take a signature for any region: Amazon S3 answers `NoSuchBucket` and
//! `AuthorizationHeaderMalformed` instead, and a storage check must see those.

use s3s::access::{S3Access, S3AccessContext};
use s3s::path::S3Path;
use s3s::{s3_error, S3Result};

use super::BucketSettings;

pub struct Buckets {
    buckets: Vec<BucketSettings>,
}

impl Buckets {
    pub fn new(buckets: &[BucketSettings]) -> Self {
        Self {
            buckets: buckets.to_vec(),
        }
    }
}

/// The region of a SigV4 credential scope `AKID/20261204/us-east-1/s3/aws4_request`, from the
/// Authorization header or a presigned URL's `X-Amz-Credential`.
fn signed_region(cx: &S3AccessContext<'_>) -> Option<String> {
    let scope = |s: &str| s.split('/').nth(2).map(str::to_owned);
    if let Some(auth) = cx
        .headers()
        .get("authorization")
        .and_then(|v| v.to_str().ok())
    {
        let credential = auth.split("Credential=").nth(1)?.split(',').next()?;
        return scope(credential);
    }
    let query = cx.uri().query()?;
    let credential = query
        .split('&')
        .find_map(|kv| kv.strip_prefix("X-Amz-Credential="))?;
    let decoded = percent_encoding::percent_decode_str(credential)
        .decode_utf8()
        .ok()?;
    scope(&decoded)
}

#[async_trait::async_trait]
impl S3Access for Buckets {
    async fn check(&self, cx: &mut S3AccessContext<'_>) -> S3Result<()> {
        if cx.credentials().is_none() {
            return Err(s3_error!(AccessDenied, "Signature is required"));
        }
        let bucket = match cx.s3_path() {
            S3Path::Root => return Err(s3_error!(AccessDenied, "Listing buckets is not allowed")),
            S3Path::Bucket { bucket } | S3Path::Object { bucket, .. } => bucket.to_string(),
        };
        let Some(b) = self.buckets.iter().find(|b| b.name == bucket) else {
            return Err(s3_error!(
                NoSuchBucket,
                "The specified bucket does not exist"
            ));
        };
        match signed_region(cx) {
            Some(region) if region != b.region => Err(s3_error!(
                AuthorizationHeaderMalformed,
                "the region '{region}' is wrong; expecting '{}'",
                b.region
            )),
            _ => Ok(()),
        }
    }
}
