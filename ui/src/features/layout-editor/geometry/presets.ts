import { canvasPixels, clampNumber, finiteOr } from "./canvas";
import { MAX_RECORDING_REGIONS, Z_ORDER_MIN, type LayoutCanvas, type Rect, type Tile } from "./model";
import { clampResize } from "./rect";

/**
 * Starting layouts for N users. The first three are Agora's built-in `mixedVideoLayout` modes redrawn as
 * custom regions, so a user can start from what Agora would show and then adjust it.
 *
 * Sources. The arrangement of each mode is documented in shared/reference/agora-docs.md §1.4.2 and
 * agora-api.md §2.3.2 (mixedVideoLayout): floating = the first user fills the canvas, the others are small
 * windows from the bottom-left corner, in join order, left to right then upwards, 4 rows of 4, 17 in
 * all; best fit = equal windows sized by head-count, up to 17; vertical = the maxResolutionUid user big on
 * the left, the others on the right in up to 2 columns of 8, 17 in all. The REST docs give no fractions;
 * those below come from Agora's "Set video layout" page (its per-head-count figures and the 17-user
 * best-fit note: 0.2 × 0.2 windows, 4 rows of 4 with 0.1 side margins, the 17th centred on a 5th row)
 * and Agora's On-Premise Recording sample, which draws the same three modes. The cloud service may differ
 * by a few pixels; the presets are a starting point, not a promise of pixel identity.
 */
export type PresetKind =
  "floating" | "best-fit" | "vertical" | "grid" | "speaker-strip" | "picture-in-picture";

export const PRESET_KINDS: readonly PresetKind[] = [
  "floating",
  "best-fit",
  "vertical",
  "grid",
  "speaker-strip",
  "picture-in-picture",
];

export interface PresetOptions {
  /** Users in join order; tile i shows uids[i]. Missing or null: no uid (Agora fills in join order). */
  readonly uids?: readonly (string | null)[];
  /** Vertical: the user in the big window (Agora's maxResolutionUid); absent or unknown: the first user. */
  readonly maxResolutionUid?: string | null;
  /** Grid: space between and around cells, in canvas pixels. */
  readonly gapPx?: number;
}

/** The preset that draws a `mixedVideoLayout` mode; null for 3 (custom: the regions are the layout). */
export function presetForMixedVideoLayout(mode: number | null | undefined): PresetKind | null {
  switch (mode ?? 0) {
    case 0:
      return "floating";
    case 1:
      return "best-fit";
    case 2:
      return "vertical";
    default:
      return null;
  }
}

interface Placed {
  readonly rect: Rect;
  /** Windows floating over a full-canvas one sit one layer higher. */
  readonly raised?: boolean;
}

const FULL: Rect = { x: 0, y: 0, w: 1, h: 1 };

/** Floating (mode 0): 0.235-wide small windows with 0.012 gaps, rows of 4 from the bottom up. */
function floating(n: number): Placed[] {
  const size = 0.235;
  const gap = 0.012;
  return Array.from({ length: n }, (_, i) => {
    if (i === 0) return { rect: FULL };
    const col = (i - 1) % 4;
    const row = Math.floor((i - 1) / 4);
    return {
      rect: { x: gap + col * (size + gap), y: 1 - (row + 1) * (size + gap), w: size, h: size },
      raised: true,
    };
  });
}

/** `n` equal cells of a cols × rows grid, row by row from the top-left. */
function cells(n: number, cols: number, rows: number): Placed[] {
  return Array.from({ length: n }, (_, i) => ({
    rect: { x: (i % cols) / cols, y: Math.floor(i / cols) / rows, w: 1 / cols, h: 1 / rows },
  }));
}

/** Best fit (mode 1): 1 full, 2 side by side, then 2×2, 3×3 and 4×4 grids; 17 has its own figure. */
function bestFit(n: number): Placed[] {
  if (n <= 1) return cells(n, 1, 1);
  if (n === 2) return cells(n, 2, 1);
  if (n <= 4) return cells(n, 2, 2);
  if (n <= 9) return cells(n, 3, 3);
  if (n <= 16) return cells(n, 4, 4);
  return Array.from({ length: n }, (_, i) => ({
    rect:
      i < 16
        ? { x: 0.1 + (i % 4) * 0.2, y: Math.floor(i / 4) * 0.2, w: 0.2, h: 0.2 }
        : { x: 0.4, y: 0.8, w: 0.2, h: 0.2 },
  }));
}

/**
 * Vertical (mode 2): the big window's width and the small windows' size step with the head-count
 * (≤5: 0.8 and 0.2 × 1/4; ≤7: 6/7 and 1/7 × 1/6; ≤9: 8/9 and 1/9 × 1/8; ≤17: 0.8 and two columns of
 * 0.1 × 1/8). Small windows fill the right side top-down, the first column before the second.
 */
function vertical(n: number, big: number): Placed[] {
  const [bigW, smallW, smallH] =
    n <= 5
      ? [0.8, 0.2, 1 / 4]
      : n <= 7
        ? [6 / 7, 1 / 7, 1 / 6]
        : n <= 9
          ? [8 / 9, 1 / 9, 1 / 8]
          : [0.8, 0.1, 1 / 8];
  const perColumn = Math.round(1 / smallH);
  let k = 0;
  return Array.from({ length: n }, (_, i) => {
    if (i === big) return { rect: { x: 0, y: 0, w: bigW, h: 1 } };
    const col = Math.floor(k / perColumn);
    const row = k % perColumn;
    k += 1;
    return { rect: { x: bigW + col * smallW, y: row * smallH, w: smallW, h: smallH } };
  });
}

/** Near-square grid (columns = ⌈√n⌉) with an optional gap; a short last row is centred. */
function grid(n: number, gapX: number, gapY: number): Placed[] {
  if (n === 0) return [];
  const cols = Math.ceil(Math.sqrt(n));
  const rows = Math.ceil(n / cols);
  // Cap the gap so cells keep at least half of their share.
  const gx = clampNumber(gapX, 0, 0.5 / (cols + 1));
  const gy = clampNumber(gapY, 0, 0.5 / (rows + 1));
  const w = (1 - (cols + 1) * gx) / cols;
  const h = (1 - (rows + 1) * gy) / rows;
  return Array.from({ length: n }, (_, i) => {
    const row = Math.floor(i / cols);
    const inRow = Math.min(cols, n - row * cols);
    const offset = ((cols - inRow) * (w + gx)) / 2;
    return { rect: { x: offset + gx + (i % cols) * (w + gx), y: gy + row * (h + gy), w, h } };
  });
}

/** The first user large on top, the others in one or two 0.2-high rows of up to 8 along the bottom. */
function speakerStrip(n: number): Placed[] {
  if (n <= 1) return cells(n, 1, 1);
  const others = n - 1;
  const perRow = Math.min(others, 8);
  const rows = Math.ceil(others / perRow);
  const rowH = 0.2;
  const top = 1 - rows * rowH;
  const w = 1 / perRow;
  return Array.from({ length: n }, (_, i) => {
    if (i === 0) return { rect: { x: 0, y: 0, w: 1, h: top } };
    const k = i - 1;
    const row = Math.floor(k / perRow);
    const inRow = Math.min(perRow, others - row * perRow);
    return { rect: { x: ((perRow - inRow) * w) / 2 + (k % perRow) * w, y: top + row * rowH, w, h: rowH } };
  });
}

/**
 * The first user fills the canvas; the others are insets in the bottom-right corner, right to left then
 * upwards, ⌈√(n−1)⌉ per row, at most a quarter of the canvas wide, with 0.025 margins.
 */
function pictureInPicture(n: number): Placed[] {
  const margin = 0.025;
  const perRow = Math.max(1, Math.ceil(Math.sqrt(n - 1)));
  const size = Math.min(0.25, (1 - margin * (perRow + 1)) / perRow);
  return Array.from({ length: n }, (_, i) => {
    if (i === 0) return { rect: FULL };
    const col = (i - 1) % perRow;
    const row = Math.floor((i - 1) / perRow);
    return {
      rect: {
        x: 1 - (col + 1) * (size + margin),
        y: 1 - (row + 1) * (size + margin),
        w: size,
        h: size,
      },
      raised: true,
    };
  });
}

/**
 * Tiles for `count` users (clamped to 0–17: the built-in modes stop at 17 and so does a mix recording).
 * Every tile is kept on the canvas and at its minimum size (the transcoder's is 120 px, which can make
 * the smallest windows of a crowded preset overlap on a small canvas).
 */
export function presetTiles(
  kind: PresetKind,
  count: number,
  canvas: LayoutCanvas,
  options: PresetOptions = {},
): Tile[] {
  const n = clampNumber(Math.floor(finiteOr(count, 0)), 0, MAX_RECORDING_REGIONS);
  const uids = options.uids ?? [];
  const { width, height } = canvasPixels(canvas);
  const gap = Math.max(0, finiteOr(options.gapPx, 0));
  const bigIndex = options.maxResolutionUid ? uids.slice(0, n).indexOf(options.maxResolutionUid) : -1;
  const placed =
    kind === "floating"
      ? floating(n)
      : kind === "best-fit"
        ? bestFit(n)
        : kind === "vertical"
          ? vertical(n, Math.max(0, bigIndex))
          : kind === "grid"
            ? grid(n, gap / width, gap / height)
            : kind === "speaker-strip"
              ? speakerStrip(n)
              : pictureInPicture(n);
  return placed.map(({ rect, raised }, i) => ({
    id: `tile-${i + 1}`,
    uid: uids[i]?.trim() || null,
    ...clampResize(rect, canvas),
    zOrder: raised ? Z_ORDER_MIN + 1 : Z_ORDER_MIN,
  }));
}
