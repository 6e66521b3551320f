import { ChevronDown, ChevronRight } from "lucide-react";
import { useState } from "react";
import type { ProfileView } from "../../bindings";
import { Button } from "../../components/Button";
import { Field, inputClass } from "../../components/Field";
import { api } from "../../lib/ipc";
import { useProfileMutation } from "../../lib/queries";
import {
  AREAS,
  type ProfileDraft,
  changesDestination,
  draftFromProfile,
  emptyDraft,
  localErrors,
  secretsToSave,
  serverErrors,
  toInput,
} from "./profileForm";

interface ProfileFormProps {
  /** The profile being edited; a new one when absent. */
  editing?: ProfileView;
  onDone: () => void;
}

export function ProfileForm({ editing, onDone }: ProfileFormProps) {
  const creating = !editing;
  const [draft, setDraft] = useState<ProfileDraft>(editing ? draftFromProfile(editing) : emptyDraft);
  const [touched, setTouched] = useState(false);
  const [advanced, setAdvanced] = useState(Boolean(editing?.endpoint));
  const save = useProfileMutation(async (d: ProfileDraft) => {
    if (editing)
      return api.updateProfile(
        editing.id,
        toInput(d, editing),
        changesDestination(d, editing) ? secretsToSave(d) : [],
      );
    return api.createProfile(toInput(d), secretsToSave(d));
  });

  // A new endpoint or area clears the stored secrets (they were entered for the old one).
  const moving = editing ? changesDestination(draft, editing) : false;
  const asksSecrets = creating || moving;
  const errors = { ...(touched ? localErrors(draft, asksSecrets) : {}), ...serverErrors(save.error) };
  const set = (key: keyof ProfileDraft) => (value: string) => setDraft((d) => ({ ...d, [key]: value }));
  const otherError =
    save.error && Object.keys(serverErrors(save.error)).length === 0 ? save.error.message : undefined;

  const submit = () => {
    setTouched(true);
    if (Object.keys(localErrors(draft, asksSecrets)).length > 0) return;
    save.mutate(draft, { onSuccess: onDone });
  };

  const text = (key: keyof ProfileDraft, label: string, hint: string, secret = false) => (
    <Field label={label} hint={hint} error={errors[key]}>
      {(a) => (
        <input
          {...a}
          data-testid={`profile-field-${key}`}
          className={inputClass}
          type={secret ? "password" : "text"}
          autoComplete="off"
          spellCheck={false}
          value={draft[key]}
          onChange={(e) => set(key)(e.target.value)}
        />
      )}
    </Field>
  );

  return (
    <form
      data-testid="profile-form"
      className="rounded-xl border border-accent/40 bg-panel p-5 shadow-sm"
      onSubmit={(e) => {
        e.preventDefault();
        submit();
      }}
    >
      <h2 className="mb-4 text-base font-semibold">{creating ? "Add a profile" : `Edit ${editing.name}`}</h2>
      <div className="grid grid-cols-2 gap-x-5 gap-y-3">
        {text("name", "Name", "How this project appears in Mixdeck.")}
        <Field label="Domain area" hint="Requests go to Agora's hosts in this area first.">
          {(a) => (
            <select
              {...a}
              data-testid="profile-field-area"
              className={inputClass}
              value={draft.area}
              onChange={(e) => set("area")(e.target.value)}
            >
              {AREAS.map((o) => (
                <option key={o.value} value={o.value}>
                  {o.label}
                </option>
              ))}
            </select>
          )}
        </Field>
        {text("appId", "App ID", "Agora Console → Projects: 32 hexadecimal characters.")}
        {text("customerId", "Customer ID", "Agora Console → Developer Toolkit → RESTful API.")}
        {asksSecrets &&
          text("customerSecret", "Customer Secret", "Saved in your OS keychain, never on disk.", true)}
        {asksSecrets &&
          text(
            "appCertificate",
            "App Certificate (optional)",
            "Lets Mixdeck build RTC tokens for you.",
            true,
          )}
      </div>
      <button
        type="button"
        className="mt-4 flex items-center gap-1 text-[13px] text-muted hover:text-fg"
        aria-expanded={advanced}
        onClick={() => setAdvanced((v) => !v)}
      >
        {advanced ? <ChevronDown aria-hidden size={14} /> : <ChevronRight aria-hidden size={14} />} Advanced
      </button>
      {advanced && (
        <div className="mt-3 grid grid-cols-2 gap-x-5">
          {text(
            "endpoint",
            "Endpoint override",
            "A proxy or test server that replaces Agora's hosts, e.g. http://127.0.0.1:8080.",
          )}
        </div>
      )}
      {moving && (
        <p data-testid="profile-destination-note" className="mt-4 text-[13px] text-warn">
          Saving with a new endpoint or area deletes this profile&apos;s stored secrets (Customer Secret, App
          Certificate, storage keys), so nothing entered for the old destination is sent to the new one. Enter
          the Customer Secret again here; set the storage keys on the profile card afterwards.
        </p>
      )}
      {otherError && (
        <p role="alert" className="mt-4 text-[13px] text-danger">
          {otherError}
        </p>
      )}
      <div className="mt-5 flex gap-2">
        <Button variant="primary" type="submit" busy={save.isPending} data-testid="profile-save">
          {creating ? "Add profile" : "Save"}
        </Button>
        <Button variant="ghost" onClick={onDone}>
          Cancel
        </Button>
      </div>
    </form>
  );
}
