import { Clapperboard, History, KeyRound, LayoutTemplate, type LucideIcon, Workflow } from "lucide-react";

/** The app's top-level views, in sidebar order. */
export const VIEW_IDS = ["profiles", "recording", "transcoding", "layouts", "history"] as const;
export type ViewId = (typeof VIEW_IDS)[number];

export interface ViewMeta {
  id: ViewId;
  label: string;
  icon: LucideIcon;
}

export const VIEWS: readonly ViewMeta[] = [
  { id: "profiles", label: "Profiles", icon: KeyRound },
  { id: "recording", label: "Recording", icon: Clapperboard },
  { id: "transcoding", label: "Transcoding", icon: Workflow },
  { id: "layouts", label: "Layouts", icon: LayoutTemplate },
  { id: "history", label: "History", icon: History },
];

/** Recording is where users spend their time, so it is where the app opens. */
export const DEFAULT_VIEW: ViewId = "recording";

export function isViewId(value: string): value is ViewId {
  return (VIEW_IDS as readonly string[]).includes(value);
}

/** The view a location hash names (`#/history` → `history`), or the default one. */
export function viewFromHash(hash: string): ViewId {
  const name = hash.replace(/^#\/?/, "").split(/[/?]/, 1)[0] ?? "";
  return isViewId(name) ? name : DEFAULT_VIEW;
}

export function hashForView(view: ViewId): string {
  return `#/${view}`;
}
