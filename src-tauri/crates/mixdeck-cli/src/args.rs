//! The command line, declared once with clap.

use std::path::PathBuf;

use agora_rest::recording::Mode;
use clap::{Args, Parser, Subcommand, ValueEnum};
use mixdeck_core::store::PresetKind;

/// Mixdeck from the command line: Agora Cloud Recording and Cloud Transcoding, scriptable.
/// Shares profiles and history with the Mixdeck app.
#[derive(Debug, Parser)]
#[command(name = "mixdeck-cli", version, about, propagate_version = true)]
pub struct Cli {
    /// The profile to use (default: $MIXDECK_PROFILE, else the built-in Sandbox).
    #[arg(long, global = true, env = "MIXDECK_PROFILE")]
    pub profile: Option<String>,
    /// Send to this base URL instead of a profile's hosts (credentials from
    /// MIXDECK_CUSTOMER_ID / MIXDECK_CUSTOMER_SECRET; history is not kept).
    #[arg(long, global = true, requires = "app_id")]
    pub endpoint: Option<String>,
    /// The App ID to use with --endpoint.
    #[arg(long, global = true)]
    pub app_id: Option<String>,
    /// Print JSON instead of text.
    #[arg(long, global = true)]
    pub json: bool,
    /// Validate and print the requests that would be sent; send nothing.
    #[arg(long, global = true)]
    pub dry_run: bool,
    #[command(subcommand)]
    pub command: Command,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Cloud Recording operations.
    #[command(subcommand)]
    Recording(RecordingCmd),
    /// Cloud Transcoding operations.
    #[command(subcommand)]
    Transcoding(TranscodingCmd),
    /// Profiles (shared with the app; secrets in the OS keychain).
    #[command(subcommand)]
    Profile(ProfileCmd),
    /// The session history (shared with the app).
    #[command(subcommand)]
    History(HistoryCmd),
    /// RTC tokens from the profile's App Certificate.
    #[command(subcommand)]
    Token(TokenCmd),
    /// Saved presets (shared with the app): start forms, layouts, transcoder configs.
    #[command(subcommand)]
    Preset(PresetCmd),
    /// The object storage recordings go to: check it, list a session's files, link, download.
    #[command(subcommand)]
    Storage(StorageCmd),
}

#[derive(Debug, Subcommand)]
pub enum StorageCmd {
    /// Write, read back and delete a test object; each step, and the field to fix. Without
    /// --body, the profile's default storage. Exits 1 when Agora's upload would fail.
    Check {
        /// A storageConfig object as Agora documents it; empty keys come from the profile's keychain.
        #[arg(long, value_name = "FILE")]
        body: Option<PathBuf>,
    },
    /// A recording's files: named by Agora's answers and found in its bucket.
    Files { session: i64 },
    /// Print a presigned GET link to one file (a secret while it lasts: it is never logged).
    Link {
        session: i64,
        key: String,
        /// Seconds the link works (60 to 604800).
        #[arg(long, default_value_t = 3600)]
        expires: u32,
    },
    /// Download one file into a folder (the current one by default).
    Download {
        session: i64,
        key: String,
        #[arg(long, value_name = "DIR", default_value = ".")]
        to: PathBuf,
    },
}

#[derive(Debug, Subcommand)]
pub enum PresetCmd {
    /// Every saved preset, or one kind's.
    List {
        #[arg(long, value_enum)]
        kind: Option<PresetKindArg>,
    },
    /// One preset's body, as saved (secrets redacted).
    Show {
        name: String,
        #[arg(long, value_enum)]
        kind: PresetKindArg,
    },
    /// Saves (or replaces) a preset from a JSON file; secrets in it are redacted.
    Save {
        name: String,
        #[arg(long, value_enum)]
        kind: PresetKindArg,
        /// The preset body: a layout as the editor exports it, a start body, ...; `-` reads stdin.
        #[arg(long, value_name = "FILE")]
        body: PathBuf,
    },
    Delete {
        name: String,
        #[arg(long, value_enum)]
        kind: PresetKindArg,
    },
    /// Writes saved presets to a preset file (the app's Export format); all of them, or one kind's.
    Export {
        #[arg(long, value_enum)]
        kind: Option<PresetKindArg>,
        /// Only these names (of the kind, or of any kind).
        names: Vec<String>,
        /// The file to write; standard output when left out.
        #[arg(long, value_name = "FILE")]
        out: Option<PathBuf>,
    },
    /// Saves every preset in a preset file (the app's Export format); same-named ones are replaced.
    Import {
        /// The preset file; `-` reads standard input.
        file: PathBuf,
    },
}

#[derive(Debug, Clone, Copy, ValueEnum)]
pub enum PresetKindArg {
    RecordingStart,
    Layout,
    TranscodingCreate,
}

impl From<PresetKindArg> for PresetKind {
    fn from(k: PresetKindArg) -> Self {
        match k {
            PresetKindArg::RecordingStart => PresetKind::RecordingStart,
            PresetKindArg::Layout => PresetKind::Layout,
            PresetKindArg::TranscodingCreate => PresetKind::TranscodingCreate,
        }
    }
}

#[derive(Debug, Subcommand)]
pub enum TokenCmd {
    /// A publisher RTC token (AccessToken2, "007...") for a uid in a channel.
    Rtc {
        #[arg(long)]
        channel: String,
        #[arg(long)]
        uid: u32,
        /// Seconds the token (and its privileges) stay valid.
        #[arg(long, default_value_t = 3600)]
        expire: u32,
    },
}

#[derive(Debug, Clone, Copy, ValueEnum)]
pub enum ModeArg {
    Individual,
    Mix,
    Web,
}

impl From<ModeArg> for Mode {
    fn from(m: ModeArg) -> Self {
        match m {
            ModeArg::Individual => Mode::Individual,
            ModeArg::Mix => Mode::Mix,
            ModeArg::Web => Mode::Web,
        }
    }
}

#[derive(Debug, Args)]
pub struct BodyArg {
    /// The request body exactly as Agora documents it; `-` reads standard input.
    #[arg(long, value_name = "FILE")]
    pub body: PathBuf,
}

#[derive(Debug, Args)]
pub struct SessionIds {
    #[arg(long)]
    pub resource_id: String,
    #[arg(long)]
    pub sid: String,
    #[arg(long, value_enum)]
    pub mode: ModeArg,
}

#[derive(Debug, Subcommand)]
pub enum RecordingCmd {
    /// acquire: body `{cname, uid, clientRequest}`.
    Acquire {
        #[arg(long, value_enum)]
        mode: ModeArg,
        #[command(flatten)]
        body: BodyArg,
    },
    /// start with a resource id from acquire.
    Start {
        #[arg(long)]
        resource_id: String,
        #[arg(long, value_enum)]
        mode: ModeArg,
        #[command(flatten)]
        body: BodyArg,
        /// Re-send after code 65 with the same resource id (3 s, then 6 s).
        #[arg(long)]
        retry_code65: bool,
    },
    /// Who is in a channel (Channel Management) and what a start there would run into: nobody
    /// publishing (code 435 at maxIdleTime), the wrong channelType, the recorder's uid taken.
    /// Warnings only; exits 0 either way.
    CheckChannel {
        #[arg(long)]
        cname: String,
        /// The recorder's uid, to check it is free.
        #[arg(long)]
        uid: Option<String>,
        /// recordingConfig.channelType: 0 communication (Agora's default), 1 live broadcasting.
        #[arg(long, default_value_t = 0)]
        channel_type: u8,
    },
    /// acquire + start in one go, kept in history. The body is start's; acquire uses its cname/uid.
    Begin {
        #[arg(long, value_enum)]
        mode: ModeArg,
        #[command(flatten)]
        body: BodyArg,
        /// resourceExpiredHour for acquire (1-720).
        #[arg(long)]
        resource_expired_hour: Option<u32>,
        #[arg(long)]
        retry_code65: bool,
        /// Build the bot's RTC token from the profile's App Certificate, as the app does.
        #[arg(long)]
        generate_token: bool,
        /// Fill in the profile's storage keys even though the body's storage is not the
        /// profile's default storage (another bucket, vendor, region or endpoint).
        #[arg(long)]
        keys_elsewhere: bool,
    },
    Query {
        #[command(flatten)]
        ids: SessionIds,
    },
    Update {
        #[command(flatten)]
        ids: SessionIds,
        #[command(flatten)]
        body: BodyArg,
    },
    /// updateLayout (mix): replaces the whole layout. With --session, a session from history and
    /// the layout from --layout (the layout editor's exported JSON) or --preset (a saved layout),
    /// recorded in its history; else by ids with --body.
    UpdateLayout {
        #[arg(long, conflicts_with_all = ["resource_id", "sid", "body"])]
        session: Option<i64>,
        /// The layout as the editor exports it: the updateLayout body's clientRequest (a saved
        /// preset's `{canvas, layout}` works too).
        #[arg(
            long,
            value_name = "FILE",
            requires = "session",
            conflicts_with = "preset"
        )]
        layout: Option<PathBuf>,
        /// A layout saved in the app (Layouts, "Save as preset"), by name.
        #[arg(long, value_name = "NAME", requires = "session")]
        preset: Option<String>,
        #[arg(long, requires_all = ["sid", "body"])]
        resource_id: Option<String>,
        #[arg(long)]
        sid: Option<String>,
        /// The request body exactly as Agora documents it; `-` reads standard input.
        #[arg(long, value_name = "FILE")]
        body: Option<PathBuf>,
    },
    /// stop: with --session, a session from history; else by ids with --cname and --uid.
    Stop {
        #[arg(long, conflicts_with_all = ["resource_id", "sid"])]
        session: Option<i64>,
        #[arg(long, requires_all = ["sid", "mode", "cname", "uid"])]
        resource_id: Option<String>,
        #[arg(long)]
        sid: Option<String>,
        #[arg(long, value_enum)]
        mode: Option<ModeArg>,
        #[arg(long)]
        cname: Option<String>,
        #[arg(long)]
        uid: Option<String>,
        /// Answer at once instead of after the upload.
        #[arg(long = "async")]
        async_stop: bool,
    },
}

#[derive(Debug, Subcommand)]
pub enum TranscodingCmd {
    /// builderTokens + create in one step, kept in history (then use --session N): the body is
    /// the create body `{services: {cloudTranscoder: …}}`.
    Begin {
        /// 1 to 64 of a-z, A-Z, 0-9, '-' and '_'; one live task per instance id.
        #[arg(long)]
        instance_id: String,
        #[command(flatten)]
        body: BodyArg,
        /// Fill missing rtcTokens from the profile's App Certificate, as the app does.
        #[arg(long)]
        generate_tokens: bool,
    },
    /// builderTokens: body `{instanceId}`.
    Acquire {
        #[command(flatten)]
        body: BodyArg,
    },
    Create {
        #[command(flatten)]
        token: BuilderTokenArg,
        #[command(flatten)]
        body: BodyArg,
    },
    /// With --session, a task from history (its answer is kept there); else by ids.
    Query {
        #[command(flatten)]
        task: TaskRef,
    },
    /// PATCH the whole config. With --session the next sequenceId is taken for you (shared with
    /// the app, so the two never reuse one); else give --sequence-id, higher than any sent.
    Update {
        #[command(flatten)]
        task: TaskRef,
        #[arg(long, conflicts_with = "session", required_unless_present = "session")]
        sequence_id: Option<u64>,
        #[command(flatten)]
        body: BodyArg,
    },
    /// With --session, a task from history; else by ids.
    Delete {
        #[command(flatten)]
        task: TaskRef,
    },
    /// Templates: renditions viewers join as `<channel>_<codecId>`.
    #[command(subcommand)]
    Template(TemplateCmd),
}

/// A task: from history (--session) or by its ids.
#[derive(Debug, Args)]
pub struct TaskRef {
    #[arg(long, conflicts_with = "task_id")]
    pub session: Option<i64>,
    #[arg(long, required_unless_present = "session")]
    pub task_id: Option<String>,
    #[command(flatten)]
    pub token: BuilderTokenArg,
}

/// A task's builder token. It controls the task, so it is a secret: best from the environment
/// (an argument shows in `ps` to everyone on the machine); `-` reads it from standard input.
#[derive(Debug, Args)]
pub struct BuilderTokenArg {
    #[arg(
        long = "builder-token",
        id = "builder_token",
        env = "MIXDECK_BUILDER_TOKEN",
        hide_env_values = true
    )]
    pub value: Option<String>,
}

#[derive(Debug, Subcommand)]
pub enum TemplateCmd {
    /// Every template of the project.
    List,
    /// Create or replace one (there is no delete: save it with --disabled).
    Save {
        /// At most 64 bytes of a-z, A-Z, 0-9, space and !#$%&()+-:;<=.>?@[]^_{}|,
        codec_id: String,
        #[arg(long)]
        width: u32,
        #[arg(long)]
        height: u32,
        #[arg(long)]
        fps: u32,
        #[arg(long)]
        disabled: bool,
    },
}

#[derive(Debug, Subcommand)]
pub enum ProfileCmd {
    List,
    /// Add a profile; the Customer Secret comes from MIXDECK_CUSTOMER_SECRET, else it is typed
    /// (not shown) or read as one line of standard input.
    Add {
        #[arg(long)]
        name: String,
        // Own ids: the global --app-id/--endpoint share the field names, and clap would merge
        // them (setting --endpoint here used to switch the whole run to an ad-hoc profile).
        #[arg(long = "profile-app-id", id = "profile_app_id")]
        app_id: String,
        #[arg(long)]
        customer_id: String,
        /// US, EU, AP or CN.
        #[arg(long, default_value = "US")]
        area: String,
        /// A base URL replacing Agora's hosts (a proxy).
        #[arg(long = "profile-endpoint", id = "profile_endpoint")]
        endpoint: Option<String>,
    },
    Remove {
        name: String,
    },
    /// GET /v1/ncs/ip with the profile's credentials.
    Test {
        name: Option<String>,
    },
}

/// The history view's filters, combined with AND.
#[derive(Debug, Args, Default)]
pub struct HistoryFilterArgs {
    /// Sessions run with this profile.
    #[arg(long, value_name = "NAME")]
    pub of_profile: Option<String>,
    /// recording or transcoding.
    #[arg(long)]
    pub kind: Option<String>,
    #[arg(long, value_enum)]
    pub mode: Option<ModeArg>,
    /// A session state (started, stopped, failed, unknown, …), or `open` for every session that
    /// may still be running.
    #[arg(long)]
    pub state: Option<String>,
    /// Exact channel name.
    #[arg(long)]
    pub cname: Option<String>,
    /// Created on or after this day (YYYY-MM-DD, UTC).
    #[arg(long, value_name = "DAY")]
    pub from: Option<String>,
    /// Created on or before this day (YYYY-MM-DD, UTC).
    #[arg(long, value_name = "DAY")]
    pub to: Option<String>,
    /// Substring of the channel (or instanceId), uid, resource id, sid or task id.
    #[arg(long)]
    pub text: Option<String>,
}

#[derive(Debug, Subcommand)]
pub enum HistoryCmd {
    /// Sessions, newest first.
    List {
        #[command(flatten)]
        filter: HistoryFilterArgs,
        #[arg(long, default_value_t = 50)]
        limit: u32,
        #[arg(long, default_value_t = 0)]
        offset: u32,
    },
    /// A session: its ids, files, layouts and the timeline of every request (--json: all of it).
    Show { id: i64 },
    /// Ask Agora about a session now: recover one that may be recording (its start's answer
    /// was lost), or query one that runs.
    Check { id: i64 },
    /// Start a stored session again: same settings, new ids, secrets from the keychain
    /// (--profile picks another profile; --dry-run prints the requests).
    Rerun { id: i64 },
    /// Sessions with their logs as JSON, secrets redacted: one session, or all the filters match.
    Export {
        /// One session; every session the filters match when left out.
        id: Option<i64>,
        #[command(flatten)]
        filter: HistoryFilterArgs,
        #[arg(long)]
        out: Option<PathBuf>,
    },
    /// Forget a session that is over, with its log (nothing at Agora is touched).
    Delete { id: i64 },
    /// How long sessions that are over are kept; prints it, or sets it.
    Retention {
        /// Keep this many days (7, 30, 90 or 365).
        #[arg(long, conflicts_with = "keep_all")]
        keep_days: Option<u32>,
        /// Keep everything (the default).
        #[arg(long)]
        keep_all: bool,
    },
}
