import { Check, ChevronUp, FlaskConical, UserRound } from "lucide-react";
import { useEffect, useRef, useState } from "react";
import { useActiveProfile } from "../lib/activeProfile";
import { useProfiles } from "../lib/queries";

interface ProfileSwitcherProps {
  onManage: () => void;
}

/** The active profile in the status bar; one click opens the list to switch. */
export function ProfileSwitcher({ onManage }: ProfileSwitcherProps) {
  const profiles = useProfiles();
  const [active, setActive] = useActiveProfile();
  const [open, setOpen] = useState(false);
  const menu = useRef<HTMLDivElement>(null);

  useEffect(() => {
    if (!open) return;
    const close = (e: MouseEvent | KeyboardEvent) => {
      if (e instanceof KeyboardEvent ? e.key === "Escape" : !menu.current?.contains(e.target as Node))
        setOpen(false);
    };
    window.addEventListener("mousedown", close);
    window.addEventListener("keydown", close);
    return () => {
      window.removeEventListener("mousedown", close);
      window.removeEventListener("keydown", close);
    };
  }, [open]);

  return (
    <div ref={menu} className="relative">
      <button
        type="button"
        data-testid="status-profile"
        aria-haspopup="menu"
        aria-expanded={open}
        onClick={() => setOpen((v) => !v)}
        className="flex items-center gap-1.5 rounded px-2 py-1 hover:bg-panel hover:text-fg"
        title="Switch profile"
      >
        {active?.kind === "sandbox" ? (
          <FlaskConical aria-hidden size={14} />
        ) : (
          <UserRound aria-hidden size={14} />
        )}
        <span>{active?.name ?? "No active profile"}</span>
        <ChevronUp aria-hidden size={12} />
      </button>
      {open && (
        <div
          role="menu"
          data-testid="profile-menu"
          className="absolute bottom-full left-0 mb-1 w-64 rounded-lg border border-line bg-panel p-1 text-[13px] text-fg shadow-lg"
        >
          {profiles.data?.map((p) => (
            <button
              key={p.id}
              type="button"
              role="menuitemradio"
              aria-checked={p.id === active?.id}
              data-testid={`profile-menu-${p.id}`}
              onClick={() => {
                setActive(p.id);
                setOpen(false);
              }}
              className="flex w-full items-center gap-2 rounded px-2 py-1.5 text-left hover:bg-canvas"
            >
              <span className="w-4">{p.id === active?.id && <Check aria-hidden size={14} />}</span>
              <span className="flex-1 truncate">{p.name}</span>
              {p.kind === "sandbox" && <span className="text-[11px] text-muted">sandbox</span>}
            </button>
          ))}
          <div className="my-1 border-t border-line" />
          <button
            type="button"
            role="menuitem"
            onClick={() => {
              setOpen(false);
              onManage();
            }}
            className="w-full rounded px-2 py-1.5 text-left text-muted hover:bg-canvas hover:text-fg"
          >
            Manage profiles…
          </button>
        </div>
      )}
    </div>
  );
}
