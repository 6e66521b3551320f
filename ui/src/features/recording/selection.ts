// Which recording the Recording view shows: the start form (null) or a session. Shared so the
// status bar's active-sessions indicator can open one from anywhere.
import { useSyncExternalStore } from "react";
import type { SessionId } from "../../bindings";

let selected: SessionId | null = null;
const listeners = new Set<() => void>();

export function selectRecording(id: SessionId | null): void {
  selected = id;
  listeners.forEach((l) => l());
}

export function useSelectedRecording(): SessionId | null {
  return useSyncExternalStore(
    (l) => {
      listeners.add(l);
      return () => listeners.delete(l);
    },
    () => selected,
  );
}
