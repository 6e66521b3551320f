// The start form's state: the acquire options and the start body exactly as they will be sent,
// per mode, plus the few choices that are not part of any body. No React here.
import type {
  AcquireClientRequest,
  BeginRecording,
  Envelope,
  Mode,
  ProfileId,
  ProfileView,
  StartClientRequest,
  StorageConfig,
} from "../../../bindings";
import { defaultStorage } from "../../storage/defaults";

export type StartBody = Envelope<StartClientRequest>;

interface ModeParts {
  clientRequest: StartClientRequest;
  acquire: AcquireClientRequest;
}

export interface RecordingDraft {
  mode: Mode;
  start: StartBody;
  /** `startParameter` is not kept here: it is a copy of the start body, made when sending. */
  acquire: AcquireClientRequest;
  sendStartParameter: boolean;
  /** Build the bot's token from the profile's App Certificate (individual, mix). */
  generateToken: boolean;
  /** Re-send start after code 65 (Agora's advice for poor networks). */
  retryCode65: boolean;
  /** What the other modes held when the user switched away, so switching back loses nothing. */
  stash: Partial<Record<Mode, ModeParts>>;
}

export const MODES: readonly { value: Mode; label: string; summary: string }[] = [
  { value: "mix", label: "Mix", summary: "Every user composited into one file" },
  { value: "individual", label: "Individual", summary: "One set of files per user" },
  { value: "web", label: "Web page", summary: "Record a URL, optionally push to a CDN" },
];

/** Uids that SDKs rarely pick (they assign small or random 32-bit ids), so the bot does not collide. */
export function randomBotUid(avoid: readonly string[] = [], random: () => number = Math.random): string {
  for (;;) {
    const uid = String(900_000_000 + Math.floor(random() * 99_999_999));
    if (!avoid.includes(uid)) return uid;
  }
}

/** recordingConfig defaults shared by individual and mix: Agora's documented defaults. */
const RECORDING_BASE = { channelType: 0, streamTypes: 2, maxIdleTime: 30 } as const;

/** What each mode starts with: what the API requires, plus the documented defaults worth seeing. */
export function defaultParts(mode: Mode, storage: StorageConfig): ModeParts {
  switch (mode) {
    case "individual":
      return {
        acquire: {},
        clientRequest: {
          recordingConfig: {
            ...RECORDING_BASE,
            subscribeUidGroup: 0,
            streamMode: "default",
          },
          recordingFileConfig: { avFileType: ["hls"] },
          storageConfig: storage,
        },
      };
    case "mix":
      return {
        acquire: {},
        clientRequest: {
          recordingConfig: {
            ...RECORDING_BASE,
            audioProfile: 0,
            transcodingConfig: {
              width: 640,
              height: 360,
              fps: 15,
              bitrate: 500,
              mixedVideoLayout: 1,
              backgroundColor: "#000000",
            },
          },
          recordingFileConfig: { avFileType: ["hls", "mp4"] },
          storageConfig: storage,
        },
      };
    case "web":
      return {
        acquire: { scene: 1 },
        clientRequest: {
          recordingFileConfig: { avFileType: ["hls", "mp4"] },
          storageConfig: storage,
          extensionServiceConfig: {
            errorHandlePolicy: "error_abort",
            extensionServices: [
              {
                serviceName: "web_recorder_service",
                errorHandlePolicy: "error_abort",
                serviceParam: {
                  url: "https://example.com/",
                  audioProfile: 0,
                  videoWidth: 1280,
                  videoHeight: 720,
                  maxRecordingHour: 1,
                },
              },
            ],
          },
        },
      };
  }
}

export function newDraft(mode: Mode, profile: ProfileView | undefined, uid = randomBotUid()): RecordingDraft {
  const parts = defaultParts(mode, defaultStorage(profile));
  return {
    mode,
    start: { cname: "", uid, clientRequest: parts.clientRequest },
    acquire: parts.acquire,
    sendStartParameter: false,
    generateToken: hasSecret(profile, "appCertificate"),
    retryCode65: false,
    stash: {},
  };
}

export function hasSecret(profile: ProfileView | undefined, kind: ProfileView["secrets"][number]["kind"]) {
  return Boolean(profile?.secrets.find((s) => s.kind === kind)?.set);
}

/**
 * The draft in another mode: that mode's fields as the user last left them (or its defaults);
 * the channel, bot uid and storage carry over, since they mean the same in every mode.
 */
export function switchMode(draft: RecordingDraft, mode: Mode): RecordingDraft {
  if (mode === draft.mode) return draft;
  const storage = draft.start.clientRequest.storageConfig;
  const stash = {
    ...draft.stash,
    [draft.mode]: { clientRequest: draft.start.clientRequest, acquire: draft.acquire },
  };
  const target =
    draft.stash[mode] ??
    defaultParts(mode, storage ?? { vendor: 1, region: 0, bucket: "", accessKey: "", secretKey: "" });
  const clientRequest: StartClientRequest = { ...target.clientRequest };
  if (storage) clientRequest.storageConfig = storage;
  const acquire = { ...target.acquire };
  if (mode === "web") acquire.scene = 1;
  else if (acquire.scene === 1) delete acquire.scene;
  // The token belongs to the channel, not to a mode; web recording takes none.
  if (mode === "web") delete clientRequest.token;
  else if (draft.start.clientRequest.token) clientRequest.token = draft.start.clientRequest.token;
  return {
    ...draft,
    mode,
    start: { ...draft.start, clientRequest },
    acquire,
    stash,
  };
}

/** What `begin_recording` receives. */
export function toBeginRequest(draft: RecordingDraft, profileId: ProfileId): BeginRecording {
  const acquire: AcquireClientRequest = { ...draft.acquire };
  if (draft.sendStartParameter) acquire.startParameter = draft.start.clientRequest;
  const web = draft.mode === "web";
  return {
    profileId,
    mode: draft.mode,
    acquire,
    start: draft.start,
    retryCode65: draft.retryCode65,
    generateToken: !web && draft.generateToken && !draft.start.clientRequest.token,
    // Asked for only when Rust refuses with `storage.elsewhere` (a preset naming another storage).
    keysElsewhereConfirmed: false,
  };
}
