import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { Save } from "lucide-react";
import { useState } from "react";
import { TRANSCODING_FIELD_NOTES, type ProfileView, type TemplateRequest } from "../../bindings";
import { Button } from "../../components/Button";
import { ErrorCallout } from "../../components/ErrorCallout";
import { Field, inputClass } from "../../components/Field";
import { NumberInput } from "../../components/NumberInput";
import { IpcError, api } from "../../lib/ipc";
import { hintOf } from "../../components/form/spec";
import { LIMITS, NOTES } from "./fields";

const numberHint = (path: string, label: string) => hintOf({ kind: "number", path, label }, LIMITS, NOTES);

/** Transcoding templates: renditions of a channel that viewers join as `<channel>_<codecId>`. */
export function TemplatesPanel({ profile }: { profile: ProfileView | undefined }) {
  const client = useQueryClient();
  const key = ["templates", profile?.id];
  const list = useQuery({
    queryKey: key,
    queryFn: () =>
      profile ? api.listTemplates(profile.id) : Promise.reject(new Error("Pick a profile first.")),
    enabled: profile !== undefined,
  });
  const [codecId, setCodecId] = useState("");
  const [t, setT] = useState<TemplateRequest>({
    enabled: true,
    video: { width: 1280, height: 720, fps: 30 },
  });
  const save = useMutation({
    mutationFn: () => {
      if (!profile) throw new Error("Pick a profile first.");
      return api.saveTemplate(profile.id, codecId, t);
    },
    onSuccess: (data) => client.setQueryData(key, data),
  });
  const fieldError = (path: string) =>
    save.error instanceof IpcError
      ? save.error.report.fields?.find((f) => f.path === path)?.message
      : undefined;
  const codecs = list.data?.data?.codecs ?? [];
  return (
    <div className="flex flex-col gap-4" data-testid="templates-panel">
      <p className="text-[13px] text-muted">
        {TRANSCODING_FIELD_NOTES["template.viewerChannel"]} There is no delete: disable a template instead.
      </p>
      {list.error && (
        <ErrorCallout error={list.error} title="Templates could not be listed" testId="templates-error" />
      )}
      <table className="w-full text-[13px]" data-testid="templates-table">
        <thead className="text-left text-xs text-muted">
          <tr>
            <th className="py-1">codecId</th>
            <th>State</th>
            <th>Video</th>
            <th />
          </tr>
        </thead>
        <tbody>
          {codecs.length === 0 && (
            <tr>
              <td colSpan={4} className="py-2 text-xs text-muted">
                {list.isPending ? "Loading…" : "No templates yet."}
              </td>
            </tr>
          )}
          {codecs.map((c) => (
            <tr key={c.id} className="border-t border-line" data-testid={`template-${c.id}`}>
              <td className="py-1.5 font-mono">{c.id}</td>
              <td className={c.enabled ? "text-ok" : "text-muted"}>{c.enabled ? "enabled" : "disabled"}</td>
              <td>{c.video ? `${c.video.width} × ${c.video.height} @ ${c.video.fps} fps` : "—"}</td>
              <td className="text-right">
                <Button
                  variant="ghost"
                  onClick={() => {
                    setCodecId(c.id);
                    if (c.video) setT({ enabled: c.enabled === true, video: c.video });
                  }}
                >
                  Edit
                </Button>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      <form
        className="grid grid-cols-4 items-start gap-3 rounded-lg border border-line bg-panel p-4"
        onSubmit={(e) => {
          e.preventDefault();
          save.mutate();
        }}
      >
        <Field label="codecId" hint={NOTES["template.codecId"]} error={fieldError("codecId")}>
          {(a) => (
            <input
              {...a}
              data-testid="template-codec-id"
              className={inputClass}
              value={codecId}
              onChange={(e) => setCodecId(e.target.value)}
            />
          )}
        </Field>
        {(["width", "height", "fps"] as const).map((k) => (
          <Field
            key={k}
            label={k === "fps" ? "Frame rate" : `${k[0]?.toUpperCase()}${k.slice(1)} (px)`}
            hint={numberHint(`template.video.${k}`, k)}
            error={fieldError(`video.${k}`)}
          >
            {(a) => (
              <NumberInput
                id={a.id}
                describedBy={a["aria-describedby"]}
                invalid={a["aria-invalid"]}
                testId={`template-${k}`}
                value={t.video[k]}
                onChange={(v) => setT({ ...t, video: { ...t.video, [k]: v ?? 0 } })}
              />
            )}
          </Field>
        ))}
        <label className="col-span-2 flex items-center gap-2 text-[13px]">
          <input
            type="checkbox"
            data-testid="template-enabled"
            checked={t.enabled}
            onChange={(e) => setT({ ...t, enabled: e.target.checked })}
          />
          Enabled (viewers can join its channel)
        </label>
        <div className="col-span-2 flex justify-end">
          <Button
            type="submit"
            variant="primary"
            busy={save.isPending}
            data-testid="template-save"
            disabled={!profile}
          >
            <Save aria-hidden size={14} /> Save template
          </Button>
        </div>
        {save.error &&
          !fieldError("codecId") &&
          !fieldError("video.width") &&
          !fieldError("video.height") &&
          !fieldError("video.fps") && (
            <div className="col-span-4">
              <ErrorCallout error={save.error} title="The template was not saved" testId="template-error" />
            </div>
          )}
      </form>
    </div>
  );
}
