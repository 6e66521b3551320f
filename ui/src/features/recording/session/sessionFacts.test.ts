import { describe, expect, it } from "vitest";
import { sessionRow } from "../../../testing/sessions";
import {
  describeMayBeRecording,
  describeStatus,
  describeUpload,
  formatCountdown,
  formatElapsed,
  formatSeconds,
  resourceDeadline,
} from "./sessionFacts";

const row = sessionRow;

describe("session facts", () => {
  it("says Agora's status as Rust labels it, or that there is none yet", () => {
    const status = { code: 5, name: null, label: "in progress (first file uploaded)", documented: true };
    expect(describeStatus(row({ agoraStatus: status }))).toBe("in progress (first file uploaded)");
    expect(describeStatus(row({}))).toBe("no status yet");
  });

  it("words the resource deadline Rust computed", () => {
    expect(resourceDeadline(row({ resourceDeadline: { atMs: 301_000, kind: "startBy" } }))).toEqual({
      at: 301_000,
      what: "start must use it within",
    });
    expect(resourceDeadline(row({}))?.what).toBe("REST calls work for");
    expect(resourceDeadline(row({ resourceDeadline: null }))).toBeNull();
    expect(formatCountdown(-1)).toBe("expired");
    expect(formatCountdown(45_000)).toBe("45 s");
    expect(formatCountdown(3 * 60_000)).toBe("3 min");
    expect(formatCountdown(72 * 3_600_000)).toBe("72 h");
  });

  it("formats elapsed time", () => {
    expect(formatElapsed(65_000)).toBe("1:05");
    expect(formatElapsed(3_723_000)).toBe("1:02:03");
  });

  it("explains stop's upload status", () => {
    expect(describeUpload("backuped")).toContain("move to your storage on their own");
    expect(describeUpload(null)).toBeNull();
  });
});

describe("may be recording", () => {
  const info = {
    reason: "Mixdeck stopped while start was in flight: it may be recording.",
    resourceId: "RID-1",
    stoppable: false,
    idleEndSeconds: 300,
    endsByMs: null,
    apiUntilMs: 2_000_000,
  };

  it("says what limits it: resource, stoppable, idle end, API deadline", () => {
    const lines = describeMayBeRecording(info, 1_000_000);
    expect(lines[0]).toContain("RID-1");
    expect(lines[1]).toContain("cannot be stopped from here");
    expect(lines[2]).toBe("Agora ends it by itself 5 min after everyone has left the channel.");
    expect(lines[3]).toContain("Agora answers for it until");
    expect(describeMayBeRecording({ ...info, stoppable: true }, 3_000_000)[1]).toBe(
      "Its id is known: stop it from here.",
    );
    expect(describeMayBeRecording(info, 3_000_000)[3]).toContain("no longer answers");
  });

  it("formats durations", () => {
    expect([30, 300, 7500, 7200, 3599, 7170].map(formatSeconds)).toEqual([
      "30 s",
      "5 min",
      "2 h 5 min",
      "2 h",
      "1 h",
      "2 h",
    ]);
  });
});
