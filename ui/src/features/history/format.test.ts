import { describe, expect, it } from "vitest";
import { sessionRow } from "../../testing/sessions";
import { formatChange, formatDuration, prettyJson, sessionDuration } from "./format";

describe("history formatting", () => {
  it("words durations at every scale", () => {
    expect(formatDuration(45_000)).toBe("45 s");
    expect(formatDuration(12 * 60_000 + 10_000)).toBe("12 min");
    expect(formatDuration(2 * 3_600_000 + 5 * 60_000)).toBe("2 h 05 min");
    expect(formatDuration(76 * 3_600_000)).toBe("3 d 4 h");
  });

  it("measures a session until it ended, or until now while it may run", () => {
    expect(sessionDuration(sessionRow({ startedAt: 1_000, endedAt: 61_000, state: "stopped" }), 99_000)).toBe(
      60_000,
    );
    expect(sessionDuration(sessionRow({ startedAt: 1_000, endedAt: null }), 11_000)).toBe(10_000);
    expect(sessionDuration(sessionRow({ startedAt: null, state: "failed" }), 11_000)).toBeNull();
  });

  it("words a change between two poll answers", () => {
    expect(formatChange({ path: "serverResponse.status", before: "4", after: "5" })).toBe(
      "serverResponse.status: 4 → 5",
    );
    expect(formatChange({ path: "fileList[0]", before: null, after: '{"fileName":"a.m3u8"}' })).toBe(
      'fileList[0]: added {"fileName":"a.m3u8"}',
    );
    expect(formatChange({ path: "x", before: "1", after: null })).toBe("x: removed (was 1)");
  });

  it("pretty-prints JSON answers and keeps other text", () => {
    expect(prettyJson('{"a":1}')).toBe('{\n  "a": 1\n}');
    expect(prettyJson("<12 bytes, not JSON>")).toBe("<12 bytes, not JSON>");
  });
});
