// Profile fixtures for UI tests: one place that knows every field of a ProfileView.
import type { ProfileView, SecretKind } from "../bindings";

const KINDS: readonly SecretKind[] = [
  "customerSecret",
  "appCertificate",
  "storageAccessKey",
  "storageSecretKey",
];

/**
 * A profile with `over` applied; `secrets` lists the set ones (a string value is its last 4).
 * Defaults: an Agora profile whose Customer Secret alone is set.
 */
export function profileView(
  over: Partial<ProfileView> = {},
  secrets: Partial<Record<SecretKind, true | string>> = { customerSecret: true },
): ProfileView {
  return {
    id: 1,
    name: "Test",
    kind: "agora",
    appId: "0123456789abcdef0123456789abcdef",
    customerId: "c",
    area: "US",
    endpoint: null,
    defaultStorage: null,
    createdAt: 0,
    updatedAt: 0,
    storageDestination: null,
    ...over,
    secrets: KINDS.map((kind) => {
      const s = secrets[kind];
      return { kind, set: s !== undefined, last4: typeof s === "string" ? s : null };
    }),
  };
}
