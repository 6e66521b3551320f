import { afterEach, describe, expect, it } from "vitest";
import type { ProfileView } from "../bindings";
import { pickActive, setActiveProfileId } from "./activeProfile";

const p = (id: number, name: string) => ({ id, name }) as unknown as ProfileView;

afterEach(() => window.localStorage.clear());

describe("active profile", () => {
  it("is the chosen profile, or the first when none was chosen or it is gone", () => {
    const list = [p(1, "Sandbox"), p(2, "Prod")];
    expect(pickActive(list, null)?.name).toBe("Sandbox");
    expect(pickActive(list, 2)?.name).toBe("Prod");
    expect(pickActive(list, 9)?.name).toBe("Sandbox");
    expect(pickActive([], 2)).toBeUndefined();
  });

  it("persists the choice", () => {
    setActiveProfileId(2);
    expect(window.localStorage.getItem("mixdeck.activeProfile")).toBe("2");
  });
});
