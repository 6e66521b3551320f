import { useVirtualizer } from "@tanstack/react-virtual";
import { AlertTriangle } from "lucide-react";
import { useRef } from "react";
import type { SessionFilter, SessionId, SessionRow } from "../../bindings";
import { TONE } from "../../components/IdRow";
import { useNow } from "../../lib/useNow";
import { stateLabel, stateTone } from "../recording/session/sessionFacts";
import { channelLabel, formatDuration, formatWhen, sessionDuration } from "./format";
import { useHistoryPages } from "./useHistoryPages";

const ROW_HEIGHT = 36;
const FULL =
  "grid grid-cols-[6.5rem_5.5rem_minmax(8rem,1fr)_minmax(5rem,8rem)_9.5rem_8.5rem_5.5rem_3rem] items-center gap-3";
/** Beside an open detail: the channel (with kind and mode), the state and when it started. */
const COMPACT = "grid grid-cols-[minmax(0,1fr)_auto_5.5rem] items-center gap-3";

const FULL_HEADERS = [
  "Kind",
  "Mode",
  "Channel / instance",
  "Profile",
  "State",
  "Started",
  "Duration",
  "Files",
];
const COMPACT_HEADERS = ["Channel", "State", "Started"];

interface SessionTableProps {
  filter: SessionFilter;
  selected: SessionId | null;
  onSelect: (row: SessionRow) => void;
  /** Fewer columns, for when the detail takes half the view. */
  compact?: boolean;
}

function StateBadge({ row }: { row: SessionRow }) {
  const tone = stateTone(row.state);
  return (
    <span
      className={
        "inline-flex max-w-full items-center gap-1 truncate rounded px-1.5 py-0.5 text-xs " +
        TONE[tone] +
        (row.state === "unknown" ? " font-semibold ring-1 ring-warn/60" : "")
      }
      data-testid="history-state"
    >
      {row.state === "unknown" && <AlertTriangle aria-hidden size={11} className="shrink-0" />}
      {stateLabel(row.kind, row.state)}
    </span>
  );
}

function Cells({ row, now, compact }: { row: SessionRow; now: number; compact: boolean }) {
  const channel = (
    <span className="truncate font-medium" data-testid="history-channel">
      {channelLabel(row)}
    </span>
  );
  const state = (
    <span className="min-w-0">
      <StateBadge row={row} />
    </span>
  );
  const started = (
    <span className="font-mono text-xs text-muted" title={formatWhen(row.createdAt)}>
      {compact ? formatWhen(row.createdAt).slice(5) : formatWhen(row.createdAt)}
    </span>
  );
  if (compact)
    return (
      <>
        <span className="flex min-w-0 items-baseline gap-2">
          <span className="min-w-0 truncate font-medium" data-testid="history-channel">
            {channelLabel(row)}
          </span>
          <span className="shrink-0 text-xs text-muted">
            {row.kind === "recording" ? (row.mode ?? "recording") : "transcoding"}
          </span>
        </span>
        {state}
        {started}
      </>
    );
  const ran = sessionDuration(row, now);
  return (
    <>
      <span className="truncate">{row.kind === "recording" ? "Recording" : "Transcoding"}</span>
      <span className="truncate text-muted">{row.mode ?? "–"}</span>
      {channel}
      <span className="truncate text-muted">{row.profileName}</span>
      {state}
      {started}
      <span className="text-xs text-muted">{ran === null ? "–" : formatDuration(ran)}</span>
      <span className="text-right text-xs text-muted">
        {row.kind === "recording" ? row.files.length : "–"}
      </span>
    </>
  );
}

/** Every session the filter matches, newest first, in a virtualized list that reads pages as it scrolls. */
export function SessionTable({ filter, selected, onSelect, compact = false }: SessionTableProps) {
  const scroller = useRef<HTMLDivElement>(null);
  const now = useNow();
  const probe = useHistoryPages(filter, 0, 0);
  // The virtualizer re-renders this component itself on scroll: nothing here needs memoizing.
  // eslint-disable-next-line react-hooks/incompatible-library
  const virtualizer = useVirtualizer({
    count: probe.total,
    getScrollElement: () => scroller.current,
    estimateSize: () => ROW_HEIGHT,
    overscan: 12,
  });
  const items = virtualizer.getVirtualItems();
  const pages = useHistoryPages(
    filter,
    items[0]?.index ?? 0,
    items[items.length - 1]?.index ?? 0,
    virtualizer.isScrolling,
  );
  const columns = compact ? COMPACT : FULL;
  return (
    <div
      className="flex min-h-0 min-w-0 flex-1 flex-col rounded-lg border border-line bg-panel"
      data-testid="history-table"
    >
      <div role="row" className={`${columns} border-b border-line px-3 py-2 text-xs font-medium text-muted`}>
        {(compact ? COMPACT_HEADERS : FULL_HEADERS).map((h) => (
          <span key={h} role="columnheader" className={h === "Files" ? "text-right" : undefined}>
            {h}
          </span>
        ))}
      </div>
      <div ref={scroller} className="min-h-0 flex-1 overflow-auto" data-testid="history-scroller">
        <div role="rowgroup" style={{ height: virtualizer.getTotalSize(), position: "relative" }}>
          {items.map((v) => {
            const row = pages.rowAt(v.index);
            return (
              <div
                key={v.key}
                role="row"
                aria-selected={row !== undefined && row.id === selected}
                data-index={v.index}
                data-testid={row ? `history-row-${row.id}` : "history-row-loading"}
                className={
                  `${columns} absolute inset-x-0 cursor-pointer border-b border-line/50 px-3 text-[13px] ` +
                  "hover:bg-canvas aria-selected:bg-accent-soft"
                }
                style={{ height: ROW_HEIGHT, transform: `translateY(${v.start}px)` }}
                tabIndex={row ? 0 : -1}
                onClick={() => row && onSelect(row)}
                onKeyDown={(e) => {
                  if (row && (e.key === "Enter" || e.key === " ")) {
                    e.preventDefault();
                    onSelect(row);
                  }
                }}
              >
                {row ? (
                  <Cells row={row} now={now} compact={compact} />
                ) : (
                  <span className="col-span-full h-3 w-1/3 rounded bg-canvas" />
                )}
              </div>
            );
          })}
        </div>
      </div>
    </div>
  );
}
