import { keepPreviousData, useQuery, useQueryClient } from "@tanstack/react-query";
import { Braces, Plus, Trash2 } from "lucide-react";
import { useMemo, useState, type ReactNode } from "react";
import { inputClass } from "../../components/Field";
import { FieldControl } from "../../components/form/FieldControl";
import { FormContext } from "../../components/form/FormContext";
import { FormSection } from "../../components/form/FormSection";
import { deferred } from "../../lib/lazy";

// The JSON editor loads when its tab is first opened.
const JsonTab = deferred(() => import("../../components/form/JsonTab"), "JsonTab");
import { type FieldSpec as AnySpec, fieldOwns, fieldTestId, shownErrors } from "../../components/form/spec";
import { api } from "../../lib/ipc";
import { getIn, setIn } from "../../lib/paths";
import { useCodeTables } from "../../lib/queries";
import { CanvasDialog } from "./CanvasDialog";
import { CanvasPreview } from "./CanvasPreview";
import {
  type ListKey,
  type TranscodingDraft,
  canAdd,
  createBody,
  draftFromCreate,
  newItem,
  outputKind,
  withOutputKind,
} from "./draft";
import { CANVAS, LIMITS, LISTS, NOTES, TASK, type FieldSpec, visibleItemFields } from "./fields";
import { findingsByPath, payloadsToCheck } from "./validation";

interface TranscodingFormProps {
  draft: TranscodingDraft;
  onChange: (next: TranscodingDraft | ((d: TranscodingDraft) => TranscodingDraft)) => void;
  /** Show every error, not only those of touched fields (after a submit). */
  submitted: boolean;
  /** A running task: the instance id and the stream process mode cannot change. */
  running?: boolean;
  /** Errors the backend returned for the last send, by draft path. */
  serverErrors?: Record<string, string>;
  /** Before the fields' test ids (the update form shares the screen with the create form). */
  idPrefix?: string;
  /** Told how many errors block sending now. */
  /** Sends the draft: called by `send()` once Rust has checked it and found no problem. */
  onSend: () => void;
  children: (state: { errorCount: number; checking: boolean; send: () => void }) => ReactNode;
}

/** Common canvas sizes; anything else is "Custom" (the width and height fields). */
const CANVAS_SIZES: readonly [number, number][] = [
  [640, 360],
  [1280, 720],
  [1920, 1080],
  [360, 640],
  [720, 1280],
  [1080, 1920],
];

function CanvasSize({
  draft,
  set,
  idPrefix,
}: {
  draft: TranscodingDraft;
  set: (p: string, v: unknown) => void;
  idPrefix: string;
}) {
  const c = draft.transcoder.canvas;
  const current = c ? `${c.width}x${c.height}` : "";
  const known = CANVAS_SIZES.some(([w, h]) => `${w}x${h}` === current);
  return (
    <label className="col-span-2 flex items-center gap-2 text-[13px]">
      <span className="font-medium">Size</span>
      <select
        data-testid={`${idPrefix}canvas-size`}
        className={inputClass}
        value={known ? current : "custom"}
        onChange={(e) => {
          const [w, h] = e.target.value.split("x").map(Number);
          if (w && h) {
            set("transcoder.canvas.width", w);
            set("transcoder.canvas.height", h);
          }
        }}
      >
        {CANVAS_SIZES.map(([w, h]) => (
          <option key={`${w}x${h}`} value={`${w}x${h}`}>
            {w} × {h} {w > h ? "landscape" : "portrait"}
          </option>
        ))}
        <option value="custom">Custom (width and height below)</option>
      </select>
    </label>
  );
}

/** An item's source: an RTC user or a stream URL (exactly one, as Agora requires). */
function SourcePicker({
  spec,
  draft,
  set,
  idPrefix,
}: {
  spec: AnySpec<never>;
  draft: TranscodingDraft;
  set: (p: string, v: unknown) => void;
  idPrefix: string;
}) {
  const rtc = getIn(draft, `${spec.path}.rtc`) !== undefined;
  return (
    <label className="col-span-2 flex items-center gap-2 text-[13px]">
      <span className="font-medium">Source</span>
      <select
        data-testid={fieldTestId(`${spec.path}.source`, idPrefix)}
        className={inputClass}
        value={rtc ? "rtc" : "url"}
        onChange={(e) => {
          if (e.target.value === "rtc") {
            set(`${spec.path}.streamUrl`, undefined);
            set(`${spec.path}.rtc`, { rtcChannel: "", rtcUid: 0 });
          } else {
            set(`${spec.path}.rtc`, undefined);
            set(`${spec.path}.streamUrl`, "");
          }
        }}
      >
        <option value="rtc">RTC channel</option>
        <option value="url">Stream URL (CDN)</option>
      </select>
    </label>
  );
}

function ListSection({
  list,
  draft,
  set,
  idPrefix,
}: {
  idPrefix: string;
  list: (typeof LISTS)[number];
  draft: TranscodingDraft;
  set: (p: string, v: unknown) => void;
}) {
  const key: ListKey = list.key;
  const items = (draft.transcoder[key] ?? []) as unknown[];
  const path = `transcoder.${key}`;
  const cdn = outputKind(draft.transcoder) === "cdn";
  return (
    <section data-testid={`${idPrefix}section-${key}`} className="rounded-lg border border-line bg-panel">
      <header className="flex items-center gap-3 px-4 py-2.5">
        <span className="font-medium">{list.title}</span>
        <span className="truncate text-xs text-muted">{list.summary}</span>
        {key === "outputs" && (
          <select
            aria-label="Output kind"
            data-testid={`${idPrefix}output-kind`}
            className={inputClass + " ml-auto"}
            value={cdn ? "cdn" : "rtc"}
            onChange={(e) =>
              set("transcoder", withOutputKind(draft.transcoder, e.target.value === "cdn" ? "cdn" : "rtc"))
            }
          >
            <option value="rtc">RTC channel</option>
            <option value="cdn">CDN URLs</option>
          </select>
        )}
        <button
          type="button"
          data-testid={`${idPrefix}add-${key}`}
          className={
            "flex items-center gap-1 text-xs text-accent disabled:text-muted " +
            (key === "outputs" ? "" : "ml-auto")
          }
          disabled={!canAdd(draft.transcoder, key)}
          title={canAdd(draft.transcoder, key) ? undefined : "This mode takes one item here"}
          onClick={() => set(path, [...items, newItem(draft.transcoder, key)])}
        >
          <Plus aria-hidden size={14} /> Add
        </button>
      </header>
      {items.length === 0 && <p className="border-t border-line px-4 py-3 text-xs text-muted">None.</p>}
      {items.map((_, i) => (
        <div key={i} data-testid={`${idPrefix}${key}-${i}`} className="border-t border-line px-4 py-3">
          <div className="mb-2 flex items-center text-xs font-semibold tracking-wide text-muted uppercase">
            {list.item} {i + 1}
            {!(key === "outputs" && items.length === 1) && (
              <button
                type="button"
                aria-label={`Remove ${list.item.toLowerCase()} ${i + 1}`}
                data-testid={`${idPrefix}remove-${key}-${i}`}
                className="ml-auto text-muted hover:text-danger"
                onClick={() =>
                  set(
                    path,
                    items.filter((_, j) => j !== i),
                  )
                }
              >
                <Trash2 aria-hidden size={14} />
              </button>
            )}
          </div>
          <div className="grid grid-cols-2 gap-x-5 gap-y-3">
            {visibleItemFields(draft, key, i).map((f) => (
              <FieldControl key={f.path + f.kind} spec={f} />
            ))}
          </div>
        </div>
      ))}
    </section>
  );
}

/** Every field of a Cloud Transcoding create (or update) body, checked as you type by Rust. */
export function TranscodingForm({
  draft,
  onChange,
  submitted,
  running = false,
  serverErrors = {},
  idPrefix = "",
  onSend,
  children,
}: TranscodingFormProps) {
  const [touched, setTouched] = useState<Set<string>>(new Set());
  const [tab, setTab] = useState<"form" | "json">("form");
  const [editingCanvas, setEditingCanvas] = useState(false);
  const tables = useCodeTables();
  const payloads = useMemo(() => payloadsToCheck(draft), [draft]);
  const checkKey = ["validate", "transcoding", payloads];
  const check = async () =>
    findingsByPath((await Promise.all(payloads.map((p) => api.validatePayload(p)))).flat());
  const validation = useQuery({
    queryKey: checkKey,
    queryFn: check,
    placeholderData: keepPreviousData,
    staleTime: Infinity,
  });
  const all = { ...(validation.data?.errors ?? {}), ...serverErrors };
  const errorCount = Object.keys(all).length;
  // Until Rust has answered for this very draft, its count of problems is not known.
  const checking = validation.isPlaceholderData || validation.data === undefined;
  // A send waits for Rust's check of this very draft (cached when it has answered). The button is
  // never disabled by the check: a click landing in that re-render would be lost.
  const client = useQueryClient();
  const send = () =>
    void client.fetchQuery({ queryKey: checkKey, queryFn: check, staleTime: Infinity }).then((found) => {
      if (Object.keys({ ...found.errors, ...serverErrors }).length === 0) onSend();
    });
  const errors = shownErrors(all, touched, submitted);
  const set = (path: string, value: unknown) => {
    onChange((d) => setIn(d, path, value));
    setTouched((t) => (t.has(path) ? t : new Set(t).add(path)));
  };
  const fields: FieldSpec[] = [
    ...TASK.fields,
    ...CANVAS.fields,
    ...LISTS.flatMap((l) =>
      (draft.transcoder[l.key] ?? []).flatMap((_, i) => visibleItemFields(draft, l.key, i)),
    ),
  ];
  const unplaced = Object.entries(errors).filter(([p]) => !fields.some((f) => fieldOwns(f, p)));
  const taskFields = TASK.fields.filter(
    (f) => !running || (f.path !== "instanceId" && f.path !== "transcoder.streamProcessMode"),
  );
  const ctx = {
    draft,
    set,
    errors,
    warnings: validation.data?.warnings ?? {},
    tables: tables.data,
    limits: LIMITS,
    notes: NOTES,
    idPrefix,
    renderCustom: (spec: Extract<AnySpec<never>, { kind: "custom" }>) =>
      spec.widget === "canvasSize" ? (
        <CanvasSize draft={draft} set={set} idPrefix={idPrefix} />
      ) : (
        <SourcePicker spec={spec} draft={draft} set={set} idPrefix={idPrefix} />
      ),
  };
  return (
    <FormContext.Provider value={ctx}>
      <div className="flex flex-col gap-3" data-testid={`${idPrefix}transcoding-form`}>
        <div role="tablist" aria-label="Editor" className="flex gap-1 text-[13px]">
          {(["form", "json"] as const).map((t) => (
            <button
              key={t}
              role="tab"
              type="button"
              aria-selected={tab === t}
              data-testid={`${idPrefix}tc-tab-${t}`}
              className="flex items-center gap-1.5 rounded-md px-2.5 py-1 text-muted aria-selected:bg-accent-soft aria-selected:text-fg"
              onClick={() => setTab(t)}
            >
              {t === "json" && <Braces aria-hidden size={14} />}
              {t === "form" ? "Form" : "JSON"}
            </button>
          ))}
        </div>
        {tab === "form" ? (
          <>
            <FormSection section={TASK} fields={taskFields} defaultOpen />
            {running && (
              <p className="text-xs text-muted" data-testid="update-scope">
                Agora applies only these changes to a running task: RTC inputs added or removed, video
                regions, and the outputs' audio and video options. The rest is sent as it was.
              </p>
            )}
            <FormSection section={CANVAS} fields={CANVAS.fields} defaultOpen />
            <CanvasPreview transcoder={draft.transcoder} />
            <div className="-mt-1 flex justify-end">
              <button
                type="button"
                data-testid={`${idPrefix}edit-canvas`}
                className="text-xs text-accent"
                onClick={() => setEditingCanvas(true)}
              >
                Arrange video inputs and watermarks in the canvas editor…
              </button>
            </div>
            {editingCanvas && (
              <CanvasDialog
                transcoder={draft.transcoder}
                onClose={() => setEditingCanvas(false)}
                onUse={(next) => {
                  set("transcoder", next);
                  setEditingCanvas(false);
                }}
              />
            )}
            {LISTS.map((l) => (
              <ListSection key={l.key} list={l} draft={draft} set={set} idPrefix={idPrefix} />
            ))}
          </>
        ) : (
          <JsonTab
            bodies={[
              {
                id: "create",
                kind: "transcodingCreate",
                value: createBody(draft),
                errorPrefix: "transcoder.",
              },
            ]}
            mode={null}
            errors={errors}
            onPayload={(_, p) => {
              if (p.kind !== "transcodingCreate") return undefined;
              onChange((d) => draftFromCreate(p.body, d));
              return p.body;
            }}
          />
        )}
        {unplaced.length > 0 && (
          <ul
            role="alert"
            data-testid={`${idPrefix}tc-other-errors`}
            className="rounded-lg border border-danger/40 bg-danger/5 px-4 py-2 text-xs text-danger"
          >
            {unplaced.map(([p, m]) => (
              <li key={p}>
                <code>{p}</code>: {m}
              </li>
            ))}
          </ul>
        )}
        {children({ errorCount, checking, send })}
      </div>
    </FormContext.Provider>
  );
}
