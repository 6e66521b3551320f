// The app opens, every sidebar view is reachable, the OS theme renders, the backend answers.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { e2e } from "./lib/env";
import { Session, waitFor } from "./lib/webdriver";

const VIEWS = [
  ["profiles", "Profiles"],
  ["recording", "Recording"],
  ["transcoding", "Transcoding"],
  ["layouts", "Layouts"],
  ["history", "History"],
] as const;

let session: Session;

beforeAll(async () => {
  session = await Session.create({ driverUrl: e2e.driverUrl, application: e2e.application });
  await session.byTestId("app-shell", { timeoutMs: 20_000 });
});

afterAll(async () => {
  await session?.delete();
});

describe(`app shell (${e2e.theme} theme)`, () => {
  it("opens on the Recording view", async () => {
    const view = await session.byTestId("view-recording");
    expect(await view.text()).toContain("Recording");
  });

  it("reaches every sidebar view", async () => {
    for (const [id, label] of VIEWS) {
      await (await session.byTestId(`nav-${id}`)).click();
      const heading = await session.waitForElement(`[data-testid="view-${id}"] h1`);
      expect(await heading.text()).toBe(label);
      expect(await (await session.byTestId(`nav-${id}`)).attribute("aria-current")).toBe("page");
      await session.screenshot(e2e.screenshot(`shell-${id}`));
    }
  });

  it("renders the theme the OS asks for", async () => {
    const { dark, background } = await session.execute<{ dark: boolean; background: string }>(
      `return { dark: matchMedia("(prefers-color-scheme: dark)").matches,
                background: getComputedStyle(document.body).backgroundColor };`,
    );
    expect(dark).toBe(e2e.theme === "dark");
    const [r = 0, g = 0, b = 0] = (background.match(/\d+(\.\d+)?/g) ?? []).map(Number);
    const luminance = (0.2126 * r + 0.7152 * g + 0.0722 * b) / 255;
    if (e2e.theme === "dark") expect(luminance).toBeLessThan(0.2);
    else expect(luminance).toBeGreaterThan(0.8);
  });

  it("shows the version the backend reports in the status bar", async () => {
    const status = await session.byTestId("status-app");
    const text = await waitFor("app version in the status bar", async () => {
      const t = await status.text();
      return /Mixdeck \d+\.\d+\.\d+/.test(t) ? t : undefined;
    });
    expect(text).toContain("debug build");
    const profile = await session.byTestId("status-profile");
    await waitFor("the active profile", async () => (await profile.text()).includes("Sandbox") || undefined);
  });

  it("shows About with the version and where data and logs live", async () => {
    await (await session.byTestId("status-about")).click();
    const version = await session.byTestId("about-version");
    const text = await waitFor("the About version", async () => (await version.text()) || undefined);
    expect(text).toMatch(/^Version \d+\.\d+\.\d+ · debug build · linux$/);
    // The run's own data home (scripts/e2e.mjs), as Tauri resolves it for this identifier.
    const dataDir = await (await session.byTestId("about-data-dir")).text();
    expect(dataDir).toBe(`${e2e.dataHome}/io.mixdeck.desktop`);
    expect(await (await session.byTestId("about-log-dir")).text()).toBe(`${dataDir}/logs`);
    await session.screenshot(e2e.screenshot("about"));
    await (await session.byTestId("about-close")).click();
    await waitFor(
      "About to close",
      async () => (await session.find('[data-testid="about-dialog"]')) === undefined || undefined,
    );
  });

  it("validates a payload over the real IPC, with field paths", async () => {
    const result = await session.executeAsync<unknown>(
      `const done = arguments[arguments.length - 1];
       window.__TAURI_INTERNALS__.invoke("validate_payload", { request: {
         kind: "recordingStop", mode: "mix",
         body: { cname: "room/1", uid: "0", clientRequest: { async_stop: true } } } })
         .then(done, (e) => done({ rejected: String(e) }));`,
    );
    expect(result).toEqual([
      { path: "cname", message: expect.stringContaining("'/' is not allowed"), severity: "error" },
      { path: "uid", message: expect.stringContaining("1 to 4294967295"), severity: "error" },
    ]);
  });

  it("routes IPC through the isolation frame, which refuses what the app never sends", async () => {
    const frames = await session.execute<string[]>(
      `return [...document.querySelectorAll("iframe#__tauri_isolation__")].map((f) => getComputedStyle(f).display);`,
    );
    // One frame, and hidden (the CSP refuses Tauri's inline style; styles.css hides it).
    expect(frames).toEqual(["none"]);
    const t0 = Date.now();
    const result = await session.executeAsync<{ rejected?: string }>(
      `const done = arguments[arguments.length - 1];
       window.__TAURI_INTERNALS__.invoke("plugin:shell|execute", { program: "sh", args: ["-c", "id"] })
         .then(() => done({}), (e) => done({ rejected: String(e) }));`,
    );
    expect(result.rejected).toMatch(/isolation_refused/);
    expect(Date.now() - t0).toBeLessThan(5_000);
  });

  it("refuses what the main window's capability does not grant", async () => {
    const result = await session.executeAsync<{ rejected?: string }>(
      `const done = arguments[arguments.length - 1];
       window.__TAURI_INTERNALS__.invoke("plugin:app|version")
         .then(() => done({}), (e) => done({ rejected: String(e) }));`,
    );
    expect(result.rejected).toMatch(/not allowed/i);
  });
});
