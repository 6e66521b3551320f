import { getIn } from "../../../../lib/paths";
import { type WidgetProps, useWidget } from "./widget";

const RESOLUTIONS: readonly [number, number][] = [
  [640, 360],
  [1280, 720],
  [1920, 1080],
  [360, 640],
  [720, 1280],
];

export function Resolution({ spec }: WidgetProps) {
  const { draft, set } = useWidget(spec);
  const web = spec.path.endsWith("serviceParam");
  const [wKey, hKey] = web ? ["videoWidth", "videoHeight"] : ["width", "height"];
  const w = getIn(draft, `${spec.path}.${wKey}`);
  const h = getIn(draft, `${spec.path}.${hKey}`);
  return (
    <div className="col-span-2 flex flex-col gap-1">
      <span className="text-[13px] font-medium">Resolution</span>
      <div role="group" aria-label="Resolution presets" className="flex flex-wrap gap-1.5">
        {RESOLUTIONS.map(([rw, rh]) => (
          <button
            key={`${rw}x${rh}`}
            type="button"
            aria-pressed={w === rw && h === rh}
            className="rounded-md border border-line px-2 py-1 font-mono text-xs aria-pressed:border-accent aria-pressed:bg-accent-soft"
            onClick={() => {
              set(`${spec.path}.${wKey}`, rw);
              set(`${spec.path}.${hKey}`, rh);
            }}
          >
            {rw}×{rh}
          </button>
        ))}
      </div>
    </div>
  );
}
