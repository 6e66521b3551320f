import { describe, expect, it } from "vitest";
import { EMPTY_ROUTE, isFiltered, localMidnight, parseRoute, routeHash, toFilter } from "./route";

describe("history route", () => {
  it("round-trips every filter and the selection through the hash", () => {
    const route = {
      text: "room 7",
      kind: "recording" as const,
      mode: "mix" as const,
      state: "open" as const,
      profile: 3,
      from: "2026-12-01",
      to: "2026-12-03",
      session: 42,
    };
    const hash = routeHash(route);
    expect(hash).toBe(
      "#/history?q=room+7&kind=recording&mode=mix&state=open&profile=3&from=2026-12-01&to=2026-12-03&session=42",
    );
    expect(parseRoute(hash)).toEqual(route);
    expect(routeHash(EMPTY_ROUTE)).toBe("#/history");
    expect(parseRoute("#/history")).toEqual(EMPTY_ROUTE);
  });

  it("drops values that are not valid instead of guessing", () => {
    expect(
      parseRoute(
        "#/history?kind=video&mode=MIX&state=running&profile=-1&from=2026-02-30&to=yesterday&session=x",
      ),
    ).toEqual(EMPTY_ROUTE);
    expect(parseRoute("#/history?state=unknown").state).toBe("unknown");
  });

  it("maps to the core's filter: open states, a mode implies recording, whole local days", () => {
    const f = toFilter({ ...EMPTY_ROUTE, mode: "web", state: "open", from: "2026-03-28", to: "2026-03-29" });
    expect(f.kind).toBe("recording");
    expect(f.open).toBe(true);
    expect(f.state).toBeNull();
    expect(f.from).toBe(new Date(2026, 2, 28).getTime());
    expect(f.to).toBe(new Date(2026, 2, 30).getTime());
    expect(toFilter({ ...EMPTY_ROUTE, state: "failed", text: "  " })).toMatchObject({
      state: "failed",
      open: null,
      text: null,
    });
  });

  it("knows whether anything is filtered (the selection is not a filter)", () => {
    expect(isFiltered({ ...EMPTY_ROUTE, session: 4 })).toBe(false);
    expect(isFiltered({ ...EMPTY_ROUTE, profile: 1 })).toBe(true);
    expect(Number.isNaN(localMidnight("2026-13-01"))).toBe(true);
  });
});
