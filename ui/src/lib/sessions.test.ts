import { describe, expect, it } from "vitest";
import type { SessionRow } from "../bindings";
import { upsert } from "./sessions";

const r = (id: number, createdAt: number, state: SessionRow["state"] = "started", updatedAt = createdAt) =>
  ({ id, createdAt, state, updatedAt }) as SessionRow;

describe("session cache", () => {
  it("replaces a known row and adds a new one, newest first", () => {
    const rows = [r(2, 20), r(1, 10)];
    expect(upsert(rows, r(1, 10, "stopped", 11)).map((x) => [x.id, x.state])).toEqual([
      [2, "started"],
      [1, "stopped"],
    ]);
    expect(upsert(rows, r(3, 30)).map((x) => x.id)).toEqual([3, 2, 1]);
    expect(upsert(undefined, r(1, 1)).map((x) => x.id)).toEqual([1]);
    expect(upsert([r(1, 10, "stopped", 50)], r(1, 10, "started", 40))[0]?.state).toBe("stopped");
  });
});
