// "Run again" from the history: the plan waits here until the start or create form of its kind
// takes it (the form may mount only after the view switches, or remount for another profile).
import { useEffect, useSyncExternalStore } from "react";
import type { RerunPlan } from "../bindings";

type FormKind = "recordingStart" | "transcodingCreate";

let pending: RerunPlan | null = null;
const listeners = new Set<() => void>();

export function requestRerun(plan: RerunPlan): void {
  pending = plan;
  listeners.forEach((l) => l());
}

function subscribe(l: () => void): () => void {
  listeners.add(l);
  return () => listeners.delete(l);
}

/** Calls `apply` once with a plan for this form (then forgets the plan). */
export function useRerunPlan(kind: FormKind, apply: (plan: RerunPlan) => void): void {
  const plan = useSyncExternalStore(subscribe, () => pending);
  useEffect(() => {
    if (plan && plan.template.kind === kind) {
      pending = null;
      apply(plan);
    }
  }, [plan, kind, apply]);
}
