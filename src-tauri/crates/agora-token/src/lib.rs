//! Agora RTC tokens (AccessToken2, version "007") built from an App ID and App Certificate.
//!
//! Empty until the token builder lands: the forms will use it to fill the recording bot's `token`
//! and the transcoder's `rtcToken` when a profile has an App Certificate.
