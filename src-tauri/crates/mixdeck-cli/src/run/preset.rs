//! `preset …`: the presets the app saves (start forms, transcoders, layouts), by kind and name.

use agora_rest::recording::{self as rec};
use mixdeck_core::store::{parse_preset_file, preset_file_text, PresetEntry};
use mixdeck_core::store::{Preset, PresetBody, PresetKind};

use super::Ctx;
use crate::args::*;
use crate::body;
use crate::fail::Failure;

pub(super) fn preset(ctx: &Ctx, cmd: PresetCmd) -> Result<(), Failure> {
    let store = ctx.engine.store();
    let core = |e: mixdeck_core::store::StoreError| Failure::Core(e.into());
    match cmd {
        PresetCmd::List { kind } => {
            let list = store.presets(kind.map(Into::into)).map_err(core)?;
            if ctx.json {
                ctx.print(&list);
            } else {
                for p in &list {
                    println!("{:<18} {}", p.body.kind().as_str(), p.name);
                }
            }
        }
        PresetCmd::Show { name, kind } => {
            ctx.print(&named_preset(ctx, kind.into(), &name)?.body.to_json())
        }
        PresetCmd::Save { name, kind, body } => {
            let value: serde_json::Value = body::read(&body)?;
            let template =
                PresetBody::read(kind.into(), value).map_err(|e| Failure::invalid(vec![e]))?;
            let saved = store.save_preset(&name, &template).map_err(core)?;
            if ctx.json {
                ctx.print(&saved);
            } else {
                println!(
                    "saved {} preset {:?}",
                    saved.body.kind().as_str(),
                    saved.name
                );
            }
        }
        PresetCmd::Export { kind, names, out } => {
            let entries: Vec<PresetEntry> = store
                .presets(kind.map(Into::into))
                .map_err(core)?
                .into_iter()
                .filter(|p| names.is_empty() || names.contains(&p.name))
                .map(PresetEntry::from)
                .collect();
            if entries.is_empty() {
                return Err(Failure::usage("no saved preset matches"));
            }
            let text = preset_file_text(&entries);
            match out {
                Some(path) => std::fs::write(&path, text)
                    .map_err(|e| Failure::usage(format!("cannot write {}: {e}", path.display())))?,
                None => print!("{text}"),
            }
        }
        PresetCmd::Import { file } => {
            let entries = parse_preset_file(&body::text(&file)?)
                .map_err(|e| Failure::usage(format!("{}: {e}", file.display())))?;
            store.import_presets(&entries).map_err(core)?;
            if ctx.json {
                ctx.print(&entries.iter().map(|e| &e.name).collect::<Vec<_>>());
            } else {
                println!("imported {} preset(s)", entries.len());
            }
        }
        PresetCmd::Delete { name, kind } => {
            let p = named_preset(ctx, kind.into(), &name)?;
            store.delete_preset(p.id).map_err(core)?;
            if !ctx.json {
                println!("deleted {} preset {:?}", p.body.kind().as_str(), p.name);
            }
        }
    }
    Ok(())
}

/// A layout preset saved in the app, by name (names are unique per kind).
pub(super) fn saved_layout(ctx: &Ctx, name: &str) -> Result<rec::LayoutSettings, Failure> {
    match named_preset(ctx, PresetKind::Layout, name)?.body {
        PresetBody::Layout(t) => Ok(t.layout),
        other => Err(Failure::usage(format!(
            "preset {name:?} is a {} preset, not a layout",
            other.kind().as_str()
        ))),
    }
}

/// A saved preset by kind and name (unique together); the error lists the names there are.
pub(super) fn named_preset(ctx: &Ctx, kind: PresetKind, name: &str) -> Result<Preset, Failure> {
    let presets = ctx
        .engine
        .store()
        .presets(Some(kind))
        .map_err(|e| Failure::Core(e.into()))?;
    let known: Vec<&str> = presets.iter().map(|p| p.name.as_str()).collect();
    let what = match kind {
        PresetKind::Layout => "layout",
        PresetKind::RecordingStart => "start-form preset",
        PresetKind::TranscodingCreate => "transcoder preset",
    };
    let message = format!(
        "no saved {what} named {name:?} (saved: {})",
        if known.is_empty() {
            "none".to_owned()
        } else {
            known.join(", ")
        }
    );
    presets
        .into_iter()
        .find(|p| p.name == name)
        .ok_or_else(|| Failure::usage(message))
}
