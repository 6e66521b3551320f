import { PRESIGN_MAX_S, PRESIGN_MIN_S } from "../../bindings";

/** 1.2 MB, 340 kB, 512 B. */
export function formatSize(bytes: number): string {
  if (bytes >= 1_000_000) return `${(bytes / 1_000_000).toFixed(1)} MB`;
  if (bytes >= 1_000) return `${Math.round(bytes / 1_000)} kB`;
  return `${bytes} B`;
}

/** m:ss into a recording. */
export function formatOffset(seconds: number): string {
  const s = Math.max(0, Math.floor(seconds));
  return `${Math.floor(s / 60)}:${String(s % 60).padStart(2, "0")}`;
}

/** How long a copied link lasts: choices within what the signature allows (Rust's limits). */
export const LINK_EXPIRIES: { seconds: number; label: string }[] = [
  { seconds: 15 * 60, label: "15 minutes" },
  { seconds: 3600, label: "1 hour" },
  { seconds: 24 * 3600, label: "1 day" },
  { seconds: PRESIGN_MAX_S, label: "7 days (the longest)" },
].filter((e) => e.seconds >= PRESIGN_MIN_S && e.seconds <= PRESIGN_MAX_S);
