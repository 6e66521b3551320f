import { useMutation, useQuery } from "@tanstack/react-query";
import { Pause, Play, RefreshCw, Square } from "lucide-react";
import { useState } from "react";
import type { SessionId, StopOutcome, UpdateClientRequest } from "../../../bindings";
import { MayBeRecordingNotice } from "./MayBeRecordingNotice";
import { IdRow, TONE } from "../../../components/IdRow";
import { Button } from "../../../components/Button";
import { ErrorCallout } from "../../../components/ErrorCallout";
import { inputClass } from "../../../components/Field";
import { reportError } from "../../../lib/ipc";
import { api } from "../../../lib/ipc";
import { useRememberSession, useSessionProblem } from "../../../lib/sessions";
import { useNow } from "../../../lib/useNow";
import {
  STATE_LABEL,
  describeStatus,
  describeUpload,
  formatCountdown,
  formatElapsed,
  resourceDeadline,
  stateTone,
} from "./sessionFacts";
import { LayoutSection } from "./LayoutSection";
import { StorageFiles } from "../../storage/StorageFiles";
import { FileList } from "../../../components/FileList";
import { SubscriptionEditor } from "./SubscriptionEditor";

interface SessionPanelProps {
  id: SessionId;
}

/** One session, live: status and its meaning, ids, files as they come, changes, and stop. */
export function SessionPanel({ id }: SessionPanelProps) {
  const now = useNow();
  const remember = useRememberSession();
  const problem = useSessionProblem(id);
  const session = useQuery({
    queryKey: ["session", id],
    queryFn: async () => (await api.sessionDetail(id)).session,
  });
  const [stopAsync, setStopAsync] = useState(false);
  const [rtmpUrl, setRtmpUrl] = useState("");
  const [outcome, setOutcome] = useState<StopOutcome | null>(null);
  const [done, setDone] = useState<string | null>(null);

  const refresh = useMutation({ mutationFn: () => api.queryRecording(id), onSuccess: remember });
  const check = useMutation({ mutationFn: () => api.checkSession(id), onSuccess: remember });
  const update = useMutation({
    mutationFn: (u: { body: UpdateClientRequest; what: string }) => api.updateRecording(id, u.body),
    onSuccess: (row, u) => {
      remember(row);
      setDone(u.what);
      // The answer to update carries no status: query so the panel shows the change (e.g. onhold).
      refresh.mutate();
    },
  });
  const stop = useMutation({
    mutationFn: () => api.stopRecording(id, stopAsync),
    onSuccess: (o) => {
      remember(o.session);
      setOutcome(o);
    },
  });

  const row = session.data;
  if (session.isError) return <ErrorCallout error={session.error} title="This session could not be loaded" />;
  if (!row) return <p className="py-8 text-muted">Loading…</p>;

  const active = row.isOpen;
  const running = row.state === "started" && row.sid !== null;
  const deadline = resourceDeadline(row);
  const onhold = row.webOnhold;
  const mode = row.mode ?? "mix";
  const err = row.error;

  return (
    <article data-testid="session-panel" data-session-id={row.id} className="flex flex-col gap-4">
      <header className="flex flex-wrap items-start gap-3">
        <div className="min-w-0 flex-1">
          <h2 className="truncate text-lg font-semibold">
            {row.cname}{" "}
            <span className="text-sm font-normal text-muted">
              · {mode} · bot {row.uid}
            </span>
          </h2>
          <p className="text-xs text-muted">
            {row.profileName} · started {row.startedAt ? new Date(row.startedAt).toLocaleTimeString() : "—"}
            {row.startedAt && (
              <>
                {" · "}
                <span data-testid="session-elapsed">
                  {formatElapsed((row.endedAt ?? now) - row.startedAt)}
                </span>
              </>
            )}
          </p>
        </div>
        <span
          data-testid="session-state"
          className={`rounded-full px-2.5 py-0.5 text-xs font-medium ${TONE[stateTone(row.state)]}`}
        >
          {STATE_LABEL[row.state]}
        </span>
      </header>

      <div className="grid grid-cols-2 gap-4 rounded-lg border border-line bg-panel p-4">
        <div className="flex flex-col gap-1">
          <span className="text-xs text-muted">Agora status</span>
          <span data-testid="session-status" className="text-[15px] font-medium">
            {row.agoraStatus?.code != null ? `${row.agoraStatus.code}: ` : ""}
            {row.agoraStatus === null && !active
              ? `${STATE_LABEL[row.state]}: no longer running`
              : describeStatus(row)}
          </span>
          {deadline && active && !row.mayBeRecording && (
            <span className="text-xs text-muted" data-testid="session-resource-countdown">
              resourceId: {deadline.what} {formatCountdown(deadline.at - now)}
            </span>
          )}
        </div>
        <div className="flex flex-col gap-1">
          <IdRow label="sid" value={row.sid} />
          <IdRow label="resourceId" value={row.resourceId} />
        </div>
      </div>

      {row.mayBeRecording && (
        <MayBeRecordingNotice
          info={row.mayBeRecording}
          checking={check.isPending}
          onCheck={() => check.mutate()}
          error={check.error}
        />
      )}

      {problem && (
        <div
          role="alert"
          data-testid="session-problem"
          className="rounded-lg border border-warn/50 bg-warn/10 px-4 py-3 text-[13px]"
        >
          <p className="font-medium">{problem.message}</p>
          {problem.causes.length > 0 && (
            <>
              <p className="mt-1 text-xs text-muted">Likely causes, most likely first:</p>
              <ol className="ml-5 list-decimal text-xs">
                {problem.causes.map((c) => (
                  <li key={c}>{c}</li>
                ))}
              </ol>
            </>
          )}
        </div>
      )}
      {err?.message && !active && (
        <ErrorCallout
          error={reportError(err)}
          testId="session-stored-error"
          title={err.code ? `Ended with ${err.code}` : "Ended with an error"}
        />
      )}

      <FileList row={row} running={running} />
      {row.sid && <StorageFiles key={row.id} row={row} />}

      {mode === "mix" && row.sid && <LayoutSection row={row} running={running} />}

      {running && (mode === "individual" || mode === "mix") && (
        <section className="rounded-lg border border-line bg-panel p-4">
          <h3 className="mb-3 font-medium">Subscriptions</h3>
          <SubscriptionEditor
            row={row}
            busy={update.isPending}
            onApply={(body) => update.mutate({ body, what: "Subscriptions updated." })}
          />
        </section>
      )}

      {running && mode === "web" && (
        <section className="flex flex-col gap-3 rounded-lg border border-line bg-panel p-4">
          <h3 className="font-medium">Web page</h3>
          <div className="flex items-center gap-2">
            <Button
              data-testid="web-onhold"
              busy={update.isPending}
              onClick={() =>
                update.mutate({
                  body: { webRecordingConfig: { onhold: onhold !== true } },
                  what: onhold === true ? "Resumed." : "Paused: no slices are written until you resume.",
                })
              }
            >
              {onhold === true ? <Play aria-hidden size={14} /> : <Pause aria-hidden size={14} />}
              {onhold === true ? "Resume" : "Pause"}
            </Button>
            <span className="text-xs text-muted">
              {onhold === null ? "" : onhold ? "On hold" : "Recording"}
            </span>
          </div>
          <div className="flex gap-2">
            <input
              aria-label="New CDN URL"
              data-testid="web-rtmp-url"
              className={inputClass + " flex-1 font-mono"}
              placeholder="rtmp://live.example.com/app/key"
              value={rtmpUrl}
              onChange={(e) => setRtmpUrl(e.target.value)}
            />
            <Button
              disabled={!rtmpUrl}
              busy={update.isPending}
              onClick={() =>
                update.mutate({
                  body: { rtmpPublishConfig: { outputs: [{ rtmpUrl }] } },
                  what: "CDN URL updated.",
                })
              }
            >
              Update CDN URL
            </Button>
          </div>
        </section>
      )}

      {update.error && (
        <ErrorCallout error={update.error} title="The update was refused" testId="update-error" />
      )}
      {done && !update.error && (
        <p role="status" data-testid="update-done" className="text-xs text-ok">
          {done}
        </p>
      )}

      <footer className="flex flex-wrap items-center gap-2 border-t border-line pt-3">
        <Button
          data-testid="session-refresh"
          busy={refresh.isPending}
          disabled={!row.sid || !active}
          onClick={() => refresh.mutate()}
        >
          <RefreshCw aria-hidden size={14} /> Query now
        </Button>
        <span className="flex-1" />
        {active && (
          <>
            <label className="flex items-center gap-1.5 text-xs text-muted">
              <input
                type="checkbox"
                data-testid="stop-async"
                checked={stopAsync}
                onChange={(e) => setStopAsync(e.target.checked)}
              />
              Don't wait for the upload (async stop)
            </label>
            <Button
              variant="danger"
              data-testid="session-stop"
              busy={stop.isPending}
              disabled={!row.sid}
              onClick={() => stop.mutate()}
            >
              <Square aria-hidden size={14} /> Stop
            </Button>
          </>
        )}
      </footer>
      {refresh.error && <ErrorCallout error={refresh.error} title="Query failed" testId="query-error" />}
      {stop.error && <ErrorCallout error={stop.error} title="Stop failed" testId="stop-error" />}
      {outcome && (
        <div
          role="status"
          data-testid="stop-outcome"
          className="rounded-lg border border-line bg-panel p-4 text-[13px]"
        >
          <p className="font-medium">
            Stopped{outcome.uploadStatus ? `: ${describeUpload(outcome.uploadStatus)}` : ""}.
          </p>
          {outcome.note && <p className="text-muted">{outcome.note}</p>}
          <p className="text-xs text-muted">
            {outcome.session.files.length} files in the final list (above).
          </p>
        </div>
      )}
    </article>
  );
}
