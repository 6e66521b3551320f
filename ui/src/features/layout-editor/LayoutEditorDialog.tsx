import { X } from "lucide-react";
import { useEffect, useId, useRef, type ComponentProps } from "react";
import { LayoutEditor } from "./LayoutEditor";

interface LayoutEditorDialogProps extends ComponentProps<typeof LayoutEditor> {
  title: string;
  subtitle?: string;
  onClose: () => void;
}

/**
 * The editor over the whole window (it needs the room). No backdrop blur: WebKitGTK repaints blurred
 * layers on every frame of a drag. Escape does not close it, so a stray key never throws a layout away.
 */
export function LayoutEditorDialog({ title, subtitle, onClose, ...editor }: LayoutEditorDialogProps) {
  const titleId = useId();
  const ref = useRef<HTMLDivElement>(null);
  useEffect(() => {
    ref.current?.querySelector<HTMLElement>('[data-testid="layout-canvas"]')?.focus({ preventScroll: true });
  }, []);
  return (
    <div
      ref={ref}
      role="dialog"
      aria-modal="true"
      aria-labelledby={titleId}
      data-testid="layout-dialog"
      className="fixed inset-0 z-50 flex flex-col gap-3 bg-canvas px-5 pb-4 pt-3"
    >
      <header className="flex items-start gap-3">
        <div className="min-w-0 flex-1">
          <h2 id={titleId} className="text-base font-semibold">
            {title}
          </h2>
          {subtitle && <p className="text-xs text-muted">{subtitle}</p>}
        </div>
        <button
          type="button"
          aria-label="Close the layout editor"
          data-testid="layout-close"
          className="rounded-md p-1 text-muted hover:bg-panel hover:text-fg"
          onClick={onClose}
        >
          <X aria-hidden size={18} />
        </button>
      </header>
      <div className="min-h-0 flex-1">
        <LayoutEditor {...editor} />
      </div>
    </div>
  );
}
