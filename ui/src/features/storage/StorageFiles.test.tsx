import { clearMocks, mockIPC } from "@tauri-apps/api/mocks";
import { cleanup, fireEvent, render, screen, waitFor } from "@testing-library/react";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { RecordedFile, SessionFiles, StorageCheck, StorageConfig } from "../../bindings";
import { renderWithQueries } from "../../testing/render";
import { sessionRow } from "../../testing/sessions";
import { profileView } from "../../testing/profiles";
import { defaultStorage } from "./defaults";
import { StorageCheckReport } from "./StorageCheck";
import { StorageFiles } from "./StorageFiles";

let calls: { cmd: string; args: unknown }[];

function file(key: string, kind: RecordedFile["naming"]["kind"], inBucket = true): RecordedFile {
  return {
    key,
    naming: {
      name: key,
      prefix: null,
      kind,
      uid: null,
      track: null,
      failover: null,
      part: null,
      meaning: "",
    },
    size: inBucket ? 38_916 : null,
    modifiedAt: inBucket ? 1_000 : null,
    inFileList: kind === "playlist",
    inBucket,
    objectUrl: null,
    playable: inBucket && (kind === "playlist" || kind === "mp4"),
  };
}

const files: SessionFiles = {
  files: [
    file("a/sid_room.m3u8", "playlist"),
    file("a/sid_room_20261204205008003.ts", "slice"),
    file("a/gone.mp4", "mp4", false),
  ],
  storage: 'Amazon S3, region 0 (US_EAST_1), bucket "rec", prefix a/',
  listingProblem: null,
  truncated: false,
  trackEvents: [],
};

beforeEach(() => {
  calls = [];
  mockIPC((cmd, args) => {
    calls.push({ cmd, args });
    if (cmd === "session_files") return files;
    if (cmd === "copy_presigned_link") {
      const a = args as { key: string; expiresIn: number };
      return { key: a.key, expiresAt: 1_000 + a.expiresIn * 1000 };
    }
    return null;
  });
});

afterEach(() => {
  cleanup();
  clearMocks();
});

function renderFiles() {
  renderWithQueries(<StorageFiles row={sessionRow({ state: "stopped", sid: "sid" })} />);
}

describe("a session's files in storage", () => {
  it("lists them only when asked, and marks what Agora named but the bucket lacks", async () => {
    renderFiles();
    expect(calls.some((c) => c.cmd === "session_files")).toBe(false);
    fireEvent.click(screen.getByTestId("open-files"));
    const rows = await screen.findAllByTestId("storage-file");
    expect(rows.map((r) => r.dataset.kind)).toEqual(["playlist", "slice", "mp4"]);
    expect(rows[1]?.textContent).toContain("39 kB");
    expect(rows[2]?.textContent).toContain("not in the bucket");
    expect(rows[2]?.querySelector('[data-testid="file-play"]')).toBeNull();
    expect(screen.getByTestId("storage-files-where").textContent).toContain("prefix a/");
  });

  it("copies a link with the chosen lifetime and shows only when it expires", async () => {
    renderFiles();
    fireEvent.click(screen.getByTestId("open-files"));
    const rows = await screen.findAllByTestId("storage-file");
    fireEvent.change(screen.getByTestId("link-expiry"), { target: { value: String(24 * 3600) } });
    const copy = rows[0]?.querySelector('[data-testid="file-copy-link"]');
    if (!copy) throw new Error("no copy button");
    fireEvent.click(copy);
    await screen.findByTestId("link-copied");
    expect(calls.find((c) => c.cmd === "copy_presigned_link")?.args).toMatchObject({
      key: "a/sid_room.m3u8",
      expiresIn: 86_400,
    });
    expect(screen.getByTestId("link-copied").textContent).toContain("sid_room.m3u8");
    expect(document.body.innerHTML).not.toContain("X-Amz");
  });
});

describe("the storage check's report", () => {
  const storage: StorageConfig = defaultStorage(
    profileView({ defaultStorage: { vendor: 1, region: 0, bucket: "rec" } }),
  );
  const check: StorageCheck = {
    ok: false,
    host: "rec.s3.us-east-1.amazonaws.com",
    key: null,
    elapsedMs: 40,
    unsupported: null,
    steps: [
      {
        step: "auth",
        label: "Keys",
        outcome: "failed",
        message: "the secret key does not belong",
        field: "secretKey",
      },
      { step: "bucket", label: "Bucket", outcome: "skipped", message: "not tried", field: null },
    ],
  };

  it("names the field to fix, and hides once the form no longer matches", async () => {
    const { rerender } = render(<StorageCheckReport result={{ of: storage, check }} storage={storage} />);
    expect(screen.getByTestId("storage-check-summary").textContent).toContain("would fail");
    expect(screen.getByTestId("storage-check-field").textContent).toBe("secretKey");
    expect(screen.getByTestId("storage-check-step-bucket").dataset.outcome).toBe("skipped");
    rerender(
      <StorageCheckReport result={{ of: storage, check }} storage={{ ...storage, bucket: "other" }} />,
    );
    await waitFor(() => expect(screen.queryByTestId("storage-check")).toBeNull());
  });

  it("fills a profile's default storage with empty keys for the keychain", () => {
    const p = profileView({
      defaultStorage: { vendor: 11, region: 0, bucket: "b", endpoint: "s3.example.com" },
    });
    expect(defaultStorage(p)).toMatchObject({
      accessKey: "",
      secretKey: "",
      extensionParams: { endpoint: "s3.example.com" },
    });
  });
});

describe("the track timeline", () => {
  it("gives each user a lane with a mark per track start", async () => {
    const { byUser } = await import("./TrackTimeline");
    const e = (uid: string | null, trackType: string, timeMs: number) => ({
      playlist: "p.m3u8",
      uid,
      event: "START",
      trackType,
      timeMs,
      atMs: 0,
    });
    const lanes = byUser([e("7", "AUDIO", 1), e(null, "VIDEO", 2), e("7", "VIDEO", 3)]);
    expect(lanes.map((l) => [l.who, l.events.length])).toEqual([
      ["uid 7", 2],
      ["composite", 1],
    ]);
  });
});

describe("snapshots and the player", () => {
  it("shows snapshots as a strip read through mixdeck-file:", async () => {
    const shot = {
      ...file("a/sid_room__uid_s_7__uid_e_video_20261204205008003.jpg", "snapshot"),
      naming: { ...file("x", "snapshot").naming, uid: "7" },
    };
    const withShots = { ...files, files: [...files.files, shot] };
    mockIPC((cmd) => (cmd === "session_files" ? withShots : null));
    renderFiles();
    fireEvent.click(screen.getByTestId("open-files"));
    const strip = await screen.findByTestId("snapshot-strip");
    const img = strip.querySelector("img");
    expect(img?.getAttribute("src")).toBe(
      `mixdeck-file://localhost/1/a/${encodeURIComponent(shot.key.slice(2))}`,
    );
    expect(strip.textContent).toContain("uid 7");
    expect(screen.getAllByTestId("storage-file").map((r) => r.dataset.kind)).not.toContain("snapshot");
  });

  it("says so, pointing at the download, when the window cannot play a file", async () => {
    const { Player } = await import("./Player");
    render(<Player session={1} file={file("a/sid_room_0.mp4", "mp4")} events={[]} />);
    const video = screen.getByTestId("player-video");
    expect(video.getAttribute("src")).toBe("mixdeck-file://localhost/1/a/sid_room_0.mp4");
    fireEvent.error(video);
    expect((await screen.findByTestId("player-problem")).textContent).toContain("Download the file");
  });
});
