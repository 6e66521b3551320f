//! The crate's one error type. Messages name the field and the rule, never the value: a value may
//! be the App Certificate, and a message may end up in a log or on screen.

use std::fmt;

/// An input the caller supplied, named as the builder's parameters are.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Field {
    AppId,
    AppCertificate,
    ChannelName,
    UserAccount,
    RtmUserId,
    Token,
}

impl Field {
    pub fn as_str(self) -> &'static str {
        match self {
            Field::AppId => "app_id",
            Field::AppCertificate => "app_certificate",
            Field::ChannelName => "channel_name",
            Field::UserAccount => "user_account",
            Field::RtmUserId => "rtm_user_id",
            Field::Token => "token",
        }
    }
}

impl fmt::Display for Field {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum TokenError {
    /// An input breaks one of Agora's documented rules.
    #[error("{field} {rule}")]
    Invalid { field: Field, rule: String },

    /// AccessToken2 carries at least one service; an empty token grants nothing.
    #[error("a token needs at least one service")]
    NoService,

    /// The packed token is beyond what the format (or this crate's zlib encoder) can carry.
    #[error("token content too large: {0}")]
    TooLarge(&'static str),

    /// The issue time comes from the system clock, which must read 1970..2106 to fit in u32.
    #[error("the system clock is outside the range a token can carry (1970 to 2106)")]
    Clock,

    /// A token string could not be decoded.
    #[error("not a valid AccessToken2 (\"007\") token: {0}")]
    Malformed(String),
}

impl TokenError {
    pub(crate) fn invalid(field: Field, rule: impl Into<String>) -> Self {
        TokenError::Invalid {
            field,
            rule: rule.into(),
        }
    }

    pub(crate) fn malformed(reason: impl Into<String>) -> Self {
        TokenError::Malformed(reason.into())
    }

    /// The input at fault, for errors about one input.
    pub fn field(&self) -> Option<Field> {
        match self {
            TokenError::Invalid { field, .. } => Some(*field),
            TokenError::Malformed(_) => Some(Field::Token),
            _ => None,
        }
    }
}
