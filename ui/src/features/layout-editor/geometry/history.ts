/**
 * Undo/redo as an immutable value: every operation returns a new history, so it can live in React state
 * and be compared by reference. Consecutive pushes with the same key replace the present instead of
 * stacking, so one drag (many pointer moves) is one undo step.
 */
export interface History<T> {
  readonly past: readonly T[];
  readonly present: T;
  readonly future: readonly T[];
  /** Key of the last push; a push with the same key coalesces into it. Null after undo, redo or seal. */
  readonly lastKey: string | null;
  /** Oldest states beyond this many undo steps are forgotten. */
  readonly limit: number;
}

export const DEFAULT_HISTORY_LIMIT = 100;

export function createHistory<T>(present: T, limit = DEFAULT_HISTORY_LIMIT): History<T> {
  const safeLimit = Number.isFinite(limit) ? Math.max(1, Math.floor(limit)) : DEFAULT_HISTORY_LIMIT;
  return { past: [], present, future: [], lastKey: null, limit: safeLimit };
}

/**
 * Record `next` as the new present. Pushing the present itself is a no-op; a push with the same non-empty
 * key as the previous one replaces the present (the state before the gesture stays the undo target).
 */
export function push<T>(history: History<T>, next: T, key?: string | null): History<T> {
  if (Object.is(next, history.present)) return history;
  const k = key ? key : null;
  if (k !== null && k === history.lastKey) {
    return { ...history, present: next, future: [] };
  }
  const past = [...history.past, history.present].slice(-history.limit);
  return { ...history, past, present: next, future: [], lastKey: k };
}

/** End coalescing (e.g. on pointer up) so the next push with the same key is a new undo step. */
export function seal<T>(history: History<T>): History<T> {
  return history.lastKey === null ? history : { ...history, lastKey: null };
}

export function canUndo<T>(history: History<T>): boolean {
  return history.past.length > 0;
}

export function canRedo<T>(history: History<T>): boolean {
  return history.future.length > 0;
}

export function undo<T>(history: History<T>): History<T> {
  if (history.past.length === 0) return history;
  const previous = history.past[history.past.length - 1] as T;
  return {
    ...history,
    past: history.past.slice(0, -1),
    present: previous,
    future: [history.present, ...history.future],
    lastKey: null,
  };
}

export function redo<T>(history: History<T>): History<T> {
  if (history.future.length === 0) return history;
  const [next, ...rest] = history.future as [T, ...T[]];
  return {
    ...history,
    past: [...history.past, history.present].slice(-history.limit),
    present: next,
    future: rest,
    lastKey: null,
  };
}
