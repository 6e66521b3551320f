import { emit } from "@tauri-apps/api/event";
import { clearMocks, mockIPC } from "@tauri-apps/api/mocks";
import { afterEach, describe, expect, it } from "vitest";
import {
  IpcError,
  api,
  onEngineEvent,
  pickOpenFile,
  pickSaveFile,
  readTextFile,
  unwrap,
  writeTextFile,
  reportError,
} from "./ipc";

afterEach(() => clearMocks());

const info = {
  name: "mixdeck",
  version: "0.1.0",
  build: "debug",
  platform: "linux",
  dataDir: "/data",
  logDir: "/logs",
};

describe("ipc", () => {
  it("returns a command's data on success", async () => {
    mockIPC((cmd) => (cmd === "app_info" ? info : undefined));
    await expect(api.appInfo()).resolves.toEqual(info);
  });

  it("throws the command's typed error with code, message and field details", async () => {
    const error = {
      code: "validation.failed",
      message: "The request is not valid",
      fields: [{ path: "cname", message: "must not be empty" }],
    };
    mockIPC(() => {
      throw error;
    });
    const thrown = await api.appInfo().catch((e: unknown) => e);
    expect(thrown).toBeInstanceOf(IpcError);
    expect(thrown).toMatchObject({
      code: error.code,
      message: error.message,
      report: { fields: error.fields },
    });
  });

  it("turns Tauri's own string rejections (e.g. a denied capability) into ipc.failed", async () => {
    mockIPC(() => {
      throw "app_info not allowed. Permissions associated with this command: allow-app-info";
    });
    const thrown = await api.appInfo().catch((e: unknown) => e);
    expect(thrown).toBeInstanceOf(IpcError);
    expect((thrown as IpcError).code).toBe("ipc.failed");
    expect((thrown as IpcError).message).toContain("not allowed");
  });

  it("passes payloads to validation and returns the field errors", async () => {
    const errors = [{ path: "uid", message: "must be a uid" }];
    let received: unknown;
    mockIPC((cmd, args) => {
      if (cmd !== "validate_payload") throw `unexpected ${cmd}`;
      received = args;
      return errors;
    });
    const payload = {
      kind: "recordingStop",
      mode: "mix",
      body: { cname: "room", uid: "0", clientRequest: { async_stop: false } },
    } as const;
    await expect(api.validatePayload(payload)).resolves.toEqual(errors);
    expect(received).toEqual({ request: payload });
  });

  it("keeps engine error codes and Agora's explanation", async () => {
    const error = {
      code: "agora.worker_not_found",
      message: "query: HTTP 404",
      fields: [],
      cause: "failover",
      fix: "wait",
      httpStatus: 404,
      agoraCode: 404,
      requestId: "r",
      host: "api.sd-rtn.com",
    };
    mockIPC(() => {
      throw error;
    });
    const thrown = (await api.queryRecording(7).catch((e: unknown) => e)) as IpcError;
    expect(thrown.code).toBe("agora.worker_not_found");
    expect(thrown.report).toMatchObject({ requestId: "r", host: "api.sd-rtn.com", cause: "failover" });
  });

  it("delivers engine events to listeners until they unsubscribe", async () => {
    mockIPC(() => undefined, { shouldMockEvents: true });
    const seen: string[] = [];
    const unlisten = await onEngineEvent((e) => seen.push(e.type));
    await emit("engine-update", {
      type: "sessionProblem",
      sessionId: 1,
      code: "x",
      message: "m",
      causes: [],
    });
    unlisten();
    await emit("engine-update", {
      type: "sessionProblem",
      sessionId: 1,
      code: "x",
      message: "m",
      causes: [],
    });
    expect(seen).toEqual(["sessionProblem"]);
  });

  it("previews a recording start with the request as its argument", async () => {
    const preview = [
      {
        op: "acquire",
        method: "POST",
        url: "http://127.0.0.1:9/v1/apps/a/cloud_recording/acquire",
        headers: [["Authorization", "Basic <redacted>"]],
        body: { cname: "room" },
        curl: "curl -X POST ...",
      },
    ];
    let received: unknown;
    mockIPC((cmd, args) => {
      if (cmd !== "preview_recording") throw `unexpected ${cmd}`;
      received = args;
      return preview;
    });
    const request = {
      profileId: 1,
      mode: "mix",
      start: { cname: "room", uid: "1", clientRequest: {} },
    } as const;
    await expect(api.previewRecording(request)).resolves.toEqual(preview);
    expect(received).toEqual({ request });
  });

  it("returns the sandbox URL and control token", async () => {
    const access = { url: "http://127.0.0.1:4567", controlToken: "0123456789abcdef0123456789abcdef" };
    mockIPC((cmd) => (cmd === "sandbox_access" ? access : undefined));
    await expect(api.sandboxAccess()).resolves.toEqual(access);
  });

  it("asks where to save a JSON file and hands back the path, or null when cancelled", async () => {
    let received: unknown;
    let answer: string | null = "/home/me/mix preset.json";
    mockIPC((cmd, args) => {
      if (cmd !== "plugin:dialog|save") throw `unexpected ${cmd}`;
      received = args;
      return answer;
    });
    await expect(pickSaveFile("mix preset.json")).resolves.toBe("/home/me/mix preset.json");
    expect(received).toEqual({
      options: { defaultPath: "mix preset.json", filters: [{ name: "JSON", extensions: ["json"] }] },
    });
    answer = null;
    await expect(pickSaveFile("x.json")).resolves.toBeNull();
  });

  it("asks for one JSON file to open", async () => {
    let received: unknown;
    mockIPC((cmd, args) => {
      if (cmd !== "plugin:dialog|open") throw `unexpected ${cmd}`;
      received = args;
      return "/home/me/in.json";
    });
    await expect(pickOpenFile()).resolves.toBe("/home/me/in.json");
    expect(received).toMatchObject({
      options: { multiple: false, directory: false, filters: [{ name: "JSON", extensions: ["json"] }] },
    });
    // The dialog adds the picked path to the fs scope: one file, never a directory tree.
    expect((received as { options: Record<string, unknown> }).options.recursive).toBeUndefined();
  });

  it("writes and reads text files through the fs plugin", async () => {
    let written = "";
    mockIPC((cmd, args) => {
      if (cmd === "plugin:fs|write_text_file") {
        written = new TextDecoder().decode(args as Uint8Array);
        return null;
      }
      if (cmd === "plugin:fs|read_text_file") return Array.from(new TextEncoder().encode('{"a": "é"}'));
      throw `unexpected ${cmd}`;
    });
    await writeTextFile("/home/me/out.json", '{"kind": "layout"}');
    expect(written).toBe('{"kind": "layout"}');
    await expect(readTextFile("/home/me/in.json")).resolves.toBe('{"a": "é"}');
  });

  it("turns dialog and file failures into IpcErrors with file codes and the path", async () => {
    mockIPC((cmd) => {
      throw `${cmd} failed: forbidden path: /etc/passwd`;
    });
    const write = (await writeTextFile("/etc/passwd", "x").catch((e: unknown) => e)) as IpcError;
    expect(write).toBeInstanceOf(IpcError);
    expect(write.code).toBe("file.write_failed");
    expect(write.message).toContain("/etc/passwd");
    expect(write.message).toContain("forbidden path");
    const read = (await readTextFile("/etc/passwd").catch((e: unknown) => e)) as IpcError;
    expect(read.code).toBe("file.read_failed");
    const dialog = (await pickOpenFile().catch((e: unknown) => e)) as IpcError;
    expect(dialog.code).toBe("file.dialog_failed");
  });

  it("reports a backend that cannot be reached at all", async () => {
    const thrown = await unwrap(Promise.reject(new Error("no IPC"))).catch((e: unknown) => e);
    expect((thrown as IpcError).code).toBe("ipc.failed");
    expect((thrown as IpcError).message).toContain("no IPC");
  });
});

describe("stored errors", () => {
  it("show like live failures: code, cause, fix, HTTP status, Agora code and request id", () => {
    const e = reportError({
      code: "agora.unauthorized",
      message: "acquire: HTTP 401 Unauthorized",
      cause: "The Customer ID or secret is wrong",
      fix: "Check the profile's credentials.",
      httpStatus: 401,
      agoraCode: null,
      requestId: "req-9",
      reason: null,
    });
    expect(e).toBeInstanceOf(IpcError);
    expect([e.code, e.message]).toEqual(["agora.unauthorized", "acquire: HTTP 401 Unauthorized"]);
    expect(e.report).toMatchObject({
      cause: "The Customer ID or secret is wrong",
      httpStatus: 401,
      requestId: "req-9",
    });
  });
});
