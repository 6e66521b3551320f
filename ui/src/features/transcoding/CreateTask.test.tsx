import { QueryClient, QueryClientProvider } from "@tanstack/react-query";
import { clearMocks, mockIPC } from "@tauri-apps/api/mocks";
import { cleanup, fireEvent, render, screen, waitFor } from "@testing-library/react";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { BeginTranscoding, Payload } from "../../bindings";
import { profileView } from "../../testing/profiles";
import { sessionRow } from "../../testing/sessions";
import { CreateTask } from "./CreateTask";

const profile = profileView(
  { name: "Sandbox", kind: "sandbox", appId: "5a4db0c0ffee5a4db0c0ffee5a4db0c0" },
  { customerSecret: true, appCertificate: true },
);

let begun: BeginTranscoding[];
let created: number[];

beforeEach(() => {
  begun = [];
  created = [];
  mockIPC((cmd, raw) => {
    const args = (raw ?? {}) as Record<string, unknown>;
    switch (cmd) {
      case "validate_payload": {
        // The one rule this test needs: a video input must name its user.
        const p = args.request as Payload;
        if (p.kind !== "transcodingCreate") return [];
        const inputs = p.body.services.cloudTranscoder.config.transcoder.videoInputs ?? [];
        return inputs.flatMap((v, i) =>
          v.rtc?.rtcUid === 0
            ? [
                {
                  path: `services.cloudTranscoder.config.transcoder.videoInputs.${i}.rtc.rtcUid`,
                  message: "must be a user's uid",
                  severity: "error",
                },
              ]
            : [],
        );
      }
      case "code_tables":
        return { fillMode: [{ value: "FIT", label: "FIT" }] };
      case "list_presets":
        return [];
      case "begin_transcoding":
        begun.push(args.request as BeginTranscoding);
        // Answered a moment later, as over the network.
        return new Promise((resolve) =>
          setTimeout(() => resolve(sessionRow({ id: 12, kind: "transcoding", mode: null, cname: "t" })), 30),
        );
      default:
        return null;
    }
  });
});

afterEach(() => {
  cleanup();
  clearMocks();
});

const field = (path: string) => screen.getByTestId(`field-${path.replace(/\./g, "-")}`) as HTMLInputElement;

describe("the create form", () => {
  it("sends the canvas size picked and the colour as the RGB integer, once every rule holds", async () => {
    const client = new QueryClient({ defaultOptions: { queries: { retry: false } } });
    render(
      <QueryClientProvider client={client}>
        <CreateTask profile={profile} onCreated={(id) => created.push(id)} />
      </QueryClientProvider>,
    );
    fireEvent.change(screen.getByTestId("canvas-size"), { target: { value: "1920x1080" } });
    expect(field("transcoder.canvas.width").value).toBe("1920");
    const colour = screen
      .getAllByTestId("field-transcoder-canvas-color")
      .find((e) => e.tagName === "INPUT" && (e as HTMLInputElement).type === "text");
    if (!colour) throw new Error("no colour text input");
    fireEvent.change(colour, { target: { value: "#0000FF" } });

    const createButton = () => screen.getByTestId("create-task") as HTMLButtonElement;
    // A click waits for Rust's answer on this very draft before anything is sent.
    fireEvent.click(createButton());
    await waitFor(() =>
      expect(screen.getByTestId("create-task-progress").textContent).toContain("nothing was sent"),
    );
    expect(screen.getByText("must be a user's uid")).toBeTruthy();
    expect(begun).toEqual([]);

    fireEvent.change(field("transcoder.videoInputs.0.rtc.rtcUid"), { target: { value: "101" } });
    await waitFor(() => expect(screen.queryByText("must be a user's uid")).toBeNull());
    // Pressed twice, fast: one task.
    fireEvent.click(createButton());
    fireEvent.click(createButton());
    await waitFor(() => expect(created).toEqual([12]));
    await new Promise((r) => setTimeout(r, 100));
    expect(begun).toHaveLength(1);
    const t = begun[0]?.create.services.cloudTranscoder.config.transcoder;
    expect(t?.canvas).toMatchObject({ width: 1920, height: 1080, color: 255 });
    expect(t?.videoInputs?.[0]?.rtc?.rtcUid).toBe(101);
    expect(begun[0]?.generateTokens).toBe(true);
  });
});
