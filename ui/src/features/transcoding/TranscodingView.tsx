import { Workflow } from "lucide-react";
import { EmptyState } from "../../components/EmptyState";
import { ViewFrame } from "../../components/ViewFrame";

export function TranscodingView() {
  return (
    <ViewFrame id="transcoding" title="Transcoding" subtitle="Agora Cloud Transcoding tasks.">
      <EmptyState
        icon={Workflow}
        title="No transcoding tasks"
        summary="Create Cloud Transcoding tasks that mix channel streams onto a canvas and push the result to a channel."
        points={[
          "Set inputs, the output channel, the canvas and watermarks in one form.",
          "Update a running task; Mixdeck tracks the sequenceId for you.",
          "Query and delete tasks, with every call kept in history.",
        ]}
      />
    </ViewFrame>
  );
}
