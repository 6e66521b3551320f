// What the start form shows: sections of fields, each bound to a path in the draft, with the
// modes that accept it and the documented range as its hint. The form renders these specs; the
// tests check them against each mode. Labels of numeric codes come from the backend's tables.
import { type Mode, RECORDING_FIELD_LIMITS, RECORDING_FIELD_NOTES } from "../../../bindings";
import type { SectionSpec as SharedSection } from "../../../components/form/FormSection";
import { type FieldSpec as Spec, type Limits, type Notes, fieldOwns } from "../../../components/form/spec";
import { getIn } from "../../../lib/paths";
import type { RecordingDraft } from "./draft";

const WEB_PARAM = "start.clientRequest.extensionServiceConfig.extensionServices.0.serviceParam";
const RC = "start.clientRequest.recordingConfig";
const TC = `${RC}.transcodingConfig`;
const SC = "start.clientRequest.storageConfig";

/** The start form's own widgets (one component each, see `CustomWidget`). */
export type RecordingWidget =
  | "botUid"
  | "token"
  | "resolution"
  | "editLayout"
  | "avFileType"
  | "storageLocation"
  | "storageKeys"
  | "fileNamePrefix"
  | "cdnPush";

/** A start-form field: it may be limited to some modes. */
export type FieldSpec = Spec<RecordingDraft, RecordingWidget, { modes?: readonly Mode[] }>;

/** A section of the start form, shown in the modes it lists. */
export type SectionSpec = SharedSection<FieldSpec> & { modes: readonly Mode[] };

/** Rust's tables for the start form, by draft path. */
export const LIMITS: Limits = RECORDING_FIELD_LIMITS;
export const NOTES: Notes = RECORDING_FIELD_NOTES;

const decrypting = (d: RecordingDraft) => Number(getIn(d, `${RC}.decryptionMode`) ?? 0) !== 0;
const salted = (d: RecordingDraft) => [7, 8].includes(Number(getIn(d, `${RC}.decryptionMode`) ?? 0));

export const SECTIONS: readonly SectionSpec[] = [
  {
    id: "channel",
    title: "Channel",
    summary: "Which channel to record and the recording bot's identity in it.",
    modes: ["individual", "mix", "web"],
    fields: [
      {
        kind: "text",
        path: "start.cname",
        label: "Channel name",
        placeholder: "e.g. class-42",
      },
      { kind: "custom", widget: "botUid", path: "start.uid", label: "Bot uid" },
      {
        kind: "custom",
        widget: "token",
        path: "start.clientRequest.token",
        label: "Token",
        modes: ["individual", "mix"],
      },
    ],
  },
  {
    id: "recordingConfig",
    title: "What to record",
    summary: "Streams, subscriptions and when to give up on an empty channel.",
    modes: ["individual", "mix"],
    fields: [
      {
        kind: "code",
        table: "channelType",
        path: `${RC}.channelType`,
        label: "Channel type",
      },
      {
        kind: "code",
        table: "streamTypes",
        path: `${RC}.streamTypes`,
        label: "Stream types",
      },
      {
        kind: "number",
        path: `${RC}.maxIdleTime`,
        label: "Max idle time (s)",
      },
      {
        kind: "code",
        table: "videoStreamType",
        path: `${RC}.videoStreamType`,
        label: "Video stream",
        optional: true,
      },
      {
        kind: "code",
        table: "subscribeUidGroup",
        path: `${RC}.subscribeUidGroup`,
        label: "Expected peak uids",
        modes: ["individual"],
      },
      {
        kind: "code",
        table: "streamMode",
        path: `${RC}.streamMode`,
        label: "Stream mode",
        modes: ["individual"],
        optional: true,
      },
      {
        kind: "code",
        table: "audioProfile",
        path: `${RC}.audioProfile`,
        label: "Audio profile",
        modes: ["mix"],
        optional: true,
      },
      {
        kind: "uids",
        allowAll: true,
        path: `${RC}.subscribeAudioUids`,
        label: "Subscribe audio uids",
      },
      {
        kind: "uids",
        path: `${RC}.unSubscribeAudioUids`,
        label: "Unsubscribe audio uids",
      },
      {
        kind: "uids",
        allowAll: true,
        path: `${RC}.subscribeVideoUids`,
        label: "Subscribe video uids",
      },
      { kind: "uids", path: `${RC}.unSubscribeVideoUids`, label: "Unsubscribe video uids" },
      {
        kind: "code",
        table: "decryptionMode",
        path: `${RC}.decryptionMode`,
        label: "Decryption",
        optional: true,
      },
      {
        kind: "text",
        secret: true,
        path: `${RC}.secret`,
        label: "Decryption key",
        when: decrypting,
      },
      {
        kind: "text",
        secret: true,
        path: `${RC}.salt`,
        label: "Salt",
        when: salted,
      },
    ],
  },
  {
    id: "transcodingConfig",
    title: "Composite video",
    summary: "Size, frame rate, bitrate and layout of the mixed video.",
    modes: ["mix"],
    fields: [
      { kind: "custom", widget: "resolution", path: TC, label: "Resolution" },
      {
        kind: "number",
        path: `${TC}.width`,
        label: "Width (px)",
      },
      { kind: "number", path: `${TC}.height`, label: "Height (px)" },
      { kind: "number", path: `${TC}.fps`, label: "Frame rate" },
      {
        kind: "number",
        path: `${TC}.bitrate`,
        label: "Bitrate (Kbps)",
      },
      {
        kind: "code",
        table: "mixedVideoLayout",
        path: `${TC}.mixedVideoLayout`,
        label: "Layout",
      },
      {
        kind: "text",
        path: `${TC}.maxResolutionUid`,
        label: "Big window uid",
        when: (d) => getIn(d, `${TC}.mixedVideoLayout`) === 2,
      },
      { kind: "custom", widget: "editLayout", path: `${TC}.layoutConfig`, label: "Custom layout" },
      {
        kind: "color",
        path: `${TC}.backgroundColor`,
        label: "Background colour",
      },
      {
        kind: "text",
        path: `${TC}.backgroundImage`,
        label: "Background image URL",
        placeholder: "https://…/bg.jpg",
      },
      {
        kind: "text",
        path: `${TC}.defaultUserBackgroundImage`,
        label: "Default user background URL",
      },
    ],
  },
  {
    id: "webRecorder",
    title: "Web page",
    summary: "The page to record and how to render it.",
    modes: ["web"],
    fields: [
      { kind: "text", path: `${WEB_PARAM}.url`, label: "Page URL", placeholder: "https://…" },
      { kind: "custom", widget: "resolution", path: WEB_PARAM, label: "Resolution" },
      {
        kind: "number",
        path: `${WEB_PARAM}.videoWidth`,
        label: "Width (px)",
      },
      { kind: "number", path: `${WEB_PARAM}.videoHeight`, label: "Height (px)" },
      {
        kind: "number",
        path: `${WEB_PARAM}.videoBitrate`,
        label: "Bitrate (Kbps)",
      },
      {
        kind: "number",
        path: `${WEB_PARAM}.videoFps`,
        label: "Frame rate",
      },
      { kind: "code", table: "audioProfile", path: `${WEB_PARAM}.audioProfile`, label: "Audio profile" },
      {
        kind: "number",
        path: `${WEB_PARAM}.maxRecordingHour`,
        label: "Max recording hours",
      },
      {
        kind: "number",
        path: `${WEB_PARAM}.maxVideoDuration`,
        label: "MP4 slice (min)",
      },
      {
        kind: "number",
        path: `${WEB_PARAM}.readyTimeout`,
        label: "Ready timeout (s)",
      },
      {
        kind: "bool",
        path: `${WEB_PARAM}.onhold`,
        label: "Start on hold",
      },
      { kind: "bool", path: `${WEB_PARAM}.mobile`, label: "Mobile rendering" },
      {
        kind: "custom",
        widget: "cdnPush",
        path: "start.clientRequest.extensionServiceConfig.extensionServices",
        label: "Push to CDN",
      },
    ],
  },
  {
    id: "recordingFileConfig",
    title: "Files",
    summary: "Which file formats to write.",
    modes: ["individual", "mix", "web"],
    optional: {
      path: "start.clientRequest.recordingFileConfig",
      label: "Record audio/video files",
      create: () => ({ avFileType: ["hls"] }),
    },
    fields: [
      {
        kind: "custom",
        widget: "avFileType",
        path: "start.clientRequest.recordingFileConfig.avFileType",
        label: "Formats",
      },
    ],
  },
  {
    id: "snapshotConfig",
    title: "Snapshots",
    summary: "JPG screenshots of each user's video at an interval.",
    modes: ["individual"],
    optional: {
      path: "start.clientRequest.snapshotConfig",
      label: "Take snapshots",
      create: () => ({ captureInterval: 10, fileType: ["jpg"] }),
    },
    fields: [
      {
        kind: "number",
        path: "start.clientRequest.snapshotConfig.captureInterval",
        label: "Interval (s)",
      },
    ],
  },
  {
    id: "storageConfig",
    title: "Storage",
    summary: "Where Agora uploads the files.",
    modes: ["individual", "mix", "web"],
    fields: [
      {
        kind: "custom",
        widget: "storageLocation",
        path: `${SC}.vendor`,
        also: [`${SC}.region`],
        label: "Vendor and region",
      },
      { kind: "text", path: `${SC}.bucket`, label: "Bucket" },
      {
        kind: "custom",
        widget: "storageKeys",
        path: `${SC}.accessKey`,
        also: [`${SC}.secretKey`],
        label: "Keys",
      },
      { kind: "custom", widget: "fileNamePrefix", path: `${SC}.fileNamePrefix`, label: "File name prefix" },
      {
        kind: "text",
        secret: true,
        path: `${SC}.stsToken`,
        label: "STS token",
      },
      { kind: "number", path: `${SC}.stsExpiration`, label: "STS expiration (Unix s)" },
      { kind: "text", path: `${SC}.extensionParams.tag`, label: "Tag" },
      {
        kind: "text",
        path: `${SC}.extensionParams.endpoint`,
        label: "Endpoint",
        when: (d) => getIn(d, `${SC}.vendor`) === 11,
      },
    ],
  },
  {
    id: "acquire",
    title: "Acquire options",
    summary: "Where the recording service runs and how long its resource lives.",
    modes: ["individual", "mix", "web"],
    fields: [
      {
        kind: "code",
        table: "acquireRegion",
        path: "acquire.region",
        label: "Service region",
        optional: true,
      },
      {
        kind: "number",
        path: "acquire.resourceExpiredHour",
        label: "Resource lifetime (h)",
      },
      {
        kind: "list",
        path: "acquire.excludeResourceIds",
        label: "Avoid regions of",
        placeholder: "resourceId",
      },
      {
        kind: "bool",
        path: "sendStartParameter",
        label: "Send startParameter",
      },
      {
        kind: "bool",
        path: "retryCode65",
        label: "Retry start on code 65",
      },
    ],
  },
];

/** The sections a mode shows, each with only the fields that mode accepts and that apply now. */
export function visibleSections(draft: RecordingDraft): { section: SectionSpec; fields: FieldSpec[] }[] {
  return SECTIONS.filter((s) => s.modes.includes(draft.mode)).map((section) => ({
    section,
    fields: section.fields.filter(
      (f) => (!f.modes || f.modes.includes(draft.mode)) && (!f.when || f.when(draft)),
    ),
  }));
}

/** Errors no visible field shows: listed above the Start button, so none is ever hidden. */
export function unplacedErrors(draft: RecordingDraft, errors: Record<string, string>): [string, string][] {
  const fields = visibleSections(draft).flatMap((v) => v.fields);
  return Object.entries(errors).filter(([path]) => !fields.some((f) => fieldOwns(f, path)));
}
