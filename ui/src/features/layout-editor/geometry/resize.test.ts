import { describe, expect, it } from "vitest";
import { recordingCanvas, transcodingCanvas } from "./canvas";
import type { Handle, Rect } from "./model";
import { isValidRect } from "./rect";
import { pixelAspect, resizeRect } from "./resize";

const square = recordingCanvas({ width: 1000, height: 1000 });
const hd = transcodingCanvas({ width: 1920, height: 1080 });
const start: Rect = { x: 0.3, y: 0.3, w: 0.4, h: 0.4 };

const edges = (r: Rect) => ({ l: r.x, t: r.y, r: r.x + r.w, b: r.y + r.h });

describe("resizeRect without a lock", () => {
  const cases: [Handle, { l: number; t: number; r: number; b: number }][] = [
    ["n", { l: 0.3, t: 0.2, r: 0.7, b: 0.7 }],
    ["s", { l: 0.3, t: 0.3, r: 0.7, b: 0.8 }],
    ["e", { l: 0.3, t: 0.3, r: 0.8, b: 0.7 }],
    ["w", { l: 0.2, t: 0.3, r: 0.7, b: 0.7 }],
    ["ne", { l: 0.3, t: 0.2, r: 0.8, b: 0.7 }],
    ["nw", { l: 0.2, t: 0.2, r: 0.7, b: 0.7 }],
    ["se", { l: 0.3, t: 0.3, r: 0.8, b: 0.8 }],
    ["sw", { l: 0.2, t: 0.3, r: 0.7, b: 0.8 }],
  ];
  it.each(cases)("%s moves only its own edges outwards", (handle, expected) => {
    const dx = handle.includes("w") ? -0.1 : 0.1;
    const dy = handle.includes("n") ? -0.1 : 0.1;
    const e = edges(resizeRect(start, handle, { dx, dy }, square));
    expect(e.l).toBeCloseTo(expected.l, 12);
    expect(e.t).toBeCloseTo(expected.t, 12);
    expect(e.r).toBeCloseTo(expected.r, 12);
    expect(e.b).toBeCloseTo(expected.b, 12);
  });

  it("stops the moving edge at the canvas", () => {
    expect(edges(resizeRect(start, "se", { dx: 5, dy: 5 }, square))).toEqual({ l: 0.3, t: 0.3, r: 1, b: 1 });
    expect(edges(resizeRect(start, "nw", { dx: -5, dy: -5 }, square))).toMatchObject({ l: 0, t: 0 });
  });

  it("stops at the minimum size instead of flipping (120 px for the transcoder)", () => {
    const r = resizeRect(start, "e", { dx: -1, dy: 0 }, hd);
    expect(r.x).toBe(0.3);
    expect(r.w * 1920).toBeCloseTo(120, 9);
    const n = resizeRect(start, "n", { dx: 0, dy: 1 }, hd);
    expect(n.y + n.h).toBeCloseTo(0.7, 12);
    expect(n.h * 1080).toBeCloseTo(120, 9);
  });

  it("ignores a NaN delta", () => {
    const r = resizeRect(start, "se", { dx: Number.NaN, dy: Number.POSITIVE_INFINITY }, square);
    expect(r.x).toBe(0.3);
    expect(r.w).toBeCloseTo(0.4, 12);
    expect(r.h).toBeCloseTo(0.4, 12);
  });
});

describe("resizeRect with an aspect lock", () => {
  it("keeps 16:9 in canvas pixels, not in normalized units", () => {
    // On a 1920 × 1080 canvas a 16:9 window is square in normalized units.
    const r = resizeRect({ x: 0, y: 0, w: 0.25, h: 0.25 }, "se", { dx: 0.25, dy: 0 }, hd, { aspect: 16 / 9 });
    expect(r.w).toBeCloseTo(0.5, 12);
    expect(r.h).toBeCloseTo(0.5, 12);
    expect(pixelAspect(r, hd)).toBeCloseTo(16 / 9, 9);
    // On a square canvas, 16:9 is 16:9 in normalized units too.
    const s = resizeRect({ x: 0, y: 0, w: 0.32, h: 0.18 }, "se", { dx: 0.32, dy: 0 }, square, {
      aspect: 16 / 9,
    });
    expect(s.w).toBeCloseTo(0.64, 12);
    expect(s.h).toBeCloseTo(0.36, 12);
  });

  it("keeps the opposite corner fixed when dragging a corner", () => {
    const r = resizeRect(start, "nw", { dx: -0.1, dy: -0.05 }, square, { aspect: 1 });
    expect(r.x + r.w).toBeCloseTo(0.7, 12);
    expect(r.y + r.h).toBeCloseTo(0.7, 12);
    expect(r.w).toBeCloseTo(0.5, 12); // the axis that grew more wins
    expect(r.h).toBeCloseTo(0.5, 12);
  });

  it("keeps the other axis centred when dragging an edge", () => {
    const r = resizeRect(start, "e", { dx: 0.2, dy: 0 }, square, { aspect: 1 });
    expect(r.x).toBe(0.3);
    expect(r.w).toBeCloseTo(0.6, 12);
    expect(r.h).toBeCloseTo(0.6, 12);
    expect(r.y + r.h / 2).toBeCloseTo(0.5, 12);
    const n = resizeRect(start, "s", { dx: 0, dy: -0.2 }, square, { aspect: 2 });
    expect(n.h).toBeCloseTo(0.2, 12);
    expect(n.w).toBeCloseTo(0.4, 12);
    expect(n.x + n.w / 2).toBeCloseTo(0.5, 12);
  });

  it("stops growing when one side reaches the canvas, ratio intact", () => {
    const r = resizeRect({ x: 0.5, y: 0.1, w: 0.2, h: 0.2 }, "se", { dx: 1, dy: 1 }, square, { aspect: 1 });
    expect(r).toMatchObject({ x: 0.5, y: 0.1 });
    expect(r.w).toBeCloseTo(0.5, 12);
    expect(r.h).toBeCloseTo(0.5, 12);
  });

  it("stays on the canvas and at the minimum when the ratio cannot fit at the anchor", () => {
    const r = resizeRect({ x: 0.92, y: 0.1, w: 0.08, h: 0.3 }, "e", { dx: -1, dy: 0 }, hd, {
      aspect: 16 / 9,
    });
    expect(isValidRect(r, hd)).toBe(true);
  });

  it("treats a zero, negative or NaN ratio as no lock", () => {
    for (const aspect of [0, -1, Number.NaN]) {
      expect(resizeRect(start, "e", { dx: 0.1, dy: 0 }, square, { aspect }).h).toBe(0.4);
    }
  });

  it("measures a tile's pixel aspect", () => {
    expect(pixelAspect({ x: 0, y: 0, w: 0.5, h: 0.5 }, hd)).toBeCloseTo(16 / 9, 12);
  });
});
