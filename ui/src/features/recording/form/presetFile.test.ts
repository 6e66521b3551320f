import { describe, expect, it } from "vitest";
import { REDACTED, SECRET_KEYS, type Value } from "../../../bindings";
import { setIn } from "../../../lib/paths";
import { newDraft } from "./draft";
import { parsePresetFile, presetFileText } from "../../../lib/presetFile";
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
    if (typeof back === "string") throw new Error(back);
    expect(back.start.clientRequest.token).toBeUndefined();
    expect(back.start.clientRequest.storageConfig?.accessKey).toBe("");
    expect(back.start.clientRequest.storageConfig?.stsToken).toBeUndefined();
    expect(JSON.stringify(back)).not.toContain("<redacted>");
  });

  it("refuses bodies that are not start-form presets", () => {
    const base = newDraft("mix", undefined);
    expect(draftFromPreset([] as Value, base)).toBe("the preset is not an object");
    expect(draftFromPreset({ mode: "audio", start: {} }, base)).toBe("the preset has no recording mode");
    expect(draftFromPreset({ mode: "mix" }, base)).toBe("the preset has no start body");
  });

  it("exports and imports a file of presets", () => {
    const body = presetBody(newDraft("web", undefined));
    const text = presetFileText([{ kind: "recordingStart", name: "Web 720p", body }]);
    expect(parsePresetFile(text)).toEqual({ presets: [{ kind: "recordingStart", name: "Web 720p", body }] });
  });

  it("says what is wrong with a file, naming the entry", () => {
    expect(parsePresetFile("{")).toHaveProperty("error");
    expect(parsePresetFile('{"format":"other"}')).toEqual({
      error: 'not a Mixdeck preset file ("format" must be "mixdeck-presets")',
    });
    expect(parsePresetFile('{"format":"mixdeck-presets","version":2,"presets":[]}')).toEqual({
      error: "version 2 is not supported (this app reads version 1)",
    });
    expect(
      parsePresetFile(
        '{"format":"mixdeck-presets","version":1,"presets":[{"kind":"recordingStart","name":" ","body":{}}]}',
      ),
    ).toEqual({ error: "presets.0.name: must not be empty" });
    expect(
      parsePresetFile(
        '{"format":"mixdeck-presets","version":1,"presets":[{"kind":"x","name":"a","body":{}}]}',
      ),
    ).toEqual({ error: "presets.0.kind: must be one of recordingStart, layout, transcodingCreate" });
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
