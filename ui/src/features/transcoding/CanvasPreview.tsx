import type { TranscoderConfig } from "../../bindings";
import { rgbToHex } from "../../components/form/FieldControl";

/** The canvas as the task will compose it: video input regions (by zOrder) and watermarks. */
export function CanvasPreview({ transcoder }: { transcoder: TranscoderConfig }) {
  const canvas = transcoder.canvas;
  if (!canvas) return null;
  const videos = (transcoder.videoInputs ?? []).map((v, i) => ({
    kind: "video" as const,
    i,
    region: v.region,
    label: v.rtc ? `uid ${v.rtc.rtcUid}` : "stream",
  }));
  const marks = (transcoder.waterMarks ?? []).map((m, i) => ({
    kind: "mark" as const,
    i,
    region: m.region,
    label: "watermark",
  }));
  const tiles = [...videos, ...marks]
    .filter((t) => t.region)
    .sort((a, b) => (a.region?.zOrder ?? 0) - (b.region?.zOrder ?? 0));
  const stroke = Math.max(canvas.width, canvas.height) / 300;
  return (
    <figure className="rounded-lg border border-line bg-panel p-3" data-testid="canvas-preview">
      <svg
        role="img"
        aria-label={`Canvas ${canvas.width} × ${canvas.height} with ${videos.length} video inputs and ${marks.length} watermarks`}
        viewBox={`0 0 ${canvas.width} ${canvas.height}`}
        className="max-h-72 w-full"
      >
        <rect width={canvas.width} height={canvas.height} fill={rgbToHex(canvas.color ?? 0)} />
        {tiles.map((t) => {
          const r = t.region;
          if (!r) return null;
          const video = t.kind === "video";
          return (
            <g key={`${t.kind}-${t.i}`} data-testid={`preview-${t.kind}-${t.i}`}>
              <rect
                x={r.x}
                y={r.y}
                width={r.width}
                height={r.height}
                className={video ? "fill-accent/30 stroke-accent" : "fill-warn/30 stroke-warn"}
                strokeWidth={stroke}
              />
              <text
                x={r.x + stroke * 4}
                y={r.y + stroke * 14}
                className="fill-fg"
                fontSize={Math.max(canvas.height / 28, 12)}
              >
                {video ? `${t.i + 1}: ${t.label} · z${r.zOrder ?? "–"}` : `${t.label} ${t.i + 1}`}
              </text>
            </g>
          );
        })}
      </svg>
      <figcaption className="mt-1 text-xs text-muted">
        {canvas.width} × {canvas.height} px. Regions are in canvas pixels; a higher zOrder is in front.
      </figcaption>
    </figure>
  );
}
