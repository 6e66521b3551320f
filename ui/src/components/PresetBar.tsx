import { useQuery, useQueryClient } from "@tanstack/react-query";
import { Download, FolderOpen, Save, Trash2 } from "lucide-react";
import { useState } from "react";
import type { Preset, PresetBody, PresetKind } from "../bindings";
import { api, pickOpenFile, pickSaveFile, readTextFile, writeTextFile } from "../lib/ipc";
import { Button } from "./Button";
import { inputClass } from "./Field";

/** The template a preset of kind `K` holds (Rust's `PresetBody`). */
export type TemplateOf<K extends PresetKind> = Extract<PresetBody, { kind: K }>["body"];

interface PresetBarProps<K extends PresetKind> {
  kind: K;
  /** What "Save" stores: the current form or layout. */
  body: () => TemplateOf<K>;
  /** Apply a saved template; returns why it cannot be loaded, or null when it was. */
  onLoad: (body: TemplateOf<K>) => string | null;
  /** Prefix of the test ids, so two bars on one screen stay apart. */
  testIds?: string;
}

/** Kind and template as one `PresetBody` (TypeScript cannot narrow a generic kind by itself). */
function presetBody<K extends PresetKind>(kind: K, body: TemplateOf<K>): PresetBody {
  return { kind, body } as PresetBody;
}

/** Save, load, delete, import and export named presets of one kind (secrets are never saved). */
export function PresetBar<K extends PresetKind>({
  kind,
  body,
  onLoad,
  testIds = "preset",
}: PresetBarProps<K>) {
  const client = useQueryClient();
  const presets = useQuery({ queryKey: ["presets", kind], queryFn: () => api.listPresets(kind) });
  const [selected, setSelected] = useState<number | null>(null);
  const [naming, setNaming] = useState(false);
  const [name, setName] = useState("");
  const [note, setNote] = useState<{ text: string; error: boolean } | null>(null);
  const current: Preset | undefined = presets.data?.find((p) => p.id === selected);

  const run = async (what: () => Promise<string | null>) => {
    try {
      const text = await what();
      if (text) setNote({ text, error: false });
    } catch (e) {
      setNote({ text: e instanceof Error ? e.message : String(e), error: true });
    } finally {
      // An import may bring presets of other kinds too.
      await client.invalidateQueries({ queryKey: ["presets"] });
    }
  };

  const load = (p: Preset) => {
    // Listed by kind, so the template is this kind's.
    const problem = p.kind === kind ? onLoad(p.body as TemplateOf<K>) : `it is a ${p.kind} preset`;
    setNote(
      problem
        ? { text: `“${p.name}” cannot be loaded: ${problem}`, error: true }
        : { text: `Loaded “${p.name}”.`, error: false },
    );
  };

  return (
    <div className="flex flex-col gap-1.5" data-testid={`${testIds}-bar`}>
      <div className="flex flex-wrap items-center gap-2">
        <select
          aria-label="Preset"
          data-testid={`${testIds}-select`}
          className={inputClass + " min-w-48"}
          value={selected ?? ""}
          onChange={(e) => {
            const id = e.target.value === "" ? null : Number(e.target.value);
            setSelected(id);
            const p = presets.data?.find((x) => x.id === id);
            if (p) load(p);
          }}
        >
          <option value="">Presets…</option>
          {presets.data?.map((p) => (
            <option key={p.id} value={p.id}>
              {p.name}
            </option>
          ))}
        </select>
        {naming ? (
          <form
            className="flex gap-1.5"
            onSubmit={(e) => {
              e.preventDefault();
              const n = name.trim();
              if (!n) return;
              void run(async () => {
                const saved = await api.savePreset(n, presetBody(kind, body()));
                setSelected(saved.id);
                setNaming(false);
                return `Saved “${saved.name}” (secrets are not saved).`;
              });
            }}
          >
            <input
              aria-label="Preset name"
              data-testid={`${testIds}-name`}
              autoFocus
              className={inputClass}
              placeholder="Name"
              value={name}
              onChange={(e) => setName(e.target.value)}
            />
            <Button
              type="submit"
              variant="primary"
              data-testid={`${testIds}-save-confirm`}
              disabled={!name.trim()}
            >
              Save
            </Button>
            <Button variant="ghost" onClick={() => setNaming(false)}>
              Cancel
            </Button>
          </form>
        ) : (
          <Button
            data-testid={`${testIds}-save`}
            onClick={() => {
              setName(current?.name ?? "");
              setNaming(true);
            }}
          >
            <Save aria-hidden size={14} /> Save as preset
          </Button>
        )}
        <Button
          variant="ghost"
          aria-label="Delete preset"
          disabled={!current}
          onClick={() =>
            current &&
            void run(async () => {
              await api.deletePreset(current.id);
              setSelected(null);
              return `Deleted “${current.name}”.`;
            })
          }
        >
          <Trash2 aria-hidden size={14} />
        </Button>
        <Button
          variant="ghost"
          data-testid={`${testIds}-import`}
          onClick={() =>
            void run(async () => {
              const path = await pickOpenFile();
              if (!path) return null;
              const imported = await api.importPresets(await readTextFile(path)).catch((e: unknown) => {
                throw new Error(`${path}: ${e instanceof Error ? e.message : String(e)}`);
              });
              return `Imported ${imported.map((p) => `“${p.name}”`).join(", ")}.`;
            })
          }
        >
          <FolderOpen aria-hidden size={14} /> Import…
        </Button>
        <Button
          variant="ghost"
          data-testid={`${testIds}-export`}
          disabled={!current}
          onClick={() =>
            current &&
            void run(async () => {
              const path = await pickSaveFile(
                `${current.name.replace(/[^\w.-]+/g, "-")}.mixdeck-presets.json`,
              );
              if (!path) return null;
              await writeTextFile(path, await api.exportPresets([current.id]));
              return `Exported “${current.name}” to ${path}.`;
            })
          }
        >
          <Download aria-hidden size={14} /> Export…
        </Button>
      </div>
      {note && (
        <p
          role="status"
          data-testid={`${testIds}-note`}
          className={"text-xs " + (note.error ? "text-danger" : "text-muted")}
        >
          {note.text}
        </p>
      )}
    </div>
  );
}
