import { X } from "lucide-react";
import { useEffect, useId, useRef, type ComponentProps, type KeyboardEvent } from "react";
import { LayoutEditor } from "./LayoutEditor";

const FOCUSABLE =
  'a[href], button:not([disabled]), input:not([disabled]), select:not([disabled]), textarea:not([disabled]), [tabindex]:not([tabindex="-1"])';

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
    // Focus starts on the canvas and goes back to what opened the editor when it closes.
    const opener = document.activeElement instanceof HTMLElement ? document.activeElement : null;
    ref.current?.querySelector<HTMLElement>('[data-testid="layout-canvas"]')?.focus({ preventScroll: true });
    return () => opener?.focus({ preventScroll: true });
  }, []);

  // Modal: Tab and Shift+Tab wrap inside the dialog instead of reaching the page behind it.
  const trapTab = (e: KeyboardEvent) => {
    if (e.key !== "Tab" || !ref.current) return;
    const focusable = [...ref.current.querySelectorAll<HTMLElement>(FOCUSABLE)].filter(
      (el) => el.offsetParent !== null || el === document.activeElement,
    );
    const first = focusable[0];
    const last = focusable[focusable.length - 1];
    if (!first || !last) return;
    if (e.shiftKey && document.activeElement === first) {
      e.preventDefault();
      last.focus();
    } else if (!e.shiftKey && document.activeElement === last) {
      e.preventDefault();
      first.focus();
    }
  };
  return (
    <div
      ref={ref}
      role="dialog"
      aria-modal="true"
      aria-labelledby={titleId}
      data-testid="layout-dialog"
      onKeyDown={trapTab}
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
