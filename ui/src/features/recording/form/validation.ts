// Which bodies to check and where their errors go. Field paths are the draft's: `start.` + the
// start body's path, `acquire.` + the acquire clientRequest's path.
import type { FieldError, Payload, ProfileView, StorageConfig } from "../../../bindings";
import { type RecordingDraft, hasSecret, toBeginRequest } from "./draft";

/** Stands in for a key the keychain will provide, so "must not be empty" is not reported for it. */
const FROM_KEYCHAIN = "<from keychain>";

function withKeychainKeys(storage: StorageConfig, profile: ProfileView | undefined): StorageConfig {
  return {
    ...storage,
    accessKey: storage.accessKey || (hasSecret(profile, "storageAccessKey") ? FROM_KEYCHAIN : ""),
    secretKey: storage.secretKey || (hasSecret(profile, "storageSecretKey") ? FROM_KEYCHAIN : ""),
  };
}

/** The acquire and start payloads exactly as they will be checked before sending. */
export function payloadsToCheck(
  draft: RecordingDraft,
  profile: ProfileView | undefined,
): { acquire: Payload; start: Payload } {
  const begin = toBeginRequest(draft, profile?.id ?? 0);
  const cr = begin.start.clientRequest;
  const start = {
    ...begin.start,
    clientRequest: cr.storageConfig
      ? { ...cr, storageConfig: withKeychainKeys(cr.storageConfig, profile) }
      : cr,
  };
  const acquire = { ...(begin.acquire ?? {}) };
  if (acquire.startParameter) acquire.startParameter = start.clientRequest;
  return {
    acquire: {
      kind: "recordingAcquire",
      mode: draft.mode,
      body: { cname: start.cname, uid: start.uid, clientRequest: acquire },
    },
    start: { kind: "recordingStart", mode: draft.mode, body: start },
  };
}

export type FieldErrors = Record<string, string>;

/**
 * Errors keyed by draft path. The envelope (cname, uid) is shared by both bodies: its errors are
 * shown once, under the start fields.
 */
export function errorsByPath(start: readonly FieldError[], acquire: readonly FieldError[]): FieldErrors {
  return byPath(start.filter(isError), acquire.filter(isError));
}

/** Warnings (rules Agora does not state, fields it ignores) keyed by draft path, as errors are. */
export function warningsByPath(start: readonly FieldError[], acquire: readonly FieldError[]): FieldErrors {
  return byPath(
    start.filter((e) => !isError(e)),
    acquire.filter((e) => !isError(e)),
  );
}

/** A finding that refuses the request (a warning does not). */
export function isError(e: FieldError): boolean {
  return e.severity !== "warning";
}

function byPath(start: readonly FieldError[], acquire: readonly FieldError[]): FieldErrors {
  const out: FieldErrors = {};
  const add = (path: string, message: string) => {
    out[path] = out[path] ? `${out[path]}; ${message}` : message;
  };
  for (const e of start) add(`start.${e.path}`, e.message);
  for (const e of acquire) {
    if (e.path === "cname" || e.path === "uid") {
      if (!start.some((s) => s.path === e.path)) add(`start.${e.path}`, e.message);
    } else if (e.path.startsWith("clientRequest.startParameter")) {
      // A copy of the start body: its errors are already under the start fields.
      continue;
    } else add(`acquire.${e.path.replace(/^clientRequest\./, "")}`, e.message);
  }
  return out;
}
