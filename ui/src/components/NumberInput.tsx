import { useState } from "react";
import { inputClass } from "./Field";

interface NumberInputProps {
  id: string;
  value: number | undefined;
  /** undefined when cleared; NaN never reaches the draft (the text stays until it is a number). */
  onChange: (value: number | undefined) => void;
  placeholder?: string;
  min?: number;
  max?: number;
  testId?: string;
  describedBy?: string;
  invalid?: boolean;
}

/** A number field that keeps what is typed ("1e", "-") until it is a number, and clears to "unset". */
export function NumberInput({
  id,
  value,
  onChange,
  placeholder,
  min,
  max,
  testId,
  describedBy,
  invalid,
}: NumberInputProps) {
  const [text, setText] = useState(value === undefined ? "" : String(value));
  const [bad, setBad] = useState(false);
  const [seen, setSeen] = useState(value);
  if (seen !== value) {
    // Follow outside changes (JSON tab, presets) unless the text already means this value.
    setSeen(value);
    if (!(text.trim() !== "" && Number(text) === value)) setText(value === undefined ? "" : String(value));
    setBad(false);
  }
  return (
    <>
      <input
        id={id}
        data-testid={testId}
        className={inputClass + " font-mono"}
        inputMode="numeric"
        aria-describedby={describedBy}
        aria-invalid={invalid || bad || undefined}
        placeholder={placeholder}
        aria-valuemin={min}
        aria-valuemax={max}
        value={text}
        onChange={(e) => {
          const t = e.target.value;
          setText(t);
          if (t.trim() === "") {
            setBad(false);
            onChange(undefined);
          } else if (Number.isFinite(Number(t))) {
            setBad(false);
            onChange(Number(t));
          } else setBad(true);
        }}
      />
      {bad && <span className="text-xs text-danger">must be a number</span>}
    </>
  );
}
