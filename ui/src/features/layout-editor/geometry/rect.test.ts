import { describe, expect, it } from "vitest";
import { recordingCanvas, transcodingCanvas } from "./canvas";
import { boundsOf, clampMove, clampResize, isValidRect, moveRect } from "./rect";

const rec = recordingCanvas({ width: 1000, height: 1000 }); // min tile 16 px = 0.016
const tc = transcodingCanvas({ width: 1200, height: 600 }); // min tile 0.1 × 0.2

describe("clampMove", () => {
  it("leaves a rect that is already inside alone", () => {
    expect(clampMove({ x: 0.1, y: 0.2, w: 0.3, h: 0.4 }, rec)).toEqual({ x: 0.1, y: 0.2, w: 0.3, h: 0.4 });
  });

  it("translates a rect dragged past an edge back inside without changing its size", () => {
    expect(clampMove({ x: 0.9, y: -0.2, w: 0.3, h: 0.4 }, rec)).toEqual({ x: 0.7, y: 0, w: 0.3, h: 0.4 });
    expect(clampMove({ x: -1, y: 5, w: 0.5, h: 0.5 }, rec)).toEqual({ x: 0, y: 0.5, w: 0.5, h: 0.5 });
  });

  it("shrinks a rect larger than the canvas to the canvas and grows a tiny one to the minimum", () => {
    expect(clampMove({ x: -0.1, y: 0, w: 1.5, h: 0.01 }, tc)).toEqual({ x: 0, y: 0, w: 1, h: 0.2 });
  });

  it("never produces NaN", () => {
    const r = clampMove({ x: Number.NaN, y: Number.POSITIVE_INFINITY, w: Number.NaN, h: -1 }, tc);
    expect(r).toEqual({ x: 0, y: 0, w: 0.1, h: 0.2 });
  });
});

describe("clampResize", () => {
  it("cuts the part of a rect that lies outside the canvas", () => {
    const r = clampResize({ x: 0.8, y: -0.1, w: 0.4, h: 0.5 }, rec);
    expect(r.x).toBeCloseTo(0.8);
    expect(r.w).toBeCloseTo(0.2);
    expect(r.y).toBe(0);
    expect(r.h).toBeCloseTo(0.4);
  });

  it("raises a side below the minimum, growing towards the inside at an edge", () => {
    expect(clampResize({ x: 0.95, y: 0.9, w: 0.01, h: 0.05 }, tc)).toEqual({
      x: 0.9,
      y: 0.8,
      w: 0.1,
      h: 0.2,
    });
  });

  it("turns a negative size into the rect it spans", () => {
    const r = clampResize({ x: 0.5, y: 0.5, w: -0.2, h: -0.3 }, rec);
    expect(r.x).toBeCloseTo(0.3);
    expect(r.y).toBeCloseTo(0.2);
    expect(r.w).toBeCloseTo(0.2);
    expect(r.h).toBeCloseTo(0.3);
  });

  it("never produces NaN", () => {
    const r = clampResize({ x: Number.NaN, y: 0.5, w: Number.NEGATIVE_INFINITY, h: Number.NaN }, tc);
    expect(isValidRect(r, tc)).toBe(true);
  });
});

describe("rect helpers", () => {
  it("moves by a delta and stays inside", () => {
    expect(moveRect({ x: 0.5, y: 0.5, w: 0.2, h: 0.2 }, { dx: 0.5, dy: Number.NaN }, rec)).toEqual({
      x: 0.8,
      y: 0.5,
      w: 0.2,
      h: 0.2,
    });
  });

  it("bounds several rects", () => {
    expect(boundsOf([])).toBeNull();
    const b = boundsOf([
      { x: 0.1, y: 0.2, w: 0.1, h: 0.1 },
      { x: 0.5, y: 0.1, w: 0.2, h: 0.5 },
    ]);
    expect(b?.x).toBeCloseTo(0.1);
    expect(b?.y).toBeCloseTo(0.1);
    expect(b?.w).toBeCloseTo(0.6);
    expect(b?.h).toBeCloseTo(0.5);
  });

  it("tells valid rects from invalid ones", () => {
    expect(isValidRect({ x: 0, y: 0, w: 1, h: 1 }, tc)).toBe(true);
    expect(isValidRect({ x: 0.5, y: 0, w: 0.6, h: 1 }, tc)).toBe(false);
    expect(isValidRect({ x: 0, y: 0, w: 0.05, h: 1 }, tc)).toBe(false);
    expect(isValidRect({ x: Number.NaN, y: 0, w: 0.5, h: 0.5 }, tc)).toBe(false);
  });
});
