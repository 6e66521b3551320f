import { type ReactNode, useLayoutEffect, useRef } from "react";

interface ViewFrameProps {
  id: string;
  title: string;
  subtitle: string;
  children: ReactNode;
  /** The body fills the view without scrolling (an editor that sizes itself to the window). */
  fill?: boolean;
  /** What the body shows (a session, the new-session form): a change starts it at the top. */
  scrollKey?: string | number | null;
}

/** A top-level view: its heading and a scrolling body. */
export function ViewFrame({ id, title, subtitle, children, fill = false, scrollKey }: ViewFrameProps) {
  const body = useRef<HTMLDivElement>(null);
  useLayoutEffect(() => {
    if (body.current) body.current.scrollTop = 0;
  }, [scrollKey]);
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
      <div
        ref={body}
        className={"min-h-0 flex-1 px-8 " + (fill ? "overflow-hidden pb-4" : "overflow-auto pb-10")}
      >
        {children}
      </div>
    </section>
  );
}
