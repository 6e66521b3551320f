// Reading and writing nested JSON by the dotted paths the Rust validators report
// (`clientRequest.recordingConfig.maxIdleTime`, `...layoutConfig.3.x_axis`), so a form field, its
// value in the request body and its error share one name.

type Json = unknown;

function isIndex(key: string): boolean {
  return /^\d+$/.test(key);
}

/** The value at `path`, or undefined when any step is missing. */
export function getIn(root: Json, path: string): unknown {
  let cur: Json = root;
  for (const key of path.split(".")) {
    if (cur === null || typeof cur !== "object") return undefined;
    cur = (cur as Record<string, Json>)[key];
  }
  return cur;
}

/**
 * A copy of `root` with `value` at `path`; objects (or arrays, for numeric keys) are created on
 * the way. `undefined` removes the key, so a cleared optional field is left out of the body.
 */
export function setIn<T>(root: T, path: string, value: unknown): T {
  const keys = path.split(".");
  const step = (node: Json, i: number): Json => {
    const key = keys[i] as string;
    const container: Record<string, Json> | Json[] = Array.isArray(node)
      ? [...(node as Json[])]
      : node !== null && typeof node === "object"
        ? { ...(node as Record<string, Json>) }
        : isIndex(key)
          ? []
          : {};
    const rec = container as Record<string, Json>;
    if (i === keys.length - 1) {
      if (value === undefined) {
        if (Array.isArray(container)) container.splice(Number(key), 1);
        else Reflect.deleteProperty(rec, key);
      } else rec[key] = value;
    } else {
      rec[key] = step(rec[key], i + 1);
    }
    return container;
  };
  return step(root, 0) as T;
}

/** Whether `path` is `prefix` itself or lies under it (`a.b.c` is within `a.b`, `a.bc` is not). */
export function isWithin(path: string, prefix: string): boolean {
  return path === prefix || path.startsWith(`${prefix}.`);
}
