// Starting an app the way the benchmarks measure it: its own home, a private D-Bus session with an
// unlocked gnome-keyring (its secrets), on a given X display; resolved once the app writes
// "window interactive after" to stderr (Mixdeck when its first screen painted with data, the
// baseline after its page's first frame).
import { mkdirSync } from "node:fs";
import { join } from "node:path";
import { start, which } from "../lib.mjs";

const tools = Object.fromEntries(
  ["Xvfb", "dbus-run-session", "gnome-keyring-daemon"].map((name) => [name, which(name)]),
);

/** The tools a benchmark needs, or exits saying what is missing. */
export function benchTools() {
  for (const [name, path] of Object.entries(tools)) {
    if (!path) {
      console.error(`bench: ${name} is missing: run \`bash scripts/setup --test\``);
      process.exit(2);
    }
  }
  return tools;
}

/** XDG directories under `home`, created. */
export function homeEnv(home, display) {
  for (const d of ["data", "config", "cache", "run"])
    mkdirSync(join(home, d), { recursive: true, mode: 0o700 });
  return {
    ...process.env,
    DISPLAY: display,
    GTK_THEME: "Adwaita",
    XDG_DATA_HOME: join(home, "data"),
    XDG_CONFIG_HOME: join(home, "config"),
    XDG_CACHE_HOME: join(home, "cache"),
    XDG_RUNTIME_DIR: join(home, "run"),
    NO_AT_BRIDGE: "1",
  };
}

/**
 * Starts `bin` (after `prelude`, a shell script run in the same D-Bus session, so it shares the
 * keyring) and resolves to `{ child, startMs }` once the app is interactive. `onLine` sees every
 * stderr line with the ms since exec.
 */
export async function launchApp({ name, bin, env, prelude = ":", onLine, timeoutMs = 60_000 }) {
  const began = performance.now();
  const child = start(
    tools["dbus-run-session"],
    [
      "--",
      "sh",
      "-c",
      `printf mixdeck-bench | "$0" --unlock --components=secrets >/dev/null && { ${prelude}; } && exec "$1"`,
      tools["gnome-keyring-daemon"],
      bin,
    ],
    { env, stdio: ["ignore", "ignore", "pipe"] },
  );
  let log = "";
  const startMs = await new Promise((resolve, reject) => {
    const timer = setTimeout(
      () => reject(new Error(`${name}: not interactive in ${timeoutMs} ms:\n${log}`)),
      timeoutMs,
    );
    child.stderr.setEncoding("utf8");
    child.stderr.on("data", (chunk) => {
      log += chunk;
      if (onLine)
        for (const line of chunk.split("\n").filter(Boolean))
          onLine(Math.round(performance.now() - began), line);
      if (/window interactive after \d+ ms/.test(log)) {
        clearTimeout(timer);
        resolve(performance.now() - began);
      }
    });
    child.once("exit", (code) =>
      reject(new Error(`${name} exited (${code}) before it was interactive:\n${log}`)),
    );
  });
  // Keep the pipe drained: an app whose stderr fills up blocks.
  if (!onLine) child.stderr.on("data", () => undefined);
  log = "";
  return { child, startMs: Math.round(startMs) };
}
