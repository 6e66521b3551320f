import { Field } from "../../../../components/Field";
import { getIn } from "../../../../lib/paths";
import { ChipInput } from "../../../../components/ChipInput";
import { type WidgetProps, useWidget } from "./widget";

export function FileNamePrefix({ spec }: WidgetProps) {
  const { draft, set, error, testId } = useWidget(spec);
  const segments = (getIn(draft, spec.path) as string[] | undefined) ?? [];
  const joined = segments.length ? segments.join("/") + "/" : "";
  return (
    <div className="col-span-2">
      <Field
        label="File name prefix"
        error={error}
        hint={`Folders of a–z, A–Z, 0–9; joined: ${joined || "(none)"} · ${joined.length}/128 characters.`}
      >
        {(a) => (
          <ChipInput
            id={a.id}
            describedBy={a["aria-describedby"]}
            invalid={a["aria-invalid"]}
            testId={testId}
            placeholder="folder, Enter to add"
            values={segments}
            onChange={(v) => set(spec.path, v.length ? v : undefined)}
          />
        )}
      </Field>
    </div>
  );
}
