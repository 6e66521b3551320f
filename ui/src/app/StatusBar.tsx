import { CircleAlert, UserRound } from "lucide-react";
import { useAppInfo, useProfiles } from "../lib/queries";

interface StatusBarProps {
  onOpenProfiles: () => void;
}

export function StatusBar({ onOpenProfiles }: StatusBarProps) {
  const info = useAppInfo();
  const profiles = useProfiles();
  // Until profile switching lands, the first profile (the built-in Sandbox on a first run) is active.
  const active = profiles.data?.[0]?.name;
  return (
    <footer
      data-testid="status-bar"
      className="flex h-8 shrink-0 items-center justify-between border-t border-line bg-sidebar px-3 text-xs text-muted"
    >
      <button
        type="button"
        data-testid="status-profile"
        onClick={onOpenProfiles}
        className="flex items-center gap-1.5 rounded px-2 py-1 hover:bg-panel hover:text-fg"
        title="Open Profiles"
      >
        <UserRound aria-hidden size={14} />
        <span>{active ?? "No active profile"}</span>
      </button>
      <span data-testid="status-app" className="flex items-center gap-1.5 px-2">
        {info.isSuccess && (
          <span>
            {info.data.name} {info.data.version}
            {info.data.build === "debug" ? " · debug build" : ""}
          </span>
        )}
        {info.isError && (
          <span className="flex items-center gap-1 text-danger" title={info.error.message}>
            <CircleAlert aria-hidden size={14} /> Backend unavailable
          </span>
        )}
      </span>
    </footer>
  );
}
