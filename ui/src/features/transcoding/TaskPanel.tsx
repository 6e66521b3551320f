import { useMutation, useQuery } from "@tanstack/react-query";
import { RefreshCw, Send, Trash2 } from "lucide-react";
import { useState } from "react";
import type { SessionId, SessionRow } from "../../bindings";
import { Button } from "../../components/Button";
import { ErrorCallout } from "../../components/ErrorCallout";
import { IdRow, SecretHintRow, TONE } from "../../components/IdRow";
import { IpcError, api, reportError } from "../../lib/ipc";
import { useRememberSession } from "../../lib/sessions";
import { useNow } from "../../lib/useNow";
import { MayBeRecordingNotice } from "../recording/session/MayBeRecordingNotice";
import { formatElapsed, stateLabel, stateTone } from "../recording/session/sessionFacts";
import { type TranscodingDraft, createBody } from "./draft";
import { TranscodingForm } from "./TranscodingForm";
import { findingsByPath } from "./validation";

/** The running task's config as a draft: what an update edits and sends whole. */
function draftOf(row: SessionRow): TranscodingDraft | null {
  if (row.config.kind !== "transcoding") return null;
  // Its tokens are stored redacted: the engine builds fresh ones for the update.
  return {
    instanceId: row.cname,
    transcoder: row.config.create.services.cloudTranscoder.config.transcoder,
    generateTokens: true,
  };
}

/** One transcoding task, live: its status and what it means, query, update with the next sequenceId, delete. */
export function TaskPanel({ id }: { id: SessionId }) {
  const now = useNow();
  const remember = useRememberSession();
  const session = useQuery({
    queryKey: ["session", id],
    queryFn: async () => (await api.sessionDetail(id)).session,
  });
  const [editing, setEditing] = useState<TranscodingDraft | null>(null);
  const [updatedTo, setUpdatedTo] = useState<number | null>(null);
  const query = useMutation({ mutationFn: () => api.queryTranscoding(id), onSuccess: remember });
  const check = useMutation({ mutationFn: () => api.checkSession(id), onSuccess: remember });
  const update = useMutation({
    mutationFn: (d: TranscodingDraft) => api.updateTranscoding(id, createBody(d)),
    onSuccess: (row) => {
      remember(row);
      setUpdatedTo(row.sequenceId);
      setEditing(null);
    },
  });
  const remove = useMutation({ mutationFn: () => api.deleteTranscoding(id), onSuccess: remember });

  const row = session.data;
  if (session.isError) return <ErrorCallout error={session.error} title="This task could not be loaded" />;
  if (!row) return <p className="py-8 text-muted">Loading…</p>;
  const running = row.state === "started" && row.taskId !== null;
  const err = row.error;
  const failure = query.error ?? update.error ?? remove.error;
  const serverErrors =
    update.error instanceof IpcError && update.error.report.fields?.length
      ? findingsByPath(update.error.report.fields).errors
      : {};

  return (
    <article data-testid="task-panel" data-session-id={row.id} className="flex flex-col gap-4">
      <header className="flex flex-wrap items-start gap-3">
        <div className="min-w-0 flex-1">
          <h2 className="truncate text-lg font-semibold">
            {row.cname} <span className="text-sm font-normal text-muted">· transcoding task</span>
          </h2>
          <p className="text-xs text-muted">
            {row.profileName} · created {new Date(row.createdAt).toLocaleTimeString()}
            {row.startedAt && <> · {formatElapsed((row.endedAt ?? now) - row.startedAt)}</>}
          </p>
        </div>
        <span
          data-testid="task-state"
          className={`rounded-full px-2.5 py-0.5 text-xs font-medium ${TONE[stateTone(row.state)]}`}
        >
          {stateLabel(row.kind, row.state)}
        </span>
      </header>

      <div className="grid grid-cols-2 gap-4 rounded-lg border border-line bg-panel p-4">
        <div className="flex flex-col gap-1 text-[13px]">
          <span className="text-xs text-muted">Agora says</span>
          <span data-testid="task-status">{row.agoraStatus?.label ?? "not asked yet"}</span>
          <span className="text-xs text-muted" data-testid="task-sequence">
            {row.sequenceId === null
              ? "No update sent yet."
              : `Last update sent with sequenceId ${row.sequenceId}.`}
          </span>
        </div>
        <div className="flex flex-col gap-1">
          <IdRow label="taskId" value={row.taskId} />
          <IdRow label="instanceId" value={row.cname} />
          <SecretHintRow label="builderToken" last4={row.builderTokenLast4} />
        </div>
      </div>

      {row.mayBeRecording && (
        <MayBeRecordingNotice
          kind="transcoding"
          info={row.mayBeRecording}
          checking={check.isPending}
          onCheck={() => check.mutate()}
          error={check.error}
        />
      )}
      {err?.message && !row.isOpen && (
        <ErrorCallout error={reportError(err)} testId="task-stored-error" title={`Ended with ${err.code}`} />
      )}
      {failure && !Object.keys(serverErrors).length && (
        <ErrorCallout error={failure} title="Agora refused the request" testId="task-error" />
      )}
      {updatedTo !== null && !editing && (
        <p role="status" className="text-[13px] text-ok" data-testid="task-updated">
          Updated with sequenceId {updatedTo}.
        </p>
      )}

      {editing ? (
        <TranscodingForm
          idPrefix="update-"
          draft={editing}
          onChange={(next) =>
            setEditing((d) => (d && typeof next === "function" ? next(d) : (next as TranscodingDraft)))
          }
          submitted
          onSend={() => editing && update.mutate(editing)}
          running
          serverErrors={serverErrors}
        >
          {({ errorCount, send }) => (
            <div className="flex items-center gap-2">
              <Button variant="primary" busy={update.isPending} data-testid="task-send-update" onClick={send}>
                <Send aria-hidden size={14} /> Send update (sequenceId {(row.sequenceId ?? 0) + 1} or above)
              </Button>
              <Button variant="ghost" onClick={() => setEditing(null)}>
                Cancel
              </Button>
              {errorCount > 0 && (
                <span className="text-xs text-danger">
                  Fix {errorCount} {errorCount === 1 ? "problem" : "problems"} first: nothing was sent.
                </span>
              )}
            </div>
          )}
        </TranscodingForm>
      ) : (
        <div className="flex flex-wrap items-center gap-2">
          <Button
            data-testid="task-query"
            busy={query.isPending}
            disabled={!row.taskId}
            onClick={() => query.mutate()}
          >
            <RefreshCw aria-hidden size={14} /> Query
          </Button>
          {running && (
            <Button data-testid="task-edit" onClick={() => setEditing(draftOf(row))}>
              Edit and update
            </Button>
          )}
          {row.isOpen && (
            <Button
              variant="danger"
              data-testid="task-delete"
              busy={remove.isPending}
              disabled={!row.taskId}
              onClick={() => remove.mutate()}
            >
              <Trash2 aria-hidden size={14} /> Delete task
            </Button>
          )}
        </div>
      )}
    </article>
  );
}
