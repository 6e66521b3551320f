import { LayoutTemplate } from "lucide-react";
import { MAX_RECORDING_REGIONS } from "../../../../bindings";
import { Button } from "../../../../components/Button";
import { Field } from "../../../../components/Field";
import { getIn } from "../../../../lib/paths";
import { type WidgetProps, useWidget } from "./widget";

export function EditLayout({ spec }: WidgetProps) {
  const { draft, onEditLayout, error } = useWidget(spec);
  const regions = getIn(draft, spec.path);
  const n = Array.isArray(regions) ? regions.length : 0;
  return (
    <Field
      label="Custom layout"
      error={error}
      hint={
        n
          ? `${n} region${n === 1 ? "" : "s"} (mixedVideoLayout 3).`
          : `Draw regions for up to ${MAX_RECORDING_REGIONS} users.`
      }
    >
      {(a) => (
        <Button {...a} data-testid="edit-layout" disabled={!onEditLayout} onClick={onEditLayout}>
          <LayoutTemplate aria-hidden size={14} /> Edit layout…
        </Button>
      )}
    </Field>
  );
}
