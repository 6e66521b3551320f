import { describe, expect, it } from "vitest";
import { profileView } from "../../../testing/profiles";
import { newDraft } from "./draft";
import { errorsByPath, isError, payloadsToCheck, warningsByPath } from "./validation";

const withKeys = profileView({ appId: "a" }, { customerSecret: true, storageAccessKey: "abcd" });

describe("what is validated", () => {
  it("stands in for keys the keychain holds, and only those", () => {
    const { start } = payloadsToCheck(newDraft("mix", withKeys), withKeys);
    if (start.kind !== "recordingStart") throw new Error(start.kind);
    expect(start.body.clientRequest.storageConfig?.accessKey).toBe("<from keychain>");
    expect(start.body.clientRequest.storageConfig?.secretKey).toBe("");
  });

  it("checks acquire with the same envelope, scene 1 in web mode", () => {
    const { acquire } = payloadsToCheck(newDraft("web", withKeys), withKeys);
    if (acquire.kind !== "recordingAcquire") throw new Error(acquire.kind);
    expect(acquire.body.clientRequest.scene).toBe(1);
  });

  it("files errors under the draft's paths, the shared envelope once", () => {
    const errors = errorsByPath(
      [
        { path: "cname", message: "must not be empty" },
        { path: "clientRequest.recordingConfig.maxIdleTime", message: "must be in [5, 2592000]" },
      ],
      [
        { path: "cname", message: "must not be empty" },
        { path: "clientRequest.resourceExpiredHour", message: "must be in [1, 720]" },
        { path: "clientRequest.startParameter.storageConfig.bucket", message: "dup" },
      ],
    );
    expect(errors).toEqual({
      "start.cname": "must not be empty",
      "start.clientRequest.recordingConfig.maxIdleTime": "must be in [5, 2592000]",
      "acquire.resourceExpiredHour": "must be in [1, 720]",
    });
  });
});

describe("warnings", () => {
  it("never block and are kept apart from errors", () => {
    const start = [
      {
        path: "clientRequest.recordingConfig.maxIdleTime",
        message: "between 5 and 2592000",
        severity: "error" as const,
      },
      {
        path: "clientRequest.recordingConfig.transcodingConfig.fps",
        message: "61 fps is unusual",
        severity: "warning" as const,
      },
    ];
    expect(errorsByPath(start, [])).toEqual({
      "start.clientRequest.recordingConfig.maxIdleTime": "between 5 and 2592000",
    });
    expect(warningsByPath(start, [])).toEqual({
      "start.clientRequest.recordingConfig.transcodingConfig.fps": "61 fps is unusual",
    });
    expect(start.map(isError)).toEqual([true, false]);
    expect(isError({ path: "x", message: "no severity: an error" })).toBe(true);
  });
});
