import { Copy, Download, FolderOpen } from "lucide-react";
import { memo, useState, type ReactNode } from "react";
import type { LayoutSettings } from "../../bindings";
import { PresetBar } from "../../components/PresetBar";
import { Button } from "../../components/Button";
import { copyText, pickOpenFile, pickSaveFile, readTextFile, writeTextFile } from "../../lib/ipc";
import {
  docFromPresetBody,
  droppedNotice,
  layoutFragmentJson,
  layoutPresetBody,
  type LayoutDoc,
} from "./document";
import type { EditorAction } from "./editorState";
import type { LayoutErrors } from "./layoutErrors";
import type { LayoutEditorState } from "./LayoutEditor";

interface EditorFooterProps {
  /** The settled document (not mid-drag) and its updateLayout body. */
  doc: LayoutDoc;
  settings: LayoutSettings;
  errors: LayoutErrors;
  checking: boolean;
  canvasEditable: boolean;
  note?: ReactNode;
  actions: (state: LayoutEditorState) => ReactNode;
  dispatch: (a: EditorAction) => void;
}

/** Presets, JSON copy/export/import, the validator's errors and the host's actions. */
export const EditorFooter = memo(function EditorFooter({
  doc,
  settings,
  errors,
  checking,
  canvasEditable,
  note,
  actions,
  dispatch,
}: EditorFooterProps) {
  const [fileNote, setFileNote] = useState<{ text: string; error: boolean } | null>(null);

  const fileAction = async (what: () => Promise<string | null>) => {
    try {
      const text = await what();
      if (text) setFileNote({ text, error: false });
    } catch (e) {
      setFileNote({ text: e instanceof Error ? e.message : String(e), error: true });
    }
  };

  const loadBody = (body: unknown, from: string): string | null => {
    try {
      const { doc: loaded, dropped, drawnOn } = docFromPresetBody(body, doc.canvas);
      const next = canvasEditable && drawnOn ? { ...loaded, canvas: drawnOn } : loaded;
      dispatch({
        type: "load",
        doc: next,
        notice: droppedNotice(dropped, from),
      });
      return null;
    } catch (e) {
      return e instanceof Error ? e.message : String(e);
    }
  };

  return (
    <footer className="flex flex-col gap-2 border-t border-line pt-3">
      {/* Layout presets and the updateLayout JSON are the mix recording's; the transcoder's regions
          are saved with its task (transcoder presets, its JSON tab). */}
      <div
        className={
          doc.canvas.kind === "recording" ? "flex flex-wrap items-start justify-between gap-2" : "hidden"
        }
      >
        <PresetBar
          kind="layout"
          testIds="layout-preset"
          body={() => layoutPresetBody(doc)}
          onLoad={(body) => loadBody(body, "Preset")}
        />
        <div className="flex flex-wrap items-center gap-1">
          <Button
            variant="ghost"
            data-testid="layout-copy-json"
            onClick={() =>
              void fileAction(async () => {
                await copyText(layoutFragmentJson(doc));
                return "Copied the layout JSON (the updateLayout body).";
              })
            }
          >
            <Copy aria-hidden size={14} /> Copy JSON
          </Button>
          <Button
            variant="ghost"
            data-testid="layout-export-json"
            onClick={() =>
              void fileAction(async () => {
                const path = await pickSaveFile("layout.json");
                if (!path) return null;
                await writeTextFile(path, layoutFragmentJson(doc) + "\n");
                return `Exported the layout JSON to ${path}.`;
              })
            }
          >
            <Download aria-hidden size={14} /> Export JSON…
          </Button>
          <Button
            variant="ghost"
            data-testid="layout-import-json"
            onClick={() =>
              void fileAction(async () => {
                const path = await pickOpenFile();
                if (!path) return null;
                let parsed: unknown;
                try {
                  parsed = JSON.parse(await readTextFile(path));
                } catch (e) {
                  throw new Error(`${path}: not JSON (${e instanceof Error ? e.message : String(e)})`);
                }
                const problem = loadBody(parsed, path);
                if (problem) throw new Error(`${path}: ${problem}`);
                return `Loaded the layout from ${path}.`;
              })
            }
          >
            <FolderOpen aria-hidden size={14} /> Import JSON…
          </Button>
        </div>
      </div>
      {fileNote && (
        <p role="status" className={"text-xs " + (fileNote.error ? "text-danger" : "text-muted")}>
          {fileNote.text}
        </p>
      )}
      {errors.lines.length > 0 && (
        <ul
          data-testid="layout-errors"
          role="alert"
          className="max-h-24 list-disc overflow-y-auto pl-5 text-xs text-danger [overflow-wrap:anywhere]"
        >
          {errors.lines.map((l) => (
            <li key={l}>{l}</li>
          ))}
        </ul>
      )}
      {errors.notes.length > 0 && (
        <ul
          data-testid="layout-notes"
          className="max-h-24 list-disc overflow-y-auto pl-5 text-xs text-warn [overflow-wrap:anywhere]"
        >
          {errors.notes.map((l) => (
            <li key={l}>{l}</li>
          ))}
        </ul>
      )}
      <div className="flex items-center gap-4">
        <div className="min-w-0 flex-1 text-xs text-muted">{note}</div>
        <div className="flex shrink-0 items-center gap-3">{actions({ doc, settings, errors, checking })}</div>
      </div>
    </footer>
  );
});
