//! The role-based builders, checked the way Agora's RtcTokenBuilder2 tests check theirs (build
//! with a live stamp, parse, compare fields; go/src/rtctokenbuilder2/rtctokenbuilder_test.go,
//! python3/test/RtcTokenBuilder2Test.py), plus validation, verification and redaction.

use agora_token::{
    build_token_with_uid, build_token_with_user_account, parse, AccessToken, Field,
    PrivilegeExpiry, Role, RtcPrivilege, RtcService, RtcTokenBuilder, RtcUser, Stamp, TokenError,
};
use std::time::{SystemTime, UNIX_EPOCH};

// Inputs from go/src/rtctokenbuilder2/rtctokenbuilder_test.go.
const APP_ID: &str = "970CA35de60c44645bbae8a215061b33";
const APP_CERTIFICATE: &str = "5CFd2fd1755d40ecb72977518be15d3b";
const CHANNEL_NAME: &str = "7d72365eb983485397e3e3f9d460bdda";
const UID: u32 = 2_882_341_273;
const ACCOUNT: &str = "2882341273";
const EXPIRE: u32 = 600;

fn now() -> u64 {
    SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .unwrap()
        .as_secs()
}

/// Parses `token`, checks the common fields, and returns its single RTC service.
fn single_rtc(token: &str, uid: &str) -> RtcService {
    let before = now();
    let parsed = parse(token).unwrap();
    assert_eq!(parsed.app_id, APP_ID);
    assert_eq!(parsed.expire, EXPIRE);
    assert!((1..=99_999_999).contains(&parsed.salt));
    assert!(u64::from(parsed.issue_ts).abs_diff(before) <= 5);
    assert!(parsed.verify(APP_CERTIFICATE).unwrap());
    assert_eq!(parsed.services.len(), 1);
    let rtc = parsed.rtc_services().next().unwrap().clone();
    assert_eq!(rtc.channel_name(), CHANNEL_NAME);
    assert_eq!(rtc.uid(), uid);
    rtc
}

fn assert_role(rtc: &RtcService, role: Role) {
    assert_eq!(rtc.privilege(RtcPrivilege::JoinChannel), Some(EXPIRE));
    let publish = match role {
        Role::Publisher => Some(EXPIRE),
        Role::Subscriber => None,
    };
    assert_eq!(rtc.privilege(RtcPrivilege::PublishAudioStream), publish);
    assert_eq!(rtc.privilege(RtcPrivilege::PublishVideoStream), publish);
    assert_eq!(rtc.privilege(RtcPrivilege::PublishDataStream), publish);
}

#[test]
fn with_uid_for_each_role() {
    for role in [Role::Publisher, Role::Subscriber] {
        let token = build_token_with_uid(
            APP_ID,
            APP_CERTIFICATE,
            CHANNEL_NAME,
            UID,
            role,
            EXPIRE,
            EXPIRE,
        )
        .unwrap();
        assert_role(&single_rtc(&token, ACCOUNT), role);
    }
}

#[test]
fn with_user_account_for_each_role() {
    for role in [Role::Publisher, Role::Subscriber] {
        let token = build_token_with_user_account(
            APP_ID,
            APP_CERTIFICATE,
            CHANNEL_NAME,
            ACCOUNT,
            role,
            EXPIRE,
            EXPIRE,
        )
        .unwrap();
        assert_role(&single_rtc(&token, ACCOUNT), role);
    }
}

#[test]
fn with_uid_0_means_any_user() {
    let token = build_token_with_uid(
        APP_ID,
        APP_CERTIFICATE,
        CHANNEL_NAME,
        0,
        Role::Publisher,
        EXPIRE,
        EXPIRE,
    )
    .unwrap();
    assert_role(&single_rtc(&token, ""), Role::Publisher);
}

#[test]
fn with_explicit_privileges() {
    let expiry = PrivilegeExpiry {
        join_channel: 100,
        publish_audio_stream: 200,
        publish_video_stream: 300,
        publish_data_stream: 400,
    };
    let builder = RtcTokenBuilder::new();
    let by_uid = builder
        .build_token_with_uid_and_privilege(
            APP_ID,
            APP_CERTIFICATE,
            CHANNEL_NAME,
            UID,
            EXPIRE,
            expiry,
        )
        .unwrap();
    let by_account = builder
        .build_token_with_user_account_and_privilege(
            APP_ID,
            APP_CERTIFICATE,
            CHANNEL_NAME,
            ACCOUNT,
            EXPIRE,
            expiry,
        )
        .unwrap();
    for token in [by_uid, by_account] {
        let rtc = single_rtc(&token, ACCOUNT);
        assert_eq!(rtc.privilege(RtcPrivilege::JoinChannel), Some(100));
        assert_eq!(rtc.privilege(RtcPrivilege::PublishAudioStream), Some(200));
        assert_eq!(rtc.privilege(RtcPrivilege::PublishVideoStream), Some(300));
        assert_eq!(rtc.privilege(RtcPrivilege::PublishDataStream), Some(400));
    }
}

#[test]
fn explicit_privileges_equal_publisher_when_all_alike() {
    let stamp = Stamp {
        issue_ts: 1_700_000_000,
        salt: 42,
    };
    let builder = RtcTokenBuilder::with_stamp(stamp);
    let publisher = builder
        .build_token_with_uid(
            APP_ID,
            APP_CERTIFICATE,
            CHANNEL_NAME,
            UID,
            Role::Publisher,
            EXPIRE,
            EXPIRE,
        )
        .unwrap();
    let explicit = builder
        .build_token_with_uid_and_privilege(
            APP_ID,
            APP_CERTIFICATE,
            CHANNEL_NAME,
            UID,
            EXPIRE,
            PrivilegeExpiry::all(EXPIRE),
        )
        .unwrap();
    assert_eq!(publisher, explicit);
}

#[test]
fn fresh_stamps_make_distinct_tokens() {
    let a = build_token_with_uid(
        APP_ID,
        APP_CERTIFICATE,
        CHANNEL_NAME,
        UID,
        Role::Publisher,
        EXPIRE,
        EXPIRE,
    )
    .unwrap();
    let b = build_token_with_uid(
        APP_ID,
        APP_CERTIFICATE,
        CHANNEL_NAME,
        UID,
        Role::Publisher,
        EXPIRE,
        EXPIRE,
    )
    .unwrap();
    // Equal only if both the second and a 1-in-10^8 salt coincide.
    assert_ne!(a, b);
}

#[test]
fn wrong_certificate_fails_verification() {
    let token = build_token_with_uid(
        APP_ID,
        APP_CERTIFICATE,
        CHANNEL_NAME,
        UID,
        Role::Publisher,
        EXPIRE,
        EXPIRE,
    )
    .unwrap();
    let parsed = parse(&token).unwrap();
    assert!(parsed.verify(APP_CERTIFICATE).unwrap());
    assert!(!parsed.verify("aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa").unwrap());
    // Case matters: the certificate's characters are signed as given.
    assert!(!parsed
        .verify(&APP_CERTIFICATE.to_ascii_lowercase())
        .unwrap());
    let e = parsed.verify("not-a-certificate").unwrap_err();
    assert_eq!(e.field(), Some(Field::AppCertificate));
}

#[test]
fn tampered_token_fails_verification() {
    use base64::Engine;
    use std::io::Write;
    let token = build_token_with_uid(
        APP_ID,
        APP_CERTIFICATE,
        CHANNEL_NAME,
        UID,
        Role::Subscriber,
        EXPIRE,
        EXPIRE,
    )
    .unwrap();
    // Lengthen the token's life without re-signing: expire follows the signature (2 + 32 bytes),
    // the app ID (2 + 32) and the issue time (4).
    let mut content = parse(&token).unwrap().content().to_vec();
    content[34 + 34 + 4] ^= 0x01;
    let mut z = flate2::write::ZlibEncoder::new(Vec::new(), flate2::Compression::default());
    z.write_all(&content).unwrap();
    let forged = format!(
        "007{}",
        base64::engine::general_purpose::STANDARD.encode(z.finish().unwrap())
    );
    let parsed = parse(&forged).unwrap();
    assert_eq!(parsed.expire, EXPIRE ^ 0x01);
    assert!(!parsed.verify(APP_CERTIFICATE).unwrap());
}

fn field_of(result: Result<String, TokenError>) -> Field {
    let e = result.unwrap_err();
    assert!(
        e.to_string().starts_with(e.field().unwrap().as_str()),
        "{e}"
    );
    e.field().unwrap()
}

#[test]
fn validation_errors_name_the_field() {
    let b = RtcTokenBuilder::new();
    let uid = |app_id: &str, cert: &str, channel: &str| {
        b.build_token_with_uid(app_id, cert, channel, UID, Role::Publisher, EXPIRE, EXPIRE)
    };
    assert_eq!(
        field_of(uid("", APP_CERTIFICATE, CHANNEL_NAME)),
        Field::AppId
    );
    assert_eq!(
        field_of(uid("abc", APP_CERTIFICATE, CHANNEL_NAME)),
        Field::AppId
    );
    assert_eq!(
        field_of(uid(
            "Z70CA35de60c44645bbae8a215061b33",
            APP_CERTIFICATE,
            CHANNEL_NAME
        )),
        Field::AppId
    );
    assert_eq!(
        field_of(uid(APP_ID, "", CHANNEL_NAME)),
        Field::AppCertificate
    );
    assert_eq!(
        field_of(uid(
            APP_ID,
            "5CFd2fd1755d40ecb72977518be15d3Z",
            CHANNEL_NAME
        )),
        Field::AppCertificate
    );
    assert_eq!(
        field_of(uid(APP_ID, APP_CERTIFICATE, "")),
        Field::ChannelName
    );
    assert_eq!(
        field_of(uid(APP_ID, APP_CERTIFICATE, &"c".repeat(64))),
        Field::ChannelName
    );
    assert_eq!(
        field_of(uid(APP_ID, APP_CERTIFICATE, "a/b")),
        Field::ChannelName
    );

    let account = |account: &str| {
        b.build_token_with_user_account(
            APP_ID,
            APP_CERTIFICATE,
            CHANNEL_NAME,
            account,
            Role::Publisher,
            EXPIRE,
            EXPIRE,
        )
    };
    assert_eq!(field_of(account("")), Field::UserAccount);
    assert_eq!(field_of(account(&"u".repeat(256))), Field::UserAccount);
    assert_eq!(field_of(account("tab\there")), Field::UserAccount);
    assert!(account(&"u".repeat(255)).is_ok());
}

#[test]
fn errors_and_debug_never_show_the_certificate() {
    let bad_cert = "5CFd2fd1755d40ecb72977518be15d3"; // one short
    let e = build_token_with_uid(
        APP_ID,
        bad_cert,
        CHANNEL_NAME,
        UID,
        Role::Publisher,
        EXPIRE,
        EXPIRE,
    )
    .unwrap_err();
    assert!(!e.to_string().contains(bad_cert));
    assert!(!format!("{e:?}").contains(bad_cert));

    let token = AccessToken::new(APP_ID, APP_CERTIFICATE, 1, EXPIRE, 1)
        .unwrap()
        .with_service(RtcService::new(CHANNEL_NAME, RtcUser::Uid(UID)).unwrap());
    let shown = format!("{token:?} {token:#?}");
    assert!(!shown.contains(APP_CERTIFICATE), "{shown}");
    assert!(shown.contains("<redacted>"));
    let cert = agora_token::AppCertificate::new(APP_CERTIFICATE).unwrap();
    assert_eq!(format!("{cert:?}"), "<redacted>");
}

#[test]
fn parse_reports_malformed_tokens() {
    for bad in ["", "00", "006invalid", "007aW52YWxpZA==", "007!!"] {
        let e = parse(bad).unwrap_err();
        assert_eq!(e.field(), Some(Field::Token), "{bad:?}: {e}");
    }
    // Whitespace from a paste is tolerated.
    let token = build_token_with_uid(
        APP_ID,
        APP_CERTIFICATE,
        CHANNEL_NAME,
        UID,
        Role::Subscriber,
        EXPIRE,
        EXPIRE,
    )
    .unwrap();
    assert!(parse(&format!("  {token}\n")).is_ok());
}

#[test]
fn parsed_token_serializes_for_the_ui() {
    let token = RtcTokenBuilder::with_stamp(Stamp {
        issue_ts: 1_111_111,
        salt: 1,
    })
    .build_token_with_uid(
        APP_ID,
        APP_CERTIFICATE,
        CHANNEL_NAME,
        0,
        Role::Publisher,
        EXPIRE,
        EXPIRE,
    )
    .unwrap();
    let json = serde_json::to_value(parse(&token).unwrap()).unwrap();
    assert_eq!(
        json,
        serde_json::json!({
            "appId": APP_ID,
            "issueTs": 1_111_111,
            "expire": EXPIRE,
            "salt": 1,
            "services": [{
                "service": "rtc",
                "channelName": CHANNEL_NAME,
                "uid": "",
                "privileges": { "1": EXPIRE, "2": EXPIRE, "3": EXPIRE, "4": EXPIRE }
            }],
            "unknownServiceType": null
        })
    );
}

proptest::proptest! {
    #![proptest_config(proptest::prelude::ProptestConfig::with_cases(64))]

    #[test]
    fn build_parse_verify_round_trip(
        channel in "[a-zA-Z0-9 !#$%&()+\\-:;<=.>?@\\[\\]^_{}|~,]{1,63}",
        account in proptest::option::of("[a-zA-Z0-9_\\-]{1,255}"),
        uid: u32,
        publisher: bool,
        issue_ts: u32,
        salt: u32,
        token_expire: u32,
        privilege_expire: u32,
    ) {
        let role = if publisher { Role::Publisher } else { Role::Subscriber };
        let builder = RtcTokenBuilder::with_stamp(Stamp { issue_ts, salt });
        let token = match &account {
            Some(a) => builder.build_token_with_user_account(
                APP_ID, APP_CERTIFICATE, &channel, a, role, token_expire, privilege_expire),
            None => builder.build_token_with_uid(
                APP_ID, APP_CERTIFICATE, &channel, uid, role, token_expire, privilege_expire),
        }.unwrap();
        let parsed = parse(&token).unwrap();
        proptest::prop_assert_eq!(parsed.issue_ts, issue_ts);
        proptest::prop_assert_eq!(parsed.salt, salt);
        proptest::prop_assert_eq!(parsed.expire, token_expire);
        proptest::prop_assert!(parsed.verify(APP_CERTIFICATE).unwrap());
        proptest::prop_assert!(!parsed.verify("aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa").unwrap());
        let rtc = parsed.rtc_services().next().unwrap();
        proptest::prop_assert_eq!(rtc.channel_name(), channel.as_str());
        let expected_uid = match (&account, uid) {
            (Some(a), _) => a.clone(),
            (None, 0) => String::new(),
            (None, n) => n.to_string(),
        };
        proptest::prop_assert_eq!(rtc.uid(), expected_uid.as_str());
        proptest::prop_assert_eq!(rtc.privileges().len(), if publisher { 4 } else { 1 });
    }
}
