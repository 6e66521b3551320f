import { KeyRound } from "lucide-react";
import { useState } from "react";
import { Button } from "../../../../components/Button";
import { Field, inputClass } from "../../../../components/Field";
import { api } from "../../../../lib/ipc";
import { getIn } from "../../../../lib/paths";
import { useProfileMutation } from "../../../../lib/queries";
import { hasSecret } from "../draft";
import { errorFor, fieldTestId } from "../../../../components/form/spec";
import { type WidgetProps, useWidget } from "./widget";

export function StorageKeys({ spec }: WidgetProps) {
  const { draft, set, errors, profile } = useWidget(spec);
  const [otherKeys, setOtherKeys] = useState(false);
  const saveKeys = useProfileMutation(async (keys: { access: string; secret: string }) => {
    if (!profile) return;
    await api.setSecret(profile.id, "storageAccessKey", keys.access);
    await api.setSecret(profile.id, "storageSecretKey", keys.secret);
  });
  const SC = "start.clientRequest.storageConfig";
  const access = (getIn(draft, `${SC}.accessKey`) as string | undefined) ?? "";
  const secret = (getIn(draft, `${SC}.secretKey`) as string | undefined) ?? "";
  const status = profile?.secrets.find((s) => s.kind === "storageAccessKey");
  const stored = hasSecret(profile, "storageAccessKey") && hasSecret(profile, "storageSecretKey");
  const typing = !stored || otherKeys || access !== "" || secret !== "";
  return (
    <div className="col-span-2 flex flex-col gap-2" data-testid="storage-keys">
      <span className="text-[13px] font-medium">Access keys</span>
      {stored && !typing && (
        <p className="flex items-center gap-2 text-[13px]">
          <KeyRound aria-hidden size={14} className="text-ok" />
          From {profile?.name}'s keychain entries
          {status?.last4 ? ` (…${status.last4})` : ""}.
          <button
            type="button"
            data-testid="storage-other-keys"
            className="text-accent hover:underline"
            onClick={() => setOtherKeys(true)}
          >
            Use other keys
          </button>
        </p>
      )}
      {typing && (
        <>
          <div className="grid grid-cols-2 gap-x-5">
            {(
              [
                ["accessKey", "Access key", access],
                ["secretKey", "Secret key", secret],
              ] as const
            ).map(([key, label, v]) => (
              <Field
                key={key}
                label={label}
                error={errorFor({ ...spec, path: `${SC}.${key}`, also: [] }, errors)}
              >
                {(a) => (
                  <input
                    {...a}
                    data-testid={fieldTestId(`${SC}.${key}`)}
                    type="password"
                    autoComplete="off"
                    className={inputClass + " font-mono"}
                    value={v}
                    onChange={(e) => set(`${SC}.${key}`, e.target.value)}
                  />
                )}
              </Field>
            ))}
          </div>
          {profile && profile.kind === "agora" && (
            <div className="flex items-center gap-2 text-xs text-muted">
              <Button
                data-testid="save-storage-keys"
                disabled={access === "" || secret === ""}
                busy={saveKeys.isPending}
                onClick={() =>
                  saveKeys.mutate(
                    { access, secret },
                    {
                      onSuccess: () => {
                        set(`${SC}.accessKey`, "");
                        set(`${SC}.secretKey`, "");
                        setOtherKeys(false);
                      },
                    },
                  )
                }
              >
                <KeyRound aria-hidden size={14} /> Save in {profile.name}'s keychain
              </Button>
              Saved keys are filled in when sending and never shown again.
              {saveKeys.error && <span className="text-danger">{saveKeys.error.message}</span>}
            </div>
          )}
        </>
      )}
    </div>
  );
}
