import { useSyncExternalStore } from "react";

// One shared 1 s clock for every elapsed time and countdown on screen.
const listeners = new Set<() => void>();
let now = Date.now();
let timer: ReturnType<typeof setInterval> | undefined;

function subscribe(l: () => void) {
  listeners.add(l);
  timer ??= setInterval(() => {
    now = Date.now();
    listeners.forEach((x) => x());
  }, 1000);
  return () => {
    listeners.delete(l);
    if (listeners.size === 0 && timer) {
      clearInterval(timer);
      timer = undefined;
    }
  };
}

/** The current time (ms), updated every second while something shows it. */
export function useNow(): number {
  return useSyncExternalStore(subscribe, () => now);
}
