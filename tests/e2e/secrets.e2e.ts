// The secret scan. Against a sandbox of its own, the real app runs every recording operation
// (mix, individual and web with an RTMP output), every transcoding operation (with a CDN stream
// key), "Copy as curl" for both, a preset saved and exported, the history export and two forced
// errors; then it reads every screen. Afterwards the data directory (database, WAL, logs),
// everything the commands answered and every screen's text, markup and field values are searched
// for each secret used: the customer secret, the App Certificate, the storage keys, the web
// page's token, the stream keys, the builder tokens and any RTC token built (AccessToken2, "007…").
import type { ChildProcess } from "node:child_process";
import { readFileSync, readdirSync, statSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type SandboxAccess, ipcInvoker, pageHelpers, sandboxClient, startSandbox } from "./lib/app";
import { e2e } from "./lib/env";
import { Session, waitFor } from "./lib/webdriver";

const APP_ID = "5a4db0c0ffee5a4db0c0ffee5a4db0c0";
const CUSTOMER_ID = "sandbox-customer-id";
const tag = `scan-${e2e.theme}`;
const SECRETS: Record<string, string> = {
  customerSecret: `cs-${tag}-Qw7Zr2`,
  appCertificate:
    e2e.theme === "light" ? "5ca1ab1e0ddba11c0ffee0123456789a" : "5ca1ab1e0ddba11c0ffee0123456789b",
  storageAccessKey: `ak-${tag}-Lm3P`,
  storageSecretKey: `sk-${tag}-Vn8X`,
  webPageToken: `webtok-${tag}-H4k`,
  rtmpKey: `rtmpkey-${tag}-Ux2`,
  streamKey: `streamkey-${tag}-T9y`,
};
/** AccessToken2 RTC tokens: "007" and base64 of a zlib stream ("eJ…"). */
const RTC_TOKEN = /007eJ[A-Za-z0-9+/=_-]{16,}/;

let session: Session;
let sandboxProcess: ChildProcess;
let sandboxAccess: SandboxAccess;
const sandbox = sandboxClient(() => sandboxAccess);
const invoke = ipcInvoker(() => session);
const { by, clickCentered } = pageHelpers(() => session);
/** Everything the app handed the window: command answers, then screen text and markup. */
const received: { what: string; text: string }[] = [];
let profileId = 0;

async function call<T>(command: string, args: Record<string, unknown>): Promise<T> {
  const answer = await invoke<T>(command, args);
  received.push({ what: command, text: JSON.stringify(answer) });
  return answer;
}

/** The command's rejection, kept with the answers (error text is scanned too). */
async function refused(command: string, args: Record<string, unknown>): Promise<string> {
  const message = await invoke(command, args).then(
    () => "",
    (e: unknown) => String(e),
  );
  expect(message, `${command} was expected to fail`).not.toBe("");
  received.push({ what: `${command} (refused)`, text: message });
  return message;
}

const storage = {
  vendor: 1,
  region: 0,
  bucket: "scan-bucket",
  accessKey: SECRETS.storageAccessKey,
  secretKey: SECRETS.storageSecretKey,
};

function begin(cname: string, mode: "mix" | "individual" | "web") {
  const clientRequest =
    mode === "web"
      ? {
          extensionServiceConfig: {
            errorHandlePolicy: "error_abort",
            extensionServices: [
              {
                serviceName: "web_recorder_service",
                errorHandlePolicy: "error_abort",
                serviceParam: {
                  url: `https://example.com/show?token=${SECRETS.webPageToken}`,
                  audioProfile: 0,
                  videoWidth: 1280,
                  videoHeight: 720,
                  maxRecordingHour: 1,
                },
              },
              {
                serviceName: "rtmp_publish_service",
                errorHandlePolicy: "error_ignore",
                serviceParam: { outputs: [{ rtmpUrl: `rtmp://live.example.com/app/${SECRETS.rtmpKey}` }] },
              },
            ],
          },
          recordingFileConfig: { avFileType: ["hls", "mp4"] },
          storageConfig: storage,
        }
      : {
          recordingConfig:
            mode === "mix"
              ? { channelType: 1, transcodingConfig: { width: 640, height: 360, mixedVideoLayout: 1 } }
              : { channelType: 1, subscribeUidGroup: 0 },
          recordingFileConfig: { avFileType: ["hls"] },
          storageConfig: storage,
        };
  return {
    request: {
      profileId,
      mode,
      acquire: {},
      start: { cname, uid: "910001", clientRequest },
      retryCode65: false,
      generateToken: mode !== "web",
      keysElsewhereConfirmed: true,
    },
  };
}

const transcoder = {
  services: {
    cloudTranscoder: {
      serviceType: "cloudTranscoderV2",
      config: {
        transcoder: {
          idleTimeout: 300,
          audioInputs: [{ rtc: { rtcChannel: `${tag}-in`, rtcUid: 0 } }],
          outputs: [
            {
              streamUrl: `rtmp://cdn.example.com/live/${SECRETS.streamKey}`,
              audioOption: { profileType: "AUDIO_PROFILE_DEFAULT" },
            },
          ],
        },
      },
    },
  },
};

interface Row {
  id: number;
  sid: string | null;
  taskId: string | null;
  state: string;
}

/** Every file under `dir`, with its bytes as Latin-1 (so any byte sequence can be searched). */
function filesUnder(dir: string): { path: string; text: string }[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? filesUnder(path) : [{ path, text: readFileSync(path, "latin1") }];
  });
}

/** What the window shows and holds: text, markup and the values typed into fields. */
async function screen(what: string) {
  const text = await session.execute<string>(
    `return [document.body.innerText, document.documentElement.outerHTML,
      ...[...document.querySelectorAll("input, textarea, select")].map((e) => e.value)].join("\\n");`,
  );
  received.push({ what: `screen: ${what}`, text });
}

beforeAll(async () => {
  ({ process: sandboxProcess, access: sandboxAccess } = await startSandbox([
    ...["--customer-secret", SECRETS.customerSecret ?? ""],
    ...["--app-certificate", SECRETS.appCertificate ?? ""],
  ]));
  await sandbox("PUT", "/_sandbox/upload", { syncStopMs: 0 });
  session = await Session.create({ driverUrl: e2e.driverUrl, application: e2e.application });
  await by("app-shell", 20_000);
  const view = await call<{ id: number }>("create_profile", {
    input: {
      name: `Scan ${e2e.theme}`,
      appId: APP_ID,
      customerId: CUSTOMER_ID,
      area: "US",
      endpoint: sandboxAccess.url,
      defaultStorage: { vendor: 1, region: 0, bucket: "scan-bucket" },
    },
    secrets: [
      { kind: "customerSecret", value: SECRETS.customerSecret },
      { kind: "appCertificate", value: SECRETS.appCertificate },
      { kind: "storageAccessKey", value: SECRETS.storageAccessKey },
      { kind: "storageSecretKey", value: SECRETS.storageSecretKey },
    ],
  });
  profileId = view.id;
});

afterAll(async () => {
  try {
    if (profileId) await invoke("delete_profile", { id: profileId });
  } finally {
    await session?.delete().catch(() => undefined);
    sandboxProcess?.kill("SIGTERM");
  }
});

describe(`the secret scan (${e2e.theme} theme)`, () => {
  it("finds no secret in the data directory, the logs, the exports or anything the window got", async () => {
    // Copy as curl, then every recording operation in each mode.
    await call("preview_recording", begin(`${tag}-mix`, "mix"));
    await call("preview_recording", begin(`${tag}-web`, "web"));
    await call("preview_transcoding", {
      request: { profileId, instanceId: `${tag}-task`, create: transcoder, generateTokens: true },
    });
    const mix = await call<Row>("begin_recording", begin(`${tag}-mix`, "mix"));
    expect(mix.state).toBe("started");
    await call("query_recording", { id: mix.id });
    await call("update_layout", { id: mix.id, layout: { mixedVideoLayout: 2, maxResolutionUid: "910002" } });
    await call("update_recording", {
      id: mix.id,
      update: { streamSubscribe: { audioUidList: { subscribeAudioUids: ["#allstream#"] } } },
    });
    await call("check_session", { id: mix.id });
    await call("stop_recording", { id: mix.id, asyncStop: false });
    const solo = await call<Row>("begin_recording", begin(`${tag}-solo`, "individual"));
    await call("stop_recording", { id: solo.id, asyncStop: false });
    const web = await call<Row>("begin_recording", begin(`${tag}-web`, "web"));
    expect(web.state).toBe("started");
    await call("update_recording", { id: web.id, update: { webRecordingConfig: { onhold: true } } });
    await call("stop_recording", { id: web.id, asyncStop: false });

    // Every transcoding operation; its builder token is a secret too.
    const task = await call<Row>("begin_transcoding", {
      request: { profileId, instanceId: `${tag}-task`, create: transcoder, generateTokens: true },
    });
    expect(task.state).toBe("started");
    const view = await sandbox<{ builderToken: string }>("GET", `/_sandbox/tasks/${task.taskId}`);
    SECRETS.builderToken = view.builderToken;
    await call("query_transcoding", { id: task.id });
    await call("update_transcoding", { id: task.id, config: transcoder });
    await call("delete_transcoding", { id: task.id });

    // Forced errors: Agora refuses a start; a body the rules refuse before anything is sent.
    await sandbox("POST", "/_sandbox/faults", {
      route: "start",
      count: 1,
      kind: "agoraError",
      status: 400,
      code: 2,
    });
    await refused("begin_recording", begin(`${tag}-refused`, "mix"));
    const bad = begin(`${tag}-bad`, "mix");
    bad.request.start.clientRequest.storageConfig = { ...storage, bucket: "" };
    await refused("begin_recording", bad);

    // A preset with the keys typed in, exported; the history exported.
    const start = begin(`${tag}-preset`, "mix").request;
    const preset = await call<{ id: number }>("save_preset", {
      name: `Scan ${e2e.theme}`,
      preset: { kind: "recordingStart", body: { mode: "mix", acquire: {}, start: start.start } },
    });
    await call("export_presets", { ids: [preset.id] });
    await call("delete_preset", { id: preset.id });
    await call("export_history", { scope: { kind: "filter", filter: { text: tag } } });
    const page = await call<{ items: Row[] }>("list_sessions", { filter: { text: tag } });
    expect(page.items.length).toBeGreaterThanOrEqual(4);
    for (const row of page.items) await call("session_detail", { id: row.id });

    // Every screen, and each session's detail with its timeline open.
    for (const view of ["recording", "transcoding", "layouts", "profiles", "history"]) {
      await clickCentered(`nav-${view}`);
      await by(`view-${view}`);
      await screen(view);
    }
    for (const row of page.items) {
      // Opened by its route (the list is virtual: a row far down is not in the page).
      await session.execute(`location.hash = "#/history?session=${row.id}";`);
      await by("history-detail", 20_000);
      await waitFor(
        `session ${row.id}'s detail`,
        async () =>
          (
            await session.execute<string>(
              `return document.querySelector('[data-testid="history-detail"]')?.textContent ?? "";`,
            )
          ).includes(`Session ${row.id} `) || undefined,
      );
      await session.execute(
        `document.querySelectorAll('[data-testid^="timeline-"] > button[aria-expanded="false"]').forEach((b) => b.click());
         document.querySelectorAll("details").forEach((d) => { d.open = true; });`,
      );
      await screen(`history detail ${row.id}`);
    }

    // Let the log writer and the log file catch up, then read everything.
    await new Promise((r) => setTimeout(r, 1_500));
    const dataDir = join(e2e.dataHome, "io.mixdeck.desktop");
    const places = [...filesUnder(dataDir).map((f) => ({ what: f.path, text: f.text })), ...received];
    const hits: string[] = [];
    for (const { what, text } of places) {
      for (const [name, secret] of Object.entries(SECRETS))
        if (text.includes(secret)) hits.push(`${name} in ${what}`);
      const token = RTC_TOKEN.exec(text);
      if (token) hits.push(`an RTC token (${token[0].slice(0, 12)}…) in ${what}`);
    }
    expect(places.length).toBeGreaterThan(40);
    // The scan reads what holds the runs (so a secret stored beside them would be found): the
    // channel names are in the database and on the screens, the sandbox's address in the log.
    const holds = (where: (what: string) => boolean, marker: string) =>
      places.some((p) => where(p.what) && p.text.includes(marker));
    expect(
      holds((w) => /history\.sqlite3(-wal)?$/.test(w), `${tag}-mix`),
      "the database",
    ).toBe(true);
    expect(
      holds((w) => w.includes("/logs/"), sandboxAccess.url),
      "the log",
    ).toBe(true);
    expect(
      holds((w) => w.startsWith("screen: history detail"), `${tag}-mix`),
      "a screen",
    ).toBe(true);
    // OS notifications are logged as they are shown (the window is not focused under Xvfb).
    const notices = places
      .filter((p) => p.what.includes("/logs/"))
      .reduce((n, p) => n + (p.text.match(/ notification /g)?.length ?? 0), 0);
    console.log(`secret scan: ${places.length} places searched, ${notices} notifications among them`);
    expect(hits).toEqual([]);
    // The scan can see: the sandbox received the secrets (so they were in play).
    const log = await sandbox<{ path: string }[]>("GET", "/_sandbox/requests");
    expect(log.length).toBeGreaterThan(10);
  });
});
