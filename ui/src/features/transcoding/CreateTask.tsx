import { useMutation } from "@tanstack/react-query";
import { Play, SquareTerminal } from "lucide-react";
import { useCallback, useRef, useState } from "react";
import { useRerunPlan } from "../../lib/rerun";
import { RerunNote } from "../../components/RerunNote";
import type { ProfileView, RerunPlan, SessionId, SessionRow } from "../../bindings";
import { Button } from "../../components/Button";
import { ErrorCallout } from "../../components/ErrorCallout";
import { PresetBar } from "../../components/PresetBar";
import { IpcError, api, copyText } from "../../lib/ipc";
import { useRecentSessions, useRememberSession } from "../../lib/sessions";
import {
  type TranscodingDraft,
  beginRequest,
  draftFromCreate,
  newTranscodingDraft,
  templateOf,
} from "./draft";
import { TranscodingForm } from "./TranscodingForm";
import { findingsByPath } from "./validation";

interface CreateTaskProps {
  profile: ProfileView | undefined;
  onCreated: (id: SessionId) => void;
}

/** A new Cloud Transcoding task: builderTokens and create in one action. */
export function CreateTask({ profile, onCreated }: CreateTaskProps) {
  const [draft, setDraft] = useState<TranscodingDraft>(() => newTranscodingDraft());
  const [submitted, setSubmitted] = useState(false);
  const [copied, setCopied] = useState<{ text: string; of: TranscodingDraft } | null>(null);
  const [copyError, setCopyError] = useState<unknown>(null);
  const remember = useRememberSession();
  const recent = useRecentSessions();
  const [pressedAt, setPressedAt] = useState(0);
  const sending = useRef(false);
  const [rerunFrom, setRerunFrom] = useState<number | null>(null);
  useRerunPlan(
    "transcodingCreate",
    useCallback((plan: RerunPlan) => {
      if (plan.template.kind !== "transcodingCreate") return;
      const t = plan.template.body;
      setDraft((d) => ({
        ...draftFromCreate(t.create, d, t.generateTokens),
        instanceId: plan.instanceId ?? d.instanceId,
      }));
      setSubmitted(false);
      setRerunFrom(plan.from);
    }, []),
  );
  const create = useMutation({
    mutationFn: () => {
      if (!profile) throw new Error("Pick a profile first (status bar, bottom left).");
      return api.beginTranscoding(beginRequest(draft, profile.id));
    },
    onSuccess: (row) => {
      remember(row);
      onCreated(row.id);
    },
  });
  // The engine writes the row before each step: its state says which step is under way.
  const mine = (r: SessionRow) =>
    r.kind === "transcoding" && r.createdAt >= pressedAt && r.cname === draft.instanceId;
  const inFlight = recent.data?.find((r) => mine(r) && (r.state === "acquiring" || r.state === "starting"));
  // A failed create that may still have created the task (a lost answer, a 5xx): kept as open.
  const maybeCreated = create.error ? recent.data?.find((r) => mine(r) && r.state === "unknown") : undefined;
  const progress =
    inFlight?.state === "starting"
      ? "2 of 2: creating the task…"
      : create.isPending
        ? "1 of 2: getting a builder token…"
        : null;
  const serverErrors =
    create.error instanceof IpcError && create.error.report.fields?.length
      ? findingsByPath(create.error.report.fields).errors
      : {};
  return (
    <form
      className="flex flex-col gap-3"
      data-testid="create-task-form"
      onSubmit={(e) => {
        e.preventDefault();
        setSubmitted(true);
        create.reset();
      }}
    >
      {rerunFrom !== null && <RerunNote from={rerunFrom} onDismiss={() => setRerunFrom(null)} />}
      <PresetBar
        kind="transcodingCreate"
        testIds="tc-preset"
        body={() => templateOf(draft)}
        onLoad={(t) => {
          setDraft((d) => draftFromCreate(t.create, d, t.generateTokens ?? true));
          return null;
        }}
      />
      <TranscodingForm
        draft={draft}
        onChange={setDraft}
        submitted={submitted}
        serverErrors={serverErrors}
        onSend={() => {
          // A second press while the first create is in flight would create a second task.
          if (sending.current) return;
          sending.current = true;
          setPressedAt(Date.now());
          create
            .mutateAsync()
            .catch(() => undefined)
            .finally(() => (sending.current = false));
        }}
      >
        {({ errorCount, checking, send }) => (
          <>
            {create.error && !Object.keys(serverErrors).length && (
              <div>
                <ErrorCallout
                  error={create.error}
                  title={maybeCreated ? "The task may have been created" : "The task was not created"}
                  testId="create-task-error"
                />
                {maybeCreated && (
                  <p className="mt-2 flex items-center gap-3 text-[13px]" data-testid="create-maybe">
                    Agora may be running it (and billing): it is kept as an active task.
                    <Button data-testid="open-maybe-task" onClick={() => onCreated(maybeCreated.id)}>
                      Open the task
                    </Button>
                  </p>
                )}
              </div>
            )}
            <div className="sticky -bottom-10 -mx-1 flex items-center gap-2 border-t border-line bg-canvas px-1 pt-3 pb-13">
              <Button
                variant="primary"
                busy={create.isPending}
                data-testid="create-task"
                onClick={() => {
                  setSubmitted(true);
                  send();
                }}
              >
                <Play aria-hidden size={14} />{" "}
                {create.isPending ? (progress ?? "Creating…") : checking ? "Checking…" : "Create task"}
              </Button>
              <span
                data-testid="create-task-progress"
                aria-live="polite"
                className="min-w-0 flex-1 truncate text-xs text-muted"
              >
                {submitted && errorCount > 0
                  ? `Fix ${errorCount} ${errorCount === 1 ? "problem" : "problems"} first: nothing was sent.`
                  : create.isPending
                    ? "builderTokens, then create within 2 s of it"
                    : maybeCreated
                      ? "May be running: the answer to create did not settle it (details below)."
                      : ""}
              </span>
              <Button
                variant="ghost"
                data-testid="tc-copy-curl"
                disabled={!profile}
                onClick={() =>
                  void (async () => {
                    if (!profile) return;
                    try {
                      setCopyError(null);
                      const reqs = await api.previewTranscoding(beginRequest(draft, profile.id));
                      const text = reqs.map((r) => `# ${r.op}\n${r.curl}`).join("\n\n");
                      await copyText(text);
                      setCopied({ text, of: draft });
                    } catch (e) {
                      setCopyError(e);
                    }
                  })()
                }
              >
                <SquareTerminal aria-hidden size={14} /> Copy as curl
              </Button>
            </div>
            {copyError !== null && (
              <ErrorCallout error={copyError} title="Nothing was copied" testId="tc-copy-error" />
            )}
            {copied?.of === draft && (
              <div className="rounded-lg border border-line bg-panel p-3" data-testid="tc-copied">
                <p className="mb-2 text-xs text-muted">Copied the curl commands (secrets redacted):</p>
                <pre
                  data-testid="tc-copied-text"
                  className="max-h-64 overflow-auto font-mono text-xs whitespace-pre-wrap select-text"
                >
                  {copied.text}
                </pre>
              </div>
            )}
          </>
        )}
      </TranscodingForm>
    </form>
  );
}
