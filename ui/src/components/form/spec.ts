// A form as data: fields bound to paths in a draft, each with its kind, and the Rust tables
// that give numbers their documented range and every field its note. The recording and the
// transcoding forms are both written this way and rendered by the same controls.
import type { CodeTables, Limit } from "../../bindings";
import { isWithin } from "../../lib/paths";

/** Names of the backend's code tables (see the `code_tables` command). */
export type CodeTable = keyof CodeTables;

/** Rust's tables by draft path (`*` in a key stands for any list index). */
export type Limits = Readonly<Record<string, Limit | undefined>>;
export type Notes = Readonly<Record<string, string | undefined>>;

interface Base<D> {
  path: string;
  label: string;
  /** Other paths whose errors this field shows (a widget that edits several values). */
  also?: readonly string[];
  /** Shown only when this holds. */
  when?: (d: D) => boolean;
}

type Kind<W extends string> =
  | { kind: "text"; placeholder?: string; secret?: boolean }
  // Ranges and defaults come from Rust (the form's limits table, by path), never from here.
  | { kind: "number"; placeholder?: string }
  | { kind: "code"; table: CodeTable; optional?: boolean }
  | { kind: "uids"; allowAll?: boolean }
  | { kind: "list"; placeholder?: string }
  | { kind: "bool" }
  /** `#RRGGBB` text. */
  | { kind: "color" }
  /** A colour sent as the decimal RGB integer (the transcoder's canvas). */
  | { kind: "rgb" }
  | { kind: "custom"; widget: W };

/** One field; `D` is the draft it reads, `W` the form's own widgets, `X` its extra keys. */
export type FieldSpec<D = never, W extends string = string, X = unknown> = Base<D> & X & Kind<W>;

/** A path with its list indices as `*`: how the tables name a field of every item. */
function wildcard(path: string): string {
  return path.replace(/\.\d+(?=\.|$)/g, ".*");
}

/** The documented range and default of a number field: exact path first, then any index. */
export function limitOf(path: string, limits: Limits): Limit | undefined {
  return limits[path] ?? limits[wildcard(path)];
}

export function noteOf(path: string, notes: Notes): string | undefined {
  return notes[path] ?? notes[wildcard(path)];
}

/** "min–max; default d", "at least min", "default d": what a number field's hint starts with. */
export function limitText(limit: Limit | undefined): string | undefined {
  if (!limit) return undefined;
  const { min, max, default: d } = limit;
  const range =
    min !== null && max !== null
      ? `${min}–${max}`
      : min !== null
        ? `at least ${min}`
        : max !== null
          ? `at most ${max}`
          : null;
  const parts = [range, d !== null ? `default ${d}` : null].filter((p): p is string => p !== null);
  return parts.length ? parts.join("; ") : undefined;
}

/** A field's hint: its documented range (numbers), then Rust's note on it. */
export function hintOf(spec: FieldSpec<never>, limits: Limits, notes: Notes): string | undefined {
  const range = spec.kind === "number" ? limitText(limitOf(spec.path, limits)) : undefined;
  const note = noteOf(spec.path, notes);
  if (!range) return note;
  const lead = range.charAt(0).toUpperCase() + range.slice(1);
  return note ? `${lead}. ${note}` : `${lead}.`;
}

/** The paths a field shows errors for: its own, those under it, and its `also` paths. */
export function fieldOwns(f: FieldSpec<never>, errorPath: string): boolean {
  return [f.path, ...(f.also ?? [])].some((p) => isWithin(errorPath, p));
}

/** The message(s) a field shows. */
export function errorFor(f: FieldSpec<never>, errors: Record<string, string>): string | undefined {
  const mine = Object.entries(errors).filter(([path]) => fieldOwns(f, path));
  if (mine.length === 0) return undefined;
  return mine
    .map(([path, m]) => (path === f.path ? m : `${path.split(".").slice(-2).join(".")}: ${m}`))
    .join("; ");
}

/** The test id of a field: its draft path with dots as dashes (after `prefix`, when two forms share a screen). */
export function fieldTestId(path: string, prefix = ""): string {
  return prefix + "field-" + path.replace(/\./g, "-");
}

/** The errors to show: those of touched fields (and under them), or all once the user submitted. */
export function shownErrors(
  all: Record<string, string>,
  touched: ReadonlySet<string>,
  everything: boolean,
): Record<string, string> {
  if (everything) return all;
  return Object.fromEntries(
    Object.entries(all).filter(([p]) => [...touched].some((t) => isWithin(p, t) || isWithin(t, p))),
  );
}
