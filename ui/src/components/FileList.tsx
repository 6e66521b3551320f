import { FILE_NAMING, type SessionRow } from "../bindings";

/** A recording's files, each name read in Rust (who, which track, which part), with the mode's naming rule. */
export function FileList({ row, running }: { row: SessionRow; running: boolean }) {
  return (
    <section className="rounded-lg border border-line bg-panel p-4">
      <h3 className="mb-1 font-medium">
        Files <span className="text-xs font-normal text-muted">({row.files.length})</span>
      </h3>
      {row.mode && <p className="mb-2 text-xs text-muted">Naming: {FILE_NAMING[row.mode]}</p>}
      {row.files.length === 0 ? (
        <p className="text-xs text-muted" data-testid="session-no-files">
          {running ? "No files yet: they appear as Agora writes them." : "No files."}
        </p>
      ) : (
        <ul data-testid="session-files" className="flex flex-col gap-1">
          {row.files.map((f, i) => (
            <li key={f} className="flex flex-wrap items-baseline gap-x-3 text-xs">
              <code className="font-mono break-all select-text">{f}</code>
              <span className="text-muted">{row.fileNotes[i]?.meaning ?? ""}</span>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
