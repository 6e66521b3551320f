import { DatabaseZap } from "lucide-react";
import { useState } from "react";
import type { DatabaseProblem } from "../bindings";
import { Button } from "../components/Button";
import { ErrorCallout } from "../components/ErrorCallout";
import { api } from "../lib/ipc";
import { useAppInfo } from "../lib/queries";

const HEADLINE: Record<DatabaseProblem["kind"], string> = {
  damaged: "Mixdeck's history database is damaged",
  tooNew: "Mixdeck's history database is from a newer Mixdeck",
  unopenable: "Mixdeck could not open its history database",
};

const ADVICE: Record<DatabaseProblem["kind"], string> = {
  damaged:
    "The file is not a database Mixdeck can read. Move it aside to start with an empty history: nothing is deleted, and the old file stays next to the new one for you to keep or inspect.",
  tooNew:
    "A newer version of Mixdeck wrote it. Install that version to keep using this history, or move the file aside to start with an empty one here (nothing is deleted).",
  unopenable:
    "Check that the file and its folder are yours and the disk is not full, then restart Mixdeck. Or move the file aside to start with an empty history (nothing is deleted).",
};

/**
 * Shown instead of the app when the history database will not open: what is wrong, where the
 * file is, and a way to start fresh that keeps the old file. Profiles live in the database, so
 * a fresh start asks for them again; their keychain entries are never handed to new profiles.
 */
export function DatabaseProblemScreen({ problem }: { problem: DatabaseProblem }) {
  const info = useAppInfo();
  const [moved, setMoved] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const startFresh = async () => {
    setBusy(true);
    setError(null);
    try {
      setMoved(await api.startFreshDatabase());
    } catch (e) {
      setError(e);
    } finally {
      setBusy(false);
    }
  };
  return (
    <div data-testid="database-problem" className="flex h-full items-start justify-center overflow-auto p-10">
      <div className="flex max-w-2xl flex-col gap-4 rounded-xl border border-line bg-panel p-6 shadow-sm">
        <div className="flex items-center gap-3">
          <DatabaseZap aria-hidden size={22} className="text-danger" />
          <h1 className="text-lg font-semibold">{HEADLINE[problem.kind]}</h1>
        </div>
        <p className="text-[13px]">{ADVICE[problem.kind]}</p>
        <dl className="grid grid-cols-[auto_1fr] gap-x-4 gap-y-1 text-[13px]">
          <dt className="text-muted">File</dt>
          <dd data-testid="database-problem-path" className="select-text font-mono [overflow-wrap:anywhere]">
            {problem.path}
          </dd>
          <dt className="text-muted">Reason</dt>
          <dd data-testid="database-problem-detail" className="select-text [overflow-wrap:anywhere]">
            {problem.detail}
          </dd>
          {info.data && (
            <>
              <dt className="text-muted">Log</dt>
              <dd
                data-testid="database-problem-log"
                className="select-text font-mono [overflow-wrap:anywhere]"
              >
                {info.data.logDir}
              </dd>
            </>
          )}
        </dl>
        {error !== null && <ErrorCallout error={error} title="The file could not be moved aside" />}
        {moved === null ? (
          <div>
            <Button
              variant={problem.kind === "tooNew" ? "ghost" : "primary"}
              busy={busy}
              data-testid="database-start-fresh"
              onClick={() => void startFresh()}
            >
              Move it aside and start fresh
            </Button>
          </div>
        ) : (
          <div className="flex flex-col gap-3">
            <p data-testid="database-moved" className="text-[13px]">
              The old file is now{" "}
              <span className="select-text font-mono [overflow-wrap:anywhere]">{moved}</span>. A new, empty
              history is open.
            </p>
            <div>
              <Button
                variant="primary"
                data-testid="database-continue"
                onClick={() => window.location.reload()}
              >
                Open Mixdeck
              </Button>
            </div>
          </div>
        )}
      </div>
    </div>
  );
}
