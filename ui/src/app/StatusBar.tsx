import { CircleAlert } from "lucide-react";
import { useState } from "react";
import { AboutDialog } from "./AboutDialog";
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
  const [about, setAbout] = useState(false);
  return (
    <footer
      data-testid="status-bar"
      className="flex h-8 shrink-0 items-center justify-between border-t border-line bg-sidebar px-3 text-xs text-muted"
    >
      <ProfileSwitcher onManage={onOpenProfiles} />
      <ActiveIndicator onOpen={onOpenSession} />
      <span data-testid="status-app" className="flex items-center gap-1.5 px-2">
        {info.isSuccess && (
          <button
            type="button"
            data-testid="status-about"
            title="About Mixdeck: version, data and log folders"
            className="rounded px-1 hover:bg-panel hover:text-fg"
            onClick={() => setAbout(true)}
          >
            {info.data.name} {info.data.version}
            {info.data.build === "debug" ? " · debug build" : ""}
          </button>
        )}
        {about && info.isSuccess && <AboutDialog info={info.data} onClose={() => setAbout(false)} />}
        {info.isError && (
          <span className="flex items-center gap-1 text-danger" title={info.error.message}>
            <CircleAlert aria-hidden size={14} /> Backend unavailable
          </span>
        )}
      </span>
    </footer>
  );
}
