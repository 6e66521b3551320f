#!/usr/bin/env node
// The release app with many active recordings being polled, against a standalone sandbox on
// loopback (its sessions stay up: maxIdleTime is a day). Two uses:
//
//   npm run bench:long     20 sessions, 30 minutes: PSS of the app's tree every minute; the
//                          growth after the first 5 minutes is the figure (goal <= 10 MB).
//   npm run bench:monitor  500 sessions, 3 minutes: the monitor's queries per second as the
//                          sandbox logged them (most in any 1 s window, goal <= 10: Agora's
//                          limit) and the app process's CPU (goal < 5% of one core).
//
//   node scripts/bench/long-run.mjs --sessions N --minutes M [--no-build] [--warmup-s S]
// Needs the release app (npm run bench builds it; --no-build skips `tauri build`). The sandbox
// is a debug build: it is the harness, not measured.
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { argValue, killAllOwned, repoRoot, run, sleep, start, startXvfb, stop, targetDir } from "../lib.mjs";
import { benchTools, homeEnv, launchApp } from "./launch.mjs";
import { cpuSecondsOfTree, findUnder, pssOfTree } from "./proc.mjs";

const argv = process.argv.slice(2);
const option = (name, fallback) => argValue(argv, name, fallback);
const sessions = Number(option("--sessions", 20));
const minutes = Number(option("--minutes", 30));
const warmupS = Number(option("--warmup-s", 60));
const label = sessions >= 100 ? "monitor" : "long-run";

if (!argv.includes("--no-build")) {
  if (
    (await run(join(repoRoot, "node_modules", ".bin", "tauri"), ["build", "--ci", "--no-bundle"], {
      cwd: repoRoot,
    })) !== 0
  )
    process.exit(1);
}
// The CLI is a release build like the app: debug builds keep their secrets under another keychain
// service, and the app would find the profile the CLI added without its Customer Secret.
if (
  (await run("cargo", ["build", "--quiet", "-p", "agora-sandbox"], { cwd: repoRoot })) !== 0 ||
  (await run("cargo", ["build", "--quiet", "--release", "-p", "mixdeck-cli"], { cwd: repoRoot })) !== 0
)
  process.exit(1);
const target = targetDir();
const app = { name: "mixdeck", bin: option("--app", join(target, "release", "mixdeck")) };
const cli = join(target, "release", "mixdeck-cli");
const tools = benchTools();
const scratch = mkdtempSync(join(tmpdir(), "mixdeck-long-"));
process.on("exit", () => {
  killAllOwned();
  rmSync(scratch, { recursive: true, force: true });
});
// Interrupted: stop the apps, sandboxes and displays this run started, too.
for (const sig of ["SIGINT", "SIGTERM", "SIGHUP"]) process.on(sig, () => process.exit(130));

// The sandbox: no rate limit, so setting up 500 sessions is quick (the rate is measured instead),
// and the concurrent-recordings quota raised to N, as Agora raises it for a project on request.
const sandbox = start(
  join(target, "debug", "agora-sandbox"),
  ["--port", "0", "--no-rate-limit", "--max-concurrent", String(sessions)],
  {
    stdio: ["ignore", "pipe", "ignore"],
  },
);
const banner = await new Promise((resolve, reject) => {
  let out = "";
  const timer = setTimeout(() => reject(new Error(`agora-sandbox printed no banner: ${out}`)), 15_000);
  sandbox.stdout.on("data", (d) => {
    out += d;
    const url = /listening on (http:\/\/127\.0\.0\.1:\d+)/.exec(out)?.[1];
    const token = /Control token:\s+(\S+)/.exec(out)?.[1];
    const appId = /App ID:\s+(\S+)/.exec(out)?.[1];
    if (url && token && appId) {
      clearTimeout(timer);
      resolve({ url, token, appId });
    }
  });
});
const requests = async () => {
  const res = await fetch(`${banner.url}/_sandbox/requests`, {
    headers: { "X-Sandbox-Token": banner.token },
  });
  return res.json();
};

// One mix recording body per session; the CLI's profile "bench" points at the sandbox.
const bodies = join(scratch, "bodies");
mkdirSync(bodies);
for (let i = 0; i < sessions; i++) {
  const body = {
    cname: `bench-${i}`,
    uid: String(900000 + i),
    clientRequest: {
      recordingConfig: { channelType: 0, maxIdleTime: 86400 },
      recordingFileConfig: { avFileType: ["hls"] },
      storageConfig: { vendor: 1, region: 0, bucket: "bench", accessKey: "bench-ak", secretKey: "bench-sk" },
    },
  };
  writeFileSync(join(bodies, `${i}.json`), JSON.stringify(body));
}
const q = (s) => `'${s.replaceAll("'", "'\\''")}'`;
const prelude = [
  `MIXDECK_CUSTOMER_SECRET=sandbox-customer-secret ${q(cli)} profile add --name bench --profile-app-id ${banner.appId} --customer-id sandbox-customer-id --profile-endpoint ${banner.url} >/dev/null`,
  // Four at a time: a start is two requests and a process.
  `ls ${q(bodies)} | xargs -P 4 -I{} ${q(cli)} --profile bench recording begin --mode mix --body ${q(bodies)}/{} >>${q(join(scratch, "cli.log"))} 2>&1 || true`,
].join(" && ");

const { xvfb, display } = await startXvfb(tools.Xvfb);
const env = homeEnv(join(scratch, "home"), display);
const setupStarted = Date.now();
// The app's warnings and errors are shown: a monitor that cannot poll would make the figures meaningless.
const onLine = (_ms, line) => {
  // eslint-disable-next-line no-control-regex -- the log's colour codes
  const plain = line.replace(/\x1b\[[0-9;]*m/g, "");
  if (/ WARN | ERROR |reconcil/.test(plain)) console.log(`app: ${plain.slice(0, 240)}`);
};
const { child } = await launchApp({ ...app, env, prelude, onLine, timeoutMs: 30 * 60_000 });
const cliLog = readFileSync(join(scratch, "cli.log"), "utf8");
const started = (cliLog.match(/^started session/gm) ?? []).length;
if (started < sessions)
  console.log(
    `bench: ${sessions - started} begins failed:\n${cliLog
      .split("\n")
      .filter((l) => l && !l.startsWith("started"))
      .slice(0, 10)
      .join("\n")}`,
  );
console.log(
  `bench: ${started} of ${sessions} sessions started in ${Math.round((Date.now() - setupStarted) / 1000)} s; the app is up`,
);
const pid = findUnder(child.pid, "mixdeck");

const samples = [];
const seen = new Map();
// Only what arrives after the measured window opens: the log still holds older requests.
let afterSeq = 0;
const collect = async () => {
  for (const r of await requests()) if (r.route === "query" && r.seq > afterSeq) seen.set(r.seq, r.atMs);
};
await sleep(warmupS * 1000);
await collect();
const t0 = Date.now();
const cpu0 = { app: cpuSecondsOfTree(pid, { self: true }), tree: cpuSecondsOfTree(pid) };
afterSeq = Math.max(0, ...seen.keys());
seen.clear();
for (let m = 0; m < minutes; m++) {
  for (let s = 0; s < 6; s++) {
    await sleep(10_000);
    await collect(); // the log keeps 1000 requests: read it every 10 s
  }
  const mem = pssOfTree(pid);
  samples.push({ minute: m + 1, pssMb: mem.totalMb, privateMb: mem.privateMb, byProcess: mem.byProcess });
  console.log(
    `bench: minute ${m + 1}: PSS ${mem.totalMb} MB, private ${mem.privateMb} MB ${JSON.stringify(mem.byProcess)}`,
  );
}
const wallS = (Date.now() - t0) / 1000;
const cpu = {
  app: cpuSecondsOfTree(pid, { self: true }) - cpu0.app,
  tree: cpuSecondsOfTree(pid) - cpu0.tree,
};
await stop(child);
await stop(sandbox);
await stop(xvfb);

// Queries per 1 s window of the sandbox's clock.
const perSecond = new Map();
for (const at of seen.values())
  perSecond.set(Math.floor(at / 1000), (perSecond.get(Math.floor(at / 1000)) ?? 0) + 1);
const counts = [...perSecond.values()];
const at5 = samples.find((s) => s.minute === 5) ?? samples[0];
const last = samples[samples.length - 1];
const round = (x, d = 1) => Math.round(x * 10 ** d) / 10 ** d;
const result = {
  when: new Date().toISOString(),
  sessions,
  started,
  minutes,
  queries: seen.size,
  queriesPerSecondMean: round(seen.size / wallS, 2),
  queriesPerSecondMax: counts.length ? Math.max(...counts) : 0,
  // The busiest seconds (sandbox clock, Unix s) and their counts: where a burst came from.
  busiestSeconds: [...perSecond.entries()].sort((a, b) => b[1] - a[1]).slice(0, 5),
  queryTimesMs: [...seen.values()].sort((a, b) => a - b),
  cpuPercentOfOneCore: { app: round((100 * cpu.app) / wallS, 2), tree: round((100 * cpu.tree) / wallS, 2) },
  pssGrowthAfterMinute5Mb: round(last.pssMb - at5.pssMb),
  privateGrowthAfterMinute5Mb: round(last.privateMb - at5.privateMb),
  samples,
};
const dir = join(target, "bench");
mkdirSync(dir, { recursive: true });
writeFileSync(join(dir, `${label}.json`), JSON.stringify(result, null, 2) + "\n");
const figures = { ...result };
delete figures.samples;
delete figures.queryTimesMs;
console.log(`\n${JSON.stringify(figures, null, 2)}\nbench: ${join(dir, `${label}.json`)}`);
