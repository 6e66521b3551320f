// The JSON tab's text: pretty-printed bodies, and parse errors with a line and column (WebKit's
// JSON.parse says what is wrong but not where).
import { REDACTED, type Value } from "../../bindings";

export function formatJson(value: unknown): string {
  return JSON.stringify(value, null, 2);
}

export type ParseResult =
  { ok: true; value: Value } | { ok: false; message: string; line: number; column: number };

/** Parses `text`; on failure, says where (1-based line and column) the first error is. */
export function parseJson(text: string): ParseResult {
  try {
    return { ok: true, value: JSON.parse(text) as Value };
  } catch (e) {
    const at = errorOffset(text);
    const before = text.slice(0, at);
    const line = before.split("\n").length;
    const column = at - before.lastIndexOf("\n");
    const message = e instanceof Error ? e.message.replace(/^JSON Parse error: /, "") : String(e);
    return { ok: false, message, line, column };
  }
}

/** Offset of the first syntax error, by a small recursive-descent scan of the JSON grammar. */
export function errorOffset(text: string): number {
  let i = 0;
  const ws = () => {
    while (i < text.length && " \t\n\r".includes(text[i] as string)) i++;
  };
  const fail = (): never => {
    throw i;
  };
  const lit = (word: string) => {
    if (text.startsWith(word, i)) i += word.length;
    else fail();
  };
  const str = () => {
    if (text[i] !== '"') fail();
    i++;
    while (i < text.length && text[i] !== '"') {
      if (text[i] === "\\") i++;
      else if ((text.charCodeAt(i) ?? 0) < 0x20) fail();
      i++;
    }
    if (i >= text.length) fail();
    i++;
  };
  const num = () => {
    const m = /^-?(0|[1-9]\d*)(\.\d+)?([eE][+-]?\d+)?/.exec(text.slice(i));
    if (!m) fail();
    i += (m as RegExpExecArray)[0].length;
  };
  const value = (): void => {
    ws();
    const c = text[i];
    if (c === "{") {
      i++;
      ws();
      if (text[i] === "}") {
        i++;
        return;
      }
      for (;;) {
        ws();
        str();
        ws();
        if (text[i] !== ":") fail();
        i++;
        value();
        ws();
        if (text[i] === ",") i++;
        else if (text[i] === "}") {
          i++;
          return;
        } else fail();
      }
    } else if (c === "[") {
      i++;
      ws();
      if (text[i] === "]") {
        i++;
        return;
      }
      for (;;) {
        value();
        ws();
        if (text[i] === ",") i++;
        else if (text[i] === "]") {
          i++;
          return;
        } else fail();
      }
    } else if (c === '"') str();
    else if (c === "t") lit("true");
    else if (c === "f") lit("false");
    else if (c === "n") lit("null");
    else num();
  };
  try {
    value();
    ws();
    if (i < text.length) fail();
    return text.length;
  } catch (at) {
    return typeof at === "number" ? at : 0;
  }
}

/**
 * Rust's reading of a body (`read`: every secret redacted, it never hands one back) with each
 * redacted string taken back from what the user typed (`typed`) at the same place, so the form
 * keeps the key or stream URL the user just entered.
 */
export function keepTypedSecrets(read: unknown, typed: unknown): unknown {
  if (typeof read === "string")
    return read.includes(REDACTED) && typeof typed === "string" && !typed.includes(REDACTED) ? typed : read;
  if (Array.isArray(read))
    return read.map((v, i) => keepTypedSecrets(v, Array.isArray(typed) ? typed[i] : undefined));
  if (read !== null && typeof read === "object") {
    const from = typed !== null && typeof typed === "object" && !Array.isArray(typed) ? typed : {};
    return Object.fromEntries(
      Object.entries(read).map(([k, v]) => [k, keepTypedSecrets(v, (from as Record<string, unknown>)[k])]),
    );
  }
  return read;
}
