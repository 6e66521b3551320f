import { keepPreviousData, useMutation, useQuery } from "@tanstack/react-query";
import { Braces, Clipboard, Play, SquareTerminal } from "lucide-react";
import { useCallback, useMemo, useRef, useState } from "react";
import type { ProfileView, RerunPlan, SessionId } from "../../../bindings";
import { Button } from "../../../components/Button";
import { ChannelCheckButton, ChannelCheckResult } from "./ChannelCheck";
import { StorageCheckButton, StorageCheckReport, type StorageCheckResult } from "../../storage/StorageCheck";
import { PresetBar } from "../../../components/PresetBar";
import { ErrorCallout } from "../../../components/ErrorCallout";
import { copyText } from "../../../lib/ipc";
import { IpcError, api } from "../../../lib/ipc";
import { getIn, setIn } from "../../../lib/paths";
import { useCodeTables, useStorageVendors } from "../../../lib/queries";
import { useRecentSessions, useRememberSession } from "../../../lib/sessions";
import { MODES, type RecordingDraft, newDraft, switchMode, toBeginRequest } from "./draft";
import { unplacedErrors, visibleSections } from "./fields";
import { FormContext } from "../../../components/form/FormContext";
import { CustomWidget } from "./CustomWidget";
import { LIMITS, NOTES } from "./fields";
import { RecordingFormContext, type FormContextValue } from "./FormContext";
import { FormLayoutDialog, TRANSCODING_CONFIG_PATH } from "./FormLayoutDialog";
import { FormSection } from "../../../components/form/FormSection";
import { shownErrors } from "../../../components/form/spec";
import { withLayout } from "../../layout-editor/recordingLayout";
import { formatJson } from "../../../components/form/jsonText";
import { deferred } from "../../../lib/lazy";

// The JSON editor loads when its tab is first opened.
const JsonTab = deferred(() => import("../../../components/form/JsonTab"), "JsonTab");
import { draftFromPreset, presetBody } from "./presetFile";
import { useRerunPlan } from "../../../lib/rerun";
import { RerunNote } from "../../../components/RerunNote";
import { errorsByPath, isError, payloadsToCheck, warningsByPath } from "./validation";

interface StartFormProps {
  profile: ProfileView | undefined;
  onStarted: (id: SessionId) => void;
}

const OPEN_AT_FIRST = new Set([
  "channel",
  "recordingConfig",
  "transcodingConfig",
  "webRecorder",
  "storageConfig",
]);

/** The Cloud Recording start form: every field of acquire and start, per mode, checked as you type. */
export function StartForm({ profile, onStarted }: StartFormProps) {
  const [draft, setDraft] = useState<RecordingDraft>(() => newDraft("mix", profile));
  const [touched, setTouched] = useState<Set<string>>(new Set());
  const [submitted, setSubmitted] = useState(false);
  const [tab, setTab] = useState<"form" | "json">("form");
  const [copied, setCopied] = useState<{ what: string; text: string; of: RecordingDraft } | null>(null);
  const [copyError, setCopyError] = useState<unknown>(null);
  const [editingLayout, setEditingLayout] = useState(false);
  const [channelCheck, setChannelCheck] = useState<Parameters<typeof ChannelCheckResult>[0]["result"]>(null);
  const [storageCheck, setStorageCheck] = useState<StorageCheckResult>(null);
  const storage = draft.start.clientRequest.storageConfig;
  const tables = useCodeTables();
  const vendors = useStorageVendors();
  const remember = useRememberSession();
  const recent = useRecentSessions();

  const [rerunFrom, setRerunFrom] = useState<number | null>(null);
  useRerunPlan(
    "recordingStart",
    useCallback((plan: RerunPlan) => {
      if (plan.template.kind !== "recordingStart") return;
      const t = plan.template.body;
      setDraft((d) => draftFromPreset(t, d));
      setTouched(new Set());
      setSubmitted(false);
      setRerunFrom(plan.from);
    }, []),
  );

  const payloads = useMemo(() => payloadsToCheck(draft, profile), [draft, profile]);
  const validation = useQuery({
    queryKey: ["validate", "recording", payloads],
    queryFn: async () => {
      const [start, acquire] = await Promise.all([
        api.validatePayload(payloads.start),
        api.validatePayload(payloads.acquire),
      ]);
      return { errors: errorsByPath(start, acquire), warnings: warningsByPath(start, acquire) };
    },
    placeholderData: keepPreviousData,
    staleTime: Infinity,
  });

  const begin = useMutation({
    mutationFn: (keysElsewhereConfirmed: boolean) => {
      if (!profile) throw new Error("Pick a profile first (status bar, bottom left).");
      return api.beginRecording({ ...toBeginRequest(draft, profile.id), keysElsewhereConfirmed });
    },
    onSuccess: (row) => {
      remember(row);
      onStarted(row.id);
    },
  });
  const [pressedAt, setPressedAt] = useState(0);

  const serverFieldErrors =
    begin.error instanceof IpcError && begin.error.report.fields?.length
      ? errorsByPath(begin.error.report.fields, [])
      : {};
  const allErrors = { ...(validation.data?.errors ?? {}), ...serverFieldErrors };
  const errors = shownErrors(allErrors, touched, submitted);
  const orphanErrors = unplacedErrors(draft, errors);

  const set = (path: string, value: unknown) => {
    setDraft((d) => setIn(d, path, value));
    setTouched((t) => (t.has(path) ? t : new Set(t).add(path)));
  };
  const ctx: FormContextValue = {
    draft,
    set,
    errors,
    warnings: validation.data?.warnings ?? {},
    profile,
    tables: tables.data,
    vendors: vendors.data,
    onEditLayout: () => setEditingLayout(true),
  };

  const inFlight = recent.data?.find(
    (r) =>
      r.createdAt >= pressedAt &&
      r.cname === draft.start.cname &&
      (r.state === "acquiring" || r.state === "starting"),
  );
  // A failed start that may still have started (its answer lost, a 5xx): the session is kept
  // as "may be recording", and the form says so instead of "did not start".
  const maybeStarted = begin.error
    ? recent.data?.find(
        (r) => r.createdAt >= pressedAt && r.cname === draft.start.cname && r.state === "unknown",
      )
    : undefined;
  const progress =
    inFlight?.state === "starting"
      ? "Starting the recording…"
      : begin.isPending
        ? "Acquiring a resource…"
        : null;

  // A second press while the first is still being checked or sent would start a second,
  // billed recording: ignored until the first has its answer.
  const starting = useRef(false);
  const start = async (keysElsewhereConfirmed = false) => {
    setSubmitted(true);
    if (starting.current) return;
    starting.current = true;
    try {
      const [s, a] = await Promise.all([
        api.validatePayload(payloads.start),
        api.validatePayload(payloads.acquire),
      ]);
      if ([...s, ...a].some(isError)) {
        await validation.refetch();
        return;
      }
      setPressedAt(Date.now() - 1000);
      // Its error is shown from `begin.error`.
      await begin.mutateAsync(keysElsewhereConfirmed).catch(() => undefined);
    } finally {
      starting.current = false;
    }
  };

  const copy = async (what: string, make: () => Promise<string>) => {
    setCopyError(null);
    let text: string;
    try {
      text = await make();
    } catch (e) {
      setCopied(null);
      setCopyError(e);
      return;
    }
    // Shown either way: if the clipboard refuses, the text can still be selected and copied by hand.
    setCopied({ what, text, of: draft });
    try {
      await copyText(text);
    } catch (e) {
      setCopyError(e);
    }
  };

  const errorTotal = Object.keys(allErrors).length;
  return (
    <RecordingFormContext.Provider value={ctx}>
      <FormContext.Provider
        value={{
          draft,
          set,
          errors,
          warnings: ctx.warnings,
          tables: tables.data,
          limits: LIMITS,
          notes: NOTES,
          renderCustom: (spec) => <CustomWidget spec={spec} />,
        }}
      >
        <form
          data-testid="start-form"
          className="flex flex-col gap-4"
          onSubmit={(e) => {
            e.preventDefault();
            void start();
          }}
        >
          {rerunFrom !== null && <RerunNote from={rerunFrom} onDismiss={() => setRerunFrom(null)} />}
          <div role="radiogroup" aria-label="Recording mode" className="grid grid-cols-3 gap-2">
            {MODES.map((m) => (
              <button
                key={m.value}
                type="button"
                role="radio"
                aria-checked={draft.mode === m.value}
                data-testid={`mode-${m.value}`}
                className="rounded-lg border border-line bg-panel px-3 py-2 text-left aria-checked:border-accent aria-checked:bg-accent-soft"
                onClick={() => setDraft((d) => switchMode(d, m.value))}
              >
                <span className="block font-medium">{m.label}</span>
                <span className="block text-xs text-muted">{m.summary}</span>
              </button>
            ))}
          </div>

          <div className="flex flex-wrap items-center justify-between gap-2">
            <PresetBar
              kind="recordingStart"
              body={() => presetBody(draft)}
              onLoad={(body) => {
                setDraft(draftFromPreset(body, draft));
                setTouched(new Set());
                setSubmitted(false);
                return null;
              }}
            />
            <div
              role="tablist"
              aria-label="Editor"
              className="flex gap-1 rounded-lg bg-canvas p-0.5 text-[13px]"
            >
              {(["form", "json"] as const).map((t) => (
                <button
                  key={t}
                  type="button"
                  role="tab"
                  aria-selected={tab === t}
                  data-testid={`tab-${t}`}
                  className="flex items-center gap-1 rounded-md px-3 py-1 text-muted aria-selected:bg-panel aria-selected:text-fg aria-selected:shadow-sm"
                  onClick={() => setTab(t)}
                >
                  {t === "json" && <Braces aria-hidden size={14} />}
                  {t === "form" ? "Form" : "JSON"}
                </button>
              ))}
            </div>
          </div>

          {tab === "form" ? (
            <div className="flex flex-col gap-3">
              {visibleSections(draft).map(({ section, fields }) => (
                <FormSection
                  key={`${draft.mode}-${section.id}`}
                  section={section}
                  fields={fields}
                  defaultOpen={OPEN_AT_FIRST.has(section.id)}
                />
              ))}
            </div>
          ) : (
            <JsonTab
              bodies={[
                { id: "start", kind: "recordingStart", value: draft.start, errorPrefix: "start." },
                {
                  id: "acquire",
                  kind: "recordingAcquire",
                  value: { cname: draft.start.cname, uid: draft.start.uid, clientRequest: draft.acquire },
                  errorPrefix: "acquire.",
                },
              ]}
              mode={draft.mode}
              errors={errors}
              onPayload={(_, p) => {
                // The draft becomes what Rust read; the tab shows that body from then on.
                if (p.kind === "recordingStart") {
                  setDraft((d) => ({ ...d, start: p.body }));
                  return p.body;
                }
                if (p.kind === "recordingAcquire") {
                  setDraft((d) => ({ ...d, acquire: p.body.clientRequest }));
                  return {
                    cname: draft.start.cname,
                    uid: draft.start.uid,
                    clientRequest: p.body.clientRequest,
                  };
                }
                return undefined;
              }}
            />
          )}

          {orphanErrors.length > 0 && (
            <ul
              role="alert"
              data-testid="other-errors"
              className="rounded-lg border border-danger/40 bg-danger/5 px-4 py-2 text-xs text-danger"
            >
              {orphanErrors.map(([path, message]) => (
                <li key={path}>
                  <code>{path.replace(/^(start|acquire)\./, "")}</code>: {message}
                </li>
              ))}
            </ul>
          )}
          {begin.error && !Object.keys(serverFieldErrors).length && (
            // Remounted per attempt, so each new failure scrolls itself into view above the Start bar.
            <div key={begin.submittedAt} ref={(el) => el?.scrollIntoView({ block: "center" })}>
              <ErrorCallout
                error={begin.error}
                title={maybeStarted ? "The recording may have started" : "The recording did not start"}
                testId="start-error"
              />
              {begin.error instanceof IpcError && begin.error.code === "storage.elsewhere" && (
                <p className="mt-2 flex items-center gap-3 text-[13px]" data-testid="storage-elsewhere">
                  Check the bucket and host above: the files and this profile&apos;s storage keys would go
                  there.
                  <Button data-testid="storage-elsewhere-confirm" onClick={() => void start(true)}>
                    Send the keys there and start
                  </Button>
                </p>
              )}
              {maybeStarted && (
                <p className="mt-2 flex items-center gap-3 text-[13px]" data-testid="start-maybe">
                  Agora may be recording it (and billing): it is kept as an active session.
                  <Button data-testid="open-maybe-session" onClick={() => onStarted(maybeStarted.id)}>
                    Open the session
                  </Button>
                </p>
              )}
            </div>
          )}

          <div className="sticky -bottom-10 -mx-1 flex flex-wrap items-center gap-2 border-t border-line bg-canvas px-1 pt-3 pb-13">
            <Button variant="primary" type="submit" busy={begin.isPending} data-testid="start-recording">
              <Play aria-hidden size={14} /> {begin.isPending ? (progress ?? "Starting…") : "Start recording"}
            </Button>
            <span
              data-testid="start-progress"
              aria-live="polite"
              className={"min-w-0 flex-1 truncate text-xs " + (begin.error ? "text-danger" : "text-muted")}
            >
              {begin.isPending
                ? progress
                : submitted && errorTotal > 0
                  ? `Fix ${errorTotal} ${errorTotal === 1 ? "problem" : "problems"} first: nothing was sent.`
                  : begin.error
                    ? maybeStarted
                      ? `May be recording: ${begin.error.message} (details below)`
                      : `Not started: ${begin.error.message} (details below)`
                    : ""}
            </span>
            <ChannelCheckButton draft={draft} profile={profile} onResult={setChannelCheck} />
            <StorageCheckButton profileId={profile?.id} storage={storage} onResult={setStorageCheck} />
            <Button
              variant="ghost"
              data-testid="copy-json"
              onClick={() =>
                void copy("start body", async () =>
                  formatJson(await api.shownBody("recordingStart", draft.mode, draft.start)),
                )
              }
            >
              <Clipboard aria-hidden size={14} /> Copy JSON
            </Button>
            <Button
              variant="ghost"
              data-testid="copy-curl"
              disabled={!profile}
              onClick={() =>
                void copy("curl commands", async () => {
                  if (!profile) return "";
                  const reqs = await api.previewRecording(toBeginRequest(draft, profile.id));
                  return reqs.map((r) => `# ${r.op}\n${r.curl}`).join("\n\n");
                })
              }
            >
              <SquareTerminal aria-hidden size={14} /> Copy as curl
            </Button>
          </div>
          <ChannelCheckResult draft={draft} result={channelCheck} />
          <StorageCheckReport result={storageCheck} storage={storage} />
          {copyError !== null && (
            <ErrorCallout error={copyError} title="Nothing was copied" testId="copy-error" />
          )}
          {/* Only while it still describes the form: an edit makes it stale. */}
          {copied?.of === draft && (
            <div className="rounded-lg border border-line bg-panel p-3" data-testid="copied">
              <p className="mb-2 text-xs text-muted">Copied the {copied.what} (secrets redacted):</p>
              <pre
                data-testid="copied-text"
                className="max-h-64 overflow-auto font-mono text-xs whitespace-pre-wrap select-text"
              >
                {copied.text}
              </pre>
            </div>
          )}
        </form>
        {editingLayout && (
          <FormLayoutDialog
            draft={draft}
            onClose={() => setEditingLayout(false)}
            onUse={(layout) => {
              set(
                TRANSCODING_CONFIG_PATH,
                withLayout(getIn(draft, TRANSCODING_CONFIG_PATH) as object, layout),
              );
              setEditingLayout(false);
            }}
          />
        )}
      </FormContext.Provider>
    </RecordingFormContext.Provider>
  );
}
