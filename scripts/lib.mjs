// Helpers shared by the test scripts: processes we own (by pid, in their own process group so
// their children go with them), waits with deadlines, and paths.
import { execFileSync, spawn } from "node:child_process";
import { accessSync, constants } from "node:fs";
import { createServer } from "node:net";
import { delimiter, join } from "node:path";
import { fileURLToPath } from "node:url";

export const repoRoot = fileURLToPath(new URL("..", import.meta.url));

/** Cargo's target directory (honours CARGO_TARGET_DIR and .cargo/config). */
export function targetDir() {
  const meta = JSON.parse(
    execFileSync("cargo", ["metadata", "--no-deps", "--format-version", "1"], {
      cwd: repoRoot,
      encoding: "utf8",
    }),
  );
  return meta.target_directory;
}

/** Full path of an executable on PATH (plus ~/.cargo/bin), or undefined. */
export function which(name) {
  const dirs = (process.env.PATH ?? "").split(delimiter);
  dirs.push(join(process.env.CARGO_HOME ?? join(process.env.HOME ?? "", ".cargo"), "bin"));
  for (const dir of dirs) {
    const p = join(dir, name);
    try {
      accessSync(p, constants.X_OK);
      return p;
    } catch {
      // keep looking
    }
  }
  return undefined;
}

export async function freePort() {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.unref();
    srv.on("error", reject);
    srv.listen(0, "127.0.0.1", () => {
      const { port } = srv.address();
      srv.close(() => resolve(port));
    });
  });
}

const owned = new Set();

/** Starts a process in its own process group; `stop(child)` ends the whole group. */
export function start(cmd, args, options = {}) {
  const child = spawn(cmd, args, { detached: true, stdio: "inherit", ...options });
  owned.add(child);
  child.on("exit", () => owned.delete(child));
  return child;
}

/** Ends a process we started, and its children: TERM, then KILL after a grace period. */
export async function stop(child, graceMs = 3000) {
  if (!child || child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise((r) => child.once("exit", r));
  const signal = (sig) => {
    try {
      process.kill(-child.pid, sig);
    } catch {
      // already gone
    }
  };
  signal("SIGTERM");
  const timer = setTimeout(() => signal("SIGKILL"), graceMs);
  await exited;
  clearTimeout(timer);
  owned.delete(child);
}

/** Synchronous last resort on exit: kill every group we still own. */
export function killAllOwned() {
  for (const child of owned) {
    try {
      process.kill(-child.pid, "SIGKILL");
    } catch {
      // already gone
    }
  }
  owned.clear();
}

/** The value after `--name` in `argv`, or `fallback`. */
export function argValue(argv, name, fallback) {
  const i = argv.indexOf(name);
  return i < 0 ? fallback : argv[i + 1];
}

export const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

export async function waitUntil(what, probe, timeoutMs = 15000, intervalMs = 100) {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    try {
      if (await probe()) return;
    } catch {
      // not yet
    }
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await new Promise((r) => setTimeout(r, intervalMs));
  }
}

/** Runs a command to completion (own group, killed at the deadline); resolves to its exit code. */
export async function run(cmd, args, { timeoutMs, ...options } = {}) {
  const child = start(cmd, args, options);
  const code = new Promise((r) => child.once("exit", (c, sig) => r(c ?? (sig ? 128 : 1))));
  let timer;
  if (timeoutMs) {
    timer = setTimeout(() => {
      console.error(`\n${cmd} ${args.join(" ")}: still running after ${timeoutMs / 1000} s, stopping it`);
      void stop(child);
    }, timeoutMs);
  }
  const result = await code;
  clearTimeout(timer);
  return result;
}

/** Starts Xvfb on a free display; resolves to the process and its display (":N"). */
export async function startXvfb(xvfbPath) {
  const xvfb = start(xvfbPath, ["-displayfd", "3", "-screen", "0", "1280x800x24", "-nolisten", "tcp"], {
    stdio: ["ignore", "ignore", "pipe", "pipe"],
  });
  let stderr = "";
  xvfb.stdio[2].on("data", (d) => (stderr += d));
  const display = await new Promise((resolve, reject) => {
    let out = "";
    const timer = setTimeout(
      () => reject(new Error(`Xvfb did not report a display in 10 s: ${stderr}`)),
      10_000,
    );
    xvfb.stdio[3].on("data", (d) => {
      out += d;
      if (out.includes("\n")) {
        clearTimeout(timer);
        resolve(`:${out.trim()}`);
      }
    });
    xvfb.once("exit", (code) => reject(new Error(`Xvfb exited (${code}): ${stderr}`)));
  });
  return { xvfb, display };
}
