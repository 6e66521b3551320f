import type { SessionRow, TrackEvent } from "../../bindings";
import { formatClock } from "../history/format";

/** Events grouped by user (a composite playlist has none), in order of first appearance. */
export function byUser(events: TrackEvent[]): { who: string; events: TrackEvent[] }[] {
  const groups: { who: string; events: TrackEvent[] }[] = [];
  for (const e of events) {
    const who = e.uid ? `uid ${e.uid}` : "composite";
    const g = groups.find((x) => x.who === who);
    if (g) g.events.push(e);
    else groups.push({ who, events: [e] });
  }
  return groups;
}

/**
 * Who was recorded when: one lane per user, a mark wherever a playlist's
 * `#EXT-X-AGORA-TRACK-EVENT` says a track started (a user joining or rejoining).
 */
export function TrackTimeline({ row, events }: { row: SessionRow; events: TrackEvent[] }) {
  if (events.length === 0) return null;
  const times = events.map((e) => e.timeMs);
  const start = Math.min(row.startedAt ?? Infinity, ...times);
  const end = Math.max(row.endedAt ?? 0, ...times) || start + 1;
  const span = Math.max(1, end - start);
  return (
    <div className="flex flex-col gap-1 text-xs" data-testid="track-timeline">
      <p className="text-muted">
        Tracks recorded, {formatClock(start)} to {formatClock(end)}
      </p>
      {byUser(events).map((g) => (
        <div key={g.who} className="flex items-center gap-2" data-testid="track-lane">
          <span className="w-24 shrink-0 truncate text-muted">{g.who}</span>
          <div className="relative h-3 flex-1 rounded bg-canvas">
            {g.events.map((e, i) => (
              <span
                key={i}
                title={`${e.trackType.toLowerCase()} ${e.event.toLowerCase()} at ${formatClock(e.timeMs)}`}
                className={
                  "absolute top-0 h-3 w-1 rounded-sm " + (e.trackType === "AUDIO" ? "bg-accent" : "bg-ok")
                }
                style={{ left: `${((e.timeMs - start) / span) * 100}%` }}
              />
            ))}
          </div>
        </div>
      ))}
      <p className="text-[11px] text-muted">
        <span className="text-accent">■</span> audio · <span className="text-ok">■</span> video
      </p>
    </div>
  );
}
