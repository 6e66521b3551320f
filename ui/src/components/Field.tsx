import { useId, type ReactNode } from "react";

interface FieldProps {
  label: string;
  /** The rule or a hint, shown under the input when there is no error. */
  hint?: ReactNode;
  error?: string;
  /** Shown instead of the hint when there is no error: worth knowing, not blocking. */
  warning?: string;
  children: (props: { id: string; "aria-invalid": boolean; "aria-describedby": string }) => ReactNode;
}

/** A labelled control with its hint or error underneath, tied together for screen readers. */
export function Field({ label, hint, error, warning, children }: FieldProps) {
  const id = useId();
  const noteId = `${id}-note`;
  return (
    <div className="flex flex-col gap-1">
      <label htmlFor={id} className="text-[13px] font-medium">
        {label}
      </label>
      {children({ id, "aria-invalid": Boolean(error), "aria-describedby": noteId })}
      <p
        id={noteId}
        role={error ? "alert" : undefined}
        className={
          "text-xs [overflow-wrap:anywhere] " + (error ? "text-danger" : warning ? "text-warn" : "text-muted")
        }
      >
        {error ?? (warning ? `Note: ${warning}` : hint)}
      </p>
    </div>
  );
}

export const inputClass =
  "rounded-md border border-line bg-canvas px-2.5 py-1.5 text-[13px] text-fg outline-none " +
  "focus:border-accent aria-[invalid=true]:border-danger select-text";
