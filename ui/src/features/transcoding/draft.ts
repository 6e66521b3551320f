// The transcoding form's state: the task's instance id, `config.transcoder` exactly as it will be
// sent, and the one choice that is not part of the body. No React here.
import {
  type BeginTranscoding,
  type CreateRequest,
  type Output,
  type ProfileId,
  type TranscoderConfig,
  type TranscodingTemplate,
} from "../../bindings";

export interface TranscodingDraft {
  instanceId: string;
  transcoder: TranscoderConfig;
  /** Fill missing RTC tokens from the profile's App Certificate (inputs with uid 0). */
  generateTokens: boolean;
}

/** The lists of `config.transcoder` the form edits item by item. */
export type ListKey = "audioInputs" | "videoInputs" | "waterMarks" | "outputs";

/** Uids SDKs rarely pick, for the output's publisher. */
function randomUid(random: () => number): number {
  return 900_000_000 + Math.floor(random() * 99_999_999);
}

/** A composite of one channel onto a 1280 × 720 canvas, published to an RTC channel. */
export function newTranscodingDraft(random: () => number = Math.random): TranscodingDraft {
  return {
    instanceId: `mixdeck-${Math.floor(random() * 1_000_000)}`,
    transcoder: {
      idleTimeout: 300,
      audioInputs: [{ rtc: { rtcChannel: "", rtcUid: 0 } }],
      videoInputs: [newVideoInput(0, "")],
      canvas: { width: 1280, height: 720, color: 0 },
      outputs: [
        {
          rtc: { rtcChannel: "", rtcUid: randomUid(random) },
          audioOption: { profileType: "AUDIO_PROFILE_DEFAULT" },
          videoOption: { codec: "H264", width: 1280, height: 720, fps: 15 },
        },
      ],
    },
    generateTokens: true,
  };
}

/** A video input of `channel` placed in a 640 × 360 region, cascading from the top left. */
export function newVideoInput(index: number, channel: string) {
  const step = 40 * index;
  return {
    rtc: { rtcChannel: channel, rtcUid: 0 },
    region: { x: step, y: step, width: 640, height: 360, zOrder: 2 + index },
  };
}

export function newWaterMark(index: number) {
  return { imageUrl: "", region: { x: 20 + 20 * index, y: 20, width: 160, height: 120, zOrder: 50 } };
}

/** The RTC channel the inputs come from (they must share one). */
export function inputChannel(t: TranscoderConfig): string {
  return (
    t.audioInputs?.find((a) => a.rtc)?.rtc?.rtcChannel ??
    t.videoInputs?.find((v) => v.rtc)?.rtc?.rtcChannel ??
    ""
  );
}

/** A new item for a list, following what is there (same input channel, next region). */
export function newItem(t: TranscoderConfig, key: ListKey): unknown {
  const n = t[key]?.length ?? 0;
  switch (key) {
    case "audioInputs":
      return { rtc: { rtcChannel: inputChannel(t), rtcUid: 0 } };
    case "videoInputs":
      return newVideoInput(n, inputChannel(t));
    case "waterMarks":
      return newWaterMark(n);
    case "outputs":
      return { ...(t.outputs[0] ?? {}), rtc: undefined, streamUrl: "" };
  }
}

/** Where a task publishes: one RTC channel, or CDN URLs (the docs allow one or the other). */
export type OutputKind = "rtc" | "cdn";

export function outputKind(t: TranscoderConfig): OutputKind {
  return t.outputs.some((o) => o.streamUrl !== undefined && o.streamUrl !== null) ? "cdn" : "rtc";
}

/** The outputs switched to `kind`, keeping the first output's audio and video options. */
export function withOutputKind(
  t: TranscoderConfig,
  kind: OutputKind,
  random: () => number = Math.random,
): TranscoderConfig {
  const first: Output = t.outputs[0] ?? {};
  const options = { audioOption: first.audioOption, videoOption: first.videoOption };
  const outputs: Output[] =
    kind === "rtc"
      ? [{ rtc: { rtcChannel: "", rtcUid: randomUid(random) }, ...options }]
      : [{ streamUrl: "", ...options }];
  return { ...t, outputs };
}

/** A mode that takes one input of each kind (`single`, `heterogeneous-single`). */
export function singleInput(t: TranscoderConfig): boolean {
  return t.streamProcessMode !== undefined && t.streamProcessMode !== null;
}

/** Whether the list can take another item (single-input modes take one input of each kind). */
export function canAdd(t: TranscoderConfig, key: ListKey): boolean {
  if (key === "outputs") return outputKind(t) === "cdn";
  if (key === "waterMarks") return true;
  return !singleInput(t) || (t[key]?.length ?? 0) < 1;
}

export function createBody(d: TranscodingDraft): CreateRequest {
  return {
    services: { cloudTranscoder: { serviceType: "cloudTranscoderV2", config: { transcoder: d.transcoder } } },
  };
}

export function beginRequest(d: TranscodingDraft, profileId: ProfileId): BeginTranscoding {
  return { profileId, instanceId: d.instanceId, create: createBody(d), generateTokens: d.generateTokens };
}

/** What a preset keeps (Rust's `TranscodingTemplate`): no instance id, it names one task. */
export function templateOf(d: TranscodingDraft): TranscodingTemplate {
  return { create: createBody(d), generateTokens: d.generateTokens };
}

/** A draft from a template (or a running task's config); the instance id stays the form's. */
export function draftFromCreate(
  create: CreateRequest,
  base: TranscodingDraft,
  generateTokens = base.generateTokens,
): TranscodingDraft {
  return {
    instanceId: base.instanceId,
    transcoder: create.services.cloudTranscoder.config.transcoder,
    generateTokens,
  };
}

/** Validator paths (`services.cloudTranscoder.config.transcoder.…`) as draft paths (`transcoder.…`). */
export function draftPath(path: string): string {
  return path.replace(/^services\.cloudTranscoder\.config\.transcoder/, "transcoder");
}
