// What a live session's row means to a person: the status code, the files, the time left.
import type { MayBeRecording, SessionKind, SessionRow, SessionState } from "../../../bindings";

/** Agora's last status in words (the label comes from Rust's table of documented codes). */
export function describeStatus(row: SessionRow): string {
  return row.agoraStatus?.label ?? "no status yet";
}

export const STATE_LABEL: Record<SessionState, string> = {
  acquiring: "Acquiring…",
  starting: "Starting…",
  started: "Running",
  stopping: "Stopping…",
  stopped: "Stopped",
  ended: "Ended",
  failed: "Failed",
  unknown: "May be recording",
};

/** A session's state in words; a transcoding task that may be running is not "recording". */
export function stateLabel(kind: SessionKind, state: SessionState): string {
  return kind === "transcoding" && state === "unknown" ? "May be running" : STATE_LABEL[state];
}

export type Tone = "ok" | "warn" | "danger" | "muted" | "accent";

export function stateTone(state: SessionState): Tone {
  switch (state) {
    case "started":
      return "ok";
    case "acquiring":
    case "starting":
    case "stopping":
      return "accent";
    case "failed":
      return "danger";
    case "unknown":
      return "warn";
    default:
      return "muted";
  }
}

/** "1:02:03" / "4:05" since `from` (ms). */
export function formatElapsed(ms: number): string {
  const total = Math.max(0, Math.floor(ms / 1000));
  const h = Math.floor(total / 3600);
  const m = Math.floor((total % 3600) / 60);
  const s = total % 60;
  const mm = h > 0 ? String(m).padStart(2, "0") : String(m);
  return `${h > 0 ? `${h}:` : ""}${mm}:${String(s).padStart(2, "0")}`;
}

/** When the resource id stops working (computed in Rust: 5 min after acquire until start, then resourceExpiredHour). */
export function resourceDeadline(row: SessionRow): { at: number; what: string } | null {
  const d = row.resourceDeadline;
  if (!d) return null;
  return { at: d.atMs, what: d.kind === "startBy" ? "start must use it within" : "REST calls work for" };
}

export function formatCountdown(ms: number): string {
  if (ms <= 0) return "expired";
  const min = Math.floor(ms / 60_000);
  if (min >= 120) return `${Math.floor(min / 60)} h`;
  if (min >= 1) return `${min} min`;
  return `${Math.ceil(ms / 1000)} s`;
}

/** Stop's `uploadingStatus`, as Agora documents it. */
export function describeUpload(status: string | null): string | null {
  switch (status) {
    case null:
      return null;
    case "uploaded":
      return "every file is in your storage (uploaded)";
    case "backuped":
      return "every file was uploaded, some to Agora's backup first; they move to your storage on their own (backuped)";
    case "unknown":
      return "Agora could not tell yet; check your bucket in a few minutes (unknown)";
    default:
      return status;
  }
}

/** What limits a session that may be recording, in plain words, for the session panel. */
export function describeMayBeRecording(
  info: MayBeRecording,
  now: number,
  kind: SessionKind = "recording",
): string[] {
  const at = (ms: number) => new Date(ms).toLocaleString();
  const lines: string[] = [];
  const idName = kind === "transcoding" ? "instanceId" : "resourceId";
  if (info.resourceId)
    lines.push(`${idName} ${info.resourceId} (give it to Agora support if it keeps running)`);
  lines.push(
    info.stoppable
      ? "Its id is known: stop it from here."
      : "Its id is not known yet, so it cannot be stopped from here; Mixdeck keeps asking Agora.",
  );
  lines.push(
    kind === "transcoding"
      ? `Agora ends it by itself ${formatSeconds(info.idleEndSeconds)} after every host it processes has left (idleTimeout).`
      : `Agora ends it by itself ${formatSeconds(info.idleEndSeconds)} after everyone has left the channel.`,
  );
  if (info.endsByMs !== null) lines.push(`It ends at the latest at ${at(info.endsByMs)}.`);
  if (info.apiUntilMs !== null) {
    lines.push(
      info.apiUntilMs > now
        ? `Agora answers for it until ${at(info.apiUntilMs)} (resourceExpiredHour).`
        : `Its resource expired at ${at(info.apiUntilMs)}: Agora no longer answers for it.`,
    );
  }
  return lines;
}

/** "30 s", "5 min", "2 h 5 min". */
export function formatSeconds(total: number): string {
  if (total < 60) return `${total} s`;
  const minutes = Math.round(total / 60);
  const h = Math.floor(minutes / 60);
  const m = minutes % 60;
  if (h === 0) return `${m} min`;
  return m === 0 ? `${h} h` : `${h} h ${m} min`;
}
