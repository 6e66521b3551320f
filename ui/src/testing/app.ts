// The app_info answer for UI tests: one place that knows every field of AppInfo.
import type { AppInfo } from "../bindings";

export function appInfo(over: Partial<AppInfo> = {}): AppInfo {
  return {
    name: "mixdeck",
    version: "0.1.0",
    build: "release",
    platform: "linux",
    dataDir: "/d",
    logDir: "/l",
    ...over,
  };
}
