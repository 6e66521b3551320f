/** A JSON object (not null, not an array): what a body, preset or stored config must be to be read. */
export function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === "object" && v !== null && !Array.isArray(v);
}
