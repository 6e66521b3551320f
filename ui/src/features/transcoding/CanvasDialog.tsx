import { Check } from "lucide-react";
import { useState } from "react";
import type { TranscoderConfig } from "../../bindings";
import { Button } from "../../components/Button";
import { deferred } from "../../lib/lazy";

// The editor loads when the dialog first opens.
const LayoutEditorDialog = deferred(
  () => import("../layout-editor/LayoutEditorDialog"),
  "LayoutEditorDialog",
);
import { canvasDoc, withCanvasTiles } from "./canvasLayout";

interface CanvasDialogProps {
  transcoder: TranscoderConfig;
  onUse: (next: TranscoderConfig) => void;
  onClose: () => void;
}

/** The layout editor on the transcoder canvas: video inputs and watermarks as tiles in canvas pixels, with zOrder. */
export function CanvasDialog({ transcoder, onUse, onClose }: CanvasDialogProps) {
  const [initial] = useState(() => canvasDoc(transcoder));
  const { canvas } = initial.doc;
  const uids = (transcoder.videoInputs ?? []).flatMap((v) =>
    v.rtc && v.rtc.rtcUid > 0 ? [String(v.rtc.rtcUid)] : [],
  );
  return (
    <LayoutEditorDialog
      title="Video inputs and watermarks on the canvas"
      subtitle={`Drawn on the ${canvas.width} × ${canvas.height} canvas, in pixels; a higher zOrder is in front.`}
      initial={initial}
      knownUids={uids}
      onClose={onClose}
      note="Sets each video input's and watermark's region (x, y, width, height, zOrder); watermarks are the dashed tiles. A tile you add becomes a video input of the same channel."
      actions={({ doc }) => (
        <>
          <Button onClick={onClose}>Cancel</Button>
          <Button
            variant="primary"
            data-testid="canvas-use"
            onClick={() => onUse(withCanvasTiles(transcoder, doc.tiles))}
          >
            <Check aria-hidden size={14} /> Use these regions
          </Button>
        </>
      )}
    />
  );
}
