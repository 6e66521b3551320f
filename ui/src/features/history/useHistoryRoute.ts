import { useCallback, useEffect, useSyncExternalStore } from "react";
import { EMPTY_ROUTE, type HistoryRoute, SAVED_ROUTE_KEY, parseRoute, routeHash } from "./route";

function subscribe(onChange: () => void): () => void {
  window.addEventListener("hashchange", onChange);
  return () => window.removeEventListener("hashchange", onChange);
}

function saved(): string | null {
  try {
    return window.localStorage.getItem(SAVED_ROUTE_KEY);
  } catch {
    return null;
  }
}

function save(hash: string) {
  try {
    window.localStorage.setItem(SAVED_ROUTE_KEY, hash);
  } catch {
    // Storage refused (private mode, quota): the route still works for this run.
  }
}

/**
 * The history's filters and selection, read from and written to the location hash. A bare
 * `#/history` (the sidebar, a restart) comes back to the last route used.
 */
export function useHistoryRoute(): [HistoryRoute, (change: Partial<HistoryRoute>) => void] {
  const hash = useSyncExternalStore(subscribe, () => window.location.hash);
  const route = parseRoute(hash);

  useEffect(() => {
    const bare = window.location.hash.replace(/^#\/?/, "") === "history";
    const last = saved();
    if (bare && last && last !== "#/history") window.location.replace(last);
  }, []);

  const set = useCallback((change: Partial<HistoryRoute>) => {
    const next = routeHash({ ...EMPTY_ROUTE, ...parseRoute(window.location.hash), ...change });
    save(next);
    // Typing in the search box must not fill the back history with every keystroke.
    window.history.replaceState(null, "", next);
    window.dispatchEvent(new HashChangeEvent("hashchange"));
  }, []);

  return [route, set];
}
