// The app manifest lists every app command, so tauri-build generates an `allow-<command>` permission
// for each and a command is callable only where a capability grants it (see capabilities/main.json).
// `tests::one_list_of_commands_and_only_what_a_screen_calls_is_granted` (src/lib.rs) keeps this list,
// the invoke handler and the capability in step.
const COMMANDS: &[&str] = &[
    "app_info",
    "validate_payload",
    "storage_vendors",
    "list_profiles",
    "create_profile",
    "update_profile",
    "delete_profile",
    "set_secret",
    "clear_secret",
    "test_connection",
    "begin_recording",
    "query_recording",
    "check_session",
    "update_recording",
    "update_layout",
    "stop_recording",
    "begin_transcoding",
    "query_transcoding",
    "update_transcoding",
    "delete_transcoding",
    "list_templates",
    "preview_transcoding",
    "save_template",
    "list_sessions",
    "session_detail",
    "session_timeline",
    "reconcile_sessions",
    "export_history",
    "delete_session",
    "rerun_plan",
    "history_retention",
    "set_history_retention",
    "history_retention_choices",
    "list_presets",
    "save_preset",
    "delete_preset",
    "import_presets",
    "export_presets",
    "inspect_token",
    "preview_recording",
    "sandbox_access",
    "check_body",
    "code_tables",
    "database_problem",
    "start_fresh_database",
    "preview_image",
    "check_channel",
];

fn main() {
    tauri_build::try_build(
        tauri_build::Attributes::new()
            .app_manifest(tauri_build::AppManifest::new().commands(COMMANDS)),
    )
    .expect("tauri-build failed: see the message above");
}
