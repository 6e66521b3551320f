import { Download, Search, X } from "lucide-react";
import { useEffect, useState } from "react";
import { RECORDING_MODES, SESSION_KINDS, SESSION_STATES } from "../../bindings";
import { Button } from "../../components/Button";
import { useProfiles } from "../../lib/queries";
import { STATE_LABEL } from "../recording/session/sessionFacts";
import { EMPTY_ROUTE, type HistoryRoute, type StateFilter, isFiltered } from "./route";

const KIND_LABEL = { recording: "Recording", transcoding: "Transcoding" } as const;

interface HistoryFiltersProps {
  route: HistoryRoute;
  onChange: (change: Partial<HistoryRoute>) => void;
  onExport: () => void;
  exporting: boolean;
  /** Shown at the end of the second row (the count, the retention). */
  children?: React.ReactNode;
}

const selectClass = "rounded-md border border-line bg-panel px-2 py-1 text-[13px]";

/** The history's filters; each change goes to the route at once (the search box after a pause). */
export function HistoryFilters({ route, onChange, onExport, exporting, children }: HistoryFiltersProps) {
  const profiles = useProfiles();
  const [text, setText] = useState(route.text);
  // The route may change from elsewhere (Clear, back): the box follows it.
  const [seen, setSeen] = useState(route.text);
  if (route.text !== seen) {
    setSeen(route.text);
    setText(route.text);
  }
  useEffect(() => {
    if (text === route.text) return;
    const t = window.setTimeout(() => onChange({ text, session: null }), 150);
    return () => window.clearTimeout(t);
  }, [text, route.text, onChange]);

  return (
    <div className="flex flex-col gap-2" data-testid="history-filters">
      <div className="flex flex-wrap items-center gap-2">
        <label className="relative flex min-w-56 flex-1 items-center">
          <Search aria-hidden size={14} className="absolute left-2 text-muted" />
          <input
            type="search"
            aria-label="Search channel, instance id, uid, resourceId, sid or taskId"
            placeholder="Channel, instance id, uid, resourceId, sid, taskId"
            data-testid="history-search"
            className="w-full rounded-md border border-line bg-panel py-1 pr-2 pl-7 text-[13px]"
            value={text}
            onChange={(e) => setText(e.target.value)}
          />
        </label>
        <select
          aria-label="Kind"
          data-testid="history-kind"
          className={selectClass}
          value={route.mode ? "recording" : (route.kind ?? "")}
          onChange={(e) => {
            const kind = (e.target.value || null) as HistoryRoute["kind"];
            onChange({ kind, mode: kind === "recording" ? route.mode : null, session: null });
          }}
        >
          <option value="">All kinds</option>
          {SESSION_KINDS.map((k) => (
            <option key={k} value={k}>
              {KIND_LABEL[k]}
            </option>
          ))}
        </select>
        <select
          aria-label="Mode"
          data-testid="history-mode"
          className={selectClass}
          value={route.mode ?? ""}
          disabled={route.kind === "transcoding"}
          onChange={(e) =>
            onChange({ mode: (e.target.value || null) as HistoryRoute["mode"], session: null })
          }
        >
          <option value="">All modes</option>
          {RECORDING_MODES.map((m) => (
            <option key={m} value={m}>
              {m}
            </option>
          ))}
        </select>
        <select
          aria-label="State"
          data-testid="history-state-filter"
          className={selectClass}
          value={route.state ?? ""}
          onChange={(e) => onChange({ state: (e.target.value || null) as StateFilter | null, session: null })}
        >
          <option value="">All states</option>
          <option value="open">May still be running</option>
          {SESSION_STATES.map((s) => (
            <option key={s} value={s}>
              {STATE_LABEL[s].replace(/…$/, "")}
            </option>
          ))}
        </select>
        <select
          aria-label="Profile"
          data-testid="history-profile"
          className={selectClass}
          value={route.profile ?? ""}
          onChange={(e) =>
            onChange({ profile: e.target.value ? Number(e.target.value) : null, session: null })
          }
        >
          <option value="">All profiles</option>
          {(profiles.data ?? []).map((p) => (
            <option key={p.id} value={p.id}>
              {p.name}
            </option>
          ))}
        </select>
      </div>
      <div className="flex flex-wrap items-center gap-2">
        <label className="flex items-center gap-1 text-xs text-muted">
          From
          <input
            type="date"
            aria-label="From day"
            data-testid="history-from"
            className={selectClass}
            value={route.from ?? ""}
            max={route.to ?? undefined}
            onChange={(e) => onChange({ from: e.target.value || null, session: null })}
          />
        </label>
        <label className="flex items-center gap-1 text-xs text-muted">
          to
          <input
            type="date"
            aria-label="To day"
            data-testid="history-to"
            className={selectClass}
            value={route.to ?? ""}
            min={route.from ?? undefined}
            onChange={(e) => onChange({ to: e.target.value || null, session: null })}
          />
        </label>
        {isFiltered(route) && (
          <Button variant="ghost" data-testid="history-clear" onClick={() => onChange({ ...EMPTY_ROUTE })}>
            <X aria-hidden size={14} /> Clear
          </Button>
        )}
        <div className="ml-auto flex items-center gap-3">
          {children}
          <Button variant="secondary" busy={exporting} data-testid="history-export-list" onClick={onExport}>
            <Download aria-hidden size={14} /> Export list…
          </Button>
        </div>
      </div>
    </div>
  );
}
