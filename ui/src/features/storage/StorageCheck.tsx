import { useMutation } from "@tanstack/react-query";
import { CircleAlert, CircleCheck, CircleMinus, CircleX, HardDrive } from "lucide-react";
import type { ProfileId, StepOutcome, StorageCheck, StorageConfig } from "../../bindings";
import { Button } from "../../components/Button";
import { ErrorCallout } from "../../components/ErrorCallout";
import { api } from "../../lib/ipc";

export type StorageCheckResult = { of: StorageConfig; check?: StorageCheck; error?: unknown } | null;

/** "Check storage": a test object written, read back and deleted through the vendor's own API. */
export function StorageCheckButton({
  profileId,
  storage,
  onResult,
  testId = "check-storage",
}: {
  profileId: ProfileId | undefined;
  storage: StorageConfig | null | undefined;
  onResult: (r: StorageCheckResult) => void;
  testId?: string;
}) {
  const check = useMutation({
    mutationFn: (s: StorageConfig) => {
      if (profileId === undefined) throw new Error("Pick a profile first.");
      return api.checkStorage(profileId, s);
    },
    onMutate: () => onResult(null),
    onSuccess: (c, s) => onResult({ of: s, check: c }),
    onError: (e, s) => onResult({ of: s, error: e }),
  });
  return (
    <Button
      variant="ghost"
      data-testid={testId}
      busy={check.isPending}
      disabled={profileId === undefined || !storage || storage.bucket.trim() === ""}
      onClick={() => storage && check.mutate(storage)}
    >
      <HardDrive aria-hidden size={14} /> Check storage
    </Button>
  );
}

const ICON: Record<StepOutcome, typeof CircleCheck> = {
  passed: CircleCheck,
  failed: CircleX,
  warning: CircleAlert,
  skipped: CircleMinus,
};
const TONE: Record<StepOutcome, string> = {
  passed: "text-ok",
  failed: "text-danger",
  warning: "text-warn",
  skipped: "text-muted",
};

/** Each step of the check, the failing one naming the field to fix. Shown while it still describes `storage`. */
export function StorageCheckReport({
  result,
  storage,
  testId = "storage-check",
}: {
  result: StorageCheckResult;
  storage: StorageConfig | null | undefined;
  testId?: string;
}) {
  if (!result || result.of !== storage) return null;
  if (result.error !== undefined)
    return (
      <ErrorCallout
        error={result.error}
        title="The storage could not be checked"
        testId={`${testId}-error`}
      />
    );
  const c = result.check;
  if (!c) return null;
  if (c.unsupported)
    return (
      <p
        className="rounded-lg border border-line bg-panel p-3 text-[13px] text-muted"
        data-testid={`${testId}-unsupported`}
      >
        {c.unsupported}
      </p>
    );
  return (
    <div className="rounded-lg border border-line bg-panel p-3 text-[13px]" data-testid={testId}>
      <p
        className={"mb-2 font-medium " + (c.ok ? "text-ok" : "text-danger")}
        data-testid={`${testId}-summary`}
      >
        {c.ok ? "Agora can upload here" : "Agora's upload would fail here"}
        <span className="font-normal text-muted">
          {" "}
          · {c.host} · {c.elapsedMs} ms
        </span>
      </p>
      <ul className="flex flex-col gap-1">
        {c.steps.map((s) => {
          const Icon = ICON[s.outcome];
          return (
            <li
              key={s.step}
              className="flex items-start gap-2"
              data-testid={`${testId}-step-${s.step}`}
              data-outcome={s.outcome}
            >
              <Icon aria-hidden size={14} className={"mt-0.5 shrink-0 " + TONE[s.outcome]} />
              <span className="w-20 shrink-0 font-medium">{s.label}</span>
              <span className={s.outcome === "failed" ? "text-danger" : "text-muted"}>
                {s.message}
                {s.field && (
                  <>
                    {" "}
                    — fix{" "}
                    <code className="font-mono" data-testid={`${testId}-field`}>
                      {s.field}
                    </code>
                  </>
                )}
              </span>
            </li>
          );
        })}
      </ul>
    </div>
  );
}
