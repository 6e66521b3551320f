import { X } from "lucide-react";
import { useState } from "react";
import { inputClass } from "./Field";

interface ChipInputProps {
  id: string;
  values: readonly string[];
  onChange: (values: string[]) => void;
  placeholder?: string;
  /** Offer a one-click `#allstream#` chip (subscribe lists). */
  allowAll?: boolean;
  testId?: string;
  describedBy?: string;
  invalid?: boolean;
}

/** A list of short values typed one by one (Enter, comma or space adds; Backspace removes the last). */
export function ChipInput({
  id,
  values,
  onChange,
  placeholder,
  allowAll,
  testId,
  describedBy,
  invalid,
}: ChipInputProps) {
  const [text, setText] = useState("");
  const add = (raw: string) => {
    const parts = raw
      .split(/[\s,]+/)
      .map((p) => p.trim())
      .filter((p) => p !== "" && !values.includes(p));
    if (parts.length) onChange([...values, ...parts]);
    setText("");
  };
  return (
    <div
      className={inputClass + " flex min-h-[34px] flex-wrap items-center gap-1 py-1"}
      aria-invalid={invalid || undefined}
      data-testid={testId}
    >
      {values.map((v) => (
        <span
          key={v}
          className="flex items-center gap-0.5 rounded bg-accent-soft px-1.5 py-0.5 font-mono text-xs"
        >
          {v}
          <button
            type="button"
            aria-label={`Remove ${v}`}
            className="text-muted hover:text-fg"
            onClick={() => onChange(values.filter((x) => x !== v))}
          >
            <X aria-hidden size={12} />
          </button>
        </span>
      ))}
      <input
        id={id}
        aria-describedby={describedBy}
        aria-invalid={invalid || undefined}
        className="min-w-24 flex-1 bg-transparent font-mono text-[13px] outline-none"
        value={text}
        placeholder={values.length ? "" : placeholder}
        spellCheck={false}
        onChange={(e) => {
          const v = e.target.value;
          if (/[\s,]$/.test(v)) add(v);
          else setText(v);
        }}
        onKeyDown={(e) => {
          if (e.key === "Enter") {
            e.preventDefault();
            add(text);
          } else if (e.key === "Backspace" && text === "" && values.length) {
            onChange(values.slice(0, -1));
          }
        }}
        onBlur={() => text && add(text)}
      />
      {allowAll && !values.includes("#allstream#") && (
        <button
          type="button"
          className="rounded px-1 text-xs text-muted hover:bg-canvas hover:text-fg"
          onClick={() => onChange(["#allstream#"])}
        >
          + #allstream#
        </button>
      )}
    </div>
  );
}
