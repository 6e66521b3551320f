import { describe, expect, it } from "vitest";
import { DEFAULT_VIEW, VIEWS, VIEW_IDS, hashForView, viewFromHash } from "./views";

describe("views", () => {
  it("lists every view once, in the sidebar's order", () => {
    expect(VIEWS.map((v) => v.id)).toEqual([...VIEW_IDS]);
    expect(new Set(VIEWS.map((v) => v.label)).size).toBe(VIEWS.length);
  });

  it("reads the view from the hash and round-trips it", () => {
    for (const id of VIEW_IDS) expect(viewFromHash(hashForView(id))).toBe(id);
    expect(viewFromHash("#history")).toBe("history");
    expect(viewFromHash("#/history/42")).toBe("history");
    expect(viewFromHash("#/history?q=abc")).toBe("history");
  });

  it("falls back to the default view for an empty or unknown hash", () => {
    expect(viewFromHash("")).toBe(DEFAULT_VIEW);
    expect(viewFromHash("#/")).toBe(DEFAULT_VIEW);
    expect(viewFromHash("#/settingz")).toBe(DEFAULT_VIEW);
    expect(viewFromHash("#/constructor")).toBe(DEFAULT_VIEW);
  });
});
