import { keepPreviousData, useQuery } from "@tanstack/react-query";
import { useCallback, useMemo, useReducer, useState, type KeyboardEvent, type ReactNode } from "react";
import type { LayoutSettings } from "../../bindings";
import { api } from "../../lib/ipc";
import { defaultGridStep } from "./canvasMetrics";
import { droppedNotice, toLayoutSettings, type DocImport, type LayoutDoc } from "./document";
import { EditorCanvas, type CanvasSettings } from "./EditorCanvas";
import { EditorFooter } from "./EditorFooter";
import {
  currentDoc,
  editorReducer,
  type DocPatch,
  initialEditorState,
  primaryTile,
  redoable,
  selectedIds,
  undoable,
} from "./editorState";
import { MAX_RECORDING_REGIONS } from "./geometry";
import { Inspector } from "./Inspector";
import { LayoutSettingsPanel } from "./LayoutSettingsPanel";
import { placeLayoutErrors, type LayoutErrors } from "./layoutErrors";
import { Toolbar } from "./Toolbar";

export interface LayoutEditorState {
  readonly doc: LayoutDoc;
  /** The updateLayout body (also the layout half of transcodingConfig) for `doc`. */
  readonly settings: LayoutSettings;
  readonly errors: LayoutErrors;
  /** True while the Rust validator has not answered for the current layout. */
  readonly checking: boolean;
}

interface LayoutEditorProps {
  /** The document to open, and how many imported regions did not fit (past the 17th). */
  initial: DocImport;
  /** Users known to be in the channel, offered for tile uids and used by Generate. */
  knownUids?: readonly string[];
  /** The Layouts view lets the canvas size change; the start form and a session fix it. */
  canvasEditable?: boolean;
  /** Said next to the actions, e.g. that an apply replaces the whole layout. */
  note?: ReactNode;
  /** The host's buttons (use in form, apply to a session, ...), given the current layout. */
  actions: (state: LayoutEditorState) => ReactNode;
}

const NO_ERRORS: LayoutErrors = { tiles: new Map(), layout: {}, lines: [], notes: [] };

const NO_UIDS: readonly string[] = [];

const isTextInput = (el: EventTarget) =>
  el instanceof HTMLElement &&
  (el.tagName === "INPUT" || el.tagName === "SELECT" || el.tagName === "TEXTAREA");

/** The visual layout editor: toolbar, canvas, inspector, layout settings, presets and export. */
export function LayoutEditor({
  initial,
  knownUids = NO_UIDS,
  canvasEditable = false,
  note,
  actions,
}: LayoutEditorProps) {
  // Regions past the 17th were left out on import: say so once.
  const [state, dispatch] = useReducer(editorReducer, initial, ({ doc, dropped }) => ({
    ...initialEditorState(doc),
    notice: droppedNotice(dropped),
  }));
  const [canvasSettings, setCanvasSettings] = useState<CanvasSettings>({
    snap: true,
    grid: 0,
    aspect: "off",
  });
  const doc = currentDoc(state);
  const selection = selectedIds(state);
  const primary = primaryTile(state);
  // Validation and the JSON follow the settled document, not every pointer move of a drag.
  const settled = state.settled;
  const settings = useMemo(() => toLayoutSettings(settled), [settled]);
  const recording = doc.canvas.kind === "recording";

  const validation = useQuery({
    queryKey: ["validate", "layout", settings],
    queryFn: () =>
      api.validatePayload({
        kind: "recordingUpdateLayout",
        // The envelope is the session's; only the layout is being checked here.
        body: { cname: "layout", uid: "1", clientRequest: settings },
      }),
    enabled: recording,
    placeholderData: keepPreviousData,
    staleTime: Infinity,
  });
  const errors = useMemo(
    () => (validation.data ? placeLayoutErrors(validation.data, settled) : NO_ERRORS),
    [validation.data, settled],
  );
  const invalidTiles = useMemo(() => new Set(errors.tiles.keys()), [errors]);
  const checking = recording && (validation.isPlaceholderData || validation.isFetching);

  const onSettingsChange = useCallback(
    (patch: DocPatch, key: string) => dispatch({ type: "patch", patch, key }),
    [],
  );

  const onKeyDown = (e: KeyboardEvent) => {
    if (isTextInput(e.target)) return;
    const mod = e.ctrlKey || e.metaKey;
    const key = e.key.toLowerCase();
    if (mod && key === "z") {
      e.preventDefault();
      dispatch({ type: e.shiftKey ? "redo" : "undo" });
    } else if (mod && key === "y") {
      e.preventDefault();
      dispatch({ type: "redo" });
    } else if (mod && key === "a") {
      e.preventDefault();
      dispatch({ type: "selectAll" });
    }
  };

  return (
    <div className="flex h-full min-h-0 flex-col gap-3" onKeyDown={onKeyDown} data-testid="layout-editor">
      <Toolbar
        tileCount={doc.tiles.length}
        selectedCount={selection.length}
        canUndo={undoable(state)}
        canRedo={redoable(state)}
        maxTiles={recording ? MAX_RECORDING_REGIONS : null}
        knownUids={knownUids}
        settings={canvasSettings}
        gridStep={defaultGridStep(doc.canvas)}
        onSettings={setCanvasSettings}
        dispatch={dispatch}
      />
      <div className="flex min-h-0 flex-1 gap-4">
        <div className="flex min-h-0 min-w-0 flex-1 flex-col gap-2">
          <EditorCanvas
            doc={doc}
            selection={selection}
            guides={state.guides}
            settings={canvasSettings}
            dispatch={dispatch}
            invalid={invalidTiles}
          />
          <p className="text-center text-xs text-muted">
            {doc.tiles.length}
            {recording ? ` of ${MAX_RECORDING_REGIONS}` : ""} regions · drag to move, handles to resize,
            Shift+click to multi-select · Tab next tile, arrows move (Shift ×10), Enter resize handles, Delete
            removes, Ctrl+Z undo
          </p>
          {state.notice && (
            <p role="status" data-testid="layout-notice" className="text-center text-xs text-warn">
              {state.notice}
            </p>
          )}
        </div>
        <aside className="flex w-72 shrink-0 flex-col gap-4 overflow-y-auto pr-1">
          <Inspector
            doc={doc}
            tile={selection.length === 1 ? primary : null}
            selectedCount={selection.length}
            knownUids={knownUids}
            errors={primary ? (errors.tiles.get(primary.id) ?? {}) : {}}
            dispatch={dispatch}
          />
          <hr className="border-line" />
          <LayoutSettingsPanel
            doc={settled}
            canvasEditable={canvasEditable}
            errors={errors.layout}
            onChange={onSettingsChange}
          />
        </aside>
      </div>
      <EditorFooter
        doc={settled}
        settings={settings}
        errors={errors}
        checking={checking}
        canvasEditable={canvasEditable}
        note={note}
        actions={actions}
        dispatch={dispatch}
      />
    </div>
  );
}
