import type { SessionRow } from "../bindings";

/** A running mix recording's row (Sandbox profile); override what a test is about. */
export function sessionRow(over: Partial<SessionRow> = {}): SessionRow {
  return {
    id: 1,
    profileId: 1,
    profileName: "Sandbox",
    kind: "recording",
    mode: "mix",
    cname: "room",
    uid: "9",
    resourceId: "R",
    sid: "S",
    taskId: null,
    builderTokenLast4: null,
    sequenceId: null,
    state: "started",
    lastStatus: null,
    files: [],
    fileNotes: [],
    config: {
      kind: "recording",
      acquire: { cname: "room", uid: "9", clientRequest: {} },
      start: { cname: "room", uid: "9", clientRequest: {} },
    },
    error: null,
    createdAt: 1_000,
    startedAt: 2_000,
    endedAt: null,
    updatedAt: 2_000,
    mayBeRecording: null,
    isOpen: !["stopped", "ended", "failed"].includes(over.state ?? "started"),
    agoraStatus: null,
    webOnhold: null,
    resourceDeadline: { atMs: 2_000 + 72 * 3_600_000, kind: "apiUntil" },
    ...over,
  };
}
