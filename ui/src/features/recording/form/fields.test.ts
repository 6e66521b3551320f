import { describe, expect, it } from "vitest";
import { type Mode, RECORDING_FIELD_NOTES } from "../../../bindings";
import { setIn } from "../../../lib/paths";
import { newDraft } from "./draft";
import {
  errorFor,
  hintOf as sharedHint,
  limitOf as sharedLimit,
  limitText,
} from "../../../components/form/spec";
import { type FieldSpec, LIMITS, NOTES, SECTIONS, unplacedErrors, visibleSections } from "./fields";

const limitOf = (path: string) => sharedLimit(path, LIMITS);
const hintOf = (spec: FieldSpec) => sharedHint(spec, LIMITS, NOTES);

const paths = (mode: Mode) =>
  visibleSections(newDraft(mode, undefined)).flatMap((v) => v.fields.map((f) => f.path));
const sections = (mode: Mode) => visibleSections(newDraft(mode, undefined)).map((v) => v.section.id);

describe("field visibility per mode", () => {
  it("mix shows the composite but no snapshots or web page", () => {
    expect(sections("mix")).toEqual([
      "channel",
      "recordingConfig",
      "transcodingConfig",
      "recordingFileConfig",
      "storageConfig",
      "acquire",
    ]);
    expect(paths("mix")).toContain("start.clientRequest.recordingConfig.audioProfile");
    expect(paths("mix")).not.toContain("start.clientRequest.recordingConfig.subscribeUidGroup");
  });

  it("individual shows snapshots, subscribeUidGroup and streamMode, no composite", () => {
    expect(sections("individual")).toContain("snapshotConfig");
    expect(sections("individual")).not.toContain("transcodingConfig");
    expect(paths("individual")).toContain("start.clientRequest.recordingConfig.subscribeUidGroup");
    expect(paths("individual")).toContain("start.clientRequest.recordingConfig.streamMode");
    expect(paths("individual")).not.toContain("start.clientRequest.recordingConfig.audioProfile");
  });

  it("web shows the page and no token or recordingConfig", () => {
    expect(sections("web")).toEqual([
      "channel",
      "webRecorder",
      "recordingFileConfig",
      "storageConfig",
      "acquire",
    ]);
    expect(paths("web")).not.toContain("start.clientRequest.token");
    expect(paths("web").some((p) => p.includes("recordingConfig"))).toBe(false);
  });

  it("shows dependent fields only when they apply", () => {
    let d = newDraft("mix", undefined);
    const has = (p: string) => visibleSections(d).some((v) => v.fields.some((f) => f.path.endsWith(p)));
    expect(has("recordingConfig.secret")).toBe(false);
    expect(has("maxResolutionUid")).toBe(false);
    d = setIn(d, "start.clientRequest.recordingConfig.decryptionMode", 7);
    d = setIn(d, "start.clientRequest.recordingConfig.transcodingConfig.mixedVideoLayout", 2);
    expect(has("recordingConfig.secret")).toBe(true);
    expect(has("recordingConfig.salt")).toBe(true);
    expect(has("maxResolutionUid")).toBe(true);
  });

  it("puts every error under a field, or in the list when no visible field shows it", () => {
    const d = newDraft("mix", undefined);
    const errors = {
      "start.clientRequest.storageConfig.region": "must be one of …",
      "start.clientRequest.recordingConfig.transcodingConfig.layoutConfig.3.x_axis": "must be in [0, 1]",
      "start.clientRequest.snapshotConfig": "is not accepted in mix mode",
    };
    const location = visibleSections(d)
      .flatMap((v) => v.fields)
      .find((f) => f.path === "start.clientRequest.storageConfig.vendor");
    expect(location && errorFor(location, errors)).toContain("must be one of");
    expect(unplacedErrors(d, errors)).toEqual([
      ["start.clientRequest.snapshotConfig", "is not accepted in mix mode"],
    ]);
  });
});

describe("number fields take their range from Rust", () => {
  const spec = (path: string) => {
    const found = SECTIONS.flatMap((s) => s.fields).find((f) => f.path === path);
    if (!found) throw new Error(`no field at ${path}`);
    return found;
  };
  const RC = "start.clientRequest.recordingConfig";

  it("leads the hint with the documented range and default", () => {
    const idle = limitOf(`${RC}.maxIdleTime`);
    if (!idle) throw new Error("maxIdleTime has no limit");
    expect(hintOf(spec(`${RC}.maxIdleTime`))).toBe(
      `${idle.min}–${idle.max}; default ${idle.default}. Stops after this long with nobody in the channel.`,
    );
    // The composite frame rate has no documented range, only a default.
    expect(limitText(limitOf(`${RC}.transcodingConfig.fps`))).toBe("default 15");
    expect(limitText({ min: 1, max: null, default: null })).toBe("at least 1");
    expect(limitText(undefined)).toBeUndefined();
  });

  it("every number field of the form has a limit in Rust's table", () => {
    const numbers = SECTIONS.flatMap((s) => s.fields).filter((f) => f.kind === "number");
    expect(numbers.length).toBeGreaterThan(10);
    expect(numbers.filter((f) => limitOf(f.path) === undefined).map((f) => f.path)).toEqual([]);
  });

  it("every note Rust writes belongs to a field the form shows", () => {
    const paths = new Set(SECTIONS.flatMap((s) => s.fields).map((f) => f.path));
    expect(Object.keys(RECORDING_FIELD_NOTES).filter((p) => !paths.has(p))).toEqual([]);
    expect(hintOf(spec(`${RC}.transcodingConfig.width`))).toContain(
      RECORDING_FIELD_NOTES[`${RC}.transcodingConfig.width`],
    );
  });
});
