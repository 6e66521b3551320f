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
  /**
   * Apply on Enter or when the field loses focus, not on every key: for values the receiver clamps
   * (a tile's width, the canvas size), so "0.25" is not cut to the minimum at its first "0".
   */
  commitOnBlur?: boolean;
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
  commitOnBlur = false,
}: NumberInputProps) {
  const [text, setText] = useState(value === undefined ? "" : String(value));
  const [bad, setBad] = useState(false);
  const [seen, setSeen] = useState(value);
  const [editing, setEditing] = useState(false);
  const show = (v: number | undefined) => (v === undefined ? "" : String(v));
  // Parses the text and hands it on; false when it is not a number (the text stays, flagged).
  const apply = (t: string): boolean => {
    if (t.trim() === "") {
      setBad(false);
      onChange(undefined);
      return true;
    }
    if (Number.isFinite(Number(t))) {
      setBad(false);
      onChange(Number(t));
      return true;
    }
    setBad(true);
    return false;
  };
  const commit = () => {
    setEditing(false);
    // Re-read the value once the receiver has it: it may have clamped or rounded what was typed
    // (NaN never equals the value, so the next render shows what was kept).
    if (apply(text)) setSeen(Number.NaN);
  };
  if (seen !== value && !(commitOnBlur && editing)) {
    // Follow outside changes (JSON tab, presets) unless the text already means this value.
    setSeen(value);
    if (!(text.trim() !== "" && Number(text) === value)) setText(show(value));
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
          setText(e.target.value);
          if (commitOnBlur) {
            setEditing(true);
            setBad(false);
          } else apply(e.target.value);
        }}
        onBlur={() => {
          if (commitOnBlur && editing) commit();
        }}
        onKeyDown={(e) => {
          if (!commitOnBlur || !editing) return;
          if (e.key === "Enter") {
            e.preventDefault();
            commit();
          } else if (e.key === "Escape") {
            e.preventDefault();
            e.stopPropagation();
            setEditing(false);
            setBad(false);
            setText(show(value));
          }
        }}
      />
      {bad && <span className="text-xs text-danger">must be a number</span>}
    </>
  );
}
