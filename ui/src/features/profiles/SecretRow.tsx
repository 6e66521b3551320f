import { useState } from "react";
import type { ProfileId, SecretKind, SecretStatus } from "../../bindings";
import { Button } from "../../components/Button";
import { inputClass } from "../../components/Field";
import { api } from "../../lib/ipc";
import { useProfileMutation } from "../../lib/queries";
import { SECRET_LABELS, secretSummary } from "./profileForm";

interface SecretRowProps {
  profileId: ProfileId;
  status: SecretStatus;
}

/** One secret: its status, and replacing or clearing it. The value is never shown. */
export function SecretRow({ profileId, status }: SecretRowProps) {
  const [editing, setEditing] = useState(false);
  const [value, setValue] = useState("");
  const save = useProfileMutation((v: string) => api.setSecret(profileId, status.kind, v));
  const clear = useProfileMutation((kind: SecretKind) => api.clearSecret(profileId, kind));
  const label = SECRET_LABELS[status.kind];
  const testId = `secret-${profileId}-${status.kind}`;
  return (
    <li data-testid={testId} className="flex min-h-8 items-center gap-3 text-[13px]">
      <span className="w-40 shrink-0 text-muted">{label}</span>
      {editing ? (
        <form
          className="flex flex-1 items-center gap-2"
          onSubmit={(e) => {
            e.preventDefault();
            save.mutate(value, {
              onSuccess: () => {
                setValue("");
                setEditing(false);
              },
            });
          }}
        >
          <input
            aria-label={`New ${label}`}
            data-testid={`${testId}-input`}
            className={inputClass + " flex-1"}
            type="password"
            autoComplete="off"
            autoFocus
            value={value}
            onChange={(e) => setValue(e.target.value)}
          />
          <Button type="submit" variant="primary" busy={save.isPending} disabled={!value.trim()}>
            Save
          </Button>
          <Button variant="ghost" onClick={() => setEditing(false)}>
            Cancel
          </Button>
        </form>
      ) : (
        <>
          <span data-testid={`${testId}-status`} className={status.set ? "text-fg" : "text-muted"}>
            {secretSummary(status)}
          </span>
          <span className="flex-1" />
          <Button variant="ghost" onClick={() => setEditing(true)} aria-label={`Replace ${label}`}>
            {status.set ? "Replace" : "Set"}
          </Button>
          {status.set && (
            <Button
              variant="ghost"
              busy={clear.isPending}
              onClick={() => clear.mutate(status.kind)}
              aria-label={`Clear ${label}`}
            >
              Clear
            </Button>
          )}
        </>
      )}
      {(save.error ?? clear.error) && (
        <span role="alert" className="text-danger">
          {(save.error ?? clear.error)?.message}
        </span>
      )}
    </li>
  );
}
