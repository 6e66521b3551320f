import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { LayoutTemplate, Send } from "lucide-react";
import { useState } from "react";
import type { LayoutSettings, SessionRow } from "../../../bindings";
import { Button } from "../../../components/Button";
import { ErrorCallout } from "../../../components/ErrorCallout";
import { api } from "../../../lib/ipc";
import { useRememberSession } from "../../../lib/sessions";
import { fromLayoutSettings, type DocImport } from "../../layout-editor/document";
import { deferred } from "../../../lib/lazy";

// The editor loads when the dialog first opens.
const LayoutEditorDialog = deferred(
  () => import("../../layout-editor/LayoutEditorDialog"),
  "LayoutEditorDialog",
);
import {
  appliedLayouts,
  currentLayout,
  describeLayout,
  sessionCanvas,
  sessionUids,
  startTranscodingConfig,
} from "./sessionLayout";

interface LayoutSectionProps {
  row: SessionRow;
  running: boolean;
}

const time = (ms: number) => new Date(ms).toLocaleTimeString();

/** A mix session's layout: what it shows now, every layout applied to it, and the live editor. */
export function LayoutSection({ row, running }: LayoutSectionProps) {
  const client = useQueryClient();
  const remember = useRememberSession();
  const events = useQuery({
    queryKey: ["sessionEvents", row.id],
    queryFn: async () => (await api.sessionDetail(row.id)).timeline.map((t) => t.event),
  });
  const applied = appliedLayouts(events.data ?? []);
  // Built once when the editor opens: the document, where it came from and the uids to offer.
  const [editing, setEditing] = useState<{
    imported: DocImport;
    from: string;
    uids: readonly string[];
  } | null>(null);
  const [lastApplied, setLastApplied] = useState<{ at: number; regions: number } | null>(null);
  const apply = useMutation({
    mutationFn: (layout: LayoutSettings) => api.updateLayout(row.id, layout),
    onMutate: () => setLastApplied(null),
    onSuccess: (next, layout) => {
      remember(next);
      setLastApplied({ at: Date.now(), regions: layout.layoutConfig?.length ?? 0 });
    },
    // Each attempt is in the session's log, refused or not: show it in the list below.
    onSettled: () => client.invalidateQueries({ queryKey: ["sessionEvents", row.id] }),
  });

  const open = (layout: Partial<LayoutSettings>, from: string) => {
    apply.reset();
    setLastApplied(null);
    const uids = sessionUids(row, applied);
    setEditing({ imported: fromLayoutSettings(layout, sessionCanvas(row), uids), from, uids });
  };
  const start = startTranscodingConfig(row);

  return (
    <section
      className="flex flex-col gap-3 rounded-lg border border-line bg-panel p-4"
      data-testid="session-layout"
    >
      <div className="flex items-center justify-between gap-2">
        <div>
          <h3 className="font-medium">Layout</h3>
          <p className="text-xs text-muted" data-testid="session-layout-current">
            Now: {describeLayout(currentLayout(row, applied))}
          </p>
        </div>
        {running && (
          <Button
            data-testid="session-edit-layout"
            // Until the log is read, "current" would be the start's layout and would undo later applies.
            disabled={!events.isSuccess}
            onClick={() => open(currentLayout(row, applied), "current")}
          >
            <LayoutTemplate aria-hidden size={14} /> Edit layout…
          </Button>
        )}
      </div>
      <ol className="flex flex-col gap-1 text-xs" data-testid="layout-history">
        <li className="flex gap-3">
          <span className="w-20 shrink-0 text-muted">{row.startedAt ? time(row.startedAt) : "start"}</span>
          <span className="flex-1">At start: {describeLayout(start ?? {})}</span>
        </li>
        {applied.map((a) => (
          <li key={a.eventId} className="flex items-baseline gap-3" data-testid="layout-history-entry">
            <span className="w-20 shrink-0 text-muted">{time(a.at)}</span>
            <span className="flex-1">
              {a.ok ? "Applied" : "Refused"}: {describeLayout(a.layout)}
              <span className={a.ok ? "text-muted" : "text-danger"}>
                {" "}
                ({a.status === null ? (a.error ?? "no answer") : `HTTP ${a.status}`}
                {a.requestId ? ` · ${a.requestId}` : ""})
              </span>
            </span>
            {running && a.layout.layoutConfig && (
              <button
                type="button"
                className="text-accent hover:underline"
                onClick={() => open(a.layout, `applied at ${time(a.at)}`)}
              >
                Open
              </button>
            )}
          </li>
        ))}
      </ol>
      {editing && (
        <LayoutEditorDialog
          title={`Layout of ${row.cname} (live)`}
          subtitle={`Opened from the ${editing.from} layout · ${editing.imported.doc.canvas.width} × ${editing.imported.doc.canvas.height} output · sid ${row.sid ?? "?"}`}
          initial={editing.imported}
          knownUids={editing.uids}
          onClose={() => setEditing(null)}
          note={
            <>
              Agora replaces the whole layout on each apply: this sends the background colour, the images and
              every region, not just what changed.
            </>
          }
          actions={({ settings, errors, checking }) => (
            <>
              {lastApplied && !apply.isPending && (
                <span role="status" data-testid="layout-applied" className="text-xs text-ok">
                  Applied at {time(lastApplied.at)}: {lastApplied.regions} regions.
                </span>
              )}
              {apply.error && (
                <div className="max-w-xl">
                  <ErrorCallout
                    error={apply.error}
                    title="updateLayout was refused"
                    testId="layout-apply-error"
                  />
                </div>
              )}
              <Button onClick={() => setEditing(null)}>Close</Button>
              <Button
                variant="primary"
                data-testid="layout-apply"
                busy={apply.isPending}
                disabled={!running || checking || errors.lines.length > 0 || !settings.layoutConfig?.length}
                onClick={() => apply.mutate(settings)}
              >
                <Send aria-hidden size={14} /> Apply to session
              </Button>
            </>
          )}
        />
      )}
    </section>
  );
}
