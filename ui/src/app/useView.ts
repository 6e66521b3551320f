import { useCallback, useSyncExternalStore } from "react";
import { type ViewId, hashForView, viewFromHash } from "./views";

function subscribe(onChange: () => void): () => void {
  window.addEventListener("hashchange", onChange);
  return () => window.removeEventListener("hashchange", onChange);
}

/** The current view, kept in the location hash so a reload stays where the user was. */
export function useView(): [ViewId, (view: ViewId) => void] {
  const view = useSyncExternalStore(subscribe, () => viewFromHash(window.location.hash));
  const go = useCallback((next: ViewId) => {
    window.location.hash = hashForView(next);
  }, []);
  return [view, go];
}

/** Switches views from anywhere (a history action opening the form of a session's kind). */
export function goToView(view: ViewId): void {
  window.location.hash = hashForView(view);
}
