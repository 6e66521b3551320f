import { useEffect, useRef, useState } from "react";
import type { RecordedFile, SessionId, TrackEvent } from "../../bindings";
import { Button } from "../../components/Button";
import { fileUrl } from "../../lib/ipc";
import { formatClock } from "../history/format";
import { formatOffset } from "./format";

/**
 * Plays a recorded playlist (hls.js over Media Source Extensions, or the webview's own HLS) or
 * MP4 through `mixdeck-file:`, with the playlist's track events as marks to jump to. Where the
 * webview cannot play it, it says so and points at the download.
 */
export function Player({
  session,
  file,
  events,
}: {
  session: SessionId;
  file: RecordedFile;
  events: TrackEvent[];
}) {
  const ref = useRef<HTMLVideoElement>(null);
  const [problem, setProblem] = useState<string | null>(null);
  const [time, setTime] = useState(0);
  const url = fileUrl(session, file.key);
  const playlist = file.naming.kind === "playlist";

  useEffect(() => {
    const video = ref.current;
    if (!video) return;
    setProblem(null);
    let cancelled = false;
    let destroy: (() => void) | undefined;
    const cannot = (why: string) => {
      if (!cancelled) setProblem(`${why} Download the file to play it elsewhere.`);
    };
    video.onerror = () => cannot("This window cannot play this file.");
    if (!playlist) {
      video.src = url;
    } else {
      // hls.js is loaded only when a playlist is played: it is most of a megabyte.
      void import("hls.js").then(({ default: Hls }) => {
        if (cancelled) return;
        if (Hls.isSupported()) {
          const hls = new Hls({ enableWorker: false });
          hls.on(Hls.Events.ERROR, (_e, data) => {
            if (data.fatal) cannot(`The playlist could not be played (${data.details}).`);
          });
          hls.loadSource(url);
          hls.attachMedia(video);
          destroy = () => hls.destroy();
        } else if (video.canPlayType("application/vnd.apple.mpegurl")) {
          video.src = url;
        } else {
          cannot("This window has no HLS player (no Media Source Extensions).");
        }
      });
    }
    return () => {
      cancelled = true;
      destroy?.();
      video.removeAttribute("src");
      video.load();
    };
  }, [url, playlist]);

  const own = events.filter((e) => e.playlist === file.key);
  return (
    <div className="flex flex-col gap-2" data-testid="player">
      <video
        ref={ref}
        controls
        muted
        autoPlay
        playsInline
        className="aspect-video w-full max-w-2xl rounded-md bg-black"
        data-testid="player-video"
        onTimeUpdate={(e) => setTime(e.currentTarget.currentTime)}
      />
      <p className="text-xs text-muted">
        <span data-testid="player-time">{formatOffset(time)}</span> · {file.key}
      </p>
      {problem && (
        <p className="text-[13px] text-warn" data-testid="player-problem">
          {problem}
        </p>
      )}
      {own.length > 0 && (
        <ol className="flex flex-wrap gap-2 text-xs" data-testid="player-track-events">
          {own.map((e, i) => (
            <li key={i}>
              <Button
                variant="ghost"
                onClick={() => {
                  if (ref.current) ref.current.currentTime = e.atMs / 1000;
                }}
              >
                {formatOffset(e.atMs / 1000)} · {e.trackType.toLowerCase()} {e.event.toLowerCase()}
                {e.uid ? ` · uid ${e.uid}` : ""} · {formatClock(e.timeMs)}
              </Button>
            </li>
          ))}
        </ol>
      )}
    </div>
  );
}
