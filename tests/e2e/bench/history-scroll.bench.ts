// Frame times of the History view in the real app under WebKitGTK, on a database seeded with
// 100,000 sessions and 2,000,000 events (mixdeck-core's `seed_history` example, run before the
// app starts). Measured, with the same frame probe:
//   - idle: the view open, nothing moving (the baseline: the display's own frame cadence);
//   - open: from the sidebar click until the first rows are drawn;
//   - scroll: 10,000 rows scrolled through fast (a fixed distance every frame);
//   - search: a search typed key by key, until its rows are drawn.
// A long task is a frame gap over 100 ms (WebKitGTK has no longtask entries). Results: stdout and
// target/bench/history-scroll.json.
import { execFileSync } from "node:child_process";
import { existsSync, mkdirSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { e2e } from "../lib/env";
import { FRAME_PROBE, frameStats } from "../lib/frames";
import { Session, waitFor } from "../lib/webdriver";

const SESSIONS = 100_000;
const EVENTS = 2_000_000;
const ROWS_SCROLLED = 10_000;
const ROW_HEIGHT = 36;
/** A channel of the seeded history (`class-042`, ...): about 130 sessions. */
const SEARCH = "class-042";
/** Frames the scroll takes: 10,000 rows in about 4 s at 60 Hz (≈ 42 rows a frame). */
const SCROLL_FRAMES = 240;

let session: Session;
const by = (id: string) => session.byTestId(id, { timeoutMs: 60_000 });

async function stopProbe(): Promise<number[]> {
  return session.execute<number[]>("window.__recording = false; return window.__frames;");
}

async function sleep(ms: number) {
  await new Promise((r) => setTimeout(r, ms));
}

beforeAll(async () => {
  const dir = join(e2e.dataHome, "io.mixdeck.desktop");
  mkdirSync(dir, { recursive: true });
  const db = join(dir, "history.sqlite3");
  for (const f of [db, `${db}-wal`, `${db}-shm`]) if (existsSync(f)) rmSync(f);
  const t = Date.now();
  execFileSync(
    "cargo",
    [
      "run",
      "--quiet",
      "--release",
      "-p",
      "mixdeck-core",
      "--example",
      "seed_history",
      "--",
      db,
      "--sessions",
      String(SESSIONS),
      "--events",
      String(EVENTS),
    ],
    { stdio: ["ignore", "inherit", "inherit"], timeout: 20 * 60_000 },
  );
  console.log(
    `seeded ${SESSIONS} sessions and ${EVENTS} events in ${((Date.now() - t) / 1000).toFixed(1)} s`,
  );
  session = await Session.create({ driverUrl: e2e.driverUrl, application: e2e.application });
  await by("nav-history");
}, 25 * 60_000);

afterAll(async () => {
  await session?.delete();
});

describe("history frame times at 100,000 sessions", () => {
  it("opens, scrolls 10,000 rows and searches", async () => {
    // Open: the sidebar click until the first rows are there.
    await session.execute(FRAME_PROBE);
    const t0 = Date.now();
    await (await by("nav-history")).click();
    await waitFor(
      "the first rows",
      async () =>
        (await session.execute<number>(
          `return document.querySelectorAll('[data-testid^="history-row-"]').length;`,
        )) > 5 || undefined,
      { timeoutMs: 60_000 },
    );
    const openMs = Date.now() - t0;
    const open = frameStats(await stopProbe());
    const total = await session.execute<string>(
      `return document.querySelector('[data-testid="history-count"]').textContent;`,
    );

    // Idle: the same view, nothing moving.
    await session.execute(FRAME_PROBE);
    await sleep(2000);
    const idle = frameStats(await stopProbe());

    // Scroll: a fixed distance each frame, through 10,000 rows; then wait for the rows to be read.
    const distance = ROWS_SCROLLED * ROW_HEIGHT;
    await session.executeAsync(
      `const done = arguments[arguments.length - 1];
       ${FRAME_PROBE}
       const el = document.querySelector('[data-testid="history-scroller"]');
       let i = 0;
       const step = () => {
         i++;
         el.scrollTop = Math.round((${distance} * i) / ${SCROLL_FRAMES});
         if (i < ${SCROLL_FRAMES}) requestAnimationFrame(step); else done();
       };
       requestAnimationFrame(step);`,
    );
    await waitFor(
      "the rows at the end of the scroll",
      async () =>
        (await session.execute<number>(
          `return document.querySelectorAll('[data-testid="history-row-loading"]').length;`,
        )) === 0 || undefined,
      { timeoutMs: 30_000 },
    );
    const scroll = frameStats(await stopProbe());
    const firstShown = await session.execute<number>(
      `return Math.min(...[...document.querySelectorAll('[data-testid^="history-row-"]')].map((e) => Number(e.dataset.index)));`,
    );

    // Search: typed key by key (the box writes the route after a pause), until the rows are drawn.
    await session.execute(FRAME_PROBE);
    const box = await by("history-search");
    await box.type(SEARCH);
    await waitFor(
      "the search's rows",
      async () =>
        (
          await session.execute<string>(
            `return document.querySelector('[data-testid="history-channel"]')?.textContent ?? "";`,
          )
        ).includes(SEARCH) || undefined,
      { timeoutMs: 30_000 },
    );
    await sleep(300);
    const search = frameStats(await stopProbe());

    const result = {
      theme: e2e.theme,
      sessions: SESSIONS,
      events: EVENTS,
      shownTotal: total,
      openMs,
      open,
      idle,
      scroll: { rows: ROWS_SCROLLED, scrollFrames: SCROLL_FRAMES, firstRowShownAfter: firstShown, ...scroll },
      search,
      ratios: {
        scrollP95OverIdleP95: Math.round((scroll.p95 / idle.p95) * 100) / 100,
        searchP95OverIdleP95: Math.round((search.p95 / idle.p95) * 100) / 100,
      },
    };
    const out = join(process.cwd(), "target", "bench");
    mkdirSync(out, { recursive: true });
    writeFileSync(join(out, "history-scroll.json"), JSON.stringify(result, null, 2) + "\n");
    console.log(`history frame times (ms): ${JSON.stringify(result, null, 2)}`);
    expect(firstShown).toBeGreaterThan(ROWS_SCROLLED - 100);
    expect(scroll.frames).toBeGreaterThan(SCROLL_FRAMES / 2);
  });
});
