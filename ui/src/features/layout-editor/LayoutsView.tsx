import { LayoutTemplate } from "lucide-react";
import { EmptyState } from "../../components/EmptyState";
import { ViewFrame } from "../../components/ViewFrame";

export function LayoutsView() {
  return (
    <ViewFrame
      id="layouts"
      title="Layouts"
      subtitle="Composite layouts for mix recordings and transcoder canvases."
    >
      <EmptyState
        icon={LayoutTemplate}
        title="No saved layouts"
        summary="Build a composite layout by dragging and resizing tiles instead of typing coordinates."
        points={[
          "Start from floating, best-fit, vertical, grid or picture-in-picture arrangements.",
          "Snap tiles to edges and to each other; set exact positions in the inspector.",
          "Save layouts as presets and apply one to a live mix recording in a click.",
        ]}
      />
    </ViewFrame>
  );
}
