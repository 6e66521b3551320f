import { keepPreviousData, useQueries } from "@tanstack/react-query";
import { useMemo } from "react";
import type { Page, SessionFilter, SessionRow } from "../../bindings";
import { api } from "../../lib/ipc";
import { HISTORY_KEY } from "../../lib/sessions";

/** Rows are read this many at a time, through the core's indexed queries (never all at once). */
export const HISTORY_PAGE = 100;

/**
 * The pages of `filter` that cover rows `first`…`last` (what the list shows), and the total.
 * A row of a page not read yet is `undefined`. While `paused` (a fast scroll), pages not read yet
 * wait: reading and drawing pages the list only flies past would cost frames.
 */
export function useHistoryPages(filter: SessionFilter, first: number, last: number, paused = false) {
  const key = JSON.stringify(filter);
  const pages = useMemo(() => {
    const from = Math.floor(Math.max(0, first) / HISTORY_PAGE);
    const to = Math.max(from, Math.floor(Math.max(0, last) / HISTORY_PAGE));
    return Array.from({ length: to - from + 1 }, (_, i) => from + i);
  }, [first, last]);
  const results = useQueries({
    queries: pages.map((p) => ({
      queryKey: [HISTORY_KEY, key, p],
      queryFn: (): Promise<Page<SessionRow>> =>
        api.listSessions({ ...filter, limit: HISTORY_PAGE, offset: p * HISTORY_PAGE }),
      // The total stays on screen while a new filter's first page is read.
      placeholderData: p === pages[0] ? keepPreviousData : undefined,
      staleTime: 10_000,
      enabled: !paused,
    })),
  });
  const loaded = results.find((r) => r.data)?.data;
  const rowAt = (i: number): SessionRow | undefined => {
    const at = pages.indexOf(Math.floor(i / HISTORY_PAGE));
    return at < 0 ? undefined : results[at]?.data?.items[i % HISTORY_PAGE];
  };
  return {
    total: loaded?.total ?? 0,
    rowAt,
    isLoading: results.every((r) => r.isPending),
    error: results.find((r) => r.error)?.error ?? null,
  };
}
