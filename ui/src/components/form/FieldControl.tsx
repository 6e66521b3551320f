import { useState } from "react";
import { Field, inputClass } from "../Field";
import { getIn } from "../../lib/paths";
import { ChipInput } from "../ChipInput";
import { ColorInput } from "../ColorInput";
import { NumberInput } from "../NumberInput";
import { useForm } from "./FormContext";
import { type FieldSpec, type Limits, errorFor, fieldTestId, hintOf, limitOf } from "./spec";

/** "5–720" for a field with a documented range, "default 15" for one with only a default. */
function placeholderOf(path: string, limits: Limits): string | undefined {
  const l = limitOf(path, limits);
  if (!l) return undefined;
  if (l.min !== null) return `${l.min}–${l.max ?? "…"}`;
  return l.default !== null ? `default ${l.default}` : undefined;
}

/** `#RRGGBB` for the decimal RGB integer the transcoder takes, and back (`undefined` if not a colour). */
export const rgbToHex = (n: number) => "#" + n.toString(16).padStart(6, "0").toUpperCase();
export const hexToRgb = (text: string) =>
  /^#[0-9a-f]{6}$/i.test(text) ? parseInt(text.slice(1), 16) : undefined;

/** A colour picker for an integer field: the text may be half typed, the value is set once it is a colour. */
function RgbInput(props: {
  id: string;
  label: string;
  describedBy: string;
  invalid: boolean;
  testId: string;
  value: unknown;
  onChange: (v: number | undefined) => void;
}) {
  const current = typeof props.value === "number" ? props.value : undefined;
  const shown = current === undefined ? "" : rgbToHex(current);
  const [text, setText] = useState(shown);
  const typed = hexToRgb(text);
  // Changed elsewhere (the JSON tab, a preset): show it, unless a colour is half typed.
  if ((typed !== undefined || text === "") && typed !== current) setText(shown);
  return (
    <ColorInput
      id={props.id}
      label={props.label}
      describedBy={props.describedBy}
      invalid={props.invalid}
      testId={props.testId}
      value={text}
      onChange={(v) => {
        setText(v);
        if (v === "" || hexToRgb(v) !== undefined) props.onChange(hexToRgb(v));
      }}
    />
  );
}

/** One field of a form, bound to its draft path, with its hint or error underneath. */
export function FieldControl({ spec }: { spec: FieldSpec<never> }) {
  const { draft, set, errors, warnings, tables, limits, notes, renderCustom, idPrefix } = useForm();
  if (spec.kind === "custom") return <>{renderCustom?.(spec)}</>;
  const value = getIn(draft, spec.path);
  const error = errorFor(spec, errors);
  const warning = errorFor(spec, warnings);
  const testId = fieldTestId(spec.path, idPrefix);
  const wide = spec.kind === "uids" || spec.kind === "list";
  return (
    <div className={wide ? "col-span-2" : undefined}>
      <Field label={spec.label} hint={hintOf(spec, limits, notes)} error={error} warning={warning}>
        {(a) => {
          switch (spec.kind) {
            case "text":
              return (
                <input
                  {...a}
                  data-testid={testId}
                  className={inputClass}
                  type={spec.secret ? "password" : "text"}
                  autoComplete="off"
                  spellCheck={false}
                  placeholder={spec.placeholder}
                  value={typeof value === "string" ? value : ""}
                  onChange={(e) => set(spec.path, e.target.value === "" ? undefined : e.target.value)}
                />
              );
            case "number":
              return (
                <NumberInput
                  id={a.id}
                  describedBy={a["aria-describedby"]}
                  invalid={a["aria-invalid"]}
                  testId={testId}
                  value={typeof value === "number" ? value : undefined}
                  placeholder={spec.placeholder ?? placeholderOf(spec.path, limits)}
                  min={limitOf(spec.path, limits)?.min ?? undefined}
                  max={limitOf(spec.path, limits)?.max ?? undefined}
                  onChange={(v) => set(spec.path, v)}
                />
              );
            case "code": {
              const options = tables?.[spec.table] ?? [];
              const current = value === undefined || value === null ? "" : String(value);
              const known = options.some((o) => String(o.value) === current);
              return (
                <select
                  {...a}
                  data-testid={testId}
                  className={inputClass}
                  value={current}
                  onChange={(e) => {
                    const o = options.find((x) => String(x.value) === e.target.value);
                    set(spec.path, o ? o.value : undefined);
                  }}
                >
                  {(spec.optional || current === "") && <option value="">Not set (Agora's default)</option>}
                  {!known && current !== "" && <option value={current}>{current} (not documented)</option>}
                  {options.map((o) => (
                    <option key={String(o.value)} value={String(o.value)}>
                      {typeof o.value === "number" ? `${o.value}: ${o.label}` : o.label}
                    </option>
                  ))}
                </select>
              );
            }
            case "uids":
            case "list":
              return (
                <ChipInput
                  id={a.id}
                  describedBy={a["aria-describedby"]}
                  invalid={a["aria-invalid"]}
                  testId={testId}
                  allowAll={spec.kind === "uids" && spec.allowAll}
                  placeholder={spec.kind === "list" ? spec.placeholder : "uid, Enter to add"}
                  values={Array.isArray(value) ? value.map(String) : []}
                  onChange={(v) => set(spec.path, v.length ? v : undefined)}
                />
              );
            case "bool":
              return (
                <label className="flex items-center gap-2 py-1 text-[13px]">
                  <input
                    {...a}
                    type="checkbox"
                    data-testid={testId}
                    checked={value === true}
                    onChange={(e) => set(spec.path, e.target.checked)}
                  />
                  {value === true ? "On" : "Off"}
                </label>
              );
            case "color": {
              const text = typeof value === "string" ? value : "";
              return (
                <ColorInput
                  id={a.id}
                  label={spec.label}
                  describedBy={a["aria-describedby"]}
                  invalid={a["aria-invalid"]}
                  testId={testId}
                  value={text}
                  onChange={(v) => set(spec.path, v === "" ? undefined : v)}
                />
              );
            }
            case "rgb":
              return (
                <RgbInput
                  id={a.id}
                  label={spec.label}
                  describedBy={a["aria-describedby"]}
                  invalid={a["aria-invalid"]}
                  testId={testId}
                  value={value}
                  onChange={(v) => set(spec.path, v)}
                />
              );
          }
        }}
      </Field>
    </div>
  );
}
