import { Field, inputClass } from "../../../../components/Field";
import { getIn } from "../../../../lib/paths";
import { fieldTestId } from "../../../../components/form/spec";
import { type WidgetProps, useWidget } from "./widget";

export function StorageLocation({ spec }: WidgetProps) {
  const { draft, set, vendors, error, testId } = useWidget(spec);
  const SC = "start.clientRequest.storageConfig";
  const vendor = getIn(draft, `${SC}.vendor`);
  const region = getIn(draft, `${SC}.region`);
  const info = vendors?.find((v) => v.vendor === vendor);
  return (
    <div className="col-span-2 grid grid-cols-2 gap-x-5">
      <Field label="Vendor" error={error} hint="Where your bucket lives.">
        {(a) => (
          <select
            {...a}
            data-testid={testId}
            className={inputClass}
            value={String(vendor ?? "")}
            onChange={(e) => {
              set(`${SC}.vendor`, Number(e.target.value));
              set(`${SC}.region`, 0);
            }}
          >
            {vendors
              ?.filter((v) => v.current || v.vendor === vendor)
              .map((v) => (
                <option key={v.vendor} value={v.vendor}>
                  {v.name}
                  {v.current ? "" : " (no longer listed)"}
                </option>
              ))}
          </select>
        )}
      </Field>
      <Field
        label="Region"
        hint={info ? `${info.regions.length} regions; the code sent is shown first.` : undefined}
      >
        {(a) => (
          <select
            {...a}
            data-testid={fieldTestId(`${SC}.region`)}
            className={inputClass}
            value={String(region ?? "")}
            onChange={(e) => set(`${SC}.region`, Number(e.target.value))}
          >
            {info?.regions.map((r) => (
              <option key={r.code} value={r.code}>
                {r.code}: {r.name}
                {r.legacy ? " (older docs only)" : ""}
              </option>
            ))}
            {info && !info.regions.some((r) => r.code === region) && (
              <option value={String(region)}>{String(region)} (not a region of this vendor)</option>
            )}
          </select>
        )}
      </Field>
    </div>
  );
}
