import { describe, expect, it } from "vitest";
import { recordingCanvas, transcodingCanvas } from "./canvas";
import type { Rect, Tile } from "./model";
import { PRESET_KINDS, presetForMixedVideoLayout, presetTiles } from "./presets";
import { isValidRect } from "./rect";

const rec = recordingCanvas({ width: 1280, height: 720 });
const uids = (n: number) => Array.from({ length: n }, (_, i) => String(100 + i));
const rect = (t: Tile | undefined): Rect => ({
  x: t?.x ?? NaN,
  y: t?.y ?? NaN,
  w: t?.w ?? NaN,
  h: t?.h ?? NaN,
});

function expectRect(t: Tile | undefined, r: Rect) {
  const got = rect(t);
  expect(got.x).toBeCloseTo(r.x, 9);
  expect(got.y).toBeCloseTo(r.y, 9);
  expect(got.w).toBeCloseTo(r.w, 9);
  expect(got.h).toBeCloseTo(r.h, 9);
}

describe("mixedVideoLayout modes", () => {
  it("maps 0/1/2 (and the default) to presets, 3 (custom) to none", () => {
    expect(presetForMixedVideoLayout(undefined)).toBe("floating");
    expect(presetForMixedVideoLayout(0)).toBe("floating");
    expect(presetForMixedVideoLayout(1)).toBe("best-fit");
    expect(presetForMixedVideoLayout(2)).toBe("vertical");
    expect(presetForMixedVideoLayout(3)).toBeNull();
  });
});

describe("floating (0)", () => {
  it("gives the first user the full canvas and stacks the others from the bottom-left, 4 per row, upwards", () => {
    const tiles = presetTiles("floating", 17, rec, { uids: uids(17) });
    expect(tiles).toHaveLength(17);
    expectRect(tiles[0], { x: 0, y: 0, w: 1, h: 1 });
    expect(tiles[0]?.zOrder).toBe(2);
    expectRect(tiles[1], { x: 0.012, y: 1 - 0.247, w: 0.235, h: 0.235 });
    expectRect(tiles[4], { x: 0.012 + 3 * 0.247, y: 1 - 0.247, w: 0.235, h: 0.235 });
    expectRect(tiles[5], { x: 0.012, y: 1 - 2 * 0.247, w: 0.235, h: 0.235 });
    expectRect(tiles[16], { x: 0.012 + 3 * 0.247, y: 1 - 4 * 0.247, w: 0.235, h: 0.235 });
    expect(tiles.slice(1).every((t) => t.zOrder === 3)).toBe(true);
    expect(tiles.map((t) => t.uid)).toEqual(uids(17));
  });
});

describe("best fit (1)", () => {
  it.each([
    [1, 1, 1],
    [2, 2, 1],
    [3, 2, 2],
    [4, 2, 2],
    [5, 3, 3],
    [9, 3, 3],
    [10, 4, 4],
    [16, 4, 4],
  ])("%i users: equal cells of a %i × %i grid, from the top-left", (n, cols, rows) => {
    const tiles = presetTiles("best-fit", n, rec);
    expect(tiles).toHaveLength(n);
    tiles.forEach((t, i) =>
      expectRect(t, { x: (i % cols) / cols, y: Math.floor(i / cols) / rows, w: 1 / cols, h: 1 / rows }),
    );
  });

  it("17 users: 0.2 windows, 4 rows of 4 with 0.1 side margins, the 17th centred on a fifth row", () => {
    const tiles = presetTiles("best-fit", 17, rec);
    expectRect(tiles[0], { x: 0.1, y: 0, w: 0.2, h: 0.2 });
    expectRect(tiles[15], { x: 0.7, y: 0.6, w: 0.2, h: 0.2 });
    expectRect(tiles[16], { x: 0.4, y: 0.8, w: 0.2, h: 0.2 });
  });
});

describe("vertical (2)", () => {
  it.each([
    [5, 0.8, 0.2, 1 / 4],
    [7, 6 / 7, 1 / 7, 1 / 6],
    [9, 8 / 9, 1 / 9, 1 / 8],
  ])("%i users: big window %f wide, small %f × %f in one column", (n, bigW, w, h) => {
    const tiles = presetTiles("vertical", n, rec);
    expectRect(tiles[0], { x: 0, y: 0, w: bigW, h: 1 });
    tiles.slice(1).forEach((t, k) => expectRect(t, { x: bigW, y: k * h, w, h }));
  });

  it("17 users: two columns of 8 on the right", () => {
    const tiles = presetTiles("vertical", 17, rec);
    expectRect(tiles[0], { x: 0, y: 0, w: 0.8, h: 1 });
    expectRect(tiles[8], { x: 0.8, y: 7 / 8, w: 0.1, h: 1 / 8 });
    expectRect(tiles[9], { x: 0.9, y: 0, w: 0.1, h: 1 / 8 });
    expectRect(tiles[16], { x: 0.9, y: 7 / 8, w: 0.1, h: 1 / 8 });
  });

  it("puts maxResolutionUid in the big window and keeps join order for the rest", () => {
    const tiles = presetTiles("vertical", 4, rec, { uids: ["1", "2", "3", "4"], maxResolutionUid: "3" });
    expect(tiles.map((t) => t.uid)).toEqual(["1", "2", "3", "4"]);
    expectRect(tiles[2], { x: 0, y: 0, w: 0.8, h: 1 });
    expectRect(tiles[0], { x: 0.8, y: 0, w: 0.2, h: 0.25 });
    expectRect(tiles[3], { x: 0.8, y: 0.5, w: 0.2, h: 0.25 });
    // An unknown maxResolutionUid falls back to the first user.
    expectRect(presetTiles("vertical", 2, rec, { uids: ["1", "2"], maxResolutionUid: "9" })[0], {
      x: 0,
      y: 0,
      w: 0.8,
      h: 1,
    });
  });
});

describe("editor presets", () => {
  it("grid: near-square, a short last row centred, optional gap in canvas pixels", () => {
    const tiles = presetTiles("grid", 5, rec);
    expectRect(tiles[0], { x: 0, y: 0, w: 1 / 3, h: 0.5 });
    expectRect(tiles[3], { x: 1 / 6, y: 0.5, w: 1 / 3, h: 0.5 });
    const gapped = presetTiles("grid", 4, rec, { gapPx: 16 });
    expectRect(gapped[0], { x: 16 / 1280, y: 16 / 720, w: (1 - 48 / 1280) / 2, h: (1 - 48 / 720) / 2 });
  });

  it("speaker + strip: the first user on top, the others in a bottom strip", () => {
    const tiles = presetTiles("speaker-strip", 4, rec);
    expectRect(tiles[0], { x: 0, y: 0, w: 1, h: 0.8 });
    expectRect(tiles[1], { x: 0, y: 0.8, w: 1 / 3, h: 0.2 });
    expectRect(tiles[3], { x: 2 / 3, y: 0.8, w: 1 / 3, h: 0.2 });
    const crowded = presetTiles("speaker-strip", 17, rec);
    expectRect(crowded[0], { x: 0, y: 0, w: 1, h: 0.6 });
    expectRect(crowded[16], { x: 7 / 8, y: 0.8, w: 1 / 8, h: 0.2 });
  });

  it("picture-in-picture: the first user full, insets in the bottom-right corner on top", () => {
    const tiles = presetTiles("picture-in-picture", 2, rec);
    expectRect(tiles[0], { x: 0, y: 0, w: 1, h: 1 });
    expectRect(tiles[1], { x: 0.725, y: 0.725, w: 0.25, h: 0.25 });
    expect(tiles[1]?.zOrder).toBeGreaterThan(tiles[0]?.zOrder ?? 0);
  });
});

describe("every preset", () => {
  const canvases = [
    rec,
    recordingCanvas(),
    transcodingCanvas({ width: 1280, height: 720 }),
    transcodingCanvas({ width: 120, height: 3840 }),
  ];
  it("stays on the canvas, at or above the minimum size, with at most 17 tiles and unique ids", () => {
    for (const canvas of canvases) {
      for (const kind of PRESET_KINDS) {
        for (let n = -2; n <= 22; n++) {
          const tiles = presetTiles(kind, n, canvas, { uids: uids(30), gapPx: 40 });
          expect(tiles.length).toBe(Math.max(0, Math.min(17, n)));
          for (const t of tiles)
            expect(isValidRect(t, canvas), `${kind} ${n} ${JSON.stringify(t)}`).toBe(true);
          expect(new Set(tiles.map((t) => t.id)).size).toBe(tiles.length);
        }
      }
    }
  });

  it("treats a NaN count as zero", () => {
    expect(presetTiles("grid", Number.NaN, rec)).toEqual([]);
  });
});
