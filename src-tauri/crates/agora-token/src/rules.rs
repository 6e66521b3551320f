//! Agora's documented rules for the names a token carries, checked before anything is signed so a
//! token that the SDK would refuse is never handed out.

use crate::error::{Field, TokenError};

/// Characters a channel name or user account may use besides ASCII letters and digits
/// (the list in Agora's RtcTokenBuilder2 documentation; agora-rest checks `cname` the same way).
const PUNCTUATION: &str = " !#$%&()+-:;<=.>?@[]^_{}|~,";

/// Channel names are shorter than 64 bytes.
const CHANNEL_NAME_MAX: usize = 63;
/// User accounts are at most 255 bytes.
const USER_ACCOUNT_MAX: usize = 255;
/// RTM user IDs are at most 64 bytes.
const RTM_USER_ID_MAX: usize = 64;

pub(crate) fn check_channel_name(value: &str) -> Result<(), TokenError> {
    let field = Field::ChannelName;
    if value.is_empty() {
        return Err(TokenError::invalid(field, "must not be empty"));
    }
    if value.len() > CHANNEL_NAME_MAX {
        return Err(TokenError::invalid(
            field,
            format!("must be under 64 bytes (got {} bytes)", value.len()),
        ));
    }
    check_charset(field, value)
}

pub(crate) fn check_user_account(value: &str) -> Result<(), TokenError> {
    let field = Field::UserAccount;
    if value.is_empty() {
        return Err(TokenError::invalid(
            field,
            "must not be empty (to let any user join, build with uid 0)",
        ));
    }
    if value.len() > USER_ACCOUNT_MAX {
        return Err(TokenError::invalid(
            field,
            format!("must be at most 255 bytes (got {} bytes)", value.len()),
        ));
    }
    check_charset(field, value)
}

pub(crate) fn check_rtm_user_id(value: &str) -> Result<(), TokenError> {
    let field = Field::RtmUserId;
    if value.is_empty() {
        return Err(TokenError::invalid(field, "must not be empty"));
    }
    if value.len() > RTM_USER_ID_MAX {
        return Err(TokenError::invalid(
            field,
            format!("must be at most 64 bytes (got {} bytes)", value.len()),
        ));
    }
    Ok(())
}

fn check_charset(field: Field, value: &str) -> Result<(), TokenError> {
    match value
        .chars()
        .find(|c| !(c.is_ascii_alphanumeric() || PUNCTUATION.contains(*c)))
    {
        Some(c) => Err(TokenError::invalid(
            field,
            format!("may only use a-z, A-Z, 0-9, space and {PUNCTUATION:?}; {c:?} is not allowed"),
        )),
        None => Ok(()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn channel_name_rules() {
        assert!(check_channel_name("room-1 (a)").is_ok());
        assert!(check_channel_name(&"a".repeat(63)).is_ok());
        for bad in ["", &"a".repeat(64), "ro/om", "café"] {
            let e = check_channel_name(bad).unwrap_err();
            assert_eq!(e.field(), Some(Field::ChannelName), "{bad:?}");
        }
        assert!(check_channel_name("ro/om")
            .unwrap_err()
            .to_string()
            .starts_with("channel_name may only use"));
    }

    #[test]
    fn user_account_rules() {
        assert!(check_user_account("2882341273").is_ok());
        assert!(check_user_account(&"u".repeat(255)).is_ok());
        for bad in ["", &"u".repeat(256), "a\tb"] {
            let e = check_user_account(bad).unwrap_err();
            assert_eq!(e.field(), Some(Field::UserAccount), "{bad:?}");
        }
    }

    #[test]
    fn rtm_user_id_rules() {
        assert!(check_rtm_user_id("test_user").is_ok());
        assert!(check_rtm_user_id("").is_err());
        assert!(check_rtm_user_id(&"u".repeat(65)).is_err());
    }
}
