import { useState } from "react";
import type { BodyKind, FieldError, Mode, Payload } from "../../bindings";
import { inputClass } from "../Field";
import { IpcError, api } from "../../lib/ipc";
import { formatJson, keepTypedSecrets, parseJson } from "./jsonText";

/** One request body a form sends, editable as JSON. */
export interface JsonBody {
  /** Short name, also in test ids (`json-body-<id>`). */
  id: string;
  kind: BodyKind;
  /** The body as the form holds it now. */
  value: unknown;
  /** Where this body's rule errors sit in the form's error map (`start.`, `acquire.`). */
  errorPrefix: string;
}

interface JsonTabProps {
  bodies: readonly JsonBody[];
  /** The recording mode the rules depend on (none for transcoding). */
  mode: Mode | null;
  /**
   * Takes a body that parsed and has the request's shape, as Rust read it; returns what the form
   * will then show for that body, so the text the user typed is not replaced by Rust's reading.
   */
  onPayload: (id: string, payload: Payload) => unknown;
  /** Rule errors of the current draft (the form's), shown under the text too. */
  errors: Record<string, string>;
}

/** The exact request bodies, editable: valid edits flow back into the form, errors say where. */
export function JsonTab({ bodies, mode, onPayload, errors }: JsonTabProps) {
  const [which, setWhich] = useState(bodies[0]?.id ?? "");
  const body = bodies.find((b) => b.id === which) ?? bodies[0];
  const shown = formatJson(body?.value);
  const [text, setText] = useState(shown);
  const [seen, setSeen] = useState(shown);
  const [problem, setProblem] = useState<string | null>(null);
  const [schema, setSchema] = useState<FieldError[]>([]);
  if (seen !== shown) {
    // The form changed the body (or the other body was picked): show it.
    setSeen(shown);
    setText(shown);
    setProblem(null);
    setSchema([]);
  }
  if (!body) return null;

  const edit = async (next: string) => {
    setText(next);
    const parsed = parseJson(next);
    if (!parsed.ok) {
      setProblem(`Line ${parsed.line}, column ${parsed.column}: ${parsed.message}`);
      return;
    }
    setProblem(null);
    try {
      const check = await api.checkBody(body.kind, mode, parsed.value);
      setSchema(check.schema ? [check.schema] : []);
      if (check.payload) {
        const payload = {
          ...check.payload,
          body: keepTypedSecrets(check.payload.body, parsed.value),
        } as Payload;
        setSeen(formatJson(onPayload(body.id, payload)));
      }
    } catch (e) {
      setProblem(e instanceof IpcError ? e.message : String(e));
    }
  };

  const prefix = body.errorPrefix;
  const ruleErrors = Object.entries(errors).filter(([p]) => p.startsWith(prefix));
  return (
    <div className="flex flex-col gap-2" data-testid="json-tab">
      {bodies.length > 1 && (
        <div role="tablist" aria-label="Request body" className="flex gap-1 text-[13px]">
          {bodies.map((b) => (
            <button
              key={b.id}
              role="tab"
              type="button"
              aria-selected={which === b.id}
              data-testid={`json-body-${b.id}`}
              className="rounded-md px-2.5 py-1 text-muted aria-selected:bg-accent-soft aria-selected:text-fg"
              onClick={() => setWhich(b.id)}
            >
              {b.id} body
            </button>
          ))}
        </div>
      )}
      <textarea
        aria-label={`${body.id} request body (JSON)`}
        data-testid="json-editor"
        aria-invalid={Boolean(problem) || schema.length > 0}
        spellCheck={false}
        className={inputClass + " min-h-[420px] font-mono text-xs leading-5"}
        value={text}
        onChange={(e) => void edit(e.target.value)}
      />
      {problem && (
        <p role="alert" data-testid="json-syntax-error" className="text-xs text-danger">
          {problem}
        </p>
      )}
      {[
        ...schema.map((e) => [e.path, e.message] as const),
        ...(schema.length ? [] : ruleErrors.map(([p, m]) => [p.slice(prefix.length), m] as const)),
      ].map(([path, message]) => (
        <p key={path} role="alert" data-testid="json-field-error" className="text-xs text-danger">
          {path ? (
            <>
              <code>{path}</code>: {message}
            </>
          ) : (
            message
          )}
        </p>
      ))}
    </div>
  );
}
