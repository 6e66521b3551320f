//! Choosing and writing the single final deflate block the way zlib's `_tr_flush_block` does.
//!
//! zlib prices the block three ways (stored, fixed Huffman, dynamic Huffman), takes the cheapest
//! with ties going to fixed over dynamic, and prefers stored only when it is strictly cheaper by
//! zlib's byte-rounded estimate. Small token payloads nearly always come out as fixed Huffman.

use super::bits::BitWriter;
use super::huffman::{canonical_codes, run_length_code, Alphabet, LengthCode, Node, TreeBuilder};
use super::lz77::Symbol;

const LITERALS: usize = 256;
const END_BLOCK: usize = 256;
const L_CODES: usize = LITERALS + 1 + 29;
const D_CODES: usize = 30;
const BL_CODES: usize = 19;

const EXTRA_LBITS: [u8; 29] = [
    0, 0, 0, 0, 0, 0, 0, 0, 1, 1, 1, 1, 2, 2, 2, 2, 3, 3, 3, 3, 4, 4, 4, 4, 5, 5, 5, 5, 0,
];
const EXTRA_DBITS: [u8; D_CODES] = [
    0, 0, 0, 0, 1, 1, 2, 2, 3, 3, 4, 4, 5, 5, 6, 6, 7, 7, 8, 8, 9, 9, 10, 10, 11, 11, 12, 12, 13,
    13,
];
const EXTRA_BLBITS: [u8; BL_CODES] = [0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 2, 3, 7];
/// Match length minus 3 at which each length code starts (code 28 is exactly 258).
const BASE_LENGTH: [u16; 29] = [
    0, 1, 2, 3, 4, 5, 6, 7, 8, 10, 12, 14, 16, 20, 24, 28, 32, 40, 48, 56, 64, 80, 96, 112, 128,
    160, 192, 224, 255,
];
/// Distance minus 1 at which each distance code starts.
const BASE_DIST: [u16; D_CODES] = [
    0, 1, 2, 3, 4, 6, 8, 12, 16, 24, 32, 48, 64, 96, 128, 192, 256, 384, 512, 768, 1024, 1536,
    2048, 3072, 4096, 6144, 8192, 12288, 16384, 24576,
];
/// The order in which code-length code lengths are sent (RFC 1951 §3.2.7).
const BL_ORDER: [usize; BL_CODES] = [
    16, 17, 18, 0, 8, 7, 9, 6, 10, 5, 11, 4, 12, 3, 13, 2, 14, 1, 15,
];

/// RFC 1951 §3.2.6 fixed literal/length code lengths.
const FIXED_LIT_LENGTHS: [u8; L_CODES + 2] = {
    let mut lens = [0u8; L_CODES + 2];
    let mut i = 0;
    while i < lens.len() {
        lens[i] = match i {
            0..=143 => 8,
            144..=255 => 9,
            256..=279 => 7,
            _ => 8,
        };
        i += 1;
    }
    lens
};
const FIXED_DIST_LENGTHS: [u8; D_CODES] = [5; D_CODES];

const LIT_ALPHABET: Alphabet = Alphabet {
    elems: L_CODES,
    extra_bits: &EXTRA_LBITS,
    extra_base: LITERALS + 1,
    max_length: 15,
    fixed_lengths: Some(&FIXED_LIT_LENGTHS),
};
const DIST_ALPHABET: Alphabet = Alphabet {
    elems: D_CODES,
    extra_bits: &EXTRA_DBITS,
    extra_base: 0,
    max_length: 15,
    fixed_lengths: Some(&FIXED_DIST_LENGTHS),
};
const BL_ALPHABET: Alphabet = Alphabet {
    elems: BL_CODES,
    extra_bits: &EXTRA_BLBITS,
    extra_base: 0,
    max_length: 7,
    fixed_lengths: None,
};

/// deflate block type codes (the two bits after BFINAL).
const STORED: u32 = 0;
const FIXED: u32 = 1;
const DYNAMIC: u32 = 2;

/// Writes `input` (already LZ77-coded as `symbols`) as one final deflate block.
pub(super) fn encode_final_block(input: &[u8], symbols: &[Symbol]) -> Vec<u8> {
    let mut ltree = vec![Node::default(); 2 * L_CODES + 1];
    let mut dtree = vec![Node::default(); 2 * D_CODES + 1];
    let mut bltree = vec![Node::default(); 2 * BL_CODES + 1];
    for &symbol in symbols {
        match symbol {
            Symbol::Literal(byte) => ltree[usize::from(byte)].freq += 1,
            Symbol::Match { length, distance } => {
                ltree[LITERALS + 1 + length_code(length)].freq += 1;
                dtree[dist_code(distance)].freq += 1;
            }
        }
    }
    ltree[END_BLOCK].freq = 1;

    let mut costs = TreeBuilder::new();
    let l_max = costs.build_tree(&mut ltree, &LIT_ALPHABET);
    let d_max = costs.build_tree(&mut dtree, &DIST_ALPHABET);
    let l_lens = lengths(&ltree[..=l_max]);
    let d_lens = lengths(&dtree[..=d_max]);
    let l_rle = run_length_code(&l_lens);
    let d_rle = run_length_code(&d_lens);
    for code in l_rle.iter().chain(&d_rle) {
        bltree[code.symbol()].freq += 1;
    }
    costs.build_tree(&mut bltree, &BL_ALPHABET);
    let bl_lens = lengths(&bltree[..BL_CODES]);
    // Trailing code-length codes with length 0 are not sent, but at least 4 always are.
    let mut max_blindex = BL_CODES - 1;
    while max_blindex >= 3 && bl_lens[BL_ORDER[max_blindex]] == 0 {
        max_blindex -= 1;
    }
    costs.opt_len += 3 * (max_blindex as i64 + 1) + 5 + 5 + 4;

    // zlib compares whole bytes: 3 header bits plus up to 7 bits of padding, rounded down.
    let stored_len = input.len() as i64;
    let static_lenb = (costs.static_len + 3 + 7) >> 3;
    let opt_lenb = ((costs.opt_len + 3 + 7) >> 3).min(static_lenb);

    let mut out = BitWriter::default();
    if stored_len + 4 <= opt_lenb {
        out.put((STORED << 1) | 1, 3);
        out.align();
        // `MAX_INPUT` keeps the length within the stored block's u16 field.
        let len = input.len() as u16;
        out.put_bytes(&len.to_le_bytes());
        out.put_bytes(&(!len).to_le_bytes());
        out.put_bytes(input);
    } else if static_lenb == opt_lenb {
        out.put((FIXED << 1) | 1, 3);
        let lit = Code::new(&FIXED_LIT_LENGTHS);
        let dist = Code::new(&FIXED_DIST_LENGTHS);
        write_symbols(&mut out, symbols, &lit, &dist);
    } else {
        out.put((DYNAMIC << 1) | 1, 3);
        out.put((l_max + 1 - 257) as u32, 5);
        out.put(d_max as u32, 5);
        out.put((max_blindex + 1 - 4) as u32, 4);
        for &symbol in &BL_ORDER[..=max_blindex] {
            out.put(u32::from(bl_lens[symbol]), 3);
        }
        let bl = Code::new(&bl_lens);
        for &code in l_rle.iter().chain(&d_rle) {
            write_length_code(&mut out, code, &bl);
        }
        let lit = Code::new(&l_lens);
        let dist = Code::new(&d_lens);
        write_symbols(&mut out, symbols, &lit, &dist);
    }
    out.finish()
}

fn lengths(nodes: &[Node]) -> Vec<u8> {
    nodes.iter().map(|n| n.dl as u8).collect()
}

/// A prefix code: per-symbol (bit-reversed code, length).
struct Code {
    codes: Vec<u16>,
    lens: Vec<u8>,
}

impl Code {
    fn new(lens: &[u8]) -> Self {
        Self {
            codes: canonical_codes(lens),
            lens: lens.to_vec(),
        }
    }

    fn write(&self, out: &mut BitWriter, symbol: usize) {
        out.put(u32::from(self.codes[symbol]), u32::from(self.lens[symbol]));
    }
}

fn write_length_code(out: &mut BitWriter, code: LengthCode, bl: &Code) {
    bl.write(out, code.symbol());
    let (value, bits) = code.extra();
    if bits > 0 {
        out.put(value, bits);
    }
}

fn write_symbols(out: &mut BitWriter, symbols: &[Symbol], lit: &Code, dist: &Code) {
    for &symbol in symbols {
        match symbol {
            Symbol::Literal(byte) => lit.write(out, usize::from(byte)),
            Symbol::Match { length, distance } => {
                let lcode = length_code(length);
                lit.write(out, LITERALS + 1 + lcode);
                let extra = u32::from(EXTRA_LBITS[lcode]);
                if extra > 0 {
                    out.put(u32::from(length - 3 - BASE_LENGTH[lcode]), extra);
                }
                let dcode = dist_code(distance);
                dist.write(out, dcode);
                let extra = u32::from(EXTRA_DBITS[dcode]);
                if extra > 0 {
                    out.put(u32::from(distance - 1 - BASE_DIST[dcode]), extra);
                }
            }
        }
    }
    lit.write(out, END_BLOCK);
}

/// Length code 0..=28 for a match length 3..=258.
fn length_code(length: u16) -> usize {
    let lc = length - 3;
    if lc == 255 {
        return 28;
    }
    BASE_LENGTH[..28]
        .iter()
        .rposition(|&base| base <= lc)
        .unwrap_or(0)
}

/// Distance code 0..=29 for a distance 1..=32768.
fn dist_code(distance: u16) -> usize {
    let d = distance - 1;
    BASE_DIST.iter().rposition(|&base| base <= d).unwrap_or(0)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn length_codes_follow_rfc1951() {
        assert_eq!(length_code(3), 0);
        assert_eq!(length_code(10), 7);
        assert_eq!(length_code(11), 8);
        assert_eq!(length_code(257), 27);
        assert_eq!(length_code(258), 28);
    }

    #[test]
    fn distance_codes_follow_rfc1951() {
        assert_eq!(dist_code(1), 0);
        assert_eq!(dist_code(5), 4);
        assert_eq!(dist_code(7), 5);
        assert_eq!(dist_code(24577), 29);
    }
}
