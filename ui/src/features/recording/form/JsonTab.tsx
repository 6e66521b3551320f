import { useState } from "react";
import type { AcquireClientRequest, FieldError } from "../../../bindings";
import { inputClass } from "../../../components/Field";
import { IpcError, api } from "../../../lib/ipc";
import type { RecordingDraft, StartBody } from "./draft";
import { formatJson, parseJson } from "./jsonText";

type Which = "start" | "acquire";

interface JsonTabProps {
  draft: RecordingDraft;
  /** Takes a body that parsed and matched the schema, as Rust decoded it. */
  onBody: (
    body: { which: "start"; start: StartBody } | { which: "acquire"; acquire: AcquireClientRequest },
  ) => void;
  /** Rule errors of the current draft (the form's), shown under the text too. */
  errors: Record<string, string>;
}

function bodyOf(draft: RecordingDraft, which: Which): unknown {
  return which === "start"
    ? draft.start
    : { cname: draft.start.cname, uid: draft.start.uid, clientRequest: draft.acquire };
}

/** The exact request bodies, editable: valid edits flow back into the form, errors say where. */
export function JsonTab({ draft, onBody, errors }: JsonTabProps) {
  const [which, setWhich] = useState<Which>("start");
  const shown = formatJson(bodyOf(draft, which));
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

  const edit = async (next: string) => {
    setText(next);
    const parsed = parseJson(next);
    if (!parsed.ok) {
      setProblem(`Line ${parsed.line}, column ${parsed.column}: ${parsed.message}`);
      return;
    }
    setProblem(null);
    try {
      const check = await api.checkBody(
        which === "start" ? "recordingStart" : "recordingAcquire",
        draft.mode,
        parsed.value,
      );
      setSchema(check.schema ? [check.schema] : []);
      const p = check.payload;
      const next =
        p?.kind === "recordingStart"
          ? ({ which: "start", start: p.body } as const)
          : p?.kind === "recordingAcquire"
            ? ({ which: "acquire", acquire: p.body.clientRequest } as const)
            : null;
      if (next) {
        // What the draft will show once it takes the body (Rust's reading of it): the text the
        // user typed stays as typed instead of being replaced by that reading.
        const after =
          next.which === "start" ? { ...draft, start: next.start } : { ...draft, acquire: next.acquire };
        setSeen(formatJson(bodyOf(after, which)));
        onBody(next);
      }
    } catch (e) {
      setProblem(e instanceof IpcError ? e.message : String(e));
    }
  };

  const prefix = which === "start" ? "start." : "acquire.";
  const ruleErrors = Object.entries(errors).filter(([p]) => p.startsWith(prefix));
  return (
    <div className="flex flex-col gap-2" data-testid="json-tab">
      <div role="tablist" aria-label="Request body" className="flex gap-1 text-[13px]">
        {(["start", "acquire"] as const).map((w) => (
          <button
            key={w}
            role="tab"
            type="button"
            aria-selected={which === w}
            data-testid={`json-body-${w}`}
            className="rounded-md px-2.5 py-1 text-muted aria-selected:bg-accent-soft aria-selected:text-fg"
            onClick={() => setWhich(w)}
          >
            {w} body
          </button>
        ))}
      </div>
      <textarea
        aria-label={`${which} request body (JSON)`}
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
