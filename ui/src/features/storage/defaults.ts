import type { ProfileView, StorageConfig } from "../../bindings";

/** Storage prefilled from the profile's defaults; keys stay empty (the keychain fills them). */
export function defaultStorage(profile: ProfileView | undefined): StorageConfig {
  const d = profile?.defaultStorage;
  return {
    vendor: d?.vendor ?? 1,
    region: d?.region ?? 0,
    bucket: d?.bucket ?? "",
    accessKey: "",
    secretKey: "",
    ...(d?.fileNamePrefix?.length ? { fileNamePrefix: d.fileNamePrefix } : {}),
    ...(d?.endpoint ? { extensionParams: { endpoint: d.endpoint } } : {}),
  };
}
