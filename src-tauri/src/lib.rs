//! The Mixdeck desktop app: Tauri wiring around `mixdeck-core`.

mod commands;
mod compositing;
mod engine;
pub mod error;
mod events;
mod logging;

use tauri::Manager;
use tauri_specta::{collect_commands, collect_events, Builder};

/// Where the generated TypeScript bindings live, committed next to the UI.
pub const BINDINGS_PATH: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/../ui/src/bindings.ts");

/// Every command and event the UI can use, declared once.
pub fn specta_builder() -> Builder<tauri::Wry> {
    Builder::<tauri::Wry>::new()
        .commands(collect_commands![
            commands::app::app_info,
            commands::app::window_interactive,
            commands::app::open_log_folder,
            commands::validation::validate_payload,
            commands::reference::storage_vendors,
            commands::profiles::list_profiles,
            commands::profiles::create_profile,
            commands::profiles::update_profile,
            commands::profiles::delete_profile,
            commands::profiles::set_secret,
            commands::profiles::clear_secret,
            commands::profiles::test_connection,
            commands::recording::begin_recording,
            commands::recording::query_recording,
            commands::recording::check_session,
            commands::recording::update_recording,
            commands::recording::update_layout,
            commands::recording::stop_recording,
            commands::transcoding::begin_transcoding,
            commands::transcoding::query_transcoding,
            commands::transcoding::update_transcoding,
            commands::transcoding::delete_transcoding,
            commands::transcoding::list_templates,
            commands::transcoding::preview_transcoding,
            commands::transcoding::save_template,
            commands::history::list_sessions,
            commands::history::session_detail,
            commands::history::session_timeline,
            commands::history::reconcile_sessions,
            commands::history::export_history,
            commands::history::delete_session,
            commands::history::rerun_plan,
            commands::history::history_retention,
            commands::history::set_history_retention,
            commands::history::history_retention_choices,
            commands::presets::list_presets,
            commands::presets::save_preset,
            commands::presets::delete_preset,
            commands::presets::import_presets,
            commands::presets::export_presets,
            commands::tokens::inspect_token,
            commands::recording::preview_recording,
            commands::profiles::sandbox_access,
            commands::validation::check_body,
            commands::reference::code_tables,
            commands::recovery::database_problem,
            commands::recovery::start_fresh_database,
            commands::images::preview_image,
            commands::recording::check_channel,
            commands::storage::check_storage,
            commands::storage::session_files,
            commands::storage::copy_presigned_link,
            commands::storage::download_file,
            commands::storage::reveal_download,
        ])
        .events(collect_events![events::EngineUpdate])
        // Facts about Agora the UI shows, from the definitions the validators use: TypeScript
        // imports them from the bindings instead of retyping them.
        .typ::<agora_rest::limits::Limit>()
        .constant(
            "RECORDING_FIELD_LIMITS",
            agora_rest::limits::recording_field_limits()
                .into_iter()
                .collect::<std::collections::BTreeMap<_, _>>(),
        )
        .constant("MAX_RECORDING_REGIONS", agora_rest::limits::MAX_REGIONS)
        .constant("MAX_SUBSCRIBE_UIDS", agora_rest::limits::MAX_SUBSCRIBE_UIDS)
        .constant("LAYOUT_KEYS", agora_rest::recording::LayoutSettings::KEYS)
        .constant("SECRET_KEYS", agora_rest::secret::SECRET_KEYS)
        .constant("REDACTED", agora_rest::secret::REDACTED)
        // The history's filters parse a route by these (the Rust enums' values, in order).
        .constant("SESSION_STATES", mixdeck_core::store::SessionState::ALL)
        .constant("SESSION_KINDS", mixdeck_core::store::SessionKind::ALL)
        // The domain areas with their labels, in the order a picker lists them.
        .constant(
            "AREAS",
            agora_rest::domain::Area::ALL
                .into_iter()
                .map(|a| (a, a.label()))
                .collect::<Vec<_>>(),
        )
        .constant("RECORDING_MODES", agora_rest::recording::Mode::ALL)
        .constant("FILE_SCHEME", commands::storage::FILE_SCHEME)
        .constant("PRESIGN_MIN_S", mixdeck_core::engine::PRESIGN_MIN_S)
        .constant("PRESIGN_MAX_S", mixdeck_core::engine::PRESIGN_MAX_S)
        .constant(
            "FILE_NAMING",
            agora_rest::recording::Mode::ALL
                .into_iter()
                .map(|m| (m, agora_rest::recording::file_names::naming_rule(m)))
                .collect::<std::collections::BTreeMap<_, _>>(),
        )
        .constant(
            "TRANSCODING_FIELD_LIMITS",
            agora_rest::limits::transcoding_field_limits()
                .into_iter()
                .collect::<std::collections::BTreeMap<_, _>>(),
        )
        .constant(
            "TRANSCODING_FIELD_NOTES",
            agora_rest::notes::transcoding_field_notes()
                .into_iter()
                .collect::<std::collections::BTreeMap<_, _>>(),
        )
        .constant(
            "RECORDING_FIELD_NOTES",
            agora_rest::notes::recording_field_notes()
                .into_iter()
                .collect::<std::collections::BTreeMap<_, _>>(),
        )
        // One TypeScript type per Rust type (optional fields widen), not _Serialize/_Deserialize pairs.
        .disable_serde_phases()
        // Timestamps are i64 milliseconds: exact as JS numbers up to 2^53.
        .dangerously_cast_bigints_to_number()
}

/// The exporter's settings, shared by the debug-build export and the staleness test.
pub fn typescript() -> specta_typescript::Typescript {
    specta_typescript::Typescript::default()
}

pub fn run() {
    commands::app::STARTED.get_or_init(std::time::Instant::now);
    let compositing = compositing::choose();
    let builder = specta_builder();

    // Debug builds keep the bindings fresh while developing; the `bindings_ts_is_fresh` test
    // guards what is committed.
    #[cfg(debug_assertions)]
    if std::path::Path::new(BINDINGS_PATH)
        .parent()
        .is_some_and(|d| d.is_dir())
    {
        if let Err(e) = builder.export(typescript(), BINDINGS_PATH) {
            eprintln!("mixdeck: could not export TypeScript bindings: {e}");
        }
    }

    let result = tauri::Builder::default()
        // Sent from Rust only (events.rs): the window needs no notification permission.
        .plugin(tauri_plugin_notification::init())
        // Preset export/import. The capability grants no fs scope: a path the user picks in an
        // open/save dialog is added to the fs scope (for this run) by the dialog plugin, so the
        // window can read or write exactly the files the user chose and nothing else.
        .plugin(tauri_plugin_dialog::init())
        .plugin(tauri_plugin_clipboard_manager::init())
        .plugin(tauri_plugin_fs::init())
        .register_asynchronous_uri_scheme_protocol(
            commands::storage::FILE_SCHEME,
            |ctx, request, responder| {
                let app = ctx.app_handle().clone();
                tauri::async_runtime::spawn(async move {
                    responder.respond(commands::storage::serve_file(app, request).await);
                });
            },
        )
        .invoke_handler(builder.invoke_handler())
        .setup(move |app| {
            let log_dir = app.path().app_log_dir()?;
            app.manage(logging::Flush::new(logging::init(&log_dir)));
            let data_dir = app.path().app_data_dir()?;
            mixdeck_core::paths::own_private_dir(&data_dir)?;
            // A database that will not open leaves the engine out and the window explaining why.
            let startup = engine::Startup::begin(app.handle(), &data_dir)?;
            app.manage(startup);
            tracing::info!(
                version = %app.package_info().version,
                data_dir = %data_dir.display(),
                log_dir = %log_dir.display(),
                ?compositing,
                "Mixdeck starting"
            );
            builder.mount_events(app);
            Ok(())
        })
        .build(tauri::generate_context!());
    match result {
        Ok(app) => app.run(on_run_event),
        Err(e) => {
            eprintln!("mixdeck: the app could not start: {e}");
            std::process::exit(1);
        }
    }
}

/// How long quitting waits for starts and stops on their way (the client's own deadline for a
/// synchronous stop is shorter).
const QUIT_WAIT: std::time::Duration = std::time::Duration::from_secs(45);

/// Quitting waits for billing calls in flight (their answers say whether a session runs), then
/// flushes the log.
fn on_run_event(app: &tauri::AppHandle, event: tauri::RunEvent) {
    match event {
        tauri::RunEvent::ExitRequested { api, .. } => {
            let Some(engine) = app.try_state::<mixdeck_core::Engine>() else {
                return;
            };
            let pending = engine.calls_in_flight();
            if pending == 0 {
                return;
            }
            api.prevent_exit();
            tracing::info!(pending, "waiting for calls on their way before quitting");
            let engine = engine.inner().clone();
            let app = app.clone();
            tauri::async_runtime::spawn(async move {
                if !engine.settle(QUIT_WAIT).await {
                    tracing::warn!(
                        pending = engine.calls_in_flight(),
                        "quitting with calls still unanswered: the next start reconciles them"
                    );
                }
                app.exit(0);
            });
        }
        tauri::RunEvent::Exit => {
            if let Some(flush) = app.try_state::<logging::Flush>() {
                flush.now();
            }
        }
        _ => {}
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Tauri's isolation pattern takes an argument object whose keys are all among `payload`,
    /// `nonce` and `contentType` for one of its own encrypted messages: such a call never ends.
    #[test]
    fn no_command_takes_arguments_the_isolation_pattern_mistakes_for_its_own() {
        let bindings = include_str!("../../ui/src/bindings.ts");
        for call in bindings.split("__TAURI_INVOKE").skip(1) {
            let Some((_, rest)) = call.split_once(", { ") else {
                continue;
            };
            let keys: Vec<&str> = rest
                .split_once(" })")
                .map_or("", |(k, _)| k)
                .split(',')
                .map(str::trim)
                .collect();
            assert!(
                !keys
                    .iter()
                    .all(|k| ["payload", "nonce", "contentType"].contains(k)),
                "a command's arguments look like an isolation message: {}",
                call.lines().next().unwrap_or_default()
            );
        }
    }

    /// Regenerates `ui/src/bindings.ts` when it is stale and fails, so `npm test` catches a Rust
    /// change whose bindings were not committed; a second run passes.
    #[test]
    fn bindings_ts_is_fresh() {
        let dir = tempfile::tempdir().unwrap();
        let fresh_path = dir.path().join("bindings.ts");
        specta_builder()
            .export(typescript(), &fresh_path)
            .expect("export bindings");
        let fresh = std::fs::read_to_string(&fresh_path).unwrap();
        let committed = std::fs::read_to_string(BINDINGS_PATH).unwrap_or_default();
        if fresh != committed {
            std::fs::write(BINDINGS_PATH, &fresh).unwrap();
            panic!("ui/src/bindings.ts was stale; it has been regenerated: review and commit it");
        }
    }

    /// The commands build.rs lists (the app manifest: one `allow-…` permission each).
    fn manifest_commands() -> Vec<String> {
        let build_rs = include_str!("../build.rs");
        let list = build_rs
            .split_once("const COMMANDS: &[&str] = &[")
            .and_then(|(_, rest)| rest.split_once("];"))
            .map(|(list, _)| list)
            .expect("build.rs declares COMMANDS");
        let mut names: Vec<String> = list
            .split(',')
            .map(|s| s.trim().trim_matches('"').to_owned())
            .filter(|s| !s.is_empty())
            .collect();
        names.sort();
        names
    }

    /// The commands the invoke handler registers (`collect_commands!` above).
    fn registered_commands() -> Vec<String> {
        let lib_rs = include_str!("lib.rs");
        let list = lib_rs
            .split_once("collect_commands![")
            .and_then(|(_, rest)| rest.split_once("])"))
            .map(|(list, _)| list)
            .expect("lib.rs registers its commands");
        let mut names: Vec<String> = list
            .split(',')
            .filter_map(|path| path.trim().rsplit("::").next())
            .filter(|s| !s.is_empty())
            .map(str::to_owned)
            .collect();
        names.sort();
        names
    }

    fn camel(command: &str) -> String {
        let mut out = String::new();
        let mut upper = false;
        for c in command.chars() {
            match (c, upper) {
                ('_', _) => upper = true,
                (c, true) => {
                    out.extend(c.to_uppercase());
                    upper = false;
                }
                (c, false) => out.push(c),
            }
        }
        out
    }

    /// Every TypeScript source of the UI except the generated bindings and the ipc wrappers.
    fn screen_sources() -> String {
        fn walk(dir: &std::path::Path, out: &mut String) {
            for entry in std::fs::read_dir(dir).unwrap().flatten() {
                let path = entry.path();
                let name = path.file_name().and_then(|n| n.to_str()).unwrap_or("");
                if path.is_dir() {
                    walk(&path, out);
                } else if (name.ends_with(".ts") || name.ends_with(".tsx"))
                    && !name.contains(".test.")
                    && name != "bindings.ts"
                    && name != "ipc.ts"
                {
                    out.push_str(&std::fs::read_to_string(&path).unwrap());
                }
            }
        }
        let mut out = String::new();
        walk(
            &std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../ui/src"),
            &mut out,
        );
        out
    }

    /// One list of commands: what lib.rs registers is what build.rs declares, and the main
    /// window is granted exactly the ones a screen calls (`api.<name>` outside `lib/ipc.ts`). A
    /// command no screen uses yet stays registered but ungranted until one does.
    #[test]
    fn one_list_of_commands_and_only_what_a_screen_calls_is_granted() {
        let manifest = manifest_commands();
        assert_eq!(
            registered_commands(),
            manifest,
            "collect_commands! in lib.rs and COMMANDS in build.rs must list the same commands"
        );
        let screens = screen_sources();
        let uses = |name: &str| {
            let needle = format!("api.{name}");
            screens.match_indices(&needle).any(|(at, _)| {
                !screens[at + needle.len()..].starts_with(|c: char| c.is_alphanumeric() || c == '_')
            })
        };
        let called: Vec<String> = manifest
            .iter()
            .filter(|c| uses(&camel(c)))
            .map(|c| format!("allow-{}", c.replace('_', "-")))
            .collect();
        let cap: serde_json::Value =
            serde_json::from_str(include_str!("../capabilities/main.json")).unwrap();
        assert_eq!(cap["windows"], serde_json::json!(["main"]));
        let mut granted: Vec<String> = cap["permissions"]
            .as_array()
            .unwrap()
            .iter()
            .filter_map(|p| p.as_str())
            .filter(|p| p.starts_with("allow-"))
            .map(str::to_owned)
            .collect();
        granted.sort();
        assert_eq!(
            granted, called,
            "capabilities/main.json must grant exactly the commands a screen calls"
        );
    }

    /// Facts Rust exports reach the UI through the bindings only: no TypeScript source retypes
    /// a documented range, a status label or an exported constant.
    #[test]
    fn the_ui_does_not_retype_what_rust_exports() {
        let ui = screen_sources();
        let mut found = Vec::new();
        for (path, limit) in agora_rest::limits::recording_field_limits() {
            if let (Some(min), Some(max)) = (limit.min, limit.max) {
                for range in [format!("{min}–{max}"), format!("{min}-{max}")] {
                    if ui.contains(&range) {
                        found.push(format!("the range of {path} ({range})"));
                    }
                }
            }
        }
        for (_, label) in agora_rest::codes::RecordingStatus::KNOWN {
            if label.len() >= 12 && ui.contains(label) {
                found.push(format!("the status label {label:?}"));
            }
        }
        for constant in [
            "MAX_RECORDING_REGIONS =",
            "MAX_SUBSCRIBE_UIDS =",
            "SECRET_KEYS =",
            "\"<redacted>\"",
            "\"mixdeck-presets\"",
        ] {
            if ui.contains(constant) {
                found.push(format!("{constant} (import it from bindings.ts)"));
            }
        }
        assert!(
            found.is_empty(),
            "the UI retypes facts Rust exports: {found:#?}"
        );
    }

    /// The CLI finds the app's data through mixdeck-core's identifier: it must be the app's.
    #[test]
    fn the_cli_and_the_app_name_the_same_data_directory() {
        let conf: serde_json::Value =
            serde_json::from_str(include_str!("../tauri.conf.json")).unwrap();
        assert_eq!(conf["identifier"], mixdeck_core::paths::APP_IDENTIFIER);
    }

    /// Beyond its own commands the window gets event listening and, for preset files, the two
    /// dialogs and text-file read/write, with no fs scope (a picked path is allowed by the dialog).
    #[test]
    fn the_main_window_gets_no_plugin_permission_beyond_what_it_uses() {
        let cap: serde_json::Value =
            serde_json::from_str(include_str!("../capabilities/main.json")).unwrap();
        let mut others: Vec<&str> = cap["permissions"]
            .as_array()
            .unwrap()
            .iter()
            .map(|p| {
                p.as_str()
                    .expect("permissions are plain identifiers, no scopes")
            })
            .filter(|p| !p.starts_with("allow-"))
            .collect();
        others.sort_unstable();
        assert_eq!(
            others,
            [
                "clipboard-manager:allow-write-text",
                "core:event:allow-listen",
                "core:event:allow-unlisten",
                "dialog:allow-open",
                "dialog:allow-save",
                "fs:allow-read-text-file",
                "fs:allow-write-text-file",
            ]
        );
    }
}
