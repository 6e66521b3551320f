#!/usr/bin/env node
// The installers, checked (npm test, after `tauri build --debug --bundles deb rpm`):
// - tauri.conf.json with its macOS and Windows sections passes the Tauri CLI's own validation
//   (`tauri inspect` loads and validates it against the CLI's schema), and names what those
//   platforms' installers need;
// - the .deb declares its dependencies and holds the binary, desktop entry and icons, and the
//   binary unpacked from it into a fresh root starts under Xvfb and paints its first screen;
// - the .rpm holds the same files and needs the same libraries.
//
//   node scripts/packages.mjs [--profile debug|release]
import { execFileSync } from "node:child_process";
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { benchTools, homeEnv, launchApp } from "./bench/launch.mjs";
import { argValue, killAllOwned, repoRoot, startXvfb, stop, targetDir } from "./lib.mjs";

const argv = process.argv.slice(2);
const profile = argValue(argv, "--profile", "debug");
const conf = JSON.parse(readFileSync(join(repoRoot, "src-tauri", "tauri.conf.json"), "utf8"));
const scratch = mkdtempSync(join(tmpdir(), "mixdeck-packages-"));
process.on("exit", () => {
  killAllOwned();
  rmSync(scratch, { recursive: true, force: true });
});
// Interrupted: stop the apps, sandboxes and displays this run started, too.
for (const sig of ["SIGINT", "SIGTERM", "SIGHUP"]) process.on(sig, () => process.exit(130));

let passed = 0;
let failed = 0;
async function check(name, fn) {
  try {
    await fn();
    passed++;
    console.log(`  ✓ ${name}`);
  } catch (e) {
    failed++;
    console.log(`  ✗ ${name}\n    ${String(e.message ?? e).replaceAll("\n", "\n    ")}`);
  }
}
function expect(ok, message) {
  if (!ok) throw new Error(message);
}
const sh = (cmd, args, options = {}) => execFileSync(cmd, args, { encoding: "utf8", ...options });

const bundleDir = join(targetDir(), profile, "bundle");
const only = (kind) => {
  const dir = join(bundleDir, kind);
  const files = existsSync(dir) ? readdirSync(dir).filter((f) => f.endsWith(`.${kind}`)) : [];
  if (files.length !== 1)
    throw new Error(`expected one .${kind} in ${dir}, found ${files.length}: build it first`);
  return join(dir, files[0]);
};
const binary = "mixdeck";
const LINUX_LIBS = ["libwebkit2gtk-4.1-0", "libgtk-3-0"];

console.log("packages:");
await check("tauri.conf.json passes the Tauri CLI's validation", () => {
  // Any schema violation (a misspelt key, a wrong type) makes the CLI exit non-zero here.
  sh(join(repoRoot, "node_modules", ".bin", "tauri"), ["inspect", "wix-upgrade-code"], {
    cwd: repoRoot,
    stdio: "pipe",
  });
});
await check("macOS and Windows installers are configured", () => {
  const { macOS, windows, icon, targets } = conf.bundle;
  expect(
    existsSync(join(repoRoot, "src-tauri", macOS.entitlements)),
    `no entitlements at ${macOS.entitlements}`,
  );
  expect(macOS.minimumSystemVersion, "macOS.minimumSystemVersion is missing");
  expect(
    windows.webviewInstallMode?.type === "downloadBootstrapper",
    "Windows installs WebView2 through its bootstrapper",
  );
  expect(windows.nsis && windows.wix, "NSIS and MSI (WiX) are both configured");
  for (const file of ["icons/icon.icns", "icons/icon.ico", "icons/32x32.png", "icons/128x128@2x.png"])
    expect(icon.includes(file) && existsSync(join(repoRoot, "src-tauri", file)), `icon ${file} is missing`);
  const workflow = readFileSync(join(repoRoot, ".github", "workflows", "release.yml"), "utf8");
  for (const want of ["macos-", "windows-", "ubuntu-", "tauri-apps/tauri-action", "tags:"])
    expect(workflow.includes(want), `release.yml does not mention ${want}`);
  expect(
    Array.isArray(targets) && targets.includes("deb") && targets.includes("rpm"),
    "Linux targets deb and rpm",
  );
});

let deb;
await check(".deb declares its package, version and libraries", () => {
  deb = only("deb");
  const field = (name) => sh("dpkg-deb", ["--field", deb, name]).trim();
  expect(field("Package") === "mixdeck", `Package is ${field("Package")}`);
  expect(field("Version") === conf.version, `Version ${field("Version")} is not ${conf.version}`);
  const depends = field("Depends");
  for (const lib of LINUX_LIBS) expect(depends.includes(lib), `Depends "${depends}" lacks ${lib}`);
  for (const lib of ["gstreamer1.0-plugins-good", "gstreamer1.0-libav"])
    expect(depends.includes(lib), `Depends "${depends}" lacks ${lib} (the player's decoders)`);
});

const root = join(scratch, "root");
await check(".deb holds the binary, a desktop entry and icons", () => {
  sh("dpkg-deb", ["-x", deb, root]);
  expect(existsSync(join(root, "usr", "bin", binary)), "no /usr/bin/mixdeck");
  const apps = readdirSync(join(root, "usr", "share", "applications"));
  expect(apps.length === 1, `desktop entries: ${apps.join(", ")}`);
  const entry = readFileSync(join(root, "usr", "share", "applications", apps[0]), "utf8");
  for (const line of [
    "Name=Mixdeck",
    `Exec=${binary}`,
    `Icon=${binary}`,
    "Type=Application",
    "Categories=Development",
  ])
    expect(entry.includes(line), `desktop entry lacks ${line}:\n${entry}`);
  const hicolor = join(root, "usr", "share", "icons", "hicolor");
  const sizes = readdirSync(hicolor).filter((s) => existsSync(join(hicolor, s, "apps", `${binary}.png`)));
  for (const size of ["32x32", "128x128"])
    expect(sizes.includes(size), `icon sizes ${sizes.join(", ")} lack ${size}`);
});

await check("the binary from the .deb starts in a fresh root and paints its first screen", async () => {
  const tools = benchTools();
  const { xvfb, display } = await startXvfb(tools.Xvfb);
  try {
    const env = homeEnv(join(scratch, "home"), display);
    const { child, startMs } = await launchApp({
      name: "installed mixdeck",
      bin: join(root, "usr", "bin", binary),
      env,
    });
    console.log(`    interactive after ${startMs} ms`);
    await stop(child);
  } finally {
    await stop(xvfb);
  }
});

await check(".rpm holds the same files and needs the same libraries", () => {
  const rpm = only("rpm");
  const files = sh("rpm", ["-qpl", rpm], { stdio: ["ignore", "pipe", "ignore"] });
  for (const f of [
    `/usr/bin/${binary}`,
    "/usr/share/applications/Mixdeck.desktop",
    `/usr/share/icons/hicolor/128x128/apps/${binary}.png`,
  ])
    expect(files.includes(f), `the .rpm lacks ${f}`);
  const requires = sh("rpm", ["-qpR", rpm], { stdio: ["ignore", "pipe", "ignore"] });
  for (const lib of ["webkit2gtk4.1", "gtk3"])
    expect(requires.includes(lib), `the .rpm does not require ${lib}`);
});

console.log(`packages: ${passed} passed, ${failed} failed`);
process.exit(failed ? 1 : 0);
