import { useMutation } from "@tanstack/react-query";
import { History } from "lucide-react";
import { useMemo, useState } from "react";
import { EmptyState } from "../../components/EmptyState";
import { ErrorCallout } from "../../components/ErrorCallout";
import { ViewFrame } from "../../components/ViewFrame";
import { goToView } from "../../app/useView";
import { api, pickSaveFile, writeTextFile } from "../../lib/ipc";
import { HistoryFilters } from "./HistoryFilters";
import { RetentionPicker } from "./RetentionPicker";
import { SessionDetailPanel } from "./SessionDetailPanel";
import { SessionTable } from "./SessionTable";
import { isFiltered, toFilter } from "./route";
import { useHistoryPages } from "./useHistoryPages";
import { useHistoryRoute } from "./useHistoryRoute";

export function HistoryView() {
  const [route, setRoute] = useHistoryRoute();
  const filter = useMemo(() => toFilter(route), [route]);
  const count = useHistoryPages(filter, 0, 0);
  const [note, setNote] = useState<string | null>(null);
  const exportList = useMutation({
    mutationFn: async () => {
      const path = await pickSaveFile("mixdeck-history.json");
      if (!path) return null;
      await writeTextFile(path, await api.exportHistory({ kind: "filter", filter }));
      return path;
    },
    onSuccess: (path) => setNote(path ? `Exported ${count.total} sessions to ${path}.` : null),
  });
  const nothingYet = !count.isLoading && count.total === 0 && !isFiltered(route);

  return (
    <ViewFrame id="history" title="History" subtitle="Everything that ran, with its settings and files." fill>
      <div className="flex h-full min-h-0 flex-col gap-3 pt-4">
        <HistoryFilters
          route={route}
          onChange={setRoute}
          onExport={() => exportList.mutate()}
          exporting={exportList.isPending}
        >
          <span className="text-xs text-muted" data-testid="history-count" aria-live="polite">
            {count.isLoading
              ? "Reading…"
              : `${count.total.toLocaleString()} session${count.total === 1 ? "" : "s"}`}
          </span>
          <RetentionPicker />
        </HistoryFilters>
        {note && (
          <p role="status" className="text-xs text-muted" data-testid="history-export-note">
            {note}
          </p>
        )}
        {count.error && <ErrorCallout error={count.error} title="The history could not be read" />}
        {exportList.error && <ErrorCallout error={exportList.error} title="The export failed" />}
        {nothingYet ? (
          <div className="min-h-0 flex-1 overflow-auto">
            <EmptyState
              icon={History}
              title="Nothing has run yet"
              summary="Every recording and transcoding task Mixdeck starts is kept here, even if the app quits mid-session."
              points={[
                "Find a session by channel, id, profile, mode, state or date.",
                "See the settings it used, every request and response (secrets redacted) and the files it produced.",
                "Export a session, or start again from its settings.",
              ]}
            />
          </div>
        ) : (
          <div className="flex min-h-0 flex-1 gap-4">
            {count.total === 0 && !count.isLoading ? (
              <p className="flex-1 pt-6 text-center text-muted" data-testid="history-no-match">
                No session matches these filters.
              </p>
            ) : (
              <SessionTable
                filter={filter}
                selected={route.session}
                compact={route.session !== null}
                onSelect={(row) => setRoute({ session: row.id })}
              />
            )}
            {route.session !== null && (
              <aside
                className="w-[36rem] max-w-[60%] shrink-0 overflow-auto pb-4"
                aria-label="Session detail"
              >
                <SessionDetailPanel
                  key={route.session}
                  id={route.session}
                  onClose={() => setRoute({ session: null })}
                  onOpenView={goToView}
                />
              </aside>
            )}
          </div>
        )}
      </div>
    </ViewFrame>
  );
}
