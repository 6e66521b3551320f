// The UI's one door to the backend. Only this module imports `@tauri-apps/*` and the raw
// `commands` of the generated bindings (ESLint enforces it); everything else calls `api`.
import {
  type AppInfo,
  type CommandError,
  type ErrorCode,
  type FieldError,
  type Payload,
  commands,
} from "../bindings";

/** Codes the UI adds for failures that never reached a command (e.g. IPC refused the call). */
export type ClientErrorCode = "ipc.failed";

/** A command's failure, thrown so TanStack Query and `try` see it. Switch on `code`, never `message`. */
export class IpcError extends Error {
  readonly code: ErrorCode | ClientErrorCode;
  readonly details: CommandError["details"];

  constructor(code: ErrorCode | ClientErrorCode, message: string, details?: CommandError["details"]) {
    super(message);
    this.name = "IpcError";
    this.code = code;
    this.details = details;
  }
}

type CommandResult<T> = { status: "ok"; data: T } | { status: "error"; error: CommandError };

function isCommandError(value: unknown): value is CommandError {
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
  if (isCommandError(err)) throw new IpcError(err.code, err.message, err.details);
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

function describe(e: unknown): string {
  if (e instanceof Error) return e.message;
  if (typeof e === "string") return e;
  return JSON.stringify(e);
}

export const api = {
  appInfo: (): Promise<AppInfo> => unwrap(commands.appInfo()),
  /** Every broken rule in a request body, with dotted paths; empty when valid. */
  validatePayload: (payload: Payload): Promise<FieldError[]> => call(commands.validatePayload(payload)),
};
