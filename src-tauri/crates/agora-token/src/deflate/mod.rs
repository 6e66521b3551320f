//! zlib compression that produces the same bytes as C zlib's `compress()` at the default level.
//!
//! Why not a compression crate: an AccessToken2 string is `"007" + base64(zlib(payload))`, so two
//! different (both valid) deflate encoders give two different token strings for the same payload.
//! Agora's reference builders in Python, Java, C++, C# and PHP call C zlib at its default level 6,
//! and their published test vectors are those exact bytes. Measured against the 16 such vectors,
//! `miniz_oxide` (flate2's default backend) reproduced none and `zlib-rs` two: they choose other
//! matches and block types. This module re-derives zlib's level-6 behaviour decision for
//! decision: the lazy LZ77 pass ([`lz77`]), zlib's Huffman tree construction ([`huffman`]), and
//! its stored/fixed/dynamic block choice ([`block`]). It was checked byte-for-byte against C zlib
//! 1.2.13 on several thousand generated inputs. Decompression is ordinary inflate and uses flate2
//! (see `codec`), where any correct implementation gives the same bytes.
//!
//! Scope: one `deflate(Z_FINISH)` call over a whole buffer that fits in one zlib block (fewer
//! than 16383 bytes). A token payload is well under 1 KiB; larger input is refused, not guessed.

mod bits;
mod block;
mod huffman;
mod lz77;

/// zlib flushes a block after 16383 symbols (`lit_bufsize - 1`); below that length the whole
/// input is a single final block, which is the only case this module reproduces.
pub(crate) const MAX_INPUT: usize = (1 << 14) - 2;

/// zlib header for deflate, 32 KiB window, level 6 ("default compression"), no dictionary.
const ZLIB_HEADER: [u8; 2] = [0x78, 0x9c];

/// Compresses `input` into a zlib stream byte-identical to C zlib's `compress2(.., level 6)`.
///
/// Returns `None` when `input` is longer than [`MAX_INPUT`].
pub(crate) fn zlib_compress(input: &[u8]) -> Option<Vec<u8>> {
    if input.len() > MAX_INPUT {
        return None;
    }
    let symbols = lz77::tokenize(input);
    let mut out = ZLIB_HEADER.to_vec();
    out.extend_from_slice(&block::encode_final_block(input, &symbols));
    out.extend_from_slice(&adler32(input).to_be_bytes());
    Some(out)
}

/// The zlib trailer checksum (RFC 1950 §9).
fn adler32(data: &[u8]) -> u32 {
    const MOD: u32 = 65_521;
    let (mut a, mut b) = (1u32, 0u32);
    // 5552 is the longest run for which `b` cannot overflow u32 before reduction.
    for chunk in data.chunks(5552) {
        for &byte in chunk {
            a += u32::from(byte);
            b += a;
        }
        a %= MOD;
        b %= MOD;
    }
    (b << 16) | a
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::io::Read;

    fn inflate(data: &[u8]) -> Vec<u8> {
        let mut out = Vec::new();
        flate2::read::ZlibDecoder::new(data)
            .read_to_end(&mut out)
            .unwrap();
        out
    }

    fn unhex(s: &str) -> Vec<u8> {
        (0..s.len())
            .step_by(2)
            .map(|i| u8::from_str_radix(&s[i..i + 2], 16).unwrap())
            .collect()
    }

    #[test]
    fn adler32_matches_rfc_example() {
        assert_eq!(adler32(b"Wikipedia"), 0x11E6_0398);
        assert_eq!(adler32(b""), 1);
    }

    // Expected outputs below were produced by C zlib 1.2.13 (`zlib.compress(data)` in CPython,
    // default level) for inputs chosen to reach each block type; they are data, not code.

    #[test]
    fn empty_input_matches_zlib() {
        assert_eq!(zlib_compress(b"").unwrap(), unhex("789c030000000001"));
    }

    #[test]
    fn fixed_block_matches_zlib() {
        let data = b"hello hello hello hello, AccessToken2 AccessToken2";
        assert_eq!(
            zlib_compress(data).unwrap(),
            unhex("789ccb48cdc9c957c8402775141c9393538b8b43f2b353f38c503800d2041227")
        );
    }

    /// A deterministic skewed text (an LCG picking from a frequency-weighted alphabet).
    fn skewed(len: usize, seed: u32, alphabet: &[u8]) -> Vec<u8> {
        let mut x = seed;
        (0..len)
            .map(|_| {
                x = x.wrapping_mul(1_103_515_245).wrapping_add(12_345) & 0x7fff_ffff;
                alphabet[(x >> 16) as usize % alphabet.len()]
            })
            .collect()
    }

    #[test]
    fn dynamic_block_matches_zlib() {
        let data = skewed(400, 1, b"eeeeeetttaaoinsh");
        let out = zlib_compress(&data).unwrap();
        assert_eq!(out[2] & 0b110, 0b100, "expected a dynamic-trees block");
        assert_eq!(inflate(&out), data);
        assert_eq!(out, unhex(DYNAMIC_EXPECTED));
    }

    #[test]
    fn largest_input_matches_zlib() {
        // Long enough for far matches (the 4096-byte rule), chain cut-offs and deep trees.
        use sha2::{Digest, Sha256};
        let printable: Vec<u8> = (32..127).collect();
        for (seed, alphabet, expected_len, expected_sha) in [
            (7, &printable[..], 13_637, LARGE_PRINTABLE_SHA256),
            (3, &b"eeeeeetttaaoinsh"[..], 6_782, LARGE_SKEWED_SHA256),
        ] {
            let data = skewed(MAX_INPUT, seed, alphabet);
            let out = zlib_compress(&data).unwrap();
            assert_eq!(inflate(&out), data);
            assert_eq!(out.len(), expected_len);
            let sha: String = Sha256::digest(&out)
                .iter()
                .map(|b| format!("{b:02x}"))
                .collect();
            assert_eq!(sha, expected_sha);
        }
    }

    #[test]
    fn stored_block_matches_zlib() {
        // A de Bruijn-like byte walk has no repeats worth coding, so zlib stores it verbatim.
        let data: Vec<u8> = (0..256u32).map(|i| (i * 167 % 256) as u8).collect();
        let out = zlib_compress(&data).unwrap();
        assert_eq!(out[2] & 0b110, 0b000, "expected a stored block");
        assert_eq!(inflate(&out), data);
        assert_eq!(out, unhex(STORED_EXPECTED));
    }

    #[test]
    fn refuses_input_that_needs_more_than_one_block() {
        assert!(zlib_compress(&vec![0u8; MAX_INPUT + 1]).is_none());
        assert!(zlib_compress(&vec![0u8; MAX_INPUT]).is_some());
    }

    const DYNAMIC_EXPECTED: &str = "789c3550490e0331087bab0f96e00207fc7fd54edb913249c01bd17177b9d45437c5e2f9277f80dacb3d524d178d055df5ba02aa52d20c4ea0ae3157327a8bd9d01cac5be4a8bc89b95c6cb228fb60841cdbb23bbc622c8b631267967357a72ff549ec3b582f1eaf14a53bacc33b8b2d9f742b593ddb9fc9a86492379123d060f76c62760786236862a636dd232a390c37e76a42379cbdc1cccfddaaaae0928071350dfc3edd1b3558f4a4eae89b377479231020a4719c233f055da584";
    const STORED_EXPECTED: &str = "789c010001fffe00a74ef59c43ea9138df862dd47b22c97017be650cb35a01a84ff69d44eb9239e0872ed57c23ca7118bf660db45b02a950f79e45ec933ae1882fd67d24cb7219c0670eb55c03aa51f89f46ed943be28930d77e25cc731ac1680fb65d04ab52f9a047ee953ce38a31d87f26cd741bc26910b75e05ac53faa148ef963de48b32d98027ce751cc36a11b85f06ad54fba249f0973ee58c33da8128cf761dc46b12b96007ae55fca34af1983fe68d34db8229d0771ec56c13ba6108af56fda44bf29940e78e35dc832ad1781fc66d14bb6209b057fea54cf39a41e88f36dd842bd27920c76e15bc630ab158ffa64df49b42e99037de852cd37a21c86f16bd640bb2598a317f81";
    const LARGE_PRINTABLE_SHA256: &str =
        "e59405349f92ca89e34b41e14f6682b44e767ba01578027430a1e793c67ad6cb";
    const LARGE_SKEWED_SHA256: &str =
        "1dae88517a72284c9489fa23f82a5b47fd101a0b65f0dcf368bf97e15229a2c0";

    proptest::proptest! {
        #[test]
        fn output_inflates_back_to_input(data in proptest::collection::vec(0u8..8, 0..2000)) {
            let out = zlib_compress(&data).unwrap();
            proptest::prop_assert_eq!(inflate(&out), data);
        }
    }
}
