import { canvasPixels, finiteOr, minTileSize } from "./canvas";
import type { Handle, LayoutCanvas, Rect } from "./model";
import { bottom, centerX, centerY, clampMove, clampResize, right } from "./rect";

/** A guide to draw: a vertical line at x = position (or horizontal at y), from start to end on the other axis. */
export interface Guide {
  readonly orientation: "vertical" | "horizontal";
  readonly position: number;
  readonly start: number;
  readonly end: number;
}

export interface SnapSettings {
  /** The other tiles (not the one being dragged). */
  readonly others: readonly Rect[];
  /** On-screen size of the canvas preview; thresholds are in these pixels. Defaults to the canvas size. */
  readonly display?: { readonly width: number; readonly height: number };
  /** How close (screen px) an edge or centre must come to a line to snap; default 6. */
  readonly thresholdPx?: number;
  /** Grid step in canvas pixels; 0 or absent for none. Object lines win over the grid. */
  readonly grid?: number;
  /** Snap to the canvas edges and centre lines; default true. */
  readonly toCanvas?: boolean;
}

export interface SnapResult {
  readonly rect: Rect;
  readonly guides: readonly Guide[];
}

export const DEFAULT_SNAP_THRESHOLD_PX = 6;

/** A line something can snap to, with its extent along the other axis (for drawing the guide). */
interface Line {
  readonly pos: number;
  readonly start: number;
  readonly end: number;
}

type Axis = "x" | "y";

/** Guides are drawn for lines the rect touches to within float noise, not within the threshold. */
const TOUCH_EPS = 1e-9;

function lines(axis: Axis, settings: SnapSettings): Line[] {
  const out: Line[] =
    settings.toCanvas === false ? [] : [0, 0.5, 1].map((pos) => ({ pos, start: 0, end: 1 }));
  for (const r of settings.others) {
    if (![r.x, r.y, r.w, r.h].every(Number.isFinite)) continue;
    const [start, end] = axis === "x" ? [r.y, bottom(r)] : [r.x, right(r)];
    const positions = axis === "x" ? [r.x, centerX(r), right(r)] : [r.y, centerY(r), bottom(r)];
    for (const pos of positions) out.push({ pos, start, end });
  }
  return out;
}

/** Per-axis thresholds and grid steps in normalized units. */
function scales(canvas: LayoutCanvas, settings: SnapSettings) {
  const px = canvasPixels(canvas);
  const dispW = finiteOr(settings.display?.width, px.width);
  const dispH = finiteOr(settings.display?.height, px.height);
  const threshold = Math.max(0, finiteOr(settings.thresholdPx, DEFAULT_SNAP_THRESHOLD_PX));
  const grid = Math.max(0, finiteOr(settings.grid, 0));
  return {
    x: { threshold: dispW > 0 ? threshold / dispW : 0, grid: grid / px.width },
    y: { threshold: dispH > 0 ? threshold / dispH : 0, grid: grid / px.height },
  };
}

/**
 * The smallest shift (within `threshold`) that puts one of `own` on a line, among shifts `accept` allows;
 * null when none is close enough.
 */
function bestShift(
  own: readonly number[],
  candidates: readonly Line[],
  threshold: number,
  accept: (shift: number) => boolean,
): number | null {
  const shifts = own
    .flatMap((p) => candidates.map((c) => c.pos - p))
    .filter((s) => Math.abs(s) <= threshold && accept(s))
    .sort((a, b) => Math.abs(a) - Math.abs(b));
  return shifts[0] ?? null;
}

function gridShift(value: number, step: number): number {
  return step > 0 ? Math.round(value / step) * step - value : 0;
}

function guidesFor(axis: Axis, own: readonly number[], rect: Rect, candidates: readonly Line[]): Guide[] {
  const [lo, hi] = axis === "x" ? [rect.y, bottom(rect)] : [rect.x, right(rect)];
  const merged = new Map<number, Guide>();
  for (const c of candidates) {
    if (!own.some((p) => Math.abs(p - c.pos) <= TOUCH_EPS)) continue;
    const prev = merged.get(c.pos);
    merged.set(c.pos, {
      orientation: axis === "x" ? "vertical" : "horizontal",
      position: c.pos,
      start: Math.min(prev?.start ?? lo, c.start, lo),
      end: Math.max(prev?.end ?? hi, c.end, hi),
    });
  }
  return [...merged.values()];
}

const xs = (r: Rect) => [r.x, centerX(r), right(r)];
const ys = (r: Rect) => [r.y, centerY(r), bottom(r)];

/** Snap a moving rect: its edges and centre go to canvas and tile lines, else (optionally) to the grid. */
export function snapMove(rect: Rect, canvas: LayoutCanvas, settings: SnapSettings): SnapResult {
  const start = clampMove(rect, canvas);
  const s = scales(canvas, settings);
  const linesX = lines("x", settings);
  const linesY = lines("y", settings);
  const inside = (pos: number, size: number) => (shift: number) =>
    pos + shift >= -TOUCH_EPS && pos + size + shift <= 1 + TOUCH_EPS;
  const sx = bestShift(xs(start), linesX, s.x.threshold, inside(start.x, start.w));
  const sy = bestShift(ys(start), linesY, s.y.threshold, inside(start.y, start.h));
  const snapped = clampMove(
    {
      ...start,
      x: start.x + (sx ?? gridShift(start.x, s.x.grid)),
      y: start.y + (sy ?? gridShift(start.y, s.y.grid)),
    },
    canvas,
  );
  return {
    rect: snapped,
    guides: [
      ...(sx === null ? [] : guidesFor("x", xs(snapped), snapped, linesX)),
      ...(sy === null ? [] : guidesFor("y", ys(snapped), snapped, linesY)),
    ],
  };
}

/** Which edge of each axis a handle moves: -1 the left/top edge, 1 the right/bottom edge, 0 neither. */
export function handleSides(handle: Handle): { sx: -1 | 0 | 1; sy: -1 | 0 | 1 } {
  return {
    sx: handle.includes("w") ? -1 : handle.includes("e") ? 1 : 0,
    sy: handle.includes("n") ? -1 : handle.includes("s") ? 1 : 0,
  };
}

/** Snap one axis of a resize: only the moving edge, never below the minimum size or off the canvas. */
function snapEdge(
  pos: number,
  size: number,
  side: -1 | 0 | 1,
  candidates: readonly Line[],
  scale: { threshold: number; grid: number },
  min: number,
): { pos: number; size: number; snapped: boolean } {
  if (side === 0) return { pos, size, snapped: false };
  const edge = side < 0 ? pos : pos + size;
  const resized = (shift: number) =>
    side < 0 ? { pos: pos + shift, size: size - shift } : { pos, size: size + shift };
  const ok = (shift: number) => {
    const r = resized(shift);
    return r.size >= min - TOUCH_EPS && r.pos >= -TOUCH_EPS && r.pos + r.size <= 1 + TOUCH_EPS;
  };
  const shift = bestShift([edge], candidates, scale.threshold, ok);
  if (shift !== null) return { ...resized(shift), snapped: true };
  const g = gridShift(edge, scale.grid);
  return { ...(ok(g) ? resized(g) : { pos, size }), snapped: false };
}

/** Snap a rect being resized by `handle`: only the edges that handle moves are snapped. */
export function snapResize(
  rect: Rect,
  handle: Handle,
  canvas: LayoutCanvas,
  settings: SnapSettings,
): SnapResult {
  const start = clampResize(rect, canvas);
  const s = scales(canvas, settings);
  const min = minTileSize(canvas);
  const { sx, sy } = handleSides(handle);
  const linesX = lines("x", settings);
  const linesY = lines("y", settings);
  const ex = snapEdge(start.x, start.w, sx, linesX, s.x, min.w);
  const ey = snapEdge(start.y, start.h, sy, linesY, s.y, min.h);
  const snapped = clampResize({ x: ex.pos, y: ey.pos, w: ex.size, h: ey.size }, canvas);
  const movingX = sx < 0 ? [snapped.x] : [right(snapped)];
  const movingY = sy < 0 ? [snapped.y] : [bottom(snapped)];
  return {
    rect: snapped,
    guides: [
      ...(ex.snapped ? guidesFor("x", movingX, snapped, linesX) : []),
      ...(ey.snapped ? guidesFor("y", movingY, snapped, linesY) : []),
    ],
  };
}
