import { useMutation } from "@tanstack/react-query";
import { Radar } from "lucide-react";
import type { ChannelCheck as Check, ProfileView } from "../../../bindings";
import { Button } from "../../../components/Button";
import { ErrorCallout } from "../../../components/ErrorCallout";
import { api } from "../../../lib/ipc";
import type { RecordingDraft } from "./draft";

/** What the check asks about: the channel, its profile and the recorder's uid. */
function target(draft: RecordingDraft) {
  return {
    cname: draft.start.cname.trim(),
    channelType: draft.start.clientRequest.recordingConfig?.channelType ?? 0,
    uid: draft.start.uid.trim() || null,
  };
}

/**
 * The optional pre-flight before a start: who is in the channel (Agora's Channel Management) and
 * what the recording would run into there (nobody publishing, the wrong channelType, the uid
 * taken). Warnings only, never blocking. Web recordings join no channel, so they have none.
 */
export function ChannelCheckButton({
  draft,
  profile,
  onResult,
}: {
  draft: RecordingDraft;
  profile: ProfileView | undefined;
  onResult: (r: { of: ReturnType<typeof target>; check?: Check; error?: unknown } | null) => void;
}) {
  const t = target(draft);
  const check = useMutation({
    mutationFn: () => {
      if (!profile) throw new Error("Pick a profile first.");
      return api.checkChannel(profile.id, t.cname, t.channelType, t.uid);
    },
    onMutate: () => onResult(null),
    onSuccess: (c) => onResult({ of: t, check: c }),
    onError: (e) => onResult({ of: t, error: e }),
  });
  return (
    <Button
      variant="ghost"
      data-testid="check-channel"
      busy={check.isPending}
      disabled={!profile || draft.mode === "web" || t.cname === ""}
      onClick={() => check.mutate()}
    >
      <Radar aria-hidden size={14} /> Check channel
    </Button>
  );
}

/** The check's answer, while it still describes the form's channel, channelType and uid. */
export function ChannelCheckResult({
  draft,
  result,
}: {
  draft: RecordingDraft;
  result: { of: ReturnType<typeof target>; check?: Check; error?: unknown } | null;
}) {
  if (!result) return null;
  const now = target(draft);
  if (now.cname !== result.of.cname || now.channelType !== result.of.channelType || now.uid !== result.of.uid)
    return null;
  if (result.error !== undefined)
    return (
      <ErrorCallout
        error={result.error}
        title="The channel could not be checked"
        testId="channel-check-error"
      />
    );
  const c = result.check;
  if (!c) return null;
  return (
    <div className="rounded-lg border border-line bg-panel p-3 text-[13px]" data-testid="channel-check">
      <p className="mb-1 font-medium">
        Channel {c.cname}:{" "}
        {c.users.channel_exist
          ? `${c.publishers.length} publishing${c.users.mode === 1 ? " (communication)" : c.users.mode === 2 ? " (live broadcasting)" : ""}`
          : "nobody there"}
      </p>
      {c.findings.length === 0 ? (
        <p className="text-ok" data-testid="channel-check-ok">
          Nothing to warn about.
        </p>
      ) : (
        <ul className="list-disc pl-5 text-warn">
          {c.findings.map((f) => (
            <li key={f.warning.kind} data-testid={`channel-warning-${f.warning.kind}`}>
              {f.message}
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
