import type { BackgroundConfig, LayoutSettings, LayoutTemplate } from "../../bindings";
import {
  fromLayoutConfig,
  presetForMixedVideoLayout,
  presetTiles,
  recordingCanvas,
  toLayoutConfig,
  type LayoutCanvas,
  type Tile,
} from "./geometry";
import { isObject } from "../../lib/json";

/**
 * What the editor edits: the canvas, its tiles, and the layout-wide settings that an updateLayout
 * replaces together with the regions (Agora has no partial update: whatever is left out is reset).
 */
export interface LayoutDoc {
  readonly canvas: LayoutCanvas;
  readonly tiles: readonly Tile[];
  /** `#RRGGBB`; always sent, so an apply never silently resets it to black. */
  readonly backgroundColor: string;
  /** Canvas background image URL; "" for none. */
  readonly backgroundImage: string;
  /** Shown in a region 3.5 s after its user's video stops; "" for none. */
  readonly defaultUserBackgroundImage: string;
}

export const DEFAULT_BACKGROUND = "#000000";

/** How many users a built-in layout is drawn for when the session does not say. */
const DEFAULT_USERS = 4;

export function emptyDoc(canvas: LayoutCanvas): LayoutDoc {
  return {
    canvas,
    tiles: [],
    backgroundColor: DEFAULT_BACKGROUND,
    backgroundImage: "",
    defaultUserBackgroundImage: "",
  };
}

const text = (v: string | null | undefined) => (typeof v === "string" ? v.trim() : "");

/**
 * The whole `updateLayout` body (also the layout half of `transcodingConfig`): mixedVideoLayout 3, the
 * background colour, every set image, every region, and a backgroundConfig entry per tile that has both
 * a uid and an image (Agora keys those images by uid).
 */
export function toLayoutSettings(doc: LayoutDoc): LayoutSettings {
  const backgrounds: BackgroundConfig[] = doc.tiles.flatMap((t) => {
    const uid = t.uid?.trim();
    const url = text(t.backgroundImage);
    return uid && url ? [{ uid, image_url: url }] : [];
  });
  const image = text(doc.backgroundImage);
  const userImage = text(doc.defaultUserBackgroundImage);
  return {
    mixedVideoLayout: 3,
    backgroundColor: text(doc.backgroundColor) || DEFAULT_BACKGROUND,
    ...(image ? { backgroundImage: image } : {}),
    ...(userImage ? { defaultUserBackgroundImage: userImage } : {}),
    layoutConfig: toLayoutConfig(doc.tiles),
    ...(backgrounds.length ? { backgroundConfig: backgrounds } : {}),
  };
}

/** What to tell the user when an imported layout had regions past the 17th; null when none. */
export function droppedNotice(dropped: number, from?: string): string | null {
  if (dropped <= 0) return null;
  return `${from ? `${from}: ` : ""}${dropped} region(s) past the 17th were left out.`;
}

export interface DocImport {
  readonly doc: LayoutDoc;
  /** Regions past the 17th that were left out. */
  readonly dropped: number;
}

/**
 * A document from layout settings (a start's transcodingConfig, an updateLayout body, a preset).
 * A built-in mode (0, 1, 2) is redrawn as its preset for `users` (or 4) so it can be edited as custom.
 */
export function fromLayoutSettings(
  settings: Partial<LayoutSettings> | null | undefined,
  canvas: LayoutCanvas,
  users: readonly string[] = [],
): DocImport {
  const s = settings ?? {};
  const builtIn = s.layoutConfig?.length ? null : presetForMixedVideoLayout(s.mixedVideoLayout);
  const imported = builtIn
    ? {
        tiles: presetTiles(builtIn, users.length || DEFAULT_USERS, canvas, {
          uids: users,
          maxResolutionUid: s.maxResolutionUid ?? null,
        }),
        dropped: 0,
      }
    : fromLayoutConfig(s.layoutConfig, canvas);
  const images = new Map((s.backgroundConfig ?? []).map((b) => [b.uid, text(b.image_url)]));
  const tiles = imported.tiles.map((t) => {
    const image = t.uid ? images.get(t.uid) : undefined;
    return image ? { ...t, backgroundImage: image } : t;
  });
  return {
    doc: {
      canvas,
      tiles,
      backgroundColor: text(s.backgroundColor) || DEFAULT_BACKGROUND,
      backgroundImage: text(s.backgroundImage),
      defaultUserBackgroundImage: text(s.defaultUserBackgroundImage),
    },
    dropped: imported.dropped,
  };
}

/** The JSON Agora expects, as copied or exported: exactly the updateLayout body's fields. */
export function layoutFragmentJson(doc: LayoutDoc): string {
  return JSON.stringify(toLayoutSettings(doc), null, 2);
}

/**
 * A saved layout (presets store, kind "layout"): the settings Agora takes plus the canvas it was drawn
 * on, so it reopens at the same shape. Coordinates are normalized, so it fits any canvas.
 */
export function layoutPresetBody(doc: LayoutDoc): LayoutTemplate {
  return {
    canvas: { width: doc.canvas.width, height: doc.canvas.height },
    layout: toLayoutSettings(doc),
  };
}

export interface PresetImport extends DocImport {
  /** The canvas the layout was drawn on, when the body says (the Layouts view reopens at that shape). */
  readonly drawnOn: LayoutCanvas | null;
}

/**
 * A layout preset's body (or a bare exported fragment) as a document on `canvas`. Throws with a plain
 * reason when the body holds no custom layout.
 */
export function docFromPresetBody(body: unknown, canvas: LayoutCanvas): PresetImport {
  if (!isObject(body)) throw new Error("A layout must be a JSON object.");
  const layout = isObject(body.layout) ? body.layout : body;
  if (!Array.isArray(layout.layoutConfig)) {
    throw new Error("This holds no layoutConfig: it is not a custom layout (mixedVideoLayout 3).");
  }
  const size = isObject(body.canvas) ? body.canvas : null;
  const drawnOn = size ? recordingCanvas({ width: Number(size.width), height: Number(size.height) }) : null;
  return { ...fromLayoutSettings(layout as Partial<LayoutSettings>, canvas), drawnOn };
}
