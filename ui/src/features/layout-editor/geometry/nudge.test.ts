import { describe, expect, it } from "vitest";
import { transcodingCanvas } from "./canvas";
import type { Tile } from "./model";
import { arrowKeyDirection, nudgeDelta, nudgeTiles } from "./nudge";

const canvas = transcodingCanvas({ width: 1000, height: 500 });
const tile = (id: string, x: number, y: number): Tile => ({ id, uid: null, x, y, w: 0.2, h: 0.3, zOrder: 2 });

describe("keyboard nudge", () => {
  it("maps arrow keys and ignores others", () => {
    expect(arrowKeyDirection("ArrowLeft")).toBe("left");
    expect(arrowKeyDirection("ArrowRight")).toBe("right");
    expect(arrowKeyDirection("ArrowUp")).toBe("up");
    expect(arrowKeyDirection("ArrowDown")).toBe("down");
    expect(arrowKeyDirection("a")).toBeNull();
  });

  it("moves 1 canvas pixel, or 10 with Shift, per axis", () => {
    const from = { x: 0.1, y: 0.1 };
    expect(nudgeDelta(from, "right", canvas).dx * 1000).toBeCloseTo(1, 9);
    expect(nudgeDelta(from, "left", canvas, true).dx * 1000).toBeCloseTo(-10, 9);
    expect(nudgeDelta(from, "down", canvas).dy * 500).toBeCloseTo(1, 9);
    expect(nudgeDelta(from, "up", canvas, true).dy * 500).toBeCloseTo(-10, 9);
    expect(nudgeDelta(from, "up", canvas).dx).toBe(0);
  });

  it("lands on whole pixels when the tile sat between two", () => {
    const moved = nudgeTiles([tile("a", 0.1234, 0.1)], ["a"], "right", canvas);
    expect((moved[0]?.x ?? 0) * 1000).toBeCloseTo(124, 9);
  });

  it("moves a multi-selection together and stops it at the canvas edge", () => {
    const tiles = [tile("a", 0.005, 0.1), tile("b", 0.5, 0.2), tile("c", 0.3, 0.3)];
    const moved = nudgeTiles(tiles, ["a", "b"], "left", canvas, true);
    expect(moved[0]?.x).toBe(0);
    expect(moved[1]?.x).toBeCloseTo(0.495, 12);
    expect(moved[2]).toBe(tiles[2]);
  });

  it("does nothing without a selection", () => {
    const tiles = [tile("a", 0.1, 0.1)];
    expect(nudgeTiles(tiles, [], "left", canvas)).toBe(tiles);
  });
});
