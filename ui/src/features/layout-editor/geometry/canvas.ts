import type { TranscodingConfig } from "../../../bindings";
import {
  DEFAULT_RECORDING_HEIGHT,
  DEFAULT_RECORDING_WIDTH,
  DEFAULT_TRANSCODING_HEIGHT,
  DEFAULT_TRANSCODING_WIDTH,
  RECORDING_MIN_TILE_PX,
  TRANSCODING_MAX_PX,
  TRANSCODING_MIN_PX,
  type LayoutCanvas,
  type Size,
} from "./model";

/** `value` when it is a finite number, else `fallback`: user input and JSON can hold null, NaN or ±∞. */
export function finiteOr(value: number | null | undefined, fallback: number): number {
  return typeof value === "number" && Number.isFinite(value) ? value : fallback;
}

/** Clamp that tolerates an empty interval (lo > hi) by preferring `lo`. */
export function clampNumber(value: number, lo: number, hi: number): number {
  return Math.max(lo, Math.min(hi, value));
}

/** The mix-recording canvas from `transcodingConfig` (Agora's defaults when a side is missing or invalid). */
export function recordingCanvas(config?: Pick<TranscodingConfig, "width" | "height"> | null): LayoutCanvas {
  const side = (v: number | null | undefined, fallback: number) => {
    const px = Math.round(finiteOr(v, fallback));
    return px > 0 ? px : fallback;
  };
  return {
    kind: "recording",
    width: side(config?.width, DEFAULT_RECORDING_WIDTH),
    height: side(config?.height, DEFAULT_RECORDING_HEIGHT),
  };
}

/** The transcoder canvas, forced into 120–3840 whole pixels so every conversion has a valid base. */
export function transcodingCanvas(
  size?: { width?: number | null; height?: number | null } | null,
): LayoutCanvas {
  const side = (v: number | null | undefined, fallback: number) =>
    clampNumber(Math.round(finiteOr(v, fallback)), TRANSCODING_MIN_PX, TRANSCODING_MAX_PX);
  return {
    kind: "transcoding",
    width: side(size?.width, DEFAULT_TRANSCODING_WIDTH),
    height: side(size?.height, DEFAULT_TRANSCODING_HEIGHT),
  };
}

/** Canvas sides that are safe to divide by, whatever the caller built. */
export function canvasPixels(canvas: LayoutCanvas): { width: number; height: number } {
  const side = (v: number) => (Number.isFinite(v) && v >= 1 ? v : 1);
  return { width: side(canvas.width), height: side(canvas.height) };
}

/** The smallest tile, normalized: 120 px for the transcoder (its documented minimum), 16 px for recording. */
export function minTileSize(canvas: LayoutCanvas): Size {
  const px = canvas.kind === "transcoding" ? TRANSCODING_MIN_PX : RECORDING_MIN_TILE_PX;
  const { width, height } = canvasPixels(canvas);
  return { w: Math.min(1, px / width), h: Math.min(1, px / height) };
}

/** Canvas pixels → normalized units, per axis. */
export function pxToNorm(canvas: LayoutCanvas, px: { x: number; y: number }): { x: number; y: number } {
  const { width, height } = canvasPixels(canvas);
  return { x: px.x / width, y: px.y / height };
}
