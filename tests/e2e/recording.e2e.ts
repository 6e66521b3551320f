// Cloud Recording in the real app against the built-in sandbox: the start form in every mode, the
// live session panel (status, files, subscription update, pause, stop), an invalid form that sends
// nothing, and an injected 500 on start that leaves no phantom running session.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { e2e } from "./lib/env";
import { type Element, Session, waitFor } from "./lib/webdriver";

let session: Session;
let sandboxUrl: string;

async function sandbox<T>(method: string, path: string, body?: unknown): Promise<T> {
  const r = await fetch(`${sandboxUrl}${path}`, {
    method,
    headers: body === undefined ? {} : { "content-type": "application/json" },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  if (!r.ok) throw new Error(`${method} ${path}: HTTP ${r.status} ${await r.text()}`);
  const text = await r.text();
  return (text ? JSON.parse(text) : null) as T;
}

async function acquireCount(): Promise<number> {
  const log = await sandbox<{ route?: string; path?: string }[]>("GET", "/_sandbox/requests");
  return log.filter((r) => JSON.stringify(r).includes("/acquire")).length;
}

const by = (id: string, timeoutMs?: number) => session.byTestId(id, timeoutMs ? { timeoutMs } : undefined);

async function textOf(id: string): Promise<string> {
  return (await by(id)).text();
}

/**
 * An element's text content. WebDriver's "element text" skips `text-overflow: ellipsis` boxes in
 * WebKitGTK (it deems them hidden), so lists of truncated names are read this way.
 */
async function contentOf(id: string): Promise<string> {
  return session.execute<string>(
    `return document.querySelector('[data-testid="${id}"]')?.textContent ?? "";`,
  );
}

/** An input's current value (the property, not the attribute). */
async function valueOf(id: string): Promise<string> {
  await by(id);
  return session.execute<string>(`return document.querySelector('[data-testid="${id}"]').value;`);
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
  await (await by("session-stop")).click();
  const outcome = await by("stop-outcome", 30_000);
  await waitFor("state stopped", async () => (await textOf("session-state")) === "Stopped" || undefined);
  return outcome.text();
}

beforeAll(async () => {
  session = await Session.create({ driverUrl: e2e.driverUrl, application: e2e.application });
  await (await by("nav-profiles", 20_000)).click();
  sandboxUrl = (await textOf("sandbox-url")).trim();
  expect(sandboxUrl).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
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
    await startAndWaitRunning();
    await (await by("web-onhold")).click();
    await waitFor("paused", async () => (await textOf("update-done")).includes("Paused") || undefined);
    await session.screenshot(e2e.screenshot("recording-session-web"));
    await stop();
  });

  it("explains a 500 on start and leaves no phantom running session", async () => {
    await newRecording("mix", `fault-${e2e.theme}`);
    await sandbox("POST", "/_sandbox/faults", { route: "start", count: 1, kind: "httpError", status: 500 });
    await (await by("start-recording")).click();
    const error = await by("start-error", 30_000);
    expect(await error.text()).toContain("HTTP 500");
    await session.screenshot(e2e.screenshot("recording-start-fault"));
    expect(await contentOf("active-sessions")).not.toContain(`fault-${e2e.theme}`);
    await sandbox("DELETE", "/_sandbox/faults");
  });
});
