import { QueryClient, QueryClientProvider } from "@tanstack/react-query";
import { clearMocks, mockIPC } from "@tauri-apps/api/mocks";
import { cleanup, fireEvent, render, screen, waitFor } from "@testing-library/react";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { LayoutSettings, SessionEvent, Value } from "../../../bindings";
import { sessionRow } from "../../../testing/sessions";
import { LayoutSection } from "./LayoutSection";

const row = sessionRow({
  config: {
    kind: "recording",
    acquire: { cname: "room", uid: "9", clientRequest: {} },
    start: {
      cname: "room",
      uid: "9",
      clientRequest: {
        recordingConfig: {
          channelType: 0,
          subscribeVideoUids: ["11", "12"],
          transcodingConfig: { width: 640, height: 360, mixedVideoLayout: 1, backgroundColor: "#223344" },
        },
      },
    },
  },
});

let sent: LayoutSettings[];
let events: SessionEvent[];
let detailCalls: number;
let answer: (() => void) | null;

beforeEach(() => {
  sent = [];
  events = [];
  detailCalls = 0;
  answer = null;
  mockIPC((cmd, raw) => {
    const args = (raw ?? {}) as { layout?: LayoutSettings };
    switch (cmd) {
      case "session_detail":
        detailCalls++;
        return {
          session: row,
          timeline: events.map((event) => ({
            event,
            path: null,
            host: null,
            agoraCode: null,
            explanation: null,
            changes: [],
          })),
          layouts: [],
          host: null,
          uploadingStatus: null,
        };
      case "validate_payload":
        return [];
      case "list_presets":
        return [];
      case "update_layout":
        sent.push(args.layout as LayoutSettings);
        // The answer comes when the test says so: Apply must wait for it.
        return new Promise((resolve) => {
          answer = () => {
            events = [
              {
                id: 5,
                sessionId: row.id,
                at: 50_000,
                op: "updateLayout",
                method: "POST",
                url: "/updateLayout",
                attempt: 1,
                requestBody: { cname: "room", uid: "9", clientRequest: args.layout } as unknown as Value,
                status: 200,
                responseBody: "{}",
                error: null,
                elapsedMs: 3,
                requestId: "req-1",
                repeats: 1,
                lastAt: null,
              },
            ];
            resolve(row);
          };
        });
      default:
        return null;
    }
  });
});

afterEach(() => {
  cleanup();
  clearMocks();
});

/** The button waits for the session's log (else "current" could be stale); then it opens. */
async function openEditor() {
  const edit = screen.getByTestId("session-edit-layout") as HTMLButtonElement;
  await waitFor(() => expect(edit.disabled).toBe(false));
  fireEvent.click(edit);
  // The editor's code loads on first open.
  await screen.findByTestId("layout-canvas");
}

function renderSection(running = true) {
  const client = new QueryClient({ defaultOptions: { queries: { retry: false } } });
  render(
    <QueryClientProvider client={client}>
      <LayoutSection row={row} running={running} />
    </QueryClientProvider>,
  );
}

describe("session layout section", () => {
  it("opens the running layout redrawn as custom regions for the subscribed users", async () => {
    renderSection();
    expect(screen.getByTestId("session-layout-current").textContent).toBe("Now: best fit, #223344");
    await openEditor();
    expect(screen.getByTestId("tile-2").getAttribute("aria-label")).toContain("Tile 2 (uid 12)");
    expect(screen.queryByTestId("tile-3")).toBeNull();
    expect(screen.getByTestId("canvas-size").textContent).toContain("640 × 360");
  });

  it("sends the whole layout, allows no second apply until Agora answers, then records it", async () => {
    renderSection();
    await openEditor();
    const apply = screen.getByTestId("layout-apply") as HTMLButtonElement;
    await waitFor(() => expect(apply.disabled).toBe(false));
    fireEvent.click(apply);
    await waitFor(() => expect(sent).toHaveLength(1));
    expect(apply.disabled).toBe(true);
    fireEvent.click(apply);
    expect(sent).toHaveLength(1);
    expect(sent[0]).toMatchObject({ mixedVideoLayout: 3, backgroundColor: "#223344" });
    expect(sent[0]?.layoutConfig?.map((r) => r.uid)).toEqual(["11", "12"]);

    const before = detailCalls;
    answer?.();
    await waitFor(() => expect(screen.getByTestId("layout-applied").textContent).toContain("2 regions"));
    expect(apply.disabled).toBe(false);
    await waitFor(() => expect(detailCalls).toBeGreaterThan(before));
    await waitFor(() =>
      expect(screen.getByTestId("layout-history").textContent).toContain(
        "Applied: custom, 2 regions, #223344 (HTTP 200 · req-1)",
      ),
    );
    expect(screen.getByTestId("session-layout-current").textContent).toBe("Now: custom, 2 regions, #223344");
  });

  it("offers no editing once the session has ended, but keeps its layout history", () => {
    renderSection(false);
    expect(screen.queryByTestId("session-edit-layout")).toBeNull();
    expect(screen.getByTestId("layout-history").textContent).toContain("At start: best fit, #223344");
  });
});
