import { KeyRound, Plus } from "lucide-react";
import { useState } from "react";
import { Button } from "../../components/Button";
import { EmptyState } from "../../components/EmptyState";
import { ViewFrame } from "../../components/ViewFrame";
import { useProfiles } from "../../lib/queries";
import { ProfileCard } from "./ProfileCard";
import { ProfileForm } from "./ProfileForm";

export function ProfilesView() {
  const profiles = useProfiles();
  /** "new", the id of the profile being edited, or nothing. */
  const [form, setForm] = useState<"new" | number | null>(null);
  return (
    <ViewFrame id="profiles" title="Profiles" subtitle="Agora projects and the credentials to reach them.">
      <div className="mx-auto mt-6 flex max-w-3xl flex-col gap-4">
        <div className="flex items-center justify-between">
          <p className="text-[13px] text-muted">
            Secrets stay in your OS keychain; Mixdeck shows only whether each is set.
          </p>
          {form !== "new" && (
            <Button variant="primary" data-testid="profile-add" onClick={() => setForm("new")}>
              <Plus aria-hidden size={14} /> Add profile
            </Button>
          )}
        </div>
        {form === "new" && <ProfileForm onDone={() => setForm(null)} />}
        {profiles.isError && (
          <p role="alert" className="text-[13px] text-danger">
            {profiles.error.message}
          </p>
        )}
        {profiles.data?.map((p) =>
          form === p.id ? (
            <ProfileForm key={p.id} editing={p} onDone={() => setForm(null)} />
          ) : (
            <ProfileCard key={p.id} profile={p} onEdit={() => setForm(p.id)} />
          ),
        )}
        {profiles.data?.length === 0 && (
          <EmptyState
            icon={KeyRound}
            title="No profiles yet"
            summary="A profile is one Agora project: its App ID, Customer ID and domain area."
            points={[
              "Add a project with its App ID, Customer ID and Customer Secret, and test the connection.",
            ]}
          />
        )}
      </div>
    </ViewFrame>
  );
}
