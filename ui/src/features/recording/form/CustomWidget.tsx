import { KeyRound, LayoutTemplate, Shuffle } from "lucide-react";
import { useState } from "react";
import { type ExtensionService, MAX_RECORDING_REGIONS } from "../../../bindings";
import { Button } from "../../../components/Button";
import { Field, inputClass } from "../../../components/Field";
import { api } from "../../../lib/ipc";
import { getIn } from "../../../lib/paths";
import { useProfileMutation } from "../../../lib/queries";
import { ChipInput } from "../../../components/ChipInput";
import { hasSecret, randomBotUid } from "./draft";
import { type FieldSpec, errorFor } from "./fields";
import { fieldTestId } from "./FieldControl";
import { useForm } from "./FormContext";

type Custom = Extract<FieldSpec, { kind: "custom" }>;

const RESOLUTIONS: readonly [number, number][] = [
  [640, 360],
  [1280, 720],
  [1920, 1080],
  [360, 640],
  [720, 1280],
];

const RC = "start.clientRequest.recordingConfig";
const SERVICES = "start.clientRequest.extensionServiceConfig.extensionServices";

/** The widgets that edit more than one value or need more than an input. */
export function CustomWidget({ spec }: { spec: Custom }) {
  const { draft, set, errors, profile, vendors, onEditLayout } = useForm();
  const error = errorFor(spec, errors);
  const testId = fieldTestId(spec.path);
  const [otherKeys, setOtherKeys] = useState(false);
  const saveKeys = useProfileMutation(async (keys: { access: string; secret: string }) => {
    if (!profile) return;
    await api.setSecret(profile.id, "storageAccessKey", keys.access);
    await api.setSecret(profile.id, "storageSecretKey", keys.secret);
  });

  switch (spec.widget) {
    case "botUid": {
      const avoid = [
        "subscribeAudioUids",
        "subscribeVideoUids",
        "unSubscribeAudioUids",
        "unSubscribeVideoUids",
      ].flatMap((k) => (getIn(draft, `${RC}.${k}`) as string[] | undefined) ?? []);
      return (
        <Field label="Bot uid" hint="1–4294967295; nobody else in the channel may use it." error={error}>
          {(a) => (
            <div className="flex gap-2">
              <input
                {...a}
                data-testid={testId}
                className={inputClass + " flex-1 font-mono"}
                value={draft.start.uid}
                spellCheck={false}
                onChange={(e) => set(spec.path, e.target.value)}
              />
              <Button
                variant="secondary"
                title="Pick a uid that SDKs rarely assign and the subscribe lists do not name"
                onClick={() => set(spec.path, randomBotUid(avoid))}
              >
                <Shuffle aria-hidden size={14} /> Free uid
              </Button>
            </div>
          )}
        </Field>
      );
    }
    case "token": {
      const canGenerate = hasSecret(profile, "appCertificate");
      const token = getIn(draft, spec.path);
      return (
        <Field
          label="Token"
          error={error}
          hint={
            canGenerate
              ? draft.generateToken
                ? "Built in the backend from the profile's App Certificate; it never passes through this window."
                : "The bot's RTC token; it must outlive the recording."
              : "Leave empty when the App Certificate is off. Add the certificate in Profiles to have tokens built for you."
          }
        >
          {(a) => (
            <div className="flex flex-col gap-1.5">
              {canGenerate && (
                <label className="flex items-center gap-2 text-[13px]">
                  <input
                    type="checkbox"
                    data-testid="field-generateToken"
                    checked={draft.generateToken}
                    onChange={(e) => set("generateToken", e.target.checked)}
                  />
                  Generate from the App Certificate
                </label>
              )}
              {(!canGenerate || !draft.generateToken) && (
                <input
                  {...a}
                  data-testid={testId}
                  type="password"
                  autoComplete="off"
                  className={inputClass + " font-mono"}
                  placeholder="007…"
                  value={typeof token === "string" ? token : ""}
                  onChange={(e) => set(spec.path, e.target.value === "" ? undefined : e.target.value)}
                />
              )}
            </div>
          )}
        </Field>
      );
    }
    case "resolution": {
      const web = spec.path.endsWith("serviceParam");
      const [wKey, hKey] = web ? ["videoWidth", "videoHeight"] : ["width", "height"];
      const w = getIn(draft, `${spec.path}.${wKey}`);
      const h = getIn(draft, `${spec.path}.${hKey}`);
      return (
        <div className="col-span-2 flex flex-col gap-1">
          <span className="text-[13px] font-medium">Resolution</span>
          <div role="group" aria-label="Resolution presets" className="flex flex-wrap gap-1.5">
            {RESOLUTIONS.map(([rw, rh]) => (
              <button
                key={`${rw}x${rh}`}
                type="button"
                aria-pressed={w === rw && h === rh}
                className="rounded-md border border-line px-2 py-1 font-mono text-xs aria-pressed:border-accent aria-pressed:bg-accent-soft"
                onClick={() => {
                  set(`${spec.path}.${wKey}`, rw);
                  set(`${spec.path}.${hKey}`, rh);
                }}
              >
                {rw}×{rh}
              </button>
            ))}
          </div>
        </div>
      );
    }
    case "editLayout": {
      const regions = getIn(draft, spec.path);
      const n = Array.isArray(regions) ? regions.length : 0;
      return (
        <Field
          label="Custom layout"
          error={error}
          hint={
            n
              ? `${n} region${n === 1 ? "" : "s"} (mixedVideoLayout 3).`
              : `Draw regions for up to ${MAX_RECORDING_REGIONS} users.`
          }
        >
          {(a) => (
            <Button {...a} data-testid="edit-layout" disabled={!onEditLayout} onClick={onEditLayout}>
              <LayoutTemplate aria-hidden size={14} /> Edit layout…
            </Button>
          )}
        </Field>
      );
    }
    case "avFileType": {
      const value = (getIn(draft, spec.path) as string[] | undefined) ?? [];
      const individual = draft.mode === "individual";
      return (
        <Field
          label="Formats"
          error={error}
          hint={individual ? "Individual mode writes HLS only." : "MP4 always comes with HLS."}
        >
          {(a) => (
            <div id={a.id} className="flex gap-4 py-1 text-[13px]">
              <label className="flex items-center gap-1.5">
                <input type="checkbox" checked disabled /> HLS (M3U8 + TS)
              </label>
              <label className="flex items-center gap-1.5">
                <input
                  type="checkbox"
                  data-testid={`${testId}-mp4`}
                  disabled={individual}
                  checked={value.includes("mp4")}
                  onChange={(e) => set(spec.path, e.target.checked ? ["hls", "mp4"] : ["hls"])}
                />
                MP4
              </label>
            </div>
          )}
        </Field>
      );
    }
    case "storageLocation": {
      const SC = "start.clientRequest.storageConfig";
      const vendor = getIn(draft, `${SC}.vendor`);
      const region = getIn(draft, `${SC}.region`);
      const info = vendors?.find((v) => v.vendor === vendor);
      return (
        <div className="col-span-2 grid grid-cols-2 gap-x-5">
          <Field label="Vendor" error={error} hint="Where your bucket lives.">
            {(a) => (
              <select
                {...a}
                data-testid={testId}
                className={inputClass}
                value={String(vendor ?? "")}
                onChange={(e) => {
                  set(`${SC}.vendor`, Number(e.target.value));
                  set(`${SC}.region`, 0);
                }}
              >
                {vendors
                  ?.filter((v) => v.current || v.vendor === vendor)
                  .map((v) => (
                    <option key={v.vendor} value={v.vendor}>
                      {v.name}
                      {v.current ? "" : " (no longer listed)"}
                    </option>
                  ))}
              </select>
            )}
          </Field>
          <Field
            label="Region"
            hint={info ? `${info.regions.length} regions; the code sent is shown first.` : undefined}
          >
            {(a) => (
              <select
                {...a}
                data-testid={fieldTestId(`${SC}.region`)}
                className={inputClass}
                value={String(region ?? "")}
                onChange={(e) => set(`${SC}.region`, Number(e.target.value))}
              >
                {info?.regions.map((r) => (
                  <option key={r.code} value={r.code}>
                    {r.code}: {r.name}
                    {r.legacy ? " (older docs only)" : ""}
                  </option>
                ))}
                {info && !info.regions.some((r) => r.code === region) && (
                  <option value={String(region)}>{String(region)} (not a region of this vendor)</option>
                )}
              </select>
            )}
          </Field>
        </div>
      );
    }
    case "storageKeys": {
      const SC = "start.clientRequest.storageConfig";
      const access = (getIn(draft, `${SC}.accessKey`) as string | undefined) ?? "";
      const secret = (getIn(draft, `${SC}.secretKey`) as string | undefined) ?? "";
      const status = profile?.secrets.find((s) => s.kind === "storageAccessKey");
      const stored = hasSecret(profile, "storageAccessKey") && hasSecret(profile, "storageSecretKey");
      const typing = !stored || otherKeys || access !== "" || secret !== "";
      return (
        <div className="col-span-2 flex flex-col gap-2" data-testid="storage-keys">
          <span className="text-[13px] font-medium">Access keys</span>
          {stored && !typing && (
            <p className="flex items-center gap-2 text-[13px]">
              <KeyRound aria-hidden size={14} className="text-ok" />
              From {profile?.name}'s keychain entries
              {status?.last4 ? ` (…${status.last4})` : ""}.
              <button
                type="button"
                className="text-accent hover:underline"
                onClick={() => setOtherKeys(true)}
              >
                Use other keys
              </button>
            </p>
          )}
          {typing && (
            <>
              <div className="grid grid-cols-2 gap-x-5">
                {(
                  [
                    ["accessKey", "Access key", access],
                    ["secretKey", "Secret key", secret],
                  ] as const
                ).map(([key, label, v]) => (
                  <Field
                    key={key}
                    label={label}
                    error={errorFor({ ...spec, path: `${SC}.${key}`, also: [] }, errors)}
                  >
                    {(a) => (
                      <input
                        {...a}
                        data-testid={fieldTestId(`${SC}.${key}`)}
                        type="password"
                        autoComplete="off"
                        className={inputClass + " font-mono"}
                        value={v}
                        onChange={(e) => set(`${SC}.${key}`, e.target.value)}
                      />
                    )}
                  </Field>
                ))}
              </div>
              {profile && profile.kind === "agora" && (
                <div className="flex items-center gap-2 text-xs text-muted">
                  <Button
                    data-testid="save-storage-keys"
                    disabled={access === "" || secret === ""}
                    busy={saveKeys.isPending}
                    onClick={() =>
                      saveKeys.mutate(
                        { access, secret },
                        {
                          onSuccess: () => {
                            set(`${SC}.accessKey`, "");
                            set(`${SC}.secretKey`, "");
                            setOtherKeys(false);
                          },
                        },
                      )
                    }
                  >
                    <KeyRound aria-hidden size={14} /> Save in {profile.name}'s keychain
                  </Button>
                  Saved keys are filled in when sending and never shown again.
                  {saveKeys.error && <span className="text-danger">{saveKeys.error.message}</span>}
                </div>
              )}
            </>
          )}
        </div>
      );
    }
    case "fileNamePrefix": {
      const segments = (getIn(draft, spec.path) as string[] | undefined) ?? [];
      const joined = segments.length ? segments.join("/") + "/" : "";
      return (
        <div className="col-span-2">
          <Field
            label="File name prefix"
            error={error}
            hint={`Folders of a–z, A–Z, 0–9; joined: ${joined || "(none)"} · ${joined.length}/128 characters.`}
          >
            {(a) => (
              <ChipInput
                id={a.id}
                describedBy={a["aria-describedby"]}
                invalid={a["aria-invalid"]}
                testId={testId}
                placeholder="folder, Enter to add"
                values={segments}
                onChange={(v) => set(spec.path, v.length ? v : undefined)}
              />
            )}
          </Field>
        </div>
      );
    }
    case "cdnPush": {
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
  }
}
