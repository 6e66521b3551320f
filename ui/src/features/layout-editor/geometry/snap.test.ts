import { describe, expect, it } from "vitest";
import { recordingCanvas, transcodingCanvas } from "./canvas";
import { snapMove, snapResize, type SnapSettings } from "./snap";

// 1000 × 1000 canvas shown at 500 × 500 on screen: a 6 px screen threshold is 0.012 normalized.
const canvas = recordingCanvas({ width: 1000, height: 1000 });
const display = { width: 500, height: 500 };
const settings = (extra: Partial<SnapSettings> = {}): SnapSettings => ({ others: [], display, ...extra });

describe("snapMove", () => {
  it("snaps an edge to the canvas edge within the on-screen threshold and draws the guide", () => {
    const r = snapMove({ x: 0.01, y: 0.3, w: 0.2, h: 0.25 }, canvas, settings());
    expect(r.rect).toEqual({ x: 0, y: 0.3, w: 0.2, h: 0.25 });
    expect(r.guides).toEqual([{ orientation: "vertical", position: 0, start: 0, end: 1 }]);
  });

  it("does not snap beyond the threshold, and the threshold follows the displayed size", () => {
    expect(snapMove({ x: 0.02, y: 0.3, w: 0.2, h: 0.2 }, canvas, settings()).rect.x).toBe(0.02);
    // Shown at 100 px wide, the same 6 px reach 0.06 of the canvas.
    const wide = snapMove(
      { x: 0.05, y: 0.3, w: 0.2, h: 0.2 },
      canvas,
      settings({ display: { width: 100, height: 100 } }),
    );
    expect(wide.rect.x).toBe(0);
    expect(snapMove({ x: 0.01, y: 0.3, w: 0.2, h: 0.2 }, canvas, settings({ thresholdPx: 0 })).rect.x).toBe(
      0.01,
    );
  });

  it("snaps the centre to the canvas centre lines", () => {
    const r = snapMove({ x: 0.405, y: 0.395, w: 0.2, h: 0.2 }, canvas, settings());
    expect(r.rect.x).toBeCloseTo(0.4, 12);
    expect(r.rect.y).toBeCloseTo(0.4, 12);
    expect(r.guides).toEqual([
      { orientation: "vertical", position: 0.5, start: 0, end: 1 },
      { orientation: "horizontal", position: 0.5, start: 0, end: 1 },
    ]);
  });

  it("snaps to another tile's edges and centre; the guide spans both tiles", () => {
    const other = { x: 0.6, y: 0.1, w: 0.2, h: 0.2 };
    // Left edge 0.805 is 0.005 from the other's right edge 0.8.
    const r = snapMove(
      { x: 0.805, y: 0.5, w: 0.1, h: 0.1 },
      canvas,
      settings({ others: [other], toCanvas: false }),
    );
    expect(r.rect.x).toBeCloseTo(0.8, 12);
    expect(r.guides).toHaveLength(1);
    expect(r.guides[0]).toMatchObject({ orientation: "vertical", position: 0.8 });
    expect(r.guides[0]?.start).toBeCloseTo(0.1);
    expect(r.guides[0]?.end).toBeCloseTo(0.6);
    // Centre to centre: the other's centre is at x 0.7.
    const c = snapMove(
      { x: 0.647, y: 0.5, w: 0.1, h: 0.1 },
      canvas,
      settings({ others: [other], toCanvas: false }),
    );
    expect(c.rect.x).toBeCloseTo(0.65, 12);
  });

  it("takes the nearest line when several are in reach", () => {
    const others = [
      { x: 0.3, y: 0, w: 0.1, h: 0.1 },
      { x: 0.308, y: 0.5, w: 0.1, h: 0.1 },
    ];
    const r = snapMove({ x: 0.306, y: 0.8, w: 0.05, h: 0.05 }, canvas, settings({ others, toCanvas: false }));
    expect(r.rect.x).toBeCloseTo(0.308, 12);
  });

  it("shows one merged guide when two tiles share the line", () => {
    const others = [
      { x: 0.2, y: 0.0, w: 0.1, h: 0.1 },
      { x: 0.2, y: 0.8, w: 0.1, h: 0.1 },
    ];
    const r = snapMove({ x: 0.203, y: 0.4, w: 0.1, h: 0.1 }, canvas, settings({ others, toCanvas: false }));
    const vertical = r.guides.filter((g) => g.orientation === "vertical");
    expect(vertical).toHaveLength(3);
    [0.2, 0.25, 0.3].forEach((p, i) => expect(vertical[i]?.position).toBeCloseTo(p, 12));
    expect(vertical[0]?.start).toBeCloseTo(0);
    expect(vertical[0]?.end).toBeCloseTo(0.9);
  });

  it("falls back to the grid (in canvas pixels) when no line is in reach", () => {
    const r = snapMove(
      { x: 0.123, y: 0.377, w: 0.1, h: 0.1 },
      canvas,
      settings({ grid: 50, toCanvas: false }),
    );
    expect(r.rect.x).toBeCloseTo(0.1, 12);
    expect(r.rect.y).toBeCloseTo(0.4, 12);
    expect(r.guides).toEqual([]);
  });

  it("keeps the rect inside even when grid rounding would push it out", () => {
    const r = snapMove({ x: 0.87, y: 0, w: 0.11, h: 0.1 }, canvas, settings({ grid: 100, toCanvas: false }));
    expect(r.rect.x + r.rect.w).toBeLessThanOrEqual(1);
  });

  it("skips others with NaN coordinates instead of snapping to them", () => {
    const r = snapMove(
      { x: 0.3, y: 0.3, w: 0.1, h: 0.1 },
      canvas,
      settings({ others: [{ x: Number.NaN, y: 0, w: 0.1, h: 0.1 }], toCanvas: false }),
    );
    expect(r.rect.x).toBe(0.3);
  });
});

describe("snapResize", () => {
  it("snaps only the moving edge", () => {
    const other = { x: 0.6, y: 0.6, w: 0.2, h: 0.2 };
    // Dragging the east edge to 0.595: snaps to 0.6. The west edge (0.005, near the canvas edge) stays.
    const r = snapResize({ x: 0.005, y: 0.2, w: 0.59, h: 0.2 }, "e", canvas, settings({ others: [other] }));
    expect(r.rect.x).toBe(0.005);
    expect(r.rect.x + r.rect.w).toBeCloseTo(0.6, 12);
    expect(r.guides).toEqual([
      expect.objectContaining({ orientation: "vertical", position: 0.6 }) as unknown,
    ]);
  });

  it("snaps the west and north edges by moving the origin and keeps the opposite edges", () => {
    const r = snapResize({ x: 0.505, y: 0.006, w: 0.3, h: 0.3 }, "nw", canvas, settings());
    expect(r.rect.x).toBeCloseTo(0.5, 12);
    expect(r.rect.x + r.rect.w).toBeCloseTo(0.805, 12);
    expect(r.rect.y).toBe(0);
    expect(r.rect.y + r.rect.h).toBeCloseTo(0.306, 12);
    expect(r.guides.map((g) => g.orientation).sort()).toEqual(["horizontal", "vertical"]);
  });

  it("does not snap an edge past the minimum size", () => {
    const tc = transcodingCanvas({ width: 1000, height: 1000 }); // min 0.12
    const others = [{ x: 0.2, y: 0.5, w: 0.3, h: 0.1 }];
    // The west edge at 0.49 is within reach of 0.5 (the other's right edge and the canvas centre), but
    // snapping there would leave 0.115 < 0.12, so it stays.
    const tight = snapResize({ x: 0.49, y: 0.1, w: 0.125, h: 0.2 }, "w", tc, settings({ others }));
    expect(tight.rect.x).toBe(0.49);
    expect(tight.rect.w).toBe(0.125);
    expect(tight.guides).toEqual([]);
  });

  it("rounds the moving edge to the grid when nothing is in reach", () => {
    const r = snapResize(
      { x: 0.2, y: 0.2, w: 0.33, h: 0.33 },
      "se",
      canvas,
      settings({ grid: 100, toCanvas: false }),
    );
    expect(r.rect.x).toBe(0.2);
    expect(r.rect.x + r.rect.w).toBeCloseTo(0.5, 12);
    expect(r.rect.y + r.rect.h).toBeCloseTo(0.5, 12);
  });
});
