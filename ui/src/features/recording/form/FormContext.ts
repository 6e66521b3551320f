// What the start form's own widgets read besides the shared form context: the typed draft, the
// profile, the storage vendors and the layout editor's opener.
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

export const RecordingFormContext = createContext<FormContextValue | null>(null);

export function useRecordingForm(): FormContextValue {
  const v = useContext(RecordingFormContext);
  if (!v) throw new Error("useRecordingForm outside the start form");
  return v;
}
