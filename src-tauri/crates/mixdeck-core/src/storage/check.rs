//! "Check storage": write a small object under the prefix, read it back, delete it, and say for
//! each step (auth, bucket, region, write, read, delete) what happened and which field to fix.

use std::time::Instant;

use object_store::path::Path;
use object_store::{ObjectStore, PutPayload};
use serde::Serialize;

use super::files::{classify, Problem};
use super::Bucket;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "camelCase")]
pub enum StorageStep {
    /// The keys are known and the signature matches.
    Auth,
    /// The bucket exists.
    Bucket,
    /// The region (and so the host) is the bucket's.
    Region,
    Write,
    Read,
    Delete,
}

impl StorageStep {
    pub const ALL: [StorageStep; 6] = [
        StorageStep::Auth,
        StorageStep::Bucket,
        StorageStep::Region,
        StorageStep::Write,
        StorageStep::Read,
        StorageStep::Delete,
    ];

    pub fn label(self) -> &'static str {
        match self {
            StorageStep::Auth => "Keys",
            StorageStep::Bucket => "Bucket",
            StorageStep::Region => "Region",
            StorageStep::Write => "Write",
            StorageStep::Read => "Read back",
            StorageStep::Delete => "Delete",
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "camelCase")]
pub enum StepOutcome {
    Passed,
    /// Agora's upload would fail: fix the field named.
    Failed,
    /// Agora only needs to write; this is about what Mixdeck can do with the files.
    Warning,
    /// Not tried, because an earlier step failed.
    Skipped,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "camelCase")]
pub struct StorageCheckStep {
    pub step: StorageStep,
    pub label: String,
    pub outcome: StepOutcome,
    pub message: String,
    /// The storage field to fix (`secretKey`, `bucket`, `region`, `endpoint`).
    pub field: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "camelCase")]
pub struct StorageCheck {
    /// Agora can upload here (no step failed).
    pub ok: bool,
    pub steps: Vec<StorageCheckStep>,
    /// Where the requests went (`rec.s3.us-east-1.amazonaws.com`).
    pub host: Option<String>,
    /// The test object's key.
    pub key: Option<String>,
    pub elapsed_ms: u64,
    /// Why this storage could not be checked at all (a vendor without an API Mixdeck speaks).
    pub unsupported: Option<String>,
}

impl StorageCheck {
    /// What the check found at `step`.
    pub fn step(&self, step: StorageStep) -> Option<&StorageCheckStep> {
        self.steps.iter().find(|s| s.step == step)
    }

    /// A storage that cannot be checked from here.
    pub fn unsupported(reason: String) -> Self {
        Self {
            ok: false,
            steps: Vec::new(),
            host: None,
            key: None,
            elapsed_ms: 0,
            unsupported: Some(reason),
        }
    }
}

fn step(
    step: StorageStep,
    outcome: StepOutcome,
    message: impl Into<String>,
    field: Option<&str>,
) -> StorageCheckStep {
    StorageCheckStep {
        step,
        label: step.label().to_owned(),
        outcome,
        message: message.into(),
        field: field.map(str::to_owned),
    }
}

/// The first request's failure: the steps up to the one it names pass, that one fails, the
/// rest are skipped.
fn first_failure(p: Problem) -> Vec<StorageCheckStep> {
    let mut steps = Vec::new();
    let mut failed = false;
    for s in StorageStep::ALL {
        if failed {
            steps.push(step(s, StepOutcome::Skipped, "not tried", None));
        } else if s == p.step {
            steps.push(step(s, StepOutcome::Failed, p.message.clone(), p.field));
            failed = true;
        } else {
            steps.push(step(s, StepOutcome::Passed, "", None));
        }
    }
    steps
}

/// Writes, reads back and deletes a test object in `bucket`.
pub async fn check(bucket: &Bucket) -> StorageCheck {
    let started = Instant::now();
    let nonce: u64 = rand::random();
    let key = format!("{}mixdeck-check-{nonce:016x}.txt", bucket.prefix);
    let body = format!("Mixdeck storage check {nonce:016x}. Safe to delete.\n");
    let path = Path::from(key.as_str());
    let done = |steps: Vec<StorageCheckStep>| StorageCheck {
        ok: steps.iter().all(|s| s.outcome != StepOutcome::Failed),
        steps,
        host: Some(bucket.host.clone()),
        key: Some(key.clone()),
        elapsed_ms: started.elapsed().as_millis() as u64,
        unsupported: None,
    };
    if let Err(e) = bucket
        .store
        .put(&path, PutPayload::from(body.clone().into_bytes()))
        .await
    {
        return done(first_failure(classify(&e, StorageStep::Write)));
    }
    let mut steps = vec![
        step(
            StorageStep::Auth,
            StepOutcome::Passed,
            "the storage accepted the signature",
            None,
        ),
        step(
            StorageStep::Bucket,
            StepOutcome::Passed,
            format!("{} exists", bucket.name),
            None,
        ),
        step(
            StorageStep::Region,
            StepOutcome::Passed,
            match &bucket.region {
                Some(r) => format!("the bucket answers in {r}"),
                None => "the account's own endpoint".to_owned(),
            },
            None,
        ),
    ];
    steps.push(step(
        StorageStep::Write,
        StepOutcome::Passed,
        format!("wrote {key}"),
        None,
    ));
    let read = match bucket.store.get(&path).await {
        Ok(r) => r.bytes().await.map_err(|e| classify(&e, StorageStep::Read)),
        Err(e) => Err(classify(&e, StorageStep::Read)),
    };
    steps.push(match read {
        Ok(bytes) if bytes.as_ref() == body.as_bytes() => step(
            StorageStep::Read,
            StepOutcome::Passed,
            format!("{} bytes, as written", bytes.len()),
            None,
        ),
        Ok(bytes) => step(
            StorageStep::Read,
            StepOutcome::Failed,
            format!(
                "read {} bytes that differ from the {} written: something rewrites objects here",
                bytes.len(),
                body.len()
            ),
            Some("endpoint"),
        ),
        Err(p) => step(
            StorageStep::Read,
            StepOutcome::Warning,
            format!(
                "{}. Agora only writes, but Mixdeck needs read access to list and play the files",
                p.message
            ),
            None,
        ),
    });
    steps.push(match bucket.store.delete(&path).await {
        Ok(()) => step(
            StorageStep::Delete,
            StepOutcome::Passed,
            "the test object is gone",
            None,
        ),
        Err(e) => step(
            StorageStep::Delete,
            StepOutcome::Warning,
            format!(
                "{}. The test object stays at {key}; delete it in the vendor's console",
                classify(&e, StorageStep::Delete).message
            ),
            None,
        ),
    });
    done(steps)
}
