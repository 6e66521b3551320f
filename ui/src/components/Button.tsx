import { LoaderCircle } from "lucide-react";
import type { ButtonHTMLAttributes } from "react";

type Variant = "primary" | "secondary" | "danger" | "ghost";

interface ButtonProps extends ButtonHTMLAttributes<HTMLButtonElement> {
  variant?: Variant;
  /** Shows a spinner and disables the button while an action runs. */
  busy?: boolean;
}

const STYLES: Record<Variant, string> = {
  primary: "bg-accent text-accent-fg hover:opacity-90",
  secondary: "border border-line bg-panel text-fg hover:bg-canvas",
  danger: "border border-danger/40 bg-panel text-danger hover:bg-danger/10",
  ghost: "text-muted hover:bg-canvas hover:text-fg",
};

export function Button({
  variant = "secondary",
  busy = false,
  disabled,
  className,
  children,
  ...rest
}: ButtonProps) {
  return (
    <button
      type="button"
      {...rest}
      disabled={disabled || busy}
      aria-busy={busy || undefined}
      className={
        "inline-flex items-center justify-center gap-1.5 rounded-md px-3 py-1.5 text-[13px] font-medium whitespace-nowrap " +
        "transition-colors disabled:cursor-not-allowed disabled:opacity-50 " +
        STYLES[variant] +
        (className ? ` ${className}` : "")
      }
    >
      {busy && <LoaderCircle aria-hidden size={14} className="animate-spin" />}
      {children}
    </button>
  );
}
