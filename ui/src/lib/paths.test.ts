import { describe, expect, it } from "vitest";
import { getIn, isWithin, setIn } from "./paths";

describe("paths", () => {
  it("reads nested objects and arrays by dotted path", () => {
    const body = { a: { b: [{ c: 1 }, { c: 2 }] } };
    expect(getIn(body, "a.b.1.c")).toBe(2);
    expect(getIn(body, "a.x.c")).toBeUndefined();
    expect(getIn(body, "a.b.5")).toBeUndefined();
  });

  it("writes without touching the original and creates what is missing", () => {
    const body = { a: { keep: true } };
    const next = setIn(body, "a.b.c", 5);
    expect(next).toEqual({ a: { keep: true, b: { c: 5 } } });
    expect(body).toEqual({ a: { keep: true } });
    expect(setIn({}, "list.0.x", 1)).toEqual({ list: [{ x: 1 }] });
  });

  it("removes a key when the value is undefined", () => {
    expect(setIn({ a: { b: 1, c: 2 } }, "a.b", undefined)).toEqual({ a: { c: 2 } });
    expect(setIn({ l: [1, 2, 3] }, "l.1", undefined)).toEqual({ l: [1, 3] });
  });

  it("relates paths to a prefix", () => {
    expect(isWithin("start.clientRequest.x", "start")).toBe(true);
    expect(isWithin("startx.y", "start")).toBe(false);
    expect(isWithin("start", "start")).toBe(true);
  });
});
