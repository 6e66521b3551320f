// The file format for sharing presets of every kind (start forms, layouts, transcoder configs).
import { PRESET_FILE_FORMAT, PRESET_FILE_VERSION, type PresetKind, type Value } from "../bindings";
import { isObject } from "./json";

// The format is defined in Rust (mixdeck-core `preset_file`, also the CLI's `preset import/export`).
export { PRESET_FILE_FORMAT, PRESET_FILE_VERSION };

export interface PresetEntry {
  kind: PresetKind;
  name: string;
  body: Value;
}

/** A preset file's text: one or more presets, pretty-printed. */
export function presetFileText(entries: readonly PresetEntry[]): string {
  return (
    JSON.stringify(
      {
        format: PRESET_FILE_FORMAT,
        version: PRESET_FILE_VERSION,
        presets: entries.map(({ kind, name, body }) => ({ kind, name, body })),
      },
      null,
      2,
    ) + "\n"
  );
}

const KINDS: readonly PresetKind[] = ["recordingStart", "layout", "transcodingCreate"];

/** The presets in a file's text, or what is wrong with it (naming the entry). */
export function parsePresetFile(text: string): { presets: PresetEntry[] } | { error: string } {
  let doc: unknown;
  try {
    doc = JSON.parse(text);
  } catch (e) {
    return { error: `not JSON: ${e instanceof Error ? e.message : String(e)}` };
  }
  if (!isObject(doc) || doc.format !== PRESET_FILE_FORMAT) {
    return { error: `not a Mixdeck preset file ("format" must be "${PRESET_FILE_FORMAT}")` };
  }
  if (doc.version !== PRESET_FILE_VERSION) {
    return {
      error: `version ${JSON.stringify(doc.version)} is not supported (this app reads version ${PRESET_FILE_VERSION})`,
    };
  }
  if (!Array.isArray(doc.presets) || doc.presets.length === 0) return { error: "the file has no presets" };
  const presets: PresetEntry[] = [];
  for (const [i, p] of doc.presets.entries()) {
    if (!isObject(p)) return { error: `presets.${i}: must be an object` };
    if (typeof p.kind !== "string" || !KINDS.includes(p.kind as PresetKind)) {
      return { error: `presets.${i}.kind: must be one of ${KINDS.join(", ")}` };
    }
    if (typeof p.name !== "string" || p.name.trim() === "")
      return { error: `presets.${i}.name: must not be empty` };
    if (!isObject(p.body)) return { error: `presets.${i}.body: must be an object` };
    presets.push({ kind: p.kind as PresetKind, name: p.name.trim(), body: p.body as Value });
  }
  return { presets };
}
