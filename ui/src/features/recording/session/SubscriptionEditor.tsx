import { useState } from "react";
import type { SessionRow, UpdateClientRequest } from "../../../bindings";
import { Button } from "../../../components/Button";
import { ChipInput } from "../../../components/ChipInput";
import { Field } from "../../../components/Field";
import { startRequest } from "./sessionLayout";

type Lists = {
  subscribeAudioUids: string[];
  unSubscribeAudioUids: string[];
  subscribeVideoUids: string[];
  unSubscribeVideoUids: string[];
};

const LABELS: Record<keyof Lists, string> = {
  subscribeAudioUids: "Subscribe audio",
  unSubscribeAudioUids: "Unsubscribe audio",
  subscribeVideoUids: "Subscribe video",
  unSubscribeVideoUids: "Unsubscribe video",
};

/** The subscription lists the session started with (what `update` replaces). */
export function startedLists(row: SessionRow): Lists {
  const rc = startRequest(row)?.recordingConfig;
  return {
    subscribeAudioUids: rc?.subscribeAudioUids ?? [],
    unSubscribeAudioUids: rc?.unSubscribeAudioUids ?? [],
    subscribeVideoUids: rc?.subscribeVideoUids ?? [],
    unSubscribeVideoUids: rc?.unSubscribeVideoUids ?? [],
  };
}

/** The `update` body for the lists; an empty list is left out (Agora refuses empty lists). */
export function subscriptionUpdate(l: Lists): UpdateClientRequest {
  const opt = (v: string[]) => (v.length ? v : undefined);
  return {
    streamSubscribe: {
      audioUidList: {
        subscribeAudioUids: opt(l.subscribeAudioUids),
        unSubscribeAudioUids: opt(l.unSubscribeAudioUids),
      },
      videoUidList: {
        subscribeVideoUids: opt(l.subscribeVideoUids),
        unSubscribeVideoUids: opt(l.unSubscribeVideoUids),
      },
    },
  };
}

interface SubscriptionEditorProps {
  row: SessionRow;
  busy: boolean;
  onApply: (update: UpdateClientRequest) => void;
}

/** Change whose audio and video a running individual or mix recording subscribes to. */
export function SubscriptionEditor({ row, busy, onApply }: SubscriptionEditorProps) {
  const [lists, setLists] = useState<Lists>(() => startedLists(row));
  return (
    <div className="flex flex-col gap-3" data-testid="subscription-editor">
      <div className="grid grid-cols-2 gap-x-5 gap-y-3">
        {(Object.keys(LABELS) as (keyof Lists)[]).map((k) => (
          <Field
            key={k}
            label={LABELS[k]}
            hint={k.startsWith("sub") ? "Empty: everyone (#allstream#)." : "Empty: nobody excluded."}
          >
            {(a) => (
              <ChipInput
                id={a.id}
                describedBy={a["aria-describedby"]}
                testId={`sub-${k}`}
                allowAll={k.startsWith("sub")}
                placeholder="uid, Enter to add"
                values={lists[k]}
                onChange={(v) => setLists((l) => ({ ...l, [k]: v }))}
              />
            )}
          </Field>
        ))}
      </div>
      <div>
        <Button
          variant="primary"
          busy={busy}
          data-testid="apply-subscriptions"
          onClick={() => onApply(subscriptionUpdate(lists))}
        >
          Update subscriptions
        </Button>
      </div>
    </div>
  );
}
