import { canvasPixels } from "./canvas";
import type { Delta, LayoutCanvas, Tile } from "./model";
import { boundsOf } from "./rect";
import { selectTiles, translateTiles } from "./tiles";

export type NudgeDirection = "left" | "right" | "up" | "down";

/** Arrow keys move 1 canvas pixel, 10 with Shift (the usual editor convention). */
export const NUDGE_PX = 1;
export const NUDGE_LARGE_PX = 10;

/** The direction for a `KeyboardEvent.key`, or null for any other key. */
export function arrowKeyDirection(key: string): NudgeDirection | null {
  switch (key) {
    case "ArrowLeft":
      return "left";
    case "ArrowRight":
      return "right";
    case "ArrowUp":
      return "up";
    case "ArrowDown":
      return "down";
    default:
      return null;
  }
}

/**
 * The normalized move for one key press. The selection's top-left corner lands on a whole canvas pixel,
 * so nudging a tile that a drag left at 12.4 px gives 13 px, not 13.4 px (what the transcoder would round).
 */
export function nudgeDelta(
  from: { x: number; y: number },
  direction: NudgeDirection,
  canvas: LayoutCanvas,
  large = false,
): Delta {
  const { width, height } = canvasPixels(canvas);
  const step = large ? NUDGE_LARGE_PX : NUDGE_PX;
  const sign = direction === "left" || direction === "up" ? -1 : 1;
  const along = (pos: number, size: number) => (Math.round(pos * size) + sign * step) / size - pos;
  return direction === "left" || direction === "right"
    ? { dx: along(from.x, width), dy: 0 }
    : { dx: 0, dy: along(from.y, height) };
}

/** Nudge the selected tiles together; the group stops at the canvas edges. */
export function nudgeTiles(
  tiles: readonly Tile[],
  ids: Iterable<string>,
  direction: NudgeDirection,
  canvas: LayoutCanvas,
  large = false,
): readonly Tile[] {
  const wanted = [...ids];
  const box = boundsOf(selectTiles(tiles, wanted));
  if (!box) return tiles;
  return translateTiles(tiles, wanted, nudgeDelta(box, direction, canvas, large), canvas);
}
