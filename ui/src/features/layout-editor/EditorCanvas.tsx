import { ImageIcon } from "lucide-react";
import {
  memo,
  useEffect,
  useLayoutEffect,
  useMemo,
  useRef,
  useState,
  type KeyboardEvent,
  type PointerEvent as ReactPointerEvent,
} from "react";
import { flushSync } from "react-dom";
import { useRemoteImage } from "../../lib/queries";
import { aspectRatio, fitDisplay, screenBox, type AspectLock, type Display } from "./canvasMetrics";
import type { LayoutDoc } from "./document";
import type { EditorAction } from "./editorState";
import {
  arrowKeyDirection,
  boundsOf,
  dragMove,
  dragResize,
  nudgeDelta,
  pixelAspect,
  type Guide,
  type Handle,
  type SnapSettings,
  type Tile,
} from "./geometry";
import { tileLabel } from "./tileLabel";

export interface CanvasSettings {
  /** Snap to the canvas, other tiles' edges and centres. */
  readonly snap: boolean;
  /** Grid step in output pixels when the grid is on, else 0. */
  readonly grid: number;
  readonly aspect: AspectLock;
}

interface EditorCanvasProps {
  doc: LayoutDoc;
  selection: readonly string[];
  guides: readonly Guide[];
  settings: CanvasSettings;
  dispatch: (a: EditorAction) => void;
  /** Tiles the validator complains about, by id. */
  invalid: ReadonlySet<string>;
}

const HANDLES: readonly Handle[] = ["nw", "n", "ne", "e", "se", "s", "sw", "w"];

const HANDLE_NAMES: Record<Handle, string> = {
  n: "top edge",
  s: "bottom edge",
  e: "right edge",
  w: "left edge",
  ne: "top-right corner",
  nw: "top-left corner",
  se: "bottom-right corner",
  sw: "bottom-left corner",
};

const HANDLE_CURSOR: Record<Handle, string> = {
  n: "cursor-ns-resize",
  s: "cursor-ns-resize",
  e: "cursor-ew-resize",
  w: "cursor-ew-resize",
  ne: "cursor-nesw-resize",
  sw: "cursor-nesw-resize",
  nw: "cursor-nwse-resize",
  se: "cursor-nwse-resize",
};

/** Where each handle sits on its tile, as fractions of the tile box. */
const HANDLE_AT: Record<Handle, [number, number]> = {
  nw: [0, 0],
  n: [0.5, 0],
  ne: [1, 0],
  e: [1, 0.5],
  se: [1, 1],
  s: [0.5, 1],
  sw: [0, 1],
  w: [0, 0.5],
};

interface Gesture {
  readonly kind: "move" | "resize";
  readonly pointerId: number;
  readonly from: { x: number; y: number };
  /** The tiles being moved (or the one resized), as they were when the gesture began. */
  readonly starts: readonly Tile[];
  readonly handle: Handle | null;
  readonly others: SnapSettings["others"];
  readonly key: string;
}

let gestureCount = 0;

/** A CSS `url("…")` for a typed URL: quotes and backslashes escaped, line breaks dropped. */
function cssUrl(url: string): string {
  return `url("${url.replace(/[\\"]/g, "\\$&").replace(/[\n\r]/g, "")}")`;
}

/** Set by the drag benchmark (npm run bench:layout) to collect each frame's work in ms; else absent. */
const clock = () => performance.now();
const dragProbe = () => (window as unknown as { __mixdeckDragProbe?: number[] }).__mixdeckDragProbe;

function snapSettings(
  settings: CanvasSettings,
  others: SnapSettings["others"],
  display: Display,
): SnapSettings | undefined {
  if (settings.snap) return { others, display, grid: settings.grid };
  // Snapping off but the grid on: the grid alone.
  return settings.grid > 0 ? { others: [], display, grid: settings.grid, toCanvas: false } : undefined;
}

/**
 * The canvas preview: the output's aspect ratio and background, one tile per region, resize handles on
 * the primary selection, and the snap guides. Pointer moves are folded into one update per frame.
 */
export function EditorCanvas({ doc, selection, guides, settings, dispatch, invalid }: EditorCanvasProps) {
  const boxRef = useRef<HTMLDivElement>(null);
  const canvasRef = useRef<HTMLDivElement>(null);
  const tileRefs = useRef(new Map<string, HTMLDivElement>());
  const handleRefs = useRef(new Map<Handle, HTMLButtonElement>());
  const gesture = useRef<Gesture | null>(null);
  const pending = useRef<{ x: number; y: number } | null>(null);
  const frame = useRef<number | null>(null);
  const focusFromPointer = useRef(false);
  const [box, setBox] = useState({ width: 0, height: 0 });

  useLayoutEffect(() => {
    const el = boxRef.current;
    if (!el) return;
    const measure = () => setBox({ width: el.clientWidth, height: el.clientHeight });
    measure();
    // jsdom (unit tests) has no ResizeObserver; the size measured once is enough there.
    if (typeof ResizeObserver === "undefined") return;
    const observer = new ResizeObserver(measure);
    observer.observe(el);
    return () => observer.disconnect();
  }, []);

  // Kept by identity while nothing changes, so memoized tiles are not redrawn for a new object.
  // A pending animation frame must not run after the editor is gone.
  useEffect(() => {
    const frames = frame;
    return () => {
      if (frames.current !== null) cancelAnimationFrame(frames.current);
    };
  }, []);

  // When the focused tile goes away (Delete, Remove, undo of an add), focus would fall to the page
  // and the editor's keys (Ctrl+Z, arrows) would stop working: the canvas takes it instead.
  useEffect(() => {
    if (document.activeElement === document.body) canvasRef.current?.focus({ preventScroll: true });
  }, [doc.tiles]);

  const display = useMemo(() => fitDisplay(doc.canvas, box), [doc.canvas, box]);
  const { canvas, tiles } = doc;
  const primaryId = selection[selection.length - 1];
  const primary = tiles.find((t) => t.id === primaryId);
  const showHandles = primary && selection.length === 1;

  // The latest render's values, for handlers that are created once (so memoized tiles keep their
  // props across a drag) and for the animation frame that applies a pointer move.
  const live = useRef({ doc, selection, settings, display, dispatch });
  useLayoutEffect(() => {
    live.current = { doc, selection, settings, display, dispatch };
  });

  const handlers = useMemo(() => {
    const step = () => {
      frame.current = null;
      const g = gesture.current;
      const at = pending.current;
      const started = clock();
      const { display, settings, doc } = live.current;
      // Rendered and committed now, inside this animation frame, so the move is painted in the
      // frame it was computed for (a scheduled render could land one frame later).
      const dispatch = (a: EditorAction) => {
        flushSync(() => live.current.dispatch(a));
        dragProbe()?.push(clock() - started);
      };
      if (!g || !at || display.width === 0) return;
      const delta = { dx: (at.x - g.from.x) / display.width, dy: (at.y - g.from.y) / display.height };
      const snap = snapSettings(settings, g.others, display);
      if (g.kind === "move") {
        const start = boundsOf(g.starts);
        if (!start) return;
        const { rect, guides } = dragMove(start, delta, doc.canvas, snap);
        const dx = rect.x - start.x;
        const dy = rect.y - start.y;
        dispatch({
          type: "gesture",
          tiles: g.starts.map((t) => ({ ...t, x: t.x + dx, y: t.y + dy })),
          guides,
          key: g.key,
        });
      } else if (g.handle) {
        const start = g.starts[0] as Tile;
        const aspect = aspectRatio(settings.aspect, pixelAspect(start, doc.canvas));
        const { rect, guides } = dragResize(start, g.handle, delta, doc.canvas, { aspect, snap });
        dispatch({ type: "gesture", tiles: [{ ...start, ...rect }], guides, key: g.key });
      }
    };

    const begin = (
      e: ReactPointerEvent,
      kind: Gesture["kind"],
      moving: readonly Tile[],
      handle: Handle | null,
    ) => {
      const ids = new Set(moving.map((t) => t.id));
      gesture.current = {
        kind,
        pointerId: e.pointerId,
        from: { x: e.clientX, y: e.clientY },
        starts: moving,
        handle,
        others: live.current.doc.tiles.filter((t) => !ids.has(t.id)),
        key: `gesture-${++gestureCount}`,
      };
      // Moves outside the tile (or the canvas) keep coming; jsdom has no pointer capture.
      canvasRef.current?.setPointerCapture?.(e.pointerId);
    };

    const finish = (e: ReactPointerEvent) => {
      const g = gesture.current;
      if (!g || g.pointerId !== e.pointerId) return;
      if (frame.current !== null) {
        cancelAnimationFrame(frame.current);
        // The last position counts even if its frame never came.
        pending.current = { x: e.clientX, y: e.clientY };
        step();
      }
      gesture.current = null;
      pending.current = null;
      live.current.dispatch({ type: "endGesture" });
    };

    const focusTile = (id: string | undefined) => {
      if (!id) return;
      live.current.dispatch({ type: "select", ids: [id] });
      tileRefs.current.get(id)?.focus();
    };

    return {
      step,
      begin,
      focusTile,
      onPointerMove: (e: ReactPointerEvent) => {
        const g = gesture.current;
        if (!g || g.pointerId !== e.pointerId) return;
        // The button came up where no pointerup reached us: end the gesture instead of dragging on.
        if (e.pointerType === "mouse" && e.buttons === 0) {
          finish(e);
          return;
        }
        pending.current = { x: e.clientX, y: e.clientY };
        frame.current ??= requestAnimationFrame(step);
      },
      finish,
      registerTile: (id: string, el: HTMLDivElement | null) => {
        if (el) tileRefs.current.set(id, el);
        else tileRefs.current.delete(id);
      },
      onTilePointerDown: (e: ReactPointerEvent, tile: Tile) => {
        if (e.button !== 0) return;
        e.stopPropagation();
        const { selection, doc, dispatch } = live.current;
        focusFromPointer.current = true;
        tileRefs.current.get(tile.id)?.focus({ preventScroll: true });
        focusFromPointer.current = false;
        if (e.shiftKey || e.ctrlKey || e.metaKey) {
          dispatch({ type: "toggle", id: tile.id });
          return;
        }
        const group = selection.includes(tile.id) ? selection : [tile.id];
        if (!selection.includes(tile.id)) dispatch({ type: "select", ids: [tile.id] });
        begin(
          e,
          "move",
          doc.tiles.filter((t) => group.includes(t.id)),
          null,
        );
      },
      onTileFocus: (tile: Tile) => {
        const { selection, dispatch } = live.current;
        if (!focusFromPointer.current && !selection.includes(tile.id)) {
          dispatch({ type: "select", ids: [tile.id] });
        }
      },
      onTileKeyDown: (e: KeyboardEvent, tile: Tile) => {
        const { selection, dispatch } = live.current;
        const direction = arrowKeyDirection(e.key);
        if (direction) {
          e.preventDefault();
          if (!selection.includes(tile.id)) dispatch({ type: "select", ids: [tile.id] });
          dispatch({ type: "nudge", direction, large: e.shiftKey });
        } else if (e.key === "Delete" || e.key === "Backspace") {
          e.preventDefault();
          dispatch({ type: "remove" });
          canvasRef.current?.focus();
        } else if (e.key === " ") {
          // Space selects, as on a button; Tab itself is left to the browser: it goes through the
          // tiles in order (each one focused is selected), then the handles, then out of the canvas.
          e.preventDefault();
          dispatch({ type: "select", ids: [tile.id] });
        } else if (e.key === "Enter") {
          e.preventDefault();
          dispatch({ type: "select", ids: [tile.id] });
          // The handles render with the selection; focus them once they exist.
          requestAnimationFrame(() => handleRefs.current.get("se")?.focus());
        } else if (e.key === "Escape") {
          e.preventDefault();
          e.stopPropagation();
          dispatch({ type: "select", ids: [] });
          canvasRef.current?.focus();
        }
      },
    };
  }, []);

  const onHandlePointerDown = (e: ReactPointerEvent, tile: Tile, handle: Handle) => {
    if (e.button !== 0) return;
    e.stopPropagation();
    e.preventDefault();
    handlers.begin(e, "resize", [tile], handle);
  };

  const onHandleKeyDown = (e: KeyboardEvent, tile: Tile, handle: Handle) => {
    const direction = arrowKeyDirection(e.key);
    if (direction) {
      e.preventDefault();
      const moveBy = nudgeDelta(
        {
          x: handle.includes("w") ? tile.x : tile.x + tile.w,
          y: handle.includes("n") ? tile.y : tile.y + tile.h,
        },
        direction,
        canvas,
        e.shiftKey,
      );
      const aspect = aspectRatio(settings.aspect, pixelAspect(tile, canvas));
      const { rect } = dragResize(tile, handle, moveBy, canvas, { aspect });
      // An edit, not a gesture: it ends at once, so validation and the JSON follow each key.
      dispatch({ type: "updateTile", id: tile.id, patch: rect, key: `key-resize-${tile.id}-${handle}` });
    } else if (e.key === "Escape" || e.key === "Enter") {
      e.preventDefault();
      e.stopPropagation();
      dispatch({ type: "endGesture" });
      tileRefs.current.get(tile.id)?.focus();
    }
  };

  const gridStyle =
    settings.grid > 0 && display.width > 0
      ? {
          backgroundImage:
            "linear-gradient(to right, rgb(255 255 255 / 0.22) 1px, transparent 1px), linear-gradient(to bottom, rgb(255 255 255 / 0.22) 1px, transparent 1px)",
          backgroundSize: `${(settings.grid / canvas.width) * display.width}px ${(settings.grid / canvas.height) * display.height}px`,
        }
      : undefined;

  const primaryBox = primary ? screenBox(primary, display) : null;
  const background = useRemoteImage(doc.backgroundImage);

  return (
    <div ref={boxRef} className="relative flex min-h-0 min-w-0 flex-1 items-center justify-center">
      <div
        ref={canvasRef}
        data-testid="layout-canvas"
        role="group"
        aria-label={`Canvas ${canvas.width} × ${canvas.height} px, ${tiles.length} region${tiles.length === 1 ? "" : "s"}. Tab moves between tiles, arrows move, Enter reaches the resize handles.`}
        tabIndex={0}
        className="relative shrink-0 outline-offset-4 shadow-[0_0_0_1px_var(--md-line)]"
        style={{
          width: display.width,
          height: display.height,
          backgroundColor: /^#[0-9a-fA-F]{6}$/.test(doc.backgroundColor) ? doc.backgroundColor : "#000000",
          backgroundImage: background.data ? cssUrl(background.data.dataUrl) : undefined,
          backgroundSize: "cover",
          backgroundPosition: "center",
          touchAction: "none",
        }}
        onPointerDown={(e) => {
          if (e.button === 0 && e.target === e.currentTarget) dispatch({ type: "select", ids: [] });
        }}
        onPointerMove={handlers.onPointerMove}
        onPointerUp={handlers.finish}
        onPointerCancel={handlers.finish}
        onLostPointerCapture={handlers.finish}
        onKeyDown={(e) => {
          if (e.target !== e.currentTarget) return;
          if (e.key === "Enter" || e.key === " ") {
            e.preventDefault();
            handlers.focusTile(tiles[0]?.id);
          }
        }}
      >
        {gridStyle && <div aria-hidden className="pointer-events-none absolute inset-0" style={gridStyle} />}
        {tiles.map((t, i) => (
          <TileView
            key={t.id}
            tile={t}
            index={i}
            display={display}
            selected={selection.includes(t.id)}
            primary={t.id === primaryId}
            invalid={invalid.has(t.id)}
            register={handlers.registerTile}
            onPointerDown={handlers.onTilePointerDown}
            onKeyDown={handlers.onTileKeyDown}
            onFocus={handlers.onTileFocus}
          />
        ))}
        {showHandles &&
          primaryBox &&
          HANDLES.map((h) => {
            const [fx, fy] = HANDLE_AT[h];
            return (
              <button
                key={h}
                type="button"
                ref={(el) => {
                  if (el) handleRefs.current.set(h, el);
                  else handleRefs.current.delete(h);
                }}
                data-testid={`handle-${h}`}
                aria-label={`Resize ${tileLabel(primary, tiles.indexOf(primary))} from the ${HANDLE_NAMES[h]}`}
                className={`absolute left-0 top-0 z-20 h-4 w-4 rounded-[3px] border border-accent bg-panel ${HANDLE_CURSOR[h]} focus-visible:bg-accent`}
                style={{
                  transform: `translate(${primaryBox.x + Math.round(primaryBox.w * fx) - 8}px, ${primaryBox.y + Math.round(primaryBox.h * fy) - 8}px)`,
                  willChange: "transform",
                  touchAction: "none",
                }}
                onPointerDown={(e) => onHandlePointerDown(e, primary, h)}
                onKeyDown={(e) => onHandleKeyDown(e, primary, h)}
              />
            );
          })}
        {guides.map((g, i) => (
          <GuideLine key={i} guide={g} display={display} />
        ))}
      </div>
      {background.error && (
        <p
          data-testid="layout-background-error"
          className="absolute bottom-1 left-1 max-w-[60%] truncate rounded bg-panel/90 px-2 py-0.5 text-[11px] text-warn"
          title={background.error.message}
        >
          Background image not shown: {background.error.message}
        </p>
      )}
    </div>
  );
}

/**
 * One hue per tile (by position in the list) so neighbours are told apart on any background. Opaque,
 * like the video that will fill the region (a later region covers an earlier one), and cheaper for
 * WebKitGTK's software renderer than blending translucent layers on every frame of a drag.
 */
const TILE_FILLS = [
  "bg-sky-800",
  "bg-emerald-800",
  "bg-violet-800",
  "bg-amber-800",
  "bg-rose-800",
  "bg-teal-800",
  "bg-indigo-800",
  "bg-fuchsia-800",
];

interface TileViewProps {
  tile: Tile;
  index: number;
  display: Display;
  selected: boolean;
  primary: boolean;
  invalid: boolean;
  register: (id: string, el: HTMLDivElement | null) => void;
  onPointerDown: (e: ReactPointerEvent, tile: Tile) => void;
  onKeyDown: (e: KeyboardEvent, tile: Tile) => void;
  onFocus: (tile: Tile) => void;
}

/**
 * One region, positioned with a transform so moving it needs no layout pass. Memoized: its handlers
 * are stable, so a drag re-renders only the tiles that move.
 */
const TileView = memo(function TileView({
  tile,
  index,
  display,
  selected,
  primary,
  invalid,
  register,
  onPointerDown,
  onKeyDown,
  onFocus,
}: TileViewProps) {
  const b = screenBox(tile, display);
  const small = b.w < 70 || b.h < 36;
  return (
    <div
      ref={(el) => register(tile.id, el)}
      role="button"
      tabIndex={0}
      data-testid={`tile-${index + 1}`}
      data-tile-id={tile.id}
      aria-pressed={selected}
      aria-label={[
        tileLabel(tile, index),
        `${Math.round(tile.x * 100)}% from left, ${Math.round(tile.y * 100)}% from top, ${Math.round(tile.w * 100)}% × ${Math.round(tile.h * 100)}%`,
        tile.backgroundImage ? "has a background image" : null,
        invalid ? "has errors (see the inspector)" : null,
      ]
        .filter(Boolean)
        .join(", ")}
      className={
        "absolute left-0 top-0 flex cursor-move flex-col items-start justify-start overflow-hidden border px-1.5 py-1 text-left outline-none " +
        (invalid
          ? "border-danger bg-red-900 "
          : tile.kind === "watermark"
            ? "border-dashed bg-amber-600/60 "
            : `${TILE_FILLS[index % TILE_FILLS.length]} `) +
        (selected ? "border-white " : "border-white/40 ") +
        (primary ? "ring-2 ring-accent " : selected ? "ring-2 ring-white/70 " : "") +
        "focus-visible:ring-2 focus-visible:ring-accent"
      }
      style={{
        width: b.w,
        height: b.h,
        transform: `translate(${b.x}px, ${b.y}px)`,
        // A selected tile is what a drag moves: on a layer of its own, moving it is a compositor
        // change (no repaint of the canvas under it or of the tile itself).
        willChange: selected ? "transform" : undefined,
        zIndex: 1 + index,
        opacity: tile.alpha ?? 1,
        touchAction: "none",
      }}
      onPointerDown={(e) => onPointerDown(e, tile)}
      onKeyDown={(e) => onKeyDown(e, tile)}
      onFocus={() => onFocus(tile)}
    >
      <span className="pointer-events-none flex items-center gap-1 text-[11px] font-semibold leading-tight text-white">
        <span className="rounded-sm bg-black/50 px-1 font-mono">{index + 1}</span>
        {!small && (
          <span className="truncate">
            {tile.kind === "watermark" ? "watermark" : (tile.uid ?? "next to join")}
          </span>
        )}
        {tile.backgroundImage && <ImageIcon aria-hidden size={11} />}
      </span>
    </div>
  );
});

function GuideLine({ guide, display }: { guide: Guide; display: Display }) {
  const vertical = guide.orientation === "vertical";
  const pos = Math.round(guide.position * (vertical ? display.width : display.height));
  const start = Math.round(guide.start * (vertical ? display.height : display.width));
  const end = Math.round(guide.end * (vertical ? display.height : display.width));
  return (
    <div
      aria-hidden
      data-testid="snap-guide"
      className="pointer-events-none absolute left-0 top-0 z-30 bg-pink-500 will-change-transform"
      style={
        vertical
          ? {
              width: 1,
              height: Math.max(1, end - start),
              transform: `translate(${Math.min(pos, display.width - 1)}px, ${start}px)`,
            }
          : {
              height: 1,
              width: Math.max(1, end - start),
              transform: `translate(${start}px, ${Math.min(pos, display.height - 1)}px)`,
            }
      }
    />
  );
}
