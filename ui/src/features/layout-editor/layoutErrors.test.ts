import { describe, expect, it } from "vitest";
import type { FieldError } from "../../bindings";
import { emptyDoc, toLayoutSettings, type LayoutDoc } from "./document";
import { recordingCanvas, type Tile } from "./geometry";
import { placeLayoutErrors } from "./layoutErrors";

const tile = (id: string, extra: Partial<Tile> = {}): Tile => ({
  id,
  uid: null,
  x: 0,
  y: 0,
  w: 0.5,
  h: 0.5,
  zOrder: 2,
  ...extra,
});

// Tiles 2 and 4 have both a uid and an image (backgroundConfig.0 and .1); tile 1 has only an image,
// tile 3 only a uid.
const doc: LayoutDoc = {
  ...emptyDoc(recordingCanvas({ width: 640, height: 360 })),
  tiles: [
    tile("t1", { backgroundImage: "https://img/1.jpg" }),
    tile("t2", { uid: "2", backgroundImage: "https://img/2.jpg" }),
    tile("t3", { uid: "3" }),
    tile("t4", { uid: "4", backgroundImage: "https://img/4.jpg" }),
  ],
};

const err = (path: string, message: string): FieldError => ({ path, message });

describe("placeLayoutErrors", () => {
  it("places layoutConfig.N errors on tile N+1's field", () => {
    const placed = placeLayoutErrors([err("clientRequest.layoutConfig.2.uid", "must be a number")], doc);
    expect([...placed.tiles.entries()]).toEqual([["t3", { uid: "must be a number" }]]);
    expect(placed.layout).toEqual({});
    expect(placed.lines).toEqual(["Tile 3 uid: must be a number"]);
  });

  it("places backgroundConfig.N errors on the Nth tile with both a uid and an image", () => {
    const placed = placeLayoutErrors(
      [
        err("clientRequest.backgroundConfig.0.image_url", "must be http(s)"),
        err("clientRequest.backgroundConfig.1.image_url", "must be JPG or BMP"),
      ],
      doc,
    );
    expect(placed.tiles.get("t2")).toEqual({ image_url: "must be http(s)" });
    expect(placed.tiles.get("t4")).toEqual({ image_url: "must be JPG or BMP" });
    expect(placed.tiles.has("t1")).toBe(false);
    expect(placed.lines).toEqual([
      "Tile 2 image_url: must be http(s)",
      "Tile 4 image_url: must be JPG or BMP",
    ]);
  });

  it("matches the order toLayoutSettings writes backgroundConfig in", () => {
    const written = toLayoutSettings(doc).backgroundConfig ?? [];
    written.forEach((b, i) => {
      const placed = placeLayoutErrors([err(`clientRequest.backgroundConfig.${i}.uid`, "bad")], doc);
      const [id] = [...placed.tiles.keys()];
      expect(doc.tiles.find((t) => t.id === id)?.uid).toBe(b.uid);
    });
    expect(written).toHaveLength(2);
  });

  it("places layout-wide errors under their path without the clientRequest prefix", () => {
    const placed = placeLayoutErrors(
      [
        err("clientRequest.backgroundColor", "must be #RRGGBB"),
        err("clientRequest.defaultUserBackgroundImage", "must be http(s)"),
      ],
      doc,
    );
    expect(placed.tiles.size).toBe(0);
    expect(placed.layout).toEqual({
      backgroundColor: "must be #RRGGBB",
      defaultUserBackgroundImage: "must be http(s)",
    });
    expect(placed.lines).toEqual([
      "backgroundColor: must be #RRGGBB",
      "defaultUserBackgroundImage: must be http(s)",
    ]);
  });

  it("keeps errors that name no tile field at layout level", () => {
    const placed = placeLayoutErrors(
      [
        err("clientRequest.layoutConfig", "at most 17 regions"),
        err("clientRequest.layoutConfig.1", "region is required"),
        err("clientRequest.layoutConfig.9.x_axis", "between 0 and 1"),
        err("clientRequest.backgroundConfig.2.uid", "unknown uid"),
      ],
      doc,
    );
    expect(placed.tiles.size).toBe(0);
    expect(placed.layout).toEqual({
      layoutConfig: "at most 17 regions",
      "layoutConfig.1": "region is required",
      "layoutConfig.9.x_axis": "between 0 and 1",
      "backgroundConfig.2.uid": "unknown uid",
    });
    expect(placed.lines).toEqual([
      "layoutConfig: at most 17 regions",
      "layoutConfig.1: region is required",
      "layoutConfig.9.x_axis: between 0 and 1",
      "backgroundConfig.2.uid: unknown uid",
    ]);
  });

  it("joins several messages for one field and keeps one line each", () => {
    const placed = placeLayoutErrors(
      [
        err("clientRequest.layoutConfig.0.width", "between 0 and 1"),
        err("clientRequest.layoutConfig.0.x_axis", "between 0 and 1"),
        err("clientRequest.layoutConfig.0.width", "x_axis + width must be at most 1"),
        err("clientRequest.backgroundColor", "required"),
        err("clientRequest.backgroundColor", "must be #RRGGBB"),
      ],
      doc,
    );
    expect(placed.tiles.get("t1")).toEqual({
      width: "between 0 and 1; x_axis + width must be at most 1",
      x_axis: "between 0 and 1",
    });
    expect(placed.layout).toEqual({ backgroundColor: "required; must be #RRGGBB" });
    expect(placed.lines).toEqual([
      "Tile 1 width: between 0 and 1",
      "Tile 1 x_axis: between 0 and 1",
      "Tile 1 width: x_axis + width must be at most 1",
      "backgroundColor: required",
      "backgroundColor: must be #RRGGBB",
    ]);
  });

  it("also reads paths without the clientRequest prefix", () => {
    const placed = placeLayoutErrors([err("layoutConfig.3.alpha", "between 0 and 1")], doc);
    expect(placed.tiles.get("t4")).toEqual({ alpha: "between 0 and 1" });
    expect(placed.lines).toEqual(["Tile 4 alpha: between 0 and 1"]);
  });

  it("returns nothing for no errors", () => {
    const placed = placeLayoutErrors([], doc);
    expect(placed.tiles.size).toBe(0);
    expect(placed.layout).toEqual({});
    expect(placed.lines).toEqual([]);
  });
});

describe("layout warnings", () => {
  it("are notes, not errors: no tile turns red and nothing is blocked", () => {
    const placed = placeLayoutErrors(
      [
        {
          path: "clientRequest.layoutConfig.1.width",
          message: "x_axis + width is 1.1: the region goes past the canvas's right edge and may be cut off",
          severity: "warning",
        },
      ],
      doc,
    );
    expect(placed.lines).toEqual([]);
    expect(placed.tiles.size).toBe(0);
    expect(placed.notes).toEqual([
      "Tile 2 width: x_axis + width is 1.1: the region goes past the canvas's right edge and may be cut off",
    ]);
  });
});
