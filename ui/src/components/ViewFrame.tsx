import type { ReactNode } from "react";

interface ViewFrameProps {
  id: string;
  title: string;
  subtitle: string;
  children: ReactNode;
  /** The body fills the view without scrolling (an editor that sizes itself to the window). */
  fill?: boolean;
}

/** A top-level view: its heading and a scrolling body. */
export function ViewFrame({ id, title, subtitle, children, fill = false }: ViewFrameProps) {
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
      <div className={"min-h-0 flex-1 px-8 " + (fill ? "overflow-hidden pb-4" : "overflow-auto pb-10")}>
        {children}
      </div>
    </section>
  );
}
