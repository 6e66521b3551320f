import { describe, expect, it } from "vitest";
import { hexToRgb, rgbToHex } from "../../components/form/FieldControl";
import {
  beginRequest,
  canAdd,
  draftFromCreate,
  draftPath,
  newItem,
  newTranscodingDraft,
  outputKind,
  templateOf,
  withOutputKind,
} from "./draft";
import { findingsByPath, payloadsToCheck } from "./validation";

const seeded = () => {
  let n = 0;
  return () => ((n = (n * 9301 + 49297) % 233280), n / 233280);
};

describe("transcoding draft", () => {
  it("sends the canvas colour as the decimal RGB integer Agora wants", () => {
    expect(hexToRgb("#0000FF")).toBe(255);
    expect(hexToRgb("#ffffff")).toBe(16_777_215);
    expect(hexToRgb("#12")).toBeUndefined();
    expect(rgbToHex(255)).toBe("#0000FF");
    expect(rgbToHex(0)).toBe("#000000");
  });

  it("builds the create body and begin request around config.transcoder", () => {
    const d = newTranscodingDraft(seeded());
    const begin = beginRequest(d, 3);
    expect(begin.profileId).toBe(3);
    expect(begin.instanceId).toBe(d.instanceId);
    expect(begin.create.services.cloudTranscoder.serviceType).toBe("cloudTranscoderV2");
    expect(begin.create.services.cloudTranscoder.config.transcoder).toBe(d.transcoder);
    expect(payloadsToCheck(d).map((p) => p.kind)).toEqual(["transcodingBuilderToken", "transcodingCreate"]);
  });

  it("publishes to one RTC channel or to CDN URLs, never both", () => {
    const d = newTranscodingDraft(seeded());
    expect(outputKind(d.transcoder)).toBe("rtc");
    expect(canAdd(d.transcoder, "outputs")).toBe(false);
    const cdn = withOutputKind(d.transcoder, "cdn");
    expect(outputKind(cdn)).toBe("cdn");
    expect(cdn.outputs).toEqual([
      {
        streamUrl: "",
        audioOption: d.transcoder.outputs[0]?.audioOption,
        videoOption: d.transcoder.outputs[0]?.videoOption,
      },
    ]);
    expect(canAdd(cdn, "outputs")).toBe(true);
    const second = newItem(cdn, "outputs") as { rtc?: unknown; streamUrl?: string };
    expect(second.rtc).toBeUndefined();
    expect(second.streamUrl).toBe("");
    const back = withOutputKind(cdn, "rtc", seeded());
    expect(back.outputs).toHaveLength(1);
    expect(back.outputs[0]?.streamUrl).toBeUndefined();
    expect(back.outputs[0]?.rtc?.rtcUid).toBeGreaterThan(0);
  });

  it("single-input modes take one input of each kind", () => {
    const d = newTranscodingDraft(seeded());
    expect(canAdd(d.transcoder, "videoInputs")).toBe(true);
    const single = { ...d.transcoder, streamProcessMode: "single" as const };
    expect(canAdd(single, "videoInputs")).toBe(false);
    expect(canAdd(single, "audioInputs")).toBe(false);
    expect(canAdd({ ...single, audioInputs: [] }, "audioInputs")).toBe(true);
    expect(canAdd(single, "waterMarks")).toBe(true);
  });

  it("new video inputs share the input channel and cascade on the canvas", () => {
    const d = newTranscodingDraft(seeded());
    const t = { ...d.transcoder, audioInputs: [{ rtc: { rtcChannel: "show", rtcUid: 0 } }] };
    const next = newItem(t, "videoInputs") as {
      rtc: { rtcChannel: string };
      region: { x: number; zOrder: number };
    };
    expect(next.rtc.rtcChannel).toBe("show");
    expect(next.region).toMatchObject({ x: 40, zOrder: 3 });
  });

  it("a template keeps the body and the token choice, not the instance id", () => {
    const d = newTranscodingDraft(seeded());
    const t = templateOf(d);
    expect(t).not.toHaveProperty("instanceId");
    const other = { ...newTranscodingDraft(seeded()), instanceId: "mine" };
    const back = draftFromCreate(t.create, other, t.generateTokens);
    expect(back.instanceId).toBe("mine");
    expect(back.transcoder).toEqual(d.transcoder);
  });

  it("puts the validator's findings under the draft's fields", () => {
    expect(draftPath("services.cloudTranscoder.config.transcoder.canvas.width")).toBe(
      "transcoder.canvas.width",
    );
    const f = findingsByPath([
      {
        path: "services.cloudTranscoder.config.transcoder.videoInputs.0.region.x",
        message: "too far",
        severity: "error",
      },
      { path: "instanceId", message: "bad", severity: "error" },
      { path: "services.cloudTranscoder.config.transcoder.canvas", message: "odd", severity: "warning" },
    ]);
    expect(f.errors).toEqual({ "transcoder.videoInputs.0.region.x": "too far", instanceId: "bad" });
    expect(f.warnings).toEqual({ "transcoder.canvas": "odd" });
  });
});
