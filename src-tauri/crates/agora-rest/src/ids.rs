//! Identifiers as newtypes, so a `Sid` cannot be passed where a `ResourceId` belongs.

use serde::{Deserialize, Serialize};

macro_rules! string_id {
    ($(#[$doc:meta])* $name:ident) => {
        $(#[$doc])*
        #[derive(Debug, Clone, Default, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
        #[cfg_attr(feature = "specta", derive(specta::Type))]
        #[serde(transparent)]
        pub struct $name(pub String);

        impl $name {
            pub fn new(value: impl Into<String>) -> Self {
                Self(value.into())
            }

            pub fn as_str(&self) -> &str {
                &self.0
            }
        }

        impl std::fmt::Display for $name {
            fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.write_str(&self.0)
            }
        }

        impl From<&str> for $name {
            fn from(s: &str) -> Self {
                Self(s.to_owned())
            }
        }

        impl From<String> for $name {
            fn from(s: String) -> Self {
                Self(s)
            }
        }
    };
}

string_id!(
    /// An Agora App ID (32 hex characters for real projects).
    AppId
);
string_id!(
    /// Cloud Recording resource id from `acquire`; valid for 5 minutes until `start` uses it.
    ResourceId
);
string_id!(
    /// Cloud Recording session id from `start`.
    Sid
);
string_id!(
    /// Cloud Transcoding task id (a UUID) from `create`.
    TaskId
);
string_id!(
    /// Cloud Transcoding builder token (`tokenName`) from `builderTokens`; one task, 5 minutes.
    BuilderToken
);
string_id!(
    /// A Cloud Recording user id: a decimal integer in 1..=4294967295 written as a JSON string
    /// (e.g. `"527841"`). Kept as text so a bad value can be reported, not lost in parsing.
    /// In subscribe lists it may also be `#allstream#`.
    Uid
);

impl Uid {
    /// The subscribe-list wildcard: every uid in the channel.
    pub const ALL_STREAMS: &'static str = "#allstream#";

    pub fn from_u32(n: u32) -> Self {
        Self(n.to_string())
    }

    /// The numeric uid, when the text is a canonical decimal in 1..=2^32-1.
    pub fn parse(&self) -> Option<u32> {
        parse_uid(&self.0)
    }
}

/// A canonical decimal uid in 1..=2^32-1: digits only, no sign, no leading zero.
pub fn parse_uid(s: &str) -> Option<u32> {
    if s.is_empty() || !s.bytes().all(|b| b.is_ascii_digit()) || s.starts_with('0') {
        return None;
    }
    s.parse::<u32>()
        .ok()
        .filter(|n| crate::limits::UID.admits(*n))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn uid_parsing_accepts_only_canonical_uint32_above_zero() {
        assert_eq!(parse_uid("1"), Some(1));
        assert_eq!(parse_uid("4294967295"), Some(u32::MAX));
        for bad in [
            "",
            "0",
            "007",
            "-1",
            "+1",
            "4294967296",
            " 1",
            "1.0",
            "abc",
            "#allstream#",
        ] {
            assert_eq!(parse_uid(bad), None, "{bad:?}");
        }
    }

    #[test]
    fn ids_are_transparent_strings_on_the_wire() {
        let r = ResourceId::from("abc");
        assert_eq!(serde_json::to_string(&r).unwrap(), "\"abc\"");
        assert_eq!(Uid::from_u32(42).as_str(), "42");
    }
}
