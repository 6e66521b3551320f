import type { MayBeRecording } from "../../../bindings";
import { describeMayBeRecording } from "./sessionFacts";

/** A session that may be billing without an answer saying so: what is known, and its limits. */
export function MayBeRecordingNotice({ info }: { info: MayBeRecording }) {
  const lines = describeMayBeRecording(info, Date.now());
  return (
    <div
      role="alert"
      data-testid="session-may-be-recording"
      className="rounded-lg border border-warn/60 bg-warn/10 px-4 py-3 text-[13px]"
    >
      <p className="font-medium">This session may be recording, and billing.</p>
      <p className="mt-1">{info.reason}</p>
      <ul className="mt-2 ml-5 list-disc text-xs">
        {lines.map((l) => (
          <li key={l}>{l}</li>
        ))}
      </ul>
    </div>
  );
}
