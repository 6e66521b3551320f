import { Field } from "../../../../components/Field";
import { getIn } from "../../../../lib/paths";
import { type WidgetProps, useWidget } from "./widget";

export function AvFileType({ spec }: WidgetProps) {
  const { draft, set, error, testId } = useWidget(spec);
  const value = (getIn(draft, spec.path) as string[] | undefined) ?? [];
  const individual = draft.mode === "individual";
  return (
    <Field
      label="Formats"
      error={error}
      hint={individual ? "Individual mode writes HLS only." : "MP4 always comes with HLS."}
    >
      {(a) => (
        <div id={a.id} className="flex gap-4 py-1 text-[13px]">
          <label className="flex items-center gap-1.5">
            <input type="checkbox" checked disabled /> HLS (M3U8 + TS)
          </label>
          <label className="flex items-center gap-1.5">
            <input
              type="checkbox"
              data-testid={`${testId}-mp4`}
              disabled={individual}
              checked={value.includes("mp4")}
              onChange={(e) => set(spec.path, e.target.checked ? ["hls", "mp4"] : ["hls"])}
            />
            MP4
          </label>
        </div>
      )}
    </Field>
  );
}
