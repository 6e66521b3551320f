//! AccessToken2's HMAC-SHA256 chain.
//!
//! The certificate never signs directly: the key is
//! `HMAC(key = salt_le, HMAC(key = issue_ts_le, certificate))`, so every token (fresh salt and
//! time) is signed with a different key. The signature is `HMAC(key, signed_info)`, where
//! `signed_info` is everything in the token after the signature itself.

use crate::credentials::AppCertificate;
use hmac::{Hmac, Mac};
use sha2::Sha256;

type HmacSha256 = Hmac<Sha256>;

fn mac(key: &[u8]) -> HmacSha256 {
    match HmacSha256::new_from_slice(key) {
        Ok(m) => m,
        // HMAC pads or hashes any key to the block size; no length is refused.
        Err(_) => unreachable!("HMAC-SHA256 accepts keys of any length"),
    }
}

fn hmac(key: &[u8], message: &[u8]) -> [u8; 32] {
    let mut m = mac(key);
    m.update(message);
    m.finalize().into_bytes().into()
}

/// The per-token signing key.
pub(crate) fn signing_key(certificate: &AppCertificate, issue_ts: u32, salt: u32) -> [u8; 32] {
    let by_time = hmac(&issue_ts.to_le_bytes(), certificate.expose().as_bytes());
    hmac(&salt.to_le_bytes(), &by_time)
}

pub(crate) fn sign(key: &[u8; 32], signed_info: &[u8]) -> [u8; 32] {
    hmac(key, signed_info)
}

/// Constant-time check of `signature` over `signed_info`.
pub(crate) fn verify(key: &[u8; 32], signed_info: &[u8], signature: &[u8]) -> bool {
    let mut m = mac(key);
    m.update(signed_info);
    m.verify_slice(signature).is_ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hmac_matches_rfc4231_case_2() {
        let out = hmac(b"Jefe", b"what do ya want for nothing?");
        let hex: String = out.iter().map(|b| format!("{b:02x}")).collect();
        assert_eq!(
            hex,
            "5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843"
        );
    }

    #[test]
    fn verify_accepts_own_signature_only() {
        let cert = AppCertificate::new("5CFd2fd1755d40ecb72977518be15d3b").unwrap();
        let key = signing_key(&cert, 1_111_111, 1);
        let sig = sign(&key, b"info");
        assert!(verify(&key, b"info", &sig));
        assert!(!verify(&key, b"infO", &sig));
        assert!(!verify(&signing_key(&cert, 1_111_111, 2), b"info", &sig));
    }
}
