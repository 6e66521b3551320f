import { RefreshCw } from "lucide-react";
import type { MayBeRecording, SessionKind } from "../../../bindings";
import { Button } from "../../../components/Button";
import { useNow } from "../../../lib/useNow";
import { describeMayBeRecording } from "./sessionFacts";

interface Props {
  info: MayBeRecording;
  /** "Ask Agora now" is in flight. */
  checking: boolean;
  onCheck: () => void;
  error: Error | null;
  kind?: SessionKind;
}

/** A session that may be billing without an answer saying so: what is known, and its limits. */
export function MayBeRecordingNotice({ info, checking, onCheck, error, kind = "recording" }: Props) {
  const lines = describeMayBeRecording(info, useNow(), kind);
  return (
    <div
      role="alert"
      data-testid="session-may-be-recording"
      className="rounded-lg border border-warn/60 bg-warn/10 px-4 py-3 text-[13px]"
    >
      <div className="flex items-start gap-3">
        <div className="min-w-0 flex-1">
          <p className="font-medium">
            {kind === "transcoding"
              ? "This task may be running, and billing."
              : "This session may be recording, and billing."}
          </p>
          <p className="mt-1 wrap-anywhere">{info.reason}</p>
        </div>
        <Button data-testid="session-check" busy={checking} onClick={onCheck}>
          <RefreshCw aria-hidden size={14} /> Ask Agora now
        </Button>
      </div>
      <ul className="mt-2 ml-5 list-disc text-xs wrap-anywhere">
        {lines.map((l) => (
          <li key={l}>{l}</li>
        ))}
      </ul>
      {error && <p className="mt-2 text-xs text-danger">{error.message}</p>}
    </div>
  );
}
