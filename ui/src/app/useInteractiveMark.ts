import { useEffect } from "react";
import { api } from "../lib/ipc";

/**
 * Once `ready` (the shell shows real data), waits for the frame that paints it and tells Rust,
 * which logs the start-up time; `npm run bench` measures start to interactive by that line.
 */
export function useInteractiveMark(ready: boolean) {
  useEffect(() => {
    if (!ready) return;
    let second = 0;
    // The first callback runs before the paint, the second after it.
    const first = requestAnimationFrame(() => {
      second = requestAnimationFrame(() => void api.windowInteractive().catch(() => undefined));
    });
    return () => {
      cancelAnimationFrame(first);
      cancelAnimationFrame(second);
    };
  }, [ready]);
}
