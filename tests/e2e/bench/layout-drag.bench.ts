// Frame times while dragging a tile in the layout editor, in the real app under WebKitGTK.
// Three runs with the same pointer path: the pointer moving over the canvas without dragging (the
// baseline: the display's own frame cadence), a drag with 1 tile, and a drag with 17 tiles (the most
// a mix recording takes). Frame time = the gap between consecutive requestAnimationFrame callbacks
// while the pointer moves. "workPerFrame" is the editor's own share of a frame: snapping plus React's
// render and commit, timed inside the app. Results: stdout and target/bench/layout-drag.json.
import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { e2e } from "../lib/env";
import { FRAME_PROBE, frameStats } from "../lib/frames";
import { Session } from "../lib/webdriver";

let session: Session;
const MOVES = 240;
const STEP_MS = 16;

const by = (id: string) => session.byTestId(id, { timeoutMs: 20_000 });

async function generate(count: number) {
  await session.choose("preset-kind", "grid");
  await session.choose("preset-count", String(count));
  await (await by("preset-generate")).click();
  await by(`tile-${count}`);
}

/**
 * Frame gaps (ms) while the pointer crosses the canvas, pressed or not, and the editor's own work per
 * frame (snap + React render and commit, from the app's drag probe).
 */
async function measure(press: boolean): Promise<{ frames: number[]; work: number[] }> {
  const canvas = await session.rectOf('[data-testid="layout-canvas"]');
  const tile = await session.rectOf('[data-testid="tile-1"]');
  const from = { x: tile.x + tile.width / 2, y: tile.y + tile.height / 2 };
  const to = { x: canvas.x + canvas.width * 0.7, y: canvas.y + canvas.height * 0.6 };
  await session.execute(`window.__mixdeckDragProbe = []; ${FRAME_PROBE}`);
  if (press) {
    await session.drag(from, to, { steps: MOVES, stepMs: STEP_MS });
  } else {
    await session.hover(from, to, { steps: MOVES, stepMs: STEP_MS });
  }
  return session.execute<{ frames: number[]; work: number[] }>(
    "window.__recording = false; const work = window.__mixdeckDragProbe; delete window.__mixdeckDragProbe; return { frames: window.__frames, work };",
  );
}

beforeAll(async () => {
  session = await Session.create({ driverUrl: e2e.driverUrl, application: e2e.application });
  await (await by("nav-layouts")).click();
  await by("layout-canvas");
  // Snapping on (the default): every move also searches the other tiles' edges and centres.
});

afterAll(async () => {
  await session?.delete();
});

describe("layout editor drag frame times", () => {
  it("measures idle, 1-tile and 17-tile drags", async () => {
    await generate(1);
    const idle = frameStats((await measure(false)).frames);
    const dragOne = await measure(true);
    const one = frameStats(dragOne.frames);
    await generate(17);
    const idle17 = frameStats((await measure(false)).frames);
    const drag17 = await measure(true);
    const seventeen = frameStats(drag17.frames);
    const result = {
      theme: e2e.theme,
      moves: MOVES,
      stepMs: STEP_MS,
      idle,
      drag1: one,
      idle17,
      drag17: seventeen,
      workPerFrame: { drag1: frameStats(dragOne.work), drag17: frameStats(drag17.work) },
      ratios: {
        drag17p95OverIdleP95: Math.round((seventeen.p95 / idle.p95) * 100) / 100,
        drag17p95OverDrag1P95: Math.round((seventeen.p95 / one.p95) * 100) / 100,
      },
    };
    const dir = join(process.cwd(), "target", "bench");
    mkdirSync(dir, { recursive: true });
    writeFileSync(join(dir, "layout-drag.json"), JSON.stringify(result, null, 2) + "\n");
    console.log(`layout drag frame times (ms): ${JSON.stringify(result, null, 2)}`);
    expect(seventeen.frames).toBeGreaterThan(10);
  });
});
