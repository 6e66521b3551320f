//! zlib's level-6 LZ77 pass ("deflate_slow": hash chains with lazy matching).
//!
//! Every rule below exists in zlib and changes which matches it emits, so each is kept even where
//! it looks arbitrary: position 0 doubles as the empty-chain marker and so is never a match
//! candidate; bytes 0 and 1 plus the two bytes at the current best length are checked before a
//! full compare; byte 2 is never compared (equal hashes imply it); a 3-byte match farther than
//! 4096 bytes is dropped; the search is cut to a quarter once the previous match is "good"; and
//! comparisons may run past the input into zero padding, as zlib's window is zeroed there.

/// One LZ77 output symbol, as zlib tallies it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Symbol {
    Literal(u8),
    /// `length` is 3..=258, `distance` is 1..=32768.
    Match {
        length: u16,
        distance: u16,
    },
}

const MIN_MATCH: usize = 3;
const MAX_MATCH: usize = 258;
/// zlib keeps this much lookahead before it searches; it bounds match distances via `MAX_DIST`.
const MIN_LOOKAHEAD: usize = MAX_MATCH + MIN_MATCH + 1;
const WINDOW_BITS: u32 = 15;
const WINDOW_SIZE: usize = 1 << WINDOW_BITS;
const WINDOW_MASK: usize = WINDOW_SIZE - 1;
const MAX_DIST: usize = WINDOW_SIZE - MIN_LOOKAHEAD;
/// Default `memLevel` 8 gives 15 hash bits; the shift makes a hash cover exactly 3 bytes.
const HASH_BITS: u32 = 15;
const HASH_MASK: usize = (1 << HASH_BITS) - 1;
const HASH_SHIFT: u32 = HASH_BITS.div_ceil(MIN_MATCH as u32);
/// Matches of length 3 farther than this cost more than literals.
const TOO_FAR: usize = 4096;
/// The empty-chain marker; also position 0, which therefore never matches.
const NIL: usize = 0;

// zlib's configuration_table entry for level 6.
const GOOD_LENGTH: usize = 8;
const MAX_LAZY: usize = 16;
const NICE_LENGTH: usize = 128;
const MAX_CHAIN: usize = 128;

/// Runs the LZ77 pass over the whole of `input` (which must fit in one zlib block).
pub(super) fn tokenize(input: &[u8]) -> Vec<Symbol> {
    Matcher::new(input).run()
}

struct Matcher {
    /// The input followed by `MAX_MATCH` zeros: zlib zeroes that much past the data and its
    /// match loop may read (and count) those bytes before clamping to the lookahead.
    window: Vec<u8>,
    head: Vec<usize>,
    prev: Vec<usize>,
    ins_h: usize,
    strstart: usize,
    lookahead: usize,
    match_start: usize,
    out: Vec<Symbol>,
}

impl Matcher {
    fn new(input: &[u8]) -> Self {
        let mut window = Vec::with_capacity(input.len() + MAX_MATCH);
        window.extend_from_slice(input);
        window.resize(input.len() + MAX_MATCH, 0);
        let mut ins_h = 0;
        if input.len() >= MIN_MATCH {
            // zlib primes the rolling hash with the first two bytes when the window is filled.
            ins_h = usize::from(window[0]);
            ins_h = ((ins_h << HASH_SHIFT) ^ usize::from(window[1])) & HASH_MASK;
        }
        Self {
            window,
            head: vec![NIL; 1 << HASH_BITS],
            prev: vec![NIL; WINDOW_SIZE],
            ins_h,
            strstart: 0,
            lookahead: input.len(),
            match_start: 0,
            out: Vec::new(),
        }
    }

    /// Adds the string at `pos` to its hash chain; returns the previous chain head.
    fn insert_string(&mut self, pos: usize) -> usize {
        self.ins_h = ((self.ins_h << HASH_SHIFT) ^ usize::from(self.window[pos + MIN_MATCH - 1]))
            & HASH_MASK;
        let head = self.head[self.ins_h];
        self.prev[pos & WINDOW_MASK] = head;
        self.head[self.ins_h] = pos;
        head
    }

    fn run(mut self) -> Vec<Symbol> {
        let mut match_length = MIN_MATCH - 1;
        let mut match_available = false;
        while self.lookahead > 0 {
            let mut hash_head = NIL;
            if self.lookahead >= MIN_MATCH {
                hash_head = self.insert_string(self.strstart);
            }
            let prev_length = match_length;
            let prev_match = self.match_start;
            match_length = MIN_MATCH - 1;

            if hash_head != NIL && prev_length < MAX_LAZY && self.strstart - hash_head <= MAX_DIST {
                match_length = self.longest_match(hash_head, prev_length);
                if match_length == MIN_MATCH && self.strstart - self.match_start > TOO_FAR {
                    match_length = MIN_MATCH - 1;
                }
            }

            if prev_length >= MIN_MATCH && match_length <= prev_length {
                // The match found one byte earlier is at least as long: emit it.
                let max_insert = self.strstart + self.lookahead - MIN_MATCH;
                self.out.push(Symbol::Match {
                    length: as_u16(prev_length),
                    distance: as_u16(self.strstart - 1 - prev_match),
                });
                self.lookahead -= prev_length - 1;
                for _ in 0..prev_length - 2 {
                    self.strstart += 1;
                    if self.strstart <= max_insert {
                        self.insert_string(self.strstart);
                    }
                }
                match_available = false;
                match_length = MIN_MATCH - 1;
                self.strstart += 1;
            } else if match_available {
                // No better match here: the previous byte goes out as a literal.
                self.out
                    .push(Symbol::Literal(self.window[self.strstart - 1]));
                self.strstart += 1;
                self.lookahead -= 1;
            } else {
                // Defer this byte one step in case the next position matches better.
                match_available = true;
                self.strstart += 1;
                self.lookahead -= 1;
            }
        }
        if match_available {
            self.out
                .push(Symbol::Literal(self.window[self.strstart - 1]));
        }
        self.out
    }

    /// Walks the hash chain from `cur_match` for a match longer than `prev_length`.
    ///
    /// Updates `match_start` only on improvement; returns the best length, clamped to the input.
    fn longest_match(&mut self, mut cur_match: usize, prev_length: usize) -> usize {
        let w = &self.window;
        let scan = self.strstart;
        let mut chain_length = MAX_CHAIN;
        let mut best_len = prev_length;
        let nice_match = NICE_LENGTH.min(self.lookahead);
        let limit = self.strstart.saturating_sub(MAX_DIST);
        let mut scan_end1 = w[scan + best_len - 1];
        let mut scan_end = w[scan + best_len];
        if prev_length >= GOOD_LENGTH {
            chain_length >>= 2;
        }
        loop {
            let m = cur_match;
            if w[m + best_len] == scan_end
                && w[m + best_len - 1] == scan_end1
                && w[m] == w[scan]
                && w[m + 1] == w[scan + 1]
            {
                let mut len = MIN_MATCH;
                while len < MAX_MATCH && w[scan + len] == w[m + len] {
                    len += 1;
                }
                if len > best_len {
                    self.match_start = cur_match;
                    best_len = len;
                    if len >= nice_match {
                        break;
                    }
                    scan_end1 = w[scan + best_len - 1];
                    scan_end = w[scan + best_len];
                }
            }
            cur_match = self.prev[cur_match & WINDOW_MASK];
            if cur_match <= limit {
                break;
            }
            chain_length -= 1;
            if chain_length == 0 {
                break;
            }
        }
        best_len.min(self.lookahead)
    }
}

/// Lengths (≤ 258) and distances (< 16 Ki, the input cap) always fit.
fn as_u16(n: usize) -> u16 {
    u16::try_from(n).unwrap_or(u16::MAX)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn short_input_is_all_literals() {
        assert_eq!(
            tokenize(b"ab"),
            vec![Symbol::Literal(b'a'), Symbol::Literal(b'b')]
        );
    }

    fn expand(symbols: &[Symbol]) -> Vec<u8> {
        let mut out: Vec<u8> = Vec::new();
        for &s in symbols {
            match s {
                Symbol::Literal(b) => out.push(b),
                Symbol::Match { length, distance } => {
                    for _ in 0..length {
                        out.push(out[out.len() - usize::from(distance)]);
                    }
                }
            }
        }
        out
    }

    #[test]
    fn repeats_become_matches_that_expand_back() {
        let input = b"xabcabcabcabcabc";
        let symbols = tokenize(input);
        assert!(symbols.iter().any(|s| matches!(s, Symbol::Match { .. })));
        assert_eq!(expand(&symbols), input);
    }

    #[test]
    fn position_zero_is_never_a_match_source() {
        // zlib uses 0 as the empty-chain marker, so "abcabc" is six literals.
        assert!(tokenize(b"abcabc")
            .iter()
            .all(|s| matches!(s, Symbol::Literal(_))));
    }

    proptest::proptest! {
        #[test]
        fn symbols_expand_to_input(input in proptest::collection::vec(0u8..4, 0..3000)) {
            proptest::prop_assert_eq!(expand(&tokenize(&input)), input);
        }
    }
}
