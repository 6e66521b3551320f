//! zlib's length-limited Huffman construction, including its tie-breaks and cost bookkeeping.
//!
//! Code lengths decide both the dynamic block's bytes and (through the costs) whether zlib picks a
//! stored, fixed or dynamic block, so this follows zlib's procedure rather than any optimal one:
//! a binary heap ordered by (frequency, subtree depth), the "at least two codes" padding, and the
//! overflow repair that pushes over-long codes back under the limit in heap order.

/// One tree slot. Like zlib's `ct_data`, `dl` holds the parent index while the tree is built and
/// is then overwritten with the code length; the order of those writes matters for ties.
#[derive(Debug, Clone, Copy, Default)]
pub(super) struct Node {
    pub(super) freq: u16,
    pub(super) dl: u16,
}

/// The fixed facts about one of deflate's three alphabets.
pub(super) struct Alphabet {
    /// Number of leaf symbols.
    pub(super) elems: usize,
    /// Extra bits per symbol, starting at symbol `extra_base`.
    pub(super) extra_bits: &'static [u8],
    pub(super) extra_base: usize,
    pub(super) max_length: usize,
    /// Code lengths of the fixed-Huffman tree, to price the fixed block; none for bit-length codes.
    pub(super) fixed_lengths: Option<&'static [u8]>,
}

pub(super) const MAX_BITS: usize = 15;
/// Heap capacity: enough for the literal/length alphabet's leaves and internal nodes.
const HEAP_SIZE: usize = 2 * 286 + 1;

/// Shared state across the three trees of one block, as in zlib's `deflate_state`.
pub(super) struct TreeBuilder {
    heap: Vec<usize>,
    heap_len: usize,
    heap_max: usize,
    depth: Vec<u8>,
    bl_count: [u16; MAX_BITS + 1],
    /// Bit cost of the block with dynamic trees (excluding header bits added by the caller).
    pub(super) opt_len: i64,
    /// Bit cost of the block with the fixed trees.
    pub(super) static_len: i64,
}

impl TreeBuilder {
    pub(super) fn new() -> Self {
        Self {
            heap: vec![0; HEAP_SIZE],
            heap_len: 0,
            heap_max: HEAP_SIZE,
            depth: vec![0; HEAP_SIZE],
            bl_count: [0; MAX_BITS + 1],
            opt_len: 0,
            static_len: 0,
        }
    }

    /// Builds code lengths for `tree[..alphabet.elems]` from its frequencies, adding their costs.
    ///
    /// `tree` needs room for internal nodes (`2 * elems + 1` slots). Returns the largest symbol
    /// with a code; on return every leaf's `dl` is its code length (0 if unused).
    pub(super) fn build_tree(&mut self, tree: &mut [Node], alphabet: &Alphabet) -> usize {
        let elems = alphabet.elems;
        let mut max_code: Option<usize> = None;
        self.heap_len = 0;
        self.heap_max = HEAP_SIZE;

        for (n, leaf) in tree.iter_mut().enumerate().take(elems) {
            if leaf.freq != 0 {
                self.heap_len += 1;
                self.heap[self.heap_len] = n;
                max_code = Some(n);
                self.depth[n] = 0;
            } else {
                leaf.dl = 0;
            }
        }

        // The inflate format needs at least two codes: pad with symbols 0 and 1 (or 0) at
        // frequency 1, and take back the cost the padding will add.
        while self.heap_len < 2 {
            let (node, new_max) = match max_code {
                None => (0, 0),
                Some(m) if m < 2 => (m + 1, m + 1),
                Some(m) => (0, m),
            };
            max_code = Some(new_max);
            self.heap_len += 1;
            self.heap[self.heap_len] = node;
            tree[node].freq = 1;
            self.depth[node] = 0;
            self.opt_len -= 1;
            if let Some(fixed) = alphabet.fixed_lengths {
                self.static_len -= i64::from(fixed[node]);
            }
        }
        let max_code = max_code.unwrap_or(0);

        for k in (1..=self.heap_len / 2).rev() {
            self.sift_down(tree, k);
        }

        // Repeatedly join the two least frequent nodes under a new internal node.
        let mut node = elems;
        loop {
            let n = self.pop(tree);
            let m = self.heap[1];
            self.heap_max -= 1;
            self.heap[self.heap_max] = n;
            self.heap_max -= 1;
            self.heap[self.heap_max] = m;

            tree[node].freq = tree[n].freq.wrapping_add(tree[m].freq);
            self.depth[node] = self.depth[n].max(self.depth[m]) + 1;
            let parent = u16::try_from(node).unwrap_or(u16::MAX);
            tree[n].dl = parent;
            tree[m].dl = parent;

            self.heap[1] = node;
            node += 1;
            self.sift_down(tree, 1);
            if self.heap_len < 2 {
                break;
            }
        }
        self.heap_max -= 1;
        self.heap[self.heap_max] = self.heap[1];

        self.assign_lengths(tree, alphabet, max_code);
        max_code
    }

    /// zlib's "smaller": lower frequency first, then the shallower subtree.
    fn smaller(&self, tree: &[Node], n: usize, m: usize) -> bool {
        tree[n].freq < tree[m].freq
            || (tree[n].freq == tree[m].freq && self.depth[n] <= self.depth[m])
    }

    fn sift_down(&mut self, tree: &[Node], mut k: usize) {
        let v = self.heap[k];
        let mut j = k << 1;
        while j <= self.heap_len {
            if j < self.heap_len && self.smaller(tree, self.heap[j + 1], self.heap[j]) {
                j += 1;
            }
            if self.smaller(tree, v, self.heap[j]) {
                break;
            }
            self.heap[k] = self.heap[j];
            k = j;
            j <<= 1;
        }
        self.heap[k] = v;
    }

    fn pop(&mut self, tree: &[Node]) -> usize {
        let top = self.heap[1];
        self.heap[1] = self.heap[self.heap_len];
        self.heap_len -= 1;
        self.sift_down(tree, 1);
        top
    }

    /// zlib's `gen_bitlen`: depth-derived lengths, capped at `max_length`, then repaired.
    fn assign_lengths(&mut self, tree: &mut [Node], alphabet: &Alphabet, max_code: usize) {
        let max_length = alphabet.max_length;
        self.bl_count = [0; MAX_BITS + 1];
        let root = self.heap[self.heap_max];
        tree[root].dl = 0;

        let mut overflow = 0i32;
        let mut h = self.heap_max + 1;
        while h < HEAP_SIZE {
            let n = self.heap[h];
            h += 1;
            let mut bits = usize::from(tree[usize::from(tree[n].dl)].dl) + 1;
            if bits > max_length {
                bits = max_length;
                overflow += 1;
            }
            tree[n].dl = bits as u16;
            if n > max_code {
                continue; // internal node
            }
            self.bl_count[bits] += 1;
            let xbits = if n >= alphabet.extra_base {
                usize::from(alphabet.extra_bits[n - alphabet.extra_base])
            } else {
                0
            };
            let f = i64::from(tree[n].freq);
            self.opt_len += f * (bits + xbits) as i64;
            if let Some(fixed) = alphabet.fixed_lengths {
                self.static_len += f * (usize::from(fixed[n]) + xbits) as i64;
            }
        }
        if overflow == 0 {
            return;
        }

        // Move pairs of leaves down from the longest allowed length until the code is complete.
        loop {
            let mut bits = max_length - 1;
            while self.bl_count[bits] == 0 {
                bits -= 1;
            }
            self.bl_count[bits] -= 1;
            self.bl_count[bits + 1] += 2;
            self.bl_count[max_length] -= 1;
            overflow -= 2;
            if overflow <= 0 {
                break;
            }
        }
        // Hand the corrected lengths back out, longest first, in the heap's order.
        for bits in (1..=max_length).rev() {
            let mut n = self.bl_count[bits];
            while n != 0 {
                h -= 1;
                let m = self.heap[h];
                if m > max_code {
                    continue;
                }
                if usize::from(tree[m].dl) != bits {
                    self.opt_len += (bits as i64 - i64::from(tree[m].dl)) * i64::from(tree[m].freq);
                    tree[m].dl = bits as u16;
                }
                n -= 1;
            }
        }
    }
}

/// Canonical deflate codes for `lengths`, bit-reversed so they can be written LSB first.
pub(super) fn canonical_codes(lengths: &[u8]) -> Vec<u16> {
    let mut count = [0u16; MAX_BITS + 1];
    for &len in lengths {
        count[usize::from(len)] += 1;
    }
    count[0] = 0;
    let mut next = [0u16; MAX_BITS + 1];
    let mut code = 0u16;
    for bits in 1..=MAX_BITS {
        code = (code.wrapping_add(count[bits - 1])) << 1;
        next[bits] = code;
    }
    lengths
        .iter()
        .map(|&len| {
            if len == 0 {
                return 0;
            }
            let len = usize::from(len);
            let c = next[len];
            next[len] += 1;
            c.reverse_bits() >> (16 - len)
        })
        .collect()
}

/// One step of the run-length coding of a code-length sequence (deflate's symbols 0..=18).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum LengthCode {
    /// A literal code length 0..=15.
    Length(u8),
    /// Symbol 16: repeat the previous length 3..=6 times.
    RepeatPrevious(u8),
    /// Symbol 17: 3..=10 zeros.
    ZerosShort(u8),
    /// Symbol 18: 11..=138 zeros.
    ZerosLong(u8),
}

/// zlib's `scan_tree`/`send_tree` run-length coding of `lengths` (one alphabet's code lengths).
pub(super) fn run_length_code(lengths: &[u8]) -> Vec<LengthCode> {
    let mut out = Vec::new();
    let mut prevlen: Option<u8> = None;
    let mut count = 0usize;
    let first = lengths.first().copied().unwrap_or(0);
    let (mut max_count, mut min_count) = if first == 0 { (138, 3) } else { (7, 4) };
    for (n, &curlen) in lengths.iter().enumerate() {
        // A sentinel past the end (zlib writes 0xffff there) always ends the final run.
        let nextlen = lengths.get(n + 1).map(|&l| i32::from(l)).unwrap_or(-1);
        count += 1;
        if count < max_count && i32::from(curlen) == nextlen {
            continue;
        }
        if count < min_count {
            out.extend(std::iter::repeat_n(LengthCode::Length(curlen), count));
        } else if curlen != 0 {
            if Some(curlen) != prevlen {
                out.push(LengthCode::Length(curlen));
                count -= 1;
            }
            out.push(LengthCode::RepeatPrevious(count as u8));
        } else if count <= 10 {
            out.push(LengthCode::ZerosShort(count as u8));
        } else {
            out.push(LengthCode::ZerosLong(count as u8));
        }
        count = 0;
        prevlen = Some(curlen);
        (max_count, min_count) = if nextlen == 0 {
            (138, 3)
        } else if i32::from(curlen) == nextlen {
            (6, 3)
        } else {
            (7, 4)
        };
    }
    out
}

impl LengthCode {
    /// The symbol in the code-length alphabet.
    pub(super) fn symbol(self) -> usize {
        match self {
            LengthCode::Length(l) => usize::from(l),
            LengthCode::RepeatPrevious(_) => 16,
            LengthCode::ZerosShort(_) => 17,
            LengthCode::ZerosLong(_) => 18,
        }
    }

    /// The extra bits after the symbol: (value, bit count).
    pub(super) fn extra(self) -> (u32, u32) {
        match self {
            LengthCode::Length(_) => (0, 0),
            LengthCode::RepeatPrevious(n) => (u32::from(n) - 3, 2),
            LengthCode::ZerosShort(n) => (u32::from(n) - 3, 3),
            LengthCode::ZerosLong(n) => (u32::from(n) - 11, 7),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn canonical_codes_match_rfc1951_example() {
        // RFC 1951 §3.2.2: lengths (3,3,3,3,3,2,4,4) give codes 010,011,100,101,110,00,1110,1111.
        let codes = canonical_codes(&[3, 3, 3, 3, 3, 2, 4, 4]);
        let expected = [0b010, 0b011, 0b100, 0b101, 0b110, 0b00, 0b1110, 0b1111];
        let lens = [3, 3, 3, 3, 3, 2, 4, 4];
        for i in 0..8 {
            assert_eq!(
                codes[i],
                (expected[i] as u16).reverse_bits() >> (16 - lens[i])
            );
        }
    }

    #[test]
    fn run_length_coding_uses_repeats() {
        let lengths = [0u8, 0, 0, 0, 5, 5, 5, 5, 5, 2];
        assert_eq!(
            run_length_code(&lengths),
            vec![
                LengthCode::ZerosShort(4),
                LengthCode::Length(5),
                LengthCode::RepeatPrevious(4),
                LengthCode::Length(2),
            ]
        );
    }
}
