// Tauri's isolation hook: sees every IPC message before it reaches the Rust core, in a frame
// that scripts in the main window cannot reach. It refuses what Mixdeck's window never sends:
// a command that is not one of the app's own (snake_case) or of the plugins it uses, and
// oversized payloads. The capability (src-tauri/capabilities/main.json) then decides which of
// those commands are allowed at all.
const PLUGINS = ["event", "dialog", "fs", "clipboard-manager"];
const MAX_PAYLOAD_CHARS = 4 * 1024 * 1024;

function allowed(cmd) {
  if (cmd === "isolation_refused") return false;
  if (typeof cmd !== "string") return false;
  if (/^[a-z][a-z0-9_]*$/.test(cmd)) return true;
  const m = /^plugin:([a-z-]+)\|[a-z][a-z0-9_]*$/.exec(cmd);
  return m !== null && PLUGINS.includes(m[1]);
}

// A refused message still goes on, as a command nothing registers: the core answers "not found"
// at once, so the caller's promise rejects instead of waiting forever (a hook that throws leaves
// the call unanswered).
function refused(payload) {
  return { ...payload, cmd: "isolation_refused", payload: {} };
}

window.__TAURI_ISOLATION_HOOK__ = (payload) => {
  if (!payload || !allowed(payload.cmd)) return refused(payload ?? {});
  let size = 0;
  try {
    size = JSON.stringify(payload.payload ?? null).length;
  } catch {
    // Binary payloads (ArrayBuffer) do not stringify; Mixdeck sends none.
    return refused(payload);
  }
  return size > MAX_PAYLOAD_CHARS ? refused(payload) : payload;
};
