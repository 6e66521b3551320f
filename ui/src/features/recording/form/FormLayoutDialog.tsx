import { Check } from "lucide-react";
import { useState } from "react";
import type { LayoutSettings, TranscodingConfig } from "../../../bindings";
import { Button } from "../../../components/Button";
import { getIn } from "../../../lib/paths";
import { fromLayoutSettings } from "../../layout-editor/document";
import { recordingCanvas } from "../../layout-editor/geometry";
import { deferred } from "../../../lib/lazy";

// The editor loads when the dialog first opens.
const LayoutEditorDialog = deferred(
  () => import("../../layout-editor/LayoutEditorDialog"),
  "LayoutEditorDialog",
);
import { layoutOf, layoutUids, subscribedUids, unique } from "../../layout-editor/recordingLayout";
import type { RecordingDraft } from "./draft";

export const TRANSCODING_CONFIG_PATH = "start.clientRequest.recordingConfig.transcodingConfig";

interface FormLayoutDialogProps {
  draft: RecordingDraft;
  onUse: (layout: LayoutSettings) => void;
  onClose: () => void;
}

/**
 * The layout editor for the start form: it opens on the form's layout (a built-in mode is redrawn for
 * the subscribed uids) and hands back mixedVideoLayout 3 + layoutConfig + backgrounds.
 */
export function FormLayoutDialog({ draft, onUse, onClose }: FormLayoutDialogProps) {
  const tc = getIn(draft, TRANSCODING_CONFIG_PATH) as TranscodingConfig | undefined;
  const [opened] = useState(() => {
    const layout = layoutOf(tc);
    const subscribed = subscribedUids(draft.start.clientRequest);
    return {
      uids: unique([...subscribed, ...layoutUids(layout)]),
      imported: fromLayoutSettings(layout, recordingCanvas(tc), subscribed),
    };
  });
  const { canvas } = opened.imported.doc;
  return (
    <LayoutEditorDialog
      title="Custom layout for this recording"
      subtitle={`Channel ${draft.start.cname || "(not named yet)"} · drawn on the ${canvas.width} × ${canvas.height} output`}
      initial={opened.imported}
      knownUids={opened.uids}
      onClose={onClose}
      note="Sets transcodingConfig.mixedVideoLayout to 3 (custom) with these regions and backgrounds."
      actions={({ settings, errors, checking }) => (
        <>
          <Button onClick={onClose}>Cancel</Button>
          <Button
            variant="primary"
            data-testid="layout-use"
            disabled={checking || errors.lines.length > 0 || !settings.layoutConfig?.length}
            onClick={() => onUse(settings)}
          >
            <Check aria-hidden size={14} /> Use this layout
          </Button>
        </>
      )}
    />
  );
}
