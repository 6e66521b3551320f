import { CircleCheck, CircleX, FlaskConical, Pencil, Trash2, Zap } from "lucide-react";
import { useMemo, useState } from "react";
import type { ConnectionTest, ProfileView } from "../../bindings";
import { Button } from "../../components/Button";
import { api } from "../../lib/ipc";
import { useProfileMutation } from "../../lib/queries";
import { SandboxUrl } from "./SandboxUrl";
import { SecretRow } from "./SecretRow";
import { StorageCheckButton, StorageCheckReport, type StorageCheckResult } from "../storage/StorageCheck";
import { defaultStorage } from "../storage/defaults";

interface ProfileCardProps {
  profile: ProfileView;
  onEdit: () => void;
}

export function ProfileCard({ profile, onEdit }: ProfileCardProps) {
  const sandbox = profile.kind === "sandbox";
  const [result, setResult] = useState<ConnectionTest | null>(null);
  const [confirming, setConfirming] = useState(false);
  const test = useProfileMutation(() => api.testConnection(profile.id));
  const remove = useProfileMutation(() => api.deleteProfile(profile.id));
  const id = profile.id;
  const storage = useMemo(() => (profile.defaultStorage ? defaultStorage(profile) : null), [profile]);
  const [storageCheck, setStorageCheck] = useState<StorageCheckResult>(null);
  return (
    <article
      data-testid={`profile-card-${id}`}
      className="rounded-xl border border-line bg-panel p-5 shadow-sm"
    >
      <header className="mb-3 flex items-start gap-3">
        <div className="min-w-0 flex-1">
          <h2 className="flex items-center gap-2 text-base font-semibold">
            {profile.name}
            {sandbox && (
              <span className="flex items-center gap-1 rounded-full bg-accent-soft px-2 py-0.5 text-[11px] font-medium text-accent">
                <FlaskConical aria-hidden size={12} /> Built-in sandbox
              </span>
            )}
          </h2>
          <p className="mt-0.5 text-[13px] text-muted">
            {sandbox
              ? "A local emulator of both Agora APIs, inside Mixdeck: try everything without an account."
              : `${profile.area} area${profile.endpoint ? ` · via ${profile.endpoint}` : ""}`}
          </p>
          {sandbox && <SandboxUrl />}
        </div>
        <Button
          data-testid={`profile-test-${id}`}
          busy={test.isPending}
          onClick={() => test.mutate(undefined, { onSuccess: setResult, onError: () => setResult(null) })}
        >
          <Zap aria-hidden size={14} /> Test connection
        </Button>
        {!sandbox && (
          <>
            <Button variant="ghost" onClick={onEdit} aria-label={`Edit ${profile.name}`}>
              <Pencil aria-hidden size={14} />
            </Button>
            <Button variant="ghost" onClick={() => setConfirming(true)} aria-label={`Delete ${profile.name}`}>
              <Trash2 aria-hidden size={14} />
            </Button>
          </>
        )}
      </header>

      {(result || test.error) && (
        <p
          data-testid={`profile-test-result-${id}`}
          role="status"
          className={
            "mb-3 flex items-start gap-2 rounded-md px-3 py-2 text-[13px] " +
            (result?.ok ? "bg-ok/10 text-ok" : "bg-danger/10 text-danger")
          }
        >
          {result?.ok ? <CircleCheck aria-hidden size={16} /> : <CircleX aria-hidden size={16} />}
          <span>{result ? `${result.message} (${result.elapsedMs} ms)` : test.error?.message}</span>
        </p>
      )}

      <dl className="mb-3 grid grid-cols-[9rem_1fr] gap-y-1 text-[13px]">
        <dt className="text-muted">App ID</dt>
        <dd className="font-mono select-text">{profile.appId}</dd>
        <dt className="text-muted">Customer ID</dt>
        <dd className="font-mono select-text">{profile.customerId}</dd>
        {profile.defaultStorage && (
          <>
            <dt className="text-muted">Storage</dt>
            <dd className="flex flex-wrap items-center gap-2">
              <span className="select-text" data-testid={`profile-storage-${id}`}>
                {profile.storageDestination}
              </span>
              <StorageCheckButton
                profileId={id}
                storage={storage}
                onResult={setStorageCheck}
                testId={`profile-check-storage-${id}`}
              />
            </dd>
          </>
        )}
      </dl>
      <div className="mb-3">
        <StorageCheckReport result={storageCheck} storage={storage} testId={`profile-storage-check-${id}`} />
      </div>

      {!sandbox && (
        <ul className="space-y-1 border-t border-line pt-3">
          {profile.secrets.map((s) => (
            <SecretRow key={s.kind} profileId={id} status={s} />
          ))}
        </ul>
      )}

      {confirming && (
        <div
          role="alertdialog"
          aria-label="Delete profile"
          className="mt-3 flex items-center gap-3 rounded-md bg-danger/10 px-3 py-2 text-[13px]"
        >
          <span className="flex-1">
            Delete {profile.name} and its keychain entries? Its sessions stay in History.
          </span>
          <Button variant="danger" busy={remove.isPending} onClick={() => remove.mutate(undefined)}>
            Delete
          </Button>
          <Button variant="ghost" onClick={() => setConfirming(false)}>
            Keep
          </Button>
        </div>
      )}
      {remove.error && (
        <p role="alert" className="mt-2 text-[13px] text-danger">
          {remove.error.message}
        </p>
      )}
    </article>
  );
}
