import { Shuffle } from "lucide-react";
import { Button } from "../../../../components/Button";
import { Field, inputClass } from "../../../../components/Field";
import { getIn } from "../../../../lib/paths";
import { randomBotUid } from "../draft";
import { limitOf, limitText } from "../../../../components/form/spec";
import { LIMITS } from "../fields";
import { type WidgetProps, useWidget } from "./widget";

const RC = "start.clientRequest.recordingConfig";

export function BotUid({ spec }: WidgetProps) {
  const { draft, set, error, testId } = useWidget(spec);
  const avoid = [
    "subscribeAudioUids",
    "subscribeVideoUids",
    "unSubscribeAudioUids",
    "unSubscribeVideoUids",
  ].flatMap((k) => (getIn(draft, `${RC}.${k}`) as string[] | undefined) ?? []);
  return (
    <Field
      label="Bot uid"
      hint={`${limitText(limitOf(spec.path, LIMITS)) ?? ""}; nobody else in the channel may use it.`}
      error={error}
    >
      {(a) => (
        <div className="flex gap-2">
          <input
            {...a}
            data-testid={testId}
            className={inputClass + " flex-1 font-mono"}
            value={draft.start.uid}
            spellCheck={false}
            onChange={(e) => set(spec.path, e.target.value)}
          />
          <Button
            variant="secondary"
            title="Pick a uid that SDKs rarely assign and the subscribe lists do not name"
            onClick={() => set(spec.path, randomBotUid(avoid))}
          >
            <Shuffle aria-hidden size={14} /> Free uid
          </Button>
        </div>
      )}
    </Field>
  );
}
