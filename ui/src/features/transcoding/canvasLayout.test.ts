import { describe, expect, it } from "vitest";
import type { TranscoderConfig } from "../../bindings";
import { canvasDoc, withCanvasTiles } from "./canvasLayout";

const transcoder: TranscoderConfig = {
  canvas: { width: 1280, height: 720, color: 255 },
  videoInputs: [
    { rtc: { rtcChannel: "show", rtcUid: 101 }, region: { x: 0, y: 0, width: 640, height: 360, zOrder: 2 } },
    {
      rtc: { rtcChannel: "show", rtcUid: 102 },
      placeholderImageUrl: "https://img/away.png",
      region: { x: 640, y: 0, width: 640, height: 360, zOrder: 5 },
    },
  ],
  waterMarks: [
    { imageUrl: "https://img/logo.png", region: { x: 20, y: 20, width: 160, height: 120, zOrder: 0 } },
  ],
  outputs: [{ rtc: { rtcChannel: "out", rtcUid: 9 } }],
};

describe("the transcoder canvas in the layout editor", () => {
  it("opens the inputs as pixel tiles with their uid, zOrder and placeholder image", () => {
    const { doc } = canvasDoc(transcoder);
    expect(doc.canvas).toEqual({ kind: "transcoding", width: 1280, height: 720 });
    expect(doc.backgroundColor).toBe("#0000FF");
    expect(doc.tiles.map((t) => [t.id, t.uid, t.zOrder, t.backgroundImage, t.kind])).toEqual([
      ["tile-1", "101", 2, undefined, undefined],
      ["tile-2", "102", 5, "https://img/away.png", undefined],
      // Watermarks are their own kind of tile, and may sit below the inputs' zOrder floor.
      ["mark-1", null, 0, "https://img/logo.png", "watermark"],
    ]);
  });

  it("writes regions back in whole pixels and keeps everything else of each input", () => {
    const { doc } = canvasDoc(transcoder);
    const moved = doc.tiles.map((t) => (t.id === "tile-2" ? { ...t, x: 0.5, y: 0.25 } : t));
    const next = withCanvasTiles(transcoder, moved);
    expect(next.videoInputs?.[1]).toEqual({
      rtc: { rtcChannel: "show", rtcUid: 102 },
      placeholderImageUrl: "https://img/away.png",
      region: { x: 640, y: 180, width: 640, height: 360, zOrder: 5 },
    });
    expect(next.videoInputs?.[0]?.region).toEqual(transcoder.videoInputs?.[0]?.region);
    expect(next.outputs).toBe(transcoder.outputs);
  });

  it("a tile added in the editor is a new input of the channel; a removed one removes its input", () => {
    const [first, second, mark] = canvasDoc(transcoder).doc.tiles;
    if (!first || !second || !mark) throw new Error("three tiles");
    const added = { ...first, id: "tile-x", uid: "103", x: 0, y: 0.5, zOrder: 9 };
    const next = withCanvasTiles(transcoder, [second, added, { ...mark, x: 0.5 }]);
    expect(next.waterMarks).toEqual([
      { imageUrl: "https://img/logo.png", region: { x: 640, y: 20, width: 160, height: 120, zOrder: 0 } },
    ]);
    expect(withCanvasTiles(transcoder, [second]).waterMarks).toEqual([]);
    expect(next.videoInputs?.map((v) => v.rtc?.rtcUid)).toEqual([102, 103]);
    expect(next.videoInputs?.[1]?.rtc?.rtcChannel).toBe("show");
    expect(next.videoInputs?.[1]?.region).toMatchObject({ x: 0, y: 360, zOrder: 9 });
  });
});
