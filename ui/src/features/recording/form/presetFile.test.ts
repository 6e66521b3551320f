import { describe, expect, it } from "vitest";
import { setIn } from "../../../lib/paths";
import { newDraft } from "./draft";
import { draftFromPreset, presetBody } from "./presetFile";

describe("presets", () => {
  it("round-trips a draft through a preset body", () => {
    let d = newDraft("individual", undefined, "900000010");
    d = setIn(d, "start.cname", "room-9");
    d = setIn(d, "start.clientRequest.snapshotConfig", { captureInterval: 20, fileType: ["jpg"] });
    const back = draftFromPreset(presetBody(d), newDraft("mix", undefined));
    expect(back).toEqual({ ...d, stash: {} });
  });

  it("brings redacted secrets back empty, never as the word <redacted>", () => {
    let d = newDraft("mix", undefined);
    d = setIn(d, "start.clientRequest.token", "<redacted>");
    d = setIn(d, "start.clientRequest.storageConfig.accessKey", "<redacted>");
    d = setIn(d, "start.clientRequest.storageConfig.stsToken", "<redacted>");
    const back = draftFromPreset(presetBody(d), d);
    expect(back.start.clientRequest.token).toBeUndefined();
    expect(back.start.clientRequest.storageConfig?.accessKey).toBe("");
    expect(back.start.clientRequest.storageConfig?.stsToken).toBeUndefined();
    expect(JSON.stringify(back)).not.toContain("<redacted>");
  });

  it("keeps the form's uid when the template has none", () => {
    const base = newDraft("mix", undefined, "900000077");
    const t = presetBody(setIn(newDraft("mix", undefined), "start.uid", ""));
    expect(draftFromPreset(t, base).start.uid).toBe("900000077");
  });
});
