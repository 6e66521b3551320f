import { useQuery } from "@tanstack/react-query";
import { api } from "./ipc";

/** Version, build and directories of the running app; fixed for its lifetime. */
export function useAppInfo() {
  return useQuery({ queryKey: ["appInfo"], queryFn: api.appInfo, staleTime: Infinity });
}

/** Every profile, the built-in Sandbox first. */
export function useProfiles() {
  return useQuery({ queryKey: ["profiles"], queryFn: api.listProfiles });
}
