import type { AppliedLayout } from "../../bindings";

/** A small drawing of one applied layout: the canvas, its background and each region (from Rust's normalized tiles). */
export function LayoutThumbnail({ layout, width = 120 }: { layout: AppliedLayout; width?: number }) {
  const { canvas } = layout;
  const height = Math.max(24, Math.round((width * canvas.height) / Math.max(1, canvas.width)));
  return (
    <svg
      role="img"
      aria-label={`${layout.arrangement} on ${canvas.width} × ${canvas.height}`}
      width={width}
      height={height}
      viewBox={`0 0 ${width} ${height}`}
      className="shrink-0 rounded border border-line"
      data-testid="layout-thumbnail"
    >
      <rect width={width} height={height} fill={layout.background} />
      {layout.tiles.map((t, i) => (
        <rect
          key={i}
          x={(t.x ?? 0) * width + 0.5}
          y={(t.y ?? 0) * height + 0.5}
          width={Math.max(1, (t.width ?? 0) * width - 1)}
          height={Math.max(1, (t.height ?? 0) * height - 1)}
          rx={1.5}
          className={t.watermark ? "fill-warn/40 stroke-warn" : "fill-accent/35 stroke-accent"}
          strokeWidth={1}
        >
          <title>{t.label}</title>
        </rect>
      ))}
      {layout.tiles.length === 0 && (
        <text
          x={width / 2}
          y={height / 2}
          textAnchor="middle"
          dominantBaseline="middle"
          className="fill-white/70 text-[9px]"
        >
          Agora arranges
        </text>
      )}
    </svg>
  );
}
