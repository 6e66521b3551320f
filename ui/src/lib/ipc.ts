// The UI's one door to the backend. Only this module imports `@tauri-apps/*` and the raw
// `commands` of the generated bindings (ESLint enforces it); everything else calls `api`.
import {
  type AppInfo,
  type BeginRecording,
  type BeginTranscoding,
  type BodyCheck,
  type BodyKind,
  type CodeTables,
  type ConnectionTest,
  type CreateRequest,
  type EngineEvent,
  type ErrorCode,
  type ErrorReport,
  type ExportScope,
  type FieldError,
  type LayoutSettings,
  type Mode,
  type Page,
  type Payload,
  type Preset,
  type PresetBody,
  type PresetId,
  type PresetKind,
  type PreviewImage,
  type PreviewRequest,
  type ProfileId,
  type ProfileInput,
  type ProfileView,
  type ReconcileReport,
  type RerunPlan,
  type Retention,
  type RetentionChoice,
  type SandboxAccess,
  type SecretInput,
  type SecretKind,
  type ChannelCheck,
  type ChannelType,
  type DatabaseProblem,
  type SessionDetail,
  type SessionFiles,
  type StorageCheck,
  type StorageConfig,
  type PresignedCopy,
  type SessionFilter,
  type SessionId,
  type SessionRow,
  type StoredError,
  type StopOutcome,
  type TemplateRequest,
  type TemplatesResponse,
  type TimelinePage,
  type TokenInfo,
  type UpdateClientRequest,
  type Value,
  type VendorInfo,
  FILE_SCHEME,
  commands,
  events,
} from "../bindings";
import { writeText as writeClipboardText } from "@tauri-apps/plugin-clipboard-manager";
import { open, save } from "@tauri-apps/plugin-dialog";
import { readTextFile as fsReadTextFile, writeTextFile as fsWriteTextFile } from "@tauri-apps/plugin-fs";

/**
 * Codes the UI adds for failures that never reached one of our commands: IPC refused the call, a
 * file dialog could not open, the picked file could not be read or written.
 */
export type ClientErrorCode =
  "ipc.failed" | "clipboard.failed" | "file.dialog_failed" | "file.read_failed" | "file.write_failed";

/**
 * A command's failure, thrown so TanStack Query and `try` see it. Switch on `code` (stable, dotted:
 * `validation.failed`, `keychain.unavailable`, `agora.worker_not_found`, ...), never on `message`.
 */
export class IpcError extends Error {
  readonly code: ErrorCode | ClientErrorCode;
  /** The rest of the backend's {@link ErrorReport}: fields, cause, fix, HTTP status, ids, host. */
  readonly report: ErrorFacts;

  constructor(code: ErrorCode | ClientErrorCode, message: string, report: ErrorFacts = {}) {
    super(message);
    this.name = "IpcError";
    this.code = code;
    this.report = report;
  }
}

/** What an {@link ErrorReport} says besides its code and message. */
export type ErrorFacts = Omit<ErrorReport, "code" | "message">;

/** The backend's one error shape (a command's failure, a session's stored error) as an {@link IpcError}. */
export function reportError(e: ErrorReport | StoredError): IpcError {
  const { code, message, fields, cause, fix, httpStatus, agoraCode, requestId, host } = e;
  return new IpcError(code, message, { fields, cause, fix, httpStatus, agoraCode, requestId, host });
}

type CommandResult<T> = { status: "ok"; data: T } | { status: "error"; error: ErrorReport };

function isCommandError(value: unknown): value is ErrorReport {
  return (
    typeof value === "object" &&
    value !== null &&
    typeof (value as { code?: unknown }).code === "string" &&
    typeof (value as { message?: unknown }).message === "string"
  );
}

/** Turns a command's result into its data, or throws an {@link IpcError}. */
export async function unwrap<T>(call: Promise<CommandResult<T>>): Promise<T> {
  let result: CommandResult<T>;
  try {
    result = await call;
  } catch (e) {
    throw new IpcError("ipc.failed", `The app's backend could not be reached: ${describe(e)}`);
  }
  if (result.status === "ok") return result.data;
  // Tauri itself (not our command) rejects with a plain string, e.g. when a capability denies a call.
  const err: unknown = result.error;
  if (isCommandError(err)) throw reportError(err);
  throw new IpcError("ipc.failed", `The app's backend refused the call: ${describe(err)}`);
}

/** For commands that cannot fail on their own: only the IPC itself can reject. */
async function call<T>(promise: Promise<T>): Promise<T> {
  try {
    return await promise;
  } catch (e) {
    throw new IpcError("ipc.failed", `The app's backend refused the call: ${describe(e)}`);
  }
}

/** Runs a plugin call (dialog, fs), turning its rejection into an {@link IpcError} with `code`. */
async function plugin<T>(code: ClientErrorCode, what: string, run: () => Promise<T>): Promise<T> {
  try {
    return await run();
  } catch (e) {
    throw new IpcError(code, `${what}: ${describe(e)}`);
  }
}

/** Preset files are JSON. */
const JSON_FILTER = [{ name: "JSON", extensions: ["json"] }];

function describe(e: unknown): string {
  if (e instanceof Error) return e.message;
  if (typeof e === "string") return e;
  return JSON.stringify(e);
}

export const api = {
  appInfo: (): Promise<AppInfo> => unwrap(commands.appInfo()),
  /** Tells Rust the first screen has painted with its data (it logs the start-up time). */
  windowInteractive: (): Promise<void> => commands.windowInteractive().then(() => undefined),
  /** Opens the log folder in the file manager. */
  openLogFolder: (): Promise<void> => unwrap(commands.openLogFolder()).then(() => undefined),
  /** Why the history database would not open at start; `null` when it opened. */
  databaseProblem: (): Promise<DatabaseProblem | null> => commands.databaseProblem(),
  /** Moves the database that would not open aside and starts fresh; answers its new path. */
  startFreshDatabase: (): Promise<string> => unwrap(commands.startFreshDatabase()),
  /** Every broken rule in a request body, with dotted paths; empty when valid. */
  validatePayload: (payload: Payload): Promise<FieldError[]> => call(commands.validatePayload(payload)),
  storageVendors: (): Promise<VendorInfo[]> => call(commands.storageVendors()),

  listProfiles: (): Promise<ProfileView[]> => unwrap(commands.listProfiles()),
  createProfile: (input: ProfileInput, secrets: SecretInput[]): Promise<ProfileView> =>
    unwrap(commands.createProfile(input, secrets)),
  updateProfile: (id: ProfileId, input: ProfileInput, secrets: SecretInput[]): Promise<ProfileView> =>
    unwrap(commands.updateProfile(id, input, secrets)),
  deleteProfile: (id: ProfileId): Promise<null> => unwrap(commands.deleteProfile(id)),
  /** The secret goes to the OS keychain; the answer shows only "set" and the last 4 characters. */
  setSecret: (id: ProfileId, kind: SecretKind, value: string): Promise<ProfileView> =>
    unwrap(commands.setSecret(id, kind, value)),
  clearSecret: (id: ProfileId, kind: SecretKind): Promise<ProfileView> =>
    unwrap(commands.clearSecret(id, kind)),
  testConnection: (id: ProfileId): Promise<ConnectionTest> => unwrap(commands.testConnection(id)),

  beginRecording: (request: BeginRecording): Promise<SessionRow> => unwrap(commands.beginRecording(request)),
  queryRecording: (id: SessionId): Promise<SessionRow> => unwrap(commands.queryRecording(id)),
  /** Asks Agora now: recovers a session that may be recording, queries a running one. */
  checkSession: (id: SessionId): Promise<SessionRow> => unwrap(commands.checkSession(id)),
  updateRecording: (id: SessionId, update: UpdateClientRequest): Promise<SessionRow> =>
    unwrap(commands.updateRecording(id, update)),
  updateLayout: (id: SessionId, layout: LayoutSettings): Promise<SessionRow> =>
    unwrap(commands.updateLayout(id, layout)),
  stopRecording: (id: SessionId, asyncStop: boolean): Promise<StopOutcome> =>
    unwrap(commands.stopRecording(id, asyncStop)),

  beginTranscoding: (request: BeginTranscoding): Promise<SessionRow> =>
    unwrap(commands.beginTranscoding(request)),
  queryTranscoding: (id: SessionId): Promise<SessionRow> => unwrap(commands.queryTranscoding(id)),
  updateTranscoding: (id: SessionId, config: CreateRequest): Promise<SessionRow> =>
    unwrap(commands.updateTranscoding(id, config)),
  deleteTranscoding: (id: SessionId): Promise<SessionRow> => unwrap(commands.deleteTranscoding(id)),
  /** "Copy as curl": the builderTokens and create requests begin would send, secrets redacted. */
  previewTranscoding: (request: BeginTranscoding): Promise<PreviewRequest[]> =>
    unwrap(commands.previewTranscoding(request)),
  listTemplates: (profile: ProfileId): Promise<TemplatesResponse> => unwrap(commands.listTemplates(profile)),
  /** Creates or replaces a template, then lists them all. */
  saveTemplate: (
    profile: ProfileId,
    codecId: string,
    template: TemplateRequest,
  ): Promise<TemplatesResponse> => unwrap(commands.saveTemplate(profile, codecId, template)),

  listSessions: (filter: SessionFilter): Promise<Page<SessionRow>> => unwrap(commands.listSessions(filter)),
  sessionDetail: (id: SessionId): Promise<SessionDetail> => unwrap(commands.sessionDetail(id)),
  /** A layout's background image, fetched and checked by the core, as a `data:` URL. */
  previewImage: (url: string): Promise<PreviewImage> => unwrap(commands.previewImage(url)),
  /** The page of a session's timeline before event `before`. */
  sessionTimeline: (id: SessionId, before: number): Promise<TimelinePage> =>
    unwrap(commands.sessionTimeline(id, before)),
  reconcileSessions: (): Promise<ReconcileReport> => unwrap(commands.reconcileSessions()),
  /** The export file's text (JSON, secrets redacted): one session, or every session a filter matches. */
  exportHistory: (scope: ExportScope): Promise<string> => unwrap(commands.exportHistory(scope)),
  /** Forgets a session that is over, with its log; nothing at Agora is touched. */
  deleteSession: (id: SessionId): Promise<null> => unwrap(commands.deleteSession(id)),
  /** A stored session's settings as its form's template ("Run again"). */
  rerunPlan: (id: SessionId): Promise<RerunPlan> => unwrap(commands.rerunPlan(id)),
  historyRetention: (): Promise<Retention> => unwrap(commands.historyRetention()),
  /** Sets and applies the retention; resolves to how many sessions it deleted. */
  setHistoryRetention: (retention: Retention): Promise<number> =>
    unwrap(commands.setHistoryRetention(retention)),
  historyRetentionChoices: (): Promise<RetentionChoice[]> => call(commands.historyRetentionChoices()),

  listPresets: (kind: PresetKind | null): Promise<Preset[]> => unwrap(commands.listPresets(kind)),
  savePreset: (name: string, preset: PresetBody): Promise<Preset> =>
    unwrap(commands.savePreset(name, preset)),
  deletePreset: (id: PresetId): Promise<null> => unwrap(commands.deletePreset(id)),
  /** Saves every preset in a preset file's text, all or none (the error names the bad entry). */
  importPresets: (text: string): Promise<Preset[]> => unwrap(commands.importPresets(text)),
  /** A preset file's text holding these presets. */
  exportPresets: (ids: PresetId[]): Promise<string> => unwrap(commands.exportPresets(ids)),

  /** What a pasted RTC token grants and until when (tokens the app needs are built in the backend). */
  inspectToken: (token: string): Promise<TokenInfo> => unwrap(commands.inspectToken(token)),

  /**
   * "Copy as curl": the acquire and start requests `beginRecording` would send, validated the same
   * way (throws `validation.failed` with field paths), secrets shown as `<redacted>`, nothing sent.
   * The start URL names the resource `<resourceId>`.
   */
  previewRecording: (request: BeginRecording): Promise<PreviewRequest[]> =>
    unwrap(commands.previewRecording(request)),
  /** The embedded sandbox's base URL, starting it if needed; its control API is under `/_sandbox/`. */
  sandboxAccess: (): Promise<SandboxAccess> => unwrap(commands.sandboxAccess()),
  /** A JSON tab's body: where it does not fit the request type (`schema`), else its broken rules. */
  /** Who is in a channel, and what a start there would run into (warnings only). */
  checkChannel: (
    profileId: ProfileId,
    cname: string,
    channelType: ChannelType,
    uid: string | null,
  ): Promise<ChannelCheck> => unwrap(commands.checkChannel(profileId, cname, channelType, uid)),
  /** Writes, reads back and deletes a test object with these storage settings (empty keys: the profile's). */
  checkStorage: (profileId: ProfileId, storage: StorageConfig): Promise<StorageCheck> =>
    unwrap(commands.checkStorage(profileId, storage)),
  /** A session's files: what its answers named, merged with what its bucket holds. */
  sessionFiles: (id: SessionId): Promise<SessionFiles> => unwrap(commands.sessionFiles(id)),
  /** Puts a presigned link on the clipboard (from Rust: the link never enters the window). */
  copyPresignedLink: (id: SessionId, key: string, expiresIn: number): Promise<PresignedCopy> =>
    unwrap(commands.copyPresignedLink(id, key, expiresIn)),
  /** Downloads a file into Downloads/Mixdeck/…; resolves to its path. */
  downloadFile: (id: SessionId, key: string): Promise<string> => unwrap(commands.downloadFile(id, key)),
  revealDownload: (path: string): Promise<null> => unwrap(commands.revealDownload(path)),
  checkBody: (kind: BodyKind, mode: Mode | null, body: Value): Promise<BodyCheck> =>
    call(commands.checkBody(kind, mode, body)),
  /**
   * A body as it may be copied or shown: read by Rust as its type, which redacts every secret in
   * it (keys, tokens, a stream key or a URL's query). Fails, naming the field, on a body without
   * the request's shape.
   */
  shownBody: async (kind: BodyKind, mode: Mode | null, body: unknown): Promise<unknown> => {
    const check = await call(commands.checkBody(kind, mode, body as Value));
    if (!check.payload)
      throw new Error(`${check.schema?.path ?? "body"}: ${check.schema?.message ?? "not a request body"}`);
    return check.payload.body;
  },
  /** Labels of Agora's codes and enums for pickers, from the Rust wire types. */
  codeTables: (): Promise<CodeTables> => call(commands.codeTables()),
};

/** Calls `handler` for every engine event (session changes, monitor problems); resolves to an unsubscribe. */
export function onEngineEvent(handler: (event: EngineEvent) => void): Promise<() => void> {
  return events.engineUpdate.listen((e) => handler(e.payload));
}

/**
 * Asks where to save a JSON file, suggesting `defaultName`; null when the user cancels. The chosen
 * path may then be written with {@link writeTextFile} (the dialog grants it for this run of the app).
 */
export function pickSaveFile(defaultName: string): Promise<string | null> {
  return plugin("file.dialog_failed", "The save dialog could not open", () =>
    save({ defaultPath: defaultName, filters: JSON_FILTER }),
  );
}

/** Asks for one JSON file to open; null when the user cancels. The path may then be read with {@link readTextFile}. */
export function pickOpenFile(): Promise<string | null> {
  return plugin("file.dialog_failed", "The open dialog could not open", () =>
    open({ multiple: false, directory: false, filters: JSON_FILTER }),
  );
}

/** Writes `text` to a path the user picked with {@link pickSaveFile} (other paths are refused). */
export function writeTextFile(path: string, text: string): Promise<void> {
  return plugin("file.write_failed", `Could not write ${path}`, () => fsWriteTextFile(path, text));
}

/** Reads a path the user picked with {@link pickOpenFile} (other paths are refused). */
export function readTextFile(path: string): Promise<string> {
  return plugin("file.read_failed", `Could not read ${path}`, () => fsReadTextFile(path));
}

/**
 * Puts text on the OS clipboard through the backend (WebKitGTK refuses `navigator.clipboard`
 * outside secure contexts, and the selection fallback needs a user gesture WebDriver lacks).
 */
export function copyText(text: string): Promise<void> {
  return plugin("clipboard.failed", "The clipboard refused the text", () => writeClipboardText(text));
}

/**
 * Where the player reads a session's file: the `mixdeck-file:` protocol, served by Rust with the
 * profile's keys (Windows' webview spells custom schemes `http://<scheme>.localhost/`). Each key
 * segment is encoded on its own so that a playlist's relative slice names resolve next to it.
 */
export function fileUrl(session: SessionId, key: string): string {
  const base = navigator.userAgent.includes("Windows")
    ? `http://${FILE_SCHEME}.localhost/`
    : `${FILE_SCHEME}://localhost/`;
  return base + `${session}/` + key.split("/").map(encodeURIComponent).join("/");
}
