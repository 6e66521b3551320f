import { ViewFrame } from "../../components/ViewFrame";
import { useActiveProfile } from "../../lib/activeProfile";
import { useRecentSessions } from "../../lib/sessions";
import { StartForm } from "./form/StartForm";
import { selectRecording, useSelectedSession } from "../../lib/selection";
import { SessionPanel } from "./session/SessionPanel";
import { SessionList } from "../../components/SessionList";

export function RecordingView() {
  const [profile] = useActiveProfile();
  const sessions = useRecentSessions();
  const selected = useSelectedSession("recording");
  return (
    <ViewFrame
      scrollKey={selected}
      id="recording"
      title="Recording"
      subtitle={`Agora Cloud Recording: individual, mix and web modes${profile ? ` · profile ${profile.name}` : ""}.`}
    >
      <div className="flex gap-6 pt-5">
        <aside className="sticky top-5 w-60 shrink-0 self-start">
          <SessionList
            kind="recording"
            sessions={sessions.data ?? []}
            selected={selected}
            onSelect={selectRecording}
          />
        </aside>
        <div className="min-w-0 flex-1">
          {/* The form stays mounted while a session is shown, so going back finds it as it was. */}
          <div hidden={selected !== null}>
            <StartForm key={profile?.id ?? "none"} profile={profile} onStarted={selectRecording} />
          </div>
          {selected !== null && <SessionPanel key={selected} id={selected} />}
        </div>
      </div>
    </ViewFrame>
  );
}
