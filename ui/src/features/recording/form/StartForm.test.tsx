import { QueryClient, QueryClientProvider } from "@tanstack/react-query";
import { clearMocks, mockIPC } from "@tauri-apps/api/mocks";
import { cleanup, fireEvent, render, screen, waitFor } from "@testing-library/react";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { Payload } from "../../../bindings";
import { profileView } from "../../../testing/profiles";
import { sessionRow } from "../../../testing/sessions";
import { StartForm } from "./StartForm";

const profile = profileView(
  { name: "Sandbox", kind: "sandbox", appId: "5a4db0c0ffee5a4db0c0ffee5a4db0c0" },
  { customerSecret: true, appCertificate: true, storageAccessKey: true, storageSecretKey: true },
);

let calls: { cmd: string; args: Record<string, unknown> }[];
let beginAllowed: boolean;
let keysElsewhere: boolean;

beforeEach(() => {
  calls = [];
  beginAllowed = false;
  keysElsewhere = false;
  // jsdom lays nothing out; the form scrolls its error into view.
  Element.prototype.scrollIntoView = () => undefined;
  mockIPC((cmd, raw) => {
    const args = (raw ?? {}) as Record<string, unknown>;
    calls.push({ cmd, args });
    switch (cmd) {
      case "validate_payload": {
        const p = args.request as Payload;
        return p.kind === "recordingStart" && p.body.cname === ""
          ? [{ path: "cname", message: "must not be empty" }]
          : [];
      }
      case "check_body": {
        // As Rust answers a body of the right shape: the body back, typed.
        const { kind, mode, body } = args as { kind: string; mode: string; body: unknown };
        return { schema: null, rules: [], payload: { kind, mode, body } };
      }
      case "code_tables":
        return { channelType: [{ value: 0, label: "communication" }] };
      case "storage_vendors":
        return [
          {
            vendor: 1,
            name: "Amazon S3",
            current: true,
            regions: [{ code: 0, name: "US_EAST_1", legacy: false }],
          },
        ];
      case "check_channel":
        return {
          cname: args.cname,
          users: { channel_exist: false },
          publishers: [],
          findings: [
            {
              warning: { kind: "channelEmpty" },
              message: "Nobody is in this channel yet: the recording ends at maxIdleTime with code 435.",
            },
          ],
        };
      case "list_presets":
      case "list_sessions":
        return cmd === "list_sessions" ? { items: [], total: 0 } : [];
      case "begin_recording":
        if (!beginAllowed) throw { code: "test.unexpected", message: "begin_recording must not be called" };
        if (keysElsewhere && !JSON.stringify(args).includes('"keysElsewhereConfirmed":true'))
          throw { code: "storage.elsewhere", message: "storageConfig goes to bucket other, not recordings" };
        // Answered a moment later, as over the network.
        return new Promise((resolve) => setTimeout(() => resolve(sessionRow()), 30));
      default:
        return null;
    }
  });
});

afterEach(() => {
  cleanup();
  clearMocks();
});

function renderForm() {
  const client = new QueryClient({ defaultOptions: { queries: { retry: false } } });
  render(
    <QueryClientProvider client={client}>
      <StartForm profile={profile} onStarted={() => undefined} />
    </QueryClientProvider>,
  );
}

const jsonText = () => (screen.getByTestId("json-editor") as HTMLTextAreaElement).value;

describe("start form", () => {
  it("shows form edits in the JSON tab and takes JSON edits back into the form", async () => {
    renderForm();
    fireEvent.change(screen.getByTestId("field-start-clientRequest-recordingConfig-maxIdleTime"), {
      target: { value: "300" },
    });
    fireEvent.click(screen.getByTestId("tab-json"));
    await screen.findByTestId("json-editor");
    const body = JSON.parse(jsonText()) as {
      cname: string;
      clientRequest: { recordingConfig: { maxIdleTime: number } };
    };
    expect(body.clientRequest.recordingConfig.maxIdleTime).toBe(300);

    body.cname = "from-json";
    fireEvent.change(screen.getByTestId("json-editor"), { target: { value: JSON.stringify(body) } });
    await waitFor(() => expect(calls.some((c) => c.cmd === "check_body")).toBe(true));
    fireEvent.click(screen.getByTestId("tab-form"));
    await waitFor(() =>
      expect((screen.getByTestId("field-start-cname") as HTMLInputElement).value).toBe("from-json"),
    );
  });

  it("says where JSON syntax breaks and keeps the form as it was", async () => {
    renderForm();
    fireEvent.click(screen.getByTestId("tab-json"));
    fireEvent.change(await screen.findByTestId("json-editor"), { target: { value: '{\n  "cname": }' } });
    expect((await screen.findByTestId("json-syntax-error")).textContent).toContain("Line 2, column 12");
    expect(calls.some((c) => c.cmd === "check_body")).toBe(false);
  });

  it("shows only the fields of the chosen mode", () => {
    renderForm();
    expect(screen.getByTestId("section-transcodingConfig")).toBeTruthy();
    fireEvent.click(screen.getByTestId("mode-individual"));
    expect(screen.queryByTestId("section-transcodingConfig")).toBeNull();
    expect(screen.getByTestId("section-snapshotConfig")).toBeTruthy();
    fireEvent.click(screen.getByTestId("mode-web"));
    expect(screen.queryByTestId("section-recordingConfig")).toBeNull();
    expect(screen.getByTestId("section-webRecorder")).toBeTruthy();
  });

  it("puts a rule's error under its field and sends nothing", async () => {
    renderForm();
    fireEvent.click(screen.getByTestId("start-recording"));
    const field = await screen.findByText("must not be empty");
    expect(field.closest("div")?.textContent).toContain("Channel name");
    await waitFor(() =>
      expect(screen.getByTestId("start-progress").textContent).toContain("nothing was sent"),
    );
    expect(calls.some((c) => c.cmd === "begin_recording")).toBe(false);
  });

  it("starts once however fast the button is pressed twice", async () => {
    beginAllowed = true;
    renderForm();
    fireEvent.change(screen.getByTestId("field-start-cname"), { target: { value: "room-2x" } });
    fireEvent.click(screen.getByTestId("start-recording"));
    fireEvent.click(screen.getByTestId("start-recording"));
    await waitFor(() => expect(calls.filter((c) => c.cmd === "begin_recording")).toHaveLength(1));
    await new Promise((r) => setTimeout(r, 100));
    expect(calls.filter((c) => c.cmd === "begin_recording")).toHaveLength(1);
  });

  it("asks before the profile's storage keys go to another bucket, then sends them", async () => {
    beginAllowed = true;
    keysElsewhere = true;
    renderForm();
    fireEvent.change(screen.getByTestId("field-start-cname"), { target: { value: "room-x" } });
    fireEvent.click(screen.getByTestId("start-recording"));
    const confirm = await screen.findByTestId("storage-elsewhere-confirm");
    const begins = () => calls.filter((c) => c.cmd === "begin_recording");
    expect(begins()).toHaveLength(1);
    expect(JSON.stringify(begins()[0]?.args)).toContain('"keysElsewhereConfirmed":false');
    fireEvent.click(confirm);
    await waitFor(() => expect(begins()).toHaveLength(2));
    expect(JSON.stringify(begins()[1]?.args)).toContain('"keysElsewhereConfirmed":true');
  });

  it("checks the channel on request and warns, without blocking the start", async () => {
    renderForm();
    fireEvent.change(screen.getByTestId("field-start-cname"), { target: { value: "empty-room" } });
    fireEvent.click(screen.getByTestId("check-channel"));
    const warning = await screen.findByTestId("channel-warning-channelEmpty");
    expect(warning.textContent).toContain("435");
    const asked = calls.find((c) => c.cmd === "check_channel");
    expect(asked?.args).toMatchObject({ cname: "empty-room", uid: expect.any(String) });
    expect((screen.getByTestId("start-recording") as HTMLButtonElement).disabled).toBe(false);
    // An edit to the channel makes the answer stale: it goes.
    fireEvent.change(screen.getByTestId("field-start-cname"), { target: { value: "other-room" } });
    expect(screen.queryByTestId("channel-check")).toBeNull();
  });
});
