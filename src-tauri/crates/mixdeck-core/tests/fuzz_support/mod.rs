//! The vocabulary of mixdeck's bodies for json-strategies' generators, shared by the
//! property-based fuzz tests of mixdeck-core (`fuzz_import`, `fuzz_ipc`) and mixdeck-cli
//! (`fuzz_body`, through `#[path]`): JSON built from a type's own field names, and edits of
//! valid values at any depth.
#![allow(dead_code)]

use json_strategies::{arb_decimal, arb_key, arb_text, Edits, JsonGen, Mutation, Weights};
use proptest::prelude::*;
use serde_json::Value;

const EDGES: [i64; 13] = [
    0,
    1,
    -1,
    255,
    256,
    65535,
    65536,
    u32::MAX as i64,
    u32::MAX as i64 + 1,
    i32::MAX as i64,
    i32::MIN as i64,
    i64::MAX,
    i64::MIN,
];

/// Numbers at the edges of every integer type the bodies use, and plain ones.
pub fn arb_number() -> BoxedStrategy<Value> {
    prop_oneof![
        3 => (-5i64..400).prop_map(Value::from),
        1 => prop::sample::select(EDGES.to_vec()).prop_map(Value::from),
        1 => Just(Value::from(u64::MAX)),
        1 => any::<i64>().prop_map(Value::from),
        1 => arb_decimal(6),
        1 => (0.0f64..1.0).prop_map(Value::from),
        1 => Just(Value::from(1e300)),
    ]
    .boxed()
}

/// Strings mixdeck's bodies hold (ids, modes, kinds, colors, URLs, the redaction marker),
/// short random ones and ones over the length limits.
pub fn arb_string() -> BoxedStrategy<String> {
    prop_oneof![
        4 => "[a-zA-Z0-9 _#./:()-]{0,12}",
        1 => prop::sample::select(&[
            "", " ", "0", "527841", "#allstream#", "mix", "web", "individual", "layout",
            "recordingStart", "transcodingCreate", "hls", "mp4", "jpg", "#FF0000",
            "https://cdn.example.com/a.jpg", "rtmp://cdn.example.com/live/key",
            "<redacted>", "cloudTranscoderV2", "mixdeck-presets", "%_\\\"'",
        ][..])
        .prop_map(str::to_owned),
        1 => arb_text(12),
        1 => (60usize..80).prop_map(|n| "x".repeat(n)),
    ]
    .boxed()
}

/// JSON whose objects use `keys` (a type's own field names) four times in five.
pub fn arb_json(keys: Vec<String>) -> BoxedStrategy<Value> {
    json_gen(keys).values()
}

/// One to three edits of a JSON tree, at depths up to six: mostly changes within a value's type
/// (what a form would make), then replaced and retyped values, removed and inserted entries
/// (keys from `keys` three times in four).
pub fn arb_mutations(keys: Vec<String>) -> BoxedStrategy<Vec<Mutation>> {
    let edits = Edits {
        path_len: 7,
        weights: Weights {
            replace: 2,
            remove: 1,
            insert: 1,
            retype: 2,
            tweak: 4,
        },
        insert_keys: Some(arb_key(keys.clone(), 3, 10)),
    };
    prop::collection::vec(json_gen(keys).mutation(&edits), 1..4).boxed()
}

fn json_gen(keys: Vec<String>) -> JsonGen {
    JsonGen::new(arb_key(keys, 4, 10), arb_string(), arb_number())
}
