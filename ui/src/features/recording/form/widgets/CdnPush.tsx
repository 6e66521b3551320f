import { type ExtensionService } from "../../../../bindings";
import { Field, inputClass } from "../../../../components/Field";
import { getIn } from "../../../../lib/paths";
import { errorFor } from "../../../../components/form/spec";
import { type WidgetProps, useWidget } from "./widget";

const SERVICES = "start.clientRequest.extensionServiceConfig.extensionServices";

export function CdnPush({ spec }: WidgetProps) {
  const { draft, set, errors } = useWidget(spec);
  const services = (getIn(draft, SERVICES) as ExtensionService[] | undefined) ?? [];
  const at = services.findIndex((s) => s.serviceName === "rtmp_publish_service");
  const urlPath = `${SERVICES}.${at}.serviceParam.outputs.0.rtmpUrl`;
  return (
    <div className="col-span-2 flex flex-col gap-2">
      <label className="flex items-center gap-2 text-[13px] font-medium">
        <input
          type="checkbox"
          data-testid="field-cdn-push"
          checked={at >= 0}
          onChange={(e) =>
            set(
              SERVICES,
              e.target.checked
                ? [
                    ...services,
                    {
                      serviceName: "rtmp_publish_service",
                      errorHandlePolicy: "error_ignore",
                      serviceParam: { outputs: [{ rtmpUrl: "" }] },
                    },
                  ]
                : services.filter((s) => s.serviceName !== "rtmp_publish_service"),
            )
          }
        />
        Push the page to a CDN (RTMP)
      </label>
      {at >= 0 && (
        <Field
          label="RTMP URL"
          hint="rtmp:// or rtmps://; one stream at a time."
          error={errorFor({ ...spec, path: `${SERVICES}.${at}` }, errors)}
        >
          {(a) => (
            <input
              {...a}
              data-testid="field-rtmp-url"
              className={inputClass + " font-mono"}
              placeholder="rtmp://live.example.com/app/key"
              value={String(getIn(draft, urlPath) ?? "")}
              onChange={(e) => set(urlPath, e.target.value)}
            />
          )}
        </Field>
      )}
    </div>
  );
}
