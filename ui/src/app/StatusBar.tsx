import { CircleAlert } from "lucide-react";
import { useAppInfo } from "../lib/queries";
import { ActiveIndicator } from "./ActiveIndicator";
import { ProfileSwitcher } from "./ProfileSwitcher";
import type { SessionRow } from "../bindings";

interface StatusBarProps {
  onOpenProfiles: () => void;
  onOpenSession: (session: SessionRow) => void;
}

export function StatusBar({ onOpenProfiles, onOpenSession }: StatusBarProps) {
  const info = useAppInfo();
  return (
    <footer
      data-testid="status-bar"
      className="flex h-8 shrink-0 items-center justify-between border-t border-line bg-sidebar px-3 text-xs text-muted"
    >
      <ProfileSwitcher onManage={onOpenProfiles} />
      <ActiveIndicator onOpen={onOpenSession} />
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
