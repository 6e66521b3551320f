#!/usr/bin/env node
// End-to-end runner: drives the real app window through tauri-driver and WebKitWebDriver under a
// private Xvfb display and D-Bus session (with an unlocked gnome-keyring), once per OS theme.
// It needs the debug app with embedded assets: `npm run tauri build -- --debug --no-bundle`.
// Every process it starts is stopped (by process group) however it ends; every wait has a deadline.
//
//   node scripts/e2e.mjs [--report-dir DIR] [--theme light|dark] [--bench] [vitest args...]
//
// --bench runs the benchmarks in tests/e2e/bench instead of the specs (npm run bench:layout).
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import {
  freePort,
  killAllOwned,
  repoRoot,
  run,
  start,
  startXvfb,
  stop,
  targetDir,
  waitUntil,
  which,
} from "./lib.mjs";

const argv = process.argv.slice(2);
function takeOption(name) {
  const i = argv.indexOf(name);
  if (i < 0) return undefined;
  const [, value] = argv.splice(i, 2);
  return value;
}
const reportDir = takeOption("--report-dir");
const onlyTheme = takeOption("--theme");
const benchIndex = argv.indexOf("--bench");
const bench = benchIndex >= 0;
if (bench) argv.splice(benchIndex, 1);
const themes = onlyTheme ? [onlyTheme] : ["light", "dark"];

// GTK's theme decides WebKitGTK's prefers-color-scheme: this is how the OS setting reaches the app.
const GTK_THEMES = { light: "Adwaita", dark: "Adwaita:dark" };

function fail(message) {
  console.error(`e2e: ${message}`);
  process.exit(2);
}

const tools = { Xvfb: which("Xvfb"), "dbus-run-session": which("dbus-run-session") };
tools["tauri-driver"] = which("tauri-driver");
tools.WebKitWebDriver = which("WebKitWebDriver");
tools["gnome-keyring-daemon"] = which("gnome-keyring-daemon");
const missing = Object.entries(tools)
  .filter(([, p]) => !p)
  .map(([n]) => n);
if (missing.length) fail(`missing ${missing.join(", ")}: run \`bash scripts/setup --test\` (npm test does).`);

const app = join(targetDir(), "debug", "mixdeck");
if (!existsSync(app))
  fail(`no app binary at ${app}: build it with \`npm run tauri build -- --debug --no-bundle\`.`);

// Specs that must outlive the app (kill -9 and restart it) use a sandbox of their own.
const sandboxBin = join(targetDir(), "debug", "agora-sandbox");
if (
  !bench &&
  (await run("cargo", ["build", "--quiet", "-p", "agora-sandbox"], {
    cwd: repoRoot,
    timeoutMs: 15 * 60_000,
  })) !== 0
)
  fail("could not build the agora-sandbox binary (cargo build -p agora-sandbox).");

const screenshots = join(repoRoot, "target", "e2e-screenshots");
mkdirSync(screenshots, { recursive: true });
const scratch = mkdtempSync(join(tmpdir(), "mixdeck-e2e-"));

let cleaningUp = false;
async function cleanup() {
  if (cleaningUp) return;
  cleaningUp = true;
  killAllOwned();
  rmSync(scratch, { recursive: true, force: true });
}
process.on("exit", () => {
  killAllOwned();
  rmSync(scratch, { recursive: true, force: true });
});
for (const sig of ["SIGINT", "SIGTERM", "SIGHUP"]) {
  process.on(sig, () => {
    void cleanup().then(() => process.exit(130));
  });
}

async function runTheme(theme, display) {
  const port = await freePort();
  const nativePort = await freePort();
  const home = join(scratch, theme);
  const env = {
    ...process.env,
    DISPLAY: display,
    GTK_THEME: GTK_THEMES[theme],
    // The app's data, config and keychain live in this run's scratch directory.
    XDG_DATA_HOME: join(home, "data"),
    XDG_CONFIG_HOME: join(home, "config"),
    XDG_CACHE_HOME: join(home, "cache"),
    NO_AT_BRIDGE: "1",
    // Without a GPU the app has WebKit paint without GL (src-tauri/src/compositing.rs), and then
    // WebKitWebDriver's screenshots time out (WebKitGTK 2.50). The suite keeps WebKit's default
    // so it can take them; the package check starts the app in the painted mode, and the
    // benchmarks (no screenshots) measure the app as it chooses.
    ...(bench ? {} : { MIXDECK_GPU_COMPOSITING: "1" }),
  };
  for (const d of ["data", "config", "cache", "downloads"]) mkdirSync(join(home, d), { recursive: true });
  // Downloads land in this run's scratch directory, not the user's Downloads folder.
  writeFileSync(join(home, "config", "user-dirs.dirs"), `XDG_DOWNLOAD_DIR="${join(home, "downloads")}"\n`);
  // A private bus with an unlocked keyring (non-empty throwaway password), then tauri-driver in it.
  const driver = start(
    tools["dbus-run-session"],
    [
      "--",
      "sh",
      "-c",
      'printf mixdeck-e2e | "$0" --unlock --components=secrets >/dev/null && exec "$1" --port "$2" --native-port "$3" --native-driver "$4"',
      tools["gnome-keyring-daemon"],
      tools["tauri-driver"],
      String(port),
      String(nativePort),
      tools.WebKitWebDriver,
    ],
    { env, stdio: ["ignore", "ignore", "pipe"] },
  );
  // The private bus's daemon narrates every service it starts; keep the rest (the app's own logs).
  driver.stderr.setEncoding("utf8");
  driver.stderr.on("data", (chunk) => {
    const lines = chunk.split("\n").filter((l) => l && !l.startsWith("dbus-daemon["));
    if (lines.length) process.stderr.write(lines.join("\n") + "\n");
  });
  const driverUrl = `http://127.0.0.1:${port}`;
  try {
    await waitUntil(
      "tauri-driver to answer /status",
      async () => {
        if (driver.exitCode !== null) throw new Error(`tauri-driver exited with ${driver.exitCode}`);
        const res = await fetch(`${driverUrl}/status`, { signal: AbortSignal.timeout(1000) });
        return res.ok;
      },
      15_000,
    );
    const reporterArgs = reportDir
      ? ["--reporter=default", "--reporter=json", `--outputFile.json=${join(reportDir, `e2e-${theme}.json`)}`]
      : [];
    return await run(
      process.execPath,
      [
        join(repoRoot, "node_modules", "vitest", "vitest.mjs"),
        "run",
        "--config",
        join(repoRoot, "tests", "e2e", bench ? "vitest.bench.config.ts" : "vitest.config.ts"),
        ...reporterArgs,
        ...argv,
      ],
      {
        cwd: repoRoot,
        timeoutMs: 10 * 60_000,
        env: {
          ...process.env,
          MIXDECK_E2E_DRIVER_URL: driverUrl,
          MIXDECK_E2E_APP: app,
          MIXDECK_E2E_SANDBOX: sandboxBin,
          MIXDECK_E2E_THEME: theme,
          MIXDECK_E2E_SCREENSHOTS: screenshots,
          // Where the app keeps its data in this run (a benchmark seeds its database there first).
          MIXDECK_E2E_DATA_HOME: env.XDG_DATA_HOME,
          // The app's display (the player spec reads the clipboard the app wrote) and downloads.
          MIXDECK_E2E_DISPLAY: display,
          MIXDECK_E2E_DOWNLOADS: join(home, "downloads"),
        },
      },
    );
  } finally {
    await stop(driver);
  }
}

let failed = 0;
try {
  const { xvfb, display } = await startXvfb(tools.Xvfb);
  try {
    for (const theme of themes) {
      console.log(`\ne2e: ${theme} theme (display ${display})`);
      if ((await runTheme(theme, display)) !== 0) failed++;
    }
  } finally {
    await stop(xvfb);
  }
} catch (e) {
  console.error(`e2e: ${e.message}`);
  failed++;
} finally {
  await cleanup();
}
console.log(`\ne2e: screenshots in ${screenshots}`);
process.exit(failed ? 1 : 0);
