import { describe, expect, it } from "vitest";
import { recordingCanvas, transcodingCanvas } from "./canvas";
import type { Tile } from "./model";
import { addTile, canAddTile, nextTileId, normalizeTile, removeTiles, translateTiles } from "./tiles";

const rec = recordingCanvas({ width: 1000, height: 1000 });
const tc = transcodingCanvas({ width: 1200, height: 600 });
const tile = (id: string, x = 0.1, y = 0.1, w = 0.2, h = 0.2): Tile => ({
  id,
  uid: null,
  x,
  y,
  w,
  h,
  zOrder: 2,
});
const many = (n: number) => Array.from({ length: n }, (_, i) => tile(`tile-${i + 1}`));

describe("adding tiles", () => {
  it("refuses the 18th region of a mix recording, with a reason", () => {
    const seventeen = many(17);
    expect(canAddTile(seventeen, rec)).toBe(false);
    const result = addTile(seventeen, tile("tile-18"), rec);
    expect(result).toEqual({
      ok: false,
      code: "layout.too_many_regions",
      reason: "A mix recording layout holds at most 17 regions; remove one before adding another.",
    });
  });

  it("accepts the 17th recording region and more than 17 transcoder inputs", () => {
    const r = addTile(many(16), tile("tile-17"), rec);
    expect(r.ok && r.tiles.length).toBe(17);
    const t = addTile(many(17), tile("tile-18"), tc);
    expect(t.ok && t.tiles.length).toBe(18);
  });

  it("refuses a duplicate id", () => {
    const r = addTile([tile("a")], tile("a"), rec);
    expect(r.ok).toBe(false);
    expect(!r.ok && r.code).toBe("layout.duplicate_id");
  });

  it("keeps an added tile on the canvas", () => {
    const r = addTile([], tile("a", 0.95, 0.9, 0.3, 0.3), rec);
    expect(r.ok && r.tiles[0]).toMatchObject({ x: 0.95, w: expect.closeTo(0.05, 9) as number });
  });

  it("numbers new ids past the highest one", () => {
    expect(nextTileId([])).toBe("tile-1");
    expect(nextTileId([tile("tile-3"), tile("tile-9"), tile("custom")])).toBe("tile-10");
  });
});

describe("normalizeTile", () => {
  it("drops NaN alpha and render mode (unset) but keeps real values, clamped", () => {
    const n = normalizeTile(
      { ...tile("a"), alpha: Number.NaN, renderMode: Number.NaN, zOrder: Number.NaN },
      rec,
    );
    expect("alpha" in n).toBe(false);
    expect("renderMode" in n).toBe(false);
    expect(n.zOrder).toBe(2);
    const m = normalizeTile({ ...tile("a"), alpha: 1.5, renderMode: 0.7, zOrder: 400 }, rec);
    expect(m).toMatchObject({ alpha: 1, renderMode: 1, zOrder: 100 });
    expect(normalizeTile({ ...tile("a"), alpha: 0 }, rec).alpha).toBe(0);
  });
});

describe("group moves", () => {
  it("moves the selected tiles together and stops the group at the edge", () => {
    const tiles = [tile("a", 0.1, 0.1), tile("b", 0.5, 0.5), tile("c", 0.7, 0.1)];
    const moved = translateTiles(tiles, ["a", "b"], { dx: 0.5, dy: 0 }, rec);
    // b's right edge (0.7) may only travel 0.3, so a moves 0.3 too.
    expect(moved[0]?.x).toBeCloseTo(0.4);
    expect(moved[1]?.x).toBeCloseTo(0.8);
    expect(moved[2]).toBe(tiles[2]);
  });

  it("ignores an empty selection and removes by id", () => {
    const tiles = [tile("a"), tile("b")];
    expect(translateTiles(tiles, [], { dx: 1, dy: 1 }, rec)).toBe(tiles);
    expect(removeTiles(tiles, ["a"]).map((t) => t.id)).toEqual(["b"]);
  });
});
