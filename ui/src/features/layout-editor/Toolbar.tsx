import {
  AlignCenterHorizontal,
  AlignCenterVertical,
  AlignEndHorizontal,
  AlignEndVertical,
  AlignHorizontalDistributeCenter,
  AlignStartHorizontal,
  AlignStartVertical,
  AlignVerticalDistributeCenter,
  Grid3x3,
  Magnet,
  Plus,
  Redo2,
  Undo2,
  WandSparkles,
  type LucideIcon,
} from "lucide-react";
import { memo, useState, type ReactNode } from "react";
import { inputClass } from "../../components/Field";
import { ASPECT_LOCKS, type AspectLock } from "./canvasMetrics";
import type { CanvasSettings } from "./EditorCanvas";
import type { EditorAction } from "./editorState";
import { MAX_RECORDING_REGIONS, PRESET_KINDS, type AlignMode, type PresetKind } from "./geometry";

const PRESET_NAMES: Record<PresetKind, string> = {
  floating: "Floating (0)",
  "best-fit": "Best fit (1)",
  vertical: "Vertical (2)",
  grid: "Grid",
  "speaker-strip": "Speaker + strip",
  "picture-in-picture": "Picture in picture",
};

const ALIGN: readonly { mode: AlignMode; icon: LucideIcon; label: string }[] = [
  { mode: "left", icon: AlignStartVertical, label: "Align left edges" },
  { mode: "center-h", icon: AlignCenterVertical, label: "Align horizontal centres" },
  { mode: "right", icon: AlignEndVertical, label: "Align right edges" },
  { mode: "top", icon: AlignStartHorizontal, label: "Align top edges" },
  { mode: "center-v", icon: AlignCenterHorizontal, label: "Align vertical centres" },
  { mode: "bottom", icon: AlignEndHorizontal, label: "Align bottom edges" },
];

interface ToolbarProps {
  tileCount: number;
  selectedCount: number;
  canUndo: boolean;
  canRedo: boolean;
  /** Caps the preset user count and Add (17 for a mix recording). */
  maxTiles: number | null;
  knownUids: readonly string[];
  settings: CanvasSettings;
  gridStep: number;
  onSettings: (s: CanvasSettings) => void;
  dispatch: (a: EditorAction) => void;
}

function IconButton({
  label,
  icon: Icon,
  onClick,
  disabled,
  pressed,
  testId,
}: {
  label: string;
  icon: LucideIcon;
  onClick: () => void;
  disabled?: boolean;
  pressed?: boolean;
  testId?: string;
}) {
  return (
    <button
      type="button"
      title={label}
      aria-label={label}
      aria-pressed={pressed}
      data-testid={testId}
      disabled={disabled}
      onClick={onClick}
      className={
        "inline-flex h-7 w-7 items-center justify-center rounded-md text-muted hover:bg-canvas hover:text-fg " +
        "disabled:cursor-not-allowed disabled:opacity-40 aria-pressed:bg-accent-soft aria-pressed:text-accent"
      }
    >
      <Icon aria-hidden size={15} />
    </button>
  );
}

function Group({ children, label }: { children: ReactNode; label: string }) {
  return (
    <div role="group" aria-label={label} className="flex items-center gap-0.5 border-r border-line pr-2">
      {children}
    </div>
  );
}

/** Generate, add, undo/redo, snapping, grid, aspect lock, align and distribute (memoized: a drag leaves it alone). */
export const Toolbar = memo(function Toolbar({
  tileCount,
  selectedCount,
  canUndo,
  canRedo,
  maxTiles,
  knownUids,
  settings,
  gridStep,
  onSettings,
  dispatch,
}: ToolbarProps) {
  const [kind, setKind] = useState<PresetKind>("grid");
  const [count, setCount] = useState(() =>
    Math.min(maxTiles ?? MAX_RECORDING_REGIONS, Math.max(knownUids.length, 4)),
  );
  const limit = maxTiles ?? MAX_RECORDING_REGIONS;
  const full = maxTiles !== null && tileCount >= maxTiles;
  return (
    <div className="flex flex-wrap items-center gap-2 text-[13px]" data-testid="layout-toolbar">
      <Group label="Generate">
        <select
          aria-label="Arrangement"
          data-testid="preset-kind"
          className={inputClass + " h-8 py-0"}
          value={kind}
          onChange={(e) => setKind(e.target.value as PresetKind)}
        >
          {PRESET_KINDS.map((k) => (
            <option key={k} value={k}>
              {PRESET_NAMES[k]}
            </option>
          ))}
        </select>
        <select
          aria-label="Users"
          data-testid="preset-count"
          className={inputClass + " h-8 py-0"}
          value={count}
          onChange={(e) => setCount(Number(e.target.value))}
        >
          {Array.from({ length: limit }, (_, k) => k + 1).map((n) => (
            <option key={n} value={n}>
              {n} {n === 1 ? "user" : "users"}
            </option>
          ))}
        </select>
        <button
          type="button"
          data-testid="preset-generate"
          className="ml-1 inline-flex items-center gap-1 rounded-md border border-line bg-panel px-2 py-1 hover:bg-canvas"
          onClick={() => dispatch({ type: "preset", kind, count, uids: knownUids })}
        >
          <WandSparkles aria-hidden size={14} /> Generate
        </button>
      </Group>
      <Group label="Edit">
        <IconButton
          label={full ? `At most ${maxTiles} regions` : "Add a tile"}
          icon={Plus}
          testId="tile-add"
          disabled={full}
          onClick={() => dispatch({ type: "add" })}
        />
        <IconButton
          label="Undo (Ctrl+Z)"
          icon={Undo2}
          testId="undo"
          disabled={!canUndo}
          onClick={() => dispatch({ type: "undo" })}
        />
        <IconButton
          label="Redo (Ctrl+Shift+Z)"
          icon={Redo2}
          testId="redo"
          disabled={!canRedo}
          onClick={() => dispatch({ type: "redo" })}
        />
      </Group>
      <Group label="Assist">
        <IconButton
          label="Snap to edges, centres and tiles"
          icon={Magnet}
          testId="toggle-snap"
          pressed={settings.snap}
          onClick={() => onSettings({ ...settings, snap: !settings.snap })}
        />
        <IconButton
          label={`Grid (${gridStep} px)`}
          icon={Grid3x3}
          testId="toggle-grid"
          pressed={settings.grid > 0}
          onClick={() => onSettings({ ...settings, grid: settings.grid > 0 ? 0 : gridStep })}
        />
        <select
          aria-label="Aspect lock while resizing"
          title="Aspect lock while resizing"
          data-testid="aspect-lock"
          className={inputClass + " h-8 py-0"}
          value={settings.aspect}
          onChange={(e) => onSettings({ ...settings, aspect: e.target.value as AspectLock })}
        >
          {ASPECT_LOCKS.map((a) => (
            <option key={a} value={a}>
              {a === "off" ? "Free ratio" : a === "tile" ? "Keep ratio" : a}
            </option>
          ))}
        </select>
      </Group>
      <div role="group" aria-label="Arrange" className="flex items-center gap-0.5">
        {ALIGN.map((a) => (
          <IconButton
            key={a.mode}
            label={selectedCount === 1 ? `${a.label} (to the canvas)` : a.label}
            icon={a.icon}
            testId={`align-${a.mode}`}
            disabled={selectedCount === 0}
            onClick={() => dispatch({ type: "align", mode: a.mode })}
          />
        ))}
        <IconButton
          label="Distribute horizontally (3 or more)"
          icon={AlignHorizontalDistributeCenter}
          testId="distribute-horizontal"
          disabled={selectedCount < 3}
          onClick={() => dispatch({ type: "distribute", axis: "horizontal" })}
        />
        <IconButton
          label="Distribute vertically (3 or more)"
          icon={AlignVerticalDistributeCenter}
          testId="distribute-vertical"
          disabled={selectedCount < 3}
          onClick={() => dispatch({ type: "distribute", axis: "vertical" })}
        />
      </div>
    </div>
  );
});
