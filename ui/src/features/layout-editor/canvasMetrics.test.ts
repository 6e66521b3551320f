import { describe, expect, it } from "vitest";
import { ASPECT_LOCKS, aspectRatio, defaultGridStep, fitDisplay, screenBox } from "./canvasMetrics";
import { recordingCanvas, transcodingCanvas } from "./geometry";

const hd = transcodingCanvas({ width: 1280, height: 720 });
const portrait = recordingCanvas({ width: 360, height: 640 });

describe("fitDisplay", () => {
  it("fits the width when the box is relatively wider", () => {
    expect(fitDisplay(hd, { width: 1000, height: 1000 })).toEqual({ width: 1000, height: 562 });
  });

  it("fits the height when the box is relatively taller", () => {
    expect(fitDisplay(hd, { width: 2000, height: 360 })).toEqual({ width: 640, height: 360 });
    expect(fitDisplay(portrait, { width: 800, height: 320 })).toEqual({ width: 180, height: 320 });
  });

  it("keeps the canvas aspect and never exceeds the box", () => {
    for (const box of [
      { width: 333, height: 777 },
      { width: 901, height: 499 },
      { width: 17, height: 3 },
    ]) {
      const d = fitDisplay(hd, box);
      expect(d.width).toBeLessThanOrEqual(box.width);
      expect(d.height).toBeLessThanOrEqual(box.height);
      // Floors lose at most one pixel on each side.
      expect(Math.abs(d.width / 16 - d.height / 9)).toBeLessThan(1 / 9 + 1 / 16);
      expect(d.width === box.width || d.height === box.height).toBe(true);
    }
  });

  it("scales up as well as down", () => {
    expect(fitDisplay(recordingCanvas({ width: 160, height: 90 }), { width: 1600, height: 1600 })).toEqual({
      width: 1600,
      height: 900,
    });
  });

  it("gives an empty display for an empty or negative box", () => {
    expect(fitDisplay(hd, { width: 0, height: 500 })).toEqual({ width: 0, height: 0 });
    expect(fitDisplay(hd, { width: -10, height: -10 })).toEqual({ width: 0, height: 0 });
  });
});

describe("screenBox", () => {
  const d = { width: 1000, height: 600 };

  it("maps a normalized rect to whole CSS pixels", () => {
    expect(screenBox({ x: 0.25, y: 0.5, w: 0.5, h: 0.25 }, d)).toEqual({ x: 250, y: 300, w: 500, h: 150 });
  });

  it("rounds edges so neighbouring tiles share an edge", () => {
    const thirds = [0, 1, 2].map((i) => screenBox({ x: i / 3, y: i / 3, w: 1 / 3, h: 1 / 3 }, d));
    expect(thirds).toEqual([
      { x: 0, y: 0, w: 333, h: 200 },
      { x: 333, y: 200, w: 334, h: 200 },
      { x: 667, y: 400, w: 333, h: 200 },
    ]);
    for (let i = 0; i < 2; i++) {
      const [a, b] = [thirds[i], thirds[i + 1]] as const;
      expect(a && b && a.x + a.w).toBe(b?.x);
      expect(a && b && a.y + a.h).toBe(b?.y);
    }
  });

  it("shares edges for sevenths across an odd display width", () => {
    const odd = { width: 1003, height: 601 };
    const boxes = Array.from({ length: 7 }, (_, i) => screenBox({ x: i / 7, y: 0, w: 1 / 7, h: 1 }, odd));
    for (let i = 0; i < 6; i++) {
      const [a, b] = [boxes[i], boxes[i + 1]];
      expect((a?.x ?? NaN) + (a?.w ?? NaN)).toBe(b?.x);
    }
    const last = boxes[6];
    expect((last?.x ?? 0) + (last?.w ?? 0)).toBe(1003);
  });

  it("keeps at least one pixel a side", () => {
    expect(screenBox({ x: 0.5, y: 0.5, w: 0.0001, h: 0 }, d)).toEqual({ x: 500, y: 300, w: 1, h: 1 });
  });
});

describe("aspectRatio", () => {
  it("is free when off, the tile's own for tile, else width / height", () => {
    expect(aspectRatio("off", 2)).toBeUndefined();
    expect(aspectRatio("tile", 1.25)).toBe(1.25);
    expect(aspectRatio("16:9", 2)).toBe(16 / 9);
    expect(aspectRatio("4:3", 2)).toBe(4 / 3);
    expect(aspectRatio("1:1", 2)).toBe(1);
    expect(aspectRatio("9:16", 2)).toBe(9 / 16);
    expect(aspectRatio("3:4", 2)).toBe(3 / 4);
  });

  it("offers the locks in menu order", () => {
    expect(ASPECT_LOCKS).toEqual(["off", "tile", "16:9", "4:3", "1:1", "9:16", "3:4"]);
  });
});

describe("defaultGridStep", () => {
  it("gives about 16 cells across, in whole pixels, never below 4", () => {
    expect(defaultGridStep(hd)).toBe(80);
    expect(defaultGridStep(portrait)).toBe(23);
    expect(defaultGridStep(recordingCanvas({ width: 1920, height: 1080 }))).toBe(120);
    expect(defaultGridStep(recordingCanvas({ width: 40, height: 40 }))).toBe(4);
    expect(defaultGridStep(recordingCanvas({ width: 72, height: 40 }))).toBe(5);
  });
});
