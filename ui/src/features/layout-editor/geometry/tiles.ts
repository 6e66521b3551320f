import { clampNumber, finiteOr } from "./canvas";
import {
  MAX_RECORDING_REGIONS,
  Z_ORDER_MAX,
  zOrderMin,
  type Delta,
  type LayoutCanvas,
  type Tile,
} from "./model";
import { boundsOf, clampMove, clampResize } from "./rect";

export type AddTileResult =
  | { readonly ok: true; readonly tiles: readonly Tile[] }
  | {
      readonly ok: false;
      readonly code: "layout.too_many_regions" | "layout.duplicate_id";
      readonly reason: string;
    };

/** A tile id not used in `tiles` ("tile-N", one past the highest N), so ids stay stable and unique. */
export function nextTileId(tiles: readonly Tile[]): string {
  const numbers = tiles.map((t) => /^tile-(\d+)$/.exec(t.id)?.[1]).map((n) => (n ? Number(n) : 0));
  return `tile-${Math.max(0, ...numbers) + 1}`;
}

/** Whether one more tile fits: a mix recording shows at most 17 regions, the transcoder has no documented cap. */
export function canAddTile(tiles: readonly Tile[], canvas: LayoutCanvas): boolean {
  return canvas.kind !== "recording" || tiles.length < MAX_RECORDING_REGIONS;
}

/** Append `tile` (kept on the canvas), or say why not. */
export function addTile(tiles: readonly Tile[], tile: Tile, canvas: LayoutCanvas): AddTileResult {
  if (!canAddTile(tiles, canvas)) {
    return {
      ok: false,
      code: "layout.too_many_regions",
      reason: `A mix recording layout holds at most ${MAX_RECORDING_REGIONS} regions; remove one before adding another.`,
    };
  }
  if (tiles.some((t) => t.id === tile.id)) {
    return { ok: false, code: "layout.duplicate_id", reason: `A tile with id "${tile.id}" already exists.` };
  }
  return { ok: true, tiles: [...tiles, normalizeTile(tile, canvas)] };
}

/**
 * A tile with a valid rect and zOrder, and alpha/renderMode kept only when they are real numbers
 * (an unset field stays unset so it is not sent).
 */
export function normalizeTile(tile: Tile, canvas: LayoutCanvas): Tile {
  const { alpha, renderMode, ...rest } = tile;
  const out: Tile = {
    ...rest,
    ...clampResize(tile, canvas),
    zOrder: clampNumber(Math.round(finiteOr(tile.zOrder, zOrderMin(tile))), zOrderMin(tile), Z_ORDER_MAX),
  };
  return {
    ...out,
    ...(typeof alpha === "number" && Number.isFinite(alpha) ? { alpha: clampNumber(alpha, 0, 1) } : {}),
    ...(typeof renderMode === "number" && Number.isFinite(renderMode)
      ? { renderMode: clampNumber(Math.round(renderMode), 0, 1) }
      : {}),
  };
}

export function removeTiles(tiles: readonly Tile[], ids: Iterable<string>): readonly Tile[] {
  const drop = new Set(ids);
  return tiles.filter((t) => !drop.has(t.id));
}

/** Replace the tiles whose id is in `updated`, keeping order. */
export function replaceTiles(tiles: readonly Tile[], updated: readonly Tile[]): readonly Tile[] {
  const byId = new Map(updated.map((t) => [t.id, t]));
  return tiles.map((t) => byId.get(t.id) ?? t);
}

export function selectTiles(tiles: readonly Tile[], ids: Iterable<string>): readonly Tile[] {
  const wanted = new Set(ids);
  return tiles.filter((t) => wanted.has(t.id));
}

/**
 * Move the selected tiles together by `delta`, limited so the whole group stays on the canvas
 * (moving each tile separately would squash the group against an edge).
 */
export function translateTiles(
  tiles: readonly Tile[],
  ids: Iterable<string>,
  delta: Delta,
  canvas: LayoutCanvas,
): readonly Tile[] {
  const selected = selectTiles(tiles, ids);
  const box = boundsOf(selected);
  if (!box) return tiles;
  const dx = clampNumber(finiteOr(delta.dx, 0), -box.x, 1 - (box.x + box.w));
  const dy = clampNumber(finiteOr(delta.dy, 0), -box.y, 1 - (box.y + box.h));
  return replaceTiles(
    tiles,
    selected.map((t) => ({ ...t, ...clampMove({ x: t.x + dx, y: t.y + dy, w: t.w, h: t.h }, canvas) })),
  );
}
