// What every start-form widget needs: the form, its spec's first error and its test id.
import { type FieldSpec, errorFor } from "../fields";
import { fieldTestId } from "../FieldControl";
import { useForm } from "../FormContext";

export type WidgetProps = { spec: Extract<FieldSpec, { kind: "custom" }> };

export function useWidget(spec: WidgetProps["spec"]) {
  const form = useForm();
  return { ...form, error: errorFor(spec, form.errors), testId: fieldTestId(spec.path) };
}
