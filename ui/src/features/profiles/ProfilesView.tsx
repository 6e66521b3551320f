import { KeyRound } from "lucide-react";
import { EmptyState } from "../../components/EmptyState";
import { ViewFrame } from "../../components/ViewFrame";

export function ProfilesView() {
  return (
    <ViewFrame id="profiles" title="Profiles" subtitle="Agora projects and the credentials to reach them.">
      <EmptyState
        icon={KeyRound}
        title="No profiles yet"
        summary="A profile is one Agora project: its App ID, Customer ID and domain area. Secrets stay in your OS keychain, never in Mixdeck's files."
        points={[
          "Add a project with its App ID, Customer ID and Customer Secret, and test the connection.",
          "Pick the domain area (US, EU, AP, CN) so requests go to the nearest Agora hosts.",
          "Try everything first with the built-in Sandbox profile: no Agora account needed.",
        ]}
      />
    </ViewFrame>
  );
}
