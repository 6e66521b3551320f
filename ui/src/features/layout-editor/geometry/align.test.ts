import { describe, expect, it } from "vitest";
import { alignTiles, distributeTiles, type AlignMode } from "./align";
import { recordingCanvas } from "./canvas";
import type { Tile } from "./model";

const canvas = recordingCanvas({ width: 1000, height: 1000 });
const tile = (id: string, x: number, y: number, w: number, h: number): Tile => ({
  id,
  uid: null,
  x,
  y,
  w,
  h,
  zOrder: 2,
});
const tiles = [tile("a", 0.1, 0.1, 0.2, 0.1), tile("b", 0.4, 0.3, 0.1, 0.3), tile("c", 0.7, 0.2, 0.2, 0.2)];

describe("align", () => {
  const cases: [AlignMode, (t: Tile) => number, number][] = [
    ["left", (t) => t.x, 0.1],
    ["right", (t) => t.x + t.w, 0.9],
    ["top", (t) => t.y, 0.1],
    ["bottom", (t) => t.y + t.h, 0.6],
    ["center-h", (t) => t.x + t.w / 2, 0.5],
    ["center-v", (t) => t.y + t.h / 2, 0.35],
  ];
  it.each(cases)("%s lines the selection up on its bounds", (mode, measure, expected) => {
    const out = alignTiles(tiles, ["a", "b", "c"], mode, canvas);
    for (const t of out) expect(measure(t)).toBeCloseTo(expected, 12);
    // Sizes never change.
    out.forEach((t, i) => expect([t.w, t.h]).toEqual([tiles[i]?.w, tiles[i]?.h]));
  });

  it("aligns a single tile to the canvas", () => {
    expect(alignTiles(tiles, ["b"], "right", canvas)[1]?.x).toBeCloseTo(0.9, 12);
    const centred = alignTiles(tiles, ["b"], "center-v", canvas)[1];
    expect((centred?.y ?? 0) + (centred?.h ?? 0) / 2).toBeCloseTo(0.5, 12);
  });

  it("leaves unselected tiles alone and ignores an empty selection", () => {
    const out = alignTiles(tiles, ["a", "b"], "top", canvas);
    expect(out[2]).toBe(tiles[2]);
    expect(alignTiles(tiles, [], "top", canvas)).toBe(tiles);
  });
});

describe("distribute", () => {
  it("makes horizontal gaps equal and keeps the outer tiles in place", () => {
    const row = [tile("a", 0, 0, 0.1, 0.1), tile("b", 0.15, 0.5, 0.2, 0.1), tile("c", 0.8, 0.2, 0.2, 0.1)];
    const out = distributeTiles(row, ["c", "a", "b"], "horizontal", canvas);
    const [a, b, c] = out;
    expect(a?.x).toBe(0);
    expect(c?.x).toBeCloseTo(0.8, 12);
    // Span 1, widths 0.5, two gaps of 0.25.
    expect(b?.x).toBeCloseTo(0.35, 12);
    expect(b?.y).toBe(0.5);
  });

  it("makes vertical gaps equal", () => {
    const col = [
      tile("a", 0, 0.1, 0.1, 0.1),
      tile("b", 0.3, 0.25, 0.1, 0.2),
      tile("c", 0.5, 0.8, 0.1, 0.1),
      tile("d", 0.7, 0.3, 0.1, 0.1),
    ];
    const out = distributeTiles(col, ["a", "b", "c", "d"], "vertical", canvas);
    const sorted = [...out].sort((p, q) => p.y - q.y);
    const gaps = sorted.slice(1).map((t, i) => t.y - ((sorted[i]?.y ?? 0) + (sorted[i]?.h ?? 0)));
    for (const g of gaps) expect(g).toBeCloseTo(gaps[0] ?? 0, 12);
    expect(sorted[0]?.y).toBeCloseTo(0.1, 12);
    expect((sorted[3]?.y ?? 0) + (sorted[3]?.h ?? 0)).toBeCloseTo(0.9, 12);
  });

  it("needs at least three tiles", () => {
    expect(distributeTiles(tiles, ["a", "b"], "horizontal", canvas)).toBe(tiles);
  });
});
