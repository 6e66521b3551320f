// What every start-form widget needs: the form, its spec's first error and its test id.
import { errorFor, fieldTestId } from "../../../../components/form/spec";
import type { FieldSpec } from "../fields";
import { useRecordingForm } from "../FormContext";

export type WidgetProps = { spec: Extract<FieldSpec, { kind: "custom" }> };

export function useWidget(spec: WidgetProps["spec"]) {
  const form = useRecordingForm();
  return { ...form, error: errorFor(spec, form.errors), testId: fieldTestId(spec.path) };
}
