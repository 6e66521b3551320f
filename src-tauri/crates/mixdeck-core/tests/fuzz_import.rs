//! Property-based fuzzing of preset and layout import: the text of a preset file (the app's
//! Import button and `mixdeck-cli preset import` both go through `parse_preset_file` and
//! `Store::import_presets`) and the layout bodies a preset holds can be anything a user picks
//! or pastes. Whatever it is, parsing answers `Ok` or an error naming the entry, never panics;
//! an import is all or nothing (a refused one leaves the preset list exactly as it was); and an
//! export imports back to the same presets, into another store or into the same one (where it
//! changes nothing). 256 cases per property.

mod fuzz_support;

use agora_rest::recording::{self as rec, LayoutSettings};
use agora_rest::{redact_json, Uid};
use fuzz_support::{arb_json, arb_mutations};
use json_strategies::{config, keys_of, mutate};
use mixdeck_core::store::{
    parse_preset_file, preset_file_text, Preset, PresetBody, PresetEntry, PresetKind, Store,
    PRESET_FILE_FORMAT, PRESET_FILE_VERSION,
};
use proptest::prelude::*;
use proptest::test_runner::TestCaseError;
use serde_json::{json, Value};

// =============================================================================================
// Valid presets of every kind

/// Bodies as the forms and the layout editor save them, two or three per kind.
fn bases() -> Vec<(PresetKind, Value)> {
    vec![
        (
            PresetKind::Layout,
            json!({"canvas": {"width": 640, "height": 360}, "layout": {
            "mixedVideoLayout": 3, "backgroundColor": "#FF0000",
            "backgroundImage": "https://cdn.example.com/bg.jpg?sig=abc",
            "maxResolutionUid": "1001",
            "layoutConfig": [
                {"uid": "1001", "x_axis": 0.0, "y_axis": 0.0, "width": 0.5, "height": 0.5,
                 "alpha": 1.0, "render_mode": 0},
                {"uid": "1002", "x_axis": 0.5, "y_axis": 0.25, "width": 0.5, "height": 0.5,
                 "alpha": 0.8, "render_mode": 1},
                {"x_axis": 0.05, "y_axis": 0.7, "width": 0.25, "height": 0.25}
            ],
            "backgroundConfig": [
                {"uid": "1001", "image_url": "https://cdn.example.com/1001.jpg", "render_mode": 1}
            ]}}),
        ),
        (
            PresetKind::Layout,
            json!({"canvas": null, "layout": {"mixedVideoLayout": 1}}),
        ),
        (
            PresetKind::RecordingStart,
            json!({"mode": "mix", "acquire": {"resourceExpiredHour": 24}, "start": {
                "cname": "room-1", "uid": "527841", "clientRequest": {
                    "token": "rtc-token-secret",
                    "recordingConfig": {"channelType": 1, "maxIdleTime": 120,
                        "subscribeAudioUids": ["#allstream#"],
                        "transcodingConfig": {"width": 640, "height": 360, "fps": 15,
                                              "bitrate": 500, "mixedVideoLayout": 1}},
                    "recordingFileConfig": {"avFileType": ["hls", "mp4"]},
                    "storageConfig": {"vendor": 1, "region": 0, "bucket": "b",
                        "accessKey": "ak-secret", "secretKey": "sk-secret",
                        "fileNamePrefix": ["rec", "mix"]}}},
                "sendStartParameter": false, "generateToken": true, "retryCode65": true}),
        ),
        (
            PresetKind::RecordingStart,
            json!({"mode": "web", "start": {"cname": "", "uid": "", "clientRequest": {
                "extensionServiceConfig": {"errorHandlePolicy": "error_abort", "extensionServices": [
                    {"serviceName": "web_recorder_service", "errorHandlePolicy": "error_abort",
                     "serviceParam": {"url": "https://example.com/page?session=s3cr3t",
                        "audioProfile": 0, "videoWidth": 1280, "videoHeight": 720,
                        "maxRecordingHour": 2}}]}}}}),
        ),
        (
            PresetKind::TranscodingCreate,
            json!({"create": {"services": {"cloudTranscoder": {
                "serviceType": "cloudTranscoderV2", "config": {"transcoder": {
                    "idleTimeout": 300,
                    "audioInputs": [{"rtc": {"rtcChannel": "in", "rtcUid": 0, "rtcToken": "in-token"}}],
                    "canvas": {"width": 640, "height": 360},
                    "outputs": [{"rtc": {"rtcChannel": "out", "rtcUid": 9},
                                 "videoOption": {"width": 640, "height": 360, "bitrate": 400}}]}}}}},
                "generateTokens": false}),
        ),
        (
            PresetKind::TranscodingCreate,
            json!({"create": {"services": {"cloudTranscoder": {"serviceType": "cloudTranscoderV2", "config": {"transcoder": {
                "outputs": [{"streamUrl": "rtmp://cdn.example.com/live/stream-key"}]}}}}}}),
        ),
    ]
}

fn body_keys() -> Vec<String> {
    let mut values: Vec<Value> = bases().into_iter().map(|(_, v)| v).collect();
    values.push(
        json!({"format": PRESET_FILE_FORMAT, "version": 1, "presets": [
        {"kind": "layout", "name": "n", "body": {}}]}),
    );
    keys_of(&values)
}

#[test]
fn every_base_body_reads_as_its_kind() {
    for (kind, v) in bases() {
        let body = PresetBody::read(kind, v.clone()).unwrap_or_else(|e| panic!("{e}: {v}"));
        assert_eq!(body.kind(), kind);
    }
}

/// A valid body: a base one, edited where the edit still fits its kind.
fn arb_body() -> BoxedStrategy<PresetBody> {
    let bases = bases();
    let n = bases.len();
    (0..n, arb_mutations(body_keys()))
        .prop_map(move |(i, ms)| {
            let (kind, base) = bases[i].clone();
            PresetBody::read(kind, mutate(base.clone(), &ms))
                .or_else(|_| PresetBody::read(kind, base))
                .expect("a base body reads")
        })
        .boxed()
}

/// Names from a small pool (so files and stores share some), with spaces around them at times.
fn arb_name() -> BoxedStrategy<String> {
    prop_oneof![
        3 => prop::sample::select(&["Grid", "Mix 720p", "grid", "Web", "Relay", "Grid (imported)"][..])
            .prop_map(str::to_owned),
        1 => "[A-Za-z][A-Za-z0-9 ()_.-]{0,14}",
        1 => prop::sample::select(&[" Grid", "Grid  ", "\tWeb\n"][..]).prop_map(str::to_owned),
    ]
    .boxed()
}

fn arb_entry() -> BoxedStrategy<PresetEntry> {
    (arb_name(), arb_body())
        .prop_map(|(name, body)| PresetEntry { name, body })
        .boxed()
}

fn arb_entries() -> BoxedStrategy<Vec<PresetEntry>> {
    prop::collection::vec(arb_entry(), 1..5).boxed()
}

/// A store already holding some presets, as a user's would.
fn seeded(existing: &[PresetEntry]) -> Store {
    let store = Store::in_memory().expect("an in-memory store");
    for e in existing {
        store
            .save_preset(&e.name, &e.body)
            .expect("a valid preset saves");
    }
    store
}

/// The presets by kind and name, with their bodies (ids and times left out): what a user sees.
fn listing(store: &Store) -> Vec<(PresetKind, String, Value)> {
    let mut list: Vec<_> = store
        .presets(None)
        .expect("presets list")
        .into_iter()
        .map(|p| (p.body.kind(), p.name.clone(), p.body.to_json()))
        .collect();
    list.sort_by(|a, b| (a.0.as_str(), &a.1).cmp(&(b.0.as_str(), &b.1)));
    list
}

/// Everything about the presets, times included: a refused import must not touch any of it.
fn snapshot(store: &Store) -> Vec<Preset> {
    store.presets(None).expect("presets list")
}

/// The body as the store keeps it.
fn stored(body: &PresetBody) -> Value {
    redact_json(&body.to_json())
}

/// After `import_presets(entries)` succeeded on a store that held `before`: nothing that was
/// there changed, each entry is there under its name or a "(imported …)" one, with its
/// (redacted) body, and no more presets came than there were entries.
fn check_imported(
    before: &[Preset],
    after: &[Preset],
    entries: &[PresetEntry],
    saved: &[Preset],
) -> Result<(), TestCaseError> {
    prop_assert_eq!(saved.len(), entries.len());
    prop_assert!(after.len() <= before.len() + entries.len());
    for old in before {
        let now = after.iter().find(|p| p.id == old.id);
        prop_assert!(now.is_some(), "preset {:?} disappeared", old.name);
        let now = now.expect("checked");
        prop_assert_eq!(&now.name, &old.name);
        prop_assert_eq!(&now.body, &old.body, "preset {:?} was replaced", old.name);
    }
    for (e, s) in entries.iter().zip(saved) {
        let name = e.name.trim();
        prop_assert!(
            s.name == name || s.name.starts_with(&format!("{name} (imported")),
            "{:?} saved as {:?}",
            name,
            s.name
        );
        prop_assert_eq!(s.body.kind(), e.body.kind());
        prop_assert_eq!(s.body.to_json(), stored(&e.body), "{:?}", name);
        prop_assert!(after.iter().any(|p| p.id == s.id && p.body == s.body));
    }
    Ok(())
}

// =============================================================================================
// Layout bodies

/// The layout decoders on one value: a layout preset's body, the bare updateLayout
/// clientRequest (the editor's export) and the whole body; when one reads, the rules run on it.
fn exercise_layout(value: &Value) -> Result<(), TestCaseError> {
    if let Ok(PresetBody::Layout(t)) = PresetBody::read(PresetKind::Layout, value.clone()) {
        // As written for the wire (the shown form redacts URLs, so it reads back different).
        let wire = agora_rest::reveal(|| PresetBody::Layout(t.clone()).to_json());
        let again = PresetBody::read(PresetKind::Layout, wire);
        prop_assert_eq!(again.ok(), Some(PresetBody::Layout(t.clone())));
        let body = rec::Envelope::new("room", Uid::from("527841"), t.layout);
        let _ = rec::ops::check_update_layout(&body);
    }
    let inner = value
        .get("layout")
        .cloned()
        .unwrap_or_else(|| value.clone());
    match mixdeck_core::body::decode::<LayoutSettings>(inner, "a layout") {
        Ok(layout) => {
            let body = rec::Envelope::new("room", Uid::from("527841"), layout);
            for e in rec::ops::check_update_layout(&body) {
                prop_assert!(!e.message.trim().is_empty(), "{:?}", e);
            }
        }
        Err(e) => prop_assert!(!e.message.trim().is_empty(), "{:?}", e),
    }
    if let Err(e) = mixdeck_core::body::decode::<rec::UpdateLayoutRequest>(value.clone(), "a body")
    {
        prop_assert!(!e.message.trim().is_empty(), "{:?}", e);
    }
    Ok(())
}

fn file_of(presets: Vec<Value>) -> Value {
    json!({"format": PRESET_FILE_FORMAT, "version": PRESET_FILE_VERSION, "presets": presets})
}

fn entry_json(kind: &str, name: Value, body: Value) -> Value {
    json!({"kind": kind, "name": name, "body": body})
}

// =============================================================================================
// Properties

proptest! {
    #![proptest_config(config(256))]

    /// Any text at all: parsed, or refused with a reason; what parses is a list of named,
    /// typed presets that export and parse back to themselves.
    #[test]
    fn any_text_parses_or_is_refused_with_a_reason(
        text in prop_oneof![
            any::<String>(),
            "[ {}\\[\\]\":,a-z0-9]{0,60}",
            arb_json(body_keys()).prop_map(|v| v.to_string()),
            arb_json(body_keys()).prop_map(|v| file_of(vec![v]).to_string()),
            (prop::sample::select(&["layout", "recordingStart", "transcodingCreate", "other"][..]),
             arb_json(body_keys()), arb_json(body_keys()))
                .prop_map(|(k, name, body)| file_of(vec![entry_json(k, name, body)]).to_string()),
        ]
    ) {
        match parse_preset_file(&text) {
            Err(message) => prop_assert!(!message.trim().is_empty()),
            Ok(entries) => {
                prop_assert!(!entries.is_empty());
                for e in &entries {
                    prop_assert!(!e.name.is_empty() && e.name.trim() == e.name, "{:?}", e.name);
                }
                let again = parse_preset_file(&preset_file_text(&entries));
                prop_assert_eq!(again.as_ref(), Ok(&entries));
            }
        }
    }

    /// A real export with one to three edits anywhere in it: refused (and nothing imported),
    /// or imported entirely (and nothing that was there changed).
    #[test]
    fn edited_preset_files_import_entirely_or_not_at_all(
        existing in arb_entries(),
        entries in arb_entries(),
        mutations in arb_mutations(body_keys()),
        target in prop_oneof![1 => Just(None), 2 => Just(Some(None)), 7 => any::<usize>().prop_map(|i| Some(Some(i)))],
    ) {
        let store = seeded(&existing);
        let before = snapshot(&store);
        let mut file: Value = serde_json::from_str(&preset_file_text(&entries)).expect("JSON");
        // Mostly inside one entry's body (where a user's edits and a newer build's fields land),
        // sometimes anywhere in the list of entries or in the whole file.
        match target {
            None => file = mutate(file, &mutations),
            Some(None) => file["presets"] = mutate(file["presets"].take(), &mutations),
            Some(Some(i)) => {
                let body = &mut file["presets"][i % entries.len()]["body"];
                *body = mutate(body.take(), &mutations);
            }
        }
        let text = file.to_string();
        match parse_preset_file(&text) {
            Err(message) => {
                prop_assert!(!message.trim().is_empty());
                prop_assert_eq!(snapshot(&store), before);
            }
            Ok(parsed) => match store.import_presets(&parsed) {
                Ok(saved) => check_imported(&before, &snapshot(&store), &parsed, &saved)?,
                Err(e) => {
                    prop_assert!(!e.to_string().is_empty());
                    prop_assert_eq!(snapshot(&store), before, "a refused import left presets: {}", e);
                }
            },
        }
    }

    /// One bad entry anywhere among good ones: the file is refused, the message names that
    /// entry (`presets.N…`), and the store is untouched. Handed to `import_presets` directly, an
    /// entry without a name fails the import half-way, which is rolled back.
    #[test]
    fn one_bad_entry_refuses_the_whole_file_and_is_named(
        existing in arb_entries(),
        entries in arb_entries(),
        at in any::<usize>(),
        bad in prop_oneof![
            Just(("kind", json!({"kind": "recording", "name": "x", "body": {}}))),
            Just(("kind", json!({"name": "x", "body": {}}))),
            Just(("name", json!({"kind": "layout", "name": "  ", "body": {"layout": {}}}))),
            Just(("name", json!({"kind": "layout", "name": 7, "body": {"layout": {}}}))),
            Just(("body", json!({"kind": "layout", "name": "x", "body": 5}))),
            Just(("body", json!({"kind": "transcodingCreate", "name": "x", "body": {"layout": {}}}))),
            (0..bases().len(), arb_mutations(body_keys())).prop_filter_map(
                "an edit that no longer fits its kind",
                |(i, ms)| {
                    let (kind, base) = bases().swap_remove(i);
                    let body = mutate(base, &ms);
                    PresetBody::read(kind, body.clone()).is_err().then(|| {
                        ("body", json!({"kind": kind.as_str(), "name": "x", "body": body}))
                    })
                }
            ),
        ],
    ) {
        let store = seeded(&existing);
        let before = snapshot(&store);
        let (field, bad) = bad;
        let mut list: Vec<Value> = entries.iter().map(|e| serde_json::to_value(e).expect("JSON")).collect();
        let i = at % (list.len() + 1);
        list.insert(i, bad);
        let message = parse_preset_file(&file_of(list).to_string())
            .expect_err("a file with a bad entry is refused");
        prop_assert!(message.starts_with(&format!("presets.{i}.{field}")), "{}", message);
        prop_assert_eq!(&snapshot(&store), &before);

        let mut direct = entries.clone();
        direct.insert(at % (entries.len() + 1), PresetEntry { name: " \t".into(), body: entries[0].body.clone() });
        prop_assert!(store.import_presets(&direct).is_err());
        prop_assert_eq!(snapshot(&store), before, "a half-done import was kept");
    }

    /// What one store exports, another imports to the same presets, and the same store imports
    /// without any change (no "(imported)" copies, no lost preset).
    #[test]
    fn an_export_imports_back_to_the_same_presets(
        existing in arb_entries(),
        entries in arb_entries(),
    ) {
        let a = seeded(&existing);
        a.import_presets(&entries).map_err(|e| TestCaseError::fail(e.to_string()))?;
        let exported: Vec<PresetEntry> = a.presets(None).expect("list").into_iter().map(PresetEntry::from).collect();
        let text = preset_file_text(&exported);
        let parsed = parse_preset_file(&text).map_err(TestCaseError::fail)?;
        prop_assert_eq!(&parsed, &exported);

        let b = Store::in_memory().expect("a store");
        b.import_presets(&parsed).map_err(|e| TestCaseError::fail(e.to_string()))?;
        prop_assert_eq!(listing(&b), listing(&a));
        let b_exported: Vec<PresetEntry> = b.presets(None).expect("list").into_iter().map(PresetEntry::from).collect();
        prop_assert_eq!(preset_file_text(&b_exported), text);

        let before = listing(&a);
        a.import_presets(&parsed).map_err(|e| TestCaseError::fail(e.to_string()))?;
        prop_assert_eq!(listing(&a), before, "re-importing an export changed the presets");
    }

    /// A layout drawn in the editor has coordinates like 0.30000000000000004: it saves, exports
    /// and imports back as the same preset (a float that did not survive the database's JSON
    /// text would make the re-import a "(imported)" copy).
    #[test]
    fn layouts_with_any_coordinates_export_and_import_unchanged(
        regions in prop::collection::vec(
            (0.0f64..1.0, 0.0f64..1.0, 0.0f64..1.0, 0.0f64..1.0, prop::option::of(0.0f64..1.0)),
            1..6,
        ),
    ) {
        let layout_config: Vec<Value> = regions
            .iter()
            .map(|(x, y, w, h, a)| json!({"x_axis": x, "y_axis": y, "width": w, "height": h, "alpha": a}))
            .collect();
        let body = PresetBody::read(
            PresetKind::Layout,
            json!({"canvas": {"width": 1280, "height": 720}, "layout": {"layoutConfig": layout_config}}),
        )
        .map_err(|e| TestCaseError::fail(e.to_string()))?;
        let store = Store::in_memory().expect("a store");
        let saved = store.save_preset("Drawn", &body).map_err(|e| TestCaseError::fail(e.to_string()))?;
        prop_assert_eq!(&saved.body, &body, "the saved layout is not the one drawn");
        let text = preset_file_text(&[PresetEntry::from(saved.clone())]);
        let parsed = parse_preset_file(&text).map_err(TestCaseError::fail)?;
        let again = store.import_presets(&parsed).map_err(|e| TestCaseError::fail(e.to_string()))?;
        prop_assert_eq!(&again[0].name, "Drawn", "the re-import made a copy");
        prop_assert_eq!(store.presets(None).expect("list").len(), 1);
        let other = Store::in_memory().expect("a store");
        let there = other.import_presets(&parsed).map_err(|e| TestCaseError::fail(e.to_string()))?;
        prop_assert_eq!(&there[0].body, &saved.body, "another store read the export differently");
    }

    /// Layout bodies, arbitrary and edited from real ones, through every layout decoder.
    #[test]
    fn layout_bodies_decode_or_err(
        value in prop_oneof![
            arb_json(body_keys()),
            (0..2usize, arb_mutations(body_keys())).prop_map(|(i, ms)| mutate(bases()[i].1.clone(), &ms)),
            (0..2usize, arb_mutations(body_keys()))
                .prop_map(|(i, ms)| mutate(bases()[i].1["layout"].clone(), &ms)),
            (0..2usize, arb_mutations(body_keys())).prop_map(|(i, ms)| mutate(
                json!({"cname": "room", "uid": "1", "clientRequest": bases()[i].1["layout"].clone()}),
                &ms,
            )),
        ]
    ) {
        exercise_layout(&value)?;
    }
}

/// Found by `layouts_with_any_coordinates_export_and_import_unchanged`: a coordinate of
/// 0.9969282627436065 once read back from the database as …064 (serde_json parses every float
/// to the nearest double only with its `float_roundtrip` feature, on since).
#[test]
fn a_saved_layout_keeps_its_coordinates_exactly() {
    let body = PresetBody::read(
        PresetKind::Layout,
        json!({"canvas": null, "layout": {"layoutConfig": [
            {"x_axis": 0.0, "y_axis": 0.0, "width": 0.5, "height": 0.9969282627436065}]}}),
    )
    .unwrap();
    let saved = Store::in_memory()
        .unwrap()
        .save_preset("Drawn", &body)
        .unwrap();
    assert_eq!(saved.body, body);
}
