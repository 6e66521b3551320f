import { clampNumber } from "./canvas";
import type { LayoutCanvas, Rect, Tile } from "./model";
import { boundsOf, bottom, clampMove, right } from "./rect";
import { replaceTiles, selectTiles } from "./tiles";

/**
 * "center-h" lines up the horizontal centres (tiles share one vertical axis), "center-v" the vertical
 * centres (one horizontal axis), as in most design tools.
 */
export type AlignMode = "left" | "right" | "top" | "bottom" | "center-h" | "center-v";
export type DistributeAxis = "horizontal" | "vertical";

const WHOLE_CANVAS: Rect = { x: 0, y: 0, w: 1, h: 1 };

function aligned(t: Tile, mode: AlignMode, to: Rect): Rect {
  switch (mode) {
    case "left":
      return { ...t, x: to.x };
    case "right":
      return { ...t, x: right(to) - t.w };
    case "top":
      return { ...t, y: to.y };
    case "bottom":
      return { ...t, y: bottom(to) - t.h };
    case "center-h":
      return { ...t, x: to.x + (to.w - t.w) / 2 };
    case "center-v":
      return { ...t, y: to.y + (to.h - t.h) / 2 };
  }
}

/**
 * Align the selected tiles to the selection's bounds, or a single tile to the canvas (aligning one tile
 * to itself would do nothing). Sizes never change.
 */
export function alignTiles(
  tiles: readonly Tile[],
  ids: Iterable<string>,
  mode: AlignMode,
  canvas: LayoutCanvas,
): readonly Tile[] {
  const selected = selectTiles(tiles, ids);
  const to = selected.length === 1 ? WHOLE_CANVAS : boundsOf(selected);
  if (!to) return tiles;
  return replaceTiles(
    tiles,
    selected.map((t) => ({ ...t, ...clampMove(aligned(t, mode, to), canvas) })),
  );
}

/**
 * Spread three or more selected tiles so the gaps between neighbours are equal; the first and last
 * (by position) stay where they are, so the group keeps its extent and stays on the canvas.
 */
export function distributeTiles(
  tiles: readonly Tile[],
  ids: Iterable<string>,
  axis: DistributeAxis,
  canvas: LayoutCanvas,
): readonly Tile[] {
  const selected = selectTiles(tiles, ids);
  const box = boundsOf(selected);
  if (!box || selected.length < 3) return tiles;
  const horizontal = axis === "horizontal";
  const pos = (t: Rect) => (horizontal ? t.x : t.y);
  const size = (t: Rect) => (horizontal ? t.w : t.h);
  // Ties keep selection order so repeated clicks are stable.
  const ordered = [...selected].sort((a, b) => pos(a) - pos(b) || pos(a) + size(a) - (pos(b) + size(b)));
  const span = horizontal ? box.w : box.h;
  const gap = (span - ordered.reduce((sum, t) => sum + size(t), 0)) / (ordered.length - 1);
  let cursor = horizontal ? box.x : box.y;
  const moved = ordered.map((t) => {
    const at = clampNumber(cursor, 0, 1 - size(t));
    cursor += size(t) + gap;
    return { ...t, ...clampMove(horizontal ? { ...t, x: at } : { ...t, y: at }, canvas) };
  });
  return replaceTiles(tiles, moved);
}
