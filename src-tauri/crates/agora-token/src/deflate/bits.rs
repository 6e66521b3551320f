//! Deflate's bit order: values are packed least-significant bit first into successive bytes.

#[derive(Default)]
pub(super) struct BitWriter {
    out: Vec<u8>,
    acc: u64,
    nbits: u32,
}

impl BitWriter {
    /// Appends the low `count` bits of `value` (count ≤ 16).
    pub(super) fn put(&mut self, value: u32, count: u32) {
        debug_assert!(count <= 16);
        let mask = (1u64 << count) - 1;
        self.acc |= (u64::from(value) & mask) << self.nbits;
        self.nbits += count;
        while self.nbits >= 8 {
            self.out.push(self.acc as u8);
            self.acc >>= 8;
            self.nbits -= 8;
        }
    }

    /// Pads with zero bits to the next byte boundary (zlib's `bi_windup`).
    pub(super) fn align(&mut self) {
        if self.nbits > 0 {
            self.out.push(self.acc as u8);
            self.acc = 0;
            self.nbits = 0;
        }
    }

    /// Appends whole bytes; the writer must be byte-aligned.
    pub(super) fn put_bytes(&mut self, bytes: &[u8]) {
        debug_assert_eq!(self.nbits, 0);
        self.out.extend_from_slice(bytes);
    }

    pub(super) fn finish(mut self) -> Vec<u8> {
        self.align();
        self.out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn packs_lsb_first() {
        let mut w = BitWriter::default();
        w.put(0b1, 1);
        w.put(0b01, 2);
        w.put(0b11111, 5);
        w.put(0xABC, 12);
        assert_eq!(w.finish(), vec![0b1111_1011, 0xBC, 0x0A]);
    }
}
