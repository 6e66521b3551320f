import { LAYOUT_KEYS as KEYS, type LayoutSettings } from "../../bindings";
import { isObject } from "../../lib/json";

/**
 * The fields of `transcodingConfig` that make up its layout (all of the updateLayout body), from
 * Rust; the annotation makes TypeScript check each one is a field of LayoutSettings.
 */
const LAYOUT_KEYS: readonly (keyof LayoutSettings)[] = KEYS;

/** The layout half of a `transcodingConfig` (or of an updateLayout body). */
export function layoutOf(config: unknown): Partial<LayoutSettings> {
  if (!isObject(config)) return {};
  return Object.fromEntries(
    LAYOUT_KEYS.filter((k) => config[k] !== undefined && config[k] !== null).map((k) => [k, config[k]]),
  ) as Partial<LayoutSettings>;
}

/**
 * `transcodingConfig` with its layout replaced by `layout`: every old layout field goes (a stale
 * maxResolutionUid or backgroundConfig would otherwise linger), the rest (size, bitrate, ...) stays.
 */
export function withLayout<T extends object>(config: T | null | undefined, layout: LayoutSettings): T {
  const rest = Object.fromEntries(
    Object.entries(config ?? {}).filter(([k]) => !LAYOUT_KEYS.includes(k as keyof LayoutSettings)),
  );
  return { ...rest, ...layout } as T;
}

/** Uids a start body names: the subscribed video uids (not `#allstream#`), in order, without repeats. */
export function subscribedUids(clientRequest: unknown): string[] {
  const rc = isObject(clientRequest) ? clientRequest.recordingConfig : undefined;
  const list = isObject(rc) && Array.isArray(rc.subscribeVideoUids) ? rc.subscribeVideoUids : [];
  return unique(list.filter((u): u is string => typeof u === "string" && u !== "#allstream#"));
}

/** Uids a layout places (regions, then per-uid backgrounds, then the big window). */
export function layoutUids(layout: Partial<LayoutSettings>): string[] {
  return unique([
    ...(layout.layoutConfig ?? []).map((r) => r.uid),
    ...(layout.backgroundConfig ?? []).map((b) => b.uid),
    layout.maxResolutionUid,
  ]);
}

export function unique(values: readonly (string | null | undefined)[]): string[] {
  return [...new Set(values.filter((v): v is string => typeof v === "string" && v.trim() !== ""))];
}
