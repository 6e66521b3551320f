// Cloud Transcoding in the real app against the built-in sandbox: a task with two video inputs
// and a watermark built in the form, created, updated twice (the sandbox must see sequenceId 1
// then 2 and the moved region), deleted; a reused instanceId refused with its explanation; a
// template saved and listed.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type SandboxAccess, embeddedSandbox, pageHelpers, sandboxClient } from "./lib/app";
import { e2e } from "./lib/env";
import { type Element, Session, waitFor } from "./lib/webdriver";

let session: Session;
let sandboxAccess: SandboxAccess;
const sandbox = sandboxClient(() => sandboxAccess);
const { by, textOf, contentOf, valueOf, clickCentered } = pageHelpers(() => session);

/** Sets a field of the create form (or, with prefix `update-`, of a task's update form). */
async function setField(path: string, value: string, prefix = ""): Promise<Element> {
  const id = `${prefix}field-${path.replace(/\./g, "-")}`;
  await session.execute(
    `document.querySelector('[data-testid="${id}"]')?.scrollIntoView({ block: "center" });`,
  );
  const el = await by(id);
  // A clear or keystrokes landing in a re-render (the previous field's commit) can be lost in
  // WebKitGTK, and typing would then append ("67" + "100") or drop a digit: clear until the
  // field is empty, type, and do it again until the field holds exactly the value.
  await waitFor(`${id} = ${JSON.stringify(value)}`, async () => {
    await waitFor(`${id} cleared`, async () => {
      await el.clear();
      return (await valueOf(id)) === "" || undefined;
    });
    if (value) await el.type(value);
    return (await valueOf(id)) === value || undefined;
  });
  return el;
}

/** Fills a new task: one audio input (the whole channel), video inputs for `uids`, an RTC output. */
async function fillTask(instanceId: string, uids: string[], watermark: boolean) {
  await setField("instanceId", instanceId);
  await setField("transcoder.audioInputs.0.rtc.rtcChannel", "show");
  await setField("transcoder.videoInputs.0.rtc.rtcChannel", "show");
  await setField("transcoder.videoInputs.0.rtc.rtcUid", uids[0] ?? "101");
  for (const [i, uid] of uids.slice(1).entries()) {
    await clickCentered("add-videoInputs");
    await setField(`transcoder.videoInputs.${i + 1}.rtc.rtcUid`, uid);
    await setField(`transcoder.videoInputs.${i + 1}.region.x`, "640");
    await setField(`transcoder.videoInputs.${i + 1}.region.y`, "0");
  }
  if (watermark) {
    await clickCentered("add-waterMarks");
    await setField("transcoder.waterMarks.0.imageUrl", "https://example.com/logo.png");
  }
  await setField("transcoder.outputs.0.rtc.rtcChannel", "show-out");
}

async function create(): Promise<string> {
  await clickCentered("create-task");
  const panel = await by("task-panel", 30_000);
  await waitFor("the task running", async () => (await textOf("task-state")) === "Running" || undefined, {
    timeoutMs: 20_000,
  });
  return (await panel.attribute("data-session-id")) ?? "";
}

async function taskId(): Promise<string> {
  return session.execute<string>(
    `return document.querySelector('[data-testid="session-taskId"]')?.textContent ?? "";`,
  );
}

beforeAll(async () => {
  session = await Session.create({ driverUrl: e2e.driverUrl, application: e2e.application });
  await (await by("nav-profiles", 20_000)).click();
  sandboxAccess = await embeddedSandbox(contentOf);
  await (await by("nav-transcoding")).click();
  await by("create-task-form");
});

afterAll(async () => {
  await session?.delete();
});

describe(`transcoding (${e2e.theme} theme)`, () => {
  it("refuses an incomplete task naming the field, and sends nothing", async () => {
    await session.screenshot(e2e.screenshot("transcoding-form-new"));
    await clickCentered("create-task");
    await waitFor("the field errors", async () => {
      const t = await contentOf("create-task-progress");
      return t.includes("nothing was sent") ? t : undefined;
    });
    const form = await contentOf("transcoding-form");
    expect(form).toContain("must be a user's uid");
    const log = await sandbox<unknown[]>("GET", "/_sandbox/requests");
    expect(JSON.stringify(log)).not.toContain("builderTokens");
  });

  it("creates a task with two video inputs and a watermark, updates a region twice, deletes it", async () => {
    await fillTask(`e2e-${e2e.theme}`, ["101", "102"], true);
    const preview = await session.execute<number>(
      `return document.querySelectorAll('[data-testid="canvas-preview"] g').length;`,
    );
    expect(preview).toBe(3);
    await session.execute(
      `document.querySelector('[data-testid="canvas-preview"]').scrollIntoView({ block: "center" });`,
    );
    await session.screenshot(e2e.screenshot("transcoding-canvas"));

    // Move the second input in the canvas editor with a real pointer drag.
    const value = (path: string) =>
      session.execute<string>(
        `return document.querySelector('[data-testid="field-${path.replace(/\./g, "-")}"]').value;`,
      );
    const x0 = Number(await value("transcoder.videoInputs.1.region.x"));
    const y0 = Number(await value("transcoder.videoInputs.1.region.y"));
    await clickCentered("edit-canvas");
    await by("layout-canvas");
    await (await by("toggle-snap")).click();
    const canvas = await session.rectOf('[data-testid="layout-canvas"]');
    const tile = await session.rectOf('[data-testid="tile-2"]');
    const grab = { x: tile.x + tile.width / 2, y: tile.y + tile.height / 2 };
    await session.drag(grab, { x: grab.x - 60, y: grab.y + 45 });
    await session.screenshot(e2e.screenshot("transcoding-canvas-editor"));
    await (await by("canvas-use")).click();
    const x1 = Number(await value("transcoder.videoInputs.1.region.x"));
    const y1 = Number(await value("transcoder.videoInputs.1.region.y"));
    // The pointer's path in canvas pixels, within a couple of pixels of rounding.
    expect(Math.abs(x1 - x0 + (60 * 1280) / canvas.width)).toBeLessThan(3);
    expect(Math.abs(y1 - y0 - (45 * 720) / canvas.height)).toBeLessThan(3);
    await create();
    const id = await taskId();
    expect(id).not.toBe("");
    expect(await textOf("task-status")).toMatch(/IN_PROGRESS|STARTED|CREATED|PREPARED|IDLE|STARTING/);
    await session.screenshot(e2e.screenshot("transcoding-task"));

    for (const [n, y] of [
      [1, "100"],
      [2, "200"],
    ] as const) {
      await clickCentered("task-edit");
      await setField("transcoder.videoInputs.1.region.x", "700", "update-");
      await setField("transcoder.videoInputs.1.region.y", y, "update-");
      if (n === 1) await session.screenshot(e2e.screenshot("transcoding-update"));
      // The click blurs the field, whose commit re-renders the form: a click landing in that
      // re-render can be lost in WebKitGTK, so blur first and click again if nothing was sent.
      const sent = async () =>
        (await sandbox<{ updates: unknown[] }>("GET", `/_sandbox/tasks/${id}`)).updates.length >= n;
      for (let attempt = 0; attempt < 3 && !(await sent()); attempt++) {
        await session.execute("document.activeElement?.blur();");
        await clickCentered("task-send-update");
        if (
          await waitFor("the update sent", async () => (await sent()) || undefined, {
            timeoutMs: 5_000,
          }).catch(() => false)
        )
          break;
      }
      if (!(await sent())) {
        await session.screenshot(e2e.screenshot(`transcoding-update-${n}-not-sent`));
        // What the form refused, for the log.
        console.log(
          "update not sent; the form says:",
          await session.execute<string[]>(
            `return [...document.querySelectorAll(".text-danger")].map((e) => e.textContent);`,
          ),
        );
      }
      await waitFor(
        `update ${n}`,
        async () => (await contentOf("task-updated")).includes(`sequenceId ${n}`) || undefined,
        { timeoutMs: 15_000 },
      ).catch(async (e: unknown) => {
        await session.screenshot(e2e.screenshot(`transcoding-update-${n}-no-status`));
        throw e;
      });
    }
    const task = await sandbox<{
      updates: { sequenceId: number; applied: boolean }[];
      config: { videoInputs: { region: { x: number; y: number } }[] };
    }>("GET", `/_sandbox/tasks/${id}`);
    expect(task.updates.map((u) => [u.sequenceId, u.applied])).toEqual([
      [1, true],
      [2, true],
    ]);
    expect(task.config.videoInputs[1]?.region).toMatchObject({ x: 700, y: 200 });

    await clickCentered("task-delete");
    await waitFor("the task stopped", async () => (await textOf("task-state")) === "Stopped" || undefined);
  });

  it("explains a 409 when the instance id already has a running task", async () => {
    await clickCentered("new-task");
    await setField("instanceId", `e2e-dup-${e2e.theme}`);
    await create();
    await clickCentered("new-task");
    await clickCentered("create-task");
    const error = await by("create-task-error", 20_000);
    const text = await error.text();
    expect(text).toContain("HTTP 409");
    expect(text.toLowerCase()).toContain("instanceid");
    await session.execute(
      `document.querySelector('[data-testid="create-task-error"]').scrollIntoView({ block: "center" });`,
    );
    await session.screenshot(e2e.screenshot("transcoding-409"));
  });

  it("keeps a task whose create got a 500 as 'may be running', openable", async () => {
    await clickCentered("new-task");
    await setField("instanceId", `e2e-500-${e2e.theme}`);
    await sandbox("POST", "/_sandbox/faults", { route: "create", count: 1, kind: "httpError", status: 500 });
    await clickCentered("create-task");
    const error = await by("create-task-error", 30_000);
    expect(await error.text()).toContain("may have been created");
    expect(await contentOf("create-task-progress")).toContain("May be running");
    await clickCentered("open-maybe-task");
    await by("task-panel");
    await by("session-may-be-recording");
    await session.screenshot(e2e.screenshot("transcoding-maybe"));
  });

  it("saves a template and lists it", async () => {
    await (await by("tc-view-templates")).click();
    await by("templates-panel");
    const codec = (await by("template-codec-id")) as Element;
    await codec.clear();
    await codec.type(`hd-${e2e.theme}`);
    await (await by("template-save")).click();
    const row = await by(`template-hd-${e2e.theme}`, 15_000);
    expect(await row.text()).toContain("1280 × 720 @ 30 fps");
    await session.screenshot(e2e.screenshot("transcoding-templates"));
    await (await by("tc-view-tasks")).click();
  });
});
