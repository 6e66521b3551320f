//! Agora's published AccessToken2 test vectors (repository AgoraIO/Tools, folder
//! DynamicKey/AgoraDynamicKey). The token strings and inputs below are data copied from the files
//! named at each constant.
//!
//! Agora's builders do not agree byte-for-byte among themselves: the content (signature and
//! fields) is identical everywhere, but each language's zlib encodes it differently. This crate
//! matches the C zlib builders (Python, Java, C#, C++, PHP) exactly. Vectors made by Go's
//! compress/flate, Node's bundled zlib, and the repository's Rust port (a stored block) cannot
//! match those at the same time; for them we check that the decoded content is identical and
//! that the token parses and verifies.

use agora_token::{
    parse, AccessToken, Role, RtcPrivilege, RtcService, RtcTokenBuilder, RtcUser, RtmPrivilege,
    RtmService, Service, Stamp,
};

// Shared inputs: every AccessToken2 test in the reference uses these
// (e.g. python3/test/AccessToken2Test.py `setUp`, go/src/accesstoken2/accesstoken_test.go).
const APP_ID: &str = "970CA35de60c44645bbae8a215061b33";
const APP_CERTIFICATE: &str = "5CFd2fd1755d40ecb72977518be15d3b";
const WRONG_APP_CERTIFICATE: &str = "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa";
const CHANNEL_NAME: &str = "7d72365eb983485397e3e3f9d460bdda";
const UID: u32 = 2_882_341_273;
const UID_STR: &str = "2882341273";
const RTM_USER_ID: &str = "test_user";
const EXPIRE: u32 = 600;
const ISSUE_TS: u32 = 1_111_111;
const SALT: u32 = 1;

/// RTC service, uid 2882341273, join-channel privilege 600 s.
/// python3/test/AccessToken2Test.py `test_service_rtc` and `test_service_rtc_account`;
/// java/src/test/java/io/agora/media/AccessToken2Test.java `build_ServiceRtc_account`.
const TOKEN_RTC_UID: &str = "007eJxTYBBbsMMnKq7p9Hf/HcIX5kce9b518kCiQgSr5Zrp4X1Tu6UUGCzNDZwdjU1TUs0Mkk1MzExMk5ISUy0SjQxNDcwMk4yN3b8IMEQwMTAwMoAwBIL4CgzmKeZGxmamqUmWFsYmFqbGluapxqnGaZYpJmYGSSkpiVwMRhYWRsYmhkbmxgDCaiTj";

/// RTC service, uid 0 (any user), join-channel privilege 600 s.
/// python3/test/AccessToken2Test.py `test_service_rtc_uid_0`;
/// java/src/test/java/io/agora/media/AccessToken2Test.java `build_ServiceRtc_uid_0`.
const TOKEN_RTC_UID_0: &str = "007eJxTYLhzZP08Lxa1Pg57+TcXb/3cZ3wi4V6kbpbOog0G2dOYk20UGCzNDZwdjU1TUs0Mkk1MzExMk5ISUy0SjQxNDcwMk4yN3b8IMEQwMTAwMoAwBIL4CgzmKeZGxmamqUmWFsYmFqbGluapxqnGaZYpJmYGSSkpiQwMADacImo=";

/// RTM service, user "test_user", login privilege 600 s.
/// java/src/test/java/io/agora/media/AccessToken2Test.java `build_ServiceRtm`;
/// csharp/test/AgoraIO.Tests/AccessToken2Test.cs `build_ServiceRtm`.
const TOKEN_RTM: &str = "007eJxTYOCdJftjyTM2zxW6Xhm/5T0j5LdcUt/xYVt48fb5Mp3PX9coMFiaGzg7GpumpJoZJJuYmJmYJiUlplokGhmaGpgZJhkbu38RYIhgYmBgZABhJiBmBPM5GUpSi0viS4tTiwBZVh6A";

/// RTC (all four privileges, 600 s) + RTM ("test_user", login 600 s), made by the Python builder.
/// csharp/test/AgoraIO.Tests/AccessToken2Test.cs `parse_TokenRtc_Rtm_MultiService`;
/// go/src/accesstoken2/accesstoken_test.go `Test_AccessToken_Parse_TokenRtc_Rtm_MultiService_FromPython`.
const TOKEN_RTC_PUBLISHER_RTM: &str = "007eJxTYOAQsrQ5s3TfH+1tvy8zZZ46EpCc0V43JXdGd2jS8porKo4KDJbmBs6OxqYpqWYGySYmZiamSUmJqRaJRoamBmaGScbG7l8EGCKYGBgYGRgYmIAkCxCD+ExgkhlMsoBJBQbzFHMjYzPT1CRLC2MTC1NjS/NU41TjNMsUEzODpJSURC4GIwsLI2MTQyNzY5BZEJM4GUpSi0viS4tTiwAipyp4";

/// The same contents as TOKEN_RTC_UID, compressed by Go's compress/flate.
/// go/src/accesstoken2/accesstoken_test.go `Test_AccessToken_Build_ServiceRtc`.
const GO_TOKEN_RTC_UID: &str = "007eJxSYBBbsMMnKq7p9Hf/HcIX5kce9b518kCiQgSr5Zrp4X1Tu6UUGCzNDZwdjU1TUs0Mkk1MzExMk5ISUy0SjQxNDcwMk4yN3b8IMEQwMTAwMoAwBIL4CgzmKeZGxmamqUmWFsYmFqbGluapxqnGaZYpJmYGSSkpiVwMRhYWRsYmhkbmxoAAAAD//8JqJOM=";

/// The same contents as TOKEN_RTC_UID_0, compressed by Go.
/// go/src/accesstoken2/accesstoken_test.go `Test_AccessToken_Build_ServiceRtc_Uid0`.
const GO_TOKEN_RTC_UID_0: &str = "007eJxSYLhzZP08Lxa1Pg57+TcXb/3cZ3wi4V6kbpbOog0G2dOYk20UGCzNDZwdjU1TUs0Mkk1MzExMk5ISUy0SjQxNDcwMk4yN3b8IMEQwMTAwMoAwBIL4CgzmKeZGxmamqUmWFsYmFqbGluapxqnGaZYpJmYGSSkpiQwMgAAAAP//Npwiag==";

/// The same contents as TOKEN_RTM, compressed by Go.
/// go/src/accesstoken2/accesstoken_test.go `Test_AccessToken_Build_ServiceRtm`.
const GO_TOKEN_RTM: &str = "007eJxSYOCdJftjyTM2zxW6Xhm/5T0j5LdcUt/xYVt48fb5Mp3PX9coMFiaGzg7GpumpJoZJJuYmJmYJiUlplokGhmaGpgZJhkbu38RYIhgYmBgZABhJgZGBkYwn5OhJLW4JL60OLUIEAAA//9ZVh6A";

/// The same contents as TOKEN_RTC_PUBLISHER_RTM, compressed by Node's bundled zlib.
/// nodejs/test/AccessToken2Test.js `AccessToken_Test4`.
const NODE_TOKEN_RTC_PUBLISHER_RTM: &str = "007eJxTYOAQsrQ5s3TfH+1tvy8zZZ46EpCc0V43JXdGd2jS8porKo4KDJbmBs6OxqYpqWYGySYmZiamSUmJqRaJRoamBmaGScbG7l8EGCKYGBgYGRgYmBgYGVgYGMF8JjDJDCZZwKQCg3mKuZGxmWlqkqWFsYmFqbGleapxqnGaZYqJmUFSSkoiF4ORhYWRsYmhkbkxyCyISZwMJanFJfGlxalFACKnKng=";

/// The same contents as TOKEN_RTC_UID, as a zlib stored (uncompressed) block.
/// rust/src/access_token.rs (the repository's Rust port; only its test data is used here).
const STORED_TOKEN_RTC_UID: &str = "007eJwBigB1/yAAFqC4TFpegsv3T7gT0J9ZxUvaycBhIFgFOayXV46VixogADk3MENBMzVkZTYwYzQ0NjQ1YmJhZThhMjE1MDYxYjMzR/QQAFgCAAABAAAAAQABAAEAAQBYAgAAIAA3ZDcyMzY1ZWI5ODM0ODUzOTdlM2UzZjlkNDYwYmRkYQoAMjg4MjM0MTI3M8JqJOM=";

fn token() -> AccessToken {
    AccessToken::new(APP_ID, APP_CERTIFICATE, ISSUE_TS, EXPIRE, SALT).unwrap()
}

fn rtc(user: RtcUser, privileges: &[RtcPrivilege]) -> RtcService {
    let mut service = RtcService::new(CHANNEL_NAME, user).unwrap();
    for &p in privileges {
        service.add_privilege(p, EXPIRE);
    }
    service
}

fn rtm() -> RtmService {
    RtmService::new(RTM_USER_ID)
        .unwrap()
        .with_privilege(RtmPrivilege::Login, EXPIRE)
}

fn stamped() -> RtcTokenBuilder {
    RtcTokenBuilder::with_stamp(Stamp {
        issue_ts: ISSUE_TS,
        salt: SALT,
    })
}

const JOIN: &[RtcPrivilege] = &[RtcPrivilege::JoinChannel];

// ---- exact token strings (the C zlib builders) ----

#[test]
fn rtc_uid_matches_reference() {
    let t = token().with_service(rtc(RtcUser::Uid(UID), JOIN));
    assert_eq!(t.build().unwrap(), TOKEN_RTC_UID);
}

#[test]
fn rtc_user_account_matches_reference() {
    let t = token().with_service(rtc(RtcUser::Account(UID_STR.into()), JOIN));
    assert_eq!(t.build().unwrap(), TOKEN_RTC_UID);
}

#[test]
fn rtc_uid_0_matches_reference() {
    let t = token().with_service(rtc(RtcUser::Uid(0), JOIN));
    assert_eq!(t.build().unwrap(), TOKEN_RTC_UID_0);
}

#[test]
fn rtm_matches_reference() {
    assert_eq!(token().with_service(rtm()).build().unwrap(), TOKEN_RTM);
}

#[test]
fn rtc_publisher_plus_rtm_matches_reference() {
    let t = token()
        .with_service(rtc(RtcUser::Uid(UID), &RtcPrivilege::ALL))
        .with_service(rtm());
    assert_eq!(t.build().unwrap(), TOKEN_RTC_PUBLISHER_RTM);
}

#[test]
fn builder_subscriber_with_uid_matches_reference() {
    let token = stamped()
        .build_token_with_uid(
            APP_ID,
            APP_CERTIFICATE,
            CHANNEL_NAME,
            UID,
            Role::Subscriber,
            EXPIRE,
            EXPIRE,
        )
        .unwrap();
    assert_eq!(token, TOKEN_RTC_UID);
}

#[test]
fn builder_subscriber_with_user_account_matches_reference() {
    let token = stamped()
        .build_token_with_user_account(
            APP_ID,
            APP_CERTIFICATE,
            CHANNEL_NAME,
            UID_STR,
            Role::Subscriber,
            EXPIRE,
            EXPIRE,
        )
        .unwrap();
    assert_eq!(token, TOKEN_RTC_UID);
}

#[test]
fn builder_subscriber_with_uid_0_matches_reference() {
    let token = stamped()
        .build_token_with_uid(
            APP_ID,
            APP_CERTIFICATE,
            CHANNEL_NAME,
            0,
            Role::Subscriber,
            EXPIRE,
            EXPIRE,
        )
        .unwrap();
    assert_eq!(token, TOKEN_RTC_UID_0);
}

// ---- the reference vectors parse and verify ----

#[test]
fn reference_tokens_parse_and_verify() {
    for token in [
        TOKEN_RTC_UID,
        TOKEN_RTC_UID_0,
        TOKEN_RTM,
        TOKEN_RTC_PUBLISHER_RTM,
        GO_TOKEN_RTC_UID,
        GO_TOKEN_RTC_UID_0,
        GO_TOKEN_RTM,
        NODE_TOKEN_RTC_PUBLISHER_RTM,
        STORED_TOKEN_RTC_UID,
    ] {
        let parsed = parse(token).unwrap();
        assert_eq!(parsed.app_id, APP_ID);
        assert_eq!(parsed.issue_ts, ISSUE_TS);
        assert_eq!(parsed.expire, EXPIRE);
        assert_eq!(parsed.salt, SALT);
        assert_eq!(parsed.expires_at(), u64::from(ISSUE_TS + EXPIRE));
        assert_eq!(parsed.unknown_service_type, None);
        assert!(parsed.verify(APP_CERTIFICATE).unwrap(), "{token}");
        assert!(!parsed.verify(WRONG_APP_CERTIFICATE).unwrap(), "{token}");
    }
}

#[test]
fn parsed_rtc_fields_match_reference() {
    // python3/test/AccessToken2Test.py and go `Test_AccessToken_Parse_TokenRtc` check these.
    let parsed = parse(TOKEN_RTC_UID).unwrap();
    let rtc: Vec<_> = parsed.rtc_services().collect();
    assert_eq!(rtc.len(), 1);
    assert_eq!(rtc[0].channel_name(), CHANNEL_NAME);
    assert_eq!(rtc[0].uid(), UID_STR);
    assert_eq!(rtc[0].privilege(RtcPrivilege::JoinChannel), Some(EXPIRE));
    assert_eq!(rtc[0].privilege(RtcPrivilege::PublishAudioStream), None);
    assert_eq!(rtc[0].privilege(RtcPrivilege::PublishVideoStream), None);
    assert_eq!(rtc[0].privilege(RtcPrivilege::PublishDataStream), None);

    assert_eq!(
        parse(TOKEN_RTC_UID_0)
            .unwrap()
            .rtc_services()
            .next()
            .unwrap()
            .uid(),
        ""
    );

    let multi = parse(TOKEN_RTC_PUBLISHER_RTM).unwrap();
    assert_eq!(multi.services.len(), 2);
    let rtc = multi.rtc_services().next().unwrap();
    for p in RtcPrivilege::ALL {
        assert_eq!(rtc.privilege(p), Some(EXPIRE));
    }
    match &multi.services[1] {
        Service::Rtm(rtm) => {
            assert_eq!(rtm.user_id(), RTM_USER_ID);
            assert_eq!(rtm.privilege(RtmPrivilege::Login), Some(EXPIRE));
        }
        other => panic!("expected RTM, got {other:?}"),
    }
}

// ---- other compressors: same content, different zlib bytes ----

#[test]
fn other_compressors_decode_to_our_content() {
    let rtc_uid = token()
        .with_service(rtc(RtcUser::Uid(UID), JOIN))
        .to_content()
        .unwrap();
    let rtc_uid_0 = token()
        .with_service(rtc(RtcUser::Uid(0), JOIN))
        .to_content()
        .unwrap();
    let rtm_only = token().with_service(rtm()).to_content().unwrap();
    let publisher_rtm = token()
        .with_service(rtc(RtcUser::Uid(UID), &RtcPrivilege::ALL))
        .with_service(rtm())
        .to_content()
        .unwrap();

    for (theirs, ours, exact) in [
        (GO_TOKEN_RTC_UID, &rtc_uid, TOKEN_RTC_UID),
        (STORED_TOKEN_RTC_UID, &rtc_uid, TOKEN_RTC_UID),
        (GO_TOKEN_RTC_UID_0, &rtc_uid_0, TOKEN_RTC_UID_0),
        (GO_TOKEN_RTM, &rtm_only, TOKEN_RTM),
        (
            NODE_TOKEN_RTC_PUBLISHER_RTM,
            &publisher_rtm,
            TOKEN_RTC_PUBLISHER_RTM,
        ),
    ] {
        assert_ne!(theirs, exact, "expected a differently compressed vector");
        assert_eq!(parse(theirs).unwrap().content(), ours.as_slice());
        assert_eq!(parse(exact).unwrap().content(), ours.as_slice());
    }
}
