// Cloud Recording in the real app against the built-in sandbox: the start form in every mode, the
// live session panel (status, files, subscription update, pause, stop), an invalid form that sends
// nothing, and an injected 500 on start that leaves no phantom running session.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type SandboxAccess, embeddedSandbox, pageHelpers, sandboxClient } from "./lib/app";
import { e2e } from "./lib/env";
import { type Element, Session, waitFor } from "./lib/webdriver";

let session: Session;
let sandboxAccess: SandboxAccess;
const sandbox = sandboxClient(() => sandboxAccess);
const { by, textOf, contentOf, valueOf, clickCentered, waitForEnabled } = pageHelpers(() => session);

async function acquireCount(): Promise<number> {
  const log = await sandbox<{ route?: string; path?: string }[]>("GET", "/_sandbox/requests");
  return log.filter((r) => JSON.stringify(r).includes("/acquire")).length;
}

async function setField(id: string, value: string): Promise<Element> {
  const el = await by(id);
  await el.clear();
  if (value) await el.type(value);
  return el;
}

async function newRecording(mode: "mix" | "individual" | "web", cname: string) {
  await (await by("new-recording")).click();
  await (await by(`mode-${mode}`)).click();
  await setField("field-start-cname", cname);
}

async function startAndWaitRunning(): Promise<string> {
  await (await by("start-recording")).click();
  const panel = await by("session-panel", 30_000);
  await waitFor(
    "status in progress",
    async () => (await textOf("session-status")).includes("in progress") || undefined,
    {
      timeoutMs: 40_000,
    },
  );
  expect(await textOf("session-state")).toBe("Running");
  return (await panel.attribute("data-session-id")) ?? "";
}

async function stop(): Promise<string> {
  await clickCentered("session-stop");
  const outcome = await by("stop-outcome", 30_000);
  await waitFor("state stopped", async () => (await textOf("session-state")) === "Stopped" || undefined);
  return outcome.text();
}

interface Region {
  x_axis: number;
  y_axis: number;
  width: number;
  height: number;
}

/** `actual` (normalized) is within one on-screen pixel of `expected`, for a canvas `size` px across. */
function expectWithinPx(actual: number, expected: number, size: number) {
  expect(Math.abs(actual - expected) * size, `${actual} vs ${expected}`).toBeLessThanOrEqual(1);
}

/** Tile N's rect as the inspector shows it (normalized, 6 decimals), after selecting it. */
async function tileRect(n: number): Promise<{ x: number; y: number; w: number; h: number }> {
  await session.painted();
  const selected = await session.execute<string | null>(
    `return document.querySelector('[data-testid="tile-${n}"]').getAttribute("aria-pressed");`,
  );
  if (selected !== "true") await (await by(`tile-${n}`)).click();
  const num = async (f: string) => Number(await valueOf(`inspector-${f}`));
  return { x: await num("x"), y: await num("y"), w: await num("w"), h: await num("h") };
}

beforeAll(async () => {
  session = await Session.create({ driverUrl: e2e.driverUrl, application: e2e.application });
  await (await by("nav-profiles", 20_000)).click();
  // The card shows "…" until the embedded sandbox has started and answered.
  sandboxAccess = await embeddedSandbox(contentOf);
  await sandbox("DELETE", "/_sandbox/faults");
  await (await by("nav-recording")).click();
  await by("start-form");
});

afterAll(async () => {
  await session?.delete();
});

describe(`recording (${e2e.theme} theme)`, () => {
  it("refuses an invalid form with the field's error and sends nothing", async () => {
    await session.screenshot(e2e.screenshot("recording-form-mix"));
    const before = await acquireCount();
    await setField("field-start-cname", "");
    await setField("field-start-clientRequest-recordingConfig-maxIdleTime", "2");
    await (await by("start-recording")).click();
    const form = await by("start-form");
    await waitFor("the field errors", async () => {
      const t = await form.text();
      return (t.includes("cname") || t.includes("must not be empty")) &&
        t.includes("must be between 5 and 2592000")
        ? t
        : undefined;
    });
    expect(await contentOf("start-progress")).toContain("nothing was sent");
    await session.screenshot(e2e.screenshot("recording-form-error"));
    expect(await acquireCount()).toBe(before);
    await setField("field-start-clientRequest-recordingConfig-maxIdleTime", "30");
  });

  it("shows the exact body in the JSON tab, two-way, and copies curl with secrets redacted", async () => {
    await setField("field-start-cname", `json-${e2e.theme}`);
    await (await by("tab-json")).click();
    const editor = await by("json-editor");
    const body = JSON.parse(await valueOf("json-editor")) as {
      cname: string;
      clientRequest: { recordingConfig: { maxIdleTime: number } };
    };
    expect(body.cname).toBe(`json-${e2e.theme}`);
    body.clientRequest.recordingConfig.maxIdleTime = 77;
    await editor.clear();
    await editor.type(JSON.stringify(body));
    await session.screenshot(e2e.screenshot("recording-json"));
    await editor.type("}");
    await waitFor(
      "the syntax error",
      async () => (await textOf("json-syntax-error")).includes("Line 1") || undefined,
    );
    await (await by("tab-form")).click();
    expect(await valueOf("field-start-clientRequest-recordingConfig-maxIdleTime")).toBe("77");

    await (await by("copy-curl")).click();
    const copied = await textOf("copied-text");
    expect(copied).toContain("curl -X POST");
    expect(copied).toContain("Basic <redacted>");
    expect(copied).toContain("/mode/mix/start");
    expect(copied).not.toContain("sandbox-secret-key");
    expect(copied).not.toContain("sandbox-customer-secret");
    expect(
      await session.find('[data-testid="copy-error"]'),
      "the OS clipboard took the text",
    ).toBeUndefined();
  });

  it("warns, on request, that a start into an empty channel would end with code 435", async () => {
    const cname = `empty-${e2e.theme}`;
    await sandbox("PUT", `/_sandbox/channels/${cname}`, { publishers: [] });
    await newRecording("mix", cname);
    const before = await acquireCount();
    await clickCentered("check-channel");
    const warning = await by("channel-warning-channelEmpty", 20_000);
    expect(await warning.text()).toContain("435");
    await session.execute(
      `document.querySelector('[data-testid="channel-check"]').scrollIntoView({ block: "center" });`,
    );
    await session.screenshot(e2e.screenshot("recording-channel-check"));
    expect(await acquireCount()).toBe(before);
    // Someone starts publishing: the same check has nothing to say.
    await sandbox("PUT", `/_sandbox/channels/${cname}`, { publishers: [4001] });
    await clickCentered("check-channel");
    await by("channel-check-ok", 20_000);
  });

  it("starts a mix recording, shows files, updates subscriptions and stops", async () => {
    await newRecording("mix", `mix-${e2e.theme}`);
    const id = await startAndWaitRunning();
    await waitFor(
      "files",
      async () => (await session.find('[data-testid="session-files"] li')) ?? undefined,
      {
        timeoutMs: 30_000,
      },
    );
    const sid = (
      await session.execute<string>(
        `return document.querySelector('[data-testid="session-sid"]')?.textContent ?? "";`,
      )
    ).trim();
    expect(sid).toMatch(/^[0-9a-f]{32}$/);
    expect(await contentOf("active-sessions")).toContain(`mix-${e2e.theme}`);
    await session.screenshot(e2e.screenshot("recording-session-mix"));

    const chip = await session.waitForElement('[data-testid="sub-subscribeAudioUids"] input');
    await chip.type("1001\n");
    await (await by("apply-subscriptions")).click();
    await by("update-done");
    const view = await sandbox<{ updates?: unknown[] }>("GET", `/_sandbox/sessions/${sid}`);
    expect(JSON.stringify(view)).toContain("1001");

    const outcome = await stop();
    expect(outcome).toContain("upload");
    expect(await (await by("session-files")).text()).toContain(".m3u8");
    await session.screenshot(e2e.screenshot("recording-stopped"));
    expect(id).not.toBe("");
  });

  it("starts and stops an individual and a web recording", async () => {
    await newRecording("individual", `ind-${e2e.theme}`);
    await by("section-snapshotConfig");
    expect(await session.find('[data-testid="section-transcodingConfig"]')).toBeUndefined();
    await startAndWaitRunning();
    await stop();

    await newRecording("web", `web-${e2e.theme}`);
    expect(await session.find('[data-testid="section-recordingConfig"]')).toBeUndefined();
    await session.screenshot(e2e.screenshot("recording-form-web"));
    // The documented range under a number field comes from Rust's limits, through the bindings.
    const fps = "field-start-clientRequest-extensionServiceConfig-extensionServices-0-serviceParam-videoFps";
    await session.execute(
      `document.querySelector('[data-testid="${fps}"]').scrollIntoView({ block: "center" });`,
    );
    const fpsHint = await session.execute<string>(
      `const el = document.querySelector('[data-testid="${fps}"]');
       return (el.getAttribute("aria-describedby") || "").split(" ").map((id) => document.getElementById(id)?.innerText || "").join(" ");`,
    );
    expect(fpsHint).toContain("5–60; default 15.");
    await session.screenshot(e2e.screenshot("recording-form-web-limits"));
    await startAndWaitRunning();
    await (await by("web-onhold")).click();
    await waitFor("paused", async () => (await textOf("update-done")).includes("Paused") || undefined);
    await session.screenshot(e2e.screenshot("recording-session-web"));
    await stop();
  });

  it("builds a custom layout with the mouse, applies it live and keeps it in the session's history", async () => {
    await newRecording("mix", `layout-${e2e.theme}`);
    // From the start form: a generated layout becomes mixedVideoLayout 3 + layoutConfig.
    await clickCentered("edit-layout");
    await by("layout-canvas");
    await session.choose("preset-kind", "grid");
    await session.choose("preset-count", "4");
    await (await by("preset-generate")).click();
    await by("tile-4");
    await waitForEnabled("layout-use");
    await session.screenshot(e2e.screenshot("layout-editor-form"));
    await (await by("layout-use")).click();
    await waitFor(
      "the dialog to close",
      async () => (await session.find('[data-testid="layout-dialog"]')) === undefined,
    );
    expect(
      await valueOf("field-start-clientRequest-recordingConfig-transcodingConfig-mixedVideoLayout"),
    ).toBe("3");
    await startAndWaitRunning();
    const sid = (await contentOf("session-sid")).trim();
    expect(await contentOf("session-layout-current")).toContain("custom, 4 regions");

    // Live: five users, best fit, then one tile dragged and another resized with a real mouse.
    await waitForEnabled("session-edit-layout");
    await (await by("session-edit-layout")).click();
    await by("layout-canvas");
    await (await by("toggle-snap")).click(); // exact pointer deltas, no snapping
    await session.choose("preset-kind", "best-fit");
    await session.choose("preset-count", "5");
    await (await by("preset-generate")).click();
    await by("tile-5");
    const canvas = await session.rectOf('[data-testid="layout-canvas"]');

    const before1 = await tileRect(1);
    const t1 = await session.rectOf('[data-testid="tile-1"]');
    const grab = { x: t1.x + t1.width / 2, y: t1.y + t1.height / 2 };
    await session.drag(grab, { x: grab.x + 40, y: grab.y + 24 });
    const after1 = await tileRect(1);
    // Within a pixel of the pointer's path (the inspector rounds to 6 decimals).
    expectWithinPx(after1.x - before1.x, 40 / canvas.width, canvas.width);
    expectWithinPx(after1.y - before1.y, 24 / canvas.height, canvas.height);

    await (await by("tile-2")).click();
    const before2 = await tileRect(2);
    const handle = await session.rectOf('[data-testid="handle-se"]');
    const corner = { x: handle.x + handle.width / 2, y: handle.y + handle.height / 2 };
    await session.drag(corner, { x: corner.x - 30, y: corner.y - 20 });
    const after2 = await tileRect(2);
    expect(after2.x).toBeCloseTo(before2.x, 5);
    expectWithinPx(before2.w - after2.w, 30 / canvas.width, canvas.width);
    expectWithinPx(before2.h - after2.h, 20 / canvas.height, canvas.height);

    // The keyboard reaches tiles too: Shift+→ moves the focused tile 10 output pixels.
    await session.keys(["\uE014"], ["\uE008"]);
    const nudged = await tileRect(2);
    expect(nudged.x).toBeGreaterThan(after2.x);
    await session.screenshot(e2e.screenshot("layout-editor-live"));

    await waitForEnabled("layout-apply");
    await (await by("layout-apply")).click();
    await by("layout-applied", 20_000);
    const view = await sandbox<{
      layouts: { body: { clientRequest: { layoutConfig: Region[]; backgroundColor: string } } }[];
    }>("GET", `/_sandbox/sessions/${sid}`);
    const sent = view.layouts[view.layouts.length - 1]?.body.clientRequest;
    expect(sent?.layoutConfig).toHaveLength(5);
    expect(sent?.backgroundColor).toBe("#000000");
    const r1 = sent?.layoutConfig[0] as Region;
    const r2 = sent?.layoutConfig[1] as Region;
    expect(r1.x_axis).toBeCloseTo(after1.x, 5);
    expect(r1.y_axis).toBeCloseTo(after1.y, 5);
    expect(r2.width).toBeCloseTo(after2.w, 5);
    expect(r2.height).toBeCloseTo(after2.h, 5);
    expect(r2.x_axis).toBeCloseTo(nudged.x, 5);

    // Snapping back on: tile 5, dragged towards tile 3, shows a guide where it snaps.
    await (await by("toggle-snap")).click();
    const t5 = await session.rectOf('[data-testid="tile-5"]');
    const t3 = await session.rectOf('[data-testid="tile-3"]');
    const from5 = { x: t5.x + t5.width / 2, y: t5.y + t5.height / 2 };
    await session.hold(from5, { x: from5.x + (t3.x - t5.x) + 3, y: from5.y + 12 });
    try {
      // 3 px off tile 3's left edge: tile 5 snaps onto it, and a vertical guide marks that edge.
      await waitFor("a guide on tile 3's left edge", async () =>
        (
          await session.execute<{ x: number; width: number }[]>(
            `return [...document.querySelectorAll('[data-testid="snap-guide"]')].map((g) => {
               const r = g.getBoundingClientRect();
               return { x: r.x, width: r.width };
             });`,
          )
        ).some((g) => g.width <= 1 && Math.abs(g.x - t3.x) <= 1.5),
      );
      await session.screenshot(e2e.screenshot("layout-editor-snap"));
    } finally {
      // Never leave the button down for the tests that follow.
      await session.release();
    }
    await waitFor(
      "the guides to go",
      async () => (await session.find('[data-testid="snap-guide"]')) === undefined,
    );

    await (await by("layout-close")).click();
    await waitFor(
      "the applied layout in the session's history",
      async () => (await contentOf("layout-history")).includes("Applied: custom, 5 regions") || undefined,
    );
    expect(await contentOf("session-layout-current")).toContain("custom, 5 regions");
    await session.screenshot(e2e.screenshot("layout-history"));
    await stop();

    await (await by("nav-layouts")).click();
    await by("tile-4");
    await session.screenshot(e2e.screenshot("layouts-view"));
    await (await by("nav-recording")).click();
  });

  it("shows a start Agora refused as failed, with what it means, what to do and the request id", async () => {
    const cname = `refused-${e2e.theme}`;
    await newRecording("mix", cname);
    await sandbox("POST", "/_sandbox/faults", {
      route: "start",
      count: 1,
      kind: "agoraError",
      status: 400,
      code: 2,
    });
    await (await by("start-recording")).click();
    await by("start-error", 30_000);
    await sandbox("DELETE", "/_sandbox/faults");
    // The stored error, read back from the history, says as much as the live one did.
    await session.execute(
      `[...document.querySelectorAll('[data-testid^="session-item-"]')].find((e) => e.textContent.includes(${JSON.stringify(cname)})).click();`,
    );
    const stored = await by("session-stored-error", 15_000);
    const text = await stored.text();
    expect(text).toContain("What it means:");
    expect(text).toContain("What to do:");
    expect(text).toContain("Agora code 2");
    expect(text).toContain("X-Request-ID");
    await session.screenshot(e2e.screenshot("recording-stored-error"));
  });

  it("explains a 500 on start and keeps the session visible as 'may be recording'", async () => {
    await newRecording("mix", `fault-${e2e.theme}`);
    await sandbox("POST", "/_sandbox/faults", { route: "start", count: 1, kind: "httpError", status: 500 });
    await (await by("start-recording")).click();
    await by("start-error", 30_000);
    // Read in the page: the callout re-renders as the session's state comes in.
    await waitFor(
      "the 500 explained",
      async () => (await contentOf("start-error")).includes("HTTP 500") || undefined,
    );
    await session.screenshot(e2e.screenshot("recording-start-fault"));
    // A 5xx from start is ambiguous (Agora may have started it): never shown as failed.
    await waitFor(
      "the session in the active list",
      async () => (await contentOf("active-sessions")).includes(`fault-${e2e.theme}`) || undefined,
    );
    expect(await contentOf("active-sessions")).toContain("May be recording");
    expect(await textOf("active-may-be-recording")).toContain("1 may be recording");
    // Nothing runs on the server: the sandbox only answered 500 instead.
    const state = await sandbox<{ sessions: { cname: string }[] }>("GET", "/_sandbox/state");
    expect(state.sessions.some((x) => x.cname === `fault-${e2e.theme}`)).toBe(false);
    await sandbox("DELETE", "/_sandbox/faults");
  });
});
