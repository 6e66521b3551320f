// Which profile the app works with. Kept in the webview's storage: it is a preference, not data.
import { useCallback, useSyncExternalStore } from "react";
import type { ProfileId, ProfileView } from "../bindings";
import { useProfiles } from "./queries";

const KEY = "mixdeck.activeProfile";
const listeners = new Set<() => void>();

function read(): number | null {
  const raw = window.localStorage.getItem(KEY);
  const n = raw === null ? NaN : Number(raw);
  return Number.isInteger(n) ? n : null;
}

export function setActiveProfileId(id: ProfileId): void {
  window.localStorage.setItem(KEY, String(id));
  listeners.forEach((l) => l());
}

function subscribe(l: () => void): () => void {
  listeners.add(l);
  return () => listeners.delete(l);
}

/** The chosen profile if it still exists, else the first (the built-in Sandbox on a first run). */
export function pickActive(profiles: readonly ProfileView[] | undefined, chosen: number | null) {
  if (!profiles?.length) return undefined;
  return profiles.find((p) => p.id === chosen) ?? profiles[0];
}

export function useActiveProfile(): [ProfileView | undefined, (id: ProfileId) => void] {
  const profiles = useProfiles();
  const chosen = useSyncExternalStore(subscribe, read);
  const set = useCallback((id: ProfileId) => setActiveProfileId(id), []);
  return [pickActive(profiles.data, chosen), set];
}
