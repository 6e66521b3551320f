import { describe, expect, it } from "vitest";
import type { LayoutRegion } from "../../../bindings";
import { recordingCanvas, transcodingCanvas } from "./canvas";
import {
  fromLayoutConfig,
  fromPixelRect,
  fromTranscodingRegions,
  round6,
  toLayoutConfig,
  toPixelRect,
  toTranscodingRegions,
} from "./convert";
import type { Tile } from "./model";

const hd = transcodingCanvas({ width: 1280, height: 720 });
const rec = recordingCanvas({ width: 640, height: 360 });
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

describe("pixels (Cloud Transcoding regions)", () => {
  it("rounds to whole pixels inside the canvas", () => {
    expect(toPixelRect({ x: 0.5, y: 0.5, w: 0.5, h: 0.5 }, hd)).toEqual({
      x: 640,
      y: 360,
      width: 640,
      height: 360,
    });
    expect(toPixelRect({ x: 1 / 3, y: 0, w: 2 / 3, h: 1 }, hd)).toEqual({
      x: 427,
      y: 0,
      width: 853,
      height: 720,
    });
  });

  it("keeps shared edges shared after rounding", () => {
    const thirds = [0, 1, 2].map((i) => toPixelRect({ x: i / 3, y: 0, w: 1 / 3, h: 0.5 }, hd));
    expect(thirds.map((r) => [r.x, r.x + r.width])).toEqual([
      [0, 427],
      [427, 853],
      [853, 1280],
    ]);
  });

  it("never goes below 120 px a side, nor off the canvas, for the transcoder", () => {
    const r = toPixelRect({ x: 0.99, y: 0.99, w: 0.01, h: 0.01 }, hd);
    expect(r).toEqual({ x: 1160, y: 600, width: 120, height: 120 });
  });

  it("converts pixel regions back, tolerating missing fields", () => {
    expect(fromPixelRect({ x: 640, y: 180, width: 320, height: 360 }, hd)).toEqual({
      x: 0.5,
      y: 0.25,
      w: 0.25,
      h: 0.5,
    });
    const r = fromPixelRect({ x: Number.NaN }, hd);
    expect(r).toEqual({ x: 0, y: 0, w: 120 / 1280, h: 120 / 720 });
    expect(fromPixelRect({ x: 2000, y: 0, width: 500, height: 100 }, hd).x).toBeCloseTo(
      1 - 120 / 1280 - 0,
      9,
    );
  });

  it("emits regions with a zOrder in 2–100 and reads them back", () => {
    const regions = toTranscodingRegions(
      [
        tile("a", 0, 0, 0.5, 1, { zOrder: 1 }),
        tile("b", 0.5, 0, 0.5, 1, { zOrder: 250 }),
        tile("c", 0.25, 0.25, 0.5, 0.5, { zOrder: 7.6 }),
      ],
      hd,
    );
    expect(regions).toEqual([
      { x: 0, y: 0, width: 640, height: 720, zOrder: 2 },
      { x: 640, y: 0, width: 640, height: 720, zOrder: 100 },
      { x: 320, y: 180, width: 640, height: 360, zOrder: 8 },
    ]);
    const back = fromTranscodingRegions([...regions, null], hd);
    expect(back.map((t) => t.id)).toEqual(["tile-1", "tile-2", "tile-3", "tile-4"]);
    expect(back[1]).toMatchObject({ x: 0.5, y: 0, w: 0.5, h: 1, zOrder: 100, uid: null });
    expect(back[3]?.zOrder).toBe(2);
  });

  it("round-trips the documented example regions", () => {
    // agora-api.md §3.3: {0,0,480,360,z2} and {0,240,480,360,z2} on 1280 × 720.
    const regions = [
      { x: 0, y: 0, width: 480, height: 360, zOrder: 2 },
      { x: 0, y: 240, width: 480, height: 360, zOrder: 2 },
    ];
    expect(toTranscodingRegions(fromTranscodingRegions(regions, hd), hd)).toEqual(regions);
  });
});

describe("layoutConfig (Cloud Recording)", () => {
  it("rounds to 6 decimals and never lets x + width exceed 1", () => {
    const out = toLayoutConfig([
      tile("a", 2 / 3, 1 / 3, 1 / 3, 2 / 3),
      tile("b", 0.1234567, 0, 0.8765433, 1),
    ]);
    for (const r of out) {
      for (const v of [r.x_axis, r.y_axis, r.width, r.height]) expect(round6(v ?? Number.NaN)).toBe(v);
      expect((r.x_axis ?? 0) + (r.width ?? 0)).toBeLessThanOrEqual(1);
      expect((r.y_axis ?? 0) + (r.height ?? 0)).toBeLessThanOrEqual(1);
    }
    expect(out[0]).toEqual({ x_axis: 0.666667, y_axis: 0.333333, width: 0.333333, height: 0.666667 });
  });

  it("sends only what the user set: uid, alpha and render mode are omitted when unset, kept when set (even 0)", () => {
    const out = toLayoutConfig([
      tile("a", 0, 0, 0.5, 0.5),
      tile("b", 0.5, 0, 0.5, 0.5, { uid: "527841", alpha: 0, renderMode: 0 }),
      tile("c", 0, 0.5, 0.5, 0.5, { uid: "  ", alpha: Number.NaN, renderMode: 1 }),
      tile("d", 0.5, 0.5, 0.5, 0.5, { alpha: 0.3333333 }),
    ]);
    expect(JSON.stringify(out)).toBe(
      JSON.stringify([
        { x_axis: 0, y_axis: 0, width: 0.5, height: 0.5 },
        { uid: "527841", x_axis: 0.5, y_axis: 0, width: 0.5, height: 0.5, alpha: 0, render_mode: 0 },
        { x_axis: 0, y_axis: 0.5, width: 0.5, height: 0.5, render_mode: 1 },
        { x_axis: 0.5, y_axis: 0.5, width: 0.5, height: 0.5, alpha: 0.333333 },
      ]),
    );
    for (const r of out)
      expect(Object.values(r).every((v) => v !== undefined && !Number.isNaN(v))).toBe(true);
  });

  it("never emits NaN, even from a broken tile", () => {
    const [r] = toLayoutConfig([tile("a", Number.NaN, Number.POSITIVE_INFINITY, Number.NaN, -1)]);
    expect(Object.values(r ?? {}).every((v) => typeof v === "number" && Number.isFinite(v))).toBe(true);
    expect((r?.width ?? 0) > 0 && (r?.height ?? 0) > 0).toBe(true);
  });

  it("emits at most 17 regions, in tile order", () => {
    const tiles = Array.from({ length: 20 }, (_, i) => tile(`t${i}`, 0, 0, 0.1, 0.1, { uid: String(i + 1) }));
    const out = toLayoutConfig(tiles);
    expect(out).toHaveLength(17);
    expect(out.map((r) => r.uid)).toEqual(Array.from({ length: 17 }, (_, i) => String(i + 1)));
  });

  it("reads layoutConfig back, keeping alpha/render mode presence and dropping past 17", () => {
    const regions: LayoutRegion[] = [
      { uid: "1", x_axis: 0, y_axis: 0, width: 0.5, height: 1, alpha: 0.5, render_mode: 1 },
      { x_axis: 0.5, y_axis: 0, width: 0.5, height: 1 },
      { uid: "", x_axis: null, y_axis: 0.25, width: null, height: Number.NaN },
    ];
    const { tiles, dropped } = fromLayoutConfig(regions, rec);
    expect(dropped).toBe(0);
    expect(tiles[0]).toEqual({
      id: "tile-1",
      uid: "1",
      x: 0,
      y: 0,
      w: 0.5,
      h: 1,
      zOrder: 2,
      alpha: 0.5,
      renderMode: 1,
    });
    expect(tiles[1]).toEqual({ id: "tile-2", uid: null, x: 0.5, y: 0, w: 0.5, h: 1, zOrder: 3 });
    // Missing coordinates: 0 for positions, the rest of the canvas for sizes.
    expect(tiles[2]).toMatchObject({ uid: null, x: 0, y: 0.25, w: 1, h: 0.75 });
    expect(toLayoutConfig(tiles)).toEqual([
      { uid: "1", x_axis: 0, y_axis: 0, width: 0.5, height: 1, alpha: 0.5, render_mode: 1 },
      { x_axis: 0.5, y_axis: 0, width: 0.5, height: 1 },
      { x_axis: 0, y_axis: 0.25, width: 1, height: 0.75 },
    ]);
    const many = fromLayoutConfig(
      Array.from({ length: 19 }, () => ({ x_axis: 0, y_axis: 0, width: 0.1, height: 0.1 })),
      rec,
    );
    expect(many.tiles).toHaveLength(17);
    expect(many.dropped).toBe(2);
    expect(fromLayoutConfig(null, rec)).toEqual({ tiles: [], dropped: 0 });
  });

  it("keeps a region that spills past the canvas on it", () => {
    const { tiles } = fromLayoutConfig([{ x_axis: 0.8, y_axis: 0.9, width: 0.5, height: 0.5 }], rec);
    const [r] = toLayoutConfig(tiles);
    expect(r).toEqual({ x_axis: 0.8, y_axis: 0.9, width: 0.2, height: 0.1 });
  });
});
