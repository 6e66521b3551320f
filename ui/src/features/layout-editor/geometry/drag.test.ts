import { describe, expect, it } from "vitest";
import { recordingCanvas, transcodingCanvas } from "./canvas";
import { dragMove, dragResize } from "./drag";
import { pixelAspect } from "./resize";

const canvas = recordingCanvas({ width: 1000, height: 1000 });
const display = { width: 500, height: 500 };

describe("dragMove", () => {
  it("moves by the total pointer delta and keeps the tile on the canvas", () => {
    const r = dragMove({ x: 0.2, y: 0.2, w: 0.3, h: 0.3 }, { dx: 2, dy: -2 }, canvas);
    expect(r.rect).toEqual({ x: 0.7, y: 0, w: 0.3, h: 0.3 });
    expect(r.guides).toEqual([]);
  });

  it("snaps after moving when snapping is on", () => {
    const other = { x: 0.6, y: 0.6, w: 0.2, h: 0.2 };
    const r = dragMove({ x: 0.1, y: 0.1, w: 0.2, h: 0.2 }, { dx: 0.305, dy: 0.233 }, canvas, {
      others: [other],
      display,
      toCanvas: false,
    });
    // Right edge 0.605 → the other's left edge 0.6.
    expect(r.rect.x + r.rect.w).toBeCloseTo(0.6, 12);
    expect(r.guides.some((g) => g.orientation === "vertical" && Math.abs(g.position - 0.6) < 1e-12)).toBe(
      true,
    );
  });
});

describe("dragResize", () => {
  it("resizes without snapping when none is asked for", () => {
    const r = dragResize({ x: 0.1, y: 0.1, w: 0.2, h: 0.2 }, "se", { dx: 0.1, dy: 0.1 }, canvas);
    expect(r.rect.w).toBeCloseTo(0.3, 12);
    expect(r.guides).toEqual([]);
  });

  it("snaps the moving edge", () => {
    const r = dragResize({ x: 0.1, y: 0.1, w: 0.2, h: 0.2 }, "e", { dx: 0.195, dy: 0 }, canvas, {
      snap: { others: [], display },
    });
    expect(r.rect.x + r.rect.w).toBeCloseTo(0.5, 12);
    expect(r.guides).toEqual([{ orientation: "vertical", position: 0.5, start: 0, end: 1 }]);
  });

  it("keeps the pixel aspect ratio when snapping with a lock", () => {
    const hd = transcodingCanvas({ width: 1920, height: 1080 });
    const r = dragResize({ x: 0.1, y: 0.1, w: 0.2, h: 0.2 }, "se", { dx: 0.196, dy: 0.1 }, hd, {
      aspect: 16 / 9,
      snap: { others: [], display: { width: 960, height: 540 } },
    });
    expect(pixelAspect(r.rect, hd)).toBeCloseTo(16 / 9, 9);
    // The east edge snapped to the centre line, and the lock followed it.
    expect(r.rect.x + r.rect.w).toBeCloseTo(0.5, 12);
    expect(r.guides.every((g) => Math.abs(g.position - 0.5) < 1e-9)).toBe(true);
  });
});
