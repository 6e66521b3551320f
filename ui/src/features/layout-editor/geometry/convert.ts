import type { LayoutRegion, Region } from "../../../bindings";
import { canvasPixels, clampNumber, finiteOr, minTileSize } from "./canvas";
import {
  MAX_RECORDING_REGIONS,
  TRANSCODING_MIN_PX,
  Z_ORDER_MAX,
  Z_ORDER_MIN,
  type LayoutCanvas,
  type Rect,
  type Tile,
} from "./model";
import { clampResize } from "./rect";

/** A rect in whole canvas pixels (a transcoding region without its zOrder). */
export interface PixelRect {
  readonly x: number;
  readonly y: number;
  readonly width: number;
  readonly height: number;
}

/**
 * One axis in whole pixels. The *edges* are rounded, not the size, so two tiles that share an edge
 * still share it in pixels; then the side is raised to `minPx` inside [0, total].
 */
function pixelAxis(pos: number, size: number, total: number, minPx: number): [number, number] {
  let lo = clampNumber(Math.round(pos * total), 0, total);
  let hi = clampNumber(Math.round((pos + size) * total), 0, total);
  const need = Math.min(Math.max(minPx, 1), total);
  if (hi - lo < need) {
    hi = Math.min(total, lo + need);
    lo = hi - need;
  }
  return [lo, hi - lo];
}

/** Normalized → whole canvas pixels, inside the canvas and (for the transcoder) at least 120 px a side. */
export function toPixelRect(rect: Rect, canvas: LayoutCanvas): PixelRect {
  const r = clampResize(rect, canvas);
  const { width, height } = canvasPixels(canvas);
  const W = Math.round(width);
  const H = Math.round(height);
  const minPx = canvas.kind === "transcoding" ? TRANSCODING_MIN_PX : 1;
  const [x, w] = pixelAxis(r.x, r.w, W, minPx);
  const [y, h] = pixelAxis(r.y, r.h, H, minPx);
  return { x, y, width: w, height: h };
}

/** Canvas pixels → normalized, kept on the canvas. */
export function fromPixelRect(px: Partial<PixelRect> | null | undefined, canvas: LayoutCanvas): Rect {
  const { width, height } = canvasPixels(canvas);
  const min = minTileSize(canvas);
  return clampResize(
    {
      x: finiteOr(px?.x, 0) / width,
      y: finiteOr(px?.y, 0) / height,
      // A region without a size is shown at the minimum so it can be seen and fixed.
      w: finiteOr(px?.width, min.w * width) / width,
      h: finiteOr(px?.height, min.h * height) / height,
    },
    canvas,
  );
}

export function clampZOrder(z: number | null | undefined): number {
  return clampNumber(Math.round(finiteOr(z, Z_ORDER_MIN)), Z_ORDER_MIN, Z_ORDER_MAX);
}

/** Tiles → `videoInputs[].region`, in tile order, always with a zOrder in 2–100. */
export function toTranscodingRegions(tiles: readonly Tile[], canvas: LayoutCanvas): Region[] {
  return tiles.map((t) => ({ ...toPixelRect(t, canvas), zOrder: clampZOrder(t.zOrder) }));
}

/** `videoInputs[].region` → tiles ("tile-1", …). A missing region becomes a minimum-size tile at the origin. */
export function fromTranscodingRegions(
  regions: readonly (Region | null | undefined)[],
  canvas: LayoutCanvas,
): Tile[] {
  return regions.map((region, i) => ({
    id: `tile-${i + 1}`,
    uid: null,
    ...fromPixelRect(region, canvas),
    zOrder: clampZOrder(region?.zOrder),
  }));
}

const SCALE = 1e6;

/** Agora takes coordinates "accurate to 6 decimal places". */
export function round6(v: number): number {
  return Math.round(v * SCALE) / SCALE;
}

/**
 * One axis in 6 decimals. Edges are rounded (shared edges stay shared); the size is then trimmed by
 * 0.000001 steps until pos + size ≤ 1 holds in floating point too, because Agora checks the sum.
 */
function decimalAxis(pos: number, size: number): [number, number] {
  const step = 1 / SCALE;
  const lo = clampNumber(round6(pos), 0, 1 - step);
  let s = Math.max(step, round6(clampNumber(round6(pos + size), 0, 1) - lo));
  while (lo + s > 1 && s > step) s = round6(s - step);
  return [lo, s];
}

/** Tiles → `layoutConfig` (at most 17, in tile order: without uids Agora fills regions in join order). */
export function toLayoutConfig(tiles: readonly Tile[]): LayoutRegion[] {
  return tiles.slice(0, MAX_RECORDING_REGIONS).map((t) => {
    const [x_axis, width] = decimalAxis(finiteOr(t.x, 0), finiteOr(t.w, 0));
    const [y_axis, height] = decimalAxis(finiteOr(t.y, 0), finiteOr(t.h, 0));
    const uid = t.uid?.trim();
    return {
      ...(uid ? { uid } : {}),
      x_axis,
      y_axis,
      width,
      height,
      // Only what the user set is sent; an unset field takes Agora's default (alpha 1, crop).
      ...(typeof t.alpha === "number" && Number.isFinite(t.alpha)
        ? { alpha: round6(clampNumber(t.alpha, 0, 1)) }
        : {}),
      ...(typeof t.renderMode === "number" && Number.isFinite(t.renderMode)
        ? { render_mode: clampNumber(Math.round(t.renderMode), 0, 1) }
        : {}),
    };
  });
}

export interface LayoutImport {
  readonly tiles: Tile[];
  /** Regions past the 17th, which Agora would not show and the editor does not keep. */
  readonly dropped: number;
}

/**
 * `layoutConfig` → tiles. Missing or invalid coordinates become 0 and sizes the rest of the canvas, so a
 * broken region stays visible and fixable; alpha and render mode are kept only when present.
 */
export function fromLayoutConfig(
  regions: readonly LayoutRegion[] | null | undefined,
  canvas: LayoutCanvas,
): LayoutImport {
  const list = regions ?? [];
  const tiles = list.slice(0, MAX_RECORDING_REGIONS).map((r, i): Tile => {
    const x = clampNumber(finiteOr(r.x_axis, 0), 0, 1);
    const y = clampNumber(finiteOr(r.y_axis, 0), 0, 1);
    const uid = r.uid?.trim();
    return {
      id: `tile-${i + 1}`,
      uid: uid ? uid : null,
      ...clampResize({ x, y, w: finiteOr(r.width, 1 - x), h: finiteOr(r.height, 1 - y) }, canvas),
      // layoutConfig carries no z: list order stands in for it.
      zOrder: clampZOrder(Z_ORDER_MIN + i),
      ...(typeof r.alpha === "number" && Number.isFinite(r.alpha)
        ? { alpha: clampNumber(r.alpha, 0, 1) }
        : {}),
      ...(typeof r.render_mode === "number" && Number.isFinite(r.render_mode)
        ? { renderMode: clampNumber(Math.round(r.render_mode), 0, 1) }
        : {}),
    };
  });
  return { tiles, dropped: Math.max(0, list.length - MAX_RECORDING_REGIONS) };
}
