// What the transcoding form shows: fixed sections, and per-item fields for each list of
// `config.transcoder` (inputs, watermarks, outputs). Ranges and notes come from Rust's
// transcoding tables, by draft path (`transcoder.videoInputs.*.region.x`).
import { TRANSCODING_FIELD_LIMITS, TRANSCODING_FIELD_NOTES } from "../../bindings";
import type { SectionSpec } from "../../components/form/FormSection";
import type { FieldSpec as Spec, Limits, Notes } from "../../components/form/spec";
import { getIn } from "../../lib/paths";
import { type ListKey, type TranscodingDraft, outputKind } from "./draft";

/** The form's own widgets: pick an item's source (RTC or a stream URL), pick the output kind. */
export type TranscodingWidget = "source" | "canvasSize";

export type FieldSpec = Spec<TranscodingDraft, TranscodingWidget>;

export const LIMITS: Limits = TRANSCODING_FIELD_LIMITS;
export const NOTES: Notes = TRANSCODING_FIELD_NOTES;

const T = "transcoder";

export const TASK: SectionSpec<FieldSpec> = {
  id: "task",
  title: "Task",
  summary: "Its instance id, when it ends by itself, and whether it mixes.",
  fields: [
    { kind: "text", path: "instanceId", label: "Instance id" },
    { kind: "number", path: `${T}.idleTimeout`, label: "Idle timeout (s)" },
    {
      kind: "code",
      table: "streamProcessMode",
      path: `${T}.streamProcessMode`,
      label: "Stream process mode",
      optional: true,
    },
    { kind: "bool", path: "generateTokens", label: "Generate tokens from the App Certificate" },
  ],
};

export const CANVAS: SectionSpec<FieldSpec> = {
  id: "canvas",
  title: "Canvas",
  summary: "The picture the video inputs and watermarks are placed on.",
  fields: [
    { kind: "custom", widget: "canvasSize", path: `${T}.canvas`, label: "Size" },
    { kind: "number", path: `${T}.canvas.width`, label: "Width (px)" },
    { kind: "number", path: `${T}.canvas.height`, label: "Height (px)" },
    { kind: "rgb", path: `${T}.canvas.color`, label: "Background colour" },
    {
      kind: "text",
      path: `${T}.canvas.backgroundImage`,
      label: "Background image URL",
      placeholder: "https://…/bg.png",
    },
    { kind: "code", table: "fillMode", path: `${T}.canvas.fillMode`, label: "Image fill", optional: true },
  ],
};

const isRtc = (base: string) => (d: TranscodingDraft) => getIn(d, `${base}.rtc`) !== undefined;
const isUrl = (base: string) => (d: TranscodingDraft) => !isRtc(base)(d);
const typingTokens = (d: TranscodingDraft) => !d.generateTokens;

function rtcFields(base: string, uidLabel: string): FieldSpec[] {
  const rtc = isRtc(base);
  return [
    { kind: "text", path: `${base}.rtc.rtcChannel`, label: "Channel", when: rtc },
    { kind: "number", path: `${base}.rtc.rtcUid`, label: uidLabel, when: rtc },
    {
      kind: "text",
      path: `${base}.rtc.rtcToken`,
      label: "RTC token",
      secret: true,
      when: (d) => rtc(d) && typingTokens(d),
    },
  ];
}

function regionFields(base: string): FieldSpec[] {
  const r = `${base}.region`;
  return [
    { kind: "number", path: `${r}.x`, label: "x (px)" },
    { kind: "number", path: `${r}.y`, label: "y (px)" },
    { kind: "number", path: `${r}.width`, label: "Width (px)" },
    { kind: "number", path: `${r}.height`, label: "Height (px)" },
    { kind: "number", path: `${r}.zOrder`, label: "zOrder" },
  ];
}

/** The fields of item `i` of a list. */
export function itemFields(key: ListKey, i: number): FieldSpec[] {
  const base = `${T}.${key}.${i}`;
  switch (key) {
    case "audioInputs":
      return [
        { kind: "custom", widget: "source", path: base, label: "Source" },
        ...rtcFields(base, "Uid (0 = the whole channel)"),
        { kind: "text", path: `${base}.streamUrl`, label: "Stream URL", when: isUrl(base) },
        { kind: "number", path: `${base}.volume`, label: "Volume", when: isUrl(base) },
        { kind: "number", path: `${base}.repeat`, label: "Repeat", when: isUrl(base) },
      ];
    case "videoInputs":
      return [
        { kind: "custom", widget: "source", path: base, label: "Source" },
        ...rtcFields(base, "Uid"),
        { kind: "text", path: `${base}.streamUrl`, label: "Stream URL", when: isUrl(base) },
        { kind: "number", path: `${base}.repeat`, label: "Repeat", when: isUrl(base) },
        { kind: "text", path: `${base}.placeholderImageUrl`, label: "Placeholder image URL" },
        ...regionFields(base),
      ];
    case "waterMarks":
      return [
        { kind: "text", path: `${base}.imageUrl`, label: "Image URL", placeholder: "https://…/logo.png" },
        { kind: "code", table: "fillMode", path: `${base}.fillMode`, label: "Fill", optional: true },
        ...regionFields(base),
      ];
    case "outputs": {
      const cdn = (d: TranscodingDraft) => outputKind(d.transcoder) === "cdn";
      const v = `${base}.videoOption`;
      return [
        ...rtcFields(base, "Publisher uid"),
        { kind: "text", path: `${base}.streamUrl`, label: "CDN URL", placeholder: "rtmp://…", when: cdn },
        {
          kind: "code",
          table: "audioProfileType",
          path: `${base}.audioOption.profileType`,
          label: "Audio profile",
          optional: true,
        },
        { kind: "code", table: "videoCodec", path: `${v}.codec`, label: "Video codec", optional: true },
        { kind: "number", path: `${v}.width`, label: "Width (px)" },
        { kind: "number", path: `${v}.height`, label: "Height (px)" },
        { kind: "number", path: `${v}.fps`, label: "Frame rate" },
        { kind: "number", path: `${v}.bitrate`, label: "Bitrate (Kbps)" },
        { kind: "code", table: "videoMode", path: `${v}.mode`, label: "Video mode", optional: true },
        { kind: "bool", path: `${v}.lowBitrateHighQuality`, label: "Low bitrate, high quality" },
      ];
    }
  }
}

export const LISTS: readonly { key: ListKey; title: string; summary: string; item: string }[] = [
  {
    key: "audioInputs",
    title: "Audio inputs",
    summary: "Mixed together; RTC or a stream URL.",
    item: "Audio input",
  },
  {
    key: "videoInputs",
    title: "Video inputs",
    summary: "Each in its region of the canvas.",
    item: "Video input",
  },
  { key: "waterMarks", title: "Watermarks", summary: "Images over the canvas.", item: "Watermark" },
  { key: "outputs", title: "Output", summary: "One RTC channel, or CDN URLs.", item: "Output" },
];

/** The visible fields of item `i` (those whose `when` holds). */
export function visibleItemFields(d: TranscodingDraft, key: ListKey, i: number): FieldSpec[] {
  return itemFields(key, i).filter((f) => !f.when || f.when(d));
}
