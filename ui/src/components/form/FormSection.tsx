import { ChevronDown, ChevronRight } from "lucide-react";
import { useState } from "react";
import { getIn, isWithin } from "../../lib/paths";
import { FieldControl } from "./FieldControl";
import { useForm } from "./FormContext";
import { type FieldSpec, fieldOwns } from "./spec";

/** A group of fields; an optional part of the body has a switch that adds or leaves it out. */
export interface SectionSpec<F = FieldSpec<never>> {
  id: string;
  title: string;
  summary: string;
  /** An optional part of the body: a switch adds it (with `create()`) or leaves it out. */
  optional?: { path: string; label: string; create: () => unknown };
  fields: readonly F[];
}

interface FormSectionProps {
  section: Omit<SectionSpec, "fields">;
  fields: readonly FieldSpec<never>[];
  /** Open at first (the sections most people change). */
  defaultOpen: boolean;
}

/** A collapsible group of fields; an optional part of the body has a switch that adds or removes it. */
export function FormSection({ section, fields, defaultOpen }: FormSectionProps) {
  const { draft, set, errors } = useForm();
  const [open, setOpen] = useState(defaultOpen);
  const included = section.optional ? getIn(draft, section.optional.path) !== undefined : true;
  const optional = section.optional?.path;
  const errorCount = Object.keys(errors).filter(
    (p) => (optional !== undefined && isWithin(p, optional)) || fields.some((f) => fieldOwns(f, p)),
  ).length;
  const ownError = section.optional ? errors[section.optional.path] : undefined;
  const bodyId = `section-${section.id}`;
  return (
    <section data-testid={`section-${section.id}`} className="rounded-lg border border-line bg-panel">
      <header className="flex items-center gap-3 px-4 py-2.5">
        <button
          type="button"
          aria-expanded={open}
          aria-controls={bodyId}
          className="flex flex-1 items-center gap-2 text-left"
          onClick={() => setOpen((o) => !o)}
        >
          {open ? <ChevronDown aria-hidden size={16} /> : <ChevronRight aria-hidden size={16} />}
          <span className="font-medium">{section.title}</span>
          <span className="truncate text-xs text-muted">{section.summary}</span>
          {errorCount > 0 && (
            <span className="ml-auto rounded-full bg-danger/15 px-2 text-xs text-danger">
              {errorCount} {errorCount === 1 ? "problem" : "problems"}
            </span>
          )}
        </button>
        {section.optional && (
          <label className="flex shrink-0 items-center gap-1.5 text-xs text-muted">
            <input
              type="checkbox"
              data-testid={`toggle-${section.id}`}
              checked={included}
              onChange={(e) => {
                const opt = section.optional;
                if (!opt) return;
                set(opt.path, e.target.checked ? opt.create() : undefined);
                if (e.target.checked) setOpen(true);
              }}
            />
            {section.optional.label}
          </label>
        )}
      </header>
      {ownError && (
        <p role="alert" className="px-4 pb-2 text-xs text-danger">
          {ownError}
        </p>
      )}
      {open && included && (
        <div id={bodyId} className="grid grid-cols-2 gap-x-5 gap-y-3 border-t border-line px-4 py-3">
          {fields.map((f) => (
            <FieldControl key={f.path + f.kind} spec={f} />
          ))}
        </div>
      )}
    </section>
  );
}
