// How the history words times, durations and changes.
import type { JsonChange, SessionRow } from "../../bindings";

const pad = (n: number) => String(n).padStart(2, "0");

/** `2026-12-03 14:05` in local time. */
export function formatWhen(ms: number): string {
  const d = new Date(ms);
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())} ${pad(d.getHours())}:${pad(d.getMinutes())}`;
}

/** `14:05:09.120` in local time, for a timeline. */
export function formatClock(ms: number): string {
  const d = new Date(ms);
  return `${pad(d.getHours())}:${pad(d.getMinutes())}:${pad(d.getSeconds())}.${String(d.getMilliseconds()).padStart(3, "0")}`;
}

/** `45 s`, `12 min`, `2 h 05 min`, `3 d 4 h`. */
export function formatDuration(ms: number): string {
  const s = Math.max(0, Math.round(ms / 1000));
  if (s < 60) return `${s} s`;
  const min = Math.floor(s / 60);
  if (min < 60) return `${min} min`;
  const h = Math.floor(min / 60);
  if (h < 48) return `${h} h ${pad(min % 60)} min`;
  return `${Math.floor(h / 24)} d ${h % 24} h`;
}

/** How long a session ran: until it ended, or until now while it may be running; null before it started. */
export function sessionDuration(row: SessionRow, now: number): number | null {
  const from = row.startedAt;
  if (from === null) return null;
  if (row.endedAt !== null) return row.endedAt - from;
  return row.isOpen ? now - from : null;
}

/** One change between two answers: `serverResponse.status: 4 → 5`. */
export function formatChange(c: JsonChange): string {
  if (c.before === null) return `${c.path}: added ${c.after ?? ""}`;
  if (c.after === null) return `${c.path}: removed (was ${c.before})`;
  return `${c.path}: ${c.before} → ${c.after}`;
}

/** What a channel cell shows: the channel, or a transcoding task's instance id. */
export function channelLabel(row: SessionRow): string {
  return row.cname || (row.kind === "transcoding" ? "(no instance id)" : "(no channel)");
}

/** `JSON text` pretty-printed, or as it came when it is not JSON. */
export function prettyJson(text: string): string {
  try {
    return JSON.stringify(JSON.parse(text), null, 2);
  } catch {
    return text;
  }
}
