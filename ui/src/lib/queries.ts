import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { api } from "./ipc";

/** Version, build and directories of the running app; fixed for its lifetime. */
export const appInfoQuery = { queryKey: ["appInfo"], queryFn: api.appInfo, staleTime: Infinity };

export function useAppInfo() {
  return useQuery(appInfoQuery);
}

/**
 * A remote image (a layout's background) as a `data:` URL: fetched and checked by the core, since
 * the window loads no image from other hosts itself. Nothing for an empty URL.
 */
export function useRemoteImage(url: string | undefined) {
  const trimmed = url?.trim() ?? "";
  return useQuery({
    queryKey: ["previewImage", trimmed],
    queryFn: () => api.previewImage(trimmed),
    enabled: trimmed !== "",
    staleTime: Infinity,
    retry: false,
  });
}

/** Every profile, the built-in Sandbox first. */
export const profilesQuery = { queryKey: ["profiles"], queryFn: api.listProfiles };

export function useProfiles() {
  return useQuery(profilesQuery);
}

/** Runs `fn` and refreshes the profile list afterwards (whatever the outcome). */
export function useProfileMutation<A, R>(fn: (args: A) => Promise<R>) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: fn,
    onSettled: () => client.invalidateQueries({ queryKey: ["profiles"] }),
  });
}

/** Labels of Agora's numeric codes and enums, for pickers (one source: the Rust types). */
export function useCodeTables() {
  return useQuery({ queryKey: ["codeTables"], queryFn: api.codeTables, staleTime: Infinity });
}

/** Storage vendors with their regions' names. */
export function useStorageVendors() {
  return useQuery({ queryKey: ["storageVendors"], queryFn: api.storageVendors, staleTime: Infinity });
}
