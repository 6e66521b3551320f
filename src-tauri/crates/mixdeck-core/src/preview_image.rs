//! Remote images the user points a layout at (`backgroundImage`), fetched here rather than by the
//! webview: the window's `img-src` allows only its own and `data:` images, so a page cannot load
//! (or send the user's address to) any host it likes. Only HTTPS (plain HTTP on this machine),
//! no credentials in the URL, a few redirects to HTTPS, a size cap, and bytes that really are a
//! PNG, JPEG, BMP, GIF or WebP.

use std::time::Duration;

use base64::Engine as _;
use serde::Serialize;

use crate::error::{CoreError, CoreResult};

/// The largest image a preview fetches.
/// Agora takes background images of up to 6 MB.
pub const MAX_IMAGE_BYTES: usize = 6 << 20;
const TIMEOUT: Duration = Duration::from_secs(10);
const MAX_REDIRECTS: usize = 3;

/// An image ready for the window: a `data:` URL and its type.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "camelCase")]
pub struct PreviewImage {
    pub mime: String,
    pub data_url: String,
    pub bytes: u32,
}

fn refuse(message: impl Into<String>) -> CoreError {
    CoreError::invalid("backgroundImage", message)
}

/// Whether `url` may be fetched: HTTPS anywhere, HTTP only to this machine, no user or password.
fn allowed(url: &reqwest::Url) -> Result<(), String> {
    if !url.username().is_empty() || url.password().is_some() {
        return Err("must not carry a user name or password".into());
    }
    match url.scheme() {
        "https" => Ok(()),
        "http" if is_loopback(url) => Ok(()),
        "http" => {
            Err("uses plain http: only https images are shown (http only from this machine)".into())
        }
        other => Err(format!("is a {other}: URL; only https images are shown")),
    }
}

fn is_loopback(url: &reqwest::Url) -> bool {
    url.host_str()
        .is_some_and(agora_rest::domain::is_loopback_name)
}

/// The image type its first bytes say, whatever the server claims.
fn sniff(bytes: &[u8]) -> Option<&'static str> {
    match bytes {
        [0x89, b'P', b'N', b'G', ..] => Some("image/png"),
        [0xFF, 0xD8, 0xFF, ..] => Some("image/jpeg"),
        [b'G', b'I', b'F', b'8', ..] => Some("image/gif"),
        [b'B', b'M', ..] => Some("image/bmp"),
        [b'R', b'I', b'F', b'F', _, _, _, _, b'W', b'E', b'B', b'P', ..] => Some("image/webp"),
        _ => None,
    }
}

/// Fetches the image at `url` for the layout editor's canvas.
pub async fn fetch(url: &str) -> CoreResult<PreviewImage> {
    let parsed =
        reqwest::Url::parse(url.trim()).map_err(|e| refuse(format!("is not a URL ({e})")))?;
    allowed(&parsed).map_err(refuse)?;
    let client = reqwest::Client::builder()
        .timeout(TIMEOUT)
        .redirect(reqwest::redirect::Policy::custom(|attempt| {
            if attempt.previous().len() >= MAX_REDIRECTS {
                attempt.error("too many redirects")
            } else if let Err(why) = allowed(attempt.url()) {
                attempt.error(format!("redirected to a URL that {why}"))
            } else {
                attempt.follow()
            }
        }))
        .referer(false)
        .build()
        .map_err(|e| CoreError::Internal(format!("no HTTP client: {e}")))?;
    let mut resp = client
        .get(parsed)
        .header(
            reqwest::header::ACCEPT,
            "image/png, image/jpeg, image/bmp, image/gif, image/webp",
        )
        .send()
        .await
        .map_err(|e| refuse(format!("could not be fetched: {}", without_url(&e))))?;
    if !resp.status().is_success() {
        return Err(refuse(format!("answered HTTP {}", resp.status().as_u16())));
    }
    if resp
        .content_length()
        .is_some_and(|n| n > MAX_IMAGE_BYTES as u64)
    {
        return Err(refuse(format!(
            "is larger than {} MB",
            MAX_IMAGE_BYTES >> 20
        )));
    }
    let mut bytes = Vec::new();
    while let Some(chunk) = resp
        .chunk()
        .await
        .map_err(|e| refuse(format!("could not be read: {}", without_url(&e))))?
    {
        if bytes.len() + chunk.len() > MAX_IMAGE_BYTES {
            return Err(refuse(format!(
                "is larger than {} MB",
                MAX_IMAGE_BYTES >> 20
            )));
        }
        bytes.extend_from_slice(&chunk);
    }
    let mime = sniff(&bytes).ok_or_else(|| refuse("is not a PNG, JPEG, BMP, GIF or WebP image"))?;
    Ok(PreviewImage {
        mime: mime.to_owned(),
        data_url: format!(
            "data:{mime};base64,{}",
            base64::engine::general_purpose::STANDARD.encode(&bytes)
        ),
        bytes: bytes.len() as u32,
    })
}

/// A transport error's words without the URL (it may carry a presigned query).
fn without_url(e: &reqwest::Error) -> String {
    let kind = if e.is_timeout() {
        "timed out"
    } else if e.is_connect() {
        "the host could not be reached"
    } else if e.is_redirect() {
        "too many redirects, or one away from https"
    } else {
        "the connection failed"
    };
    kind.to_owned()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_https_or_this_machine_and_no_credentials() {
        let ok = [
            "https://cdn.example.com/bg.png",
            "http://127.0.0.1:8080/a.png",
            "http://localhost/a.jpg",
        ];
        for u in ok {
            assert!(allowed(&reqwest::Url::parse(u).unwrap()).is_ok(), "{u}");
        }
        let bad = [
            "http://cdn.example.com/bg.png",
            "file:///etc/passwd",
            "https://user:pw@cdn.example.com/a.png",
            "ftp://x/a.png",
        ];
        for u in bad {
            assert!(allowed(&reqwest::Url::parse(u).unwrap()).is_err(), "{u}");
        }
    }

    #[test]
    fn the_bytes_decide_the_type() {
        assert_eq!(sniff(b"\x89PNG\r\n\x1a\n...."), Some("image/png"));
        assert_eq!(sniff(b"\xFF\xD8\xFF\xE0"), Some("image/jpeg"));
        assert_eq!(sniff(b"RIFF\0\0\0\0WEBPVP8 "), Some("image/webp"));
        assert_eq!(sniff(b"<svg onload=alert(1)>"), None);
        assert_eq!(sniff(b"<html>"), None);
    }
}
