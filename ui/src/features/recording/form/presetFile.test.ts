import { describe, expect, it } from "vitest";
import { REDACTED, SECRET_KEYS } from "../../../bindings";
import { setIn } from "../../../lib/paths";
import { newDraft } from "./draft";
import { draftFromPreset, presetBody, redactStart } from "./presetFile";

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

  it("redacts typed secrets for Copy JSON and leaves empty keys empty", () => {
    let d = newDraft("mix", undefined);
    d = setIn(d, "start.clientRequest.token", "007secret-token");
    d = setIn(d, "start.clientRequest.storageConfig.secretKey", "typed-secret-key");
    d = setIn(d, "start.clientRequest.recordingConfig.secret", "channel-key");
    const out = JSON.stringify(redactStart(d.start));
    expect(out).not.toMatch(/007secret-token|typed-secret-key|channel-key/);
    expect(redactStart(d.start).clientRequest.storageConfig?.accessKey).toBe("");
  });

  it("Copy JSON redacts every key Rust calls secret, at any depth, and leaves empty ones empty", () => {
    let d = newDraft("mix", undefined);
    for (const [i, key] of SECRET_KEYS.entries())
      d = setIn(d, `start.clientRequest.extra${i}.deep.${key}`, "S3CRET");
    d = setIn(d, "start.clientRequest.storageConfig.accessKey", "");
    const out = redactStart(d.start);
    const text = JSON.stringify(out);
    expect(text).not.toContain("S3CRET");
    expect(text.split(REDACTED).length - 1).toBe(SECRET_KEYS.length);
    expect(out.clientRequest.storageConfig?.accessKey).toBe("");
  });
});
