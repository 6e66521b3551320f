// The transcoder's video inputs as layout-editor tiles and back: the editor keeps tiles
// normalized, the transcoder wants whole canvas pixels and a zOrder (geometry/convert.ts).
import type { TranscoderConfig, VideoInput } from "../../bindings";
import type { DocImport } from "../layout-editor/document";
import { emptyDoc } from "../layout-editor/document";
import {
  fromTranscodingRegions,
  toTranscodingRegions,
  transcodingCanvas,
  type Tile,
} from "../layout-editor/geometry";
import { rgbToHex } from "../../components/form/FieldControl";
import { inputChannel } from "./draft";

/** Tile `tile-N` is video input N−1; its uid label is the input's rtcUid. */
export function canvasDoc(t: TranscoderConfig): DocImport {
  const canvas = transcodingCanvas(t.canvas);
  const inputs = t.videoInputs ?? [];
  const tiles = fromTranscodingRegions(
    inputs.map((v) => v.region),
    canvas,
  ).map((tile, i): Tile => {
    const input = inputs[i];
    const uid = input?.rtc && input.rtc.rtcUid > 0 ? String(input.rtc.rtcUid) : null;
    const image = input?.placeholderImageUrl;
    return { ...tile, uid, ...(image ? { backgroundImage: image } : {}) };
  });
  return {
    doc: { ...emptyDoc(canvas), tiles, backgroundColor: rgbToHex(t.canvas?.color ?? 0) },
    dropped: 0,
  };
}

/**
 * The video inputs after the editor: regions (pixels, zOrder) from the tiles, in tile order. A
 * tile the editor added becomes an RTC input of the inputs' channel; a removed tile removes its input.
 */
export function withCanvasTiles(t: TranscoderConfig, tiles: readonly Tile[]): TranscoderConfig {
  const canvas = transcodingCanvas(t.canvas);
  const regions = toTranscodingRegions(tiles, canvas);
  const inputs = t.videoInputs ?? [];
  const videoInputs = tiles.map((tile, i): VideoInput => {
    const from = /^tile-(\d+)$/.exec(tile.id);
    const old = from ? inputs[Number(from[1]) - 1] : undefined;
    const uid = Number(tile.uid ?? "");
    const base: VideoInput = old ?? { rtc: { rtcChannel: inputChannel(t), rtcUid: 0 } };
    const rtc = base.rtc && Number.isInteger(uid) && uid > 0 ? { ...base.rtc, rtcUid: uid } : base.rtc;
    return { ...base, rtc, region: regions[i] };
  });
  return { ...t, videoInputs };
}
