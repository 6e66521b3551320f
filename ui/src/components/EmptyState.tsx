import type { LucideIcon } from "lucide-react";

interface EmptyStateProps {
  icon: LucideIcon;
  title: string;
  /** One sentence: what this view is for. */
  summary: string;
  /** What the user will be able to do here. */
  points: readonly string[];
}

/** What a view shows while it has nothing to show: what it is for, in the user's terms. */
export function EmptyState({ icon: Icon, title, summary, points }: EmptyStateProps) {
  return (
    <div className="mx-auto mt-16 max-w-xl rounded-xl border border-line bg-panel p-8 shadow-sm">
      <div className="mb-4 flex h-11 w-11 items-center justify-center rounded-lg bg-accent-soft text-accent">
        <Icon aria-hidden size={22} />
      </div>
      <h2 className="mb-2 text-lg font-semibold">{title}</h2>
      <p className="mb-4 leading-relaxed text-muted">{summary}</p>
      <ul className="space-y-1.5 text-[13px] leading-relaxed">
        {points.map((p) => (
          <li key={p} className="flex gap-2">
            <span aria-hidden className="mt-[7px] h-1.5 w-1.5 shrink-0 rounded-full bg-accent" />
            <span>{p}</span>
          </li>
        ))}
      </ul>
    </div>
  );
}
