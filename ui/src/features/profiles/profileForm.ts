// The profile form's logic: drafts, what is sent, what is shown. No React here.
import { AREAS as AREA_LABELS } from "../../bindings";
import type { Area, ProfileInput, ProfileView, SecretInput, SecretKind, SecretStatus } from "../../bindings";
import { IpcError } from "../../lib/ipc";

/** The domain areas with their labels, from Rust (`Area::label`). */
export const AREAS: readonly { value: Area; label: string }[] = AREA_LABELS.map(([value, label]) => ({
  value,
  label,
}));

export const SECRET_LABELS: Record<SecretKind, string> = {
  customerSecret: "Customer Secret",
  appCertificate: "App Certificate",
  storageAccessKey: "Storage access key",
  storageSecretKey: "Storage secret key",
};

/** What the user is typing. Secrets are only ever typed in, never loaded. */
export interface ProfileDraft {
  name: string;
  appId: string;
  customerId: string;
  area: Area;
  endpoint: string;
  customerSecret: string;
  appCertificate: string;
}

export const emptyDraft: ProfileDraft = {
  name: "",
  appId: "",
  customerId: "",
  area: "US",
  endpoint: "",
  customerSecret: "",
  appCertificate: "",
};

export function draftFromProfile(p: ProfileView): ProfileDraft {
  return {
    ...emptyDraft,
    name: p.name,
    appId: p.appId,
    customerId: p.customerId,
    area: p.area,
    endpoint: p.endpoint ?? "",
  };
}

export function toInput(d: ProfileDraft, keep?: ProfileView): ProfileInput {
  const endpoint = d.endpoint.trim();
  return {
    name: d.name.trim(),
    appId: d.appId.trim(),
    customerId: d.customerId.trim(),
    area: d.area,
    endpoint: endpoint === "" ? null : endpoint,
    defaultStorage: keep?.defaultStorage ?? null,
  };
}

/** The secrets typed into the form (empty ones are left as they are). */
export function secretsToSave(d: ProfileDraft): SecretInput[] {
  const out: SecretInput[] = [];
  if (d.customerSecret.trim()) out.push({ kind: "customerSecret", value: d.customerSecret.trim() });
  if (d.appCertificate.trim()) out.push({ kind: "appCertificate", value: d.appCertificate.trim() });
  return out;
}

/**
 * Whether saving points the profile at another endpoint or area. The backend then deletes the
 * secrets stored for the old destination, so the form asks for the Customer Secret again.
 */
export function changesDestination(d: ProfileDraft, p: ProfileView): boolean {
  const norm = (e: string | null) => (e ?? "").trim().replace(/\/+$/, "");
  return norm(d.endpoint) !== norm(p.endpoint) || d.area !== p.area;
}

export type FieldErrors = Partial<Record<keyof ProfileDraft, string>>;

/** The rules checked as the user types; the backend checks them again. */
export function localErrors(d: ProfileDraft, needsSecret: boolean): FieldErrors {
  const e: FieldErrors = {};
  const endpoint = d.endpoint.trim();
  const endpointOk = /^https?:\/\/[^/\s?#]+$/.test(endpoint.replace(/\/$/, ""));
  if (endpoint && !endpointOk)
    e.endpoint = "A scheme and host, like https://proxy.example.com or http://127.0.0.1:8080.";
  if (!d.name.trim()) e.name = "A name is required.";
  const appId = d.appId.trim();
  if (!appId) e.appId = "The App ID is required (Agora Console → Projects).";
  // Agora's App IDs are 32 hex characters; behind an endpoint override any id will do.
  else if (!(endpoint && endpointOk) && !/^[0-9a-fA-F]{32}$/.test(appId))
    e.appId = "An App ID is 32 hexadecimal characters.";
  if (!d.customerId.trim()) e.customerId = "The Customer ID is required (Developer Toolkit → RESTful API).";
  if (needsSecret && !d.customerSecret.trim()) e.customerSecret = "The Customer Secret is required.";
  return e;
}

/** Field errors from a failed command, keyed by the form field their path names. */
export function serverErrors(err: unknown): FieldErrors {
  if (!(err instanceof IpcError)) return {};
  const e: FieldErrors = {};
  for (const f of err.report.fields ?? []) {
    const key = f.path as keyof ProfileDraft;
    if (key in emptyDraft) e[key] = f.message;
  }
  return e;
}

/** "set · …abcd", "set", or "not set". */
export function secretSummary(s: SecretStatus | undefined): string {
  if (!s?.set) return "not set";
  return s.last4 ? `set · …${s.last4}` : "set";
}
