import { canvasPixels, clampNumber, finiteOr, minTileSize } from "./canvas";
import type { Delta, Handle, LayoutCanvas, Rect } from "./model";
import { bottom, clampMove, clampResize, right } from "./rect";
import { handleSides } from "./snap";

export interface ResizeOptions {
  /**
   * Lock width:height to this ratio in canvas *pixels* (16 / 9 is a 16:9 window whatever the canvas shape).
   * Absent, zero, negative or non-finite: free resize.
   */
  readonly aspect?: number;
}

/** The pixel aspect ratio of `rect` on `canvas`, to lock a tile to its current shape. */
export function pixelAspect(rect: Rect, canvas: LayoutCanvas): number {
  const { width, height } = canvasPixels(canvas);
  return rect.h > 0 ? (rect.w * width) / (rect.h * height) : 1;
}

/** A pixel aspect ratio as a normalized w/h ratio: (wPx / W) / (hPx / H). */
function normalizedAspect(aspect: number, canvas: LayoutCanvas): number {
  const { width, height } = canvasPixels(canvas);
  return (aspect * height) / width;
}

/**
 * Resize `start` by dragging `handle` by `delta` (normalized). The opposite edges stay put; the moving
 * edges stop at the canvas and at the minimum size. With an aspect lock, corners follow whichever axis
 * grows the rect more (so the pointer stays on the rect's edge) and edge handles keep the other axis centred.
 */
export function resizeRect(
  start: Rect,
  handle: Handle,
  delta: Delta,
  canvas: LayoutCanvas,
  options: ResizeOptions = {},
): Rect {
  const r = clampResize(start, canvas);
  const min = minTileSize(canvas);
  const dx = finiteOr(delta.dx, 0);
  const dy = finiteOr(delta.dy, 0);
  const { sx, sy } = handleSides(handle);

  let left = r.x;
  let rightEdge = right(r);
  let top = r.y;
  let bottomEdge = bottom(r);
  if (sx < 0) left = clampNumber(left + dx, 0, rightEdge - min.w);
  if (sx > 0) rightEdge = clampNumber(rightEdge + dx, left + min.w, 1);
  if (sy < 0) top = clampNumber(top + dy, 0, bottomEdge - min.h);
  if (sy > 0) bottomEdge = clampNumber(bottomEdge + dy, top + min.h, 1);
  // An axis the handle does not move keeps its exact size (no float noise from edge arithmetic).
  const free: Rect = {
    x: left,
    y: top,
    w: sx === 0 ? r.w : rightEdge - left,
    h: sy === 0 ? r.h : bottomEdge - top,
  };

  const aspect = options.aspect;
  if (aspect === undefined || !Number.isFinite(aspect) || aspect <= 0) return clampResize(free, canvas);
  return lockAspect(r, free, handle, normalizedAspect(aspect, canvas), canvas);
}

/** Re-shape `free` (the unlocked result) to ratio `ratio` (normalized w/h), anchored as `handle` implies. */
function lockAspect(start: Rect, free: Rect, handle: Handle, ratio: number, canvas: LayoutCanvas): Rect {
  const min = minTileSize(canvas);
  const { sx, sy } = handleSides(handle);
  // Room available from the anchor (the fixed edge) towards the canvas edge the handle moves to.
  const maxW = sx < 0 ? right(start) : sx > 0 ? 1 - start.x : 1;
  const maxH = sy < 0 ? bottom(start) : sy > 0 ? 1 - start.y : 1;

  // The height the pointer asks for, on the axis (or axes) the handle moves.
  const wanted = sx !== 0 && sy !== 0 ? Math.max(free.h, free.w / ratio) : sx !== 0 ? free.w / ratio : free.h;
  const lo = Math.max(min.h, min.w / ratio);
  const hi = Math.min(maxH, maxW / ratio, 1, 1 / ratio);
  // When no height satisfies both the room and the minimum (a tile jammed against an edge), keep the
  // minimum and let the final clamp slide the rect inside rather than shrink it below what the API takes.
  const h = lo > hi ? lo : clampNumber(wanted, lo, hi);
  const w = h * ratio;

  const x = sx < 0 ? right(start) - w : sx > 0 ? start.x : start.x + start.w / 2 - w / 2;
  const y = sy < 0 ? bottom(start) - h : sy > 0 ? start.y : start.y + start.h / 2 - h / 2;
  return clampResize(clampMove({ x, y, w, h }, canvas), canvas);
}
