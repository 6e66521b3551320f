import { History } from "lucide-react";
import { EmptyState } from "../../components/EmptyState";
import { ViewFrame } from "../../components/ViewFrame";

export function HistoryView() {
  return (
    <ViewFrame id="history" title="History" subtitle="Everything that ran, with its settings and files.">
      <EmptyState
        icon={History}
        title="Nothing has run yet"
        summary="Every recording and transcoding task Mixdeck starts is kept here, even if the app quits mid-session."
        points={[
          "Find a session by channel, id, profile, mode, state or date.",
          "See the settings it used, every request and response (secrets redacted) and the files it produced.",
          "Export a session, or start again from its settings.",
        ]}
      />
    </ViewFrame>
  );
}
