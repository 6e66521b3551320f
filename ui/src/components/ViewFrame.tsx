import type { ReactNode } from "react";

interface ViewFrameProps {
  id: string;
  title: string;
  subtitle: string;
  children: ReactNode;
}

/** A top-level view: its heading and a scrolling body. */
export function ViewFrame({ id, title, subtitle, children }: ViewFrameProps) {
  return (
    <section
      aria-labelledby={`view-${id}-title`}
      data-testid={`view-${id}`}
      className="flex h-full min-h-0 flex-col"
    >
      <header className="border-b border-line bg-panel px-8 py-5">
        <h1 id={`view-${id}-title`} className="text-xl font-semibold tracking-tight">
          {title}
        </h1>
        <p className="mt-1 text-muted">{subtitle}</p>
      </header>
      <div className="min-h-0 flex-1 overflow-auto px-8 pb-10">{children}</div>
    </section>
  );
}
