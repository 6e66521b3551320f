import { inputClass } from "./Field";

interface ColorInputProps {
  /** The text field's id (the label points at it). */
  id: string;
  label: string;
  value: string;
  /** "" when the text is cleared. */
  onChange: (value: string) => void;
  testId?: string;
  describedBy?: string;
  invalid?: boolean;
}

/** A `#RRGGBB` colour: a picker plus the text, which can be typed or pasted. */
export function ColorInput({ id, label, value, onChange, testId, describedBy, invalid }: ColorInputProps) {
  return (
    <div className="flex gap-2">
      <input
        type="color"
        aria-label={`${label} picker`}
        className="h-[34px] w-10 shrink-0 rounded border border-line bg-canvas"
        value={/^#[0-9a-fA-F]{6}$/.test(value) ? value : "#000000"}
        onChange={(e) => onChange(e.target.value)}
      />
      <input
        id={id}
        data-testid={testId}
        aria-describedby={describedBy}
        aria-invalid={invalid}
        className={inputClass + " min-w-0 flex-1 font-mono"}
        value={value}
        placeholder="#000000"
        onChange={(e) => onChange(e.target.value)}
      />
    </div>
  );
}
