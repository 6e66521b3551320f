import { Field, inputClass } from "../../../../components/Field";
import { getIn } from "../../../../lib/paths";
import { hasSecret } from "../draft";
import { type WidgetProps, useWidget } from "./widget";

export function Token({ spec }: WidgetProps) {
  const { draft, set, profile, error, testId } = useWidget(spec);
  const canGenerate = hasSecret(profile, "appCertificate");
  const token = getIn(draft, spec.path);
  return (
    <Field
      label="Token"
      error={error}
      hint={
        canGenerate
          ? draft.generateToken
            ? "Built in the backend from the profile's App Certificate; it never passes through this window."
            : "The bot's RTC token; it must outlive the recording."
          : "Leave empty when the App Certificate is off. Add the certificate in Profiles to have tokens built for you."
      }
    >
      {(a) => (
        <div className="flex flex-col gap-1.5">
          {canGenerate && (
            <label className="flex items-center gap-2 text-[13px]">
              <input
                type="checkbox"
                data-testid="field-generateToken"
                checked={draft.generateToken}
                onChange={(e) => set("generateToken", e.target.checked)}
              />
              Generate from the App Certificate
            </label>
          )}
          {(!canGenerate || !draft.generateToken) && (
            <input
              {...a}
              data-testid={testId}
              type="password"
              autoComplete="off"
              className={inputClass + " font-mono"}
              placeholder="007…"
              value={typeof token === "string" ? token : ""}
              onChange={(e) => set(spec.path, e.target.value === "" ? undefined : e.target.value)}
            />
          )}
        </div>
      )}
    </Field>
  );
}
