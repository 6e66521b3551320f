/**
 * The layout editor's internal model. One model serves both targets:
 * - Cloud Recording mix layouts (`transcodingConfig.layoutConfig`), which are normalized to [0, 1];
 * - Cloud Transcoding video inputs (`videoInputs[].region`), which are canvas pixels.
 * Tiles are always kept normalized so every operation is written once; pixels only appear at the edges
 * (snap thresholds, nudges, aspect ratios, conversions), through the canvas size.
 */

import { type Limit, RECORDING_FIELD_LIMITS, TRANSCODING_FIELD_LIMITS } from "../../../bindings";

/** Which API the layout is for; it decides the limits (region count, minimum tile size). */
export type CanvasKind = "recording" | "transcoding";

/** The output canvas in pixels (not the on-screen preview). */
export interface LayoutCanvas {
  readonly kind: CanvasKind;
  readonly width: number;
  readonly height: number;
}

/** A rectangle in normalized canvas units: (0, 0) is the top-left corner, (1, 1) the bottom-right. */
export interface Rect {
  readonly x: number;
  readonly y: number;
  readonly w: number;
  readonly h: number;
}

/** A movement in normalized canvas units (a pointer delta divided by the displayed canvas size). */
export interface Delta {
  readonly dx: number;
  readonly dy: number;
}

/** Resize handles: the edges (n, s, e, w) and corners a pointer can drag. */
export type Handle = "n" | "s" | "e" | "w" | "ne" | "nw" | "se" | "sw";

export interface Size {
  readonly w: number;
  readonly h: number;
}

/** One user's window on the canvas. */
export interface Tile extends Rect {
  /** Stable across edits, unique in a layout (selection and undo refer to it). */
  readonly id: string;
  /** The user shown here; null fills regions in join order (recording) or is not yet chosen. */
  readonly uid: string | null;
  /** Opacity in [0, 1]; undefined means "not set": Agora's default (1) applies and nothing is sent. */
  readonly alpha?: number;
  /** 0 crop, 1 fit; undefined means "not set" (Agora's default, 0). */
  readonly renderMode?: number;
  /** Stacking order, 2–100 (Cloud Transcoding's video-input range); higher is on top. */
  readonly zOrder: number;
  /** Per-user image: recording `backgroundConfig.image_url` or transcoding `placeholderImageUrl`
   * (a watermark's `imageUrl`). */
  readonly backgroundImage?: string;
  /** A transcoder watermark (an image over the canvas) rather than a user's video. */
  readonly kind?: "watermark";
}

/** Cloud Recording shows at most this many regions (defined in Rust, agora-rest `limits`). */
export { MAX_RECORDING_REGIONS } from "../../../bindings";

/** A Rust limit's end that the editor needs; the table always has these (a test says so). */
function end(
  table: Readonly<Record<string, Limit | undefined>>,
  path: string,
  which: "min" | "max" | "default",
): number {
  const v = table[path]?.[which];
  if (typeof v !== "number") throw new Error(`Rust's limits have no ${which} for ${path}`);
  return v;
}

/** Cloud Transcoding canvas and region sides in pixels (Rust: `limits::TC_SIDE`). */
export const TRANSCODING_MIN_PX = end(TRANSCODING_FIELD_LIMITS, "transcoder.canvas.width", "min");
export const TRANSCODING_MAX_PX = end(TRANSCODING_FIELD_LIMITS, "transcoder.canvas.width", "max");

/** Video-input zOrder (2 is just above the placeholder layer); watermarks may go lower. */
export const Z_ORDER_MIN = end(TRANSCODING_FIELD_LIMITS, "transcoder.videoInputs.*.region.zOrder", "min");
export const Z_ORDER_MAX = end(TRANSCODING_FIELD_LIMITS, "transcoder.videoInputs.*.region.zOrder", "max");
export const WATERMARK_Z_ORDER_MIN = end(
  TRANSCODING_FIELD_LIMITS,
  "transcoder.waterMarks.*.region.zOrder",
  "min",
);

/**
 * Recording regions have no documented minimum; below about 16 px a tile can no longer be grabbed or
 * show a face, so the editor keeps at least that much.
 */
export const RECORDING_MIN_TILE_PX = 16;

/** `transcodingConfig` defaults when width/height are omitted (Rust: `limits::COMPOSITE_*`). */
const TC = "start.clientRequest.recordingConfig.transcodingConfig";
export const DEFAULT_RECORDING_WIDTH = end(RECORDING_FIELD_LIMITS, `${TC}.width`, "default");
export const DEFAULT_RECORDING_HEIGHT = end(RECORDING_FIELD_LIMITS, `${TC}.height`, "default");

/** The transcoder canvas is required, so this is only a starting point for an empty editor. */
export const DEFAULT_TRANSCODING_WIDTH = 1280;
export const DEFAULT_TRANSCODING_HEIGHT = 720;

/** The lowest zOrder a tile may have: watermarks go below the video inputs' floor. */
export function zOrderMin(tile: Pick<Tile, "kind">): number {
  return tile.kind === "watermark" ? WATERMARK_Z_ORDER_MIN : Z_ORDER_MIN;
}
