import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { api } from "../../lib/ipc";
import { HISTORY_KEY } from "../../lib/sessions";

/** How long sessions that are over are kept (the choices and their words come from Rust). */
export function RetentionPicker() {
  const client = useQueryClient();
  const current = useQuery({ queryKey: ["historyRetention"], queryFn: api.historyRetention });
  const choices = useQuery({
    queryKey: ["historyRetentionChoices"],
    queryFn: api.historyRetentionChoices,
    staleTime: Infinity,
  });
  const [note, setNote] = useState<string | null>(null);
  const set = useMutation({
    mutationFn: (keepDays: number | null) => api.setHistoryRetention({ keepDays }),
    onSuccess: (deleted) => {
      setNote(deleted > 0 ? `${deleted} old session${deleted === 1 ? "" : "s"} deleted.` : null);
      void client.invalidateQueries({ queryKey: ["historyRetention"] });
      void client.invalidateQueries({ queryKey: [HISTORY_KEY] });
    },
  });
  return (
    <label className="flex items-center gap-2 text-xs text-muted">
      <span title="Applied at start-up and when changed. A session that may still be running is always kept.">
        Keep
      </span>
      <select
        aria-label="History retention"
        data-testid="history-retention"
        className="rounded-md border border-line bg-panel px-2 py-0.5 text-xs text-fg"
        value={String(current.data?.keepDays ?? "")}
        disabled={!current.data || set.isPending}
        onChange={(e) => set.mutate(e.target.value ? Number(e.target.value) : null)}
      >
        {(choices.data ?? []).map((c) => (
          <option key={String(c.retention.keepDays)} value={String(c.retention.keepDays ?? "")}>
            {c.label.replace(/^Keep /, "")}
          </option>
        ))}
      </select>
      {note && <span role="status">{note}</span>}
      {set.error && <span className="text-danger">{set.error.message}</span>}
    </label>
  );
}
