import { ChevronRight, Repeat } from "lucide-react";
import { useState } from "react";
import type { SessionId, TimelineEntry } from "../../bindings";
import { Button } from "../../components/Button";
import { api } from "../../lib/ipc";
import { formatChange, formatClock, prettyJson } from "./format";

function statusTone(e: TimelineEntry): string {
  const s = e.event.status;
  if (s === null) return "text-warn";
  if (s >= 400 || e.agoraCode !== null) return "text-danger";
  return "text-ok";
}

function Row({ entry }: { entry: TimelineEntry }) {
  const [open, setOpen] = useState(false);
  const e = entry.event;
  return (
    <li className="border-b border-line/60 last:border-0" data-testid={`timeline-${e.id}`}>
      <button
        type="button"
        aria-expanded={open}
        className="flex w-full items-baseline gap-2 px-1 py-1.5 text-left text-xs hover:bg-canvas"
        onClick={() => setOpen((o) => !o)}
      >
        <ChevronRight
          aria-hidden
          size={12}
          className={"shrink-0 transition-transform " + (open ? "rotate-90" : "")}
        />
        <span className="w-24 shrink-0 font-mono text-muted">{formatClock(e.at)}</span>
        <span className="w-28 shrink-0 font-medium" data-testid="timeline-op">
          {e.op}
        </span>
        <span className="w-12 shrink-0 font-mono text-muted">{e.method ?? ""}</span>
        <span className={"w-16 shrink-0 font-mono " + statusTone(entry)} data-testid="timeline-status">
          {e.status ?? "no answer"}
          {entry.agoraCode !== null ? ` · ${entry.agoraCode}` : ""}
        </span>
        <span className="w-14 shrink-0 text-right font-mono text-muted">
          {e.elapsedMs !== null ? `${e.elapsedMs} ms` : ""}
        </span>
        {e.repeats > 1 && (
          <span
            className="inline-flex shrink-0 items-center gap-1 rounded bg-canvas px-1.5 text-muted"
            data-testid="timeline-repeats"
            title={e.lastAt !== null ? `last at ${formatClock(e.lastAt)}` : undefined}
          >
            <Repeat aria-hidden size={10} />×{e.repeats}
          </span>
        )}
        {entry.changes.length > 0 && (
          <span className="truncate text-accent" data-testid="timeline-changed">
            {entry.changes.length} change{entry.changes.length === 1 ? "" : "s"}
          </span>
        )}
      </button>
      {entry.changes.length > 0 && (
        <ul className="mb-1 ml-8 flex flex-col gap-0.5 text-xs" data-testid="timeline-changes">
          {entry.changes.slice(0, open ? undefined : 3).map((c) => (
            <li key={c.path} className="font-mono break-all text-muted">
              {formatChange(c)}
            </li>
          ))}
          {!open && entry.changes.length > 3 && (
            <li className="text-muted">…{entry.changes.length - 3} more</li>
          )}
        </ul>
      )}
      {open && (
        <div className="mb-2 ml-8 flex flex-col gap-2 text-xs" data-testid="timeline-body">
          <p className="font-mono break-all text-muted">
            {entry.host ?? ""}
            {entry.path ?? e.url ?? ""}
          </p>
          {e.requestId && (
            <p>
              <span className="text-muted">Request id </span>
              <code className="font-mono select-text">{e.requestId}</code>
            </p>
          )}
          {e.repeats > 1 && e.lastAt !== null && (
            <p className="text-muted">
              The same answer came {e.repeats} times, until {formatClock(e.lastAt)}.
            </p>
          )}
          {entry.explanation && (
            <p className="rounded bg-danger/10 px-2 py-1">
              {entry.explanation.cause} {entry.explanation.fix}
            </p>
          )}
          {e.error && <p className="text-danger">{e.error}</p>}
          {e.requestBody !== null && (
            <details>
              <summary className="cursor-pointer text-muted">Request body</summary>
              <pre className="mt-1 max-h-64 overflow-auto rounded bg-canvas p-2 font-mono select-text">
                {JSON.stringify(e.requestBody, null, 2)}
              </pre>
            </details>
          )}
          {e.responseBody !== null && (
            <details open>
              <summary className="cursor-pointer text-muted">Response</summary>
              <pre className="mt-1 max-h-64 overflow-auto rounded bg-canvas p-2 font-mono select-text">
                {prettyJson(e.responseBody)}
              </pre>
            </details>
          )}
        </div>
      )}
    </li>
  );
}

/** Every request and answer of a session, oldest first (secrets redacted by the core). */
export function Timeline({ entries }: { entries: readonly TimelineEntry[] }) {
  if (entries.length === 0) return <p className="text-xs text-muted">No request was sent.</p>;
  return (
    <ol className="flex flex-col" data-testid="session-timeline">
      {entries.map((t) => (
        <Row key={t.event.id} entry={t} />
      ))}
    </ol>
  );
}

/**
 * A session's timeline as the detail has it (its newest requests), with the older ones read a
 * page at a time on request: a task polled for a day has thousands.
 */
export function PagedTimeline({
  id,
  newest,
  earlier,
}: {
  id: SessionId;
  newest: TimelineEntry[];
  earlier: number;
}) {
  const [older, setOlder] = useState<{ entries: TimelineEntry[]; earlier: number } | null>(null);
  const [loading, setLoading] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const entries = [...(older?.entries ?? []), ...newest];
  const left = older ? older.earlier : earlier;
  const loadEarlier = async () => {
    const first = entries[0]?.event.id;
    if (first === undefined) return;
    setLoading(true);
    setError(null);
    try {
      const page = await api.sessionTimeline(id, first);
      setOlder((o) => ({ entries: [...page.entries, ...(o?.entries ?? [])], earlier: page.earlier }));
    } catch (e) {
      setError(e instanceof Error ? e.message : String(e));
    } finally {
      setLoading(false);
    }
  };
  return (
    <>
      {left > 0 && (
        <div className="mb-2 flex items-center gap-2 text-xs">
          <Button data-testid="timeline-earlier" busy={loading} onClick={() => void loadEarlier()}>
            Show earlier requests ({left} more)
          </Button>
          {error && <span className="text-danger">{error}</span>}
        </div>
      )}
      <Timeline entries={entries} />
    </>
  );
}
