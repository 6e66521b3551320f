// The transcoder's video inputs and watermarks as layout-editor tiles and back: the editor keeps
// tiles normalized, the transcoder wants whole canvas pixels and a zOrder (geometry/convert.ts).
import type { Region, TranscoderConfig, VideoInput, WaterMark } from "../../bindings";
import { rgbToHex } from "../../components/form/FieldControl";
import type { DocImport } from "../layout-editor/document";
import { emptyDoc } from "../layout-editor/document";
import {
  Z_ORDER_MAX,
  clampNumber,
  finiteOr,
  fromPixelRect,
  toPixelRect,
  transcodingCanvas,
  zOrderMin,
  type LayoutCanvas,
  type Tile,
} from "../layout-editor/geometry";
import { inputChannel } from "./draft";

function tileOf(
  id: string,
  region: Region | null | undefined,
  canvas: LayoutCanvas,
  kind?: "watermark",
): Tile {
  const base = { kind };
  return {
    id,
    uid: null,
    ...fromPixelRect(region, canvas),
    zOrder: clampNumber(Math.round(finiteOr(region?.zOrder, zOrderMin(base))), zOrderMin(base), Z_ORDER_MAX),
    ...(kind ? { kind } : {}),
  };
}

function regionOf(tile: Tile, canvas: LayoutCanvas): Region {
  const z = clampNumber(Math.round(finiteOr(tile.zOrder, zOrderMin(tile))), zOrderMin(tile), Z_ORDER_MAX);
  return { ...toPixelRect(tile, canvas), zOrder: z };
}

/**
 * Tile `tile-N` is video input N−1 (its uid label is the input's rtcUid, its image the
 * placeholder); tile `mark-N` is watermark N−1 (its image the watermark's).
 */
export function canvasDoc(t: TranscoderConfig): DocImport {
  const canvas = transcodingCanvas(t.canvas);
  const videos = (t.videoInputs ?? []).map((input, i): Tile => {
    const uid = input.rtc && input.rtc.rtcUid > 0 ? String(input.rtc.rtcUid) : null;
    const image = input.placeholderImageUrl;
    return {
      ...tileOf(`tile-${i + 1}`, input.region, canvas),
      uid,
      ...(image ? { backgroundImage: image } : {}),
    };
  });
  const marks = (t.waterMarks ?? []).map((m, i): Tile => ({
    ...tileOf(`mark-${i + 1}`, m.region, canvas, "watermark"),
    ...(m.imageUrl ? { backgroundImage: m.imageUrl } : {}),
  }));
  return {
    doc: {
      ...emptyDoc(canvas),
      tiles: [...videos, ...marks],
      backgroundColor: rgbToHex(t.canvas?.color ?? 0),
    },
    dropped: 0,
  };
}

/**
 * The inputs and watermarks after the editor, in tile order: regions (pixels, zOrder) from the
 * tiles. A video tile the editor added becomes an RTC input of the inputs' channel; a removed tile
 * removes its input or watermark.
 */
export function withCanvasTiles(t: TranscoderConfig, tiles: readonly Tile[]): TranscoderConfig {
  const canvas = transcodingCanvas(t.canvas);
  const inputs = t.videoInputs ?? [];
  const marks = t.waterMarks ?? [];
  const indexOf = (tile: Tile, prefix: string) => {
    const m = new RegExp(`^${prefix}-(\\d+)$`).exec(tile.id);
    return m ? Number(m[1]) - 1 : -1;
  };
  const videoInputs = tiles
    .filter((tile) => tile.kind !== "watermark")
    .map((tile): VideoInput => {
      const base: VideoInput = inputs[indexOf(tile, "tile")] ?? {
        rtc: { rtcChannel: inputChannel(t), rtcUid: 0 },
      };
      const uid = Number(tile.uid ?? "");
      const rtc = base.rtc && Number.isInteger(uid) && uid > 0 ? { ...base.rtc, rtcUid: uid } : base.rtc;
      const image = tile.backgroundImage?.trim();
      return { ...base, rtc, placeholderImageUrl: image ? image : undefined, region: regionOf(tile, canvas) };
    });
  const waterMarks = tiles
    .filter((tile) => tile.kind === "watermark")
    .map((tile): WaterMark => {
      const base = marks[indexOf(tile, "mark")];
      return {
        ...base,
        imageUrl: tile.backgroundImage?.trim() ?? base?.imageUrl ?? "",
        region: regionOf(tile, canvas),
      };
    });
  return { ...t, videoInputs, waterMarks: waterMarks.length || t.waterMarks ? waterMarks : undefined };
}
