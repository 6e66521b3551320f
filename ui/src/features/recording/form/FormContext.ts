// What every field of the start form reads: the draft, how to change it, its shown errors and
// the facts the pickers need.
import { createContext, useContext } from "react";
import type { CodeTables, ProfileView, VendorInfo } from "../../../bindings";
import type { RecordingDraft } from "./draft";

export interface FormContextValue {
  draft: RecordingDraft;
  /** Sets (or, with undefined, removes) the value at a draft path and marks the field touched. */
  set: (path: string, value: unknown) => void;
  /** Errors to show now, by draft path. */
  errors: Record<string, string>;
  /** Warnings by draft path: rules Agora does not state, fields it ignores; never blocking. */
  warnings: Record<string, string>;
  profile: ProfileView | undefined;
  tables: CodeTables | undefined;
  vendors: VendorInfo[] | undefined;
  onEditLayout?: () => void;
}

export const FormContext = createContext<FormContextValue | null>(null);

export function useForm(): FormContextValue {
  const v = useContext(FormContext);
  if (!v) throw new Error("useForm outside the start form");
  return v;
}
