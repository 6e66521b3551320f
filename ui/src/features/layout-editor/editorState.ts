import { MAX_RECORDING_REGIONS } from "../../bindings";
import type { LayoutDoc } from "./document";
import {
  addTile,
  alignTiles,
  canAddTile,
  canRedo,
  canUndo,
  createHistory,
  distributeTiles,
  minTileSize,
  nextTileId,
  normalizeTile,
  nudgeTiles,
  presetTiles,
  push,
  redo,
  removeTiles,
  replaceTiles,
  seal,
  undo,
  type AlignMode,
  type DistributeAxis,
  type Guide,
  type History,
  type NudgeDirection,
  type PresetKind,
  type Tile,
} from "./geometry";

/** The editor's whole state: the document with its undo history, the selection and the live guides. */
export interface EditorState {
  readonly history: History<LayoutDoc>;
  /** Selected tile ids; the last one is the primary (the inspector's and the resize handles'). */
  readonly selection: readonly string[];
  /** Snap guides of the gesture in progress. */
  readonly guides: readonly Guide[];
  /** Why the last action did nothing (e.g. the 17-region cap), until the next action. */
  readonly notice: string | null;
  /**
   * The document as of the last finished action: during a drag it stays where the drag began, so
   * validation, the JSON and the side panels are not recomputed on every pointer move.
   */
  readonly settled: LayoutDoc;
}

export type EditorAction =
  | { readonly type: "select"; readonly ids: readonly string[] }
  | { readonly type: "toggle"; readonly id: string }
  | { readonly type: "selectAll" }
  /** One step of a drag or resize: coalesced by `key` into one undo step. */
  | {
      readonly type: "gesture";
      readonly tiles: readonly Tile[];
      readonly guides: readonly Guide[];
      readonly key: string;
    }
  | { readonly type: "endGesture" }
  /** Any other change of the document; edits with the same `key` (typing in one field) coalesce. */
  | { readonly type: "edit"; readonly doc: LayoutDoc; readonly key?: string }
  /** Layout-wide settings, applied to the current document (never a stale copy of it). */
  | { readonly type: "patch"; readonly patch: DocPatch; readonly key?: string }
  | { readonly type: "updateTile"; readonly id: string; readonly patch: Partial<Tile>; readonly key?: string }
  | { readonly type: "add"; readonly uid?: string | null }
  | { readonly type: "remove" }
  | { readonly type: "nudge"; readonly direction: NudgeDirection; readonly large: boolean }
  | { readonly type: "align"; readonly mode: AlignMode }
  | { readonly type: "distribute"; readonly axis: DistributeAxis }
  | {
      readonly type: "preset";
      readonly kind: PresetKind;
      readonly count: number;
      readonly uids: readonly string[];
    }
  | { readonly type: "undo" }
  | { readonly type: "redo" }
  | { readonly type: "load"; readonly doc: LayoutDoc; readonly notice?: string | null };

/** What the whole-layout panel changes. A new canvas re-fits the tiles (the minimum size depends on it). */
export type DocPatch = Partial<
  Pick<LayoutDoc, "canvas" | "backgroundColor" | "backgroundImage" | "defaultUserBackgroundImage">
>;

export function initialEditorState(doc: LayoutDoc): EditorState {
  return { history: createHistory(doc), selection: [], guides: [], notice: null, settled: doc };
}

export const currentDoc = (s: EditorState): LayoutDoc => s.history.present;

/** The selection, minus ids an undo or delete took away. */
export function selectedIds(s: EditorState): readonly string[] {
  const ids = new Set(s.history.present.tiles.map((t) => t.id));
  return s.selection.filter((id) => ids.has(id));
}

export function primaryTile(s: EditorState): Tile | null {
  const ids = selectedIds(s);
  const id = ids[ids.length - 1];
  return s.history.present.tiles.find((t) => t.id === id) ?? null;
}

export const undoable = (s: EditorState) => canUndo(s.history);
export const redoable = (s: EditorState) => canRedo(s.history);

/** Same tiles, field for field: a nudge or align that moved nothing should not become an undo step. */
function sameTiles(a: readonly Tile[], b: readonly Tile[]): boolean {
  return (
    a.length === b.length &&
    a.every((t, i) => {
      const u = b[i] as Tile;
      const keys = new Set([...Object.keys(t), ...Object.keys(u)]);
      return [...keys].every((k) => Object.is(t[k as keyof Tile], u[k as keyof Tile]));
    })
  );
}

function withTiles(s: EditorState, tiles: readonly Tile[], key?: string): EditorState {
  const doc = s.history.present;
  if (tiles === doc.tiles || sameTiles(tiles, doc.tiles)) return { ...s, notice: null };
  return { ...s, history: push(s.history, { ...doc, tiles }, key), notice: null };
}

/** A new tile: a third of the canvas, stepped down-right from the last one so it does not hide it. */
function newTile(doc: LayoutDoc, uid: string | null): Tile {
  const min = minTileSize(doc.canvas);
  const w = Math.max(1 / 3, min.w);
  const h = Math.max(1 / 3, min.h);
  const step = (doc.tiles.length % 6) * 0.05;
  return {
    id: nextTileId(doc.tiles),
    uid,
    x: Math.min(1 - w, 0.1 + step),
    y: Math.min(1 - h, 0.1 + step),
    w,
    h,
    zOrder: Math.min(100, 2 + doc.tiles.length),
  };
}

export function editorReducer(s: EditorState, a: EditorAction): EditorState {
  const next = reduce(s, a);
  if (a.type === "gesture") return next;
  const present = next.history.present;
  return next.settled === present ? next : { ...next, settled: present };
}

function reduce(s: EditorState, a: EditorAction): EditorState {
  const doc = s.history.present;
  switch (a.type) {
    // A new selection ends coalescing: two edits of one field around it are two undo steps.
    case "select":
      return { ...s, history: seal(s.history), selection: [...a.ids], notice: null };
    case "toggle": {
      const ids = selectedIds(s);
      return {
        ...s,
        history: seal(s.history),
        selection: ids.includes(a.id) ? ids.filter((id) => id !== a.id) : [...ids, a.id],
      };
    }
    case "selectAll":
      return { ...s, history: seal(s.history), selection: doc.tiles.map((t) => t.id) };
    case "gesture":
      return { ...withTiles(s, replaceTiles(doc.tiles, a.tiles), a.key), guides: a.guides };
    case "endGesture":
      return { ...s, history: seal(s.history), guides: [] };
    case "edit":
      return a.doc === doc ? s : { ...s, history: push(s.history, a.doc, a.key), notice: null };
    case "patch": {
      const canvas = a.patch.canvas ?? doc.canvas;
      const tiles = a.patch.canvas ? doc.tiles.map((t) => normalizeTile(t, canvas)) : doc.tiles;
      return {
        ...s,
        history: push(s.history, { ...doc, ...a.patch, canvas, tiles }, a.key),
        notice: null,
      };
    }
    case "updateTile": {
      const tile = doc.tiles.find((t) => t.id === a.id);
      if (!tile) return s;
      return withTiles(
        s,
        replaceTiles(doc.tiles, [normalizeTile({ ...tile, ...a.patch }, doc.canvas)]),
        a.key,
      );
    }
    case "add": {
      if (!canAddTile(doc.tiles, doc.canvas)) {
        return { ...s, notice: `A mix recording layout holds at most ${MAX_RECORDING_REGIONS} regions.` };
      }
      const tile = newTile(doc, a.uid ?? null);
      const added = addTile(doc.tiles, tile, doc.canvas);
      if (!added.ok) return { ...s, notice: added.reason };
      return { ...withTiles(s, added.tiles), selection: [tile.id] };
    }
    case "remove": {
      const ids = selectedIds(s);
      if (!ids.length) return s;
      return { ...withTiles(s, removeTiles(doc.tiles, ids)), selection: [] };
    }
    case "nudge": {
      const ids = selectedIds(s);
      // Held arrow keys repeat: one key per direction coalesces the repeats into one undo step.
      return withTiles(
        s,
        nudgeTiles(doc.tiles, ids, a.direction, doc.canvas, a.large),
        `nudge-${ids.join(",")}-${a.direction}`,
      );
    }
    case "align":
      return withTiles(s, alignTiles(doc.tiles, selectedIds(s), a.mode, doc.canvas));
    case "distribute":
      return withTiles(s, distributeTiles(doc.tiles, selectedIds(s), a.axis, doc.canvas));
    case "preset": {
      const tiles = presetTiles(a.kind, a.count, doc.canvas, { uids: a.uids });
      return { ...withTiles(s, tiles), selection: [] };
    }
    case "undo":
      return { ...s, history: undo(s.history), guides: [], notice: null };
    case "redo":
      return { ...s, history: redo(s.history), guides: [], notice: null };
    case "load":
      return {
        ...s,
        history: push(seal(s.history), a.doc),
        selection: [],
        guides: [],
        notice: a.notice ?? null,
      };
  }
}
