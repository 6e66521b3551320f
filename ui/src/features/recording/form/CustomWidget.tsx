import type { FieldSpec } from "./fields";
import { AvFileType } from "./widgets/AvFileType";
import { BotUid } from "./widgets/BotUid";
import { CdnPush } from "./widgets/CdnPush";
import { EditLayout } from "./widgets/EditLayout";
import { FileNamePrefix } from "./widgets/FileNamePrefix";
import { Resolution } from "./widgets/Resolution";
import { StorageKeys } from "./widgets/StorageKeys";
import { StorageLocation } from "./widgets/StorageLocation";
import { Token } from "./widgets/Token";

type Custom = Extract<FieldSpec, { kind: "custom" }>;

const WIDGETS: Record<Custom["widget"], (p: { spec: Custom }) => React.JSX.Element> = {
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

/** The widgets that edit more than one value or need more than an input: one component each. */
export function CustomWidget({ spec }: { spec: Custom }) {
  const Widget = WIDGETS[spec.widget];
  return <Widget spec={spec} />;
}
