// Storage in the real app against the built-in sandbox, whose object store is a real S3 API on
// loopback: "Check storage" on the Sandbox profile (green) and in the start form with a wrong
// secret key (red, naming secretKey); a mix recording whose files are then opened, the HLS
// playlist played in the app (the video's currentTime advances), a slice downloaded and a
// presigned link copied and fetched without keys.
import { execFileSync } from "node:child_process";
import { existsSync, readdirSync, statSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type SandboxAccess, embeddedSandbox, ipcInvoker, pageHelpers, sandboxClient } from "./lib/app";
import { e2e } from "./lib/env";
import { Session, waitFor } from "./lib/webdriver";

let session: Session;
let sandboxAccess: SandboxAccess;
const sandbox = sandboxClient(() => sandboxAccess);
const { by, textOf, contentOf, clickCentered } = pageHelpers(() => session);
const invoke = ipcInvoker(() => session);
let sandboxProfile = 0;
const cname = `files-${e2e.theme}`;

async function setField(id: string, value: string) {
  const el = await by(id);
  await el.clear();
  if (value) await el.type(value);
}

function clipboard(): string {
  return execFileSync("xclip", ["-o", "-selection", "clipboard"], {
    env: { ...process.env, DISPLAY: e2e.display },
    encoding: "utf8",
  });
}

beforeAll(async () => {
  session = await Session.create({ driverUrl: e2e.driverUrl, application: e2e.application });
  await (await by("nav-profiles", 20_000)).click();
  sandboxAccess = await embeddedSandbox(contentOf);
  const profiles = await invoke<{ id: number; kind: string }[]>("list_profiles", {});
  sandboxProfile = profiles.find((p) => p.kind === "sandbox")?.id ?? 0;
});

afterAll(async () => {
  await session?.delete();
});

describe(`storage (${e2e.theme} theme)`, () => {
  it("checks the Sandbox profile's storage step by step: all green", async () => {
    await clickCentered(`profile-check-storage-${sandboxProfile}`);
    const report = `profile-storage-check-${sandboxProfile}`;
    await waitFor(
      "the check's summary",
      async () => (await contentOf(`${report}-summary`)).includes("Agora can upload here") || undefined,
      { timeoutMs: 20_000 },
    );
    const outcomes = await session.execute<string[]>(
      `return [...document.querySelectorAll('[data-testid^="${report}-step-"]')].map((e) => e.dataset.outcome);`,
    );
    expect(outcomes).toEqual(["passed", "passed", "passed", "passed", "passed", "passed"]);
    await session.execute(
      `document.querySelector('[data-testid="${report}"]').scrollIntoView({ block: "center" });`,
    );
    await session.screenshot(e2e.screenshot("storage-check-ok"));
  });

  it("names the field when the start form's secret key is wrong", async () => {
    await (await by("nav-recording")).click();
    await (await by("new-recording")).click();
    await (await by("mode-mix")).click();
    await setField("field-start-cname", cname);
    await clickCentered("storage-other-keys");
    await setField("field-start-clientRequest-storageConfig-secretKey", "not-the-secret-key");
    await clickCentered("check-storage");
    await waitFor(
      "the failed step",
      async () =>
        (await session.execute<string | null>(
          `return document.querySelector('[data-testid="storage-check-step-auth"]')?.dataset.outcome ?? null;`,
        )) === "failed" || undefined,
      { timeoutMs: 20_000 },
    );
    expect(await contentOf("storage-check-field")).toBe("secretKey");
    expect(await contentOf("storage-check-step-write")).toContain("not tried");
    expect(await contentOf("storage-check-summary")).toContain("would fail");
    const page = await session.execute<string>("return document.body.innerText;");
    expect(page).not.toContain("not-the-secret-key");
    await session.execute(
      `document.querySelector('[data-testid="storage-check"]').scrollIntoView({ block: "center" });`,
    );
    await session.screenshot(e2e.screenshot("storage-check-failed"));
    // The Sandbox profile's own secret (public, like all its keys) for the recording. (Clearing
    // the field through WebDriver does not reach React; typing does.)
    await setField("field-start-clientRequest-storageConfig-secretKey", "sandbox-secret-key");
  });

  it("records, opens the files, plays the playlist, downloads a slice and copies a link", async () => {
    await clickCentered("start-recording");
    await by("session-panel", 30_000);
    await waitFor(
      "in progress",
      async () => (await textOf("session-status")).includes("in progress") || undefined,
      {
        timeoutMs: 40_000,
      },
    );
    await sandbox("POST", "/_sandbox/clock/advance", { seconds: 8 });
    await clickCentered("session-stop");
    await by("stop-outcome", 30_000);
    await clickCentered("open-files");
    await waitFor(
      "the playlist and its slices",
      async () => {
        const kinds = await session.execute<string[]>(
          `return [...document.querySelectorAll('[data-testid="storage-file"]')].map((e) => e.dataset.kind);`,
        );
        return kinds.includes("playlist") && kinds.filter((k) => k === "slice").length >= 4
          ? kinds
          : undefined;
      },
      { timeoutMs: 20_000 },
    );
    expect(await contentOf("storage-files-where")).toContain("mixdeck-sandbox");

    // Play the playlist: hls.js over MSE, fed by Rust through mixdeck-file:.
    await session.execute(
      `document.querySelector('[data-testid="storage-file"][data-kind="playlist"] [data-testid="file-play"]').click();`,
    );
    await by("player-video");
    const t = await waitFor(
      "the video to play",
      async () => {
        const state = await session.execute<{ t: number; problem: string | null }>(
          `return { t: document.querySelector('[data-testid="player-video"]').currentTime,
                    problem: document.querySelector('[data-testid="player-problem"]')?.textContent ?? null };`,
        );
        if (state.problem) throw new Error(`the player gave up: ${state.problem}`);
        return state.t > 1 ? state.t : undefined;
      },
      { timeoutMs: 30_000 },
    );
    expect(t).toBeGreaterThan(1);
    expect(await contentOf("player-track-events")).toContain("video start");
    await session.execute(`document.querySelector('[data-testid="player-video"]').pause();`);
    await session.execute(
      `document.querySelector('[data-testid="player"]').scrollIntoView({ block: "start" });`,
    );
    await session.screenshot(e2e.screenshot("storage-player"));

    // The MP4: natively where the webview streams custom schemes (byte ranges), else loaded whole
    // (WebKitGTK's player refuses custom schemes).
    await session.execute(
      `document.querySelector('[data-testid="storage-file"][data-kind="mp4"] [data-testid="file-play"]').click();`,
    );
    await waitFor(
      "the MP4 to play",
      async () => {
        const state = await session.execute<{ t: number; src: string; problem: string | null }>(
          `const v = document.querySelector('[data-testid="player-video"]');
           return { t: v.currentTime, src: v.dataset.file,
                    problem: document.querySelector('[data-testid="player-problem"]')?.textContent ?? null };`,
        );
        if (state.problem) throw new Error(`the player gave up: ${state.problem}`);
        return state.src.endsWith(".mp4") && state.t > 1 ? true : undefined;
      },
      { timeoutMs: 30_000 },
    );
    await session.execute(`document.querySelector('[data-testid="player-video"]').pause();`);

    // Download a slice into this run's Downloads/Mixdeck folder.
    await session.execute(
      `document.querySelector('[data-testid="storage-file"][data-kind="slice"] [data-testid="file-download"]').click();`,
    );
    await waitFor(
      "the download",
      async () =>
        (await session.execute<number>(
          `return document.querySelectorAll('[data-testid="file-reveal"]').length;`,
        )) > 0 || undefined,
    );
    const folder = join(e2e.downloads, "Mixdeck");
    const saved = readdirSync(folder).flatMap((d) =>
      readdirSync(join(folder, d)).map((f) => join(folder, d, f)),
    );
    expect(saved.some((f) => f.endsWith(".ts") && statSync(f).size > 10_000)).toBe(true);

    // Copy a link: it goes to the clipboard, never into the window, and works without keys.
    await session.execute(
      `document.querySelector('[data-testid="storage-file"][data-kind="playlist"] [data-testid="file-copy-link"]').click();`,
    );
    await by("link-copied", 20_000);
    const link = clipboard();
    expect(link).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/mixdeck-sandbox\/.+\.m3u8\?.*X-Amz-Signature=/);
    const page = await session.execute<string>("return document.documentElement.outerHTML;");
    expect(page).not.toContain("X-Amz-Signature");
    const answer = await fetch(link);
    expect(answer.status).toBe(200);
    expect(await answer.text()).toContain("#EXT-X-AGORA-TRACK-EVENT");
    expect(existsSync(folder)).toBe(true);
  });
});
