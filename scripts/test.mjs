#!/usr/bin/env node
// Runs every suite in order, keeps going after a failure, and ends with one line
// `N passed, N failed[, N skipped]` summed over all suites. Exit code 1 if anything failed.
// Rust tests count per test; lint/format/typecheck steps count as one check each.
//
//   node scripts/test.mjs [--only step,step]   (steps: see STEPS below)
import { spawn } from "node:child_process";
import { existsSync, mkdirSync, readFileSync, rmSync } from "node:fs";
import { join } from "node:path";
import { killAllOwned, repoRoot } from "./lib.mjs";

const reportDir = join(repoRoot, "target", "test-reports");
rmSync(reportDir, { recursive: true, force: true });
mkdirSync(reportDir, { recursive: true });

// Default targets (lib, bins, tests, doctests): benches use criterion, whose harness takes other
// flags; clippy --all-targets still compiles them.
const cargoTestArgs = ["test", "--workspace", "--locked", "--no-fail-fast"];

/** Counts from `cargo test` output: one `test result:` line per test binary. */
function cargoCounts(output, code) {
  const totals = { passed: 0, failed: 0, skipped: 0 };
  let binaries = 0;
  for (const m of output.matchAll(/test result: \w+\. (\d+) passed; (\d+) failed; (\d+) ignored/g)) {
    binaries++;
    totals.passed += Number(m[1]);
    totals.failed += Number(m[2]);
    totals.skipped += Number(m[3]);
  }
  // A build failure prints no results: count it as a failure so the summary cannot look green.
  if (code !== 0 && totals.failed === 0) totals.failed = 1;
  if (binaries === 0 && code === 0) totals.failed = 1;
  return totals;
}

/** Counts from Vitest JSON reports. */
function vitestCounts(files, code) {
  const totals = { passed: 0, failed: 0, skipped: 0 };
  for (const file of files) {
    if (!existsSync(file)) {
      totals.failed++;
      continue;
    }
    const r = JSON.parse(readFileSync(file, "utf8"));
    totals.passed += r.numPassedTests;
    totals.failed += r.numFailedTests;
    totals.skipped += r.numPendingTests + r.numTodoTests;
    // A suite that failed to load has no tests but is a failure.
    if (r.numFailedTestSuites > 0 && r.numFailedTests === 0) totals.failed++;
  }
  if (code !== 0 && totals.failed === 0) totals.failed = 1;
  return totals;
}

const check = (_output, code) => ({ passed: code === 0 ? 1 : 0, failed: code === 0 ? 0 : 1, skipped: 0 });

const STEPS = [
  { name: "ui-build", cmd: "npm", args: ["run", "--silent", "ui:build"], count: check },
  { name: "fmt", cmd: "cargo", args: ["fmt", "--all", "--check"], count: check },
  {
    name: "clippy",
    cmd: "cargo",
    args: ["clippy", "--workspace", "--all-targets", "--locked", "--", "-D", "warnings"],
    count: check,
  },
  {
    // Includes the ignored real-keychain tests, inside a private Secret Service; and the
    // bindings staleness test (`bindings_ts_is_fresh`).
    name: "cargo-test",
    cmd: "bash",
    args: ["scripts/with-keychain", "cargo", ...cargoTestArgs, "--", "--include-ignored"],
    count: cargoCounts,
    capture: true,
  },
  { name: "prettier", cmd: "npm", args: ["run", "--silent", "ui:format:check"], count: check },
  { name: "eslint", cmd: "npm", args: ["run", "--silent", "ui:lint"], count: check },
  { name: "typecheck", cmd: "npm", args: ["run", "--silent", "ui:typecheck"], count: check },
  {
    name: "vitest",
    cmd: "npx",
    args: [
      "vitest",
      "run",
      "--config",
      "ui/vite.config.ts",
      "--reporter=default",
      "--reporter=json",
      `--outputFile.json=${join(reportDir, "vitest.json")}`,
    ],
    count: (_o, code) => vitestCounts([join(reportDir, "vitest.json")], code),
  },
  {
    // The e2e binary must embed the UI; a plain `cargo build` makes one that loads the dev server.
    // The same build is packaged (.deb, .rpm) for the package check.
    name: "app-build",
    cmd: "npx",
    args: ["tauri", "build", "--debug", "--bundles", "deb", "rpm", "--ci"],
    count: check,
  },
  {
    name: "packages",
    cmd: "node",
    args: ["scripts/packages.mjs"],
    count: (output, code) => {
      const m = /packages: (\d+) passed, (\d+) failed/.exec(output);
      return m ? { passed: Number(m[1]), failed: Number(m[2]), skipped: 0 } : check(output, code);
    },
    capture: true,
    needs: ["app-build"],
  },
  {
    name: "e2e",
    cmd: "node",
    args: ["scripts/e2e.mjs", "--report-dir", reportDir],
    count: (_o, code) =>
      vitestCounts(
        ["light", "dark"].map((t) => join(reportDir, `e2e-${t}.json`)),
        code,
      ),
    needs: ["app-build"],
  },
];

const only = (() => {
  const i = process.argv.indexOf("--only");
  return i < 0 ? undefined : new Set(process.argv[i + 1].split(","));
})();

function runStep(step) {
  return new Promise((resolve) => {
    const child = spawn(step.cmd, step.args, {
      cwd: repoRoot,
      stdio: ["ignore", step.capture ? "pipe" : "inherit", step.capture ? "pipe" : "inherit"],
      env: process.env,
    });
    let output = "";
    if (step.capture) {
      child.stdout.on("data", (d) => {
        output += d;
        process.stdout.write(d);
      });
      child.stderr.on("data", (d) => {
        output += d;
        process.stderr.write(d);
      });
    }
    child.on("error", (e) => {
      console.error(`${step.name}: could not start ${step.cmd}: ${e.message}`);
      resolve({ code: 127, output });
    });
    child.on("close", (code, signal) => resolve({ code: code ?? (signal ? 128 : 1), output }));
  });
}

process.on("exit", killAllOwned);

const results = [];
const failedSteps = new Set();
for (const step of STEPS) {
  if (only && !only.has(step.name)) continue;
  const blocker = (step.needs ?? []).find((n) => failedSteps.has(n));
  if (blocker) {
    console.log(`\n=== ${step.name}: not run, ${blocker} failed`);
    results.push({ name: step.name, passed: 0, failed: 1, skipped: 0, seconds: 0 });
    failedSteps.add(step.name);
    continue;
  }
  console.log(`\n=== ${step.name}: ${step.cmd} ${step.args.join(" ")}`);
  const t0 = Date.now();
  const { code, output } = await runStep(step);
  const counts = step.count(output, code);
  const seconds = (Date.now() - t0) / 1000;
  results.push({ name: step.name, ...counts, seconds });
  if (counts.failed > 0 || code !== 0) failedSteps.add(step.name);
}

const sum = (k) => results.reduce((n, r) => n + r[k], 0);
console.log("\nstep          passed  failed  skipped   seconds");
for (const r of results) {
  console.log(
    `${r.name.padEnd(12)} ${String(r.passed).padStart(7)} ${String(r.failed).padStart(7)} ${String(r.skipped).padStart(8)} ${r.seconds.toFixed(1).padStart(9)}`,
  );
}
const [passed, failed, skipped] = [sum("passed"), sum("failed"), sum("skipped")];
console.log(`${passed} passed, ${failed} failed${skipped ? `, ${skipped} skipped` : ""}`);
process.exit(failed > 0 ? 1 : 0);
