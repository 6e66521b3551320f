import { RECORDING_FIELD_NOTES } from "../../bindings";
import { memo } from "react";
import { ColorInput } from "../../components/ColorInput";
import { Field, inputClass } from "../../components/Field";
import { NumberInput } from "../../components/NumberInput";
import type { LayoutDoc } from "./document";
import type { DocPatch } from "./editorState";
import { recordingCanvas, transcodingCanvas } from "./geometry";

interface LayoutSettingsPanelProps {
  doc: LayoutDoc;
  canvasEditable: boolean;
  /** Rule errors for layout-wide fields (`backgroundColor`, ...). */
  errors: Readonly<Record<string, string>>;
  /** `key` coalesces typing in one field into one undo step. */
  onChange: (patch: DocPatch, key: string) => void;
}

/** What applies to the whole canvas: its size, background colour and images. */
export const LayoutSettingsPanel = memo(function LayoutSettingsPanel({
  doc,
  canvasEditable,
  errors,
  onChange,
}: LayoutSettingsPanelProps) {
  const { canvas } = doc;
  const resize = (width: number | undefined, height: number | undefined) => {
    const size = { width: width ?? canvas.width, height: height ?? canvas.height };
    const next = canvas.kind === "recording" ? recordingCanvas(size) : transcodingCanvas(size);
    // Tiles are normalized, so they keep their place (the reducer re-fits them to the new minimum).
    onChange({ canvas: next }, "canvas");
  };
  const text = (field: "backgroundImage" | "defaultUserBackgroundImage") => (value: string) =>
    onChange({ [field]: value }, field);

  return (
    <div className="flex flex-col gap-3" data-testid="layout-settings">
      <h3 className="text-[13px] font-semibold">Whole layout</h3>
      {canvasEditable ? (
        <div className="grid grid-cols-2 gap-2">
          <Field label="Output width (px)">
            {(a) => (
              <NumberInput
                commitOnBlur
                id={a.id}
                describedBy={a["aria-describedby"]}
                testId="canvas-width"
                value={canvas.width}
                min={1}
                onChange={(v) => resize(v, undefined)}
              />
            )}
          </Field>
          <Field label="Output height (px)">
            {(a) => (
              <NumberInput
                commitOnBlur
                id={a.id}
                describedBy={a["aria-describedby"]}
                testId="canvas-height"
                value={canvas.height}
                min={1}
                onChange={(v) => resize(undefined, v)}
              />
            )}
          </Field>
        </div>
      ) : (
        <p className="text-xs text-muted" data-testid="canvas-size">
          Output {canvas.width} × {canvas.height} px
          {canvas.kind === "recording" ? " (transcodingConfig width × height)." : "."}
        </p>
      )}
      <Field label="Background colour" error={errors.backgroundColor} hint="#RRGGBB; always sent.">
        {(a) => (
          <ColorInput
            id={a.id}
            label="Background colour"
            describedBy={a["aria-describedby"]}
            invalid={a["aria-invalid"]}
            testId="layout-background-color"
            value={doc.backgroundColor}
            onChange={(v) => onChange({ backgroundColor: v }, "backgroundColor")}
          />
        )}
      </Field>
      <Field
        label="Background image URL"
        error={errors.backgroundImage}
        hint={`${RECORDING_FIELD_NOTES["start.clientRequest.recordingConfig.transcodingConfig.backgroundImage"]} Cropped to fill.`}
      >
        {(a) => (
          <input
            {...a}
            data-testid="layout-background-image"
            className={inputClass}
            placeholder="https://…/background.jpg"
            value={doc.backgroundImage}
            onChange={(e) => text("backgroundImage")(e.target.value)}
          />
        )}
      </Field>
      <Field
        label="Default user background URL"
        error={errors.defaultUserBackgroundImage}
        hint="Shown in a region 3.5 s after its user's video stops."
      >
        {(a) => (
          <input
            {...a}
            data-testid="layout-user-background"
            className={inputClass}
            placeholder="https://…/user.jpg"
            value={doc.defaultUserBackgroundImage}
            onChange={(e) => text("defaultUserBackgroundImage")(e.target.value)}
          />
        )}
      </Field>
    </div>
  );
});
