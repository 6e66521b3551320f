import { describe, expect, it } from "vitest";
import type { LayoutSettings, TranscodingConfig } from "../../bindings";
import { layoutOf, layoutUids, subscribedUids, unique, withLayout } from "./recordingLayout";

describe("layoutOf", () => {
  it("picks only the layout keys of a transcodingConfig", () => {
    const config: TranscodingConfig = {
      width: 1280,
      height: 720,
      fps: 15,
      bitrate: 1130,
      maxResolutionUid: "1",
      mixedVideoLayout: 2,
      backgroundColor: "#101010",
      backgroundImage: "https://img/bg.jpg",
      defaultUserBackgroundImage: "https://img/away.jpg",
      layoutConfig: [{ x_axis: 0, y_axis: 0, width: 1, height: 1 }],
      backgroundConfig: [{ uid: "1", image_url: "https://img/1.jpg" }],
    };
    expect(layoutOf(config)).toStrictEqual({
      maxResolutionUid: "1",
      mixedVideoLayout: 2,
      backgroundColor: "#101010",
      backgroundImage: "https://img/bg.jpg",
      defaultUserBackgroundImage: "https://img/away.jpg",
      layoutConfig: [{ x_axis: 0, y_axis: 0, width: 1, height: 1 }],
      backgroundConfig: [{ uid: "1", image_url: "https://img/1.jpg" }],
    });
  });

  it("skips null and missing fields and keeps falsy real values", () => {
    expect(
      layoutOf({ mixedVideoLayout: 0, backgroundColor: null, maxResolutionUid: undefined, layoutConfig: [] }),
    ).toStrictEqual({ mixedVideoLayout: 0, layoutConfig: [] });
    expect(layoutOf({ backgroundImage: "" })).toStrictEqual({ backgroundImage: "" });
  });

  it("reads anything that is not an object as no layout", () => {
    for (const v of [null, undefined, 3, "x", [{ mixedVideoLayout: 1 }]])
      expect(layoutOf(v)).toStrictEqual({});
  });
});

describe("withLayout", () => {
  it("replaces every layout field, dropping stale ones, and keeps the rest", () => {
    const config: TranscodingConfig = {
      width: 640,
      height: 360,
      bitrate: 500,
      maxResolutionUid: "9",
      mixedVideoLayout: 2,
      backgroundImage: "https://img/old.jpg",
      backgroundConfig: [{ uid: "9", image_url: "https://img/9.jpg" }],
    };
    const layout: LayoutSettings = {
      mixedVideoLayout: 3,
      backgroundColor: "#000000",
      layoutConfig: [{ uid: "1", x_axis: 0, y_axis: 0, width: 0.5, height: 1 }],
    };
    const out = withLayout(config, layout);
    expect(out).toStrictEqual({
      width: 640,
      height: 360,
      bitrate: 500,
      mixedVideoLayout: 3,
      backgroundColor: "#000000",
      layoutConfig: [{ uid: "1", x_axis: 0, y_axis: 0, width: 0.5, height: 1 }],
    });
    expect("maxResolutionUid" in out).toBe(false);
    expect("backgroundConfig" in out).toBe(false);
    expect("backgroundImage" in out).toBe(false);
    // The input is not changed.
    expect(config.maxResolutionUid).toBe("9");
  });

  it("builds a config from the layout alone when there was none", () => {
    const layout: LayoutSettings = { mixedVideoLayout: 1 };
    expect(withLayout<TranscodingConfig>(null, layout)).toStrictEqual({ mixedVideoLayout: 1 });
    expect(withLayout<TranscodingConfig>(undefined, layout)).toStrictEqual({ mixedVideoLayout: 1 });
  });
});

describe("subscribedUids", () => {
  it("lists the subscribed video uids in order, without #allstream# or repeats", () => {
    const clientRequest = {
      recordingConfig: { subscribeVideoUids: ["#allstream#", "3", "1", "3", "", "  ", 7, null, "2"] },
    };
    expect(subscribedUids(clientRequest)).toEqual(["3", "1", "2"]);
  });

  it("ignores audio uids and bodies without a subscribe list", () => {
    expect(subscribedUids({ recordingConfig: { subscribeAudioUids: ["1"] } })).toEqual([]);
    expect(subscribedUids({ recordingConfig: { subscribeVideoUids: "1" } })).toEqual([]);
    expect(subscribedUids({ recordingConfig: null })).toEqual([]);
    expect(subscribedUids({})).toEqual([]);
    expect(subscribedUids(null)).toEqual([]);
    expect(subscribedUids(["1"])).toEqual([]);
  });
});

describe("layoutUids", () => {
  it("lists region uids, then background uids, then maxResolutionUid, once each", () => {
    expect(
      layoutUids({
        maxResolutionUid: "9",
        layoutConfig: [
          { uid: "2", x_axis: 0, y_axis: 0, width: 1, height: 1 },
          { x_axis: 0, y_axis: 0, width: 1, height: 1 },
          { uid: null, x_axis: 0, y_axis: 0, width: 1, height: 1 },
          { uid: "1", x_axis: 0, y_axis: 0, width: 1, height: 1 },
        ],
        backgroundConfig: [
          { uid: "1", image_url: "a" },
          { uid: "5", image_url: "b" },
        ],
      }),
    ).toEqual(["2", "1", "5", "9"]);
  });

  it("is empty for an empty layout", () => {
    expect(layoutUids({})).toEqual([]);
    expect(layoutUids({ layoutConfig: null, backgroundConfig: null, maxResolutionUid: null })).toEqual([]);
  });
});

describe("unique", () => {
  it("keeps the first of each non-blank string, in order", () => {
    expect(unique(["b", "a", null, "b", undefined, "", " ", "c", "a"])).toEqual(["b", "a", "c"]);
    expect(unique([])).toEqual([]);
  });

  it("does not trim what it keeps", () => {
    expect(unique([" 1", "1"])).toEqual([" 1", "1"]);
  });
});
