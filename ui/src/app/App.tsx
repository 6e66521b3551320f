import { Suspense, lazy, useCallback, useEffect, useState, type ComponentType } from "react";
import { ErrorBoundary } from "../components/ErrorBoundary";
import { useAppInfo, useProfiles } from "../lib/queries";
import { selectSession } from "../lib/selection";
import { useEngineEvents } from "../lib/sessions";
import { Sidebar } from "./Sidebar";
import { StatusBar } from "./StatusBar";
import { useInteractiveMark } from "./useInteractiveMark";
import { useView } from "./useView";
import { VIEWS, type ViewId } from "./views";

// Each view's code loads when it is first opened: the first load carries the shell and one screen.
const VIEW_MODULES: Record<ViewId, () => Promise<ComponentType>> = {
  profiles: async () => (await import("../features/profiles/ProfilesView")).ProfilesView,
  recording: async () => (await import("../features/recording/RecordingView")).RecordingView,
  transcoding: async () => (await import("../features/transcoding/TranscodingView")).TranscodingView,
  layouts: async () => (await import("../features/layout-editor/LayoutsView")).LayoutsView,
  history: async () => (await import("../features/history/HistoryView")).HistoryView,
};

const VIEW_COMPONENTS = {} as Record<ViewId, ComponentType>;
for (const { id } of VIEWS) VIEW_COMPONENTS[id] = lazy(async () => ({ default: await VIEW_MODULES[id]() }));

/** Starts fetching a view's code (at start-up, alongside the shell's first calls). */
export function preloadView(id: ViewId): Promise<unknown> {
  return VIEW_MODULES[id]();
}

/** Rendered after the view inside the Suspense boundary: it mounts once the view's code is in. */
function Shown({ onShown }: { onShown: () => void }) {
  useEffect(onShown, [onShown]);
  return null;
}

export function App() {
  const [view, go] = useView();
  useEngineEvents();
  const info = useAppInfo();
  const profiles = useProfiles();
  const [shown, setShown] = useState(false);
  const markShown = useCallback(() => setShown(true), []);
  // Interactive: a screen is on and the status bar can name the app and the active profile.
  useInteractiveMark(shown && info.isSuccess && profiles.isSuccess);
  const Current = VIEW_COMPONENTS[view];
  return (
    <div data-testid="app-shell" className="flex h-full flex-col">
      <div className="flex min-h-0 flex-1">
        <Sidebar current={view} onSelect={go} />
        <main className="min-w-0 flex-1">
          {/* Keyed by view: opening another screen clears a failed one. */}
          <ErrorBoundary key={view} what={`The ${VIEWS.find((v) => v.id === view)?.label ?? view} screen`}>
            <Suspense fallback={<div aria-busy="true" className="h-full" />}>
              <Current />
              <Shown onShown={markShown} />
            </Suspense>
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
