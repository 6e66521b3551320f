import { CircleAlert } from "lucide-react";
import { IpcError } from "../lib/ipc";

interface ErrorCalloutProps {
  error: unknown;
  /** What was being done, e.g. "Start failed". */
  title: string;
  testId?: string;
}

/** A command's failure in full: what happened, Agora's code and what it means, and what to do. */
export function ErrorCallout({ error, title, testId }: ErrorCalloutProps) {
  const e = error instanceof IpcError ? error : null;
  const d = e?.report;
  const message = error instanceof Error ? error.message : String(error);
  const facts = [
    d?.httpStatus ? `HTTP ${d.httpStatus}` : null,
    d?.agoraCode !== undefined && d?.agoraCode !== null ? `Agora code ${d.agoraCode}` : null,
    e ? e.code : null,
  ].filter(Boolean);
  return (
    <div
      role="alert"
      data-testid={testId}
      className="flex gap-3 rounded-lg border border-danger/40 bg-danger/5 px-4 py-3 text-[13px]"
    >
      <CircleAlert aria-hidden size={18} className="mt-0.5 shrink-0 text-danger" />
      <div className="flex min-w-0 flex-col gap-1">
        <p className="font-medium text-danger">{title}</p>
        <p className="select-text [overflow-wrap:anywhere]">{message}</p>
        {d?.cause && (
          <p className="select-text">
            <span className="text-muted">What it means: </span>
            {d.cause}
          </p>
        )}
        {d?.fix && (
          <p className="select-text">
            <span className="text-muted">What to do: </span>
            {d.fix}
          </p>
        )}
        {facts.length > 0 && (
          <p className="select-text font-mono text-xs text-muted">
            {facts.join(" · ")}
            {d?.requestId ? ` · X-Request-ID ${d.requestId}` : ""}
            {d?.host ? ` · ${d.host}` : ""}
          </p>
        )}
      </div>
    </div>
  );
}
