import { ErrorBoundary } from "../components/ErrorBoundary";
import { HistoryView } from "../features/history/HistoryView";
import { LayoutsView } from "../features/layout-editor/LayoutsView";
import { ProfilesView } from "../features/profiles/ProfilesView";
import { RecordingView } from "../features/recording/RecordingView";
import { selectSession } from "../lib/selection";
import { TranscodingView } from "../features/transcoding/TranscodingView";
import { useEngineEvents } from "../lib/sessions";
import { Sidebar } from "./Sidebar";
import { StatusBar } from "./StatusBar";
import { useView } from "./useView";
import { VIEWS, type ViewId } from "./views";

const VIEW_COMPONENTS: Record<ViewId, () => React.JSX.Element> = {
  profiles: ProfilesView,
  recording: RecordingView,
  transcoding: TranscodingView,
  layouts: LayoutsView,
  history: HistoryView,
};

export function App() {
  const [view, go] = useView();
  useEngineEvents();
  const Current = VIEW_COMPONENTS[view];
  return (
    <div data-testid="app-shell" className="flex h-full flex-col">
      <div className="flex min-h-0 flex-1">
        <Sidebar current={view} onSelect={go} />
        <main className="min-w-0 flex-1">
          {/* Keyed by view: opening another screen clears a failed one. */}
          <ErrorBoundary key={view} what={`The ${VIEWS.find((v) => v.id === view)?.label ?? view} screen`}>
            <Current />
          </ErrorBoundary>
        </main>
      </div>
      <StatusBar
        onOpenProfiles={() => go("profiles")}
        onOpenSession={(s) => {
          selectSession(s.kind, s.id);
          go(s.kind);
        }}
      />
    </div>
  );
}
