import { History, X } from "lucide-react";

/** Says a form was filled from a stored session ("Run again"), and what was not copied. */
export function RerunNote({ from, onDismiss }: { from: number; onDismiss: () => void }) {
  return (
    <p
      role="status"
      data-testid="rerun-note"
      className="flex items-start gap-2 rounded-md bg-accent-soft px-3 py-2 text-[13px]"
    >
      <History aria-hidden size={14} className="mt-0.5 shrink-0 text-accent" />
      <span className="flex-1">
        Filled from session {from} in History. Secrets come from the keychain and tokens are built again, as
        for any new start; the new session gets new ids.
      </span>
      <button type="button" aria-label="Dismiss" className="text-muted hover:text-fg" onClick={onDismiss}>
        <X aria-hidden size={14} />
      </button>
    </p>
  );
}
