import { describe, expect, it } from "vitest";
import { IpcError } from "../../lib/ipc";
import { profileView } from "../../testing/profiles";
import {
  changesDestination,
  draftFromProfile,
  emptyDraft,
  localErrors,
  secretSummary,
  secretsToSave,
  serverErrors,
  toInput,
} from "./profileForm";

const valid = {
  ...emptyDraft,
  name: " Production ",
  appId: "0123456789abcdef0123456789ABCDEF",
  customerId: "cust",
  customerSecret: "secret",
};

describe("profile form", () => {
  it("accepts a complete draft and trims what it sends", () => {
    expect(localErrors(valid, true)).toEqual({});
    expect(toInput(valid)).toEqual({
      name: "Production",
      appId: "0123456789abcdef0123456789ABCDEF",
      customerId: "cust",
      area: "US",
      endpoint: null,
      defaultStorage: null,
    });
    expect(secretsToSave(valid)).toEqual([{ kind: "customerSecret", value: "secret" }]);
  });

  it("names each missing or malformed field", () => {
    const e = localErrors({ ...emptyDraft, appId: "xyz", endpoint: "ftp://x" }, true);
    expect(Object.keys(e).sort()).toEqual(["appId", "customerId", "customerSecret", "endpoint", "name"]);
    expect(e.appId).toContain("32 hexadecimal");
  });

  it("lets any App ID through behind an endpoint override, and needs no secret to edit", () => {
    const d = { ...valid, appId: "sandbox-app-id", endpoint: "http://127.0.0.1:8080/", customerSecret: "" };
    expect(localErrors(d, false)).toEqual({});
    expect(toInput(d).endpoint).toBe("http://127.0.0.1:8080/");
  });

  it("asks for the Customer Secret again when the endpoint or area changes", () => {
    const p = profileView({ endpoint: "https://proxy.example.com" });
    const same = { ...draftFromProfile(p), name: "Renamed", endpoint: "https://proxy.example.com/" };
    expect(changesDestination(same, p)).toBe(false);
    expect(changesDestination({ ...same, area: "EU" }, p)).toBe(true);
    expect(changesDestination({ ...same, endpoint: "" }, p)).toBe(true);
    expect(localErrors({ ...same, endpoint: "" }, true).customerSecret).toContain("required");
  });

  it("maps the backend's field errors onto form fields", () => {
    const err = new IpcError("validation.failed", "x", {
      fields: [
        { path: "appId", message: "must be 32 hex" },
        { path: "clientRequest.x", message: "not a form field" },
      ],
    });
    expect(serverErrors(err)).toEqual({ appId: "must be 32 hex" });
    expect(serverErrors(new Error("other"))).toEqual({});
  });

  it("shows secrets as status and last four only", () => {
    expect(secretSummary({ kind: "customerSecret", set: true, last4: "abcd" })).toBe("set · …abcd");
    expect(secretSummary({ kind: "appCertificate", set: true, last4: null })).toBe("set");
    expect(secretSummary(undefined)).toBe("not set");
  });

  it("starts an edit from the profile without any secret", () => {
    const p = { ...profileView({ id: 2, name: "Prod", appId: "a".repeat(32), area: "EU" }), secrets: [] };
    expect(draftFromProfile(p)).toMatchObject({ name: "Prod", area: "EU", endpoint: "", customerSecret: "" });
  });
});
