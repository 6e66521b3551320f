import { QueryClient, QueryClientProvider } from "@tanstack/react-query";
import { clearMocks, mockIPC } from "@tauri-apps/api/mocks";
import { renderHook, waitFor } from "@testing-library/react";
import { createElement } from "react";
import { describe, expect, it } from "vitest";
import type { SessionRow } from "../bindings";
import { upsert, useRecentSessions } from "./sessions";

const r = (id: number, createdAt: number, state: SessionRow["state"] = "started", updatedAt = createdAt) =>
  ({ id, createdAt, state, updatedAt }) as SessionRow;

describe("session cache", () => {
  it("replaces a known row and adds a new one, newest first", () => {
    const rows = [r(2, 20), r(1, 10)];
    expect(upsert(rows, r(1, 10, "stopped", 11)).map((x) => [x.id, x.state])).toEqual([
      [2, "started"],
      [1, "stopped"],
    ]);
    expect(upsert(rows, r(3, 30)).map((x) => x.id)).toEqual([3, 2, 1]);
    expect(upsert(undefined, r(1, 1)).map((x) => x.id)).toEqual([1]);
    expect(upsert([r(1, 10, "stopped", 50)], r(1, 10, "started", 40))[0]?.state).toBe("stopped");
  });
});

describe("the recent sessions", () => {
  it("include every open session, however old, beside the newest page", async () => {
    const filters: unknown[] = [];
    mockIPC((cmd, args) => {
      if (cmd !== "list_sessions") return null;
      const filter = (args as { filter: { open?: boolean } }).filter;
      filters.push(filter);
      return filter.open
        ? { items: [r(1, 5, "unknown")], total: 1 }
        : { items: [r(9, 90), r(8, 80)], total: 900 };
    });
    const client = new QueryClient();
    const { result } = renderHook(() => useRecentSessions(), {
      wrapper: ({ children }) => createElement(QueryClientProvider, { client }, children),
    });
    await waitFor(() => expect(result.current.data?.map((x) => x.id)).toEqual([9, 8, 1]));
    expect(filters).toContainEqual({ open: true, limit: 500 });
    clearMocks();
  });
});
