import { Field, inputClass } from "../../../components/Field";
import { getIn } from "../../../lib/paths";
import { ChipInput } from "../../../components/ChipInput";
import { CustomWidget } from "./CustomWidget";
import { type FieldSpec, errorFor, hintOf, limitOf } from "./fields";
import { useForm } from "./FormContext";
import { ColorInput } from "../../../components/ColorInput";
import { NumberInput } from "../../../components/NumberInput";

/** "5–720" for a field with a documented range, "default 15" for one with only a default. */
function placeholderOf(path: string): string | undefined {
  const l = limitOf(path);
  if (!l) return undefined;
  if (l.min !== null) return `${l.min}–${l.max ?? "…"}`;
  return l.default !== null ? `default ${l.default}` : undefined;
}

/** The test id of a field: its draft path with dots as dashes. */
export function fieldTestId(path: string): string {
  return "field-" + path.replace(/\./g, "-");
}

/** One field of the start form, bound to its draft path, with its hint or error underneath. */
export function FieldControl({ spec }: { spec: FieldSpec }) {
  const { draft, set, errors, warnings, tables } = useForm();
  if (spec.kind === "custom") return <CustomWidget spec={spec} />;
  const value = getIn(draft, spec.path);
  const error = errorFor(spec, errors);
  const warning = errorFor(spec, warnings);
  const testId = fieldTestId(spec.path);
  const wide = spec.kind === "uids" || spec.kind === "list";
  return (
    <div className={wide ? "col-span-2" : undefined}>
      <Field label={spec.label} hint={hintOf(spec)} error={error} warning={warning}>
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
                  placeholder={spec.placeholder ?? placeholderOf(spec.path)}
                  min={limitOf(spec.path)?.min ?? undefined}
                  max={limitOf(spec.path)?.max ?? undefined}
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
          }
        }}
      </Field>
    </div>
  );
}
