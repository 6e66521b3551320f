import { describe, expect, it } from "vitest";
import { emptyDoc, type LayoutDoc } from "./document";
import {
  currentDoc,
  editorReducer,
  initialEditorState,
  primaryTile,
  redoable,
  selectedIds,
  undoable,
  type EditorAction,
  type EditorState,
} from "./editorState";
import { recordingCanvas, transcodingCanvas, type Guide, type Tile } from "./geometry";

// Power-of-two sides: every whole pixel is an exact binary fraction, so nudges compare exactly.
const canvas = recordingCanvas({ width: 512, height: 256 });

const tile = (id: string, x: number, y: number, w: number, h: number, extra: Partial<Tile> = {}): Tile => ({
  id,
  uid: null,
  x,
  y,
  w,
  h,
  zOrder: 2,
  ...extra,
});

const docWith = (tiles: readonly Tile[], over: Partial<LayoutDoc> = {}): LayoutDoc => ({
  ...emptyDoc(canvas),
  tiles,
  ...over,
});

const A = tile("tile-1", 0.125, 0.25, 0.25, 0.25);
const B = tile("tile-2", 0.5, 0.5, 0.25, 0.25, { uid: "2" });
const C = tile("tile-3", 0.75, 0, 0.125, 0.5, { uid: "3" });

const run = (s: EditorState, ...actions: EditorAction[]): EditorState => actions.reduce(editorReducer, s);
const start = (tiles: readonly Tile[] = [A, B, C]) => initialEditorState(docWith(tiles));
const tilesOf = (s: EditorState) => currentDoc(s).tiles;
const byId = (s: EditorState, id: string) => tilesOf(s).find((t) => t.id === id);
const guide: Guide = { orientation: "vertical", position: 0.5, start: 0, end: 1 };

describe("initial state", () => {
  it("holds the document with nothing selected and nothing to undo", () => {
    const d = docWith([A]);
    const s = initialEditorState(d);
    expect(currentDoc(s)).toBe(d);
    expect(s.selection).toEqual([]);
    expect(s.guides).toEqual([]);
    expect(s.notice).toBeNull();
    expect(undoable(s)).toBe(false);
    expect(redoable(s)).toBe(false);
    expect(primaryTile(s)).toBeNull();
  });
});

describe("selection", () => {
  it("selects the given ids, the last one primary", () => {
    const s = run(start(), { type: "select", ids: ["tile-3", "tile-1"] });
    expect(s.selection).toEqual(["tile-3", "tile-1"]);
    expect(selectedIds(s)).toEqual(["tile-3", "tile-1"]);
    expect(primaryTile(s)).toBe(A);
    expect(undoable(s)).toBe(false);
  });

  it("toggles an id in and out, keeping the order of the rest", () => {
    let s = run(start(), { type: "select", ids: ["tile-1"] }, { type: "toggle", id: "tile-3" });
    expect(s.selection).toEqual(["tile-1", "tile-3"]);
    expect(primaryTile(s)).toBe(C);
    s = run(s, { type: "toggle", id: "tile-1" });
    expect(s.selection).toEqual(["tile-3"]);
    s = run(s, { type: "toggle", id: "tile-3" });
    expect(s.selection).toEqual([]);
  });

  it("drops ids that no longer exist when toggling", () => {
    const s = run(start(), { type: "select", ids: ["gone", "tile-2"] }, { type: "toggle", id: "tile-1" });
    expect(s.selection).toEqual(["tile-2", "tile-1"]);
  });

  it("selects every tile in document order", () => {
    const s = run(start(), { type: "selectAll" });
    expect(s.selection).toEqual(["tile-1", "tile-2", "tile-3"]);
    expect(primaryTile(s)).toBe(C);
  });

  it("clears the notice on select", () => {
    const full = initialEditorState(
      docWith(Array.from({ length: 17 }, (_, i) => tile(`tile-${i + 1}`, 0, 0, 0.25, 0.25))),
    );
    const s = run(full, { type: "add" });
    expect(s.notice).not.toBeNull();
    expect(run(s, { type: "select", ids: [] }).notice).toBeNull();
  });
});

describe("add", () => {
  it("adds a third-of-the-canvas tile at 0.1, selects it, and makes it undoable", () => {
    const s = run(initialEditorState(emptyDoc(canvas)), { type: "add" });
    expect(tilesOf(s)).toStrictEqual([
      { id: "tile-1", uid: null, x: 0.1, y: 0.1, w: 1 / 3, h: 1 / 3, zOrder: 2 },
    ]);
    expect(s.selection).toEqual(["tile-1"]);
    expect(s.notice).toBeNull();
    expect(undoable(s)).toBe(true);
  });

  it("gives the new tile the uid asked for", () => {
    const s = run(initialEditorState(emptyDoc(canvas)), { type: "add", uid: "42" });
    expect(tilesOf(s)[0]?.uid).toBe("42");
  });

  it("steps each new tile down-right, wrapping every 6, with a rising zOrder", () => {
    let s = initialEditorState(emptyDoc(canvas));
    for (let i = 0; i < 7; i++) s = run(s, { type: "add" });
    const tiles = tilesOf(s);
    expect(tiles.map((t) => t.id)).toEqual([
      "tile-1",
      "tile-2",
      "tile-3",
      "tile-4",
      "tile-5",
      "tile-6",
      "tile-7",
    ]);
    expect(tiles[1]?.x).toBe(Math.min(2 / 3, 0.1 + 0.05));
    expect(tiles[5]?.x).toBe(0.1 + 0.25);
    expect(tiles[5]?.y).toBe(0.1 + 0.25);
    expect(tiles[6]?.x).toBe(0.1);
    expect(tiles.map((t) => t.zOrder)).toEqual([2, 3, 4, 5, 6, 7, 8]);
    expect(s.selection).toEqual(["tile-7"]);
    expect(s.history.past).toHaveLength(7);
  });

  it("uses an id past the highest existing one", () => {
    const s = run(start([tile("tile-5", 0, 0, 0.5, 0.5)]), { type: "add" });
    expect(tilesOf(s).map((t) => t.id)).toEqual(["tile-5", "tile-6"]);
    expect(s.selection).toEqual(["tile-6"]);
  });

  it("stops at 17 tiles on a recording canvas with a notice, and never exceeds 17", () => {
    let s = initialEditorState(emptyDoc(canvas));
    for (let i = 0; i < 17; i++) s = run(s, { type: "add" });
    expect(tilesOf(s)).toHaveLength(17);
    expect(s.notice).toBeNull();
    const before = s;
    s = run(s, { type: "add" });
    expect(s.notice).toBe("A mix recording layout holds at most 17 regions.");
    expect(s.history).toBe(before.history);
    expect(s.selection).toEqual(["tile-17"]);
    s = run(s, { type: "add" }, { type: "add", uid: "9" });
    expect(tilesOf(s)).toHaveLength(17);
    expect(s.notice).toBe("A mix recording layout holds at most 17 regions.");
  });

  it("has no cap on a transcoding canvas", () => {
    const tc = transcodingCanvas({ width: 1280, height: 720 });
    let s = initialEditorState(emptyDoc(tc));
    for (let i = 0; i < 18; i++) s = run(s, { type: "add" });
    expect(tilesOf(s)).toHaveLength(18);
    expect(s.notice).toBeNull();
  });
});

describe("remove", () => {
  it("removes the selected tiles and clears the selection", () => {
    const s = run(start(), { type: "select", ids: ["tile-1", "tile-3"] }, { type: "remove" });
    expect(tilesOf(s)).toEqual([B]);
    expect(s.selection).toEqual([]);
    expect(undoable(s)).toBe(true);
    expect(tilesOf(run(s, { type: "undo" }))).toEqual([A, B, C]);
  });

  it("does nothing without a selection", () => {
    const s = run(start(), { type: "select", ids: ["gone"] });
    expect(run(s, { type: "remove" })).toBe(s);
  });
});

describe("nudge", () => {
  it("moves the selection by one canvas pixel, or 10 with large", () => {
    const s = run(start(), { type: "select", ids: ["tile-1"] });
    expect(byId(run(s, { type: "nudge", direction: "right", large: false }), "tile-1")).toEqual({
      ...A,
      x: 0.125 + 1 / 512,
    });
    expect(byId(run(s, { type: "nudge", direction: "left", large: true }), "tile-1")).toEqual({
      ...A,
      x: 0.125 - 10 / 512,
    });
    expect(byId(run(s, { type: "nudge", direction: "up", large: false }), "tile-1")).toEqual({
      ...A,
      y: 0.25 - 1 / 256,
    });
    expect(byId(run(s, { type: "nudge", direction: "down", large: true }), "tile-1")).toEqual({
      ...A,
      y: 0.25 + 10 / 256,
    });
  });

  it("leaves unselected tiles alone and moves a multi-selection together", () => {
    const s = run(
      start(),
      { type: "select", ids: ["tile-1", "tile-2"] },
      { type: "nudge", direction: "down", large: false },
    );
    expect(byId(s, "tile-1")?.y).toBe(0.25 + 1 / 256);
    expect(byId(s, "tile-2")?.y).toBe(0.5 + 1 / 256);
    expect(byId(s, "tile-3")).toBe(C);
  });

  it("coalesces repeated nudges in one direction into one undo step", () => {
    let s = run(start(), { type: "select", ids: ["tile-1"] });
    for (let i = 0; i < 3; i++) s = run(s, { type: "nudge", direction: "right", large: false });
    expect(byId(s, "tile-1")?.x).toBe(0.125 + 3 / 512);
    expect(s.history.past).toHaveLength(1);
    const undone = run(s, { type: "undo" });
    expect(byId(undone, "tile-1")).toBe(A);
    expect(undoable(undone)).toBe(false);
  });

  it("makes a new undo step when the direction changes", () => {
    let s = run(
      start(),
      { type: "select", ids: ["tile-1"] },
      { type: "nudge", direction: "right", large: false },
      { type: "nudge", direction: "right", large: false },
      { type: "nudge", direction: "down", large: false },
    );
    expect(s.history.past).toHaveLength(2);
    s = run(s, { type: "undo" });
    expect(byId(s, "tile-1")).toEqual({ ...A, x: 0.125 + 2 / 512 });
  });

  it("does nothing against the canvas edge or without a selection", () => {
    const edge = run(start([tile("tile-1", 0, 0, 0.25, 0.25)]), { type: "select", ids: ["tile-1"] });
    const s = run(edge, { type: "nudge", direction: "left", large: true });
    expect(tilesOf(s)[0]).toEqual(tile("tile-1", 0, 0, 0.25, 0.25));
    const none = start();
    const after = run(none, { type: "nudge", direction: "left", large: false });
    expect(after.history).toBe(none.history);
  });
});

describe("gestures", () => {
  const moved = (x: number): Tile => ({ ...A, x });

  it("coalesces one key's steps into one undo step and shows the guides", () => {
    let s = run(
      start(),
      { type: "gesture", tiles: [moved(0.2)], guides: [], key: "drag-tile-1" },
      { type: "gesture", tiles: [moved(0.3)], guides: [guide], key: "drag-tile-1" },
    );
    expect(byId(s, "tile-1")?.x).toBe(0.3);
    expect(s.guides).toEqual([guide]);
    expect(s.history.past).toHaveLength(1);
    s = run(s, { type: "undo" });
    expect(byId(s, "tile-1")).toBe(A);
    expect(s.guides).toEqual([]);
  });

  it("endGesture seals the step (the next gesture is a new one) and clears the guides", () => {
    let s = run(
      start(),
      { type: "gesture", tiles: [moved(0.2)], guides: [guide], key: "drag-tile-1" },
      { type: "endGesture" },
    );
    expect(s.guides).toEqual([]);
    expect(s.history.lastKey).toBeNull();
    s = run(s, { type: "gesture", tiles: [moved(0.4)], guides: [], key: "drag-tile-1" });
    expect(s.history.past).toHaveLength(2);
    s = run(s, { type: "undo" });
    expect(byId(s, "tile-1")?.x).toBe(0.2);
  });

  it("makes separate steps for different keys", () => {
    const s = run(
      start(),
      { type: "gesture", tiles: [moved(0.2)], guides: [], key: "drag-tile-1" },
      { type: "gesture", tiles: [{ ...A, w: 0.5 }], guides: [], key: "resize-tile-1-e" },
    );
    expect(s.history.past).toHaveLength(2);
  });
});

describe("updateTile", () => {
  it("clamps the patched tile to the canvas", () => {
    const s = run(start(), { type: "updateTile", id: "tile-1", patch: { w: 2 } });
    expect(byId(s, "tile-1")).toEqual({ ...A, w: 0.875 });
    const y = run(start(), { type: "updateTile", id: "tile-2", patch: { y: -1 } });
    // Cut at the top edge, then raised to the 16 px minimum.
    expect(byId(y, "tile-2")).toEqual({ ...B, y: 0, h: 16 / 256 });
  });

  it("keeps an unset alpha unset and clamps a set one", () => {
    const s = run(start(), { type: "updateTile", id: "tile-1", patch: { uid: "7" } });
    const t = byId(s, "tile-1") as Tile;
    expect(t).toStrictEqual({ ...A, uid: "7" });
    expect("alpha" in t).toBe(false);
    expect("renderMode" in t).toBe(false);
    const a = run(start(), { type: "updateTile", id: "tile-1", patch: { alpha: 1.5, renderMode: 3 } });
    expect(byId(a, "tile-1")).toStrictEqual({ ...A, alpha: 1, renderMode: 1 });
  });

  it("clears a value patched to undefined", () => {
    const s = run(start([{ ...A, alpha: 0.5 }]), {
      type: "updateTile",
      id: "tile-1",
      patch: { alpha: undefined },
    });
    expect("alpha" in (byId(s, "tile-1") as Tile)).toBe(false);
  });

  it("ignores an unknown id", () => {
    const s = start();
    expect(run(s, { type: "updateTile", id: "nope", patch: { x: 0 } })).toBe(s);
  });

  it("coalesces edits of one field by key", () => {
    let s = run(
      start(),
      { type: "updateTile", id: "tile-1", patch: { uid: "1" }, key: "uid-tile-1" },
      { type: "updateTile", id: "tile-1", patch: { uid: "12" }, key: "uid-tile-1" },
    );
    expect(byId(s, "tile-1")?.uid).toBe("12");
    expect(s.history.past).toHaveLength(1);
    s = run(s, { type: "updateTile", id: "tile-1", patch: { uid: "123" } });
    expect(s.history.past).toHaveLength(2);
  });
});

describe("edit", () => {
  it("pushes a new document, coalescing by key, and ignores the same document", () => {
    const s0 = start();
    expect(run(s0, { type: "edit", doc: currentDoc(s0) })).toBe(s0);
    const d1 = { ...currentDoc(s0), backgroundColor: "#1" };
    const d2 = { ...currentDoc(s0), backgroundColor: "#12" };
    const s = run(s0, { type: "edit", doc: d1, key: "color" }, { type: "edit", doc: d2, key: "color" });
    expect(currentDoc(s)).toBe(d2);
    expect(s.history.past).toHaveLength(1);
    expect(currentDoc(run(s, { type: "undo" }))).toBe(currentDoc(s0));
  });
});

describe("align and distribute", () => {
  it("aligns the selection to its bounds", () => {
    const s = run(start(), { type: "select", ids: ["tile-1", "tile-2"] }, { type: "align", mode: "left" });
    expect(byId(s, "tile-2")).toEqual({ ...B, x: 0.125 });
    expect(byId(s, "tile-1")).toEqual(A);
    expect(undoable(s)).toBe(true);
  });

  it("distributes three tiles with equal gaps", () => {
    const tiles = [
      tile("tile-1", 0, 0, 0.125, 0.125),
      tile("tile-2", 0.125, 0, 0.125, 0.125),
      tile("tile-3", 0.875, 0, 0.125, 0.125),
    ];
    const s = run(start(tiles), { type: "selectAll" }, { type: "distribute", axis: "horizontal" });
    expect(tilesOf(s).map((t) => t.x)).toEqual([0, 0.4375, 0.875]);
  });

  it("distributing fewer than three tiles adds no undo step", () => {
    const s = run(start(), { type: "select", ids: ["tile-1"] }, { type: "distribute", axis: "vertical" });
    expect(undoable(s)).toBe(false);
  });
});

describe("preset", () => {
  it("replaces every tile, clears the selection, and can be undone", () => {
    let s = run(
      start(),
      { type: "select", ids: ["tile-1"] },
      { type: "preset", kind: "best-fit", count: 2, uids: ["5", "6"] },
    );
    expect(tilesOf(s)).toStrictEqual([
      { id: "tile-1", uid: "5", x: 0, y: 0, w: 0.5, h: 1, zOrder: 2 },
      { id: "tile-2", uid: "6", x: 0.5, y: 0, w: 0.5, h: 1, zOrder: 2 },
    ]);
    expect(s.selection).toEqual([]);
    s = run(s, { type: "undo" });
    expect(tilesOf(s)).toEqual([A, B, C]);
  });
});

describe("undo and redo", () => {
  it("steps back and forth and clears guides and notice", () => {
    let s = run(
      start(),
      { type: "select", ids: ["tile-1"] },
      { type: "remove" },
      { type: "gesture", tiles: [{ ...B, x: 0 }], guides: [guide], key: "g" },
    );
    expect(s.history.past).toHaveLength(2);
    s = run(s, { type: "undo" });
    expect(tilesOf(s)).toEqual([B, C]);
    expect(s.guides).toEqual([]);
    expect(redoable(s)).toBe(true);
    s = run(s, { type: "undo" });
    expect(tilesOf(s)).toEqual([A, B, C]);
    expect(undoable(s)).toBe(false);
    s = run(s, { type: "redo" }, { type: "redo" });
    expect(tilesOf(s)).toEqual([{ ...B, x: 0 }, C]);
    expect(redoable(s)).toBe(false);
    expect(s.notice).toBeNull();
  });

  it("undo with nothing to undo keeps the document", () => {
    const s = start();
    expect(currentDoc(run(s, { type: "undo" }))).toBe(currentDoc(s));
  });
});

describe("load", () => {
  it("pushes the new document as an undoable step, clears selection and guides, and sets the notice", () => {
    const s0 = run(
      start(),
      { type: "select", ids: ["tile-2"] },
      { type: "gesture", tiles: [{ ...B, x: 0 }], guides: [guide], key: "g" },
    );
    const loaded = docWith([C], { backgroundColor: "#ffffff" });
    let s = run(s0, { type: "load", doc: loaded, notice: "3 regions past the 17th were left out." });
    expect(currentDoc(s)).toBe(loaded);
    expect(s.selection).toEqual([]);
    expect(s.guides).toEqual([]);
    expect(s.notice).toBe("3 regions past the 17th were left out.");
    expect(s.history.past).toHaveLength(2);
    s = run(s, { type: "undo" });
    expect(tilesOf(s)).toEqual([A, { ...B, x: 0 }, C]);
  });

  it("has no notice unless given", () => {
    const s = run(start(), { type: "load", doc: docWith([]) });
    expect(s.notice).toBeNull();
    expect(undoable(s)).toBe(true);
  });

  it("is a new undo step even after a gesture with the same key as the next one", () => {
    let s = run(
      start(),
      { type: "gesture", tiles: [{ ...A, x: 0 }], guides: [], key: "g" },
      { type: "load", doc: docWith([A]) },
      { type: "gesture", tiles: [{ ...A, x: 0.5 }], guides: [], key: "g" },
    );
    expect(s.history.past).toHaveLength(3);
    s = run(s, { type: "undo" });
    expect(tilesOf(s)).toEqual([A]);
  });
});

describe("selectedIds", () => {
  it("drops ids that no longer exist after undoing an add", () => {
    let s = run(start(), { type: "add" });
    expect(s.selection).toEqual(["tile-4"]);
    expect(primaryTile(s)?.id).toBe("tile-4");
    s = run(s, { type: "undo" });
    expect(s.selection).toEqual(["tile-4"]);
    expect(selectedIds(s)).toEqual([]);
    expect(primaryTile(s)).toBeNull();
    s = run(s, { type: "redo" });
    expect(selectedIds(s)).toEqual(["tile-4"]);
  });

  it("keeps the order of the selection", () => {
    const s = run(start(), { type: "select", ids: ["tile-3", "x", "tile-1"] });
    expect(selectedIds(s)).toEqual(["tile-3", "tile-1"]);
    expect(primaryTile(s)).toBe(A);
  });
});

describe("settled document and no-op steps", () => {
  const canvas = { kind: "recording" as const, width: 512, height: 256 };
  const tile = { id: "tile-1", uid: null, x: 0, y: 0, w: 0.5, h: 0.5, zOrder: 2 };
  const base = { ...emptyDoc(canvas), tiles: [tile] };

  it("keeps the settled document during a drag and catches up when it ends", () => {
    let s = initialEditorState(base);
    s = editorReducer(s, { type: "gesture", tiles: [{ ...tile, x: 0.25 }], guides: [], key: "g" });
    expect(s.history.present.tiles[0]?.x).toBe(0.25);
    expect(s.settled).toBe(base);
    s = editorReducer(s, { type: "endGesture" });
    expect(s.settled).toBe(s.history.present);
    expect(s.settled.tiles[0]?.x).toBe(0.25);
  });

  it("records no undo step for a nudge against the canvas edge", () => {
    let s = initialEditorState(base);
    s = editorReducer(s, { type: "select", ids: ["tile-1"] });
    s = editorReducer(s, { type: "nudge", direction: "left", large: false });
    expect(s.history.past).toHaveLength(0);
    s = editorReducer(s, { type: "align", mode: "left" });
    expect(s.history.past).toHaveLength(0);
  });
});

describe("whole-layout patches and sealing", () => {
  const canvas = { kind: "recording" as const, width: 512, height: 256 };
  const tile = { id: "tile-1", uid: null, x: 0, y: 0, w: 0.5, h: 0.5, zOrder: 2 };
  const base = { ...emptyDoc(canvas), tiles: [tile] };

  it("applies a background change to the current tiles, even mid-drag", () => {
    let s = initialEditorState(base);
    s = editorReducer(s, { type: "gesture", tiles: [{ ...tile, x: 0.25 }], guides: [], key: "g" });
    s = editorReducer(s, { type: "patch", patch: { backgroundColor: "#123456" }, key: "backgroundColor" });
    expect(s.history.present.tiles[0]?.x).toBe(0.25);
    expect(s.history.present.backgroundColor).toBe("#123456");
  });

  it("re-fits the tiles to a new canvas's minimum size", () => {
    const tiny = { ...tile, w: 0.01, h: 0.01 };
    let s = initialEditorState({ ...base, tiles: [tiny] });
    s = editorReducer(s, { type: "patch", patch: { canvas: { kind: "recording", width: 64, height: 64 } } });
    // 16 px on a 64 px canvas is a quarter.
    expect(s.history.present.tiles[0]?.w).toBe(0.25);
  });

  it("makes two edits of one field around a selection two undo steps", () => {
    let s = initialEditorState(base);
    const edit = (x: number) =>
      editorReducer(s, { type: "updateTile", id: "tile-1", patch: { x }, key: "inspect-tile-1-x" });
    s = edit(0.1);
    s = editorReducer(s, { type: "select", ids: ["tile-1"] });
    s = edit(0.2);
    expect(s.history.past).toHaveLength(2);
  });
});
