import { describe, expect, it } from "vitest";
import { errorOffset, formatJson, parseJson, keepTypedSecrets } from "./jsonText";

describe("JSON tab text", () => {
  it("round-trips a body", () => {
    const body = { cname: "a", clientRequest: { recordingConfig: { maxIdleTime: 30 } } };
    expect(parseJson(formatJson(body))).toEqual({ ok: true, value: body });
  });

  it("says on which line and column the syntax breaks", () => {
    const r = parseJson('{\n  "cname": "a",\n  "uid": 12,,\n}');
    expect(r.ok).toBe(false);
    if (!r.ok) expect([r.line, r.column]).toEqual([3, 13]);
    const trailing = parseJson('{"a": 1} x');
    if (!trailing.ok) expect([trailing.line, trailing.column]).toEqual([1, 10]);
  });

  it("finds errors inside strings, numbers and literals", () => {
    expect(errorOffset('{"a": tru}')).toBe(6);
    expect(errorOffset('{"a": 01}')).toBe(7);
    expect(errorOffset('{"a": "x')).toBe(8);
    expect(errorOffset("[1, 2]")).toBe(6);
  });
});

describe("keepTypedSecrets", () => {
  it("takes back what the user typed where Rust's reading is redacted, nothing else", () => {
    const typed = {
      token: "007typed",
      outputs: [{ rtmpUrl: "rtmp://cdn.example/live/sk-1" }],
      cname: "room",
      n: 3,
    };
    const read = {
      token: "<redacted>",
      outputs: [{ rtmpUrl: "rtmp://cdn.example/live/<redacted>" }],
      cname: "room-normalized",
      n: 3,
      added: "<redacted>",
    };
    expect(keepTypedSecrets(read, typed)).toEqual({
      token: "007typed",
      outputs: [{ rtmpUrl: "rtmp://cdn.example/live/sk-1" }],
      cname: "room-normalized",
      n: 3,
      added: "<redacted>",
    });
  });

  it("keeps a redaction the user pasted (from history) as it is", () => {
    expect(keepTypedSecrets({ token: "<redacted>" }, { token: "<redacted>" })).toEqual({
      token: "<redacted>",
    });
  });
});
