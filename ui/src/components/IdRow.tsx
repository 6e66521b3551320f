import { Copy } from "lucide-react";
import { copyText } from "../lib/ipc";

/** Badge colours by a state's tone (see `stateTone`). */
export const TONE: Record<string, string> = {
  ok: "bg-ok/15 text-ok",
  accent: "bg-accent-soft text-accent",
  danger: "bg-danger/15 text-danger",
  warn: "bg-warn/15 text-warn",
  muted: "bg-canvas text-muted",
};

/** An id support asks for (resourceId, sid, taskId…), copyable; nothing when unknown. */
export function IdRow({ label, value }: { label: string; value: string | null }) {
  if (!value) return null;
  return (
    <div className="flex items-center gap-2 text-xs">
      <span className="w-20 shrink-0 text-muted">{label}</span>
      <code className="truncate font-mono select-text" data-testid={`session-${label}`}>
        {value}
      </code>
      <button
        type="button"
        aria-label={`Copy ${label}`}
        className="text-muted hover:text-fg"
        onClick={() => void copyText(value)}
      >
        <Copy aria-hidden size={12} />
      </button>
    </div>
  );
}

/** A secret id (a builder token): never shown or copied, only that it is kept and its last 4. */
export function SecretHintRow({ label, last4 }: { label: string; last4: string | null }) {
  if (last4 === null) return null;
  return (
    <div className="flex items-center gap-2 text-xs">
      <span className="w-20 shrink-0 text-muted">{label}</span>
      <span data-testid={`session-${label}`}>
        <code className="font-mono">{last4 ? `…${last4}` : "set"}</code>
        <span className="text-muted"> · in the OS keychain</span>
      </span>
    </div>
  );
}
