import type { FieldError } from "../../bindings";
import type { LayoutDoc } from "./document";

/** The Rust validator's errors for a layout, placed where the editor shows them. */
export interface LayoutErrors {
  /** Per tile id: field (`uid`, `x_axis`, `image_url`, ...) → message. */
  readonly tiles: ReadonlyMap<string, Readonly<Record<string, string>>>;
  /** Layout-wide fields (`backgroundColor`, `backgroundImage`, ...) → message. */
  readonly layout: Readonly<Record<string, string>>;
  /** Every error as one line, `path: message`, for the summary above the actions. */
  readonly lines: readonly string[];
  /** Warnings (a region past the canvas edge, ...), one line each: shown, never blocking. */
  readonly notes: readonly string[];
}

/**
 * Place errors from `validate_payload` (kind recordingUpdateLayout, paths `clientRequest.…`).
 * `layoutConfig.N` is tile N; `backgroundConfig.N` is the Nth tile that has both a uid and an image,
 * the order `toLayoutSettings` writes them in.
 */
export function placeLayoutErrors(errors: readonly FieldError[], doc: LayoutDoc): LayoutErrors {
  const withImage = doc.tiles.filter((t) => t.uid?.trim() && t.backgroundImage?.trim());
  const tiles = new Map<string, Record<string, string>>();
  const layout: Record<string, string> = {};
  const lines: string[] = [];
  const notes: string[] = [];
  const add = (into: Record<string, string>, field: string, message: string) => {
    into[field] = into[field] ? `${into[field]}; ${message}` : message;
  };
  for (const e of errors) {
    const path = e.path.replace(/^clientRequest\./, "");
    if (e.severity === "warning") {
      notes.push(`${describePath(path, doc)}: ${e.message}`);
      continue;
    }
    const [head, index, ...rest] = path.split(".");
    const field = rest.join(".") || head || "";
    const tile =
      head === "layoutConfig" && index !== undefined
        ? doc.tiles[Number(index)]
        : head === "backgroundConfig" && index !== undefined
          ? withImage[Number(index)]
          : undefined;
    if (tile && rest.length) {
      const own = tiles.get(tile.id) ?? {};
      add(own, field, e.message);
      tiles.set(tile.id, own);
      lines.push(`Tile ${doc.tiles.indexOf(tile) + 1} ${field}: ${e.message}`);
    } else {
      add(layout, path, e.message);
      lines.push(`${path}: ${e.message}`);
    }
  }
  return { tiles, layout, lines, notes };
}

/** "Tile 3 width" for `layoutConfig.2.width`, the path itself otherwise. */
function describePath(path: string, doc: LayoutDoc): string {
  const [head, index, ...rest] = path.split(".");
  if (head === "layoutConfig" && index !== undefined && doc.tiles[Number(index)] && rest.length)
    return `Tile ${Number(index) + 1} ${rest.join(".")}`;
  return path;
}
