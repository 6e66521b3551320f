import { Plus } from "lucide-react";
import type { SessionId, SessionKind, SessionRow } from "../bindings";
import { useNow } from "../lib/useNow";
import { formatElapsed, stateLabel, stateTone } from "../features/recording/session/sessionFacts";

interface SessionListProps {
  kind: SessionKind;
  sessions: readonly SessionRow[];
  selected: SessionId | null;
  onSelect: (id: SessionId | null) => void;
}

/** What each kind calls itself in the list. */
const WORDS: Record<SessionKind, { list: string; add: string; idle: string; newId: string; ids: string }> = {
  recording: {
    list: "Recordings",
    add: "New recording",
    idle: "Nothing is recording.",
    newId: "new-recording",
    ids: "sessions",
  },
  transcoding: {
    list: "Transcoding tasks",
    add: "New task",
    idle: "No task is running.",
    newId: "new-task",
    ids: "tasks",
  },
};

const DOT: Record<string, string> = {
  ok: "bg-ok",
  accent: "bg-accent",
  danger: "bg-danger",
  warn: "bg-warn",
  muted: "bg-muted/50",
};

function Item({
  row,
  selected,
  onSelect,
  now,
}: {
  row: SessionRow;
  selected: boolean;
  onSelect: () => void;
  now: number;
}) {
  return (
    <li>
      <button
        type="button"
        aria-current={selected || undefined}
        data-testid={`session-item-${row.id}`}
        className="flex w-full flex-col rounded-md px-2.5 py-1.5 text-left hover:bg-canvas aria-[current=true]:bg-accent-soft"
        onClick={onSelect}
      >
        <span className="flex items-center gap-2">
          <span aria-hidden className={`size-2 shrink-0 rounded-full ${DOT[stateTone(row.state)]}`} />
          <span className="truncate font-medium">{row.cname || "(no channel)"}</span>
          {row.mode && <span className="ml-auto text-xs text-muted">{row.mode}</span>}
        </span>
        <span className="pl-4 text-xs text-muted">
          {stateLabel(row.kind, row.state)}
          {row.startedAt && row.isOpen ? ` · ${formatElapsed(now - row.startedAt)}` : ""}
        </span>
      </button>
    </li>
  );
}

interface GroupProps {
  title: string;
  testId: string;
  rows: readonly SessionRow[];
  empty?: string;
  now: number;
  selected: SessionId | null;
  onSelect: (id: SessionId) => void;
}

function Group({ title, testId, rows, empty, now, selected, onSelect }: GroupProps) {
  return (
    <div>
      <h2 className="px-2.5 pb-1 text-xs font-semibold tracking-wide text-muted uppercase">{title}</h2>
      {rows.length === 0 ? (
        <p className="px-2.5 text-xs text-muted">{empty}</p>
      ) : (
        <ul data-testid={testId}>
          {rows.map((r) => (
            <Item key={r.id} row={r} now={now} selected={selected === r.id} onSelect={() => onSelect(r.id)} />
          ))}
        </ul>
      )}
    </div>
  );
}

/** The compact list of running sessions of a kind (and the last few that ended), and "New …". */
export function SessionList({ kind, sessions, selected, onSelect }: SessionListProps) {
  const now = useNow();
  const words = WORDS[kind];
  const mine = sessions.filter((s) => s.kind === kind);
  const active = mine.filter((s) => s.isOpen);
  const recent = mine.filter((s) => !s.isOpen).slice(0, 8);
  const shared = { now, selected, onSelect };
  return (
    <nav aria-label={words.list} className="flex flex-col gap-3" data-testid={`session-list-${kind}`}>
      <button
        type="button"
        aria-current={selected === null || undefined}
        data-testid={words.newId}
        className="flex items-center gap-2 rounded-md border border-line bg-panel px-2.5 py-1.5 font-medium hover:border-accent aria-[current=true]:border-accent"
        onClick={() => onSelect(null)}
      >
        <Plus aria-hidden size={14} /> {words.add}
      </button>
      <Group
        title={`Active (${active.length})`}
        testId={`active-${words.ids}`}
        rows={active}
        empty={words.idle}
        {...shared}
      />
      {recent.length > 0 && <Group title="Recent" testId={`recent-${words.ids}`} rows={recent} {...shared} />}
    </nav>
  );
}
