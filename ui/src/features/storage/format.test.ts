import { describe, expect, it } from "vitest";
import { PRESIGN_MAX_S } from "../../bindings";
import { LINK_EXPIRIES, formatOffset, formatSize } from "./format";

describe("storage formatting", () => {
  it("writes sizes and offsets the way the file list shows them", () => {
    expect(formatSize(512)).toBe("512 B");
    expect(formatSize(38_916)).toBe("39 kB");
    expect(formatSize(2_345_678)).toBe("2.3 MB");
    expect(formatOffset(0)).toBe("0:00");
    expect(formatOffset(125.7)).toBe("2:05");
  });

  it("offers link lifetimes up to the longest a signature allows", () => {
    expect(LINK_EXPIRIES.at(-1)?.seconds).toBe(PRESIGN_MAX_S);
    expect(LINK_EXPIRIES.every((e) => e.seconds <= PRESIGN_MAX_S)).toBe(true);
  });
});
