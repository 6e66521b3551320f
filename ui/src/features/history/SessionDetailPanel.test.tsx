import { QueryClient, QueryClientProvider } from "@tanstack/react-query";
import { clearMocks, mockIPC } from "@tauri-apps/api/mocks";
import { cleanup, fireEvent, render, screen, waitFor } from "@testing-library/react";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { SessionDetail, SessionRow } from "../../bindings";
import { sessionRow } from "../../testing/sessions";
import { SessionDetailPanel } from "./SessionDetailPanel";

let calls: string[];
let row: SessionRow;

let earlier = 0;

function detail(r: SessionRow): SessionDetail {
  return {
    session: r,
    timeline: [
      {
        event: {
          id: 7,
          sessionId: r.id,
          at: 3_000,
          op: "query",
          method: "GET",
          url: "https://api.sd-rtn.com/v1/apps/A/cloud_recording/resourceid/R/sid/S/mode/mix/query",
          attempt: 1,
          requestBody: null,
          status: 200,
          responseBody: '{"serverResponse":{"status":5}}',
          error: null,
          elapsedMs: 40,
          requestId: "req-7",
          repeats: 12,
          lastAt: 60_000,
        },
        path: "/v1/apps/A/cloud_recording/resourceid/R/sid/S/mode/mix/query",
        host: "api.sd-rtn.com",
        agoraCode: null,
        explanation: null,
        changes: [{ path: "serverResponse.status", before: "4", after: "5" }],
      },
    ],
    layouts: [
      {
        at: 2_000,
        op: "updateLayout",
        accepted: false,
        canvas: { width: 640, height: 360 },
        background: "#101010",
        arrangement: "custom (layoutConfig), 1 region",
        tiles: [{ x: 0, y: 0, width: 0.5, height: 0.5, label: "uid 7", watermark: false }],
      },
    ],
    earlier,
    host: "api.sd-rtn.com",
    uploadingStatus: { value: "backuped", meaning: "some files went to Agora's backup" },
  };
}

beforeEach(() => {
  calls = [];
  earlier = 0;
  mockIPC((cmd, args) => {
    calls.push(cmd);
    if (cmd === "session_detail") return detail(row);
    if (cmd === "session_timeline") {
      const first = detail(row).timeline[0];
      if (!first) throw "no timeline";
      // Two older pages: one entry each (ids 5, then 3).
      const before = (args as { before: number }).before;
      const entry = { ...first, event: { ...first.event, id: before - 2, repeats: 1 } };
      return { entries: [entry], earlier: before - 2 > 3 ? 1 : 0 };
    }
    return null;
  });
});

afterEach(() => {
  cleanup();
  clearMocks();
});

function renderPanel() {
  const client = new QueryClient({ defaultOptions: { queries: { retry: false } } });
  render(
    <QueryClientProvider client={client}>
      <SessionDetailPanel id={row.id} onClose={() => undefined} onOpenView={() => undefined} />
    </QueryClientProvider>,
  );
}

describe("history session detail", () => {
  it("shows the folded poll with its count and what changed, and a refused layout", async () => {
    row = sessionRow({ state: "stopped", endedAt: 70_000 });
    renderPanel();
    await screen.findByTestId("history-detail");
    expect(screen.getByTestId("timeline-repeats").textContent).toBe("×12");
    expect(screen.getByTestId("timeline-changes").textContent).toBe("serverResponse.status: 4 → 5");
    expect(screen.getByTestId("history-layouts").textContent).toContain("not applied");
    expect(screen.getByTestId("history-uploading").textContent).toContain("backuped");
    expect(screen.getByTestId("history-host").textContent).toBe("api.sd-rtn.com");
  });

  it("asks before deleting, says Agora is not touched, and deletes only when confirmed", async () => {
    row = sessionRow({ state: "stopped", endedAt: 70_000 });
    renderPanel();
    fireEvent.click(await screen.findByTestId("history-delete"));
    expect(screen.getByTestId("history-delete-confirm").textContent).toContain("Nothing at Agora is touched");
    expect(calls).not.toContain("delete_session");
    fireEvent.click(screen.getByTestId("history-delete-yes"));
    await waitFor(() => expect(calls).toContain("delete_session"));
  });

  it("offers Stop and no Delete while the session may be running", async () => {
    row = sessionRow({ state: "started" });
    renderPanel();
    await screen.findByTestId("history-detail");
    expect((screen.getByTestId("history-delete") as HTMLButtonElement).disabled).toBe(true);
    expect(screen.getByTestId("history-stop").textContent).toContain("Stop");
    expect(screen.getByTestId("history-open-live")).toBeTruthy();
  });

  it("reads older requests a page at a time, on request", async () => {
    row = sessionRow({ state: "stopped", endedAt: 70_000 });
    earlier = 2;
    renderPanel();
    await screen.findByTestId("timeline-7");
    expect(screen.queryByTestId("timeline-5")).toBeNull();
    expect(calls).not.toContain("session_timeline");
    fireEvent.click(screen.getByTestId("timeline-earlier"));
    await screen.findByTestId("timeline-5");
    expect(screen.getByTestId("timeline-earlier").textContent).toContain("1 more");
    fireEvent.click(screen.getByTestId("timeline-earlier"));
    await screen.findByTestId("timeline-3");
    expect(screen.queryByTestId("timeline-earlier")).toBeNull();
    const ids = [...document.querySelectorAll('[data-testid^="timeline-"]')]
      .map((e) => e.getAttribute("data-testid") ?? "")
      .filter((t) => /^timeline-\d+$/.test(t));
    expect(ids).toEqual(["timeline-3", "timeline-5", "timeline-7"]);
  });
});
