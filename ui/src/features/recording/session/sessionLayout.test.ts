import { describe, expect, it } from "vitest";
import type {
  LayoutRegion,
  LayoutSettings,
  SessionConfig,
  SessionEvent,
  SessionRow,
  TranscodingConfig,
  Value,
} from "../../../bindings";
import {
  appliedLayouts,
  currentLayout,
  describeLayout,
  sessionCanvas,
  sessionUids,
  startTranscodingConfig,
  type AppliedLayout,
} from "./sessionLayout";
import { sessionRow } from "../../../testing/sessions";

const region = (uid: string | null, x: number, y: number, w: number, h: number): LayoutRegion => ({
  ...(uid ? { uid } : {}),
  x_axis: x,
  y_axis: y,
  width: w,
  height: h,
});

const startLayout = {
  mixedVideoLayout: 3,
  backgroundColor: "#000000",
  maxResolutionUid: "7",
  layoutConfig: [
    region("1", 0, 0, 0.5, 0.5),
    region("2", 0.5, 0, 0.5, 0.5),
    region(null, 0, 0.5, 0.5, 0.5),
    region("3", 0.5, 0.5, 0.25, 0.5),
    region("4", 0.75, 0.5, 0.25, 0.5),
  ],
  backgroundConfig: [{ uid: "5", image_url: "https://img/5.jpg" }],
} satisfies LayoutSettings;

const transcodingConfig = {
  width: 1280,
  height: 720,
  fps: 15,
  bitrate: 1130,
  ...startLayout,
} satisfies TranscodingConfig;

/** What the engine stores: `{acquire, start}`, with the start body's clientRequest; null leaves tc out. */
const mixConfig = (tc: TranscodingConfig | null = transcodingConfig): SessionConfig => ({
  kind: "recording",
  acquire: { cname: "room", uid: "900", clientRequest: { resourceExpiredHour: 24, scene: 0 } },
  start: {
    cname: "room",
    uid: "900",
    clientRequest: {
      token: "<redacted>",
      recordingConfig: {
        channelType: 1,
        streamTypes: 2,
        subscribeVideoUids: ["#allstream#", "2", "8", "2"],
        subscribeAudioUids: ["#allstream#"],
        ...(tc === null ? {} : { transcodingConfig: tc }),
      },
    },
  },
});

const row = (config: SessionConfig = mixConfig(), over: Partial<SessionRow> = {}): SessionRow =>
  sessionRow({ id: 3, uid: "900", config, ...over });

const event = (over: Partial<SessionEvent>): SessionEvent => ({
  id: 1,
  sessionId: 3,
  at: 10_000,
  op: "updateLayout",
  method: "POST",
  url: "https://api.sd-rtn.com/v1/apps/APP/cloud_recording/resourceid/R/sid/S/mode/mix/updateLayout",
  attempt: 1,
  requestBody: null,
  status: 200,
  responseBody: "{}",
  error: null,
  elapsedMs: 120,
  requestId: "req-1",
  repeats: 1,
  lastAt: null,
  ...over,
});

const updateBody = (layout: Value): Value => ({ cname: "room", uid: "900", clientRequest: layout });

describe("startTranscodingConfig", () => {
  it("reads recordingConfig.transcodingConfig from the stored start body", () => {
    expect(startTranscodingConfig(row())).toStrictEqual(transcodingConfig);
  });

  it("is null when there is no transcodingConfig, or no recording config", () => {
    expect(startTranscodingConfig(row(mixConfig(null)))).toBeNull();
    expect(startTranscodingConfig(row({ kind: "unrecognized", json: "{}" }))).toBeNull();
  });
});

describe("sessionCanvas", () => {
  it("is the transcodingConfig size", () => {
    expect(sessionCanvas(row())).toStrictEqual({ kind: "recording", width: 1280, height: 720 });
  });

  it("defaults to 360 x 640 when the size or the config is missing", () => {
    expect(sessionCanvas(row(mixConfig({ mixedVideoLayout: 1 })))).toStrictEqual({
      kind: "recording",
      width: 360,
      height: 640,
    });
    expect(sessionCanvas(row(mixConfig(null)))).toStrictEqual({ kind: "recording", width: 360, height: 640 });
    expect(sessionCanvas(row({ kind: "unrecognized", json: "{}" }))).toStrictEqual({
      kind: "recording",
      width: 360,
      height: 640,
    });
  });

  it("defaults only the side that is missing", () => {
    expect(sessionCanvas(row(mixConfig({ width: 1920 })))).toStrictEqual({
      kind: "recording",
      width: 1920,
      height: 640,
    });
  });
});

describe("appliedLayouts", () => {
  const events: SessionEvent[] = [
    event({ id: 10, op: "start", at: 1_000, requestBody: { cname: "room" } }),
    event({
      id: 12,
      at: 30_000,
      status: 400,
      requestId: "req-12",
      error: "invalid layoutConfig",
      requestBody: updateBody({ mixedVideoLayout: 3, layoutConfig: [region("9", 0, 0, 2, 1)] }),
    }),
    event({
      id: 11,
      at: 20_000,
      status: 200,
      requestId: "req-11",
      requestBody: updateBody({ mixedVideoLayout: 1, backgroundColor: "#ff0000", maxResolutionUid: null }),
    }),
    event({ id: 13, op: "query", at: 25_000 }),
    event({ id: 14, at: 40_000, status: null, requestId: null, error: "timed out", requestBody: null }),
    event({ id: 16, at: 50_000, status: 299, requestBody: { mixedVideoLayout: 2, maxResolutionUid: "4" } }),
    event({ id: 15, at: 50_000, status: 300, requestBody: updateBody({ mixedVideoLayout: 0 }) }),
    event({ id: 17, at: 60_000, status: 199, requestBody: updateBody({ mixedVideoLayout: 0 }) }),
  ];

  it("keeps only updateLayout events, oldest first (by id on a tie), with the layout of each body", () => {
    expect(appliedLayouts(events)).toStrictEqual<AppliedLayout[]>([
      {
        eventId: 11,
        at: 20_000,
        status: 200,
        ok: true,
        layout: { mixedVideoLayout: 1, backgroundColor: "#ff0000" },
        requestId: "req-11",
        error: null,
      },
      {
        eventId: 12,
        at: 30_000,
        status: 400,
        ok: false,
        layout: { mixedVideoLayout: 3, layoutConfig: [region("9", 0, 0, 2, 1)] },
        requestId: "req-12",
        error: "invalid layoutConfig",
      },
      { eventId: 14, at: 40_000, status: null, ok: false, layout: {}, requestId: null, error: "timed out" },
      {
        eventId: 15,
        at: 50_000,
        status: 300,
        ok: false,
        layout: { mixedVideoLayout: 0 },
        requestId: "req-1",
        error: null,
      },
      {
        eventId: 16,
        at: 50_000,
        status: 299,
        ok: true,
        layout: { mixedVideoLayout: 2, maxResolutionUid: "4" },
        requestId: "req-1",
        error: null,
      },
      {
        eventId: 17,
        at: 60_000,
        status: 199,
        ok: false,
        layout: { mixedVideoLayout: 0 },
        requestId: "req-1",
        error: null,
      },
    ]);
  });

  it("is empty without updateLayout events", () => {
    expect(appliedLayouts([])).toEqual([]);
    expect(appliedLayouts([event({ op: "stop" }), event({ op: "update" })])).toEqual([]);
  });

  it("does not reorder the input", () => {
    const copy = [...events];
    appliedLayouts(events);
    expect(events).toEqual(copy);
  });
});

describe("currentLayout", () => {
  const applied = (layout: Partial<LayoutSettings>, ok: boolean, eventId: number): AppliedLayout => ({
    eventId,
    at: eventId * 1_000,
    status: ok ? 200 : 400,
    ok,
    layout,
    requestId: null,
    error: ok ? null : "rejected",
  });

  it("is the start's layout when nothing was applied or nothing was accepted", () => {
    expect(currentLayout(row(), [])).toStrictEqual(startLayout);
    expect(currentLayout(row(), [applied({ mixedVideoLayout: 1 }, false, 1)])).toStrictEqual(startLayout);
  });

  it("is the last accepted layout, ignoring later rejected ones", () => {
    const first = { mixedVideoLayout: 1 };
    const second = { mixedVideoLayout: 2, maxResolutionUid: "3" };
    const list = [
      applied(first, true, 1),
      applied(second, true, 2),
      applied({ mixedVideoLayout: 0 }, false, 3),
    ];
    expect(currentLayout(row(), list)).toBe(second);
  });

  it("is empty for a session without a transcodingConfig and nothing applied", () => {
    expect(currentLayout(row(mixConfig(null)), [])).toStrictEqual({});
  });
});

describe("sessionUids", () => {
  it("lists subscribed uids, then the start layout's, then each applied layout's, once each", () => {
    const applied = appliedLayouts([
      event({
        id: 1,
        requestBody: updateBody({
          mixedVideoLayout: 3,
          layoutConfig: [region("1", 0, 0, 1, 1), region("11", 0, 0, 1, 1)],
        }),
      }),
      event({
        id: 2,
        at: 20_000,
        status: 400,
        requestBody: updateBody({ mixedVideoLayout: 2, maxResolutionUid: "12" }),
      }),
    ]);
    expect(sessionUids(row(), applied)).toEqual(["2", "8", "1", "3", "4", "5", "7", "11", "12"]);
  });

  it("is empty for a bare session", () => {
    expect(sessionUids(row({ kind: "unrecognized", json: "{}" }), [])).toEqual([]);
  });
});

describe("describeLayout", () => {
  it("names a custom layout with its region count and colour", () => {
    expect(describeLayout(startLayout)).toBe("custom, 5 regions, #000000");
    expect(
      describeLayout({
        mixedVideoLayout: 3,
        layoutConfig: [region("1", 0, 0, 1, 1)],
        backgroundColor: "#101010",
      }),
    ).toBe("custom, 1 region, #101010");
    expect(describeLayout({ mixedVideoLayout: 3 })).toBe("custom, 0 regions, #000000");
  });

  it("names the built-in modes, floating by default", () => {
    expect(describeLayout({ mixedVideoLayout: 0 })).toBe("floating, #000000");
    expect(describeLayout({})).toBe("floating, #000000");
    expect(describeLayout({ mixedVideoLayout: 1, backgroundColor: "#ffffff" })).toBe("best fit, #ffffff");
    expect(describeLayout({ mixedVideoLayout: 2 })).toBe("vertical, #000000");
    expect(describeLayout({ mixedVideoLayout: 7 })).toBe("layout 7, #000000");
  });

  it("mentions a background image", () => {
    expect(describeLayout({ mixedVideoLayout: 0, backgroundImage: "https://img/bg.jpg" })).toBe(
      "floating, #000000, background image",
    );
    expect(
      describeLayout({
        mixedVideoLayout: 3,
        layoutConfig: [region("1", 0, 0, 1, 1), region("2", 0, 0, 1, 1)],
        backgroundColor: "#202020",
        backgroundImage: "https://img/bg.jpg",
      }),
    ).toBe("custom, 2 regions, #202020, background image");
    expect(describeLayout({ mixedVideoLayout: 0, backgroundImage: "" })).toBe("floating, #000000");
  });
});
