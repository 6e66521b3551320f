import { useEffect, useRef, useState } from "react";
import type { RecordedFile, SessionId, TrackEvent } from "../../bindings";
import { Button } from "../../components/Button";
import { fileUrl } from "../../lib/ipc";
import { formatClock } from "../history/format";
import { formatOffset } from "./format";

/** The largest file the player loads whole when the webview cannot stream it. */
const MAX_IN_MEMORY_BYTES = 512 * 1024 * 1024;

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
    // A new file starts playing even after the last one was paused (autoplay does not).
    const play = () => {
      try {
        void Promise.resolve(video.play()).catch(() => undefined);
      } catch {
        // A webview without media playback: the error event says so.
      }
    };
    const cannot = (why: string) => {
      if (!cancelled) setProblem(`${why} Download the file to play it elsewhere.`);
    };
    video.onerror = () => cannot("This window cannot play this file.");
    if (!playlist) {
      // WebKitGTK's media player cannot read custom URI schemes (MEDIA_ERR_SRC_NOT_SUPPORTED):
      // where the native load fails, a file small enough is fetched whole and played from memory.
      video.onerror = () => {
        video.onerror = () => cannot("This window cannot play this file.");
        if (cancelled) return;
        if (file.size === null || file.size > MAX_IN_MEMORY_BYTES) {
          cannot("This window cannot stream this file, and it is too large to load whole.");
          return;
        }
        void fetch(url)
          .then((r) => (r.ok ? r.blob() : Promise.reject(new Error(`HTTP ${r.status}`))))
          .then((blob) => {
            if (cancelled) return;
            const objectUrl = URL.createObjectURL(blob);
            destroy = () => URL.revokeObjectURL(objectUrl);
            video.src = objectUrl;
            play();
          })
          .catch(() => cannot("The file could not be read."));
      };
      video.src = url;
      play();
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
  }, [url, playlist, file.size]);

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
        data-file={file.key}
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
