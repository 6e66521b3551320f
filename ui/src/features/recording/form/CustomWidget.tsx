import type { FieldSpec } from "../../../components/form/spec";
import type { RecordingWidget } from "./fields";
import { AvFileType } from "./widgets/AvFileType";
import { BotUid } from "./widgets/BotUid";
import { CdnPush } from "./widgets/CdnPush";
import { EditLayout } from "./widgets/EditLayout";
import { FileNamePrefix } from "./widgets/FileNamePrefix";
import { Resolution } from "./widgets/Resolution";
import { StorageKeys } from "./widgets/StorageKeys";
import { StorageLocation } from "./widgets/StorageLocation";
import { Token } from "./widgets/Token";
import type { WidgetProps } from "./widgets/widget";

const WIDGETS: Record<RecordingWidget, (p: WidgetProps) => React.JSX.Element> = {
  botUid: BotUid,
  token: Token,
  resolution: Resolution,
  editLayout: EditLayout,
  avFileType: AvFileType,
  storageLocation: StorageLocation,
  storageKeys: StorageKeys,
  fileNamePrefix: FileNamePrefix,
  cdnPush: CdnPush,
};

function isRecordingWidget(w: string): w is RecordingWidget {
  return Object.hasOwn(WIDGETS, w);
}

/** The widgets that edit more than one value or need more than an input: one component each. */
export function CustomWidget({ spec }: { spec: Extract<FieldSpec<never>, { kind: "custom" }> }) {
  const name = spec.widget;
  if (!isRecordingWidget(name)) return null;
  const Widget = WIDGETS[name];
  return (
    <Widget spec={{ kind: "custom", widget: name, path: spec.path, label: spec.label, also: spec.also }} />
  );
}
