import { describe, expect, it } from "vitest";
import type { LayoutRegion, LayoutSettings } from "../../bindings";
import {
  DEFAULT_BACKGROUND,
  docFromPresetBody,
  emptyDoc,
  fromLayoutSettings,
  layoutFragmentJson,
  layoutPresetBody,
  toLayoutSettings,
  type LayoutDoc,
} from "./document";
import { recordingCanvas, type Tile } from "./geometry";

const landscape = recordingCanvas({ width: 640, height: 360 });
const hd = recordingCanvas({ width: 1280, height: 720 });

const tile = (id: string, x: number, y: number, w: number, h: number, extra: Partial<Tile> = {}): Tile => ({
  id,
  uid: null,
  x,
  y,
  w,
  h,
  zOrder: 2,
  ...extra,
});

const doc = (over: Partial<LayoutDoc> = {}): LayoutDoc => ({ ...emptyDoc(landscape), ...over });

const region = (
  x: number,
  y: number,
  w: number,
  h: number,
  extra: Partial<LayoutRegion> = {},
): LayoutRegion => ({
  x_axis: x,
  y_axis: y,
  width: w,
  height: h,
  ...extra,
});

describe("emptyDoc", () => {
  it("starts with no tiles, a black background and no images", () => {
    expect(emptyDoc(hd)).toStrictEqual({
      canvas: hd,
      tiles: [],
      backgroundColor: "#000000",
      backgroundImage: "",
      defaultUserBackgroundImage: "",
    });
    expect(DEFAULT_BACKGROUND).toBe("#000000");
  });
});

describe("toLayoutSettings", () => {
  it("writes only mixedVideoLayout 3, the colour and an empty layoutConfig for an empty document", () => {
    const out = toLayoutSettings(emptyDoc(landscape));
    expect(out).toStrictEqual({ mixedVideoLayout: 3, backgroundColor: "#000000", layoutConfig: [] });
    expect(Object.keys(out)).toEqual(["mixedVideoLayout", "backgroundColor", "layoutConfig"]);
  });

  it("falls back to #000000 for a blank colour and trims a set one", () => {
    expect(toLayoutSettings(doc({ backgroundColor: "" })).backgroundColor).toBe("#000000");
    expect(toLayoutSettings(doc({ backgroundColor: "   " })).backgroundColor).toBe("#000000");
    expect(toLayoutSettings(doc({ backgroundColor: " #101010 " })).backgroundColor).toBe("#101010");
  });

  it("omits blank images and trims set ones", () => {
    const blank = toLayoutSettings(doc({ backgroundImage: "  ", defaultUserBackgroundImage: "" }));
    expect("backgroundImage" in blank).toBe(false);
    expect("defaultUserBackgroundImage" in blank).toBe(false);

    const set = toLayoutSettings(
      doc({
        backgroundImage: " https://cdn.example/bg.jpg ",
        defaultUserBackgroundImage: "https://cdn.example/u.jpg",
      }),
    );
    expect(set.backgroundImage).toBe("https://cdn.example/bg.jpg");
    expect(set.defaultUserBackgroundImage).toBe("https://cdn.example/u.jpg");
  });

  it("writes every tile as a region in 6 decimals, with alpha and render_mode only when set", () => {
    const out = toLayoutSettings(
      doc({
        tiles: [
          tile("tile-1", 0, 0, 1 / 3, 1, { uid: " 11 ", alpha: 0.5, renderMode: 1 }),
          tile("tile-2", 1 / 3, 0, 2 / 3, 0.5),
        ],
      }),
    );
    expect(out.layoutConfig).toStrictEqual([
      { uid: "11", x_axis: 0, y_axis: 0, width: 0.333333, height: 1, alpha: 0.5, render_mode: 1 },
      { x_axis: 0.333333, y_axis: 0, width: 0.666667, height: 0.5 },
    ]);
  });

  it("writes backgroundConfig only for tiles with both a uid and an image, in tile order", () => {
    const out = toLayoutSettings(
      doc({
        tiles: [
          tile("tile-1", 0, 0, 0.5, 0.5, { uid: "4", backgroundImage: " https://img/d.jpg " }),
          tile("tile-2", 0.5, 0, 0.5, 0.5, { uid: null, backgroundImage: "https://img/no-uid.jpg" }),
          tile("tile-3", 0, 0.5, 0.5, 0.5, { uid: "3" }),
          tile("tile-4", 0.5, 0.5, 0.5, 0.5, { uid: "  ", backgroundImage: "https://img/blank-uid.jpg" }),
          tile("tile-5", 0.25, 0.25, 0.5, 0.5, { uid: "5", backgroundImage: "   " }),
          tile("tile-6", 0, 0, 0.25, 0.25, { uid: " 1 ", backgroundImage: "https://img/a.jpg" }),
        ],
      }),
    );
    expect(out.backgroundConfig).toStrictEqual([
      { uid: "4", image_url: "https://img/d.jpg" },
      { uid: "1", image_url: "https://img/a.jpg" },
    ]);
  });

  it("leaves backgroundConfig out when no tile has both a uid and an image", () => {
    const out = toLayoutSettings(
      doc({
        tiles: [
          tile("tile-1", 0, 0, 1, 1, { uid: "1" }),
          tile("tile-2", 0, 0, 1, 1, { backgroundImage: "x" }),
        ],
      }),
    );
    expect("backgroundConfig" in out).toBe(false);
  });

  it("writes at most 17 regions", () => {
    const tiles = Array.from({ length: 18 }, (_, i) => tile(`tile-${i + 1}`, 0, 0, 0.5, 0.5));
    expect(toLayoutSettings(doc({ tiles })).layoutConfig).toHaveLength(17);
  });
});

describe("fromLayoutSettings", () => {
  it("round-trips a custom layout: coordinates to 6 decimals, alpha, render mode and per-uid images kept", () => {
    const original = doc({
      canvas: hd,
      backgroundColor: "#102030",
      backgroundImage: "https://img/bg.jpg",
      defaultUserBackgroundImage: "https://img/away.jpg",
      tiles: [
        tile("a", 0, 0, 1 / 3, 0.5, {
          uid: "11",
          alpha: 0.75,
          renderMode: 1,
          backgroundImage: "https://img/11.jpg",
        }),
        tile("b", 1 / 3, 0.5, 2 / 3, 0.5, { zOrder: 40 }),
        tile("c", 2 / 3, 0, 1 / 3, 0.5, { uid: "33", alpha: 0 }),
      ],
    });
    const { doc: back, dropped } = fromLayoutSettings(toLayoutSettings(original), hd);
    expect(dropped).toBe(0);
    expect(back).toStrictEqual({
      canvas: hd,
      backgroundColor: "#102030",
      backgroundImage: "https://img/bg.jpg",
      defaultUserBackgroundImage: "https://img/away.jpg",
      tiles: [
        {
          id: "tile-1",
          uid: "11",
          x: 0,
          y: 0,
          w: 0.333333,
          h: 0.5,
          zOrder: 2,
          alpha: 0.75,
          renderMode: 1,
          backgroundImage: "https://img/11.jpg",
        },
        { id: "tile-2", uid: null, x: 0.333333, y: 0.5, w: 0.666667, h: 0.5, zOrder: 3 },
        { id: "tile-3", uid: "33", x: 0.666667, y: 0, w: 0.333333, h: 0.5, zOrder: 4, alpha: 0 },
      ],
    });
    // A second trip changes nothing: the 6-decimal values are already exact.
    expect(toLayoutSettings(back)).toStrictEqual(toLayoutSettings(original));
  });

  it("assigns backgroundConfig images to the tiles by uid and ignores uids without a tile", () => {
    const settings: LayoutSettings = {
      mixedVideoLayout: 3,
      layoutConfig: [
        region(0, 0, 0.5, 1, { uid: "1" }),
        region(0.5, 0, 0.5, 1, { uid: "2" }),
        region(0, 0, 0.1, 0.1),
      ],
      backgroundConfig: [
        { uid: "2", image_url: " https://img/2.jpg " },
        { uid: "9", image_url: "https://img/9.jpg" },
        { uid: "1", image_url: "  " },
      ],
    };
    const { doc: d } = fromLayoutSettings(settings, landscape);
    expect(d.tiles.map((t) => t.backgroundImage)).toEqual([undefined, "https://img/2.jpg", undefined]);
    expect("backgroundImage" in (d.tiles[0] as Tile)).toBe(false);
  });

  it("defaults the colour and images for missing or null settings", () => {
    const { doc: d } = fromLayoutSettings(
      {
        mixedVideoLayout: 3,
        layoutConfig: [region(0, 0, 1, 1)],
        backgroundColor: null,
        backgroundImage: null,
      },
      landscape,
    );
    expect(d.backgroundColor).toBe("#000000");
    expect(d.backgroundImage).toBe("");
    expect(d.defaultUserBackgroundImage).toBe("");
    expect(
      fromLayoutSettings(
        { mixedVideoLayout: 3, layoutConfig: [region(0, 0, 1, 1)], backgroundColor: " " },
        landscape,
      ).doc.backgroundColor,
    ).toBe("#000000");
  });

  it("redraws best fit (1) for the given users", () => {
    const { doc: d, dropped } = fromLayoutSettings(
      { mixedVideoLayout: 1, backgroundColor: "#222222" },
      landscape,
      ["a", "b"],
    );
    expect(dropped).toBe(0);
    expect(d.backgroundColor).toBe("#222222");
    expect(d.tiles).toStrictEqual([
      { id: "tile-1", uid: "a", x: 0, y: 0, w: 0.5, h: 1, zOrder: 2 },
      { id: "tile-2", uid: "b", x: 0.5, y: 0, w: 0.5, h: 1, zOrder: 2 },
    ]);
  });

  it("redraws vertical (2) with maxResolutionUid in the big window", () => {
    const { doc: d } = fromLayoutSettings({ mixedVideoLayout: 2, maxResolutionUid: "b" }, landscape, [
      "a",
      "b",
      "c",
    ]);
    expect(d.tiles).toStrictEqual([
      { id: "tile-1", uid: "a", x: 0.8, y: 0, w: 0.2, h: 0.25, zOrder: 2 },
      { id: "tile-2", uid: "b", x: 0, y: 0, w: 0.8, h: 1, zOrder: 2 },
      { id: "tile-3", uid: "c", x: 0.8, y: 0.25, w: 0.2, h: 0.25, zOrder: 2 },
    ]);
  });

  it("redraws floating (0, also the default) for 4 users when none are given", () => {
    for (const settings of [{ mixedVideoLayout: 0 }, {}, null, undefined]) {
      const { doc: d, dropped } = fromLayoutSettings(settings, landscape);
      expect(dropped).toBe(0);
      expect(d.tiles).toHaveLength(4);
      expect(d.tiles.map((t) => t.uid)).toEqual([null, null, null, null]);
      expect(d.tiles[0]).toStrictEqual({ id: "tile-1", uid: null, x: 0, y: 0, w: 1, h: 1, zOrder: 2 });
      expect(d.tiles.slice(1).map((t) => [t.w, t.h, t.zOrder])).toEqual([
        [0.235, 0.235, 3],
        [0.235, 0.235, 3],
        [0.235, 0.235, 3],
      ]);
      expect(d.backgroundColor).toBe("#000000");
    }
  });

  it("gives images to redrawn tiles by uid too", () => {
    const { doc: d } = fromLayoutSettings(
      { mixedVideoLayout: 1, backgroundConfig: [{ uid: "b", image_url: "https://img/b.jpg" }] },
      landscape,
      ["a", "b"],
    );
    expect(d.tiles.map((t) => t.backgroundImage)).toEqual([undefined, "https://img/b.jpg"]);
  });

  it("keeps the first 17 regions and reports the rest as dropped", () => {
    const layoutConfig = Array.from({ length: 20 }, (_, i) =>
      region(i / 20, 0, 0.05, 0.5, { uid: String(i + 1) }),
    );
    const { doc: d, dropped } = fromLayoutSettings({ mixedVideoLayout: 3, layoutConfig }, landscape);
    expect(dropped).toBe(3);
    expect(d.tiles).toHaveLength(17);
    expect(d.tiles[16]).toMatchObject({ id: "tile-17", uid: "17" });
  });

  it("reads mode 3 without regions as an empty layout", () => {
    const { doc: d, dropped } = fromLayoutSettings({ mixedVideoLayout: 3, layoutConfig: [] }, landscape);
    expect(d.tiles).toEqual([]);
    expect(dropped).toBe(0);
  });
});

describe("layoutFragmentJson", () => {
  it("parses back to exactly toLayoutSettings", () => {
    const d = doc({
      backgroundColor: "#abcdef",
      backgroundImage: "https://img/bg.jpg",
      tiles: [tile("tile-1", 0, 0, 0.5, 0.5, { uid: "7", backgroundImage: "https://img/7.jpg", alpha: 0.3 })],
    });
    const json = layoutFragmentJson(d);
    expect(JSON.parse(json)).toStrictEqual(toLayoutSettings(d));
    expect(json.startsWith('{\n  "mixedVideoLayout": 3,\n  "backgroundColor": "#abcdef",')).toBe(true);
  });
});

describe("layout presets", () => {
  const d = doc({
    canvas: hd,
    backgroundColor: "#112233",
    tiles: [tile("x", 0, 0, 0.5, 1, { uid: "1" }), tile("y", 0.5, 0, 0.5, 1, { uid: "2" })],
  });

  it("stores the canvas it was drawn on next to the settings", () => {
    expect(layoutPresetBody(d)).toStrictEqual({
      canvas: { width: 1280, height: 720 },
      layout: toLayoutSettings(d),
    });
  });

  it("reads a {canvas, layout} body onto the given canvas and returns where it was drawn", () => {
    const got = docFromPresetBody(layoutPresetBody(d), landscape);
    expect(got.drawnOn).toStrictEqual({ kind: "recording", width: 1280, height: 720 });
    expect(got.dropped).toBe(0);
    expect(got.doc.canvas).toBe(landscape);
    expect(got.doc.backgroundColor).toBe("#112233");
    expect(got.doc.tiles).toStrictEqual([
      { id: "tile-1", uid: "1", x: 0, y: 0, w: 0.5, h: 1, zOrder: 2 },
      { id: "tile-2", uid: "2", x: 0.5, y: 0, w: 0.5, h: 1, zOrder: 3 },
    ]);
  });

  it("reads a bare exported fragment, with no canvas", () => {
    const got = docFromPresetBody(JSON.parse(layoutFragmentJson(d)), landscape);
    expect(got.drawnOn).toBeNull();
    expect(got.doc.tiles.map((t) => t.uid)).toEqual(["1", "2"]);
    expect(got.doc.backgroundColor).toBe("#112233");
  });

  it("falls back to the default canvas sides when the stored canvas is broken", () => {
    const got = docFromPresetBody({ canvas: { width: "wide" }, layout: { layoutConfig: [] } }, landscape);
    expect(got.drawnOn).toStrictEqual({ kind: "recording", width: 360, height: 640 });
  });

  it("reports dropped regions from a preset", () => {
    const layoutConfig = Array.from({ length: 18 }, () => region(0, 0, 0.5, 0.5));
    expect(docFromPresetBody({ layoutConfig }, landscape).dropped).toBe(1);
  });

  it("refuses a body that is not a JSON object", () => {
    for (const body of [null, undefined, [], "layout", 3, true]) {
      expect(() => docFromPresetBody(body, landscape)).toThrow("A layout must be a JSON object.");
    }
  });

  it("refuses a body without layoutConfig", () => {
    const message = "This holds no layoutConfig: it is not a custom layout (mixedVideoLayout 3).";
    expect(() => docFromPresetBody({}, landscape)).toThrow(message);
    expect(() => docFromPresetBody({ layout: { mixedVideoLayout: 1 } }, landscape)).toThrow(message);
    expect(() => docFromPresetBody({ canvas: { width: 640, height: 360 }, layout: "x" }, landscape)).toThrow(
      message,
    );
    expect(() => docFromPresetBody({ layoutConfig: { 0: {} } }, landscape)).toThrow(message);
  });
});
