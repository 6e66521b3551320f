import type { Delta, Handle, LayoutCanvas, Rect } from "./model";
import { bottom, centerX, centerY, clampResize, moveRect, right } from "./rect";
import { resizeRect, type ResizeOptions } from "./resize";
import { snapMove, snapResize, type Guide, type SnapResult, type SnapSettings } from "./snap";

/**
 * The pointer gestures: each takes the rect as it was when the drag began plus the total pointer delta
 * (so rounding never accumulates over many pointer events) and returns the rect to show and the guides.
 */

/** Drag a tile: move, keep it on the canvas, then snap (when `snap` is given). */
export function dragMove(start: Rect, delta: Delta, canvas: LayoutCanvas, snap?: SnapSettings): SnapResult {
  const moved = moveRect(start, delta, canvas);
  return snap ? snapMove(moved, canvas, snap) : { rect: moved, guides: [] };
}

/**
 * Drag a resize handle. Snapping adjusts the moving edges; with an aspect lock the snapped edges are fed
 * back through the locked resize so the ratio holds, and only the guides the final rect still touches stay.
 */
export function dragResize(
  start: Rect,
  handle: Handle,
  delta: Delta,
  canvas: LayoutCanvas,
  options: ResizeOptions & { readonly snap?: SnapSettings } = {},
): SnapResult {
  const { snap, ...resize } = options;
  if (!snap) return { rect: resizeRect(start, handle, delta, canvas, resize), guides: [] };
  const base = clampResize(start, canvas);
  const free = resizeRect(base, handle, delta, canvas);
  const snapped = snapResize(free, handle, canvas, snap);
  if (resize.aspect === undefined) return snapped;
  // The delta that would have produced the snapped edges, replayed with the lock.
  const snappedDelta: Delta = {
    dx: handle.includes("w") ? snapped.rect.x - base.x : right(snapped.rect) - right(base),
    dy: handle.includes("n") ? snapped.rect.y - base.y : bottom(snapped.rect) - bottom(base),
  };
  const rect = resizeRect(base, handle, snappedDelta, canvas, resize);
  return { rect, guides: snapped.guides.filter((g) => touches(rect, g)) };
}

function touches(rect: Rect, guide: Guide): boolean {
  const eps = 1e-9;
  const own =
    guide.orientation === "vertical"
      ? [rect.x, centerX(rect), right(rect)]
      : [rect.y, centerY(rect), bottom(rect)];
  return own.some((p) => Math.abs(p - guide.position) <= eps);
}
