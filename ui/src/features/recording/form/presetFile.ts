// Named start-form presets: what is saved (the draft without secrets) and how it comes back.
// Secrets never travel: the backend redacts bodies it saves, and a loaded preset leaves keys
// empty so the keychain fills them.
import { type Mode, REDACTED, SECRET_KEYS, type Value } from "../../../bindings";
import { type RecordingDraft, type StartBody } from "./draft";
import { isObject } from "../../../lib/json";

const MODES: readonly Mode[] = ["individual", "mix", "web"];

/** The part of a draft a preset keeps. */
export function presetBody(draft: RecordingDraft): Value {
  const { mode, start, acquire, sendStartParameter, generateToken, retryCode65 } = draft;
  return JSON.parse(
    JSON.stringify({ mode, start, acquire, sendStartParameter, generateToken, retryCode65 }),
  ) as Value;
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

const SECRETS: ReadonlySet<string> = new Set(SECRET_KEYS);

/** `value` with every non-empty secret (Rust's `SECRET_KEYS`, at any depth) replaced by `<redacted>`. */
function redactDeep(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(redactDeep);
  if (!isObject(value)) return value;
  return Object.fromEntries(
    Object.entries(value).map(([k, v]) => [
      k,
      SECRETS.has(k) && typeof v === "string" && v !== "" ? REDACTED : redactDeep(v),
    ]),
  );
}

/** The start body with every secret the user typed replaced by `<redacted>` ("Copy JSON"). */
export function redactStart(start: StartBody): StartBody {
  return redactDeep(start) as StartBody;
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
