// Sessions as the UI sees them: fetched once, then kept current by the engine's events (the
// monitor polls Agora in the backend, so the UI never polls).
import { type QueryClient, useQuery, useQueryClient } from "@tanstack/react-query";
import { useEffect } from "react";
import type { EngineEvent, Page, SessionId, SessionRow } from "../bindings";
import { api, onEngineEvent } from "./ipc";

const RECENT = ["sessions", "recent"] as const;
const RECENT_LIMIT = 100;

/** Open sessions are fetched whatever their age, up to this many (more would be a history view). */
const OPEN_LIMIT = 500;

/**
 * The most recent sessions and every one that may still be running however old (newest first),
 * live: an "Active" list must never miss a session that may be billing.
 */
export function useRecentSessions() {
  return useQuery({
    queryKey: RECENT,
    queryFn: async () => {
      const [recent, open] = await Promise.all([
        api.listSessions({ limit: RECENT_LIMIT }),
        api.listSessions({ open: true, limit: OPEN_LIMIT }),
      ]);
      return open.items.reduce((rows, row) => upsert(rows, row), recent.items);
    },
  });
}

/** Problems the monitor reported, by session (the latest one). */
export type ProblemEvent = Extract<EngineEvent, { type: "sessionProblem" }>;
const PROBLEMS = ["sessions", "problems"] as const;

export function useSessionProblem(id: SessionId): ProblemEvent | undefined {
  const q = useQuery<Record<number, ProblemEvent>>({
    queryKey: PROBLEMS,
    queryFn: () => ({}),
    staleTime: Infinity,
  });
  return q.data?.[id];
}

export function upsert(rows: readonly SessionRow[] | undefined, row: SessionRow): SessionRow[] {
  const list = rows ? [...rows] : [];
  const at = list.findIndex((r) => r.id === row.id);
  // Events and command answers can arrive in either order: the newer row wins.
  if (at >= 0) {
    if ((list[at] as SessionRow).updatedAt <= row.updatedAt) list[at] = row;
  } else list.unshift(row);
  return list.sort((a, b) => b.createdAt - a.createdAt || b.id - a.id);
}

/** The history view's pages: `[HISTORY_KEY, filter, page]`. */
export const HISTORY_KEY = "history" as const;

let historyRefresh: number | undefined;

/**
 * A changed row replaces its copy in the history pages read so far; a row no page holds (a new
 * session) has the pages read again, once for a burst of them.
 */
function putInHistory(client: QueryClient, row: SessionRow) {
  let found = false;
  client.setQueriesData<Page<SessionRow>>({ queryKey: [HISTORY_KEY] }, (page) => {
    if (!page?.items.some((r) => r.id === row.id)) return page;
    found = true;
    return { ...page, items: page.items.map((r) => (r.id === row.id ? row : r)) };
  });
  void client.invalidateQueries({ queryKey: ["sessionDetail", row.id] });
  if (!found) {
    window.clearTimeout(historyRefresh);
    historyRefresh = window.setTimeout(() => void client.invalidateQueries({ queryKey: [HISTORY_KEY] }), 300);
  }
}

/** Keeps the session caches current from engine events; mount once, at the app's root. */
export function useEngineEvents(onEvent?: (e: EngineEvent) => void) {
  const client = useQueryClient();
  useEffect(() => {
    let unlisten: (() => void) | undefined;
    let cancelled = false;
    void onEngineEvent((e) => {
      if (e.type === "sessionChanged") {
        client.setQueryData<SessionRow[]>(RECENT, (rows) => upsert(rows, e.session));
        client.setQueryData<SessionRow>(["session", e.session.id], e.session);
        putInHistory(client, e.session);
      } else {
        client.setQueryData<Record<number, ProblemEvent>>(PROBLEMS, (m) => ({
          ...(m ?? {}),
          [e.sessionId]: e,
        }));
      }
      onEvent?.(e);
    })
      .then((u) => {
        if (cancelled) u();
        else unlisten = u;
      })
      // Without events the views still show what each command answers; say why in the console.
      .catch((e: unknown) => console.warn("Mixdeck: engine events unavailable:", e));
    return () => {
      cancelled = true;
      unlisten?.();
    };
  }, [client, onEvent]);
}

/** Puts a row the UI got from a command into the caches (events may come later, or first). */
export function useRememberSession() {
  const client = useQueryClient();
  return (row: SessionRow) => {
    client.setQueryData<SessionRow[]>(RECENT, (rows) => upsert(rows, row));
    client.setQueryData<SessionRow>(["session", row.id], row);
    putInHistory(client, row);
  };
}
