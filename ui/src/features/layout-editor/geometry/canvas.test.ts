import { describe, expect, it } from "vitest";
import { clampNumber, finiteOr, minTileSize, pxToNorm, recordingCanvas, transcodingCanvas } from "./canvas";

describe("canvas", () => {
  it("uses Agora's mix defaults (360 × 640) when transcodingConfig leaves a side out or it is invalid", () => {
    expect(recordingCanvas()).toEqual({ kind: "recording", width: 360, height: 640 });
    expect(recordingCanvas({ width: 1280, height: null })).toEqual({
      kind: "recording",
      width: 1280,
      height: 640,
    });
    expect(recordingCanvas({ width: Number.NaN, height: -5 })).toEqual({
      kind: "recording",
      width: 360,
      height: 640,
    });
  });

  it("keeps the transcoder canvas within 120–3840 whole pixels", () => {
    expect(transcodingCanvas({ width: 1920, height: 1080 })).toEqual({
      kind: "transcoding",
      width: 1920,
      height: 1080,
    });
    expect(transcodingCanvas({ width: 50, height: 9000 })).toEqual({
      kind: "transcoding",
      width: 120,
      height: 3840,
    });
    expect(transcodingCanvas({ width: 640.6 })).toEqual({ kind: "transcoding", width: 641, height: 720 });
    expect(transcodingCanvas(null)).toEqual({ kind: "transcoding", width: 1280, height: 720 });
  });

  it("gives the transcoder's 120 px minimum and recording's 16 px as normalized sizes", () => {
    expect(minTileSize(transcodingCanvas({ width: 1200, height: 600 }))).toEqual({ w: 0.1, h: 0.2 });
    expect(minTileSize(recordingCanvas({ width: 320, height: 160 }))).toEqual({ w: 0.05, h: 0.1 });
    expect(minTileSize(transcodingCanvas({ width: 120, height: 120 }))).toEqual({ w: 1, h: 1 });
    // A broken hand-built canvas never divides by zero.
    const m = minTileSize({ kind: "recording", width: 0, height: Number.NaN });
    expect([m.w, m.h].every(Number.isFinite)).toBe(true);
  });

  it("converts canvas pixels to normalized units per axis", () => {
    expect(pxToNorm(transcodingCanvas({ width: 1000, height: 500 }), { x: 10, y: 10 })).toEqual({
      x: 0.01,
      y: 0.02,
    });
  });

  it("replaces non-finite numbers and clamps", () => {
    expect(finiteOr(Number.NaN, 3)).toBe(3);
    expect(finiteOr(null, 3)).toBe(3);
    expect(finiteOr(Number.POSITIVE_INFINITY, 3)).toBe(3);
    expect(finiteOr(-2, 3)).toBe(-2);
    expect(clampNumber(5, 0, 1)).toBe(1);
    expect(clampNumber(-5, 0, 1)).toBe(0);
  });
});
