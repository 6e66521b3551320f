//! Cloud Recording: `/v1/apps/{appid}/cloud_recording/...`, modes `individual`, `mix` and `web`.

pub mod config;
pub mod file_names;
pub mod ops;
pub mod playlist;
pub mod requests;
pub mod responses;
pub mod storage;
mod validate;

pub use config::*;
pub use requests::*;
pub use responses::*;
pub use storage::*;

use serde::{Deserialize, Serialize};

/// The `{mode}` path segment. One recording session does one kind of task.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "lowercase")]
pub enum Mode {
    /// One set of files per uid.
    Individual,
    /// Composite: every uid mixed into one canvas.
    Mix,
    /// A web page, recorded (and optionally pushed to a CDN).
    Web,
}

impl Mode {
    pub const ALL: [Mode; 3] = [Mode::Individual, Mode::Mix, Mode::Web];

    pub fn as_str(self) -> &'static str {
        match self {
            Mode::Individual => "individual",
            Mode::Mix => "mix",
            Mode::Web => "web",
        }
    }
}

impl std::fmt::Display for Mode {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}

impl std::str::FromStr for Mode {
    type Err = String;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        Mode::ALL
            .into_iter()
            .find(|m| m.as_str() == s)
            .ok_or_else(|| format!("unknown recording mode {s:?}: use individual, mix or web"))
    }
}
