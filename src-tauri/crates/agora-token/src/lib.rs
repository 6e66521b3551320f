//! Agora RTC tokens (AccessToken2, version "007") built from an App ID and App Certificate.
//!
//! The forms use these to fill the recording bot's `token` and the transcoder's `rtcToken` when a
//! profile has an App Certificate, and [`parse`] shows what a pasted token grants and when it
//! expires. The format follows Agora's reference implementation (AgoraIO/Tools,
//! `DynamicKey/AgoraDynamicKey`): with the same issue time and salt, [`AccessToken::build`]
//! returns the same string as Agora's C-zlib-based builders (Python, Java, C++, C#, PHP). Go's
//! and Node's builders compress the same content differently; their tokens parse and verify.
//!
//! ```
//! use agora_token::{parse, RtcTokenBuilder, Role, Stamp};
//!
//! let token = RtcTokenBuilder::with_stamp(Stamp { issue_ts: 1_111_111, salt: 1 })
//!     .build_token_with_uid(
//!         "970CA35de60c44645bbae8a215061b33",
//!         "5CFd2fd1755d40ecb72977518be15d3b",
//!         "7d72365eb983485397e3e3f9d460bdda",
//!         2_882_341_273,
//!         Role::Subscriber,
//!         600,
//!         600,
//!     )?;
//! let parsed = parse(&token)?;
//! assert_eq!(parsed.expires_at(), 1_111_711);
//! assert!(parsed.verify("5CFd2fd1755d40ecb72977518be15d3b")?);
//! # Ok::<(), agora_token::TokenError>(())
//! ```
//!
//! Modules, each with one job: `wire` (integer/string/map packing), `service` (what a token
//! grants), `signing` (the HMAC chain), `codec` (version prefix + base64 +
//! C zlib, as Agora's reference builders compress), `access_token` (the deterministic token), `builder`
//! (role-based RTC tokens with a fresh stamp), `parse` (reading and verifying), `rules` and
//! `credentials` (input validation).

mod access_token;
mod builder;
mod codec;
mod credentials;
mod error;
mod parse;
mod rules;
mod service;
mod signing;
mod wire;

pub use access_token::AccessToken;
pub use builder::{
    build_token_with_uid, build_token_with_user_account, PrivilegeExpiry, Role, RtcTokenBuilder,
    Stamp,
};
pub use codec::VERSION;
pub use credentials::{AppCertificate, AppId};
pub use error::{Field, TokenError};
pub use parse::{parse, ParsedToken};
pub use service::{
    RtcPrivilege, RtcService, RtcUser, RtmPrivilege, RtmService, Service, SERVICE_TYPE_RTC,
    SERVICE_TYPE_RTM,
};
