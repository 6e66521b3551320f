import { describe, expect, it } from "vitest";
import { alignTiles, distributeTiles, type AlignMode } from "./align";
import { recordingCanvas, transcodingCanvas } from "./canvas";
import { toLayoutConfig, toTranscodingRegions } from "./convert";
import { dragMove, dragResize } from "./drag";
import {
  MAX_RECORDING_REGIONS,
  TRANSCODING_MIN_PX,
  type Handle,
  type LayoutCanvas,
  type Tile,
} from "./model";
import { nudgeTiles, type NudgeDirection } from "./nudge";
import { PRESET_KINDS, presetTiles } from "./presets";
import { isValidRect } from "./rect";
import { addTile, nextTileId, replaceTiles } from "./tiles";

/** mulberry32: a tiny seeded generator, so a failure replays exactly. */
function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const HANDLES: Handle[] = ["n", "s", "e", "w", "ne", "nw", "se", "sw"];
const ALIGNS: AlignMode[] = ["left", "right", "top", "bottom", "center-h", "center-v"];
const DIRECTIONS: NudgeDirection[] = ["left", "right", "up", "down"];

function pick<T>(r: () => number, list: readonly T[]): T {
  return list[Math.floor(r() * list.length)] as T;
}

/** Mostly ordinary deltas, sometimes huge ones, sometimes garbage. */
function wildNumber(r: () => number): number {
  const roll = r();
  if (roll < 0.03) return Number.NaN;
  if (roll < 0.05) return Number.POSITIVE_INFINITY;
  if (roll < 0.2) return (r() - 0.5) * 10;
  return (r() - 0.5) * 0.6;
}

function randomCanvas(r: () => number): LayoutCanvas {
  const side = () => Math.round(60 + r() * 4000);
  return r() < 0.5
    ? recordingCanvas({ width: side(), height: side() })
    : transcodingCanvas({ width: side(), height: side() });
}

function checkLayout(tiles: readonly Tile[], canvas: LayoutCanvas, context: string) {
  if (canvas.kind === "recording") expect(tiles.length, context).toBeLessThanOrEqual(MAX_RECORDING_REGIONS);
  for (const t of tiles) expect(isValidRect(t, canvas), `${context}: ${JSON.stringify(t)}`).toBe(true);
  if (canvas.kind === "recording") {
    for (const region of toLayoutConfig(tiles)) {
      const values = [region.x_axis, region.y_axis, region.width, region.height] as number[];
      expect(
        values.every((v) => Number.isFinite(v) && v >= 0 && v <= 1),
        context,
      ).toBe(true);
      expect(
        values.every((v) => Math.round(v * 1e6) / 1e6 === v),
        context,
      ).toBe(true);
      expect((region.x_axis ?? 0) + (region.width ?? 0), context).toBeLessThanOrEqual(1);
      expect((region.y_axis ?? 0) + (region.height ?? 0), context).toBeLessThanOrEqual(1);
    }
  } else {
    for (const region of toTranscodingRegions(tiles, canvas)) {
      const values = [region.x, region.y, region.width, region.height];
      expect(values.every(Number.isInteger), context).toBe(true);
      expect(region.x + region.width, context).toBeLessThanOrEqual(canvas.width);
      expect(region.y + region.height, context).toBeLessThanOrEqual(canvas.height);
      expect(Math.min(region.width, region.height), context).toBeGreaterThanOrEqual(
        Math.min(TRANSCODING_MIN_PX, canvas.width, canvas.height),
      );
      expect(region.zOrder, context).toBeGreaterThanOrEqual(2);
      expect(region.zOrder, context).toBeLessThanOrEqual(100);
    }
  }
}

describe("random editing sessions", () => {
  it("never leave [0, 1], go below the minimum, exceed 17 recording regions or produce NaN", () => {
    for (let seed = 1; seed <= 150; seed++) {
      const r = rng(seed);
      const canvas = randomCanvas(r);
      let tiles: readonly Tile[] = presetTiles(pick(r, PRESET_KINDS), Math.floor(r() * 22), canvas);
      checkLayout(tiles, canvas, `seed ${seed} preset`);
      for (let step = 0; step < 60; step++) {
        const op = Math.floor(r() * 7);
        const target = tiles.length > 0 ? pick(r, tiles) : null;
        const snap =
          r() < 0.5 ? { others: tiles.filter((t) => t !== target), grid: r() < 0.3 ? 10 : 0 } : undefined;
        const context = `seed ${seed} step ${step} op ${op}`;
        if (op === 0 && target) {
          const { rect } = dragMove(target, { dx: wildNumber(r), dy: wildNumber(r) }, canvas, snap);
          tiles = replaceTiles(tiles, [{ ...target, ...rect }]);
        } else if (op === 1 && target) {
          const aspect = r() < 0.4 ? pick(r, [16 / 9, 4 / 3, 1, 9 / 16, 0.1, 30]) : undefined;
          const { rect } = dragResize(
            target,
            pick(r, HANDLES),
            { dx: wildNumber(r), dy: wildNumber(r) },
            canvas,
            {
              aspect,
              snap,
            },
          );
          tiles = replaceTiles(tiles, [{ ...target, ...rect }]);
        } else if (op === 2) {
          const ids = tiles.filter(() => r() < 0.5).map((t) => t.id);
          tiles = nudgeTiles(tiles, ids, pick(r, DIRECTIONS), canvas, r() < 0.5);
        } else if (op === 3) {
          const ids = tiles.filter(() => r() < 0.5).map((t) => t.id);
          tiles = alignTiles(tiles, ids, pick(r, ALIGNS), canvas);
        } else if (op === 4) {
          const ids = tiles.filter(() => r() < 0.6).map((t) => t.id);
          tiles = distributeTiles(tiles, ids, r() < 0.5 ? "horizontal" : "vertical", canvas);
        } else if (op === 5) {
          const added = addTile(
            tiles,
            {
              id: nextTileId(tiles),
              uid: null,
              x: wildNumber(r),
              y: wildNumber(r),
              w: wildNumber(r),
              h: wildNumber(r),
              zOrder: 2,
            },
            canvas,
          );
          if (added.ok) tiles = added.tiles;
          else expect(tiles.length, context).toBe(MAX_RECORDING_REGIONS);
        } else {
          tiles = presetTiles(pick(r, PRESET_KINDS), Math.floor(wildNumber(r) * 10), canvas);
        }
        checkLayout(tiles, canvas, context);
      }
    }
  });
});
