//! AccessToken2's packing rules: little-endian integers, strings as a u16 byte length followed by
//! the bytes, and maps as a u16 entry count followed by (u16 key, u32 value) pairs in key order.

use crate::error::TokenError;
use std::collections::BTreeMap;

#[derive(Default)]
pub(crate) struct Writer {
    buf: Vec<u8>,
}

impl Writer {
    pub(crate) fn u16(&mut self, v: u16) {
        self.buf.extend_from_slice(&v.to_le_bytes());
    }

    pub(crate) fn u32(&mut self, v: u32) {
        self.buf.extend_from_slice(&v.to_le_bytes());
    }

    /// A length-prefixed byte string; the length must fit the u16 prefix.
    pub(crate) fn bytes(&mut self, v: &[u8]) -> Result<(), TokenError> {
        self.u16(len_u16(v.len(), "a string is longer than 65535 bytes")?);
        self.buf.extend_from_slice(v);
        Ok(())
    }

    pub(crate) fn str(&mut self, v: &str) -> Result<(), TokenError> {
        self.bytes(v.as_bytes())
    }

    /// A BTreeMap iterates in key order, which is the order the format requires.
    pub(crate) fn map_u32(&mut self, m: &BTreeMap<u16, u32>) -> Result<(), TokenError> {
        self.u16(len_u16(m.len(), "too many privileges")?);
        for (&k, &v) in m {
            self.u16(k);
            self.u32(v);
        }
        Ok(())
    }

    pub(crate) fn into_bytes(self) -> Vec<u8> {
        self.buf
    }
}

pub(crate) fn len_u16(n: usize, what: &'static str) -> Result<u16, TokenError> {
    u16::try_from(n).map_err(|_| TokenError::TooLarge(what))
}

/// Reads the same encoding back; every read checks the remaining length.
pub(crate) struct Reader<'a> {
    rest: &'a [u8],
}

impl<'a> Reader<'a> {
    pub(crate) fn new(buf: &'a [u8]) -> Self {
        Self { rest: buf }
    }

    /// The bytes not read yet.
    pub(crate) fn remaining(&self) -> &'a [u8] {
        self.rest
    }

    fn take(&mut self, n: usize, what: &str) -> Result<&'a [u8], TokenError> {
        if self.rest.len() < n {
            return Err(TokenError::malformed(format!(
                "truncated while reading {what}"
            )));
        }
        let (head, tail) = self.rest.split_at(n);
        self.rest = tail;
        Ok(head)
    }

    pub(crate) fn u16(&mut self, what: &str) -> Result<u16, TokenError> {
        let b = self.take(2, what)?;
        Ok(u16::from_le_bytes([b[0], b[1]]))
    }

    pub(crate) fn u32(&mut self, what: &str) -> Result<u32, TokenError> {
        let b = self.take(4, what)?;
        Ok(u32::from_le_bytes([b[0], b[1], b[2], b[3]]))
    }

    pub(crate) fn bytes(&mut self, what: &str) -> Result<&'a [u8], TokenError> {
        let n = self.u16(what)?;
        self.take(usize::from(n), what)
    }

    pub(crate) fn string(&mut self, what: &str) -> Result<String, TokenError> {
        let b = self.bytes(what)?;
        String::from_utf8(b.to_vec())
            .map_err(|_| TokenError::malformed(format!("{what} is not UTF-8")))
    }

    pub(crate) fn map_u32(&mut self, what: &str) -> Result<BTreeMap<u16, u32>, TokenError> {
        let n = self.u16(what)?;
        let mut m = BTreeMap::new();
        for _ in 0..n {
            let k = self.u16(what)?;
            let v = self.u32(what)?;
            m.insert(k, v);
        }
        Ok(m)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn packs_little_endian_with_length_prefixes() {
        let mut w = Writer::default();
        w.u16(0x0102);
        w.u32(0x0304_0506);
        w.str("ab").unwrap();
        w.map_u32(&BTreeMap::from([(3, 600), (1, 7)])).unwrap();
        assert_eq!(
            w.into_bytes(),
            [2, 1, 6, 5, 4, 3, 2, 0, b'a', b'b', 2, 0, 1, 0, 7, 0, 0, 0, 3, 0, 0x58, 2, 0, 0]
        );
    }

    #[test]
    fn reads_back_and_reports_truncation() {
        let mut w = Writer::default();
        w.str("channel").unwrap();
        w.map_u32(&BTreeMap::from([(1, 600)])).unwrap();
        let bytes = w.into_bytes();
        let mut r = Reader::new(&bytes);
        assert_eq!(r.string("channel").unwrap(), "channel");
        assert_eq!(r.map_u32("privileges").unwrap(), BTreeMap::from([(1, 600)]));
        assert!(r.remaining().is_empty());

        let mut r = Reader::new(&bytes[..5]);
        let e = r.string("channel name").unwrap_err();
        assert!(e
            .to_string()
            .contains("truncated while reading channel name"));
    }

    #[test]
    fn refuses_strings_the_prefix_cannot_carry() {
        let mut w = Writer::default();
        assert!(matches!(
            w.bytes(&vec![0; 65_536]),
            Err(TokenError::TooLarge(_))
        ));
    }
}
