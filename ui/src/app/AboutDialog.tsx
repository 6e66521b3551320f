import { FolderOpen, X } from "lucide-react";
import { useEffect, useId, useRef, useState } from "react";
import type { AppInfo } from "../bindings";
import { Button } from "../components/Button";
import { api } from "../lib/ipc";

interface AboutDialogProps {
  info: AppInfo;
  onClose: () => void;
}

/** Name, version and build, and where the history, settings and logs are kept. */
export function AboutDialog({ info, onClose }: AboutDialogProps) {
  const titleId = useId();
  const closeRef = useRef<HTMLButtonElement>(null);
  const [problem, setProblem] = useState<string | null>(null);
  useEffect(() => {
    const opener = document.activeElement instanceof HTMLElement ? document.activeElement : null;
    closeRef.current?.focus();
    return () => opener?.focus();
  }, []);
  const openLogs = () => {
    setProblem(null);
    api.openLogFolder().catch((e: unknown) => setProblem(e instanceof Error ? e.message : String(e)));
  };
  return (
    <div
      className="fixed inset-0 z-50 grid place-items-center bg-black/40"
      onClick={(e) => e.target === e.currentTarget && onClose()}
    >
      <div
        role="dialog"
        aria-modal="true"
        aria-labelledby={titleId}
        data-testid="about-dialog"
        onKeyDown={(e) => e.key === "Escape" && onClose()}
        className="w-[32rem] max-w-[90vw] rounded-lg border border-line bg-panel p-5 shadow-xl"
      >
        <header className="mb-4 flex items-start gap-3">
          <img src="/mixdeck.svg" alt="" className="h-12 w-12" />
          <div className="min-w-0 flex-1">
            <h2 id={titleId} className="text-base font-semibold">
              {info.name}
            </h2>
            <p data-testid="about-version" className="text-sm text-muted">
              Version {info.version} · {info.build} build · {info.platform}
            </p>
          </div>
          <button
            ref={closeRef}
            type="button"
            aria-label="Close"
            data-testid="about-close"
            className="rounded-md p-1 text-muted hover:bg-canvas hover:text-fg"
            onClick={onClose}
          >
            <X aria-hidden size={18} />
          </button>
        </header>
        <p className="mb-4 text-sm">
          A control panel for Agora Cloud Recording and Cloud Transcoding. Secrets live in the OS keychain,
          never in these folders.
        </p>
        <dl className="mb-4 grid grid-cols-[auto_1fr] gap-x-3 gap-y-2 text-sm">
          <dt className="text-muted">History and settings</dt>
          <dd data-testid="about-data-dir" className="break-all font-mono text-xs leading-5">
            {info.dataDir}
          </dd>
          <dt className="text-muted">Logs</dt>
          <dd data-testid="about-log-dir" className="break-all font-mono text-xs leading-5">
            {info.logDir}
          </dd>
        </dl>
        <div className="flex items-center gap-3">
          <Button data-testid="about-open-logs" onClick={openLogs}>
            <FolderOpen aria-hidden size={15} /> Open logs folder
          </Button>
          {problem && (
            <span role="alert" className="text-sm text-danger">
              {problem}
            </span>
          )}
        </div>
      </div>
    </div>
  );
}
