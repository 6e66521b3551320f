//! Property-based fuzzing of token parsing: whatever string arrives (pasted, truncated, crafted),
//! `parse` and `verify` answer `Ok` or `Err` and never panic. 256 cases per property.

use std::io::{Read as _, Write as _};

use agora_token::{build_token_with_user_account, parse, Role};
use base64::engine::general_purpose::STANDARD;
use base64::Engine as _;
use proptest::prelude::*;

const APP_ID: &str = "970CA35de60c44645bbae8a215061b33";
const APP_CERTIFICATE: &str = "5CFd2fd1755d40ecb72977518be15d3b";

fn valid_token() -> String {
    build_token_with_user_account(
        APP_ID,
        APP_CERTIFICATE,
        "room",
        "alice",
        Role::Publisher,
        600,
        600,
    )
    .expect("a valid token builds")
}

fn zlib(bytes: &[u8]) -> Vec<u8> {
    let mut z = flate2::write::ZlibEncoder::new(Vec::new(), flate2::Compression::default());
    z.write_all(bytes).expect("writes to a Vec");
    z.finish().expect("finishes into a Vec")
}

/// The inflated content of a valid token, to mutate below the codec layer.
fn valid_content() -> Vec<u8> {
    let token = valid_token();
    let compressed = STANDARD.decode(&token[3..]).expect("the token is base64");
    let mut out = Vec::new();
    flate2::read::ZlibDecoder::new(&compressed[..])
        .read_to_end(&mut out)
        .expect("the token inflates");
    out
}

/// Parses and, if that worked, verifies; the property is only that neither panics.
fn exercise(token: &str) {
    if let Ok(parsed) = parse(token) {
        let _ = parsed.verify(APP_CERTIFICATE);
        let _ = parsed.verify("not a certificate");
        let _ = parsed.rtc_services().count();
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(256))]

    #[test]
    fn any_string_parses_or_errs(s in any::<String>()) {
        exercise(&s);
        exercise(&format!("007{s}"));
    }

    #[test]
    fn base64ish_strings_parse_or_err(s in "007[A-Za-z0-9+/=]{0,400}") {
        exercise(&s);
    }

    #[test]
    fn base64_of_any_bytes_parses_or_errs(bytes in proptest::collection::vec(any::<u8>(), 0..600)) {
        exercise(&format!("007{}", STANDARD.encode(&bytes)));
        exercise(&format!("007{}", STANDARD.encode(zlib(&bytes))));
    }

    #[test]
    fn truncated_valid_tokens_err_without_panicking(cut in 0usize..400) {
        let token = valid_token();
        let cut = cut.min(token.len());
        exercise(&token[..cut]);
    }

    #[test]
    fn mutated_valid_content_parses_or_errs(
        flips in proptest::collection::vec((any::<usize>(), any::<u8>()), 1..8),
        cut in any::<usize>(),
    ) {
        let mut content = valid_content();
        for (at, byte) in flips {
            let len = content.len();
            content[at % len] = byte;
        }
        exercise(&format!("007{}", STANDARD.encode(zlib(&content))));
        let cut = cut % (content.len() + 1);
        exercise(&format!("007{}", STANDARD.encode(zlib(&content[..cut]))));
    }
}
