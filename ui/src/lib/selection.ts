// Which session each view shows: its form (null) or a session. Shared so the status bar's
// active-sessions indicator can open one from anywhere.
import { useSyncExternalStore } from "react";
import type { SessionId, SessionKind } from "../bindings";

const selected: Record<SessionKind, SessionId | null> = { recording: null, transcoding: null };
const listeners = new Set<() => void>();

export function selectSession(kind: SessionKind, id: SessionId | null): void {
  selected[kind] = id;
  listeners.forEach((l) => l());
}

export function useSelectedSession(kind: SessionKind): SessionId | null {
  return useSyncExternalStore(
    (l) => {
      listeners.add(l);
      return () => listeners.delete(l);
    },
    () => selected[kind],
  );
}

export const selectRecording = (id: SessionId | null) => selectSession("recording", id);
export const selectTask = (id: SessionId | null) => selectSession("transcoding", id);
