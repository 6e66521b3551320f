import { Radio } from "lucide-react";
import { useState } from "react";
import type { SessionRow } from "../bindings";
import { useRecentSessions } from "../lib/sessions";

/** "● 2 active" in the status bar: every running session one click away, from any view. */
export function ActiveIndicator({ onOpen }: { onOpen: (session: SessionRow) => void }) {
  const sessions = useRecentSessions();
  const [open, setOpen] = useState(false);
  const active = (sessions.data ?? []).filter((s) => s.isOpen);
  const tasks = active.filter((s) => s.kind === "transcoding").length;
  const recordings = active.length - tasks;
  const count = (n: number, one: string) => (n === 0 ? null : `${n} ${one}`);
  const plural = (n: number, one: string) => count(n, `${one}${n === 1 ? "" : "s"}`);
  if (active.length === 0) return <span className="flex-1" />;
  const maybe = active.filter((s) => s.mayBeRecording !== null).length;
  return (
    <div className="relative flex flex-1 justify-center">
      <button
        type="button"
        data-testid="active-indicator"
        aria-expanded={open}
        className={`flex items-center gap-1.5 rounded px-2 py-0.5 hover:bg-panel ${maybe > 0 ? "text-warn" : "text-ok"}`}
        onClick={() => setOpen((o) => !o)}
      >
        <Radio aria-hidden size={13} />{" "}
        {[plural(recordings, "recording"), plural(tasks, "transcoding task")].filter(Boolean).join(", ")}{" "}
        active
        {maybe > 0 && (
          <span data-testid="active-may-be-recording">
            (
            {[
              count(
                active.filter((s) => s.mayBeRecording && s.kind === "recording").length,
                "may be recording",
              ),
              count(
                active.filter((s) => s.mayBeRecording && s.kind === "transcoding").length,
                "may be running",
              ),
            ]
              .filter(Boolean)
              .join(", ")}
            )
          </span>
        )}
      </button>
      {open && (
        <ul className="absolute bottom-7 z-10 min-w-56 rounded-md border border-line bg-panel p-1 text-[13px] text-fg shadow-lg">
          {active.map((s) => (
            <li key={s.id}>
              <button
                type="button"
                className="flex w-full justify-between gap-4 rounded px-2 py-1 text-left hover:bg-canvas"
                onClick={() => {
                  setOpen(false);
                  onOpen(s);
                }}
              >
                <span className="truncate">{s.cname}</span>
                <span className="text-xs text-muted">
                  {s.mayBeRecording
                    ? s.kind === "recording"
                      ? "may be recording"
                      : "may be running"
                    : (s.mode ?? "transcoding")}
                </span>
              </button>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
