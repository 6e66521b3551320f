import { clampNumber, finiteOr, minTileSize } from "./canvas";
import type { Delta, LayoutCanvas, Rect } from "./model";

export function right(r: Rect): number {
  return r.x + r.w;
}

export function bottom(r: Rect): number {
  return r.y + r.h;
}

export function centerX(r: Rect): number {
  return r.x + r.w / 2;
}

export function centerY(r: Rect): number {
  return r.y + r.h / 2;
}

/** The smallest rect holding all of `rects`, or null for none. */
export function boundsOf(rects: readonly Rect[]): Rect | null {
  if (rects.length === 0) return null;
  const x = Math.min(...rects.map((r) => r.x));
  const y = Math.min(...rects.map((r) => r.y));
  return { x, y, w: Math.max(...rects.map(right)) - x, h: Math.max(...rects.map(bottom)) - y };
}

/** Replace NaN/∞ so nothing downstream ever sees them: a bad size becomes the minimum, a bad position 0. */
function finiteRect(r: Rect, canvas: LayoutCanvas): Rect {
  const min = minTileSize(canvas);
  return { x: finiteOr(r.x, 0), y: finiteOr(r.y, 0), w: finiteOr(r.w, min.w), h: finiteOr(r.h, min.h) };
}

/** One axis of a move: size within [min, 1], then translate back inside (the size never changes). */
function fitMoving(pos: number, size: number, min: number): [number, number] {
  const s = clampNumber(size, min, 1);
  return [clampNumber(pos, 0, 1 - s), s];
}

/** One axis of a resize: cut what lies outside [0, 1], then grow back to the minimum towards the inside. */
function fitResizing(pos: number, size: number, min: number): [number, number] {
  // Already valid: return it untouched, so clamping is idempotent and adds no float noise.
  if (pos >= 0 && size >= min && pos + size <= 1) return [pos, size];
  const lo = clampNumber(Math.min(pos, pos + size), 0, 1);
  const hi = clampNumber(Math.max(pos, pos + size), 0, 1);
  const s = Math.max(hi - lo, min);
  return [clampNumber(lo, 0, 1 - s), s];
}

/** Keep `rect` on the canvas after a move: it keeps its size (within bounds) and is translated back. */
export function clampMove(rect: Rect, canvas: LayoutCanvas): Rect {
  const r = finiteRect(rect, canvas);
  const min = minTileSize(canvas);
  const [x, w] = fitMoving(r.x, r.w, min.w);
  const [y, h] = fitMoving(r.y, r.h, min.h);
  return { x, y, w, h };
}

/** Keep `rect` on the canvas after a resize: overflowing edges are cut, then sizes raised to the minimum. */
export function clampResize(rect: Rect, canvas: LayoutCanvas): Rect {
  const r = finiteRect(rect, canvas);
  const min = minTileSize(canvas);
  const [x, w] = fitResizing(r.x, r.w, min.w);
  const [y, h] = fitResizing(r.y, r.h, min.h);
  return { x, y, w, h };
}

/** Move by `delta` and keep the rect on the canvas. */
export function moveRect(rect: Rect, delta: Delta, canvas: LayoutCanvas): Rect {
  return clampMove({ ...rect, x: rect.x + finiteOr(delta.dx, 0), y: rect.y + finiteOr(delta.dy, 0) }, canvas);
}

/** True when `rect` is finite, inside [0, 1] (within `eps`) and not smaller than the canvas minimum. */
export function isValidRect(rect: Rect, canvas: LayoutCanvas, eps = 1e-9): boolean {
  const min = minTileSize(canvas);
  return (
    [rect.x, rect.y, rect.w, rect.h].every(Number.isFinite) &&
    rect.x >= -eps &&
    rect.y >= -eps &&
    right(rect) <= 1 + eps &&
    bottom(rect) <= 1 + eps &&
    rect.w >= min.w - eps &&
    rect.h >= min.h - eps
  );
}

/** The Rect part of a tile (or any rect-like), so results never carry stray fields. */
export function rectOf(r: Rect): Rect {
  return { x: r.x, y: r.y, w: r.w, h: r.h };
}
