import type { LayoutCanvas, Rect } from "./geometry";

/** The on-screen preview of the output canvas: its size in CSS pixels (same aspect as the output). */
export interface Display {
  readonly width: number;
  readonly height: number;
}

/** The largest preview with the canvas's aspect ratio that fits the available box. */
export function fitDisplay(canvas: LayoutCanvas, box: { width: number; height: number }): Display {
  const scale = Math.max(0, Math.min(box.width / canvas.width, box.height / canvas.height));
  return { width: Math.floor(canvas.width * scale), height: Math.floor(canvas.height * scale) };
}

/**
 * A rect's box on screen. Edges are rounded to whole CSS pixels (not the size), so neighbouring tiles
 * share an edge exactly and text is never drawn at a fractional offset (which WebKitGTK blurs).
 */
export function screenBox(r: Rect, d: Display): { x: number; y: number; w: number; h: number } {
  const x = Math.round(r.x * d.width);
  const y = Math.round(r.y * d.height);
  return {
    x,
    y,
    w: Math.max(1, Math.round((r.x + r.w) * d.width) - x),
    h: Math.max(1, Math.round((r.y + r.h) * d.height) - y),
  };
}

/** Aspect locks offered for resizing, as width:height in output pixels; "tile" keeps the tile's own. */
export const ASPECT_LOCKS = ["off", "tile", "16:9", "4:3", "1:1", "9:16", "3:4"] as const;
export type AspectLock = (typeof ASPECT_LOCKS)[number];

/** The ratio for a lock, or undefined when free. `tileAspect` is the tile's ratio when the gesture began. */
export function aspectRatio(lock: AspectLock, tileAspect: number): number | undefined {
  if (lock === "off") return undefined;
  if (lock === "tile") return tileAspect;
  const [w, h] = lock.split(":").map(Number) as [number, number];
  return w / h;
}

/** A grid step that gives about 16 cells across the canvas, in whole output pixels. */
export function defaultGridStep(canvas: LayoutCanvas): number {
  return Math.max(4, Math.round(canvas.width / 16));
}
