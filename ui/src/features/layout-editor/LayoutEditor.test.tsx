import { QueryClient, QueryClientProvider } from "@tanstack/react-query";
import { clearMocks, mockIPC } from "@tauri-apps/api/mocks";
import { cleanup, fireEvent, render, screen, waitFor } from "@testing-library/react";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { FieldError, LayoutSettings, Payload, Preset, PresetBody } from "../../bindings";
import { emptyDoc } from "./document";
import { presetTiles, recordingCanvas, type Tile } from "./geometry";
import { LayoutEditor, type LayoutEditorState } from "./LayoutEditor";

// 512 × 256: one output pixel is 1/512 across and 1/256 down, so nudges give exact numbers.
const canvas = recordingCanvas({ width: 512, height: 256 });

let validated: LayoutSettings[];
let refuse: FieldError[];
let saved: { name: string; preset: PresetBody }[];

const PANEL: Preset = {
  id: 7,
  kind: "layout",
  name: "Panel of 3",
  body: {
    canvas: { width: 1280, height: 720 },
    layout: {
      mixedVideoLayout: 3,
      backgroundColor: "#112233",
      layoutConfig: [
        { uid: "1", x_axis: 0, y_axis: 0, width: 0.5, height: 1 },
        { uid: "2", x_axis: 0.5, y_axis: 0, width: 0.5, height: 0.5 },
        { uid: "3", x_axis: 0.5, y_axis: 0.5, width: 0.5, height: 0.5 },
      ],
    },
  },
  createdAt: 1,
  updatedAt: 1,
};

beforeEach(() => {
  validated = [];
  refuse = [];
  saved = [];
  mockIPC((cmd, raw) => {
    const args = (raw ?? {}) as { request?: Payload; name?: string; preset?: PresetBody };
    if (cmd === "validate_payload" && args.request?.kind === "recordingUpdateLayout") {
      validated.push(args.request.body.clientRequest);
      return refuse;
    }
    if (cmd === "list_presets") return [PANEL];
    if (cmd === "preview_image") {
      const url = (raw as { url: string }).url;
      if (url === "https://cdn.example.com/bg.png")
        return { mime: "image/png", dataUrl: "data:image/png;base64,iVBORw0KGgo=", bytes: 8 };
      throw {
        code: "validation.failed",
        message: "backgroundImage: is not a PNG, JPEG, BMP, GIF or WebP image",
      };
    }
    if (cmd === "save_preset" && args.preset) {
      saved.push({ name: args.name ?? "", preset: args.preset });
      return { ...PANEL, id: 8, name: args.name, ...args.preset };
    }
    return null;
  });
});

afterEach(() => {
  cleanup();
  clearMocks();
});

const TWO: Tile[] = [
  { id: "tile-1", uid: null, x: 0, y: 0, w: 0.25, h: 0.25, zOrder: 2 },
  { id: "tile-2", uid: null, x: 0.5, y: 0.5, w: 0.25, h: 0.25, zOrder: 2 },
];

function renderEditor(tiles: readonly Tile[] = TWO) {
  let last: LayoutEditorState | null = null;
  const client = new QueryClient({ defaultOptions: { queries: { retry: false } } });
  render(
    <QueryClientProvider client={client}>
      <LayoutEditor
        initial={{ doc: { ...emptyDoc(canvas), tiles }, dropped: 0 }}
        actions={(state) => {
          last = state;
          return (
            <button type="button" data-testid="host-action" disabled={state.errors.lines.length > 0}>
              Apply
            </button>
          );
        }}
      />
    </QueryClientProvider>,
  );
  return { state: () => last as unknown as LayoutEditorState };
}

const value = (id: string) => (screen.getByTestId(id) as HTMLInputElement).value;

describe("layout editor (keyboard and panels)", () => {
  it("moves the focused tile with the arrows, 10 px with Shift, and undoes with Ctrl+Z", async () => {
    const { state } = renderEditor();
    const tile = screen.getByTestId("tile-1");
    fireEvent.focus(tile);
    await waitFor(() => expect(value("inspector-x")).toBe("0"));
    fireEvent.keyDown(tile, { key: "ArrowRight" });
    expect(value("inspector-x")).toBe(String(Math.round((1 / 512) * 1e6) / 1e6));
    fireEvent.keyDown(tile, { key: "ArrowDown", shiftKey: true });
    expect(value("inspector-y")).toBe(String(Math.round((10 / 256) * 1e6) / 1e6));
    await waitFor(() => expect(state().settings.layoutConfig?.[0]?.y_axis).toBe(0.039063));
    fireEvent.keyDown(tile, { key: "z", ctrlKey: true });
    expect(value("inspector-y")).toBe("0");
  });

  it("leaves Tab to the browser (tiles, then handles, then out), reaches the handles with Enter and resizes from the keyboard", () => {
    renderEditor();
    const first = screen.getByTestId("tile-1");
    const second = screen.getByTestId("tile-2");
    // Every tile is a tab stop, in list order; Tab is never swallowed, so focus can leave the canvas.
    expect([first.tabIndex, second.tabIndex]).toEqual([0, 0]);
    expect(first.compareDocumentPosition(second) & Node.DOCUMENT_POSITION_FOLLOWING).toBeTruthy();
    expect(fireEvent.keyDown(first, { key: "Tab" })).toBe(true);
    fireEvent.focus(second);
    expect(second.getAttribute("aria-pressed")).toBe("true");

    fireEvent.keyDown(first, { key: "Enter" });
    expect(first.getAttribute("aria-pressed")).toBe("true");
    const handle = screen.getByTestId("handle-se");
    expect(handle.tabIndex).toBe(0);
    const before = Number(value("inspector-w"));
    fireEvent.keyDown(handle, { key: "ArrowLeft", shiftKey: true });
    expect(Number(value("inspector-w"))).toBeCloseTo(before - 10 / 512, 6);
    expect(fireEvent.keyDown(handle, { key: "Tab" })).toBe(true);
    fireEvent.keyDown(handle, { key: "Escape" });
    expect(document.activeElement).toBe(first);
  });

  it("applies typed numbers on Enter, not at every key (a width is not cut to the minimum at its first 0)", () => {
    renderEditor();
    fireEvent.focus(screen.getByTestId("tile-1"));
    const width = screen.getByTestId("inspector-w") as HTMLInputElement;
    fireEvent.change(width, { target: { value: "0" } });
    expect(width.value).toBe("0");
    fireEvent.change(width, { target: { value: "0.4" } });
    expect(width.value).toBe("0.4");
    expect(screen.getByTestId("tile-1").getAttribute("aria-label")).toContain("25% × 25%");
    fireEvent.keyDown(width, { key: "Enter" });
    expect(screen.getByTestId("tile-1").getAttribute("aria-label")).toContain("40% × 25%");
    // Past the canvas edge: the tile keeps its x and is cut at the edge, and the field says so.
    fireEvent.change(width, { target: { value: "2" } });
    fireEvent.blur(width);
    expect(width.value).toBe("1");
  });

  it("removes the selected tile with Delete and cannot go past 17 tiles", () => {
    renderEditor(presetTiles("grid", 17, canvas));
    expect((screen.getByTestId("tile-add") as HTMLButtonElement).disabled).toBe(true);
    const tile = screen.getByTestId("tile-17");
    fireEvent.focus(tile);
    fireEvent.keyDown(tile, { key: "Delete" });
    expect(screen.queryByTestId("tile-17")).toBeNull();
    expect((screen.getByTestId("tile-add") as HTMLButtonElement).disabled).toBe(false);
    fireEvent.click(screen.getByTestId("tile-add"));
    expect(screen.getByTestId("tile-17")).toBeTruthy();
    expect((screen.getByTestId("tile-add") as HTMLButtonElement).disabled).toBe(true);
  });

  it("edits the uid and background in the inspector and sends the whole layout to the validator", async () => {
    const { state } = renderEditor();
    fireEvent.focus(screen.getByTestId("tile-2"));
    fireEvent.change(screen.getByTestId("inspector-uid"), { target: { value: "1002" } });
    fireEvent.change(screen.getByTestId("inspector-background"), {
      target: { value: "https://img.example.com/1002.jpg" },
    });
    fireEvent.change(screen.getByTestId("layout-background-color"), { target: { value: "#102030" } });
    await waitFor(() =>
      expect(validated.at(-1)).toMatchObject({
        mixedVideoLayout: 3,
        backgroundColor: "#102030",
        backgroundConfig: [{ uid: "1002", image_url: "https://img.example.com/1002.jpg" }],
      }),
    );
    expect(validated.at(-1)?.layoutConfig).toHaveLength(2);
    expect(state().settings.layoutConfig?.[1]?.uid).toBe("1002");
  });

  it("shows the validator's errors on the tile and blocks the host's action", async () => {
    refuse = [{ path: "clientRequest.layoutConfig.1.uid", message: "must be a number" }];
    renderEditor();
    await waitFor(() => expect(screen.getByTestId("layout-errors").textContent).toContain("Tile 2 uid"));
    expect((screen.getByTestId("host-action") as HTMLButtonElement).disabled).toBe(true);
    fireEvent.focus(screen.getByTestId("tile-2"));
    expect(screen.getByTestId("inspector").textContent).toContain("must be a number");
  });

  it("multi-selects with Shift+click, then aligns and distributes the selection", () => {
    const three: Tile[] = [
      { id: "tile-1", uid: null, x: 0, y: 0.1, w: 0.1, h: 0.2, zOrder: 2 },
      { id: "tile-2", uid: null, x: 0.3, y: 0.4, w: 0.1, h: 0.2, zOrder: 2 },
      { id: "tile-3", uid: null, x: 0.8, y: 0.2, w: 0.1, h: 0.2, zOrder: 2 },
    ];
    const { state } = renderEditor(three);
    expect((screen.getByTestId("distribute-horizontal") as HTMLButtonElement).disabled).toBe(true);
    fireEvent.pointerDown(screen.getByTestId("tile-1"), { button: 0, pointerId: 1 });
    fireEvent.pointerUp(screen.getByTestId("layout-canvas"), { button: 0, pointerId: 1 });
    fireEvent.pointerDown(screen.getByTestId("tile-2"), { button: 0, pointerId: 1, shiftKey: true });
    fireEvent.pointerDown(screen.getByTestId("tile-3"), { button: 0, pointerId: 1, shiftKey: true });
    expect(screen.getByTestId("inspector-empty").textContent).toContain("3 tiles selected");
    fireEvent.click(screen.getByTestId("align-top"));
    fireEvent.click(screen.getByTestId("distribute-horizontal"));
    return waitFor(() => {
      const regions = state().settings.layoutConfig ?? [];
      expect(regions.map((r) => r.y_axis)).toEqual([0.1, 0.1, 0.1]);
      // Equal gaps: the ends stay, the middle tile goes halfway.
      expect(regions.map((r) => r.x_axis)).toEqual([0, 0.4, 0.8]);
    });
  });

  it("loads a saved layout preset and saves the current one under a name", async () => {
    renderEditor();
    await waitFor(() =>
      expect(screen.getByTestId("layout-preset-select").textContent).toContain("Panel of 3"),
    );
    fireEvent.change(screen.getByTestId("layout-preset-select"), { target: { value: "7" } });
    expect(screen.getByTestId("tile-3")).toBeTruthy();
    expect(value("layout-background-color")).toBe("#112233");
    // The start form and a session keep their own canvas: the preset's 1280 × 720 is not forced on it.
    expect(screen.getByTestId("canvas-size").textContent).toContain("512 × 256");

    fireEvent.click(screen.getByTestId("layout-preset-save"));
    fireEvent.change(screen.getByTestId("layout-preset-name"), { target: { value: "Trio" } });
    fireEvent.click(screen.getByTestId("layout-preset-save-confirm"));
    await waitFor(() => expect(saved).toHaveLength(1));
    const preset = saved[0]?.preset;
    if (preset?.kind !== "layout") throw new Error(`saved ${JSON.stringify(preset)}`);
    const body = preset.body;
    expect(body.canvas).toEqual({ width: 512, height: 256 });
    expect(body.layout.layoutConfig?.map((r) => r.uid)).toEqual(["1", "2", "3"]);
    expect(body.layout.backgroundColor).toBe("#112233");
  });

  it("shows a background image the core fetched, and says why another is not shown", async () => {
    renderEditor();
    const canvasEl = screen.getByTestId("layout-canvas");
    fireEvent.change(screen.getByTestId("layout-background-image"), {
      target: { value: "https://cdn.example.com/bg.png" },
    });
    await waitFor(() =>
      expect(canvasEl.style.backgroundImage).toContain("data:image/png;base64,iVBORw0KGgo="),
    );
    fireEvent.change(screen.getByTestId("layout-background-image"), {
      target: { value: "https://cdn.example.com/page.html" },
    });
    expect((await screen.findByTestId("layout-background-error")).textContent).toContain("is not a PNG");
    expect(canvasEl.style.backgroundImage).not.toContain("cdn.example.com");
  });
});
