import type {
  LayoutSettings,
  SessionEvent,
  SessionRow,
  StartClientRequest,
  TranscodingConfig,
} from "../../../bindings";
import { recordingCanvas, type LayoutCanvas } from "../../layout-editor/geometry";
import { layoutOf, layoutUids, subscribedUids, unique } from "../../layout-editor/recordingLayout";
import { isObject } from "../../../lib/json";

/** One updateLayout sent for a session, from its request log. */
export interface AppliedLayout {
  readonly eventId: number;
  readonly at: number;
  /** HTTP status; null when no answer came (network error, timeout). */
  readonly status: number | null;
  readonly ok: boolean;
  readonly layout: Partial<LayoutSettings>;
  readonly requestId: string | null;
  readonly error: string | null;
}

/** The start body's clientRequest as stored with the session (secrets redacted). */
export function startRequest(row: SessionRow): StartClientRequest | null {
  return row.config.kind === "recording" ? row.config.start.clientRequest : null;
}

export function startTranscodingConfig(row: SessionRow): TranscodingConfig | null {
  return startRequest(row)?.recordingConfig?.transcodingConfig ?? null;
}

/** The output canvas a mix session records (its transcodingConfig size, or Agora's default). */
export function sessionCanvas(row: SessionRow): LayoutCanvas {
  const tc = startTranscodingConfig(row);
  return recordingCanvas({ width: tc?.width ?? null, height: tc?.height ?? null });
}

/** Every updateLayout in the session's log, oldest first, retries included (each is one request). */
export function appliedLayouts(events: readonly SessionEvent[]): AppliedLayout[] {
  return events
    .filter((e) => e.op === "updateLayout")
    .map((e) => {
      const body = isObject(e.requestBody) ? e.requestBody : {};
      const request = isObject(body.clientRequest) ? body.clientRequest : body;
      return {
        eventId: e.id,
        at: e.at,
        status: e.status,
        ok: e.status !== null && e.status >= 200 && e.status < 300,
        layout: layoutOf(request),
        requestId: e.requestId,
        error: e.error,
      };
    })
    .sort((a, b) => a.at - b.at || a.eventId - b.eventId);
}

/** What the session shows now: the last accepted updateLayout, else the start's layout. */
export function currentLayout(row: SessionRow, applied: readonly AppliedLayout[]): Partial<LayoutSettings> {
  const last = [...applied].reverse().find((a) => a.ok);
  return last ? last.layout : layoutOf(startTranscodingConfig(row));
}

/** Uids the session is known to have: the subscribed ones and any a layout placed. */
export function sessionUids(row: SessionRow, applied: readonly AppliedLayout[]): string[] {
  return unique([
    ...subscribedUids(startRequest(row)),
    ...layoutUids(layoutOf(startTranscodingConfig(row))),
    ...applied.flatMap((a) => layoutUids(a.layout)),
  ]);
}

const MODE_NAMES: Record<number, string> = { 0: "floating", 1: "best fit", 2: "vertical", 3: "custom" };

/** A layout in a few words: "custom, 5 regions, #101010". */
export function describeLayout(layout: Partial<LayoutSettings>): string {
  const mode = layout.mixedVideoLayout ?? 0;
  const parts = [MODE_NAMES[mode] ?? `layout ${mode}`];
  if (mode === 3) {
    const n = layout.layoutConfig?.length ?? 0;
    parts.push(`${n} region${n === 1 ? "" : "s"}`);
  }
  parts.push(layout.backgroundColor ?? "#000000");
  if (layout.backgroundImage) parts.push("background image");
  return parts.join(", ");
}
