import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { BookmarkPlus, Download, ExternalLink, Play, Square, Trash2, X } from "lucide-react";
import { useState } from "react";
import type { SessionDetail, SessionId, SessionRow } from "../../bindings";
import { Button } from "../../components/Button";
import { ErrorCallout } from "../../components/ErrorCallout";
import { StorageFiles } from "../storage/StorageFiles";
import { FileList } from "../../components/FileList";
import { IdRow, SecretHintRow } from "../../components/IdRow";
import { api, pickSaveFile, reportError, writeTextFile } from "../../lib/ipc";
import { useActiveProfile } from "../../lib/activeProfile";
import { requestRerun } from "../../lib/rerun";
import { selectSession } from "../../lib/selection";
import { HISTORY_KEY, useRememberSession } from "../../lib/sessions";
import { useNow } from "../../lib/useNow";
import { MayBeRecordingNotice } from "../recording/session/MayBeRecordingNotice";
import { LayoutThumbnail } from "./LayoutThumbnail";
import { PagedTimeline } from "./Timeline";
import { channelLabel, formatClock, formatDuration, formatWhen, sessionDuration } from "./format";

interface Props {
  id: SessionId;
  onClose: () => void;
  /** Switches to the view of a kind (Run again, the live panel). */
  onOpenView: (kind: SessionRow["kind"]) => void;
}

function Fact({ label, children, testId }: { label: string; children: React.ReactNode; testId?: string }) {
  return (
    <div className="flex gap-2 text-xs">
      <span className="w-20 shrink-0 text-muted">{label}</span>
      <span className="min-w-0 break-words" data-testid={testId}>
        {children}
      </span>
    </div>
  );
}

function Summary({ d }: { d: SessionDetail }) {
  const s = d.session;
  const now = useNow();
  const ran = sessionDuration(s, now);
  return (
    <section
      className="flex flex-col gap-1.5 rounded-lg border border-line bg-panel p-4"
      data-testid="history-summary"
    >
      <IdRow label={s.kind === "transcoding" ? "instanceId" : "channel"} value={s.cname} />
      <IdRow label="uid" value={s.uid} />
      <IdRow label="resourceId" value={s.resourceId} />
      <IdRow label="sid" value={s.sid} />
      <IdRow label="taskId" value={s.taskId} />
      <SecretHintRow label="builderToken" last4={s.builderTokenLast4} />
      <Fact label="profile">{s.profileName}</Fact>
      <Fact label="host" testId="history-host">
        {d.host ?? "–"}
      </Fact>
      <Fact label="created">{formatWhen(s.createdAt)}</Fact>
      {s.startedAt !== null && <Fact label="started">{formatWhen(s.startedAt)}</Fact>}
      {s.endedAt !== null && <Fact label="ended">{formatWhen(s.endedAt)}</Fact>}
      {ran !== null && <Fact label="ran">{formatDuration(ran)}</Fact>}
      <Fact label="status" testId="history-agora-status">
        {s.agoraStatus?.label ?? "none reported"}
      </Fact>
      {d.uploadingStatus && (
        <Fact label="uploading" testId="history-uploading">
          {d.uploadingStatus.value}: {d.uploadingStatus.meaning}
        </Fact>
      )}
      {s.error && (
        <ErrorCallout error={reportError(s.error)} title="What went wrong" testId="history-error" />
      )}
    </section>
  );
}

function Layouts({ d }: { d: SessionDetail }) {
  if (d.layouts.length === 0) return null;
  return (
    <section className="rounded-lg border border-line bg-panel p-4" data-testid="history-layouts">
      <h3 className="mb-2 font-medium">Layouts applied</h3>
      <ol className="flex flex-col gap-2">
        {d.layouts.map((l, i) => (
          <li key={`${l.at}-${i}`} className="flex items-center gap-3 text-xs" data-testid="history-layout">
            <LayoutThumbnail layout={l} />
            <div className="min-w-0">
              <p className="font-medium">
                {l.op} · {formatClock(l.at)}
                {!l.accepted && <span className="ml-2 text-danger">not applied</span>}
              </p>
              <p className="text-muted">
                {l.arrangement}, {l.canvas.width} × {l.canvas.height}, {l.background}
              </p>
              {l.tiles.length > 0 && (
                <p className="truncate text-muted">{l.tiles.map((t) => t.label).join(", ")}</p>
              )}
            </div>
          </li>
        ))}
      </ol>
    </section>
  );
}

function configJson(s: SessionRow): string {
  const c = s.config;
  if (c.kind === "recording") return JSON.stringify({ acquire: c.acquire, start: c.start }, null, 2);
  if (c.kind === "transcoding") return JSON.stringify(c.create, null, 2);
  return c.json;
}

/** One session from the history: what ran, with which settings, every exchange and what came out. */
export function SessionDetailPanel({ id, onClose, onOpenView }: Props) {
  const client = useQueryClient();
  const remember = useRememberSession();
  const [, setActiveProfile] = useActiveProfile();
  const detail = useQuery({ queryKey: ["sessionDetail", id], queryFn: () => api.sessionDetail(id) });
  const [confirmDelete, setConfirmDelete] = useState(false);
  const [presetName, setPresetName] = useState<string | null>(null);
  const [note, setNote] = useState<string | null>(null);

  const refresh = () => {
    void client.invalidateQueries({ queryKey: ["sessionDetail", id] });
    void client.invalidateQueries({ queryKey: [HISTORY_KEY] });
  };
  const stop = useMutation({
    mutationFn: async (row: SessionRow) =>
      row.kind === "recording"
        ? (await api.stopRecording(row.id, false)).session
        : api.deleteTranscoding(row.id),
    onSuccess: remember,
    onSettled: refresh,
  });
  const check = useMutation({
    mutationFn: () => api.checkSession(id),
    onSuccess: remember,
    onSettled: refresh,
  });
  const rerun = useMutation({
    mutationFn: () => api.rerunPlan(id),
    onSuccess: (plan) => {
      if (plan.profileId !== null) setActiveProfile(plan.profileId);
      const kind = plan.template.kind === "transcodingCreate" ? "transcoding" : "recording";
      selectSession(kind, null);
      requestRerun(plan);
      onOpenView(kind);
    },
  });
  const savePreset = useMutation({
    mutationFn: async (name: string) => api.savePreset(name, (await api.rerunPlan(id)).template),
    onSuccess: (p) => {
      setPresetName(null);
      setNote(`Saved as preset “${p.name}”.`);
      void client.invalidateQueries({ queryKey: ["presets"] });
    },
  });
  const exportOne = useMutation({
    mutationFn: async () => {
      const path = await pickSaveFile(`mixdeck-session-${id}.json`);
      if (!path) return null;
      await writeTextFile(path, await api.exportHistory({ kind: "session", id }));
      return path;
    },
    onSuccess: (path) => path && setNote(`Exported to ${path}.`),
  });
  const remove = useMutation({
    mutationFn: () => api.deleteSession(id),
    onSuccess: () => {
      client.removeQueries({ queryKey: ["sessionDetail", id] });
      void client.invalidateQueries({ queryKey: [HISTORY_KEY] });
      void client.invalidateQueries({ queryKey: ["sessions"] });
      onClose();
    },
  });

  if (detail.isPending) return <p className="p-4 text-muted">Reading session {id}…</p>;
  if (detail.error) return <ErrorCallout error={detail.error} title={`Session ${id} could not be read`} />;
  const d = detail.data;
  const s = d.session;
  const stoppable =
    s.isOpen &&
    (s.mayBeRecording
      ? s.mayBeRecording.stoppable
      : s.kind === "recording"
        ? s.sid !== null
        : s.taskId !== null);
  const actionError =
    stop.error ?? check.error ?? rerun.error ?? savePreset.error ?? exportOne.error ?? remove.error;

  return (
    <div className="flex flex-col gap-3" data-testid="history-detail">
      <header className="flex items-start gap-2">
        <div className="min-w-0 flex-1">
          <h2 className="truncate text-lg font-semibold" data-testid="history-detail-title">
            {channelLabel(s)}
          </h2>
          <p className="text-xs text-muted">
            Session {s.id} ·{" "}
            {s.kind === "recording" ? `recording, ${s.mode ?? "?"} mode` : "transcoding task"}
          </p>
        </div>
        <Button variant="ghost" aria-label="Close" data-testid="history-detail-close" onClick={onClose}>
          <X aria-hidden size={14} />
        </Button>
      </header>

      {s.mayBeRecording && (
        <MayBeRecordingNotice
          info={s.mayBeRecording}
          checking={check.isPending}
          onCheck={() => check.mutate()}
          error={check.error}
          kind={s.kind}
        />
      )}

      {(s.unreadable?.length ?? 0) > 0 && (
        <p data-testid="history-unreadable" className="text-[13px] text-warn">
          Part of this record could not be read from the database ({s.unreadable?.join(", ")}): it is damaged
          or was written by a newer Mixdeck. What is shown is all that could be read.
        </p>
      )}

      <div className="flex flex-wrap gap-2" data-testid="history-actions">
        {s.isOpen && (
          <Button
            data-testid="history-open-live"
            onClick={() => {
              selectSession(s.kind, s.id);
              onOpenView(s.kind);
            }}
          >
            <ExternalLink aria-hidden size={14} /> Live panel
          </Button>
        )}
        {stoppable && (
          <Button
            variant="danger"
            busy={stop.isPending}
            data-testid="history-stop"
            onClick={() => stop.mutate(s)}
          >
            <Square aria-hidden size={14} /> {s.kind === "recording" ? "Stop" : "Delete task"}
          </Button>
        )}
        <Button
          variant="primary"
          busy={rerun.isPending}
          data-testid="history-rerun"
          disabled={s.config.kind === "unrecognized"}
          onClick={() => rerun.mutate()}
        >
          <Play aria-hidden size={14} /> Run again
        </Button>
        <Button
          data-testid="history-save-preset"
          disabled={s.config.kind === "unrecognized"}
          onClick={() => setPresetName(`${channelLabel(s)} (session ${s.id})`)}
        >
          <BookmarkPlus aria-hidden size={14} /> Save as preset
        </Button>
        <Button busy={exportOne.isPending} data-testid="history-export" onClick={() => exportOne.mutate()}>
          <Download aria-hidden size={14} /> Export…
        </Button>
        <Button
          variant="ghost"
          data-testid="history-delete"
          disabled={s.isOpen}
          title={s.isOpen ? "It may still be running: stop it first." : undefined}
          onClick={() => setConfirmDelete(true)}
        >
          <Trash2 aria-hidden size={14} /> Delete…
        </Button>
      </div>

      {presetName !== null && (
        <form
          className="flex items-center gap-2 text-[13px]"
          onSubmit={(e) => {
            e.preventDefault();
            savePreset.mutate(presetName);
          }}
        >
          <input
            aria-label="Preset name"
            data-testid="history-preset-name"
            className="flex-1 rounded-md border border-line bg-panel px-2 py-1"
            value={presetName}
            onChange={(e) => setPresetName(e.target.value)}
          />
          <Button
            type="submit"
            variant="primary"
            busy={savePreset.isPending}
            data-testid="history-preset-save"
          >
            Save
          </Button>
          <Button variant="ghost" onClick={() => setPresetName(null)}>
            Cancel
          </Button>
        </form>
      )}

      {confirmDelete && (
        <div
          role="alertdialog"
          aria-label="Delete from history"
          data-testid="history-delete-confirm"
          className="flex items-center gap-3 rounded-md bg-danger/10 px-3 py-2 text-[13px]"
        >
          <span className="flex-1">
            Delete session {s.id} and its request log from Mixdeck&apos;s history? Nothing at Agora is
            touched: no request is sent, and files in your storage stay where they are.
          </span>
          <Button
            variant="danger"
            busy={remove.isPending}
            data-testid="history-delete-yes"
            onClick={() => remove.mutate()}
          >
            Delete
          </Button>
          <Button variant="ghost" onClick={() => setConfirmDelete(false)}>
            Keep
          </Button>
        </div>
      )}
      {note && (
        <p role="status" className="text-xs text-muted" data-testid="history-note">
          {note}
        </p>
      )}
      {actionError && (
        <ErrorCallout error={actionError} title="That did not work" testId="history-action-error" />
      )}

      <Summary d={d} />
      {s.kind === "recording" && <FileList row={s} running={s.isOpen} />}
      {s.kind === "recording" && s.sid && <StorageFiles key={s.id} row={s} />}
      <Layouts d={d} />
      <details className="rounded-lg border border-line bg-panel p-4" data-testid="history-config">
        <summary className="cursor-pointer font-medium">
          Settings it ran with{" "}
          <span className="text-xs font-normal text-muted">
            ({s.kind === "recording" ? "acquire and start bodies" : "create body, or the last update's"},
            secrets redacted)
          </span>
        </summary>
        <pre className="mt-2 max-h-96 overflow-auto rounded bg-canvas p-2 font-mono text-xs select-text">
          {configJson(s)}
        </pre>
      </details>
      <section className="rounded-lg border border-line bg-panel p-4">
        <h3 className="mb-2 font-medium">
          Timeline{" "}
          <span className="text-xs font-normal text-muted">
            ({d.timeline.length + d.earlier} requests
            {d.earlier > 0 ? `, the newest ${d.timeline.length} shown` : ""})
          </span>
        </h3>
        <PagedTimeline key={s.id} id={s.id} newest={d.timeline} earlier={d.earlier} />
      </section>
    </div>
  );
}
