//! The outer layer of a token string: `"007"` followed by standard base64 of a zlib stream.
//!
//! Why C zlib: two different (both valid) deflate encoders give two different token strings for
//! the same payload. Agora's reference builders in Python, Java, C++, C# and PHP call C zlib at
//! its default level 6, and their published test vectors are those exact bytes; flate2's Rust
//! backends (miniz_oxide, zlib-rs) choose other matches. So flate2 runs on zlib itself here
//! (`libz-sys`, built from its bundled zlib source: the same bytes on every machine).

use crate::error::TokenError;
use base64::alphabet::STANDARD;
use base64::engine::general_purpose::{GeneralPurpose, GeneralPurposeConfig};
use base64::engine::DecodePaddingMode;
use base64::Engine;
use std::io::{Read, Write};

/// AccessToken2's version prefix.
pub const VERSION: &str = "007";

/// Encoding pads, as the reference does.
const ENCODE: GeneralPurpose = GeneralPurpose::new(&STANDARD, GeneralPurposeConfig::new());
/// Decoding accepts a token whose `=` padding was lost (as happens when one is pasted from a URL).
const DECODE: GeneralPurpose = GeneralPurpose::new(
    &STANDARD,
    GeneralPurposeConfig::new().with_decode_padding_mode(DecodePaddingMode::Indifferent),
);

/// A real token's content is a few hundred bytes; refuse to inflate anything much bigger, so a
/// crafted string cannot make the parser allocate without bound.
const MAX_CONTENT: u64 = 64 * 1024;

pub(crate) fn encode(content: &[u8]) -> Result<String, TokenError> {
    // Writing to a Vec cannot fail; an error here would be zlib's own.
    let mut zlib = flate2::write::ZlibEncoder::new(Vec::new(), flate2::Compression::new(6));
    zlib.write_all(content)
        .and_then(|()| zlib.finish())
        .map(|compressed| format!("{VERSION}{}", ENCODE.encode(compressed)))
        .map_err(|_| TokenError::TooLarge("token content zlib could not compress"))
}

pub(crate) fn decode(token: &str) -> Result<Vec<u8>, TokenError> {
    let body = token.strip_prefix(VERSION).ok_or_else(|| {
        TokenError::malformed(format!("does not start with version \"{VERSION}\""))
    })?;
    let compressed = DECODE
        .decode(body)
        .map_err(|e| TokenError::malformed(format!("base64: {e}")))?;
    let mut content = Vec::new();
    flate2::read::ZlibDecoder::new(compressed.as_slice())
        .take(MAX_CONTENT + 1)
        .read_to_end(&mut content)
        .map_err(|e| TokenError::malformed(format!("zlib: {e}")))?;
    if content.len() as u64 > MAX_CONTENT {
        return Err(TokenError::malformed("content is implausibly large"));
    }
    Ok(content)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn round_trips() {
        let token = encode(b"content").unwrap();
        assert!(token.starts_with("007eJ"));
        assert_eq!(decode(&token).unwrap(), b"content");
    }

    #[test]
    fn accepts_missing_padding() {
        let token = encode(b"content!").unwrap();
        assert!(token.ends_with('='));
        assert_eq!(decode(token.trim_end_matches('=')).unwrap(), b"content!");
    }

    #[test]
    fn rejects_other_versions_and_garbage() {
        assert!(decode("006abc")
            .unwrap_err()
            .to_string()
            .contains("version"));
        assert!(decode("007!!!").unwrap_err().to_string().contains("base64"));
        assert!(decode("007aW52YWxpZA==")
            .unwrap_err()
            .to_string()
            .contains("zlib"));
    }

    #[test]
    fn refuses_a_decompression_bomb() {
        use std::io::Write;
        let mut e = flate2::write::ZlibEncoder::new(Vec::new(), flate2::Compression::best());
        e.write_all(&vec![0u8; 1 << 20]).unwrap();
        let token = format!("{VERSION}{}", ENCODE.encode(e.finish().unwrap()));
        assert!(decode(&token)
            .unwrap_err()
            .to_string()
            .contains("implausibly large"));
    }
}
