#!/usr/bin/env node
// `npm run bench`: Mixdeck's release build next to an empty Tauri 2 app (scripts/bench/baseline,
// same Tauri and release profile), measured in the same run under one private Xvfb display and
// D-Bus session with an unlocked keyring. Every figure is a median of --runs runs (3), the two
// apps taking turns. Results: stdout and target/bench/app.json.
//
//   node scripts/bench.mjs [--runs N] [--no-build] [--idle-s S] [--trace]
//
// - start to interactive: exec to the "window interactive after" line each app writes to stderr
//   once its first screen has painted (Mixdeck: the shell with the app info and profiles loaded;
//   the baseline: its page's first frame).
// - idle memory: summed PSS of the app's process tree (the app, WebKitWebProcess,
//   WebKitNetworkProcess) --idle-s seconds (10) after that line.
// - the initial JS and CSS the window loads (gzip), the release binaries and the packages.
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { gzipSync } from "node:zlib";
import { benchTools, homeEnv, launchApp } from "./bench/launch.mjs";
import { findUnder, pssOfTree } from "./bench/proc.mjs";
import { argValue, killAllOwned, repoRoot, run, sleep, startXvfb, stop, targetDir } from "./lib.mjs";

const argv = process.argv.slice(2);
const option = (name, fallback) => argValue(argv, name, fallback);
const runs = Number(option("--runs", 3));
const idleSeconds = Number(option("--idle-s", 10));
const build = !argv.includes("--no-build");
// --trace prints every stderr line of every start with its time since exec (where start-up goes).
const trace = argv.includes("--trace");

const baselineDir = join(repoRoot, "scripts", "bench", "baseline");
const tauri = join(repoRoot, "node_modules", ".bin", "tauri");
if (build) {
  // The release app with its packages (bundle.targets), then the baseline's binary alone.
  for (const [cwd, args] of [
    [repoRoot, ["build", "--ci"]],
    [baselineDir, ["build", "--ci", "--no-bundle"]],
  ]) {
    if ((await run(tauri, args, { cwd, timeoutMs: 60 * 60_000 })) !== 0) {
      console.error(`bench: \`tauri ${args.join(" ")}\` failed in ${cwd}`);
      process.exit(1);
    }
  }
}

const release = join(targetDir(), "release");
const APPS = [
  { name: "baseline", bin: join(release, "mixdeck-bench-baseline") },
  { name: "mixdeck", bin: join(release, "mixdeck") },
];

const tools = benchTools();

const scratch = mkdtempSync(join(tmpdir(), "mixdeck-bench-"));
process.on("exit", () => {
  killAllOwned();
  rmSync(scratch, { recursive: true, force: true });
});
// Interrupted: stop the apps, sandboxes and displays this run started, too.
for (const sig of ["SIGINT", "SIGTERM", "SIGHUP"]) process.on(sig, () => process.exit(130));

const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
};

/** Starts `app` in its own home, waits for it to be interactive, then `idleSeconds`, and reads its memory. */
async function launch(app, display, { idle = true } = {}) {
  const env = homeEnv(join(scratch, app.name), display);
  const onLine = trace ? (ms, line) => console.log(`${ms} ms ${app.name}: ${line.slice(0, 160)}`) : undefined;
  const { child, startMs } = await launchApp({ ...app, env, onLine });
  let memory;
  if (idle) {
    await sleep(idleSeconds * 1000);
    memory = pssOfTree(findUnder(child.pid, app.bin.split("/").pop()));
  }
  await stop(child);
  return { startMs, memory };
}

/** The JS and CSS index.html loads before anything else, gzipped (zlib level 9). */
function initialAssets() {
  const dist = join(repoRoot, "ui", "dist");
  const html = readFileSync(join(dist, "index.html"), "utf8");
  const refs = [...html.matchAll(/(?:src|href)="\/?(assets\/[^"]+\.(?:js|css))"/g)].map((m) => m[1]);
  const all = readdirSync(join(dist, "assets"));
  const gz = (file) => gzipSync(readFileSync(join(dist, file)), { level: 9 }).length;
  const sum = (files) => Math.round(files.reduce((a, f) => a + gz(f), 0) / 102.4) / 10;
  const js = refs.filter((f) => f.endsWith(".js"));
  return {
    initialJsGzipKb: sum(js),
    initialCssGzipKb: sum(refs.filter((f) => f.endsWith(".css"))),
    allJsGzipKb: sum(all.filter((f) => f.endsWith(".js")).map((f) => `assets/${f}`)),
    initialFiles: refs,
  };
}

const mb = (path) => Math.round(statSync(path).size / 104857.6) / 10;
function packages() {
  const out = {};
  for (const kind of ["deb", "rpm"]) {
    const dir = join(release, "bundle", kind);
    try {
      for (const f of readdirSync(dir).filter((f) => f.endsWith(`.${kind}`)))
        out[kind] = { file: f, mb: mb(join(dir, f)) };
    } catch {
      // not built
    }
  }
  return out;
}

const { xvfb, display } = await startXvfb(tools.Xvfb);
const samples = Object.fromEntries(APPS.map((a) => [a.name, []]));
try {
  // One unmeasured start each: first-run work (a new database, the keyring's collection) and a
  // cold page cache are not what a user waits for every day.
  for (const app of APPS) await launch(app, display, { idle: false });
  for (let i = 0; i < runs; i++) {
    for (const app of APPS) {
      const s = await launch(app, display);
      samples[app.name].push(s);
      console.log(
        `bench: run ${i + 1} ${app.name}: interactive ${s.startMs} ms, PSS ${s.memory.totalMb} MB ${JSON.stringify(s.memory.byProcess)}`,
      );
    }
  }
} finally {
  await stop(xvfb);
}

const summary = Object.fromEntries(
  APPS.map((a) => [
    a.name,
    {
      startToInteractiveMs: median(samples[a.name].map((s) => s.startMs)),
      idlePssMb: median(samples[a.name].map((s) => s.memory.totalMb)),
      binaryMb: mb(a.bin),
      samples: samples[a.name],
    },
  ]),
);
const ratio = (k) => Math.round((summary.mixdeck[k] / summary.baseline[k]) * 100) / 100;
const result = {
  when: new Date().toISOString(),
  runs,
  idleSeconds,
  ...summary,
  ratios: { startToInteractive: ratio("startToInteractiveMs"), idlePss: ratio("idlePssMb") },
  bundle: initialAssets(),
  packages: packages(),
};
const dir = join(targetDir(), "bench");
mkdirSync(dir, { recursive: true });
writeFileSync(join(dir, "app.json"), JSON.stringify(result, null, 2) + "\n");

const rows = [
  [
    "start to interactive (ms)",
    summary.mixdeck.startToInteractiveMs,
    summary.baseline.startToInteractiveMs,
    result.ratios.startToInteractive,
  ],
  [
    "idle PSS, process tree (MB)",
    summary.mixdeck.idlePssMb,
    summary.baseline.idlePssMb,
    result.ratios.idlePss,
  ],
  ["release binary (MB)", summary.mixdeck.binaryMb, summary.baseline.binaryMb, ""],
];
console.log(`\n| figure (median of ${runs}) | Mixdeck | empty Tauri app | ratio |\n|---|---|---|---|`);
for (const r of rows) console.log(`| ${r.join(" | ")} |`);
console.log(
  `\ninitial JS ${result.bundle.initialJsGzipKb} kB gzip, CSS ${result.bundle.initialCssGzipKb} kB; all JS ${result.bundle.allJsGzipKb} kB`,
);
for (const [kind, p] of Object.entries(result.packages)) console.log(`${kind}: ${p.file} ${p.mb} MB`);
console.log(`\nbench: ${join(dir, "app.json")}`);
