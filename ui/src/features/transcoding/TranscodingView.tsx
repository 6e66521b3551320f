import { useState } from "react";
import { SessionList } from "../../components/SessionList";
import { ViewFrame } from "../../components/ViewFrame";
import { useActiveProfile } from "../../lib/activeProfile";
import { selectTask, useSelectedSession } from "../../lib/selection";
import { useRecentSessions } from "../../lib/sessions";
import { CreateTask } from "./CreateTask";
import { TaskPanel } from "./TaskPanel";
import { TemplatesPanel } from "./TemplatesPanel";

export function TranscodingView() {
  const [profile] = useActiveProfile();
  const sessions = useRecentSessions();
  const selected = useSelectedSession("transcoding");
  const [tab, setTab] = useState<"tasks" | "templates">("tasks");
  return (
    <ViewFrame
      scrollKey={selected}
      id="transcoding"
      title="Transcoding"
      subtitle={`Agora Cloud Transcoding: mix channel streams onto a canvas, publish to RTC or CDN${profile ? ` · profile ${profile.name}` : ""}.`}
    >
      <div role="tablist" aria-label="Transcoding" className="flex gap-1 pt-4 text-[13px]">
        {(["tasks", "templates"] as const).map((t) => (
          <button
            key={t}
            role="tab"
            type="button"
            aria-selected={tab === t}
            data-testid={`tc-view-${t}`}
            className="rounded-md px-2.5 py-1 text-muted aria-selected:bg-accent-soft aria-selected:text-fg"
            onClick={() => setTab(t)}
          >
            {t === "tasks" ? "Tasks" : "Templates"}
          </button>
        ))}
      </div>
      {tab === "templates" ? (
        <div className="pt-4">
          <TemplatesPanel profile={profile} />
        </div>
      ) : (
        <div className="flex gap-6 pt-4">
          <aside className="sticky top-5 w-60 shrink-0 self-start">
            <SessionList
              kind="transcoding"
              sessions={sessions.data ?? []}
              selected={selected}
              onSelect={selectTask}
            />
          </aside>
          <div className="min-w-0 flex-1">
            {/* The form stays mounted while a task is shown, so going back finds it as it was. */}
            <div hidden={selected !== null}>
              <CreateTask key={profile?.id ?? "none"} profile={profile} onCreated={selectTask} />
            </div>
            {selected !== null && <TaskPanel key={selected} id={selected} />}
          </div>
        </div>
      )}
    </ViewFrame>
  );
}
