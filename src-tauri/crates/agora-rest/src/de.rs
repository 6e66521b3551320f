//! Lenient decoding for response fields whose type Agora's docs and servers disagree on.

use serde::{Deserialize, Deserializer, Serialize};

/// Unknown response fields, kept so nothing Agora sends is lost.
pub type Extra = serde_json::Map<String, serde_json::Value>;

/// A number that may arrive as a JSON number or a numeric string; anything else is `None`.
pub fn lenient_i64<'de, D: Deserializer<'de>>(d: D) -> Result<Option<i64>, D::Error> {
    Ok(match serde_json::Value::deserialize(d)? {
        serde_json::Value::Number(n) => n.as_i64().or_else(|| n.as_f64().map(|f| f as i64)),
        serde_json::Value::String(s) => s.trim().parse().ok(),
        _ => None,
    })
}

/// A string that may arrive as a JSON string or a number (uids in some responses).
pub fn lenient_string<'de, D: Deserializer<'de>>(d: D) -> Result<Option<String>, D::Error> {
    Ok(match serde_json::Value::deserialize(d)? {
        serde_json::Value::String(s) => Some(s),
        serde_json::Value::Number(n) => Some(n.to_string()),
        _ => None,
    })
}

/// Defines a string enum that keeps values it does not know: `Known(...)` or `Other(String)`.
/// On the wire and in TypeScript it is just the string.
macro_rules! open_string_enum {
    (
        $(#[$doc:meta])*
        $name:ident / $known:ident {
            $( $(#[$vdoc:meta])* $variant:ident = $wire:literal ),* $(,)?
        }
    ) => {
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, serde::Serialize, serde::Deserialize)]
        #[cfg_attr(feature = "specta", derive(specta::Type))]
        pub enum $known {
            $( $(#[$vdoc])* #[serde(rename = $wire)] $variant, )*
        }

        $(#[$doc])*
        #[derive(Debug, Clone, PartialEq, Eq, Hash, serde::Serialize, serde::Deserialize)]
        #[cfg_attr(feature = "specta", derive(specta::Type))]
        #[serde(untagged)]
        pub enum $name {
            Known($known),
            /// A value Agora's docs do not list (kept as sent).
            Other(String),
        }

        impl $name {
            pub fn known(&self) -> Option<$known> {
                match self {
                    Self::Known(k) => Some(*k),
                    Self::Other(_) => None,
                }
            }

            pub fn as_str(&self) -> &str {
                match self {
                    $( Self::Known($known::$variant) => $wire, )*
                    Self::Other(s) => s,
                }
            }
        }

        impl From<$known> for $name {
            fn from(k: $known) -> Self {
                Self::Known(k)
            }
        }

        impl std::fmt::Display for $name {
            fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.write_str(self.as_str())
            }
        }
    };
}

pub(crate) use open_string_enum;

/// Marker so `Serialize` stays in scope for macro users.
#[allow(dead_code)]
fn _assert_serialize<T: Serialize>() {}
