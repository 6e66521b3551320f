import { Trash2 } from "lucide-react";
import { useId } from "react";
import { Button } from "../../components/Button";
import { Field, inputClass } from "../../components/Field";
import { NumberInput } from "../../components/NumberInput";
import type { LayoutDoc } from "./document";
import type { EditorAction } from "./editorState";
import { fromPixelRect, round6, toPixelRect, Z_ORDER_MAX, zOrderMin, type Rect, type Tile } from "./geometry";
import { tileLabel } from "./tileLabel";

interface InspectorProps {
  doc: LayoutDoc;
  tile: Tile | null;
  selectedCount: number;
  /** Users known to be in the channel (subscribed uids, earlier layouts), offered for the uid field. */
  knownUids: readonly string[];
  /** Rule errors for the selected tile, by field (`uid`, `x_axis`, ...). */
  errors: Readonly<Record<string, string>>;
  dispatch: (a: EditorAction) => void;
}

const RECT_FIELDS = [
  { key: "x", label: "X", px: "x", wire: "x_axis" },
  { key: "y", label: "Y", px: "y", wire: "y_axis" },
  { key: "w", label: "Width", px: "width", wire: "width" },
  { key: "h", label: "Height", px: "height", wire: "height" },
] as const;

/** The selected tile's exact values: normalized to 6 decimals (recording) or whole pixels (transcoding). */
export function Inspector({ doc, tile, selectedCount, knownUids, errors, dispatch }: InspectorProps) {
  const listId = useId();
  if (!tile) {
    return (
      <p className="text-[13px] text-muted" data-testid="inspector-empty">
        {selectedCount > 1
          ? `${selectedCount} tiles selected: align or distribute them from the toolbar, or move them together.`
          : "Select a tile to set its uid, position and size exactly. Click empty canvas to deselect."}
      </p>
    );
  }
  const index = doc.tiles.findIndex((t) => t.id === tile.id);
  const pixels = doc.canvas.kind === "transcoding";
  const px = toPixelRect(tile, doc.canvas);
  const update = (patch: Partial<Tile>, field: string) =>
    dispatch({ type: "updateTile", id: tile.id, patch, key: `inspect-${tile.id}-${field}` });
  const setRect = (key: keyof Rect, value: number | undefined) => {
    if (value === undefined) return;
    if (pixels) {
      const field = RECT_FIELDS.find((f) => f.key === key)?.px ?? "x";
      update(fromPixelRect({ ...px, [field]: value }, doc.canvas), key);
    } else update({ [key]: value }, key);
  };

  return (
    <div className="flex flex-col gap-3" data-testid="inspector">
      <div className="flex items-center justify-between">
        <h3 className="text-[13px] font-semibold">{tileLabel(tile, index)}</h3>
        <Button variant="ghost" data-testid="tile-delete" onClick={() => dispatch({ type: "remove" })}>
          <Trash2 aria-hidden size={14} /> Remove
        </Button>
      </div>
      {tile.kind !== "watermark" && (
        <Field
          label="uid"
          error={errors.uid}
          hint={
            pixels
              ? "The video input's rtcUid."
              : "Empty: the next user to join fills this region (join order)."
          }
        >
          {(a) => (
            <>
              <input
                {...a}
                data-testid="inspector-uid"
                list={listId}
                className={inputClass + " font-mono"}
                placeholder="next to join"
                value={tile.uid ?? ""}
                onChange={(e) => update({ uid: e.target.value.trim() ? e.target.value.trim() : null }, "uid")}
              />
              <datalist id={listId}>
                {knownUids.map((u) => (
                  <option key={u} value={u} />
                ))}
              </datalist>
            </>
          )}
        </Field>
      )}
      <div className="grid grid-cols-2 gap-2">
        {RECT_FIELDS.map((f) => (
          <Field
            key={f.key}
            label={`${f.label}${pixels ? " (px)" : ""}`}
            error={errors[f.wire]}
            hint={pixels ? undefined : "0–1"}
          >
            {(a) => (
              <NumberInput
                commitOnBlur
                id={a.id}
                describedBy={a["aria-describedby"]}
                invalid={a["aria-invalid"]}
                testId={`inspector-${f.key}`}
                value={pixels ? px[f.px] : round6(tile[f.key])}
                min={0}
                max={pixels ? undefined : 1}
                onChange={(v) => setRect(f.key, v)}
              />
            )}
          </Field>
        ))}
      </div>
      {!pixels && (
        <p className="text-xs text-muted">
          {px.width} × {px.height} px at ({px.x}, {px.y}) on the {doc.canvas.width} × {doc.canvas.height}{" "}
          output.
        </p>
      )}
      {/* Alpha and render mode are the mix layout's; a transcoder region has neither. */}
      <div className={pixels ? "hidden" : "grid grid-cols-2 gap-2"}>
        <Field label="Alpha" error={errors.alpha} hint="0–1; empty is 1.">
          {(a) => (
            <NumberInput
              commitOnBlur
              id={a.id}
              describedBy={a["aria-describedby"]}
              testId="inspector-alpha"
              value={tile.alpha}
              placeholder="1"
              min={0}
              max={1}
              onChange={(v) => update({ alpha: v }, "alpha")}
            />
          )}
        </Field>
        <Field label="Render mode" error={errors.render_mode}>
          {(a) => (
            <select
              {...a}
              data-testid="inspector-render-mode"
              className={inputClass}
              value={tile.renderMode === undefined ? "" : String(tile.renderMode)}
              onChange={(e) =>
                update(
                  { renderMode: e.target.value === "" ? undefined : Number(e.target.value) },
                  "renderMode",
                )
              }
            >
              <option value="">Default (crop)</option>
              <option value="0">0: crop to fill</option>
              <option value="1">1: fit inside</option>
            </select>
          )}
        </Field>
      </div>
      {pixels && (
        <Field label="zOrder" hint={`${zOrderMin(tile)}–${Z_ORDER_MAX}; higher is drawn on top.`}>
          {(a) => (
            <NumberInput
              commitOnBlur
              id={a.id}
              describedBy={a["aria-describedby"]}
              testId="inspector-zorder"
              value={tile.zOrder}
              min={zOrderMin(tile)}
              max={Z_ORDER_MAX}
              onChange={(v) => v !== undefined && update({ zOrder: v }, "zOrder")}
            />
          )}
        </Field>
      )}
      <Field
        label={
          tile.kind === "watermark" ? "Image URL" : pixels ? "Placeholder image URL" : "Background image URL"
        }
        error={errors.image_url}
        hint={
          tile.kind === "watermark"
            ? "The watermark's jpg or png."
            : pixels
              ? "Shown while this input has no video."
              : tile.uid
                ? "Shown in this region when the user's video is off (JPG or BMP)."
                : "Needs a uid: Agora keys these images by user."
        }
      >
        {(a) => (
          <input
            {...a}
            data-testid="inspector-background"
            className={inputClass}
            placeholder="https://…/user.jpg"
            value={tile.backgroundImage ?? ""}
            onChange={(e) =>
              update({ backgroundImage: e.target.value.trim() ? e.target.value : undefined }, "background")
            }
          />
        )}
      </Field>
    </div>
  );
}
