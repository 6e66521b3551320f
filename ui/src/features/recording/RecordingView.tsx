import { Clapperboard } from "lucide-react";
import { EmptyState } from "../../components/EmptyState";
import { ViewFrame } from "../../components/ViewFrame";

export function RecordingView() {
  return (
    <ViewFrame
      id="recording"
      title="Recording"
      subtitle="Agora Cloud Recording: individual, mix and web modes."
    >
      <EmptyState
        icon={Clapperboard}
        title="No recordings running"
        summary="Start a Cloud Recording from a form that knows every field, its default and its limits, then watch it live."
        points={[
          "Fill in the channel, what to record and where to store it; see the exact JSON as you type.",
          "Start with one click (acquire and start), then follow status and files as they arrive.",
          "Change subscriptions or the layout while recording, and stop when done.",
        ]}
      />
    </ViewFrame>
  );
}
