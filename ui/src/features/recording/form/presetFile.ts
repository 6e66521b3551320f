// Named start-form presets: what is saved (the draft without secrets), how it comes back, and the
// file format for sharing them. Secrets never travel: the backend redacts bodies it saves, and a
// loaded preset leaves keys empty so the keychain fills them.
import type { Mode, PresetKind, Value } from "../../../bindings";
import { type RecordingDraft, type StartBody } from "./draft";

export const PRESET_FILE_FORMAT = "mixdeck-presets";
export const PRESET_FILE_VERSION = 1;

export interface PresetEntry {
  kind: PresetKind;
  name: string;
  body: Value;
}

const MODES: readonly Mode[] = ["individual", "mix", "web"];
const REDACTED = "<redacted>";

/** The part of a draft a preset keeps. */
export function presetBody(draft: RecordingDraft): Value {
  const { mode, start, acquire, sendStartParameter, generateToken, retryCode65 } = draft;
  return JSON.parse(
    JSON.stringify({ mode, start, acquire, sendStartParameter, generateToken, retryCode65 }),
  ) as Value;
}

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === "object" && v !== null && !Array.isArray(v);
}

/** Secrets in a saved body come back empty (keys, filled from the keychain) or left out (tokens). */
function unredact(start: StartBody): StartBody {
  const cr = { ...start.clientRequest };
  if (cr.token === REDACTED) delete cr.token;
  if (cr.storageConfig) {
    const s = { ...cr.storageConfig };
    if (s.accessKey === REDACTED) s.accessKey = "";
    if (s.secretKey === REDACTED) s.secretKey = "";
    if (s.stsToken === REDACTED) delete s.stsToken;
    cr.storageConfig = s;
  }
  if (cr.recordingConfig) {
    const rc = { ...cr.recordingConfig };
    if (rc.secret === REDACTED) rc.secret = "";
    if (rc.salt === REDACTED) rc.salt = "";
    cr.recordingConfig = rc;
  }
  return { ...start, clientRequest: cr };
}

/** The start body with every secret the user typed replaced by `<redacted>` ("Copy JSON"). */
export function redactStart(start: StartBody): StartBody {
  const hide = (v: string | null | undefined) => (v ? REDACTED : v);
  const cr = { ...start.clientRequest };
  if (cr.token) cr.token = REDACTED;
  if (cr.storageConfig) {
    const s = cr.storageConfig;
    cr.storageConfig = { ...s, accessKey: hide(s.accessKey) ?? "", secretKey: hide(s.secretKey) ?? "" };
    if (s.stsToken) cr.storageConfig.stsToken = REDACTED;
  }
  if (cr.recordingConfig && (cr.recordingConfig.secret || cr.recordingConfig.salt)) {
    cr.recordingConfig = {
      ...cr.recordingConfig,
      secret: hide(cr.recordingConfig.secret),
      salt: hide(cr.recordingConfig.salt),
    };
  }
  return { ...start, clientRequest: cr };
}

/** A draft from a preset body, or the reason it is not one. The uid is kept if the preset has one. */
export function draftFromPreset(body: Value, base: RecordingDraft): RecordingDraft | string {
  if (!isObject(body)) return "the preset is not an object";
  const mode = body.mode;
  if (typeof mode !== "string" || !MODES.includes(mode as Mode)) return "the preset has no recording mode";
  const start = body.start;
  if (!isObject(start) || !isObject(start.clientRequest)) return "the preset has no start body";
  const acquire = isObject(body.acquire) ? body.acquire : {};
  return {
    mode: mode as Mode,
    start: unredact({
      cname: typeof start.cname === "string" ? start.cname : "",
      uid: typeof start.uid === "string" && start.uid !== "" ? start.uid : base.start.uid,
      clientRequest: start.clientRequest as StartBody["clientRequest"],
    }),
    acquire: acquire as RecordingDraft["acquire"],
    sendStartParameter: body.sendStartParameter === true,
    generateToken: body.generateToken !== false,
    retryCode65: body.retryCode65 === true,
    stash: {},
  };
}

/** A preset file's text: one or more presets, pretty-printed. */
export function presetFileText(entries: readonly PresetEntry[]): string {
  return (
    JSON.stringify(
      {
        format: PRESET_FILE_FORMAT,
        version: PRESET_FILE_VERSION,
        presets: entries.map(({ kind, name, body }) => ({ kind, name, body })),
      },
      null,
      2,
    ) + "\n"
  );
}

const KINDS: readonly PresetKind[] = ["recordingStart", "layout", "transcodingCreate"];

/** The presets in a file's text, or what is wrong with it (naming the entry). */
export function parsePresetFile(text: string): { presets: PresetEntry[] } | { error: string } {
  let doc: unknown;
  try {
    doc = JSON.parse(text);
  } catch (e) {
    return { error: `not JSON: ${e instanceof Error ? e.message : String(e)}` };
  }
  if (!isObject(doc) || doc.format !== PRESET_FILE_FORMAT) {
    return { error: `not a Mixdeck preset file ("format" must be "${PRESET_FILE_FORMAT}")` };
  }
  if (doc.version !== PRESET_FILE_VERSION) {
    return { error: `version ${JSON.stringify(doc.version)} is not supported (this app reads version 1)` };
  }
  if (!Array.isArray(doc.presets) || doc.presets.length === 0) return { error: "the file has no presets" };
  const presets: PresetEntry[] = [];
  for (const [i, p] of doc.presets.entries()) {
    if (!isObject(p)) return { error: `presets.${i}: must be an object` };
    if (typeof p.kind !== "string" || !KINDS.includes(p.kind as PresetKind)) {
      return { error: `presets.${i}.kind: must be one of ${KINDS.join(", ")}` };
    }
    if (typeof p.name !== "string" || p.name.trim() === "")
      return { error: `presets.${i}.name: must not be empty` };
    if (!isObject(p.body)) return { error: `presets.${i}.body: must be an object` };
    presets.push({ kind: p.kind as PresetKind, name: p.name.trim(), body: p.body as Value });
  }
  return { presets };
}
