import { useMutation, useQuery } from "@tanstack/react-query";
import { Copy, Download, FolderOpen, Link, Play, RefreshCw } from "lucide-react";
import { useState } from "react";
import type { RecordedFile, SessionRow } from "../../bindings";
import { Button } from "../../components/Button";
import { ErrorCallout } from "../../components/ErrorCallout";
import { api, copyText, fileUrl } from "../../lib/ipc";
import { formatClock, formatWhen } from "../history/format";
import { LINK_EXPIRIES, formatSize } from "./format";
import { Player } from "./Player";
import { TrackTimeline } from "./TrackTimeline";

const KIND_LABEL: Record<RecordedFile["naming"]["kind"], string> = {
  playlist: "playlist",
  slice: "slice",
  mp4: "MP4",
  snapshot: "snapshot",
  other: "file",
};

function kindOf(f: RecordedFile): string {
  const k = KIND_LABEL[f.naming.kind];
  return f.naming.track === "audio" ? `${k} · audio` : f.naming.track === "video" ? `${k} · video` : k;
}

/**
 * A recording's files as its bucket holds them (merged with what Agora's answers named): kind,
 * size, time, links, downloads, the snapshots as a strip, and the in-app player.
 */
export function StorageFiles({ row }: { row: SessionRow }) {
  const [open, setOpen] = useState(false);
  const [playing, setPlaying] = useState<RecordedFile | null>(null);
  const [expiry, setExpiry] = useState(LINK_EXPIRIES[1]?.seconds ?? LINK_EXPIRIES[0]?.seconds ?? 3600);
  const [copied, setCopied] = useState<{ key: string; until: number } | null>(null);
  const [downloaded, setDownloaded] = useState<Record<string, string>>({});
  const files = useQuery({
    queryKey: ["sessionFiles", row.id],
    queryFn: () => api.sessionFiles(row.id),
    enabled: open,
  });
  const link = useMutation({
    mutationFn: (key: string) => api.copyPresignedLink(row.id, key, expiry),
    onSuccess: (c) => setCopied({ key: c.key, until: c.expiresAt }),
  });
  const download = useMutation({
    mutationFn: (key: string) => api.downloadFile(row.id, key),
    onSuccess: (path, key) => setDownloaded((d) => ({ ...d, [key]: path })),
  });
  const reveal = useMutation({ mutationFn: (path: string) => api.revealDownload(path) });
  const copyUrl = useMutation({ mutationFn: (url: string) => copyText(url) });

  if (row.kind !== "recording") return null;
  if (!open)
    return (
      <Button data-testid="open-files" onClick={() => setOpen(true)}>
        <FolderOpen aria-hidden size={14} /> Open files in storage
      </Button>
    );
  const data = files.data;
  const snapshots = data?.files.filter((f) => f.naming.kind === "snapshot" && f.inBucket) ?? [];
  const listed = data?.files.filter((f) => f.naming.kind !== "snapshot") ?? [];
  const error = files.error ?? link.error ?? download.error ?? reveal.error ?? copyUrl.error;
  return (
    <section
      className="flex flex-col gap-3 rounded-lg border border-line bg-panel p-4"
      data-testid="storage-files"
    >
      <header className="flex flex-wrap items-center gap-3">
        <h3 className="font-medium">In storage</h3>
        <span className="min-w-0 flex-1 truncate text-xs text-muted" data-testid="storage-files-where">
          {data?.storage ?? ""}
        </span>
        <label className="flex items-center gap-1 text-xs text-muted">
          Links last
          <select
            data-testid="link-expiry"
            className="rounded border border-line bg-canvas px-1 py-0.5 text-xs text-ink"
            value={expiry}
            onChange={(e) => setExpiry(Number(e.target.value))}
          >
            {LINK_EXPIRIES.map((e) => (
              <option key={e.seconds} value={e.seconds}>
                {e.label}
              </option>
            ))}
          </select>
        </label>
        <Button
          variant="ghost"
          busy={files.isFetching}
          onClick={() => void files.refetch()}
          aria-label="Refresh files"
        >
          <RefreshCw aria-hidden size={14} />
        </Button>
      </header>
      {data?.listingProblem && (
        <p className="text-[13px] text-warn" data-testid="storage-files-problem">
          {data.listingProblem}
        </p>
      )}
      {error && <ErrorCallout error={error} title="That did not work" testId="storage-files-error" />}
      {copied && (
        <p className="text-[13px] text-ok" role="status" data-testid="link-copied">
          Link to {copied.key.split("/").pop()} copied: it works without keys until {formatWhen(copied.until)}
          , so share it only with whom may watch.
        </p>
      )}
      {playing && <Player session={row.id} file={playing} events={data?.trackEvents ?? []} />}
      {data && <TrackTimeline row={row} events={data.trackEvents} />}
      {snapshots.length > 0 && (
        <ul className="flex gap-2 overflow-x-auto pb-1" data-testid="snapshot-strip">
          {snapshots.slice(0, 40).map((s) => (
            <li key={s.key} className="shrink-0 text-center text-[11px] text-muted">
              <img
                src={fileUrl(row.id, s.key)}
                alt={`Snapshot ${s.naming.uid ? `of uid ${s.naming.uid} ` : ""}at ${s.modifiedAt ? formatClock(s.modifiedAt) : ""}`}
                className="h-20 rounded border border-line"
                loading="lazy"
              />
              {s.naming.uid && `uid ${s.naming.uid}`}
            </li>
          ))}
        </ul>
      )}
      {data && listed.length === 0 && (
        <p className="text-xs text-muted" data-testid="storage-files-none">
          Nothing of this session in storage yet.
        </p>
      )}
      {listed.length > 0 && (
        <table className="w-full text-left text-xs" data-testid="storage-file-table">
          <thead className="text-muted">
            <tr>
              <th className="py-1 font-normal">File</th>
              <th className="font-normal">Kind</th>
              <th className="pr-2 text-right font-normal">Size</th>
              <th className="font-normal">Written</th>
              <th />
            </tr>
          </thead>
          <tbody>
            {listed.map((f) => (
              <tr
                key={f.key}
                className="border-t border-line/60"
                data-testid="storage-file"
                data-kind={f.naming.kind}
              >
                <td className="max-w-[22rem] py-1 pr-2">
                  <code className="font-mono break-all select-text" title={f.naming.meaning}>
                    {f.key}
                  </code>
                  {!f.inBucket && <span className="ml-1 text-warn">(named by Agora, not in the bucket)</span>}
                </td>
                <td className="pr-2 whitespace-nowrap">{kindOf(f)}</td>
                <td className="pr-2 text-right font-mono whitespace-nowrap">
                  {f.size !== null ? formatSize(f.size) : ""}
                </td>
                <td className="pr-2 whitespace-nowrap text-muted">
                  {f.modifiedAt ? formatClock(f.modifiedAt) : ""}
                </td>
                <td className="flex justify-end gap-1 py-0.5">
                  {f.playable && (
                    <Button
                      variant="ghost"
                      data-testid="file-play"
                      onClick={() => setPlaying(f)}
                      aria-label={`Play ${f.key}`}
                    >
                      <Play aria-hidden size={13} />
                    </Button>
                  )}
                  {f.objectUrl && (
                    <Button
                      variant="ghost"
                      data-testid="file-copy-url"
                      onClick={() => f.objectUrl && copyUrl.mutate(f.objectUrl)}
                      aria-label={`Copy the object URL of ${f.key} (no signature: works only if the bucket is public)`}
                      title="Copy the object URL (unsigned)"
                    >
                      <Copy aria-hidden size={13} />
                    </Button>
                  )}
                  {f.inBucket && (
                    <>
                      <Button
                        variant="ghost"
                        data-testid="file-copy-link"
                        title="Copy a presigned link"
                        busy={link.isPending && link.variables === f.key}
                        onClick={() => link.mutate(f.key)}
                        aria-label={`Copy a link to ${f.key}`}
                      >
                        <Link aria-hidden size={13} />
                      </Button>
                      {downloaded[f.key] !== undefined ? (
                        <Button
                          variant="ghost"
                          data-testid="file-reveal"
                          onClick={() => reveal.mutate(downloaded[f.key] ?? "")}
                          aria-label={`Show ${downloaded[f.key]} in its folder`}
                        >
                          <FolderOpen aria-hidden size={13} />
                        </Button>
                      ) : (
                        <Button
                          variant="ghost"
                          data-testid="file-download"
                          busy={download.isPending && download.variables === f.key}
                          onClick={() => download.mutate(f.key)}
                          aria-label={`Download ${f.key}`}
                        >
                          <Download aria-hidden size={13} />
                        </Button>
                      )}
                    </>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {data?.truncated && <p className="text-xs text-muted">Only the first files are listed.</p>}
    </section>
  );
}
