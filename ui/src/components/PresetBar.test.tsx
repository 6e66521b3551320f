import { QueryClient, QueryClientProvider } from "@tanstack/react-query";
import { clearMocks, mockIPC } from "@tauri-apps/api/mocks";
import { cleanup, fireEvent, render, screen, waitFor } from "@testing-library/react";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { LayoutTemplate, Preset } from "../bindings";
import { PresetBar } from "./PresetBar";

const LAYOUT: LayoutTemplate = { canvas: { width: 640, height: 360 }, layout: { mixedVideoLayout: 1 } };
const GRID: Preset = {
  id: 4,
  name: "Grid",
  kind: "layout",
  body: LAYOUT,
  createdAt: 1,
  updatedAt: 1,
};

let calls: { cmd: string; args: unknown }[];
let importAnswer: () => unknown;
let written: string;

beforeEach(() => {
  calls = [];
  written = "";
  importAnswer = () => [GRID];
  mockIPC((cmd, args) => {
    calls.push({ cmd, args });
    switch (cmd) {
      case "list_presets":
        return [GRID];
      case "plugin:dialog|open":
        return "/home/me/grid.mixdeck-presets.json";
      case "plugin:dialog|save":
        return "/home/me/out.json";
      case "plugin:fs|read_text_file":
        return Array.from(new TextEncoder().encode('{"format": "mixdeck-presets"}'));
      case "plugin:fs|write_text_file":
        written = new TextDecoder().decode(args as Uint8Array);
        return null;
      case "import_presets":
        return importAnswer();
      case "export_presets":
        return '{"format": "mixdeck-presets", "version": 1, "presets": []}\n';
      default:
        return null;
    }
  });
});

afterEach(() => {
  cleanup();
  clearMocks();
});

function renderBar(loaded: LayoutTemplate[] = []) {
  const client = new QueryClient({ defaultOptions: { queries: { retry: false } } });
  render(
    <QueryClientProvider client={client}>
      <PresetBar
        kind="layout"
        body={() => LAYOUT}
        onLoad={(t) => {
          loaded.push(t);
          return null;
        }}
      />
    </QueryClientProvider>,
  );
}

describe("PresetBar", () => {
  it("hands a preset file's text to the backend, which parses and saves it", async () => {
    renderBar();
    fireEvent.click(screen.getByTestId("preset-import"));
    await waitFor(() => expect(screen.getByTestId("preset-note").textContent).toBe("Imported “Grid”."));
    expect(calls.find((c) => c.cmd === "import_presets")?.args).toEqual({
      text: '{"format": "mixdeck-presets"}',
    });
  });

  it("shows the backend's reason a file is refused, with the path", async () => {
    importAnswer = () => {
      throw { code: "preset.file_invalid", message: "presets.0.kind: must be one of recordingStart, layout" };
    };
    renderBar();
    fireEvent.click(screen.getByTestId("preset-import"));
    await waitFor(() =>
      expect(screen.getByTestId("preset-note").textContent).toBe(
        "/home/me/grid.mixdeck-presets.json: presets.0.kind: must be one of recordingStart, layout",
      ),
    );
  });

  it("exports the selected preset as the backend writes it", async () => {
    const loaded: LayoutTemplate[] = [];
    renderBar(loaded);
    await waitFor(() => expect(screen.getByTestId("preset-select").textContent).toContain("Grid"));
    fireEvent.change(screen.getByTestId("preset-select"), { target: { value: "4" } });
    expect(loaded).toEqual([LAYOUT]);
    fireEvent.click(screen.getByTestId("preset-export"));
    await waitFor(() => expect(written).toContain("mixdeck-presets"));
    expect(calls.find((c) => c.cmd === "export_presets")?.args).toEqual({ ids: [4] });
  });

  it("saves the kind and template together", async () => {
    renderBar();
    fireEvent.click(screen.getByTestId("preset-save"));
    fireEvent.change(screen.getByTestId("preset-name"), { target: { value: "Mine" } });
    fireEvent.click(screen.getByTestId("preset-save-confirm"));
    await waitFor(() => expect(calls.some((c) => c.cmd === "save_preset")).toBe(true));
    expect(calls.find((c) => c.cmd === "save_preset")?.args).toEqual({
      name: "Mine",
      preset: { kind: "layout", body: LAYOUT },
    });
  });
});
