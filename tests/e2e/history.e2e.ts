// History in the real app against the built-in sandbox: after a mix recording (with a layout
// update), an individual recording and a transcoding task ran through the app's own commands,
// the history lists them; filters and search narrow the list and survive a restart; the detail
// shows the timeline (a repeated poll folded) and the layouts applied; Run again fills the start
// form and starts a new session; the export holds no secret; delete asks first and sends nothing.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type SandboxAccess, embeddedSandbox, ipcInvoker, pageHelpers, sandboxClient } from "./lib/app";
import { e2e } from "./lib/env";
import { Session, waitFor } from "./lib/webdriver";

let session: Session;
let sandboxAccess: SandboxAccess;
const sandbox = sandboxClient(() => sandboxAccess);
const { by, contentOf, valueOf, clickCentered } = pageHelpers(() => session);
const invoke = ipcInvoker(() => session);

const tag = `hist-${e2e.theme}`;
const STORAGE_SECRET = `sk-${tag}-shh`;
const ACCESS_KEY = `ak-${tag}-shh`;

interface Row {
  id: number;
  sid: string | null;
  state: string;
}

function start(cname: string, mode: "mix" | "individual") {
  return {
    request: {
      profileId: sandboxProfile,
      mode,
      acquire: {},
      start: {
        cname,
        uid: "900001",
        clientRequest: {
          recordingConfig: {
            channelType: 1,
            ...(mode === "mix"
              ? { transcodingConfig: { width: 640, height: 360, mixedVideoLayout: 1 } }
              : { subscribeUidGroup: 0 }),
          },
          recordingFileConfig: { avFileType: ["hls"] },
          storageConfig: {
            vendor: 1,
            region: 0,
            bucket: "bucket",
            accessKey: ACCESS_KEY,
            secretKey: STORAGE_SECRET,
          },
        },
      },
      retryCode65: false,
      generateToken: false,
    },
  };
}

let sandboxProfile = 0;
const ids: { mix: number; individual: number; task: number } = { mix: 0, individual: 0, task: 0 };

async function openApp() {
  session = await Session.create({ driverUrl: e2e.driverUrl, application: e2e.application });
  await by("nav-history", 20_000);
}

async function rowIds(): Promise<number[]> {
  return session.execute<number[]>(
    `return [...document.querySelectorAll('[data-testid^="history-row-"]')]
       .map((e) => Number(e.dataset.testid.slice("history-row-".length))).filter((n) => n > 0);`,
  );
}

async function waitRows(what: string, test: (ids: number[]) => boolean): Promise<number[]> {
  return waitFor(what, async () => {
    const r = await rowIds();
    return test(r) ? r : undefined;
  });
}

/** Types a search and waits until the route holds it (the box writes it after a pause). */
async function search(text: string) {
  const box = await by("history-search");
  await box.clear();
  if (text) await box.type(text);
  await waitFor(`the route to hold ${JSON.stringify(text)}`, async () => {
    const q = await session.execute<string | null>(
      `return new URLSearchParams(location.hash.split("?")[1] ?? "").get("q");`,
    );
    return (q ?? "") === text || undefined;
  });
}

/** Clicks a history row in the page: rows are re-rendered as pages arrive, so no element is held. */
async function openRow(id: number) {
  await by(`history-row-${id}`);
  await session.execute(`document.querySelector('[data-testid="history-row-${id}"]').click();`);
  await by("history-detail", 20_000);
}

async function readSandboxUrl() {
  await (await by("nav-profiles")).click();
  sandboxAccess = await embeddedSandbox(contentOf);
}

beforeAll(async () => {
  await openApp();
  await readSandboxUrl();
  const profiles = await invoke<{ id: number; name: string }[]>("list_profiles", {});
  sandboxProfile = profiles.find((p) => p.name === "Sandbox")?.id ?? 0;

  // A mix recording: a poll, a custom layout, three polls with nothing new (folded), stop.
  const mix = await invoke<Row>("begin_recording", start(`${tag}-mix`, "mix"));
  ids.mix = mix.id;
  await sandbox("POST", "/_sandbox/clock/advance", { seconds: 30 });
  await invoke("query_recording", { id: mix.id });
  await invoke("update_layout", {
    id: mix.id,
    layout: {
      mixedVideoLayout: 3,
      backgroundColor: "#203040",
      layoutConfig: [
        { uid: "1001", x_axis: 0, y_axis: 0, width: 0.5, height: 1 },
        { uid: "1002", x_axis: 0.5, y_axis: 0, width: 0.5, height: 1 },
      ],
    },
  });
  for (let i = 0; i < 3; i++) await invoke("query_recording", { id: mix.id });
  await invoke("stop_recording", { id: mix.id, asyncStop: false });

  const individual = await invoke<Row>("begin_recording", start(`${tag}-solo`, "individual"));
  ids.individual = individual.id;
  await sandbox("POST", "/_sandbox/clock/advance", { seconds: 20 });
  await invoke("stop_recording", { id: individual.id, asyncStop: false });

  const create = {
    services: {
      cloudTranscoder: {
        serviceType: "cloudTranscoderV2",
        config: {
          transcoder: {
            audioInputs: [{ rtc: { rtcChannel: `${tag}-in`, rtcUid: 0 } }],
            videoInputs: [
              {
                rtc: { rtcChannel: `${tag}-in`, rtcUid: 101 },
                region: { x: 0, y: 0, width: 640, height: 360, zOrder: 2 },
              },
            ],
            canvas: { width: 1280, height: 720, color: 0 },
            outputs: [
              {
                rtc: { rtcChannel: `${tag}-out`, rtcUid: 999 },
                audioOption: { profileType: "AUDIO_PROFILE_DEFAULT" },
                videoOption: { fps: 15, codec: "H264", bitrate: 1500, width: 1280, height: 720 },
              },
            ],
          },
        },
      },
    },
  };
  const task = await invoke<Row>("begin_transcoding", {
    request: { profileId: sandboxProfile, instanceId: `${tag}-task`, create, generateTokens: false },
  });
  ids.task = task.id;
  await invoke("delete_transcoding", { id: task.id });

  await (await by("nav-history")).click();
  await by("history-table", 20_000);
});

afterAll(async () => {
  await session?.delete();
});

describe(`history (${e2e.theme} theme)`, () => {
  it("lists what ran, and filters and search narrow it", async () => {
    await search(tag);
    const all = await waitRows("the three sessions", (r) =>
      [ids.mix, ids.individual, ids.task].every((id) => r.includes(id)),
    );
    expect(all.slice(0, 3)).toEqual([ids.task, ids.individual, ids.mix]);
    expect(await contentOf("history-count")).toMatch(/^3 sessions/);
    await session.screenshot(e2e.screenshot("history-list"));

    await session.choose("history-kind", "transcoding");
    await waitRows("only the task", (r) => r.length === 1 && r[0] === ids.task);
    await session.choose("history-kind", "recording");
    await session.choose("history-mode", "individual");
    await waitRows("only the individual recording", (r) => r.length === 1 && r[0] === ids.individual);
    await session.choose("history-mode", "");
    await session.choose("history-kind", "");
    await search(`${tag}-mi`);
    await waitRows("the mix recording by a channel fragment", (r) => r.length === 1 && r[0] === ids.mix);
    await session.choose("history-state-filter", "failed");
    await by("history-no-match");
    await session.choose("history-state-filter", "stopped");
    await waitRows("stopped again", (r) => r.length === 1);
  });

  it("keeps its filters across navigation and a restart", async () => {
    await (await by("nav-recording")).click();
    await (await by("nav-history")).click();
    await waitFor("the search restored", async () =>
      (await valueOf("history-search")) === `${tag}-mi` ? true : undefined,
    );
    await session.delete();
    await openApp();
    // The restarted app runs its embedded sandbox anew, on another port.
    await readSandboxUrl();
    await (await by("nav-history")).click();
    await waitFor("the search restored after a restart", async () =>
      (await valueOf("history-search")) === `${tag}-mi` ? true : undefined,
    );
    expect(await valueOf("history-state-filter")).toBe("stopped");
    await waitRows("the same row", (r) => r.length === 1 && r[0] === ids.mix);
    await (await by("history-clear")).click();
    await search(tag);
    await waitRows("all three", (r) => r.length === 3);
  });

  it("shows a session's timeline, its layouts and its files", async () => {
    await openRow(ids.mix);
    const ops = await waitFor("the timeline", async () => {
      const o = await session.execute<string[]>(
        `return [...document.querySelectorAll('[data-testid="timeline-op"]')].map((e) => e.textContent);`,
      );
      return o.length >= 6 ? o : undefined;
    });
    // The app's monitor may poll too: its answers, unchanged, only add to a row's count.
    expect(ops.slice(0, 3)).toEqual(["acquire", "start", "query"]);
    expect(ops).toContain("updateLayout");
    expect(ops[ops.length - 1]).toBe("stop");
    expect(ops.length).toBeLessThan(9);
    // Unchanged answers fold into one row. The embedded sandbox runs on the wall clock, so a
    // slow machine can see an answer change between two of the polls: count the polls, not rows.
    const polls = await session.execute<number[]>(
      `return [...document.querySelectorAll('[data-testid="timeline-op"]')]
        .filter((e) => e.textContent === "query")
        .map((e) => Number(e.parentElement.querySelector('[data-testid="timeline-repeats"]')?.textContent.replace("×", "") ?? 1));`,
    );
    expect(Math.max(...polls)).toBeGreaterThanOrEqual(2);
    expect(polls.reduce((a, b) => a + b, 0)).toBeGreaterThanOrEqual(4);
    const layouts = await session.execute<number>(
      `return document.querySelectorAll('[data-testid="history-layout"]').length;`,
    );
    expect(layouts).toBe(2);
    expect(await contentOf("history-layouts")).toContain("custom (layoutConfig), 2 regions");
    expect(await contentOf("session-files")).toContain(".m3u8");
    expect(await contentOf("history-uploading")).toContain("uploaded");
    expect(await contentOf("history-host")).toContain("127.0.0.1");
    await session.screenshot(e2e.screenshot("history-detail"));
    await session.execute(
      `document.querySelector('[data-testid="history-layouts"]').scrollIntoView({ block: "start" });`,
    );
    await session.screenshot(e2e.screenshot("history-detail-layouts"));
    // Open the poll that found the file: its answer, and what changed since the one before.
    await session.execute(
      `[...document.querySelectorAll('[data-testid="timeline-op"]')].filter((e) => e.textContent === "query")[1]
         .closest("button").click();`,
    );
    await by("timeline-body");
    await session.execute(
      `document.querySelector('[data-testid="timeline-body"]').scrollIntoView({ block: "center" });`,
    );
    await session.screenshot(e2e.screenshot("history-timeline"));
    // Expand the first poll: its answer, redacted.
    await session.execute(
      `document.querySelector('[data-testid="timeline-op"]').scrollIntoView({ block: "center" });`,
    );
    const detail = await contentOf("history-detail");
    expect(detail).not.toContain(STORAGE_SECRET);
    expect(detail).not.toContain(ACCESS_KEY);
  });

  it("runs a session again from the start form, filled with its settings", async () => {
    const before = (
      await sandbox<{ sessions: { cname: string }[] }>("GET", "/_sandbox/state")
    ).sessions.filter((s) => s.cname === `${tag}-mix`).length;
    await clickCentered("history-rerun");
    await by("rerun-note", 10_000);
    expect(await valueOf("field-start-cname")).toBe(`${tag}-mix`);
    await session.screenshot(e2e.screenshot("history-rerun-form"));
    await clickCentered("start-recording");
    await by("session-panel", 30_000);
    await waitFor("a second session at the sandbox", async () => {
      const s = (await sandbox<{ sessions: { cname: string }[] }>("GET", "/_sandbox/state")).sessions;
      return s.filter((x) => x.cname === `${tag}-mix`).length === before + 1 || undefined;
    });
    const rows = await invoke<{ items: Row[] }>("list_sessions", { filter: { text: `${tag}-mix` } });
    expect(rows.items.length).toBe(2);
    expect(rows.items[0]?.sid).not.toBe(rows.items[1]?.sid);
    await invoke("stop_recording", { id: rows.items[0]?.id, asyncStop: false });
  });

  it("exports the filtered list without a secret", async () => {
    const text = await invoke<string>("export_history", { scope: { kind: "filter", filter: { text: tag } } });
    const exported = JSON.parse(text) as { sessions: { session: { cname: string } }[] };
    expect(exported.sessions.map((s) => s.session.cname).sort()).toEqual(
      [`${tag}-mix`, `${tag}-mix`, `${tag}-solo`, `${tag}-task`].sort(),
    );
    for (const secret of [STORAGE_SECRET, ACCESS_KEY, 'tokenName":"', "builderToken="]) {
      expect(text).not.toContain(secret.endsWith("=") ? `${secret}A` : secret);
    }
    expect(text).not.toMatch(/builderToken=(?!<redacted>)/);
    expect(text).not.toMatch(/"tokenName":"(?!<redacted>)/);
  });

  it("asks before deleting, then forgets only its own record", async () => {
    await (await by("nav-history")).click();
    await search(tag);
    await openRow(ids.individual);
    await clickCentered("history-delete");
    const confirm = await contentOf("history-delete-confirm");
    expect(confirm).toContain("Nothing at Agora is touched");
    await session.screenshot(e2e.screenshot("history-delete-confirm"));
    const sent = (await sandbox<unknown[]>("GET", "/_sandbox/requests")).length;
    await clickCentered("history-delete-yes");
    await waitRows("the row gone", (r) => !r.includes(ids.individual) && r.includes(ids.mix));
    expect((await sandbox<unknown[]>("GET", "/_sandbox/requests")).length).toBe(sent);
  });
});
