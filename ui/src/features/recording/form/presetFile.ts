// Named start-form presets: what is saved (the draft without secrets) and how it comes back.
// Secrets never travel: the backend redacts bodies it saves, and a loaded preset leaves keys
// empty so the keychain fills them.
import { REDACTED, type RecordingTemplate } from "../../../bindings";
import { type RecordingDraft, type StartBody } from "./draft";

/** The part of a draft a preset keeps (Rust's `RecordingTemplate`). */
export function presetBody(draft: RecordingDraft): RecordingTemplate {
  const { mode, start, acquire, sendStartParameter, generateToken, retryCode65 } = draft;
  return { mode, start, acquire, sendStartParameter, generateToken, retryCode65 };
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

/** A draft from a saved template; the uid is kept if the template has none. */
export function draftFromPreset(t: RecordingTemplate, base: RecordingDraft): RecordingDraft {
  return {
    mode: t.mode,
    start: unredact({ ...t.start, uid: t.start.uid !== "" ? t.start.uid : base.start.uid }),
    acquire: t.acquire ?? {},
    sendStartParameter: t.sendStartParameter === true,
    generateToken: t.generateToken !== false,
    retryCode65: t.retryCode65 === true,
    stash: {},
  };
}
