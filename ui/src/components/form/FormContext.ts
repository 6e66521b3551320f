// What every field of a form reads: the draft, how to change it, its shown errors, and the
// Rust tables (code labels, limits, notes) its controls need.
import { createContext, useContext, type ReactNode } from "react";
import type { CodeTables } from "../../bindings";
import type { FieldSpec, Limits, Notes } from "./spec";

export interface FormContextValue {
  draft: unknown;
  /** Sets (or, with undefined, removes) the value at a draft path and marks the field touched. */
  set: (path: string, value: unknown) => void;
  /** Errors to show now, by draft path. */
  errors: Record<string, string>;
  /** Warnings by draft path: rules Agora does not state, fields it ignores; never blocking. */
  warnings: Record<string, string>;
  tables: CodeTables | undefined;
  limits: Limits;
  notes: Notes;
  /** Before every field's test id, when two forms of one kind are on screen at once. */
  idPrefix?: string;
  /** The form's own widgets (`kind: "custom"`). */
  renderCustom?: (spec: Extract<FieldSpec<never>, { kind: "custom" }>) => ReactNode;
}

export const FormContext = createContext<FormContextValue | null>(null);

export function useForm(): FormContextValue {
  const v = useContext(FormContext);
  if (!v) throw new Error("useForm outside a form");
  return v;
}
