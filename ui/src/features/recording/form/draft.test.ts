import { describe, expect, it } from "vitest";
import { profileView } from "../../../testing/profiles";
import { getIn, setIn } from "../../../lib/paths";
import { newDraft, randomBotUid, switchMode, toBeginRequest } from "./draft";

const profile = profileView(
  {
    id: 3,
    name: "Prod",
    area: "EU",
    defaultStorage: { vendor: 2, region: 3, bucket: "rec", fileNamePrefix: ["a", "b"] },
  },
  { customerSecret: true, appCertificate: true },
);

describe("start form draft", () => {
  it("starts from the profile's storage defaults with empty keys (the keychain fills them)", () => {
    const d = newDraft("mix", profile, "900000001");
    expect(d.start.clientRequest.storageConfig).toEqual({
      vendor: 2,
      region: 3,
      bucket: "rec",
      accessKey: "",
      secretKey: "",
      fileNamePrefix: ["a", "b"],
    });
    expect(d.generateToken).toBe(true);
    expect(d.start.uid).toBe("900000001");
  });

  it("gives each mode only the sections it accepts", () => {
    const mix = newDraft("mix", profile).start.clientRequest;
    expect(mix.recordingConfig?.transcodingConfig).toBeDefined();
    expect(mix.extensionServiceConfig).toBeUndefined();
    const ind = newDraft("individual", profile).start.clientRequest;
    expect(ind.recordingConfig?.subscribeUidGroup).toBe(0);
    expect(ind.recordingConfig?.transcodingConfig).toBeUndefined();
    expect(ind.recordingFileConfig?.avFileType).toEqual(["hls"]);
    const web = newDraft("web", profile);
    expect(web.start.clientRequest.recordingConfig).toBeUndefined();
    expect(web.acquire.scene).toBe(1);
  });

  it("keeps channel, uid and storage across modes and restores what a mode held", () => {
    let d = newDraft("mix", profile, "900000002");
    d = setIn(d, "start.cname", "room");
    d = setIn(d, "start.clientRequest.storageConfig.bucket", "other");
    d = setIn(d, "start.clientRequest.recordingConfig.maxIdleTime", 300);
    const web = switchMode(d, "web");
    expect(web.start.cname).toBe("room");
    expect(web.start.uid).toBe("900000002");
    expect(web.start.clientRequest.storageConfig?.bucket).toBe("other");
    expect(web.start.clientRequest.recordingConfig).toBeUndefined();
    expect(web.acquire.scene).toBe(1);
    const back = switchMode(web, "mix");
    expect(getIn(back, "start.clientRequest.recordingConfig.maxIdleTime")).toBe(300);
    expect(back.acquire.scene).toBeUndefined();
  });

  it("builds the begin request: startParameter copied, token generated only when none was typed", () => {
    let d = newDraft("mix", profile);
    d = { ...d, sendStartParameter: true };
    const req = toBeginRequest(d, 3);
    expect(req.acquire?.startParameter).toEqual(d.start.clientRequest);
    expect(req.generateToken).toBe(true);
    d = setIn(d, "start.clientRequest.token", "007abc");
    expect(toBeginRequest(d, 3).generateToken).toBe(false);
    expect(toBeginRequest(switchMode(d, "web"), 3).generateToken).toBe(false);
  });

  it("picks bot uids outside the ones to avoid", () => {
    let n = 0;
    const seq = () => [0, 0, 0.5][n++] ?? 0.5;
    expect(randomBotUid(["900000000"], seq)).toBe("949999999");
  });
});
