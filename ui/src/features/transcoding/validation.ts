// Which bodies the transcoding form checks and where their findings go (draft paths).
import type { FieldError, Payload } from "../../bindings";
import { type TranscodingDraft, createBody, draftPath } from "./draft";

export function payloadsToCheck(d: TranscodingDraft): Payload[] {
  return [
    { kind: "transcodingBuilderToken", body: { instanceId: d.instanceId } },
    { kind: "transcodingCreate", body: createBody(d) },
  ];
}

/** Errors and warnings keyed by draft path (`transcoder.…`, `instanceId`). */
export function findingsByPath(findings: readonly FieldError[]): {
  errors: Record<string, string>;
  warnings: Record<string, string>;
} {
  const errors: Record<string, string> = {};
  const warnings: Record<string, string> = {};
  for (const f of findings) {
    const into = f.severity === "warning" ? warnings : errors;
    const path = draftPath(f.path);
    into[path] = into[path] ? `${into[path]}; ${f.message}` : f.message;
  }
  return { errors, warnings };
}
