//! Identifiers the sandbox hands out: opaque resource ids and builder tokens, 32-hex sids, UUID
//! task and request ids.
//!
//! They only need to be unique and to look like Agora's, not to be unguessable, so a SplitMix64
//! sequence seeded from the time and the process id is enough (and needs no dependency).

use std::sync::atomic::{AtomicU64, Ordering};

const GOLDEN_GAMMA: u64 = 0x9E37_79B9_7F4A_7C15;
/// Agora's resource ids and builder tokens use URL-safe Base64 characters.
const OPAQUE_ALPHABET: &[u8] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";

#[derive(Debug)]
pub struct IdGen {
    state: AtomicU64,
}

impl Default for IdGen {
    fn default() -> Self {
        Self::new()
    }
}

impl IdGen {
    pub fn new() -> Self {
        let nanos = std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .map_or(0, |d| d.as_nanos() as u64);
        // Two sandboxes started in the same nanosecond by one process still differ.
        static INSTANCE: AtomicU64 = AtomicU64::new(0);
        let instance = INSTANCE.fetch_add(1, Ordering::Relaxed);
        let seed =
            nanos ^ (u64::from(std::process::id()) << 32) ^ instance.wrapping_mul(GOLDEN_GAMMA);
        Self {
            state: AtomicU64::new(seed),
        }
    }

    /// The next SplitMix64 value.
    fn next(&self) -> u64 {
        let mut z = self
            .state
            .fetch_add(GOLDEN_GAMMA, Ordering::Relaxed)
            .wrapping_add(GOLDEN_GAMMA);
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    /// `len` lower-case hex digits (a recording `sid` is 32).
    pub fn hex(&self, len: usize) -> String {
        let mut out = String::with_capacity(len + 16);
        while out.len() < len {
            out.push_str(&format!("{:016x}", self.next()));
        }
        out.truncate(len);
        out
    }

    /// A version-4 UUID, `8-4-4-4-12` lower-case hex.
    pub fn uuid(&self) -> String {
        let (a, b) = (self.next(), self.next());
        let a = (a & 0xFFFF_FFFF_FFFF_0FFF) | 0x0000_0000_0000_4000;
        let b = (b & 0x3FFF_FFFF_FFFF_FFFF) | 0x8000_0000_0000_0000;
        format!(
            "{:08x}-{:04x}-{:04x}-{:04x}-{:012x}",
            a >> 32,
            (a >> 16) & 0xFFFF,
            a & 0xFFFF,
            b >> 48,
            b & 0xFFFF_FFFF_FFFF
        )
    }

    /// `len` URL-safe Base64 characters, like Agora's resource ids and builder tokens.
    pub fn opaque(&self, len: usize) -> String {
        let mut out = String::with_capacity(len);
        let mut bits = 0u64;
        let mut left = 0u32;
        while out.len() < len {
            if left < 6 {
                bits = self.next();
                left = 64;
            }
            out.push(char::from(OPAQUE_ALPHABET[(bits & 63) as usize]));
            bits >>= 6;
            left -= 6;
        }
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ids_have_agoras_shapes_and_do_not_repeat() {
        let ids = IdGen::new();
        let sid = ids.hex(32);
        assert_eq!(sid.len(), 32);
        assert!(sid
            .bytes()
            .all(|b| b.is_ascii_hexdigit() && !b.is_ascii_uppercase()));
        let uuid = ids.uuid();
        let parts: Vec<usize> = uuid.split('-').map(str::len).collect();
        assert_eq!(parts, [8, 4, 4, 4, 12], "{uuid}");
        assert_eq!(&uuid[14..15], "4", "version 4: {uuid}");
        let rid = ids.opaque(96);
        assert_eq!(rid.len(), 96);
        assert!(rid.bytes().all(|b| OPAQUE_ALPHABET.contains(&b)));
        let many: std::collections::HashSet<String> = (0..1000).map(|_| ids.hex(32)).collect();
        assert_eq!(many.len(), 1000);
        assert_ne!(IdGen::new().hex(32), IdGen::new().hex(32));
    }
}
