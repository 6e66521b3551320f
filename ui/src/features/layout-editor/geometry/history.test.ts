import { describe, expect, it } from "vitest";
import { canRedo, canUndo, createHistory, push, redo, seal, undo } from "./history";

describe("history", () => {
  it("undoes and redoes in order", () => {
    let h = createHistory("a");
    expect(canUndo(h)).toBe(false);
    h = push(h, "b");
    h = push(h, "c");
    expect(canUndo(h)).toBe(true);
    h = undo(h);
    expect(h.present).toBe("b");
    expect(canRedo(h)).toBe(true);
    h = undo(h);
    expect(h.present).toBe("a");
    expect(canUndo(h)).toBe(false);
    expect(undo(h)).toBe(h);
    h = redo(redo(h));
    expect(h.present).toBe("c");
    expect(canRedo(h)).toBe(false);
    expect(redo(h)).toBe(h);
  });

  it("drops the redo branch on a new push", () => {
    const h = push(undo(push(createHistory(1), 2)), 3);
    expect(h.present).toBe(3);
    expect(canRedo(h)).toBe(false);
    expect(undo(h).present).toBe(1);
  });

  it("coalesces consecutive pushes with the same key into one undo step (one drag)", () => {
    let h = createHistory("start");
    for (const step of ["d1", "d2", "d3"]) h = push(h, step, "drag:tile-1");
    expect(h.present).toBe("d3");
    expect(h.past).toEqual(["start"]);
    expect(undo(h).present).toBe("start");
  });

  it("starts a new step for a different key, no key, after seal, or after undo", () => {
    let h = push(createHistory(0), 1, "drag:a");
    h = push(h, 2, "drag:b");
    expect(h.past).toEqual([0, 1]);
    h = push(h, 3);
    h = push(h, 4);
    expect(h.past).toEqual([0, 1, 2, 3]);
    h = seal(push(h, 5, "drag:a"));
    h = push(h, 6, "drag:a");
    expect(h.past).toEqual([0, 1, 2, 3, 4, 5]);
    h = push(undo(h), 7, "drag:a");
    expect(h.past).toEqual([0, 1, 2, 3, 4, 5]);
    expect(h.present).toBe(7);
  });

  it("ignores a push of the present itself", () => {
    const state = { tiles: [] };
    const h = createHistory(state);
    expect(push(h, state)).toBe(h);
  });

  it("forgets the oldest states beyond the limit", () => {
    let h = createHistory(0, 3);
    for (let i = 1; i <= 5; i++) h = push(h, i);
    expect(h.past).toEqual([2, 3, 4]);
    h = undo(undo(undo(h)));
    expect(h.present).toBe(2);
    expect(canUndo(h)).toBe(false);
    expect(createHistory(0, Number.NaN).limit).toBe(100);
    expect(createHistory(0, 0).limit).toBe(1);
  });

  it("never mutates a previous history", () => {
    const h0 = createHistory<number[]>([]);
    const h1 = push(h0, [1]);
    const h2 = push(h1, [1, 2]);
    undo(h2);
    expect(h1.past).toEqual([[]]);
    expect(h2.past).toEqual([[], [1]]);
    expect(h0.past).toEqual([]);
  });
});
