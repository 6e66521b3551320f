import { useState } from "react";
import { ViewFrame } from "../../components/ViewFrame";
import { emptyDoc } from "./document";
import { presetTiles, recordingCanvas } from "./geometry";
import { LayoutEditor } from "./LayoutEditor";

/** A 16:9 landscape output is what most mix recordings use; the size can be changed in the editor. */
function startingDoc() {
  const canvas = recordingCanvas({ width: 1280, height: 720 });
  return { doc: { ...emptyDoc(canvas), tiles: presetTiles("grid", 4, canvas) }, dropped: 0 };
}

/**
 * Design composite layouts away from any session: generate, edit, save as named presets (then load
 * them in a start form or on a live session) and export the JSON fragment Agora takes.
 */
export function LayoutsView() {
  const [initial] = useState(startingDoc);
  return (
    <ViewFrame
      id="layouts"
      title="Layouts"
      subtitle="Composite layouts for mix recordings: build one here, save it as a preset, use it in a start form or on a live session."
      fill
    >
      <div className="h-full pt-4">
        <LayoutEditor
          initial={initial}
          canvasEditable
          note="Saved layouts appear in the layout editor of the start form and of every live mix session."
          actions={() => null}
        />
      </div>
    </ViewFrame>
  );
}
